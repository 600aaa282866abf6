// Token server replies (auth/token.hpp, distribution's token.md and oauth.md): the input is
// the body of the answer to fetch_token's GET (anonymous) and POST (refresh token), served
// with status 200 and with a refusal. A token that is accepted can go into a header line.
#include "fuzz_support.hpp"

#include "auth/token.hpp"

using coras_fuzz::require;

namespace {

// Answers every request with `m_status` and the fuzzer's body.
class ReplayClient final : public oras::http::Client
{
  public:
    ReplayClient(long status, std::string_view body) : m_status(status), m_body(body) {}

    oras::Result<oras::http::Response> send(const oras::http::Request& request) override
    {
        oras::http::Response response;
        response.status = m_status;
        response.headers = {{"content-type", "application/json"}};
        response.body = std::string(m_body.substr(0, request.max_body));
        response.effective_url = request.url;
        return response;
    }

  private:
    long m_status;
    std::string_view m_body;
};

void fetch(long status, std::string_view body, const oras::Credential& credential)
{
    ReplayClient client(status, body);
    oras::auth::TokenRequest request;
    request.realm = "https://auth.example.com/token";
    request.service = "registry.example.com";
    request.scopes = {"repository:demo/wasm:pull,push"};
    request.registry = "registry.example.com";
    const auto token = oras::auth::fetch_token(client, request, credential);
    if (token) {
        require(status == 200, "a token was taken from a refusal");
        require(!token->value.empty() && coras_fuzz::printable(token->value) &&
                    token->value.find(' ') == std::string::npos,
                "the token cannot go into an Authorization header");
        require(token->expires > token->issued, "the token expires before it was issued");
    } else {
        require(coras_fuzz::printable(token.error().message), "the error message is not one line");
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view body = coras_fuzz::as_text(data, size);
    oras::Credential refresh;
    refresh.identity_token = "refresh-token";
    fetch(200, body, oras::Credential{});
    fetch(200, body, refresh);
    fetch(400, body, refresh);
    fetch(503, body, oras::Credential{});
    return 0;
}
