// What `manifest index create|update` print (cli/display/index_view.cpp).
#include "display/index_view.hpp"

#include <doctest/doctest.h>

using namespace coras;

TEST_CASE("display: index_view")
{
    oras::ops::IndexResult result;
    result.desc = oras::descriptor_of("application/vnd.oci.image.index.v1+json", "{}");
    const std::string digest = result.desc.digest.str();
    const auto remote = oras::ops::TargetKind::remote;

    SUBCASE("pushed under tags: one line per tag, then the digest")
    {
        result.pushed = true;
        result.tags = {"v1", "latest"};
        CHECK(index_text(result, remote, "localhost:5000/f", "") ==
              "Pushed [registry] localhost:5000/f:v1\nPushed [registry] localhost:5000/f:latest\n"
              "Digest: " +
                  digest + "\n");
        CHECK(index_reference(result, "localhost:5000/f", "x") == "localhost:5000/f:v1");
    }
    SUBCASE("pushed by digest, to a layout")
    {
        result.pushed = true;
        CHECK(index_text(result, oras::ops::TargetKind::oci_layout, "dir", "") ==
              "Pushed [oci-layout] dir@" + digest + "\nDigest: " + digest + "\n");
        CHECK(index_reference(result, "dir", "x") == "dir@" + digest);
    }
    SUBCASE("written, not pushed")
    {
        CHECK(index_text(result, remote, "localhost:5000/f", "i.json") ==
              "Wrote i.json\nDigest: " + digest + "\n");
        CHECK(index_reference(result, "localhost:5000/f", "localhost:5000/f:v1") ==
              "localhost:5000/f:v1");
    }
}
