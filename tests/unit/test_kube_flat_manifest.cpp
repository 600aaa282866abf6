#include "kube/flat_manifest.hpp"

#include <doctest/doctest.h>

#include <random>
#include <string>

namespace {

oras::kube::FlatManifest parsed(const std::string& text)
{
    auto result = oras::kube::parse_yaml_manifest(text, "cm.yaml");
    REQUIRE_MESSAGE(result, (result ? std::string() : result.error().message));
    return std::move(result).value();
}

std::string error_of(const std::string& text)
{
    const auto result = oras::kube::parse_yaml_manifest(text, "cm.yaml");
    REQUIRE_FALSE(result);
    CHECK(result.error().code == oras::ErrorCode::invalid_format);
    return result.error().message;
}

} // namespace

TEST_CASE("kube::parse_yaml_manifest")
{
    SUBCASE("a ConfigMap as kubectl writes it")
    {
        const auto manifest = parsed("---\n"
                                     "# the filters of this node\n"
                                     "apiVersion: v1\n"
                                     "kind: ConfigMap\n"
                                     "metadata:\n"
                                     "  name: wasm-filters\n"
                                     "  labels:\n"
                                     "    app: coras\n"
                                     "  annotations: {a: b}\n"
                                     "data:\n"
                                     "  header: localhost:5000/filters/header:v1   # pinned\n"
                                     "  \"quoted\": 'it''s'\n"
                                     "  escaped: \"a\\tb\\u00e9\"\n"
                                     "  list: |\n"
                                     "    localhost:5000/a:v1\n"
                                     "\n"
                                     "    localhost:5000/b:v1\n"
                                     "  stripped: |-\n"
                                     "    x\n"
                                     "  kept: |+\n"
                                     "    y\n"
                                     "\n"
                                     "  indented: |2\n"
                                     "      z\n");
        CHECK(manifest.scalar("apiVersion") == "v1");
        CHECK(manifest.scalar("kind") == "ConfigMap");
        CHECK_FALSE(manifest.scalar("metadata"));
        const auto data = manifest.string_map("data");
        REQUIRE(data);
        REQUIRE(*data);
        const auto& map = **data;
        CHECK(map.size() == 7);
        CHECK(map.at("header") == "localhost:5000/filters/header:v1");
        CHECK(map.at("quoted") == "it's");
        CHECK(map.at("escaped") == "a\tb\xC3\xA9");
        CHECK(map.at("list") == "localhost:5000/a:v1\n\nlocalhost:5000/b:v1\n");
        CHECK(map.at("stripped") == "x");
        CHECK(map.at("kept") == "y\n\n");
        CHECK(map.at("indented") == "  z\n");
        // metadata nests deeper than a mapping of strings: asking for it says so.
        const auto metadata = manifest.string_map("metadata");
        REQUIRE_FALSE(metadata);
        CHECK(metadata.error().message.find("line 7") != std::string::npos);
    }

    SUBCASE("absent, empty and null mappings")
    {
        const auto manifest = parsed("kind: ConfigMap\ndata: {}\nbinaryData:\nother: x\n");
        CHECK((*manifest.string_map("data"))->empty());
        CHECK_FALSE(*manifest.string_map("absent"));
        CHECK((*manifest.string_map("binaryData"))->empty());
        CHECK_FALSE(manifest.string_map("other"));
    }

    SUBCASE("CRLF line ends and a byte order mark")
    {
        const auto manifest = parsed("\xEF\xBB\xBFkind: ConfigMap\r\ndata:\r\n  a: b\r\n");
        CHECK(manifest.scalar("kind") == "ConfigMap");
        CHECK((*manifest.string_map("data"))->at("a") == "b");
    }

    SUBCASE("what coras does not read, in data, fails when data is asked for")
    {
        for (const std::string data : {"data:\n  a: >\n    folded\n",
                                       "data:\n  a: &anchor x\n",
                                       "data:\n  a: [x, y]\n",
                                       "data:\n  a:\n    b: c\n",
                                       "data:\n  - a\n",
                                       "data: [a]\n",
                                       "data:\n  a: \"unterminated\n  b: c\n",
                                       "data:\n  a: b\n   c: d\n",
                                       "data:\n  a: b\n  a: c\n",
                                       "data:\n  a: |\n      x\n    y\n"}) {
            CAPTURE(data);
            const auto manifest = parsed("kind: ConfigMap\n" + data);
            const auto map = manifest.string_map("data");
            REQUIRE_FALSE(map);
            CHECK(map.error().code == oras::ErrorCode::invalid_format);
            CHECK(map.error().message.find("cm.yaml") != std::string::npos);
        }
    }

    SUBCASE("malformed top levels are refused with the line")
    {
        CHECK(error_of("kind: ConfigMap\nkind: Secret\n").find("line 2: a key given twice") !=
              std::string::npos);
        CHECK(error_of("  kind: ConfigMap\n").find("line 1") != std::string::npos);
        CHECK(error_of("- a\n- b\n").find("line 1") != std::string::npos);
        CHECK(error_of("kind: ConfigMap\n---\nkind: Secret\n").find("second document") !=
              std::string::npos);
        CHECK(error_of("a: b\n\tc: d\n").find("tab") != std::string::npos);
        CHECK(error_of("just text\n").find("line 1") != std::string::npos);
        CHECK(error_of("a: b: c\n").find("line 1") != std::string::npos);
        CHECK(error_of("%YAML 1.2\n---\na: b\n").find("directive") != std::string::npos);
        CHECK(error_of(std::string("a: b\0c\n", 7)).find("NUL") != std::string::npos);
        CHECK(error_of("a: \"x\\q\"\n").find("line 1") != std::string::npos);
    }

    SUBCASE("messages never quote the content")
    {
        const auto message = error_of("auth: S3CR3T-CANARY: x\n");
        CHECK(message.find("S3CR3T") == std::string::npos);
    }

    SUBCASE("an oversized input is refused before it is read")
    {
        const std::string big(oras::kube::k_max_manifest_bytes + 1, 'a');
        const auto result = oras::kube::parse_yaml_manifest(big, "big.yaml");
        REQUIRE_FALSE(result);
        CHECK(result.error().code == oras::ErrorCode::too_large);
    }

    SUBCASE("hostile input never crashes: mutations of a valid manifest")
    {
        const std::string seed = "kind: ConfigMap\ndata:\n  a: |-\n    x\n  \"b\": 'c'\n"
                                 "  d: \"\\u00e9\\x41\"\nmetadata: {}\n";
        const std::string alphabet = " \t\n\r:#|-+>'\"\\{}[]&*!%@`0123456789abcuxU";
        std::mt19937 random(12345);
        for (int round = 0; round < 20000; ++round) {
            std::string text = seed;
            const int edits = 1 + static_cast<int>(random() % 6);
            for (int e = 0; e < edits && !text.empty(); ++e) {
                const std::size_t at = random() % text.size();
                const char c = alphabet[random() % alphabet.size()];
                switch (random() % 3) {
                case 0:
                    text[at] = c;
                    break;
                case 1:
                    text.insert(at, 1, c);
                    break;
                default:
                    text.erase(at, 1);
                    break;
                }
            }
            const auto result = oras::kube::parse_yaml_manifest(text, "fuzz.yaml");
            if (result) {
                static_cast<void>(result->string_map("data"));
            }
        }
    }
}

TEST_CASE("kube::parse_json_manifest")
{
    const auto manifest = oras::kube::parse_manifest(
        R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x","labels":{"a":"b"}},)"
        R"("data":{"a":"localhost:5000/a:v1"},"binaryData":{"b":1}})",
        "cm.json");
    REQUIRE(manifest);
    CHECK(manifest->scalar("kind") == "ConfigMap");
    CHECK((*manifest->string_map("data"))->at("a") == "localhost:5000/a:v1");
    CHECK_FALSE(manifest->string_map("binaryData"));
    CHECK_FALSE(oras::kube::parse_manifest("{\"kind\":", "bad.json"));
    CHECK_FALSE(oras::kube::parse_manifest("[1]", "array.json"));
}

TEST_CASE("kube::looks_like_yaml_mapping")
{
    CHECK(oras::kube::looks_like_yaml_mapping("# c\n---\nkind: ConfigMap\n"));
    CHECK(oras::kube::looks_like_yaml_mapping("data:\n  a: b\n"));
    CHECK_FALSE(oras::kube::looks_like_yaml_mapping("localhost:5000/a:v1\n"));
    CHECK_FALSE(oras::kube::looks_like_yaml_mapping("# only a comment\n"));
    CHECK_FALSE(oras::kube::looks_like_yaml_mapping("host/repo@sha256:abc\n"));
}
