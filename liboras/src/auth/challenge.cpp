#include "auth/challenge.hpp"

#include <algorithm>
#include <cstddef>

namespace oras::auth {

namespace {

char to_lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string lower(std::string_view text)
{
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), to_lower);
    return out;
}

bool equals_ignoring_case(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return to_lower(x) == to_lower(y);
           });
}

bool is_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// RFC 7230 section 3.2.6: tchar.
bool is_tchar(char c)
{
    return is_alnum(c) || std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

// RFC 7235 section 2.1: the characters of a token68 before its trailing "=".
bool is_token68_char(char c)
{
    return is_alnum(c) || std::string_view("-._~+/").find(c) != std::string_view::npos;
}

Scheme scheme_of(std::string_view name)
{
    if (equals_ignoring_case(name, "basic")) {
        return Scheme::basic;
    }
    if (equals_ignoring_case(name, "bearer")) {
        return Scheme::bearer;
    }
    return Scheme::other;
}

// A cursor over one header value. Every step consumes at least one character or reaches the
// end, so parsing always terminates.
class ChallengeParser
{
  public:
    explicit ChallengeParser(std::string_view text) : m_text(text) {}

    // Appends the challenges of the header value to `out`.
    void parse_into(std::vector<Challenge>& out);

  private:
    [[nodiscard]] bool at_end() const { return m_pos >= m_text.size(); }
    [[nodiscard]] char peek() const { return at_end() ? '\0' : m_text[m_pos]; }

    void skip_ows()
    {
        while (peek() == ' ' || peek() == '\t') {
            ++m_pos;
        }
    }

    void skip_separators()
    {
        while (peek() == ' ' || peek() == '\t' || peek() == ',') {
            ++m_pos;
        }
    }

    // Whether only optional whitespace lies between here and the next "," or the end.
    bool at_element_end()
    {
        skip_ows();
        return at_end() || peek() == ',';
    }

    std::string_view read_token()
    {
        const std::size_t start = m_pos;
        while (!at_end() && is_tchar(peek())) {
            ++m_pos;
        }
        return m_text.substr(start, m_pos - start);
    }

    std::optional<std::string> read_quoted_string();
    std::optional<std::string> read_param_value();
    bool skip_token68();
    void skip_element();

    std::string_view m_text;
    std::size_t m_pos = 0;
};

// RFC 7230 section 3.2.6: quoted-string, with quoted-pairs unescaped. The cursor is on the
// opening quote; an unterminated string consumes the rest of the value and yields nullopt.
std::optional<std::string> ChallengeParser::read_quoted_string()
{
    ++m_pos;
    std::string value;
    while (!at_end()) {
        const char c = m_text[m_pos++];
        if (c == '"') {
            return value;
        }
        if (c == '\\') {
            if (at_end()) {
                break;
            }
            value += m_text[m_pos++];
        } else {
            value += c;
        }
    }
    m_pos = m_text.size();
    return std::nullopt;
}

// The token or quoted-string after "=" (BWS allowed), followed only by whitespace up to the next
// "," or the end; nullopt when it is anything else.
std::optional<std::string> ChallengeParser::read_param_value()
{
    skip_ows();
    std::optional<std::string> value;
    if (peek() == '"') {
        value = read_quoted_string();
    } else if (const std::string_view token = read_token(); !token.empty()) {
        value = std::string(token);
    }
    if (!value || !at_element_end()) {
        return std::nullopt;
    }
    return value;
}

// Consumes a token68 that makes up the whole rest of the list element, or consumes nothing.
bool ChallengeParser::skip_token68()
{
    const std::size_t start = m_pos;
    while (!at_end() && is_token68_char(peek())) {
        ++m_pos;
    }
    const bool has_body = m_pos > start;
    while (peek() == '=') {
        ++m_pos;
    }
    if (has_body && at_element_end()) {
        return true;
    }
    m_pos = start;
    return false;
}

// Skips a malformed list element up to the next "," outside a quoted-string.
void ChallengeParser::skip_element()
{
    while (!at_end() && peek() != ',') {
        if (peek() == '"') {
            (void)read_quoted_string();
        } else {
            ++m_pos;
        }
    }
}

// RFC 7235 section 4.1 and 2.1:
//   WWW-Authenticate = 1#challenge
//   challenge        = auth-scheme [ 1*SP ( token68 / #auth-param ) ]
//   auth-param       = token BWS "=" BWS ( token / quoted-string )
//   token68          = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
// Challenges and their auth-params share one comma-separated list: an element that starts with
// a token followed by "=" is a parameter of the current challenge, any other token starts a new
// challenge. Empty elements are allowed (RFC 7230 section 7).
void ChallengeParser::parse_into(std::vector<Challenge>& out)
{
    std::optional<Challenge> current;
    while (true) {
        skip_separators();
        if (at_end()) {
            break;
        }
        const std::string_view name = read_token();
        if (name.empty()) {
            skip_element();
            continue;
        }
        const std::size_t name_end = m_pos;
        skip_ows();
        if (peek() == '=') {
            ++m_pos;
            std::optional<std::string> value = read_param_value();
            if (!value) {
                skip_element();
            } else if (current) { // a parameter before any scheme is dropped
                current->params.emplace_back(lower(name), std::move(*value));
            }
            continue;
        }
        if (current) {
            out.push_back(std::move(*current));
        }
        current = Challenge{scheme_of(name), std::string(name), {}};
        if (m_pos > name_end && skip_token68()) {
            out.push_back(std::move(*current)); // a token68 ends its challenge
            current.reset();
        }
    }
    if (current) {
        out.push_back(std::move(*current));
    }
}

} // namespace

std::optional<std::string> Challenge::param(std::string_view name) const
{
    for (const auto& [key, value] : params) {
        if (equals_ignoring_case(key, name)) {
            return value;
        }
    }
    return std::nullopt;
}

std::vector<Challenge> parse_challenges(const std::vector<std::string>& values)
{
    std::vector<Challenge> challenges;
    for (const std::string& value : values) {
        ChallengeParser(value).parse_into(challenges);
    }
    return challenges;
}

} // namespace oras::auth
