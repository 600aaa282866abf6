#include "oras/ops/blob.hpp"

#include "ops/progress_stream.hpp"
#include "ops/stream_push.hpp"

#include <memory>

namespace oras::ops {

namespace {

Result<void> check_expected(const Descriptor& actual, const BlobPushOptions& options)
{
    if (options.digest && *options.digest != actual.digest) {
        return fail(ErrorCode::digest_mismatch,
                    "blob " + options.path.string() + ": digest " + actual.digest.str() +
                        ", expected " + options.digest->str() + "; nothing pushed");
    }
    if (options.size && *options.size != actual.size) {
        return fail(ErrorCode::size_mismatch,
                    "blob " + options.path.string() + ": " + std::to_string(actual.size) +
                        " bytes, expected " + std::to_string(*options.size) +
                        " (--size); nothing pushed");
    }
    return {};
}

// True when the blob `desc` is stored, reported as TransferState::exists.
Result<bool>
already_stored(Target& target, const Descriptor& desc, const ProgressCallback& progress)
{
    const auto present = target.exists(desc);
    if (!present) {
        return present.error().with_context("check blob " + desc.digest.str());
    }
    if (*present) {
        ORAS_TRY(report(progress, TransferState::exists, desc, desc.size));
    }
    return *present;
}

Result<BlobPushResult> push_file(Target& target, const BlobPushOptions& options)
{
    const auto hashed = ORAS_TRY(sha256_of_file(options.path));
    BlobPushResult result;
    result.desc.media_type = options.media_type;
    result.desc.digest = hashed.digest;
    result.desc.size = hashed.size;
    ORAS_TRY(check_expected(result.desc, options));
    result.existed = ORAS_TRY(already_stored(target, result.desc, options.progress));
    if (result.existed) {
        return result;
    }
    ORAS_TRY(report(options.progress, TransferState::started, result.desc));
    auto file = ORAS_TRY(open_file_source(options.path));
    ProgressSource counted(*file, result.desc, options.progress);
    ORAS_TRY(target.push(result.desc, counted));
    ORAS_TRY(report(options.progress, TransferState::done, result.desc, result.desc.size));
    return result;
}

// A digest given for standard input: a HEAD says whether the blob is there already (oras
// checks before reading the pipe).
Result<std::optional<Descriptor>> stored_stdin_blob(Target& target, const BlobPushOptions& options)
{
    if (!options.digest) {
        return std::optional<Descriptor>{};
    }
    auto* resolver = dynamic_cast<BlobResolver*>(&target);
    if (resolver == nullptr) {
        return std::optional<Descriptor>{};
    }
    auto found = resolver->resolve_blob(*options.digest);
    if (!found) {
        if (found.error().code == ErrorCode::not_found) {
            return std::optional<Descriptor>{};
        }
        return found.error().with_context("check blob " + options.digest->str());
    }
    found->media_type = options.media_type;
    ORAS_TRY(check_expected(*found, options));
    ORAS_TRY(report(options.progress, TransferState::exists, *found, found->size));
    return std::optional<Descriptor>{*found};
}

Result<BlobPushResult> push_stdin(Target& target, const BlobPushOptions& options)
{
    BlobPushResult result;
    if (auto stored = ORAS_TRY(stored_stdin_blob(target, options))) {
        result.desc = std::move(*stored);
        result.existed = true;
        return result;
    }
    Descriptor pending;
    pending.media_type = options.media_type;
    pending.digest = options.digest.value_or(Digest{});
    pending.size = options.size.value_or(0);
    result.desc = ORAS_TRY(push_standard_input(
        target, pending, StreamExpectation{options.digest, options.size}, options.progress));
    return result;
}

} // namespace

Result<Descriptor> resolve_blob(Target& target, const Digest& digest)
{
    auto* resolver = dynamic_cast<BlobResolver*>(&target);
    if (resolver == nullptr) {
        return fail(ErrorCode::unsupported,
                    target.describe() + " cannot tell the size of blob " + digest.str());
    }
    return resolver->resolve_blob(digest);
}

Result<void>
fetch_blob(Target& target, const Descriptor& desc, ByteSink& sink, const ProgressCallback& progress)
{
    ORAS_TRY(report(progress, TransferState::started, desc));
    ProgressSink counted(sink, desc, progress);
    ORAS_TRY(fetch_verified(target, desc, counted));
    return report(progress, TransferState::done, desc, desc.size);
}

Result<void> fetch_blob_to_file(Target& target,
                                const Descriptor& desc,
                                const std::filesystem::path& path,
                                const ProgressCallback& progress)
{
    auto sink = ORAS_TRY(FileSink::create(path, Durability::unsynced));
    ORAS_TRY(fetch_blob(target, desc, *sink, progress));
    return sink->commit(Overwrite::yes);
}

Result<BlobPushResult> push_blob(Target& target, const BlobPushOptions& options)
{
    if (options.media_type.empty()) {
        BlobPushOptions typed = options;
        typed.media_type = "application/octet-stream";
        return push_blob(target, typed);
    }
    if (options.path == "-") {
        return push_stdin(target, options);
    }
    return push_file(target, options);
}

} // namespace oras::ops
