// The RFC 8288 Link header parser used to page tag lists and catalogs.
#include "registry/link_header.hpp"

#include <doctest/doctest.h>

using oras::ErrorCode;
using oras::registry::next_link;

TEST_CASE("registry::next_link")
{
    SUBCASE("no header, or no next relation")
    {
        auto none = next_link({});
        REQUIRE(none);
        CHECK_FALSE(none->has_value());
        auto prev = next_link({R"(</v2/x/tags/list?last=a>; rel="prev")"});
        REQUIRE(prev);
        CHECK_FALSE(prev->has_value());
    }
    SUBCASE("distribution's form")
    {
        auto next = next_link({R"(</v2/_catalog?last=demo%2Fother&n=2>; rel="next")"});
        REQUIRE(next);
        CHECK(next->value() == "/v2/_catalog?last=demo%2Fother&n=2");
    }
    SUBCASE("a token rel, other parameters, case and spaces")
    {
        auto next = next_link(
            {R"(  <https://r.example/v2/x/tags/list?n=1&last=b> ;title="a;b,c" ; REL=Next)"});
        REQUIRE(next);
        CHECK(next->value() == "https://r.example/v2/x/tags/list?n=1&last=b");
    }
    SUBCASE("several link-values in one header and over several headers")
    {
        auto next = next_link({R"(</first>; rel="prev", </second>; rel="next last")"});
        REQUIRE(next);
        CHECK(next->value() == "/second");
        auto split = next_link({R"(</a>; rel=prev)", R"(</b>; rel=next)"});
        REQUIRE(split);
        CHECK(split->value() == "/b");
    }
    SUBCASE("only the first rel parameter counts")
    {
        auto next = next_link({R"(</a>; rel=prev; rel=next)"});
        REQUIRE(next);
        CHECK_FALSE(next->has_value());
    }
    SUBCASE("malformed values fail")
    {
        for (const char* bad : {"/v2/x; rel=next", "</v2/x; rel=next", R"(</a>; rel="next)"}) {
            CAPTURE(bad);
            auto next = next_link({bad});
            REQUIRE_FALSE(next);
            CHECK(next.error().code == ErrorCode::invalid_format);
            CHECK(next.error().message.find("Link") != std::string::npos);
        }
    }
    SUBCASE("two different next links fail; the same one twice does not")
    {
        auto two = next_link({R"(</a>; rel=next, </b>; rel=next)"});
        REQUIRE_FALSE(two);
        CHECK(two.error().code == ErrorCode::invalid_format);
        auto same = next_link({R"(</a>; rel=next)", R"(</a>; rel=next)"});
        REQUIRE(same);
        CHECK(same->value() == "/a");
    }
}
