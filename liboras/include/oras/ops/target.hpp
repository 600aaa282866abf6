// Opening what a command names: a registry repository or, with --oci-layout, an OCI image
// layout directory, plus the tag(s) or digest the command is about.
#pragma once

#include "oras/content.hpp"
#include "oras/oci_layout.hpp"
#include "oras/remote.hpp"
#include "oras/result.hpp"

#include <memory>
#include <string>
#include <vector>

namespace oras::ops {

enum class TargetKind
{
    remote,
    oci_layout
};

struct TargetSpec
{
    std::string text; // as typed: "host/repo:t1,t2" or "dir:tag"
    TargetKind kind = TargetKind::remote;
    RemoteOptions remote; // used for TargetKind::remote
    LayoutMode layout_mode = LayoutMode::read_only;
};

struct OpenedTarget
{
    std::unique_ptr<Target> target;
    std::string reference;         // digest if given, else the first tag, else empty
    std::vector<std::string> tags; // every tag given ("t1,t2"), in order
    std::string name;              // "host/repo" or the layout directory, for messages
    std::string registry;          // "host:port" for a remote, empty for a layout
    std::string repository;        // "demo/wasm" for a remote, empty for a layout
    bool created = false;          // a layout directory this open created (LayoutMode::create)
};

// Parses `spec.text` (tags may be a comma list) and opens the target. Fails with
// invalid_argument for a malformed reference, or as open_remote_repository / open_oci_layout.
Result<OpenedTarget> open_target(const TargetSpec& spec);

} // namespace oras::ops
