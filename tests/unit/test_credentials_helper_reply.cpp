#include "credentials/helper_reply.hpp"

#include <doctest/doctest.h>

using oras::ErrorCode;
using oras::credentials::parse_get_reply;

namespace {

const std::string k_step = "docker-credential-fake get ghcr.io";

} // namespace

TEST_CASE("credentials::parse_get_reply")
{
    SUBCASE("a username and password")
    {
        auto credential = parse_get_reply(
            R"({"ServerURL":"https://ghcr.io","Username":"octo","Secret":"s3cret"})", k_step);
        REQUIRE(credential);
        CHECK(credential->username == "octo");
        CHECK(credential->password == "s3cret");
        CHECK(credential->identity_token.empty());
    }
    SUBCASE("username <token> gives an identity token")
    {
        auto credential = parse_get_reply(R"({"Username":"<token>","Secret":"refresh"})", k_step);
        REQUIRE(credential);
        CHECK(credential->username.empty());
        CHECK(credential->password.empty());
        CHECK(credential->identity_token == "refresh");
    }
    SUBCASE("absent and null members read as empty, unknown ones are ignored")
    {
        auto credential = parse_get_reply(R"({"Username":null,"Extra":[1]})", k_step);
        REQUIRE(credential);
        CHECK(credential->empty());
    }
    SUBCASE("anything else fails without quoting the reply")
    {
        for (const char* reply : {R"({"Username":"u","Secret":7})",
                                  R"(["s3cret"])",
                                  R"({"Username":"u","Secret":"s3cret")",
                                  "s3cret"}) {
            CAPTURE(reply);
            auto credential = parse_get_reply(reply, k_step);
            REQUIRE_FALSE(credential);
            CHECK(credential.error().code == ErrorCode::invalid_format);
            CHECK(credential.error().message.rfind(k_step + ": ", 0) == 0);
            CHECK(credential.error().message.find("s3cret") == std::string::npos);
        }
    }
}
