// Which proxy a request goes through, from a scripted environment.
#include "http/proxy_env.hpp"

#include <doctest/doctest.h>

#include <map>
#include <string>

namespace http = oras::http;

namespace {

http::EnvLookup environment(std::map<std::string, std::string> values)
{
    return [values = std::move(values)](const char* name) -> std::optional<std::string> {
        const auto found = values.find(name);
        if (found == values.end()) {
            return std::nullopt;
        }
        return found->second;
    };
}

http::UrlParts url(const char* text)
{
    auto parts = http::split_url(text);
    REQUIRE(parts);
    return *parts;
}

} // namespace

TEST_CASE("http::proxy_for")
{
    SUBCASE("no variable: direct")
    {
        CHECK_FALSE(http::proxy_for(url("https://r.example/v2/"), environment({})));
    }

    SUBCASE("per scheme, then ALL_PROXY; http_proxy in lower case only")
    {
        const auto env = environment({{"https_proxy", "http://p:3128"},
                                      {"HTTP_PROXY", "http://ignored:1"},
                                      {"ALL_PROXY", "socks5://all:1080"}});
        CHECK(http::proxy_for(url("https://r.example/"), env) == "http://p:3128");
        CHECK(http::proxy_for(url("http://r.example/"), env) == "socks5://all:1080");
        CHECK(http::proxy_for(url("http://r.example/"),
                              environment({{"http_proxy", "http://lower:1"}})) == "http://lower:1");
        CHECK(http::proxy_for(url("https://r.example/"),
                              environment({{"HTTPS_PROXY", "http://upper:1"}})) ==
              "http://upper:1");
        CHECK_FALSE(http::proxy_for(url("https://r.example/"), environment({{"https_proxy", ""}})));
    }

    SUBCASE("NO_PROXY: *, names and domain suffixes, IP addresses and CIDR blocks")
    {
        const auto with = [](const char* no_proxy) {
            return environment({{"https_proxy", "http://p:3128"}, {"NO_PROXY", no_proxy}});
        };
        CHECK_FALSE(http::proxy_for(url("https://r.example/"), with("*")));
        CHECK_FALSE(http::proxy_for(url("https://r.example/"), with("other.test, r.example")));
        CHECK_FALSE(http::proxy_for(url("https://a.corp.example/"), with(".corp.example")));
        CHECK_FALSE(http::proxy_for(url("https://a.corp.example/"), with("corp.example")));
        CHECK(http::proxy_for(url("https://notcorp.example/"), with("corp.example")));
        CHECK_FALSE(http::proxy_for(url("https://127.0.0.1:5000/"), with("127.0.0.1")));
        CHECK_FALSE(http::proxy_for(url("https://10.1.2.3/"), with("localhost,10.0.0.0/8")));
        CHECK(http::proxy_for(url("https://11.1.2.3/"), with("10.0.0.0/8")));
        CHECK_FALSE(http::proxy_for(url("https://[fd00::5]/"), with("fd00::/8")));
        CHECK(http::proxy_for(url("https://[fe80::5]/"), with("fd00::/8")));
        CHECK(http::proxy_for(url("https://10.1.2.3/"), with("10.0.0.0/40")));
    }
}
