// Address classes and the rule for connections that are not to the registry.
#include "http/address_class.hpp"

#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <cstring>
#include <string>

namespace http = oras::http;
using http::AddressClass;

namespace {

sockaddr_storage v4(const char* text)
{
    sockaddr_storage storage{};
    sockaddr_in address{};
    address.sin_family = AF_INET;
    REQUIRE(::inet_pton(AF_INET, text, &address.sin_addr) == 1);
    std::memcpy(&storage, &address, sizeof address);
    return storage;
}

sockaddr_storage v6(const char* text)
{
    sockaddr_storage storage{};
    sockaddr_in6 address{};
    address.sin6_family = AF_INET6;
    REQUIRE(::inet_pton(AF_INET6, text, &address.sin6_addr) == 1);
    std::memcpy(&storage, &address, sizeof address);
    return storage;
}

} // namespace

TEST_CASE("http::classify_address")
{
    SUBCASE("IPv4 blocks")
    {
        CHECK(http::classify_address(v4("127.0.0.1")) == AddressClass::loopback);
        CHECK(http::classify_address(v4("127.255.0.9")) == AddressClass::loopback);
        CHECK(http::classify_address(v4("10.1.2.3")) == AddressClass::private_use);
        CHECK(http::classify_address(v4("172.16.0.1")) == AddressClass::private_use);
        CHECK(http::classify_address(v4("172.31.255.255")) == AddressClass::private_use);
        CHECK(http::classify_address(v4("172.32.0.1")) == AddressClass::global);
        CHECK(http::classify_address(v4("192.168.1.1")) == AddressClass::private_use);
        CHECK(http::classify_address(v4("169.254.169.254")) == AddressClass::link_local);
        CHECK(http::classify_address(v4("100.64.0.1")) == AddressClass::shared);
        CHECK(http::classify_address(v4("100.127.255.254")) == AddressClass::shared);
        CHECK(http::classify_address(v4("100.128.0.1")) == AddressClass::global);
        CHECK(http::classify_address(v4("0.0.0.0")) == AddressClass::unspecified);
        CHECK(http::classify_address(v4("0.1.2.3")) == AddressClass::unspecified);
        CHECK(http::classify_address(v4("224.0.0.1")) == AddressClass::reserved);
        CHECK(http::classify_address(v4("255.255.255.255")) == AddressClass::reserved);
        CHECK(http::classify_address(v4("8.8.8.8")) == AddressClass::global);
        CHECK(http::classify_address(v4("203.0.113.7")) == AddressClass::global);
    }

    SUBCASE("IPv6 blocks, and IPv4 inside IPv6 counts as the IPv4 address")
    {
        CHECK(http::classify_address(v6("::1")) == AddressClass::loopback);
        CHECK(http::classify_address(v6("::")) == AddressClass::unspecified);
        CHECK(http::classify_address(v6("fd00::1")) == AddressClass::private_use);
        CHECK(http::classify_address(v6("fc12:3456::1")) == AddressClass::private_use);
        CHECK(http::classify_address(v6("fe80::1")) == AddressClass::link_local);
        CHECK(http::classify_address(v6("febf::1")) == AddressClass::link_local);
        CHECK(http::classify_address(v6("ff02::1")) == AddressClass::reserved);
        CHECK(http::classify_address(v6("2001:db8::1")) == AddressClass::global);
        CHECK(http::classify_address(v6("::ffff:169.254.169.254")) == AddressClass::link_local);
        CHECK(http::classify_address(v6("::ffff:127.0.0.1")) == AddressClass::loopback);
        CHECK(http::classify_address(v6("::ffff:8.8.8.8")) == AddressClass::global);
        CHECK(http::classify_address(v6("::10.0.0.1")) == AddressClass::private_use);
        CHECK(http::classify_address(v6("64:ff9b::a9fe:a9fe")) == AddressClass::link_local);
        CHECK(http::classify_address(v6("64:ff9b:1::a9fe:a9fe")) == AddressClass::link_local);
        CHECK(http::classify_address(v6("64:ff9b::808:808")) == AddressClass::global);
        CHECK(http::classify_address(v6("fec0::1")) == AddressClass::private_use);
        CHECK(http::classify_address(v6("2002:a9fe:a9fe::1")) == AddressClass::link_local);
        CHECK(http::classify_address(v6("2002:0808:0808::1")) == AddressClass::global);
    }
}

TEST_CASE("http::classify_host_literal")
{
    SUBCASE("every IPv4 notation a URL parser accepts")
    {
        for (const char* host : {"169.254.169.254",
                                 "0xa9fea9fe",
                                 "0xA9FEA9FE",
                                 "2852039166",
                                 "0251.0376.0251.0376",
                                 "169.254.43518",
                                 "0xa9.0xfe.0xa9.0xfe",
                                 "169.16689662",
                                 "169.254.169.254."}) {
            CAPTURE(host);
            CHECK(http::classify_host_literal(host) == AddressClass::link_local);
        }
        CHECK(http::classify_host_literal("127.1") == AddressClass::loopback);
        CHECK(http::classify_host_literal("0") == AddressClass::unspecified);
        CHECK(http::classify_host_literal("012.0.0.1") == AddressClass::private_use);
        CHECK(http::classify_host_literal("0x7f000001") == AddressClass::loopback);
    }

    SUBCASE("IPv6 literals in brackets, zone IDs included")
    {
        CHECK(http::classify_host_literal("[::1]") == AddressClass::loopback);
        CHECK(http::classify_host_literal("[::ffff:a9fe:a9fe]") == AddressClass::link_local);
        CHECK(http::classify_host_literal("[::ffff:169.254.169.254]") == AddressClass::link_local);
        CHECK(http::classify_host_literal("[fe80::1%25eth0]") == AddressClass::link_local);
        CHECK(http::classify_host_literal("[fd12::9]") == AddressClass::private_use);
        CHECK(http::classify_host_literal("[2001:db8::5]") == AddressClass::global);
    }

    SUBCASE("host names are not literals")
    {
        CHECK_FALSE(http::classify_host_literal("localhost"));
        CHECK_FALSE(http::classify_host_literal("metadata.google.internal"));
        CHECK_FALSE(http::classify_host_literal("0x.example"));
        CHECK_FALSE(http::classify_host_literal(""));
        CHECK_FALSE(http::classify_host_literal("[not-v6]"));
    }
}

TEST_CASE("http::may_connect")
{
    SUBCASE("a public address always")
    {
        CHECK(http::may_connect(AddressClass::global, std::nullopt));
        CHECK(http::may_connect(AddressClass::global, AddressClass::loopback));
    }

    SUBCASE("an internal address only for a registry on one of the same class")
    {
        CHECK_FALSE(http::may_connect(AddressClass::loopback, std::nullopt));
        CHECK_FALSE(http::may_connect(AddressClass::loopback, AddressClass::global));
        CHECK(http::may_connect(AddressClass::loopback, AddressClass::loopback));
        CHECK(http::may_connect(AddressClass::private_use, AddressClass::private_use));
        CHECK_FALSE(http::may_connect(AddressClass::link_local, AddressClass::loopback));
        CHECK_FALSE(http::may_connect(AddressClass::link_local, AddressClass::private_use));
        CHECK_FALSE(http::may_connect(AddressClass::unspecified, AddressClass::loopback));
        CHECK_FALSE(http::may_connect(AddressClass::shared, AddressClass::private_use));
        CHECK_FALSE(http::may_connect(AddressClass::private_use, AddressClass::loopback));
    }

    SUBCASE("multicast and reserved never")
    {
        CHECK_FALSE(http::may_connect(AddressClass::reserved, AddressClass::reserved));
    }
}

TEST_CASE("http::describe")
{
    CHECK(http::describe(AddressClass::link_local) == "a link-local address");
    CHECK(http::describe(AddressClass::global) == "a public address");
}
