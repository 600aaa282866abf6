// YAML from JSON: block style, member order kept, strings quoted exactly where a YAML reader
// would read them as something else.
#include "display/yaml.hpp"

#include <doctest/doctest.h>

#include <string>

using coras::plain_yaml_scalar;
using coras::yaml_from_json;

TEST_CASE("yaml: mappings, sequences, order and empty collections")
{
    const auto yaml = yaml_from_json(
        R"({"b":1,"a":{"list":[{"x":"y","z":[1,2]},"s",[]],"empty":{}},"c":null,"t":true})");
    REQUIRE(yaml);
    CHECK(*yaml == "b: 1\n"
                   "a:\n"
                   "  list:\n"
                   "    - x: \"y\"\n"
                   "      z:\n"
                   "        - 1\n"
                   "        - 2\n"
                   "    - s\n"
                   "    - []\n"
                   "  empty: {}\n"
                   "c: null\n"
                   "t: true\n");
}

TEST_CASE("yaml: strings a reader would take for something else are quoted")
{
    for (const char* text :
         {"true", "no",    "on",  "Off", "y",     "null", "123",  "1e3", "0x1f", "5327ab",
          "-x",   "@type", "a b", "",    "a:",    "#c",   "*a",   "&a",  "!a",   "{x}",
          "[x]",  "|",     ">",   "'q'", "\"q\"", "%x",   "a\nb", "~"}) {
        CAPTURE(text);
        CHECK_FALSE(plain_yaml_scalar(text));
    }
    for (const char* text : {"oci://localhost:5000/filters/header:v1",
                             "envoy.wasm.runtime.v8",
                             "SIDECAR_INBOUND",
                             "app.kubernetes.io/name",
                             "resp_header_demo",
                             "/var/local/lib/wasm-filters",
                             "a=b",
                             "v1"}) {
        CAPTURE(text);
        CHECK(plain_yaml_scalar(text));
    }
    const auto yaml = yaml_from_json(R"({"@type":"yes","v":"{\"a\":1}\n","n":"10m"})");
    REQUIRE(yaml);
    // "n" is a bool to YAML 1.1 readers, as a key too.
    CHECK(*yaml == "\"@type\": \"yes\"\nv: \"{\\\"a\\\":1}\\n\"\n\"n\": \"10m\"\n");
}

TEST_CASE("yaml: what YAML refuses raw or reads as a line break is escaped")
{
    // DEL, NEL, a C1 control, U+2028, U+2029, a byte order mark and C0 controls; other
    // characters, ASCII or not, stay as they are.
    const auto yaml = yaml_from_json(
        R"({"k\u007f":"a\u007fb\u0085c\u0090d\u2028e\u2029f\ufeffg\u0001h\u001f\t\"\\","u":"\u00e9 \ud83d\ude00 \u4e2d"})");
    REQUIRE(yaml);
    CHECK(*yaml ==
          "\"k\\u007F\": "
          "\"a\\u007Fb\\u0085c\\u0090d\\u2028e\\u2029f\\uFEFFg\\u0001h\\u001F\\t\\\"\\\\\"\n"
          "u: \"\u00e9 \U0001F600 \u4e2d\"\n");
}

TEST_CASE("yaml: not JSON")
{
    const auto yaml = yaml_from_json("{");
    REQUIRE_FALSE(yaml);
    CHECK(yaml.error().code == oras::ErrorCode::invalid_format);
}
