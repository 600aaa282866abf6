#include "display/json_output.hpp"

#include "display/go_template.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <utility>

namespace coras {

namespace {

// What --format and --template chose; one command runs per process.
struct TemplateChoice
{
    bool go_template = false;
    std::optional<std::string> text;
};

TemplateChoice& choice()
{
    static TemplateChoice state;
    return state;
}

} // namespace

void select_go_template(std::optional<std::string> text)
{
    choice().go_template = true;
    if (text) {
        choice().text = std::move(text);
    }
}

void set_template_text(std::string text)
{
    choice().text = std::move(text);
}

oras::Result<void> check_output_format()
{
    const auto& state = choice();
    if (state.go_template && !state.text) {
        return oras::fail(oras::ErrorCode::invalid_argument,
                          "--format go-template needs a template",
                          "give --format go-template='{{.digest}}' or add --template");
    }
    if (!state.go_template && state.text) {
        return oras::fail(oras::ErrorCode::invalid_argument,
                          "--template needs --format go-template");
    }
    if (state.go_template) {
        ORAS_TRY(render_go_template(*state.text, "{}"));
    }
    return {};
}

oras::Result<void> print_json_result(std::string_view json_document)
{
    const auto& state = choice();
    if (state.go_template && state.text) {
        const auto rendered = ORAS_TRY(render_go_template(*state.text, json_document));
        std::fwrite(rendered.data(), 1, rendered.size(), stdout);
        return {};
    }
    fmt::print("{}\n", json_document);
    return {};
}

} // namespace coras
