// Helpers for the blob upload tests against the scripted server: the repository opened on it,
// patterned content, and the upload-session answers a registry gives.
#pragma once

#include "oras/reference.hpp"
#include "oras/remote.hpp"
#include "scripted_server.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>

namespace coras_test {

// localhost:<port>/demo/wasm on `server`, uploading in chunks of `chunk_size` (nullopt: one
// PUT), retries without waiting.
inline std::unique_ptr<oras::Target> open_upload_repository(const ScriptedServer& server,
                                                            std::optional<std::uint64_t> chunk_size,
                                                            int max_retries = 5)
{
    auto ref = oras::Reference::parse("localhost:" + std::to_string(server.port()) + "/demo/wasm");
    REQUIRE(ref);
    oras::RemoteOptions options;
    options.chunk_size = chunk_size;
    options.retry.max_retries = max_retries;
    options.retry.sleep = [](std::chrono::milliseconds) {};
    auto target = oras::open_remote_repository(*ref, options);
    REQUIRE(target);
    return std::move(target).value();
}

// `size` bytes of a pattern that does not repeat on chunk boundaries.
inline std::string pattern(std::size_t size)
{
    std::string bytes(size, '\0');
    for (std::size_t i = 0; i < size; ++i) {
        bytes[i] = static_cast<char>('a' + (i * 7 + i / 251) % 26);
    }
    return bytes;
}

inline const std::string k_uploads = "/v2/demo/wasm/blobs/uploads/";

// 202 naming the session `name` below k_uploads, holding `range`.
inline Reply session(const std::string& name, const std::string& range = "0-0")
{
    return Reply{202, {{"Location", k_uploads + name}, {"Range", range}}, ""};
}

} // namespace coras_test
