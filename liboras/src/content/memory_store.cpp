// An in-memory Target, as oras-go's content/memory.Store: content by digest in one map, tags in
// another; everything pushed is verified before it is kept.
#include "oras/memory_store.hpp"

#include "content/verifying_sink.hpp"
#include "oras/reference.hpp"

#include <array>
#include <map>
#include <string>
#include <utility>

namespace oras {

namespace {

Result<void> copy_stream(ByteSource& source, ByteSink& sink)
{
    std::array<char, 64 * 1024> buffer{};
    for (;;) {
        const std::size_t count = ORAS_TRY(source.read(buffer));
        if (count == 0) {
            return {};
        }
        ORAS_TRY(sink.write(std::string_view(buffer.data(), count)));
    }
}

struct StoredContent
{
    Descriptor desc;
    std::string bytes;
};

class MemoryStore final : public Target
{
  public:
    Result<void> fetch(const Descriptor& desc, ByteSink& sink) override
    {
        const auto found = m_content.find(desc.digest);
        if (found == m_content.end()) {
            return fail(ErrorCode::not_found,
                        "fetch " + desc.digest.str() + " from memory store: not found");
        }
        return sink.write(found->second.bytes);
    }

    Result<void> push(const Descriptor& desc, ByteSource& content) override
    {
        auto pushed = push_content(desc, content);
        if (!pushed) {
            return pushed.error().with_context("push " + desc.digest.str() + " to memory store");
        }
        return {};
    }

    Result<bool> exists(const Descriptor& desc) override { return m_content.contains(desc.digest); }

    Result<Descriptor> resolve(std::string_view reference) override
    {
        auto resolved = resolve_reference(reference);
        if (!resolved) {
            return resolved.error().with_context("resolve " + std::string(reference) +
                                                 " in memory store");
        }
        return resolved;
    }

    Result<void> tag(const Descriptor& desc, std::string_view tag) override
    {
        auto tagged = tag_manifest(desc, tag);
        if (!tagged) {
            return tagged.error().with_context("tag " + desc.digest.str() + " as " +
                                               std::string(tag) + " in memory store");
        }
        return {};
    }

    [[nodiscard]] std::string describe() const override { return "memory store"; }

  private:
    Result<void> push_content(const Descriptor& desc, ByteSource& content);
    Result<Descriptor> resolve_reference(std::string_view reference);
    Result<void> tag_manifest(const Descriptor& desc, std::string_view reference);

    std::map<Digest, StoredContent> m_content;
    std::map<std::string, Descriptor, std::less<>> m_tags;
};

Result<void> MemoryStore::push_content(const Descriptor& desc, ByteSource& content)
{
    StringSink bytes(static_cast<std::size_t>(desc.size));
    auto verifier = ORAS_TRY(VerifyingSink::create(bytes, desc));
    if (m_content.contains(desc.digest)) {
        return {};
    }
    ORAS_TRY(copy_stream(content, verifier));
    ORAS_TRY(verifier.finish());
    m_content.emplace(desc.digest, StoredContent{desc, bytes.take()});
    return {};
}

Result<Descriptor> MemoryStore::resolve_reference(std::string_view reference)
{
    if (reference.find(':') != std::string_view::npos) {
        const Digest digest = ORAS_TRY(Digest::parse(reference));
        const auto found = m_content.find(digest);
        if (found == m_content.end()) {
            return fail(ErrorCode::not_found, "manifest not found");
        }
        return found->second.desc;
    }
    const auto found = m_tags.find(reference);
    if (found == m_tags.end()) {
        return fail(ErrorCode::not_found, "tag not found");
    }
    return found->second;
}

Result<void> MemoryStore::tag_manifest(const Descriptor& desc, std::string_view reference)
{
    const bool by_digest = reference.find(':') != std::string_view::npos;
    if (by_digest) {
        const Digest digest = ORAS_TRY(Digest::parse(reference));
        if (digest != desc.digest) {
            return fail(ErrorCode::invalid_argument, "the reference is another digest");
        }
    } else if (!is_valid_tag(reference)) {
        return fail(ErrorCode::invalid_argument, "invalid tag");
    }
    const auto found = m_content.find(desc.digest);
    if (found == m_content.end()) {
        return fail(ErrorCode::not_found, "manifest not found: push it before tagging");
    }
    if (!by_digest) {
        Descriptor tagged = desc.media_type.empty() ? found->second.desc : desc;
        m_tags.insert_or_assign(std::string(reference), std::move(tagged));
    }
    return {};
}

} // namespace

std::unique_ptr<Target> make_memory_store()
{
    return std::make_unique<MemoryStore>();
}

} // namespace oras
