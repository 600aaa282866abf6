// URLs in messages and --debug output: no user-info, no secret query values.
#include "http/url_redact.hpp"

#include <doctest/doctest.h>

using oras::http::redact_url;
using oras::http::redact_url_and_query;

TEST_CASE("http::redact_url")
{
    SUBCASE("user-info is removed")
    {
        CHECK(redact_url("https://alice:secret@r.example/v2/") == "https://r.example/v2/");
    }
    SUBCASE("an upload session's _state is hidden; the digest stays")
    {
        CHECK(redact_url("http://r:5000/v2/a/blobs/uploads/u1?_state=c2lnbmVk&digest=sha256:ab") ==
              "http://r:5000/v2/a/blobs/uploads/u1?_state=REDACTED&digest=sha256:ab");
    }
    SUBCASE("signatures and tokens of any name are hidden, protocol parameters kept")
    {
        CHECK(redact_url("https://s.example/b?X-Amz-Signature=f00&X-Amz-Credential=k&n=10#frag") ==
              "https://s.example/b?X-Amz-Signature=REDACTED&X-Amz-Credential=REDACTED&n=10#frag");
        CHECK(redact_url("http://t/token?scope=repository:a:pull&service=reg&access_token=x") ==
              "http://t/token?scope=repository:a:pull&service=reg&access_token=REDACTED");
        CHECK(redact_url("http://r/v2/a/blobs/uploads/?mount=sha256:ab&from=b") ==
              "http://r/v2/a/blobs/uploads/?mount=sha256:ab&from=b");
    }
    SUBCASE("a URL without a query is unchanged")
    {
        CHECK(redact_url("http://r/v2/a/manifests/v1") == "http://r/v2/a/manifests/v1");
    }
}

TEST_CASE("http::redact_url_and_query")
{
    CHECK(redact_url_and_query("https://u:p@s.example/b?sig=1#x") == "https://s.example/b");
}
