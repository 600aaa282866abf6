// --resolve entries.
#include "http/resolve_entries.hpp"

#include <doctest/doctest.h>

namespace http = oras::http;
using oras::ErrorCode;

TEST_CASE("http::parse_resolve_entries")
{
    SUBCASE("each entry becomes a connect-to line, address_port defaulting to port")
    {
        auto parsed = http::parse_resolve_entries(
            {"registry.test:443:127.0.0.1", "r.test:80:[::1]:5000", "[::2]:443:10.0.0.1"});
        REQUIRE(parsed);
        CHECK(*parsed == std::vector<std::string>{"registry.test:443:127.0.0.1:443",
                                                  "r.test:80:[::1]:5000",
                                                  "[::2]:443:10.0.0.1:443"});
    }

    SUBCASE("malformed entries are refused, naming the entry")
    {
        for (const char* entry : {"registry.test",
                                  "registry.test:443",
                                  ":443:127.0.0.1",
                                  "r:0:127.0.0.1",
                                  "r:65536:127.0.0.1",
                                  "r:443:localhost",
                                  "r:443:127.0.0.1:x",
                                  "r:443:::1",
                                  "r:443:1.2.3.4:5:6"}) {
            CAPTURE(entry);
            auto parsed = http::parse_resolve_entries({entry});
            REQUIRE_FALSE(parsed);
            CHECK(parsed.error().code == ErrorCode::invalid_argument);
            CHECK(parsed.error().message.find(std::string("\"") + entry + "\"") !=
                  std::string::npos);
        }
    }
}
