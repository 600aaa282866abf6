// What `manifest` and `blob` commands print on stdout: descriptors, manifests as fetched, and
// the summary of a push.
#pragma once

#include "oras/content.hpp"
#include "oras/descriptor.hpp"
#include "oras/ops/target.hpp"

#include <string>
#include <string_view>

namespace coras {

enum class JsonStyle
{
    compact,
    pretty // two-space indentation (--pretty)
};

// `desc` as one line of JSON (oras --descriptor), or indented; ends with a newline.
std::string descriptor_text(const oras::Descriptor& desc, JsonStyle style);

// `bytes` unchanged (compact), or, when they are JSON, indented and ending with a newline.
std::string content_text(std::string_view bytes, JsonStyle style);

// oras manifest fetch --format json: the descriptor's members, then "content" holding the
// manifest as JSON.
std::string manifest_fetch_json(const oras::FetchedManifest& fetched);

// {"reference","mediaType","digest","size"}: a blob or manifest pushed to `reference` as typed.
std::string pushed_json(const oras::Descriptor& desc, const std::string& reference);

// "Pushed [registry|oci-layout] `reference`" and "Digest: <digest>", one line each.
std::string
pushed_text(const oras::Descriptor& desc, oras::ops::TargetKind kind, const std::string& reference);

} // namespace coras
