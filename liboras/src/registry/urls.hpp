// Registry URLs (distribution-spec v1.1, "Endpoints"): the base URL of a registry and the
// endpoints of one repository (generic URL helpers are in http/url.hpp).
#pragma once

#include "oras/digest.hpp"
#include "oras/reference.hpp"
#include "oras/remote.hpp"
#include "oras/result.hpp"

#include <string>
#include <string_view>

namespace oras::registry {

// "http" or "https" for the registry of `ref`: PlainHttp::yes and no decide; auto_detect gives
// http only for "localhost[:port]" (oras' rule, oras-parity.md §3.8).
std::string_view scheme_for(const Reference& ref, PlainHttp mode);

// The endpoints of one repository, e.g. "https://ghcr.io/v2/x/y/manifests/v1".
class RepositoryUrls
{
  public:
    // Builds the base "<scheme>://<host>" from `ref` (its tag and digest are ignored).
    RepositoryUrls(const Reference& ref, PlainHttp mode);

    // "<scheme>://<host>", no trailing slash.
    [[nodiscard]] const std::string& base() const { return m_base; }
    // GET /v2/ (distribution-spec v1.1, "Determining support").
    [[nodiscard]] std::string ping() const;
    // /v2/<name>/blobs/<digest>.
    [[nodiscard]] std::string blob(const Digest& digest) const;
    // /v2/<name>/blobs/uploads/ (distribution-spec v1.1, "Pushing blobs").
    [[nodiscard]] std::string upload() const;
    // /v2/<name>/manifests/<reference>, `reference` being a tag or a digest.
    [[nodiscard]] std::string manifest(std::string_view reference) const;
    // /v2/<name>/tags/list (distribution-spec v1.1, "Listing Tags").
    [[nodiscard]] std::string tags() const;
    // /v2/<name>/referrers/<digest>, with ?artifactType=<type> when `artifact_type` is not
    // empty (distribution-spec v1.1, "Listing Referrers").
    [[nodiscard]] std::string referrers(const Digest& subject,
                                        std::string_view artifact_type) const;

  private:
    std::string m_base;
    std::string m_repository;
};

} // namespace oras::registry
