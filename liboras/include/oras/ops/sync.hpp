// `sync`: keep a directory of Wasm modules in step with a list of references, as a node-side
// job does for filters loaded from a host path (the EnvoyFilter of the published ASM design;
// wasm-formats.md §1.1, §11). Each reference's module is written once per manifest digest as
// DIR/<manifest-digest-hex>.wasm, and a stable per-reference name links to it.
#pragma once

#include "oras/digest.hpp"
#include "oras/remote.hpp"
#include "oras/result.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oras::ops {

// Whether sync removes what no listed reference needs.
enum class Prune
{
    no,
    yes
};

struct SyncOptions
{
    std::filesystem::path list_file; // see read_sync_list()
    std::filesystem::path dir;       // created when missing
    RemoteOptions remote;            // for every reference's repository
    Prune prune = Prune::no;
};

enum class SyncState
{
    downloaded, // the module was written this round
    unchanged,  // DIR/<digest-hex>.wasm was there: nothing but the manifest was asked for
    failed,
};

// "downloaded", "unchanged", "failed".
std::string_view to_string(SyncState state);

// What became of one listed reference.
struct SyncEntry
{
    std::string reference; // as listed
    SyncState state = SyncState::failed;
    std::optional<Digest> digest; // the manifest digest it resolved to
    std::filesystem::path file;   // DIR/<hex>.wasm, when synced
    std::filesystem::path link;   // DIR/<sync_link_name()>, when synced
    std::string step;             // failed: "read reference", "resolve", "download", "link"
    std::string error;            // failed: one line naming the reference and the step
};

struct SyncReport
{
    std::vector<SyncEntry> entries; // in list order
    std::vector<std::filesystem::path> pruned;

    [[nodiscard]] std::size_t failures() const;
};

// The references a list file holds, in order, each once. The file is either plain text, one
// reference per line (blank lines and `#` comments ignored), or a Kubernetes ConfigMap in YAML
// or JSON whose `data` values are references, or hold one reference per line as the plain
// form. References are not checked here (sync reports a bad one as that reference's
// failure). Fails with not_found or io for an unreadable file, too_large over 4 MiB,
// invalid_format naming the file and line for a manifest that is not a ConfigMap or cannot be
// read, a line holding more than one word, or a list that names no reference.
Result<std::vector<std::string>> read_sync_list(const std::filesystem::path& list_file);

// parse of read_sync_list() over `text`, the content of `origin`.
Result<std::vector<std::string>> parse_sync_list(std::string_view text, const std::string& origin);

// The stable name sync gives `reference`'s link in DIR: registry, repository, tag and digest
// (those present) joined by '_', every character outside [A-Za-z0-9._-] replaced by '_', a
// digest's ':' by '-', then ".wasm"; a name over 200 characters is cut and given a hash of
// the whole reference: "localhost_5000_filters_header_v1.wasm".
std::string sync_link_name(std::string_view reference);

// True for a name sync writes modules under: 64 lowercase hex digits and ".wasm".
bool is_sync_module_name(std::string_view name);

// One round: reads the list, then for each reference resolves it (one HEAD, or a GET of the
// manifest), downloads its module unless DIR/<hex>.wasm is there already (any Wasm layout
// pull reads; verified, written to a temporary file, fsynced and renamed), and points its link
// at it (a symbolic link made beside it and renamed over the old one). A reference that fails
// is reported in its entry and the others go on. With Prune::yes, then removes from DIR the
// links sync made (symbolic links named *.wasm pointing at a module name) that no listed
// reference owns, the modules no remaining link points at and no reference of this round
// resolved to, and download temporaries a killed sync left (untouched for 15 minutes);
// nothing else is touched. Fails
// (before any reference) as read_sync_list(), or with io when DIR cannot be created or read.
Result<SyncReport> sync(const SyncOptions& options);

} // namespace oras::ops
