#include "json/parse.hpp"

#include <string>

namespace oras {

namespace {

using nlohmann::json;

Error invalid(std::string_view what, const std::string& problem)
{
    return fail(ErrorCode::invalid_format, std::string(what) + ": " + problem);
}

// True when arrays and objects in `bytes` nest deeper than `max_depth`. Linear and without
// recursion; brackets inside strings do not count. Exact for valid JSON, and invalid JSON is
// refused either way.
bool nests_deeper_than(std::string_view bytes, std::size_t max_depth)
{
    std::size_t depth = 0;
    bool in_string = false;
    bool escaped = false;
    for (const char c : bytes) {
        if (in_string) {
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                in_string = false;
            }
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > max_depth) {
                return true;
            }
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return false;
}

// nlohmann's reason without its prefix, its line/column and the "last read" text, which
// quotes the input (a password in a config file, a token in a reply).
std::string reason(const json::exception& error)
{
    if (dynamic_cast<const json::parse_error*>(&error) == nullptr) {
        return error.id == 406 ? "number out of range" : "invalid value";
    }
    std::string text = error.what();
    if (const auto bracket = text.find("] "); bracket != std::string::npos) {
        text.erase(0, bracket + 2);
    }
    if (text.rfind("parse error", 0) == 0) {
        if (const auto colon = text.find(": "); colon != std::string::npos) {
            text.erase(0, colon + 2);
        }
    }
    if (const auto quoted = text.find("; last read:"); quoted != std::string::npos) {
        text.erase(quoted);
    }
    return text;
}

// Accepts any JSON value and keeps the first error; builds nothing.
class Validator final : public nlohmann::json_sax<json>
{
  public:
    bool null() override { return true; }
    bool boolean(bool /*value*/) override { return true; }
    bool number_integer(number_integer_t /*value*/) override { return true; }
    bool number_unsigned(number_unsigned_t /*value*/) override { return true; }
    bool number_float(number_float_t /*value*/, const string_t& /*text*/) override { return true; }
    bool string(string_t& /*value*/) override { return true; }
    bool binary(binary_t& /*value*/) override { return true; }
    bool start_object(std::size_t /*size*/) override { return true; }
    bool key(string_t& /*value*/) override { return true; }
    bool end_object() override { return true; }
    bool start_array(std::size_t /*size*/) override { return true; }
    bool end_array() override { return true; }
    bool parse_error(std::size_t position,
                     const std::string& /*last_token*/,
                     const json::exception& error) override
    {
        m_position = position;
        m_reason = reason(error);
        return false;
    }

    [[nodiscard]] std::size_t position() const { return m_position; }
    [[nodiscard]] const std::string& failure() const { return m_reason; }

  private:
    std::size_t m_position = 0;
    std::string m_reason;
};

template <typename Json>
Result<Json> parse_as(std::string_view bytes, std::string_view what, const JsonLimits& limits)
{
    ORAS_TRY(check_json(bytes, what, limits));
    Json value = Json::parse(bytes.begin(), bytes.end(), nullptr, false);
    if (value.is_discarded()) {
        return fail(ErrorCode::internal,
                    std::string(what) + ": JSON accepted by the check but not by the parser");
    }
    return value;
}

} // namespace

Result<void> check_json(std::string_view bytes, std::string_view what, const JsonLimits& limits)
{
    if (bytes.size() > limits.max_bytes) {
        return fail(ErrorCode::too_large,
                    std::string(what) + ": over the " + std::to_string(limits.max_bytes) +
                        "-byte limit");
    }
    if (nests_deeper_than(bytes, limits.max_depth)) {
        return invalid(what, "nested deeper than " + std::to_string(limits.max_depth) + " levels");
    }
    Validator validator;
    if (!json::sax_parse(bytes.begin(), bytes.end(), &validator)) {
        return invalid(what,
                       "not valid JSON at byte " + std::to_string(validator.position()) + ": " +
                           validator.failure());
    }
    return {};
}

Result<json> parse_json(std::string_view bytes, std::string_view what, const JsonLimits& limits)
{
    return parse_as<json>(bytes, what, limits);
}

Result<nlohmann::ordered_json>
parse_ordered_json(std::string_view bytes, std::string_view what, const JsonLimits& limits)
{
    return parse_as<nlohmann::ordered_json>(bytes, what, limits);
}

} // namespace oras
