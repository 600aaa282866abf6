// Registry error bodies (registry/error_response.hpp, distribution-spec v1.1 "Error Codes",
// and http/exchange_error.hpp for bodies that are HTML or text): the input is the body of a
// non-2xx answer, read as each status a registry sends it with. Whatever the body says, the
// message stays one printable line of bounded length.
#include "fuzz_support.hpp"

#include "registry/error_response.hpp"

using coras_fuzz::require;

namespace {

// printable_text() cuts at about 300 bytes and adds "…"; the operation adds its own words.
constexpr std::size_t k_max_message = 1024;

void check(long status, const oras::http::Headers& headers, std::string_view body)
{
    oras::http::Response response;
    response.status = status;
    response.headers = headers;
    response.body = std::string(body);
    const oras::http::Operation op{"PUT", "manifest v1", "registry.example.com/demo/wasm"};
    const oras::Error error = oras::registry::error_from_response(response, op);
    require(coras_fuzz::printable(error.message), "the message is not one printable line");
    require(error.message.size() <= k_max_message, "the message is not bounded");
    require(error.http_status == status, "the status is not kept");
    for (const auto& entry : error.registry_errors) {
        require(coras_fuzz::printable(entry.code) && coras_fuzz::printable(entry.message) &&
                    coras_fuzz::printable(entry.detail),
                "a registry error entry is not printable");
    }
    const std::string text = oras::registry::response_text(response);
    require(coras_fuzz::printable(text) && text.size() <= k_max_message,
            "response_text() is not one bounded line");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view body = coras_fuzz::as_text(data, size);
    const oras::http::Headers json{{"content-type", "application/json"}};
    check(400, json, body);
    check(401,
          {{"content-type", "application/json"},
           {"www-authenticate",
            R"(Bearer realm="https://auth.example.com/token",error="insufficient_scope")"}},
          body);
    check(404, json, body);
    check(429, {{"content-type", "text/plain"}, {"retry-after", "3"}}, body);
    check(502, {{"content-type", "text/html"}}, body);
    return 0;
}
