// A small parser and evaluator for Go text/template (https://pkg.go.dev/text/template): the
// template is parsed into a tree first, so that a mistake fails before anything is printed.
#include "display/go_template.hpp"

#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include <cctype>
#include <cstddef>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace coras {

namespace {

using Json = nlohmann::json;

// One operand: a field path from dot (`.a.b`) or from the root (`$.a`), or a string literal.
struct Operand
{
    bool from_root = false;
    std::vector<std::string> path;
    std::optional<std::string> literal;
};

// One action's expression: an optional function applied to an optional operand.
struct Expression
{
    std::string function; // "", "json", "toJson", "toPrettyJson" or "println"
    std::optional<Operand> operand;
};

struct Node
{
    enum class Kind
    {
        text,
        value,
        range,
        when, // {{if}}
        with,
    };
    Kind kind = Kind::text;
    std::string text;
    Expression expression;
    std::vector<Node> body;
    std::vector<Node> otherwise; // {{else}} branch
};

oras::Error template_error(std::string_view what, std::string_view action)
{
    return oras::fail(oras::ErrorCode::invalid_argument,
                      fmt::format("go-template: {}: {{{{{}}}}}", what, action),
                      "supported: {{.field}}, {{json .x}}, {{range .x}}…{{end}}, "
                      "{{if .x}}…{{else}}…{{end}}, {{\"text\"}}");
}

// Reads a Go interpreted string literal starting at `text[pos]` == '"'.
std::optional<std::string> read_string_literal(std::string_view text, std::size_t& pos)
{
    std::string value;
    for (++pos; pos < text.size(); ++pos) {
        const char c = text[pos];
        if (c == '"') {
            ++pos;
            return value;
        }
        if (c != '\\') {
            value += c;
            continue;
        }
        if (++pos == text.size()) {
            return std::nullopt;
        }
        switch (text[pos]) {
        case 'n':
            value += '\n';
            break;
        case 't':
            value += '\t';
            break;
        case 'r':
            value += '\r';
            break;
        case '"':
            value += '"';
            break;
        case '\\':
            value += '\\';
            break;
        default:
            return std::nullopt;
        }
    }
    return std::nullopt;
}

oras::Result<Operand> parse_operand(std::string_view word, std::string_view action)
{
    Operand operand;
    if (word.starts_with('"')) {
        std::size_t pos = 0;
        operand.literal = read_string_literal(word, pos);
        if (!operand.literal || pos != word.size()) {
            return template_error("malformed string literal", action);
        }
        return operand;
    }
    if (word.starts_with('$')) {
        operand.from_root = true;
        word.remove_prefix(1);
        if (word.empty()) {
            return operand;
        }
    }
    if (!word.starts_with('.')) {
        return template_error("unsupported expression", action);
    }
    if (word == ".") {
        return operand;
    }
    while (!word.empty()) {
        word.remove_prefix(1); // the '.'
        const auto end = word.find('.');
        const auto name = word.substr(0, end);
        if (name.empty()) {
            return template_error("empty field name", action);
        }
        for (const char c : name) {
            if (std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '_') {
                return template_error("unsupported expression", action);
            }
        }
        operand.path.emplace_back(name);
        word = end == std::string_view::npos ? std::string_view{} : word.substr(end);
    }
    return operand;
}

// Splits an action into words; a string literal is one word.
std::optional<std::vector<std::string>> split_words(std::string_view action)
{
    std::vector<std::string> words;
    std::size_t pos = 0;
    while (pos < action.size()) {
        if (std::isspace(static_cast<unsigned char>(action[pos])) != 0) {
            ++pos;
            continue;
        }
        const auto start = pos;
        if (action[pos] == '"') {
            if (!read_string_literal(action, pos)) {
                return std::nullopt;
            }
        } else {
            while (pos < action.size() &&
                   std::isspace(static_cast<unsigned char>(action[pos])) == 0) {
                ++pos;
            }
        }
        words.emplace_back(action.substr(start, pos - start));
    }
    return words;
}

oras::Result<Expression> parse_expression(const std::vector<std::string>& words,
                                          std::string_view action)
{
    Expression expression;
    std::size_t next = 0;
    if (!words.empty() && (words[0] == "json" || words[0] == "toJson" ||
                           words[0] == "toPrettyJson" || words[0] == "println")) {
        expression.function = words[0];
        next = 1;
    }
    if (words.size() > next + 1 || (words.size() == next && expression.function != "println")) {
        return template_error("unsupported expression", action);
    }
    if (next < words.size()) {
        expression.operand = ORAS_TRY(parse_operand(words[next], action));
    }
    return expression;
}

// A template cut into text pieces and actions, with `{{-`/`-}}` trimming applied.
struct Piece
{
    bool is_action = false;
    std::string text; // the text, or the action's inside without delimiters and trim marks
};

oras::Result<std::vector<Piece>> cut_pieces(std::string_view text)
{
    std::vector<Piece> pieces;
    bool trim_next = false;
    while (!text.empty()) {
        const auto open = text.find("{{");
        std::string plain(text.substr(0, open));
        if (trim_next) {
            plain.erase(0, plain.find_first_not_of(" \t\r\n"));
        }
        text = open == std::string_view::npos ? std::string_view{} : text.substr(open + 2);
        if (open == std::string_view::npos) {
            pieces.push_back({false, std::move(plain)});
            break;
        }
        if (text.starts_with("- ")) {
            const auto keep = plain.find_last_not_of(" \t\r\n");
            plain.erase(keep == std::string::npos ? 0 : keep + 1);
            text.remove_prefix(2);
        }
        pieces.push_back({false, std::move(plain)});
        std::size_t pos = 0;
        while (pos < text.size() && !text.substr(pos).starts_with("}}")) {
            if (text[pos] != '"') {
                ++pos;
            } else if (!read_string_literal(text, pos)) {
                return template_error("malformed string literal", text.substr(0, 40));
            }
        }
        if (pos >= text.size()) {
            return template_error("unclosed action", text.substr(0, 40));
        }
        std::string_view inside = text.substr(0, pos);
        trim_next = inside.ends_with(" -");
        if (trim_next) {
            inside.remove_suffix(2);
        }
        pieces.push_back({true, std::string(inside)});
        text.remove_prefix(pos + 2);
    }
    return pieces;
}

class Parser
{
  public:
    explicit Parser(std::vector<Piece> pieces) : m_pieces(std::move(pieces)) {}

    // Parses nodes up to an {{else}} or {{end}} (returned in `stop`) or the end of the template.
    oras::Result<std::vector<Node>> parse_list(std::string& stop)
    {
        std::vector<Node> nodes;
        while (m_next < m_pieces.size()) {
            const auto& piece = m_pieces[m_next++];
            if (!piece.is_action) {
                if (!piece.text.empty()) {
                    nodes.push_back(Node{Node::Kind::text, piece.text, {}, {}, {}});
                }
                continue;
            }
            const auto words = split_words(piece.text);
            if (!words) {
                return template_error("malformed string literal", piece.text);
            }
            if (words->empty()) {
                return template_error("empty action", piece.text);
            }
            const auto& keyword = words->front();
            if (keyword.starts_with("/*")) {
                continue;
            }
            if (keyword == "end" || keyword == "else") {
                stop = keyword;
                return nodes;
            }
            nodes.push_back(ORAS_TRY(parse_action(*words, piece.text)));
        }
        stop.clear();
        return nodes;
    }

  private:
    oras::Result<Node> parse_action(const std::vector<std::string>& words, std::string_view action)
    {
        Node node;
        const auto& keyword = words.front();
        if (keyword != "range" && keyword != "if" && keyword != "with") {
            node.kind = Node::Kind::value;
            node.expression = ORAS_TRY(parse_expression(words, action));
            return node;
        }
        node.kind = keyword == "range" ? Node::Kind::range
                    : keyword == "if"  ? Node::Kind::when
                                       : Node::Kind::with;
        if (words.size() < 2) {
            return template_error("missing operand", action);
        }
        node.expression = ORAS_TRY(
            parse_expression(std::vector<std::string>(words.begin() + 1, words.end()), action));
        std::string stop;
        node.body = ORAS_TRY(parse_list(stop));
        if (stop == "else") {
            node.otherwise = ORAS_TRY(parse_list(stop));
        }
        if (stop != "end") {
            return template_error("missing {{end}}", action);
        }
        return node;
    }

    std::vector<Piece> m_pieces;
    std::size_t m_next = 0;
};

bool truthy(const Json& value)
{
    if (value.is_null()) {
        return false;
    }
    if (value.is_boolean()) {
        return value.get<bool>();
    }
    if (value.is_number()) {
        return value != 0;
    }
    return !value.empty(); // string, array, object
}

class Evaluator
{
  public:
    explicit Evaluator(const Json& root) : m_root(root) {}

    oras::Result<void> run(const std::vector<Node>& nodes, const Json& dot)
    {
        for (const auto& node : nodes) {
            ORAS_TRY(run_node(node, dot));
        }
        return {};
    }

    std::string take() { return std::move(m_out); }

  private:
    oras::Result<void> run_node(const Node& node, const Json& dot)
    {
        if (node.kind == Node::Kind::text) {
            m_out += node.text;
            return {};
        }
        const Json value =
            node.expression.operand ? ORAS_TRY(evaluate(*node.expression.operand, dot)) : Json();
        switch (node.kind) {
        case Node::Kind::value:
            print(node.expression, value);
            return {};
        case Node::Kind::when:
            return run(truthy(value) ? node.body : node.otherwise, dot);
        case Node::Kind::with:
            return truthy(value) ? run(node.body, value) : run(node.otherwise, dot);
        case Node::Kind::range:
            if (!truthy(value)) {
                return run(node.otherwise, dot);
            }
            for (const auto& item : value) {
                ORAS_TRY(run(node.body, item));
            }
            return {};
        case Node::Kind::text:
            break;
        }
        return {};
    }

    oras::Result<Json> evaluate(const Operand& operand, const Json& dot) const
    {
        if (operand.literal) {
            return Json(*operand.literal);
        }
        const Json* value = operand.from_root ? &m_root : &dot;
        for (const auto& name : operand.path) {
            if (value->is_null()) {
                return Json();
            }
            if (!value->is_object()) {
                return oras::fail(oras::ErrorCode::invalid_argument,
                                  fmt::format("go-template: can't evaluate field {} in a {}",
                                              name,
                                              value->type_name()));
            }
            const auto found = value->find(name);
            if (found == value->end()) {
                return Json();
            }
            value = &*found;
        }
        return *value;
    }

    void print(const Expression& expression, const Json& value)
    {
        if (expression.function == "json" || expression.function == "toJson") {
            m_out += value.dump();
        } else if (expression.function == "toPrettyJson") {
            m_out += value.dump(2);
        } else {
            if (expression.operand) {
                m_out += printable(value);
            }
            if (expression.function == "println") {
                m_out += '\n';
            }
        }
    }

    static std::string printable(const Json& value)
    {
        if (value.is_null()) {
            return "<no value>";
        }
        if (value.is_string()) {
            return value.get<std::string>();
        }
        return value.dump();
    }

    const Json& m_root;
    std::string m_out;
};

} // namespace

oras::Result<std::string> render_go_template(std::string_view template_text,
                                             std::string_view json_document)
{
    Parser parser(ORAS_TRY(cut_pieces(template_text)));
    std::string stop;
    const auto nodes = ORAS_TRY(parser.parse_list(stop));
    if (!stop.empty()) {
        return template_error("unexpected", stop);
    }
    const auto root = Json::parse(json_document, nullptr, false);
    if (root.is_discarded()) {
        return oras::fail(oras::ErrorCode::internal, "go-template: the result is not JSON");
    }
    Evaluator evaluator(root);
    ORAS_TRY(evaluator.run(nodes, root));
    return evaluator.take();
}

} // namespace coras
