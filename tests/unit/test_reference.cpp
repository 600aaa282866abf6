#include "oras/reference.hpp"

#include <doctest/doctest.h>

#include <string>

namespace {

const std::string k_digest =
    "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

oras::Reference parse_ok(const std::string& text)
{
    auto reference = oras::Reference::parse(text);
    INFO(text << ": " << (reference ? std::string() : reference.error().message));
    REQUIRE(reference);
    return *reference;
}

std::string parse_error(const std::string& text)
{
    auto reference = oras::Reference::parse(text);
    INFO(text);
    REQUIRE_FALSE(reference);
    CHECK(reference.error().code == oras::ErrorCode::invalid_argument);
    return reference.error().message;
}

} // namespace

TEST_CASE("oras::Reference::parse")
{
    SUBCASE("registry, repository and tag")
    {
        const auto ref = parse_ok("localhost:5000/a/b:v1.0");
        CHECK(ref.registry == "localhost:5000");
        CHECK(ref.repository == "a/b");
        CHECK(ref.tag == "v1.0");
        CHECK(ref.digest.empty());
        CHECK(ref.reference() == "v1.0");
        CHECK(ref.str() == "localhost:5000/a/b:v1.0");
        CHECK(ref.repository_str() == "localhost:5000/a/b");
    }
    SUBCASE("no tag")
    {
        const auto ref = parse_ok("localhost/foo");
        CHECK(ref.registry == "localhost");
        CHECK(ref.repository == "foo");
        CHECK(ref.tag.empty());
        CHECK(ref.reference().empty());
    }
    SUBCASE("IPv4 and port")
    {
        const auto ref = parse_ok("127.0.0.1:15000/demo/wasm");
        CHECK(ref.registry == "127.0.0.1:15000");
        CHECK(ref.repository == "demo/wasm");
        CHECK(ref.host() == "127.0.0.1:15000");
    }
    SUBCASE("IPv6")
    {
        CHECK(parse_ok("[::1]:5000/x").registry == "[::1]:5000");
        CHECK(parse_ok("[fe80::1]/x:t").registry == "[fe80::1]");
        CHECK(parse_error("[::1/x").find("registry") != std::string::npos);
        CHECK(parse_error("[::g]:5000/x").find("IPv6") != std::string::npos);
        CHECK(parse_error("[::1]5000/x").find("registry") != std::string::npos);
    }
    SUBCASE("ports")
    {
        CHECK(parse_ok("host:1/x").registry == "host:1");
        CHECK(parse_ok("host:65535/x").registry == "host:65535");
        CHECK(parse_error("host:65536/x").find("port") != std::string::npos);
        CHECK(parse_error("host:0/x").find("port") != std::string::npos);
        CHECK(parse_error("host:/x").find("port") != std::string::npos);
        CHECK(parse_error("host:80a/x").find("port") != std::string::npos);
    }
    SUBCASE("registry names")
    {
        CHECK(parse_ok("My-Registry.example.com/x").registry == "My-Registry.example.com");
        CHECK(parse_error("-host/x").find("registry \"-host\"") != std::string::npos);
        CHECK(parse_error("host-/x").find("registry") != std::string::npos);
        CHECK(parse_error("ho_st/x").find("registry") != std::string::npos);
        CHECK(parse_error("a..b/x").find("registry") != std::string::npos);
    }
    SUBCASE("missing registry")
    {
        CHECK(parse_error("x") == "invalid reference \"x\": missing registry (expected "
                                  "registry/repository[:tag|@digest])");
        CHECK(parse_error("alpine:latest").find("missing registry") != std::string::npos);
        CHECK(parse_error("/x").find("missing registry") != std::string::npos);
        CHECK(parse_error("").find("missing registry") != std::string::npos);
    }
    SUBCASE("repository")
    {
        CHECK(parse_ok("h/a.b_c__d--e-f/g").repository == "a.b_c__d--e-f/g");
        CHECK(parse_error("Localhost:5000/Demo") ==
              "invalid reference \"Localhost:5000/Demo\": repository \"Demo\" must be lower case");
        CHECK(parse_error("h/").find("missing repository") != std::string::npos);
        CHECK(parse_error("h/:t").find("missing repository") != std::string::npos);
        CHECK(parse_error("h/a//b").find("empty path component") != std::string::npos);
        CHECK(parse_error("h/a/").find("empty path component") != std::string::npos);
        CHECK(parse_error("h/a..b").find("component \"a..b\"") != std::string::npos);
        CHECK(parse_error("h/a___b").find("repository") != std::string::npos);
        CHECK(parse_error("h/_a").find("repository") != std::string::npos);
        CHECK(parse_error("h/a-").find("repository") != std::string::npos);
        CHECK(parse_error("h/a b").find("repository") != std::string::npos);
    }
    SUBCASE("name length")
    {
        const std::string repo(255 - 2, 'a');
        CHECK(parse_ok("h/" + repo).repository == repo);
        CHECK(parse_error("h/" + repo + "a").find("255") != std::string::npos);
        // Docker Hub's "library/" counts: "docker.io/<245 a>" would print as a name of 263.
        const std::string hub_repo(255 - 10 - 8, 'a');
        CHECK(parse_ok("docker.io/" + hub_repo).str() == "docker.io/library/" + hub_repo);
        CHECK(parse_error("docker.io/" + hub_repo + "a").find("255") != std::string::npos);
    }
    SUBCASE("tags")
    {
        CHECK(parse_ok("h/r:_x").tag == "_x");
        CHECK(parse_ok("h/r:A.b-C_9").tag == "A.b-C_9");
        const std::string max_tag = "a" + std::string(127, 'b');
        CHECK(parse_ok("h/r:" + max_tag).tag == max_tag);
        CHECK(parse_error("h/r:" + max_tag + "c").find("invalid tag") != std::string::npos);
        CHECK(parse_error("h/r:").find("invalid tag \"\"") != std::string::npos);
        CHECK(parse_error("h/r:-bad").find("invalid tag \"-bad\"") != std::string::npos);
        CHECK(parse_error("h/r:.bad").find("invalid tag") != std::string::npos);
        CHECK(parse_error("h/r:a:b").find("invalid tag") != std::string::npos);
        CHECK(parse_error("h/r:t1,t2").find("invalid tag") != std::string::npos);
    }
    SUBCASE("digest")
    {
        const auto ref = parse_ok("h/r@" + k_digest);
        CHECK(ref.digest == k_digest);
        CHECK(ref.tag.empty());
        CHECK(ref.reference() == k_digest);
        CHECK(ref.str() == "h/r@" + k_digest);
    }
    SUBCASE("tag and digest")
    {
        const auto ref = parse_ok("h:5000/r:v1@" + k_digest);
        CHECK(ref.registry == "h:5000");
        CHECK(ref.tag == "v1");
        CHECK(ref.digest == k_digest);
        CHECK(ref.reference() == k_digest);
        CHECK(ref.str() == "h:5000/r:v1@" + k_digest);
    }
    SUBCASE("bad digests")
    {
        CHECK(parse_error("h/r@").find("empty digest") != std::string::npos);
        CHECK(parse_error("h/r@sha256:abc").find("invalid digest") != std::string::npos);
        CHECK(parse_error("h/r@sha256:" + std::string(64, 'A')).find("lower-case") !=
              std::string::npos);
        CHECK(parse_error("h/r@md5:" + std::string(32, 'a')).find("md5") != std::string::npos);
    }
    SUBCASE("docker.io")
    {
        const auto ref = parse_ok("docker.io/alpine:3");
        CHECK(ref.registry == "docker.io");
        CHECK(ref.repository == "library/alpine");
        CHECK(ref.host() == "registry-1.docker.io");
        CHECK(ref.str() == "docker.io/library/alpine:3");

        const auto index = parse_ok("index.docker.io/alpine");
        CHECK(index.repository == "library/alpine");
        CHECK(index.host() == "registry-1.docker.io");

        CHECK(parse_ok("docker.io/user/app").repository == "user/app");
        const auto other = parse_ok("ghcr.io/alpine");
        CHECK(other.repository == "alpine");
        CHECK(other.host() == "ghcr.io");
    }
    SUBCASE("localhost")
    {
        CHECK(parse_ok("localhost/x").is_localhost());
        CHECK(parse_ok("localhost:5000/x").is_localhost());
        CHECK(parse_ok("LocalHost:5000/x").is_localhost());
        CHECK_FALSE(parse_ok("localhost.example/x").is_localhost());
        CHECK_FALSE(parse_ok("127.0.0.1:5000/x").is_localhost());
        CHECK_FALSE(parse_ok("[::1]:5000/x").is_localhost());
    }
}

TEST_CASE("oras::is_valid_tag")
{
    CHECK(oras::is_valid_tag("latest"));
    CHECK(oras::is_valid_tag("_"));
    CHECK(oras::is_valid_tag(std::string(128, 'a')));
    CHECK_FALSE(oras::is_valid_tag(std::string(129, 'a')));
    CHECK_FALSE(oras::is_valid_tag(""));
    CHECK_FALSE(oras::is_valid_tag("-a"));
    CHECK_FALSE(oras::is_valid_tag("a/b"));
    CHECK_FALSE(oras::is_valid_tag("a+b"));
}

TEST_CASE("oras::parse_multi_tag_reference")
{
    SUBCASE("several tags, de-duplicated in order")
    {
        auto multi = oras::parse_multi_tag_reference("localhost:5000/r:t2,t1,t2,t3,t1");
        REQUIRE(multi);
        CHECK(multi->tags == std::vector<std::string>{"t2", "t1", "t3"});
        CHECK(multi->reference.tag == "t2");
        CHECK(multi->reference.registry == "localhost:5000");
        CHECK(multi->reference.repository == "r");
    }
    SUBCASE("no tag")
    {
        auto multi = oras::parse_multi_tag_reference("h/r");
        REQUIRE(multi);
        CHECK(multi->tags.empty());
        CHECK(multi->reference.tag.empty());
    }
    SUBCASE("one tag")
    {
        auto multi = oras::parse_multi_tag_reference("h/r:v1");
        REQUIRE(multi);
        CHECK(multi->tags == std::vector<std::string>{"v1"});
    }
    SUBCASE("digest plus tags")
    {
        auto multi = oras::parse_multi_tag_reference("h/r:a,b@" + k_digest);
        REQUIRE(multi);
        CHECK(multi->tags == std::vector<std::string>{"a", "b"});
        CHECK(multi->reference.digest == k_digest);
    }
    SUBCASE("an invalid tag in the list")
    {
        auto multi = oras::parse_multi_tag_reference("h/r:a,-b");
        REQUIRE_FALSE(multi);
        CHECK(multi.error().code == oras::ErrorCode::invalid_argument);
        CHECK(multi.error().message.find("invalid tag \"-b\"") != std::string::npos);
        CHECK_FALSE(oras::parse_multi_tag_reference("h/r:a,,b"));
        CHECK_FALSE(oras::parse_multi_tag_reference("h/r:a,"));
        CHECK_FALSE(oras::parse_multi_tag_reference("h/r:"));
    }
    SUBCASE("the rest of the reference is still validated")
    {
        CHECK_FALSE(oras::parse_multi_tag_reference("h/R:a,b"));
        CHECK_FALSE(oras::parse_multi_tag_reference("r:a,b"));
    }
}
