#include "oras/ops/sync.hpp"

#include "test_util.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using Strings = std::vector<std::string>;

namespace {

Strings parsed(const std::string& text)
{
    auto result = oras::ops::parse_sync_list(text, "list");
    REQUIRE_MESSAGE(result, (result ? std::string() : result.error().message));
    return std::move(result).value();
}

} // namespace

TEST_CASE("ops::parse_sync_list")
{
    SUBCASE("one reference a line; blank lines, comments and repeats dropped")
    {
        CHECK(parsed("# filters\n\nlocalhost:5000/a:v1\r\n  localhost:5000/b@sha256:"
                     "0000000000000000000000000000000000000000000000000000000000000000  # pin\n"
                     "localhost:5000/a:v1\n\tnot-a-reference\n") ==
              Strings{"localhost:5000/a:v1",
                      "localhost:5000/b@sha256:"
                      "0000000000000000000000000000000000000000000000000000000000000000",
                      "not-a-reference"});
    }

    SUBCASE("a line of two words is refused with its number")
    {
        const auto result = oras::ops::parse_sync_list("a:v1\nb:v1 c:v1\n", "list.txt");
        REQUIRE_FALSE(result);
        CHECK(result.error().message == "list.txt: line 2: not one reference (white space or a "
                                        "control character inside)");
    }

    SUBCASE("an empty list is refused")
    {
        for (const std::string text : {"", "# nothing\n\n", "kind: ConfigMap\ndata: {}\n"}) {
            CAPTURE(text);
            const auto result = oras::ops::parse_sync_list(text, "list");
            REQUIRE_FALSE(result);
            CHECK(result.error().message.find("lists no reference") != std::string::npos);
        }
    }

    SUBCASE("a ConfigMap in YAML: each value a reference, or several a line, in key order")
    {
        CHECK(parsed("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: filters\ndata:\n"
                     "  z-header: localhost:5000/filters/header:v1\n"
                     "  a-more: |\n    # two more\n    localhost:5000/a:v1\n"
                     "    localhost:5000/b:v1\n") == Strings{"localhost:5000/a:v1",
                                                             "localhost:5000/b:v1",
                                                             "localhost:5000/filters/header:v1"});
    }

    SUBCASE("a ConfigMap in JSON")
    {
        CHECK(parsed(R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"f"},)"
                     R"("data":{"list":"localhost:5000/a:v1\nlocalhost:5000/b:v1\n"}})") ==
              Strings{"localhost:5000/a:v1", "localhost:5000/b:v1"});
    }

    SUBCASE("another kind, or a manifest that cannot be read, is refused")
    {
        for (const std::string text : {"kind: Secret\ndata:\n  a: b\n",
                                       "data:\n  a: b\n",
                                       "{\"kind\":\"Pod\"}",
                                       "kind: ConfigMap\ndata:\n  a:\n    b: c\n",
                                       "{\"kind\":\"ConfigMap\",\"data\":{\"a\":1}}",
                                       "kind: ConfigMap\ndata:\n  a: x y\n"}) {
            CAPTURE(text);
            CHECK_FALSE(oras::ops::parse_sync_list(text, "list"));
        }
    }

    SUBCASE("the refusal quotes a kind name, never other content of the file")
    {
        const auto pod = oras::ops::parse_sync_list("{\"kind\":\"Pod\"}", "list");
        REQUIRE_FALSE(pod);
        CHECK(pod.error().message == "list: a Kubernetes Pod, not a ConfigMap");
        const auto odd =
            oras::ops::parse_sync_list("{\"kind\":\"S3CR3T-CANARY\",\"data\":{}}", "list");
        REQUIRE_FALSE(odd);
        CHECK(odd.error().message.find("list: ") == 0);
        CHECK(odd.error().message.find("S3CR3T") == std::string::npos);
    }
}

TEST_CASE("ops::read_sync_list")
{
    const auto dir = coras_test::temp_dir("sync_list");
    coras_test::write_file(dir / "list.txt", "localhost:5000/a:v1\n");
    const auto list = oras::ops::read_sync_list(dir / "list.txt");
    REQUIRE(list);
    CHECK(*list == Strings{"localhost:5000/a:v1"});
    const auto missing = oras::ops::read_sync_list(dir / "missing.txt");
    REQUIRE_FALSE(missing);
    CHECK(missing.error().code == oras::ErrorCode::not_found);
}

TEST_CASE("ops::sync_link_name")
{
    CHECK(oras::ops::sync_link_name("localhost:5000/filters/header:v1") ==
          "localhost_5000_filters_header_v1.wasm");
    CHECK(oras::ops::sync_link_name(
              "ghcr.io/org/f@sha256:"
              "abcdef0000000000000000000000000000000000000000000000000000000000") ==
          "ghcr.io_org_f_sha256-abcdef0000000000000000000000000000000000000000000000000000000000."
          "wasm");
    CHECK(oras::ops::sync_link_name("r/x:v1@sha256:ab") == "r_x_v1_sha256-ab.wasm");
    // Nothing that could leave the directory or hide.
    for (const std::string text : {"../../etc/passwd", "..", ".hidden", "a/../../b", "x\ny"}) {
        CAPTURE(text);
        const auto name = oras::ops::sync_link_name(text);
        CHECK(name.find('/') == std::string::npos);
        CHECK(name.front() != '.');
        CHECK(name.find('\n') == std::string::npos);
    }
    // Long references are cut, and stay apart.
    const std::string long_a = "localhost:5000/" + std::string(300, 'a') + ":v1";
    const std::string long_b = "localhost:5000/" + std::string(300, 'a') + ":v2";
    CHECK(oras::ops::sync_link_name(long_a).size() <= 205);
    CHECK(oras::ops::sync_link_name(long_a) != oras::ops::sync_link_name(long_b));
}

TEST_CASE("ops::is_sync_module_name")
{
    CHECK(oras::ops::is_sync_module_name(std::string(64, 'a') + ".wasm"));
    CHECK(oras::ops::is_sync_module_name(std::string(128, '0') + ".wasm"));
    CHECK_FALSE(oras::ops::is_sync_module_name(std::string(64, 'A') + ".wasm"));
    CHECK_FALSE(oras::ops::is_sync_module_name(std::string(63, 'a') + ".wasm"));
    CHECK_FALSE(oras::ops::is_sync_module_name(std::string(64, 'a') + ".wasm.tmp"));
    CHECK_FALSE(oras::ops::is_sync_module_name("plugin.wasm"));
    CHECK_FALSE(oras::ops::is_sync_module_name(".wasm"));
}
