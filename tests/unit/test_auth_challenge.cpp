#include "auth/challenge.hpp"

#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

using namespace oras::auth;

namespace {

using Params = std::vector<std::pair<std::string, std::string>>;

std::vector<Challenge> parse(const std::string& value)
{
    return parse_challenges({value});
}

} // namespace

TEST_CASE("auth::parse_challenges")
{
    SUBCASE("distribution's Bearer challenge with a quoted comma in the scope")
    {
        const auto challenges =
            parse(R"(Bearer realm="http://127.0.0.1:15003/token",service="reglab-registry",)"
                  R"(scope="repository:demo/wasm:pull,push",error="insufficient_scope")");
        REQUIRE(challenges.size() == 1);
        CHECK(challenges[0].scheme == Scheme::bearer);
        CHECK(challenges[0].scheme_name == "Bearer");
        CHECK(challenges[0].params == Params{{"realm", "http://127.0.0.1:15003/token"},
                                             {"service", "reglab-registry"},
                                             {"scope", "repository:demo/wasm:pull,push"},
                                             {"error", "insufficient_scope"}});
    }

    SUBCASE("distribution's Basic challenge")
    {
        const auto challenges = parse(R"(Basic realm="reglab-basic")");
        REQUIRE(challenges.size() == 1);
        CHECK(challenges[0].scheme == Scheme::basic);
        CHECK(challenges[0].params == Params{{"realm", "reglab-basic"}});
    }

    SUBCASE("several challenges in one header value")
    {
        const auto challenges = parse(
            R"(Bearer realm="http://a/token",service="reg",)"
            R"(scope="repository:demo/wasm:pull,push repository:demo/other:pull", Basic realm="x")");
        REQUIRE(challenges.size() == 2);
        CHECK(challenges[0].scheme == Scheme::bearer);
        CHECK(challenges[0].params ==
              Params{{"realm", "http://a/token"},
                     {"service", "reg"},
                     {"scope", "repository:demo/wasm:pull,push repository:demo/other:pull"}});
        CHECK(challenges[1].scheme == Scheme::basic);
        CHECK(challenges[1].params == Params{{"realm", "x"}});
    }

    SUBCASE("several header values, in order")
    {
        const auto challenges =
            parse_challenges({R"(Basic realm="one")", R"(Bearer realm="two", service=reg)"});
        REQUIRE(challenges.size() == 2);
        CHECK(challenges[0].scheme == Scheme::basic);
        CHECK(challenges[0].param("realm") == "one");
        CHECK(challenges[1].scheme == Scheme::bearer);
        CHECK(challenges[1].params == Params{{"realm", "two"}, {"service", "reg"}});
    }

    SUBCASE("a challenge does not carry over into the next header value")
    {
        const auto challenges = parse_challenges({"Basic", R"(realm="x")"});
        REQUIRE(challenges.size() == 1);
        CHECK(challenges[0].params.empty());
    }

    SUBCASE("scheme names are case-insensitive and kept as sent")
    {
        const auto challenges = parse("basic realm=a, BEARER realm=b, bEaReR, Digest realm=c");
        REQUIRE(challenges.size() == 4);
        CHECK(challenges[0].scheme == Scheme::basic);
        CHECK(challenges[0].scheme_name == "basic");
        CHECK(challenges[1].scheme == Scheme::bearer);
        CHECK(challenges[1].scheme_name == "BEARER");
        CHECK(challenges[2].scheme == Scheme::bearer);
        CHECK(challenges[2].scheme_name == "bEaReR");
        CHECK(challenges[2].params.empty());
        CHECK(challenges[3].scheme == Scheme::other);
        CHECK(challenges[3].scheme_name == "Digest");
        CHECK(challenges[3].param("realm") == "c");
    }

    SUBCASE("parameter names are lower-cased, values kept as sent")
    {
        const auto challenges = parse(R"(Bearer REALM="Http://A/Token",Service=Reg)");
        REQUIRE(challenges.size() == 1);
        CHECK(challenges[0].params == Params{{"realm", "Http://A/Token"}, {"service", "Reg"}});
    }

    SUBCASE("quoted strings keep commas, spaces and equals signs and unescape quoted-pairs")
    {
        const auto challenges = parse(R"(Bearer realm="a, b = c", error="say \"hi\" \\ \x")");
        REQUIRE(challenges.size() == 1);
        CHECK(challenges[0].params == Params{{"realm", "a, b = c"}, {"error", R"(say "hi" \ x)"}});
    }

    SUBCASE("an empty quoted string is an empty value")
    {
        const auto challenges = parse(R"(Bearer realm="", service=s)");
        REQUIRE(challenges.size() == 1);
        CHECK(challenges[0].params == Params{{"realm", ""}, {"service", "s"}});
    }

    SUBCASE("optional whitespace around '=' and ',' and empty list elements")
    {
        const auto challenges =
            parse(" ,, Bearer \t realm = \"r\" ,\t,service=\t s ,  , Basic realm =x ,, ");
        REQUIRE(challenges.size() == 2);
        CHECK(challenges[0].scheme == Scheme::bearer);
        CHECK(challenges[0].params == Params{{"realm", "r"}, {"service", "s"}});
        CHECK(challenges[1].scheme == Scheme::basic);
        CHECK(challenges[1].params == Params{{"realm", "x"}});
    }

    SUBCASE("a challenge without parameters")
    {
        const auto challenges = parse("Basic, Bearer");
        REQUIRE(challenges.size() == 2);
        CHECK(challenges[0].scheme == Scheme::basic);
        CHECK(challenges[0].params.empty());
        CHECK(challenges[1].scheme == Scheme::bearer);
        CHECK(challenges[1].params.empty());
    }

    SUBCASE("a token68 challenge has no params and ends at its comma")
    {
        const auto challenges = parse(R"(Negotiate abc/+x==, Basic realm="x")");
        REQUIRE(challenges.size() == 2);
        CHECK(challenges[0].scheme == Scheme::other);
        CHECK(challenges[0].scheme_name == "Negotiate");
        CHECK(challenges[0].params.empty());
        CHECK(challenges[1].scheme == Scheme::basic);
        CHECK(challenges[1].params == Params{{"realm", "x"}});
    }

    SUBCASE("a parameter after a token68 belongs to no challenge")
    {
        const auto challenges = parse(R"(Negotiate abc==, realm="x")");
        REQUIRE(challenges.size() == 1);
        CHECK(challenges[0].params.empty());
    }

    SUBCASE("an unterminated quote loses the rest of its value only")
    {
        const auto challenges = parse_challenges(
            {R"(Bearer service="reg", realm="http://a/token, Basic realm="x")", "Basic"});
        REQUIRE(challenges.size() == 2);
        CHECK(challenges[0].scheme == Scheme::bearer);
        CHECK(challenges[0].params == Params{{"service", "reg"}});
        CHECK(challenges[1].scheme == Scheme::basic);
    }

    SUBCASE("an unterminated quote at the end drops only its parameter")
    {
        const auto challenges = parse(R"(Bearer service=s, realm="http://a/token)");
        REQUIRE(challenges.size() == 1);
        CHECK(challenges[0].params == Params{{"service", "s"}});
    }

    SUBCASE("a backslash at the very end leaves the quote unterminated")
    {
        const auto challenges = parse(R"(Basic realm="x\)");
        REQUIRE(challenges.size() == 1);
        CHECK(challenges[0].params.empty());
    }

    SUBCASE("a parameter before any scheme is dropped")
    {
        const auto challenges = parse(R"(realm="x", Basic realm="y")");
        REQUIRE(challenges.size() == 1);
        CHECK(challenges[0].scheme == Scheme::basic);
        CHECK(challenges[0].params == Params{{"realm", "y"}});
    }

    SUBCASE("malformed parameters are skipped up to the next comma")
    {
        const auto challenges =
            parse(R"(Bearer realm=http://a/token, a="1"junk, b=, c="2" "3", service="s")");
        REQUIRE(challenges.size() == 1);
        CHECK(challenges[0].params == Params{{"service", "s"}});
    }

    SUBCASE("stray characters between elements are skipped")
    {
        const auto challenges = parse(R"(= "x,y" ;, Basic realm="r", @@, Bearer)");
        REQUIRE(challenges.size() == 2);
        CHECK(challenges[0].scheme == Scheme::basic);
        CHECK(challenges[0].params == Params{{"realm", "r"}});
        CHECK(challenges[1].scheme == Scheme::bearer);
    }

    SUBCASE("a quote right after the scheme is skipped")
    {
        const auto challenges = parse(R"(Basic"x", service=s)");
        REQUIRE(challenges.size() == 1);
        CHECK(challenges[0].scheme == Scheme::basic);
        CHECK(challenges[0].params == Params{{"service", "s"}});
    }

    SUBCASE("empty input")
    {
        CHECK(parse_challenges({}).empty());
        CHECK(parse("").empty());
        CHECK(parse(" , ,\t").empty());
    }

    SUBCASE("bytes outside ASCII do not stop the parser")
    {
        const auto challenges = parse("\xff\xfe, Basic realm=\"caf\xc3\xa9\"");
        REQUIRE(challenges.size() == 1);
        CHECK(challenges[0].param("realm") == "caf\xc3\xa9");
    }
}

TEST_CASE("auth::Challenge::param")
{
    Challenge challenge;
    challenge.params = {{"realm", "first"}, {"service", "reg"}, {"realm", "second"}};

    CHECK(challenge.param("realm") == "first");
    CHECK(challenge.param("service") == "reg");
    CHECK(challenge.param("REALM") == "first");
    CHECK_FALSE(challenge.param("scope").has_value());
    CHECK_FALSE(challenge.param("").has_value());
    CHECK_FALSE(Challenge{}.param("realm").has_value());
}
