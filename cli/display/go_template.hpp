// `--format go-template=TEMPLATE`: the part of Go's text/template that oras scripts use, applied
// to the JSON document a command would print with --format json.
#pragma once

#include "oras/result.hpp"

#include <string>
#include <string_view>

namespace coras {

// Renders `template_text` with `json_document` as dot. Understood: text; `{{.}}`, `{{.a.b}}`
// and `{{$.a}}`; string literals `{{"\n"}}`; `{{json X}}`, `{{toJson X}}`, `{{toPrettyJson X}}`;
// `{{println}}` and `{{println X}}`; `{{range X}}…{{else}}…{{end}}`, `{{if X}}…{{else}}…{{end}}`,
// `{{with X}}…{{end}}`; `{{/* comments */}}`; `{{-` and `-}}` trimming. A missing field prints
// `<no value>` as Go does; an object or array prints as compact JSON. Anything else (variables,
// pipes, other functions) fails with invalid_argument naming the action, before any output.
oras::Result<std::string> render_go_template(std::string_view template_text,
                                             std::string_view json_document);

} // namespace coras
