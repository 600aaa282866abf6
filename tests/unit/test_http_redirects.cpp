// Redirects followed one hop at a time, over a fake client that records every hop.
#include "http/redirects.hpp"
#include "oras/io.hpp"

#include <doctest/doctest.h>

#include <deque>
#include <string>
#include <vector>

namespace http = oras::http;
using oras::ErrorCode;

namespace {

// Answers the scripted responses in order and records the requests it got.
class FakeClient final : public http::Client
{
  public:
    FakeClient(std::deque<http::Response> answers, std::vector<http::Request>& sent)
        : m_answers(std::move(answers)), m_sent(sent)
    {
    }

    oras::Result<http::Response> send(const http::Request& request) override
    {
        m_sent.push_back(request);
        REQUIRE_FALSE(m_answers.empty());
        http::Response response = m_answers.front();
        m_answers.pop_front();
        return response;
    }

  private:
    std::deque<http::Response> m_answers;
    std::vector<http::Request>& m_sent;
};

http::Response redirect(long status, std::string location)
{
    http::Response response;
    response.status = status;
    response.headers = {{"location", std::move(location)}};
    return response;
}

http::Response ok()
{
    http::Response response;
    response.status = 200;
    return response;
}

http::Request blob_get(std::string url)
{
    http::Request request;
    request.url = std::move(url);
    request.follow = http::FollowRedirects::yes;
    request.headers = {{"Authorization", "Bearer registry-token"}, {"Accept", "*/*"}};
    return request;
}

bool has_authorization(const http::Request& request)
{
    for (const auto& header : request.headers) {
        if (http::equals_ignoring_case(header.first, "authorization")) {
            return true;
        }
    }
    return false;
}

} // namespace

TEST_CASE("http::make_redirecting_client")
{
    std::vector<http::Request> sent;

    SUBCASE("each hop is sent on its own; Authorization stays on the origin only")
    {
        auto client = http::make_redirecting_client(std::make_unique<FakeClient>(
            std::deque{redirect(307, "/v2/r/blobs/moved"),
                       redirect(302, "https://storage.example/a?X-Amz-Signature=s"),
                       ok()},
            sent));
        auto response = client->send(blob_get("https://registry.example/v2/r/blobs/sha256:a"));
        REQUIRE(response);
        CHECK(response->status == 200);
        CHECK(response->effective_url == "https://storage.example/a?X-Amz-Signature=s");
        REQUIRE(sent.size() == 3);
        CHECK(sent[1].url == "https://registry.example/v2/r/blobs/moved");
        CHECK(has_authorization(sent[0]));
        CHECK(has_authorization(sent[1]));
        CHECK_FALSE(has_authorization(sent[2]));
        CHECK(sent[2].headers.size() == 1);
        for (const auto& hop : sent) {
            CHECK(hop.follow == http::FollowRedirects::no);
        }
    }

    SUBCASE("a hop back to the registry's origin does not get Authorization again")
    {
        auto client = http::make_redirecting_client(
            std::make_unique<FakeClient>(std::deque{redirect(307, "https://cdn.example/x"),
                                                    redirect(307, "https://registry.example/y"),
                                                    ok()},
                                         sent));
        REQUIRE(client->send(blob_get("https://registry.example/v2/r/blobs/sha256:a")));
        REQUIRE(sent.size() == 3);
        CHECK_FALSE(has_authorization(sent[2]));
    }

    SUBCASE("a HEAD stays a HEAD; a resumed download keeps its Range and sink on every hop")
    {
        auto client = http::make_redirecting_client(std::make_unique<FakeClient>(
            std::deque{redirect(303, "https://cdn.example/x"), ok(), redirect(307, "/b"), ok()},
            sent));
        http::Request head = blob_get("https://r.example/a");
        head.method = "HEAD";
        REQUIRE(client->send(head));
        oras::StringSink sink(10);
        http::Request resumed = blob_get("https://r.example/a");
        resumed.sink = &sink;
        resumed.range_from = 5;
        REQUIRE(client->send(resumed));
        REQUIRE(sent.size() == 4);
        CHECK(sent[1].method == "HEAD");
        CHECK(sent[3].range_from == 5);
        CHECK(sent[3].sink == &sink);
    }

    SUBCASE("https to http is refused before the hop is sent")
    {
        auto client = http::make_redirecting_client(std::make_unique<FakeClient>(
            std::deque{redirect(301, "http://registry.example/v2/r/blobs/sha256:a?sig=s")}, sent));
        auto response = client->send(blob_get("https://registry.example/v2/r/blobs/sha256:a"));
        REQUIRE_FALSE(response);
        CHECK(response.error().code == ErrorCode::forbidden);
        CHECK(response.error().message ==
              "GET https://registry.example/v2/r/blobs/sha256:a: refusing a redirect from https "
              "to plain http (http://registry.example/v2/r/blobs/sha256:a)");
        CHECK(sent.size() == 1);
    }

    SUBCASE("http to https is followed")
    {
        auto client = http::make_redirecting_client(std::make_unique<FakeClient>(
            std::deque{redirect(308, "https://r.example/b"), ok()}, sent));
        REQUIRE(client->send(blob_get("http://r.example/a")));
        CHECK(sent.size() == 2);
    }

    SUBCASE("more than k_max_redirects hops fail")
    {
        std::deque<http::Response> loop;
        for (int i = 0; i <= http::k_max_redirects; ++i) {
            loop.push_back(redirect(302, "/again"));
        }
        auto client =
            http::make_redirecting_client(std::make_unique<FakeClient>(std::move(loop), sent));
        auto response = client->send(blob_get("https://r.example/a"));
        REQUIRE_FALSE(response);
        CHECK(response.error().code == ErrorCode::http);
        CHECK(response.error().message == "GET https://r.example/again: more than 10 redirects");
        CHECK(sent.size() == static_cast<std::size_t>(http::k_max_redirects) + 1);
    }

    SUBCASE("a Location that is no http(s) URL fails")
    {
        auto client = http::make_redirecting_client(
            std::make_unique<FakeClient>(std::deque{redirect(302, "file:///etc/passwd")}, sent));
        auto response = client->send(blob_get("https://r.example/a"));
        REQUIRE_FALSE(response);
        CHECK(response.error().message.find("no http(s) URL") != std::string::npos);
    }

    SUBCASE("requests that do not ask, or are not GET or HEAD, get the 3xx itself")
    {
        auto client = http::make_redirecting_client(std::make_unique<FakeClient>(
            std::deque{redirect(307, "/x"), redirect(307, "/y")}, sent));
        http::Request no_follow = blob_get("https://r.example/a");
        no_follow.follow = http::FollowRedirects::no;
        auto first = client->send(no_follow);
        REQUIRE(first);
        CHECK(first->status == 307);
        http::Request put = blob_get("https://r.example/a");
        put.method = "PUT";
        auto second = client->send(put);
        REQUIRE(second);
        CHECK(second->status == 307);
        CHECK(sent.size() == 2);
    }
}
