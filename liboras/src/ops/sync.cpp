#include "oras/ops/sync.hpp"

#include "content/hashing_sink.hpp"
#include "ops/artifact_plan.hpp"
#include "ops/manifest_graph.hpp"
#include "ops/sync_dir.hpp"
#include "ops/wasm_pull.hpp"
#include "oras/reference.hpp"

#include <map>
#include <set>

namespace oras::ops {

namespace {

namespace fs = std::filesystem;

// The entry of a reference that failed at `step`.
SyncEntry failed(SyncEntry entry, const std::string& step, const Error& error)
{
    entry.state = SyncState::failed;
    entry.step = step;
    entry.error = "sync " + entry.reference + ": " + step + ": " + error.message;
    return entry;
}

// Downloads the module of the manifest `digest` of `repository` to `dir`/`module_name`.
Result<void> download_module(Target& repository,
                             const Digest& digest,
                             SyncDir& dir,
                             const std::string& module_name)
{
    ManifestGraph graph(repository);
    const auto plan = ORAS_TRY(plan_artifact(graph, digest.str()));
    if (!plan.wasm) {
        return fail(ErrorCode::unsupported,
                    digest.str() + " is not a Wasm module artifact coras can pull",
                    "push the module with coras push (any --wasm-format)");
    }
    auto file = ORAS_TRY(FileSink::create_in(dir.output_dir(), module_name, Durability::synced));
    HashingSink module_sink(*file);
    DiscardSink discard;
    HashingSink config_sink(discard);
    ORAS_TRY(download_wasm_module(repository, *plan.wasm, module_sink, config_sink, {}));
    return file->commit(Overwrite::yes);
}

SyncEntry sync_reference(const std::string& text, SyncDir& dir, const SyncOptions& options)
{
    SyncEntry entry;
    entry.reference = text;
    auto reference = Reference::parse(text);
    if (!reference) {
        return failed(std::move(entry), "read reference", reference.error());
    }
    if (reference->tag.empty() && reference->digest.empty()) {
        return failed(std::move(entry),
                      "read reference",
                      Error(ErrorCode::invalid_argument, "no tag or digest given"));
    }
    auto repository = open_remote_repository(*reference, options.remote);
    if (!repository) {
        return failed(std::move(entry), "open repository", repository.error());
    }
    auto resolved = (*repository)->resolve(reference->reference());
    if (!resolved) {
        return failed(std::move(entry), "resolve", resolved.error());
    }
    entry.digest = resolved->digest;
    const std::string module_name = resolved->digest.hex() + ".wasm";
    if (dir.has_module(module_name)) {
        entry.state = SyncState::unchanged;
    } else {
        auto downloaded = download_module(**repository, resolved->digest, dir, module_name);
        if (!downloaded) {
            return failed(std::move(entry), "download", downloaded.error());
        }
        entry.state = SyncState::downloaded;
    }
    const std::string link_name = sync_link_name(text);
    auto linked = dir.link(link_name, module_name);
    if (!linked) {
        return failed(std::move(entry), "link", linked.error());
    }
    entry.file = dir.path_of(module_name);
    entry.link = dir.path_of(link_name);
    return entry;
}

} // namespace

std::string_view to_string(SyncState state)
{
    switch (state) {
    case SyncState::downloaded:
        return "downloaded";
    case SyncState::unchanged:
        return "unchanged";
    case SyncState::failed:
        break;
    }
    return "failed";
}

std::size_t SyncReport::failures() const
{
    std::size_t count = 0;
    for (const auto& entry : entries) {
        count += entry.state == SyncState::failed ? 1 : 0;
    }
    return count;
}

Result<SyncReport> sync(const SyncOptions& options)
{
    const auto references = ORAS_TRY(read_sync_list(options.list_file));
    auto dir = ORAS_TRY(SyncDir::open(options.dir));
    SyncReport report;
    std::set<std::string> links;
    std::map<std::string, std::string> link_owners; // link name -> the reference that has it
    for (const auto& reference : references) {
        if (options.remote.cancelled && options.remote.cancelled()) {
            return fail(ErrorCode::cancelled, "sync cancelled before " + reference);
        }
        const std::string link_name = sync_link_name(reference);
        const auto [owner, fresh] = link_owners.emplace(link_name, reference);
        if (!fresh) {
            SyncEntry entry;
            entry.reference = reference;
            report.entries.push_back(
                failed(std::move(entry),
                       "link",
                       Error(ErrorCode::invalid_argument,
                             "its link name " + link_name + " is that of " + owner->second)));
            continue;
        }
        report.entries.push_back(sync_reference(reference, dir, options));
        links.insert(link_name);
    }
    if (options.prune == Prune::yes) {
        // A module this round resolved to stays even when its link could not be made, so that
        // the next round does not download it again.
        std::set<std::string> modules_in_use;
        for (const auto& entry : report.entries) {
            if (entry.digest) {
                modules_in_use.insert(entry.digest->hex() + ".wasm");
            }
        }
        report.pruned = ORAS_TRY(dir.prune(links, modules_in_use));
    }
    return report;
}

} // namespace oras::ops
