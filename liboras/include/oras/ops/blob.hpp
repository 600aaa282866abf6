// `blob fetch` and `blob push` (oras blob fetch|push): one blob by digest, streamed and
// verified, from or to a file or a pipe.
#pragma once

#include "oras/content.hpp"
#include "oras/descriptor.hpp"
#include "oras/io.hpp"
#include "oras/progress.hpp"
#include "oras/result.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace oras::ops {

// The descriptor (size included) of the blob `digest` on `target`: a HEAD on a registry, the
// blob file in an OCI layout. Fails with not_found when absent, unsupported when the target
// cannot tell.
Result<Descriptor> resolve_blob(Target& target, const Digest& digest);

// Streams the blob `desc` into `sink` while checking its size and digest (fetch_verified);
// `progress` hears of it. The sink may have received bytes before a failure: a FileSink is
// then not committed, a stream (standard output) keeps what it got.
Result<void> fetch_blob(Target& target,
                        const Descriptor& desc,
                        ByteSink& sink,
                        const ProgressCallback& progress = {});

// Fetches the blob `desc` into the file `path` through a temporary file renamed into place
// once verified; on failure no file is left. Fails with io naming the file, or as fetch_blob.
Result<void> fetch_blob_to_file(Target& target,
                                const Descriptor& desc,
                                const std::filesystem::path& path,
                                const ProgressCallback& progress = {});

// What `blob push` uploads and what the user says it is.
struct BlobPushOptions
{
    std::filesystem::path path;        // "-": standard input, streamed in chunks
    std::optional<Digest> digest;      // from REF@digest: the content must hash to it
    std::optional<std::uint64_t> size; // --size: the content must be this long
    std::string media_type;            // --media-type: only for the descriptor returned
    ProgressCallback progress;         // started / in_progress / done, or exists
};

struct BlobPushResult
{
    Descriptor desc;
    bool existed = false; // already stored: nothing was sent
};

// Pushes one blob. A file is hashed first; a blob the target already has (HEAD) is not sent
// again. Standard input with a known digest is first checked the same way; otherwise it is
// streamed to a StreamPusher (a registry) in chunks with its digest computed on the way, no
// temporary file. Fails with digest_mismatch / size_mismatch when the content is not what
// `options` says, nothing stored then; unsupported for standard input to a target that cannot
// stream (an OCI layout).
Result<BlobPushResult> push_blob(Target& target, const BlobPushOptions& options);

} // namespace oras::ops
