// A sink that hashes and counts what passes through it on the way to another sink: the digest
// of content whose descriptor is not known in advance (a file taken out of an archive).
#pragma once

#include "oras/descriptor.hpp"
#include "oras/digest.hpp"
#include "oras/io.hpp"
#include "oras/media_types.hpp"

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace oras {

class HashingSink final : public ByteSink
{
  public:
    // Passes everything on to `inner`, which must outlive this sink.
    explicit HashingSink(ByteSink& inner) : m_inner(inner) {}

    Result<void> write(std::string_view data) override
    {
        m_hasher.update(data);
        m_size += data.size();
        return m_inner.write(data);
    }

    // The descriptor of everything written, of `media_type`, titled with `path`'s file name
    // (no title when `path` is empty). Call once, after the last write.
    Descriptor describe(std::string_view media_type, const std::filesystem::path& path = {})
    {
        Descriptor desc;
        desc.media_type = std::string(media_type);
        desc.digest = m_hasher.finish();
        desc.size = m_size;
        if (!path.empty()) {
            desc.annotations[std::string(annotation::title)] = path.filename().string();
        }
        return desc;
    }

  private:
    ByteSink& m_inner;
    Sha256 m_hasher;
    std::uint64_t m_size = 0;
};

// A sink that keeps nothing.
class DiscardSink final : public ByteSink
{
  public:
    Result<void> write(std::string_view /*data*/) override { return {}; }
};

} // namespace oras
