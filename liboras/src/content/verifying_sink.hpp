// A ByteSink decorator that checks content against its descriptor while it streams: the
// verifying reader of oras-go (content.NewVerifyReader), turned around for a push-style sink.
#pragma once

#include "oras/descriptor.hpp"
#include "oras/digest.hpp"
#include "oras/io.hpp"
#include "oras/result.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace oras {

// Passes bytes on to an inner sink while counting and hashing them. More than the expected
// size fails at once with size_mismatch, before the excess reaches the inner sink; finish()
// then checks the final size and the digest. Only sha256 content can be verified.
class VerifyingSink final : public ByteSink
{
  public:
    // Wraps `inner` (which must outlive this sink) to verify against `expected`. Fails with
    // unsupported when the digest is not sha256 and invalid_argument when it is empty.
    static Result<VerifyingSink> create(ByteSink& inner, const Descriptor& expected);

    // Hashes `data` and writes it to the inner sink; fails with size_mismatch when the total
    // would exceed the expected size, or with whatever the inner sink reports.
    Result<void> write(std::string_view data) override;

    // Checks that exactly the expected size arrived (size_mismatch) and that the digest
    // matches (digest_mismatch). Call once, after the last write().
    Result<void> finish();

    // Bytes accepted so far.
    [[nodiscard]] std::uint64_t bytes_written() const { return m_written; }

  private:
    VerifyingSink(ByteSink& inner, const Descriptor& expected);
    [[nodiscard]] std::string describe() const;

    ByteSink* m_inner;
    Digest m_expected_digest;
    std::uint64_t m_expected_size;
    std::string m_kind;
    Sha256 m_hasher;
    std::uint64_t m_written = 0;
    bool m_finished = false;
};

} // namespace oras
