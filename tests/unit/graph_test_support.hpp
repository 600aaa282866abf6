// Helpers for the manifest graph and artifact plan tests: manifests and indexes stored in a
// memory store, and a Target decorator that counts what is fetched.
#pragma once

#include "ops_test_support.hpp"

#include "oras/manifest.hpp"
#include "oras/media_types.hpp"

#include <map>
#include <string>
#include <vector>

namespace coras_test {

// Stores `manifest` (as an OCI image manifest) and returns its descriptor, tagged `tag` when
// not empty, with `platform` when given.
inline oras::Descriptor store_image(oras::Target& store,
                                    const oras::Manifest& manifest,
                                    const std::string& tag = {},
                                    std::optional<oras::Platform> platform = std::nullopt)
{
    const auto bytes = oras::serialize_manifest(manifest);
    auto desc = oras::descriptor_of(oras::media_type::oci_manifest, bytes);
    oras::MemorySource source(bytes);
    const bool stored = static_cast<bool>(tag.empty() ? store.push(desc, source)
                                                      : store.push_tagged(desc, source, tag));
    REQUIRE(stored);
    desc.platform = std::move(platform);
    return desc;
}

// Stores an OCI index of `entries`, tagged `tag` when not empty.
inline oras::Descriptor store_index(oras::Target& store,
                                    const std::vector<oras::Descriptor>& entries,
                                    const std::string& tag = {})
{
    oras::Index index;
    index.media_type = std::string(oras::media_type::oci_index);
    index.manifests = entries;
    const auto bytes = oras::serialize_index(index);
    const auto desc = oras::descriptor_of(oras::media_type::oci_index, bytes);
    oras::MemorySource source(bytes);
    const bool stored = static_cast<bool>(tag.empty() ? store.push(desc, source)
                                                      : store.push_tagged(desc, source, tag));
    REQUIRE(stored);
    return desc;
}

// A solo Wasm artifact (runtime config as config, config and module as layers), the module
// titled `title`.
inline oras::Manifest solo_manifest(oras::Target& store,
                                    const std::string& module,
                                    const std::string& title = "filter.wasm")
{
    oras::Manifest manifest;
    manifest.media_type = std::string(oras::media_type::oci_manifest);
    manifest.config = store_blob(store,
                                 R"({"type":"envoy_proxy"})",
                                 "runtime-config.json",
                                 oras::media_type::wasm_solo_config);
    manifest.layers = {manifest.config,
                       store_blob(store, module, title, oras::media_type::wasm_solo_layer)};
    return manifest;
}

// Serves `inner` and counts fetches by digest.
class CountingTarget final : public oras::Target
{
  public:
    explicit CountingTarget(oras::Target& inner) : m_inner(inner) {}
    oras::Result<void> fetch(const oras::Descriptor& desc, oras::ByteSink& sink) override
    {
        ++m_fetches[desc.digest];
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
        ++m_resolves;
        return m_inner.resolve(reference);
    }
    oras::Result<void> tag(const oras::Descriptor& desc, std::string_view tag) override
    {
        return m_inner.tag(desc, tag);
    }
    std::string describe() const override { return "counting " + m_inner.describe(); }

    // How often `digest` was fetched.
    int fetches(const oras::Digest& digest) const
    {
        const auto found = m_fetches.find(digest);
        return found == m_fetches.end() ? 0 : found->second;
    }
    int resolves() const { return m_resolves; }

  private:
    oras::Target& m_inner;
    std::map<oras::Digest, int> m_fetches;
    int m_resolves = 0;
};

} // namespace coras_test
