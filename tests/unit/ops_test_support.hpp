// Helpers for the ops tests: an opened in-memory target, a store seeded with a manifest, and a
// Target decorator that serves corrupted bytes, as a hostile registry would.
#pragma once

#include "oras/manifest.hpp"
#include "oras/media_types.hpp"
#include "oras/memory_store.hpp"
#include "oras/ops/target.hpp"

#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

namespace coras_test {

// A new, empty in-memory store opened as a push destination with `tags`, as open_target opens
// "host/repo:t1,t2".
inline oras::ops::OpenedTarget memory_target(std::vector<std::string> tags)
{
    oras::ops::OpenedTarget opened;
    opened.target = oras::make_memory_store();
    opened.reference = tags.empty() ? std::string() : tags.front();
    opened.tags = std::move(tags);
    opened.name = "memory";
    return opened;
}

// Stores `data` as a blob of `media_type` titled `title` (no title when empty).
inline oras::Descriptor store_blob(oras::Target& store,
                                   const std::string& data,
                                   const std::string& title,
                                   std::string_view media_type = "application/octet-stream")
{
    auto desc = oras::descriptor_of(media_type, data);
    if (!title.empty()) {
        desc.annotations["org.opencontainers.image.title"] = title;
    }
    oras::MemorySource source(data);
    REQUIRE(store.push(desc, source));
    return desc;
}

// Stores a manifest with an empty config and `layers`, tagged `tag`.
inline oras::Descriptor store_manifest(oras::Target& store,
                                       const std::vector<oras::Descriptor>& layers,
                                       const std::string& tag)
{
    oras::MemorySource empty(oras::empty_json);
    REQUIRE(store.push(oras::empty_descriptor(), empty));
    oras::Manifest manifest;
    manifest.media_type = std::string(oras::media_type::oci_manifest);
    manifest.config = oras::empty_descriptor();
    manifest.layers = layers;
    const auto bytes = oras::serialize_manifest(manifest);
    const auto desc = oras::descriptor_of(oras::media_type::oci_manifest, bytes);
    oras::MemorySource source(bytes);
    REQUIRE(store.push_tagged(desc, source, tag));
    return desc;
}

// Forwards everything to `inner`; decorators below override what they change.
class ForwardingTarget : public oras::Target
{
  public:
    explicit ForwardingTarget(oras::Target& inner) : m_inner(inner) {}
    oras::Result<void> fetch(const oras::Descriptor& desc, oras::ByteSink& sink) override
    {
        return m_inner.fetch(desc, sink);
    }
    oras::Result<void> push(const oras::Descriptor& desc, oras::ByteSource& content) override
    {
        return m_inner.push(desc, content);
    }
    oras::Result<bool> exists(const oras::Descriptor& desc) override
    {
        return m_inner.exists(desc);
    }
    oras::Result<oras::Descriptor> resolve(std::string_view reference) override
    {
        return m_inner.resolve(reference);
    }
    oras::Result<void> tag(const oras::Descriptor& desc, std::string_view tag) override
    {
        return m_inner.tag(desc, tag);
    }
    std::string describe() const override { return m_inner.describe(); }

  protected:
    oras::Target& inner() { return m_inner; }

  private:
    oras::Target& m_inner;
};

// Serves the bytes of `inner`, except that blob `corrupt` comes back with its first byte
// flipped.
class CorruptingTarget final : public ForwardingTarget
{
  public:
    CorruptingTarget(oras::Target& inner, oras::Digest corrupt)
        : ForwardingTarget(inner), m_corrupt(std::move(corrupt))
    {
    }
    oras::Result<void> fetch(const oras::Descriptor& desc, oras::ByteSink& sink) override
    {
        if (desc.digest != m_corrupt) {
            return inner().fetch(desc, sink);
        }
        oras::StringSink bytes(1 << 20);
        ORAS_TRY(inner().fetch(desc, bytes));
        auto data = bytes.take();
        data[0] = static_cast<char>(data[0] ^ 1);
        return sink.write(data);
    }
    std::string describe() const override { return "corrupting " + ForwardingTarget::describe(); }

  private:
    oras::Digest m_corrupt;
};

// Serves `inner` and records the digest of every fetch, so that a test can check that some
// content was never downloaded.
class RecordingTarget final : public ForwardingTarget
{
  public:
    explicit RecordingTarget(oras::Target& inner) : ForwardingTarget(inner) {}
    oras::Result<void> fetch(const oras::Descriptor& desc, oras::ByteSink& sink) override
    {
        fetched.push_back(desc.digest);
        return inner().fetch(desc, sink);
    }

    std::vector<oras::Digest> fetched;
};

} // namespace coras_test
