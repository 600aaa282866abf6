// What `coras attach` and `coras discover` print on stdout.
#pragma once

#include "oras/ops/referrers.hpp"
#include "oras/ops/target.hpp"

#include <string>

namespace coras {

// "Attached to [registry|oci-layout] NAME@SUBJECT", "ArtifactType: …", "Digest: …".
std::string attach_text(const oras::ops::AttachResult& result,
                        oras::ops::TargetKind kind,
                        const std::string& name);

// oras attach --format json: push_json's document for the new manifest, its reference being
// NAME@DIGEST, plus "subject" (the subject's descriptor).
std::string attach_json(const oras::ops::AttachResult& result, const std::string& name);

// The subject as NAME@DIGEST, then each referrer under its artifact type, as oras discover's
// tree: "└── application/vnd.example.sbom" then "    └── sha256:…", referrers of referrers
// below their digest.
std::string discover_tree(const oras::ops::DiscoverResult& result, const std::string& name);

// oras discover --format json: {"reference","mediaType","digest","size","referrers":[{
// "reference","mediaType","digest","size","artifactType","annotations","referrers":[…]}]}.
std::string discover_json(const oras::ops::DiscoverResult& result, const std::string& name);

} // namespace coras
