#include "http/redirects.hpp"

#include "http/url.hpp"
#include "http/url_redact.hpp"

#include <algorithm>
#include <string>
#include <utility>

namespace oras::http {

namespace {

bool is_redirect(long status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

void drop_authorization(Headers& headers)
{
    std::erase_if(headers, [](const auto& header) {
        return equals_ignoring_case(header.first, "authorization");
    });
}

class RedirectingClient final : public Client
{
  public:
    explicit RedirectingClient(std::unique_ptr<Client> inner) : m_inner(std::move(inner)) {}

    Result<Response> send(const Request& request) override
    {
        const bool follows = request.follow == FollowRedirects::yes &&
                             (request.method == "GET" || request.method == "HEAD");
        if (!follows) {
            return m_inner->send(request);
        }
        Request hop = request;
        hop.follow = FollowRedirects::no;
        for (int redirects = 0;; ++redirects) {
            Response response = ORAS_TRY(m_inner->send(hop));
            response.effective_url = hop.url;
            const auto location = response.header("location");
            if (!is_redirect(response.status) || !location) {
                return response;
            }
            const std::string from = request.method + " " + redact_url(hop.url);
            if (redirects == k_max_redirects) {
                return fail(ErrorCode::http,
                            from + ": more than " + std::to_string(k_max_redirects) + " redirects");
            }
            auto next = resolve_location(hop.url, *location);
            if (!next || !split_url(*next)) {
                return fail(ErrorCode::http,
                            from + ": " + std::to_string(response.status) +
                                " to a location that is no http(s) URL");
            }
            const auto current = split_url(hop.url);
            const auto target = split_url(*next);
            if (current && current->scheme == "https" && target->scheme != "https") {
                return fail(ErrorCode::forbidden,
                            from + ": refusing a redirect from https to plain http (" +
                                redact_url_and_query(*next) + ")");
            }
            if (!same_origin(*next, hop.url)) {
                drop_authorization(hop.headers);
            }
            hop.url = std::move(*next);
        }
    }

  private:
    std::unique_ptr<Client> m_inner;
};

} // namespace

std::unique_ptr<Client> make_redirecting_client(std::unique_ptr<Client> inner)
{
    return std::make_unique<RedirectingClient>(std::move(inner));
}

} // namespace oras::http
