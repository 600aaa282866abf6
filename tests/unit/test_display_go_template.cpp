#include "display/go_template.hpp"

#include <doctest/doctest.h>

#include <string>

namespace {

const char* const k_push_result = R"({
  "reference": "localhost:5000/demo:v1",
  "mediaType": "application/vnd.oci.image.manifest.v1+json",
  "digest": "sha256:abc",
  "size": 557,
  "annotations": {"org.opencontainers.image.created": "2026-01-01T00:00:00Z"},
  "files": [{"path": "a.wasm", "size": 3}, {"path": "b.json", "size": 0}],
  "empty": [],
  "ok": true
})";

std::string render(const std::string& text)
{
    const auto rendered = coras::render_go_template(text, k_push_result);
    REQUIRE_MESSAGE(rendered.has_value(), rendered.error().message);
    return *rendered;
}

std::string failure(const std::string& text)
{
    const auto rendered = coras::render_go_template(text, k_push_result);
    REQUIRE_FALSE(rendered.has_value());
    CHECK(rendered.error().code == oras::ErrorCode::invalid_argument);
    return rendered.error().message;
}

} // namespace

TEST_CASE("coras::render_go_template fields and literals")
{
    CHECK(render("{{.digest}}") == "sha256:abc");
    CHECK(render("{{ .digest }}\n") == "sha256:abc\n");
    CHECK(render("{{.size}} bytes") == "557 bytes");
    CHECK(render("{{.ok}}") == "true");
    CHECK(render("{{.annotations.missing}}") == "<no value>");
    CHECK(render("{{.nothing.deeper}}") == "<no value>");
    CHECK(render("{{$.reference}}") == "localhost:5000/demo:v1");
    CHECK(render(R"({{"a\tb\n"}})") == "a\tb\n");
    CHECK(render(R"(x{{"}}"}}y)") == "x}}y");
    CHECK(render("{{/* a comment */}}z") == "z");
    CHECK(render("{{.empty}}") == "[]");
    CHECK(render("no actions") == "no actions");
}

TEST_CASE("coras::render_go_template functions")
{
    CHECK(render("{{json .annotations}}") ==
          R"({"org.opencontainers.image.created":"2026-01-01T00:00:00Z"})");
    CHECK(render("{{toJson .size}}") == "557");
    CHECK(render("{{toPrettyJson .files}}").find("\n  {") != std::string::npos);
    CHECK(render("{{println .digest}}") == "sha256:abc\n");
    CHECK(render("{{println}}") == "\n");
}

TEST_CASE("coras::render_go_template range, if, with and trimming")
{
    CHECK(render("{{range .files}}{{.path}}={{.size}};{{end}}") == "a.wasm=3;b.json=0;");
    CHECK(render("{{range .empty}}x{{else}}none{{end}}") == "none");
    CHECK(render("{{if .ok}}yes{{else}}no{{end}}") == "yes");
    CHECK(render("{{if .empty}}yes{{else}}no{{end}}") == "no");
    CHECK(render("{{with .annotations}}{{json .}}{{end}}").starts_with("{\"org."));
    CHECK(render("{{range .files -}}\n  {{.path}}\n{{- end}}") == "a.wasmb.json");
    CHECK(render("a  {{- .size -}}  b") == "a557b");
    CHECK(render("{{range .files}}{{$.size}} {{end}}") == "557 557 ");
}

TEST_CASE("coras::render_go_template refuses what it does not understand")
{
    CHECK(failure("{{.digest | printf}}").find("unsupported expression") != std::string::npos);
    CHECK(failure("{{$x := .digest}}").find("unsupported") != std::string::npos);
    CHECK(failure("{{index .files 0}}").find("unsupported") != std::string::npos);
    CHECK(failure("{{.digest").find("unclosed action") != std::string::npos);
    CHECK(failure("{{range .files}}x").find("missing {{end}}") != std::string::npos);
    CHECK(failure("x{{end}}").find("unexpected") != std::string::npos);
    CHECK(failure("{{}}").find("empty action") != std::string::npos);
    CHECK(failure(R"({{"\q"}})").find("malformed string literal") != std::string::npos);
    CHECK(failure("{{.files.path}}").find("can't evaluate field path") != std::string::npos);
    CHECK(failure("{{if}}x{{end}}").find("missing operand") != std::string::npos);
}
