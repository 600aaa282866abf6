#include "base64.hpp"

#include <doctest/doctest.h>

#include <string>

using oras::base64_decode;
using oras::base64_encode;
using oras::Padding;

TEST_CASE("base64_encode and base64_decode")
{
    CHECK(base64_encode("") == "");
    CHECK(base64_encode("f") == "Zg==");
    CHECK(base64_encode("fo") == "Zm8=");
    CHECK(base64_encode("foo") == "Zm9v");
    CHECK(base64_encode("alice:s3cret") == "YWxpY2U6czNjcmV0");
    CHECK(base64_decode("Zg==", Padding::optional) == "f");
    CHECK(base64_decode("YWxpY2U6czNjcmV0", Padding::optional) == "alice:s3cret");
    CHECK_FALSE(base64_decode("Zm9v!", Padding::optional).has_value());
    CHECK_FALSE(base64_decode("Z", Padding::optional).has_value());
    CHECK_FALSE(base64_decode("Zg=", Padding::optional).has_value());
    std::string all_bytes;
    for (int i = 0; i < 256; ++i) {
        all_bytes.push_back(static_cast<char>(i));
    }
    CHECK(base64_decode(base64_encode(all_bytes), Padding::required) == all_bytes);

    SUBCASE("padding: optional for docker config values, required for descriptor data")
    {
        CHECK(base64_decode("Zm8", Padding::optional) == "fo");
        CHECK_FALSE(base64_decode("Zm8", Padding::required).has_value());
        CHECK(base64_decode("Zm8=", Padding::required) == "fo");
        CHECK(base64_decode("", Padding::required) == "");
    }
}
