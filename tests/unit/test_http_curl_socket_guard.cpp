// What the socket guard learns about the registry, and what it lets through.
#include "http/curl_socket_guard.hpp"

#include <doctest/doctest.h>

namespace http = oras::http;
using http::AddressClass;

TEST_CASE("http::RegistryAddress")
{
    http::RegistryAddress address;
    CHECK_FALSE(address.get());
    address.record(AddressClass::loopback);
    address.record(AddressClass::loopback);
    CHECK(address.get() == AddressClass::loopback);
    // Connections that disagree teach nothing: the registry counts as public.
    address.record(AddressClass::private_use);
    CHECK_FALSE(address.get());
    address.record(AddressClass::loopback);
    CHECK_FALSE(address.get());
}

TEST_CASE("http::learn_registry_address")
{
    http::RegistryAddress address;
    http::SocketGuard guard{
        &address, http::Destination::registry, http::Route::direct, "GET x", std::nullopt};

    SUBCASE("only from a direct exchange with the registry")
    {
        http::SocketGuard other = guard;
        other.destination = http::Destination::other;
        http::learn_registry_address(other, "10.0.0.1");
        http::SocketGuard proxied = guard;
        proxied.route = http::Route::proxy;
        http::learn_registry_address(proxied, "127.0.0.1");
        http::learn_registry_address(guard, "");
        http::learn_registry_address(guard, nullptr);
        CHECK_FALSE(address.get());
        http::learn_registry_address(guard, "::1");
        CHECK(address.get() == AddressClass::loopback);
    }

    SUBCASE("an IP literal elsewhere is judged against what was learnt")
    {
        http::SocketGuard realm = guard;
        realm.destination = http::Destination::other;
        CHECK_FALSE(http::check_host_literal(realm, "[::1]"));
        http::learn_registry_address(guard, "127.0.0.1");
        CHECK(http::check_host_literal(realm, "[::1]"));
        CHECK(http::check_host_literal(realm, "auth.example"));
        const auto refused = http::check_host_literal(realm, "0xa9fea9fe");
        REQUIRE_FALSE(refused);
        CHECK(refused.error().code == oras::ErrorCode::forbidden);
        CHECK(refused.error().message == "GET x: refusing to connect to 0xa9fea9fe, a link-local "
                                         "address, for a registry on a loopback address");
    }
}
