#include "graph_test_support.hpp"
#include "ops/referrer_index.hpp"
#include "ops_test_support.hpp"
#include "oras/ops/copy.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

namespace {

using coras_test::RecordingTarget;
using coras_test::store_blob;
using coras_test::store_image;
using coras_test::store_index;

// Records every finished event: state and digest, in order.
struct Events
{
    std::vector<std::pair<oras::TransferState, oras::Digest>> seen;

    oras::ProgressCallback callback()
    {
        return [this](const oras::TransferEvent& event) {
            if (event.state != oras::TransferState::in_progress &&
                event.state != oras::TransferState::started) {
                seen.emplace_back(event.state, event.desc.digest);
            }
            return oras::Continue::yes;
        };
    }
    [[nodiscard]] std::size_t count(oras::TransferState state) const
    {
        return static_cast<std::size_t>(std::count_if(
            seen.begin(), seen.end(), [&](const auto& e) { return e.first == state; }));
    }
    [[nodiscard]] std::size_t position(const oras::Digest& digest) const
    {
        const auto found = std::find_if(
            seen.begin(), seen.end(), [&](const auto& e) { return e.second == digest; });
        REQUIRE(found != seen.end());
        return static_cast<std::size_t>(found - seen.begin());
    }
};

// Flips the first byte of every fetch of `corrupt` while streaming it.
class FlippingTarget final : public coras_test::ForwardingTarget
{
  public:
    FlippingTarget(oras::Target& inner, oras::Digest corrupt)
        : ForwardingTarget(inner), m_corrupt(std::move(corrupt))
    {
    }
    oras::Result<void> fetch(const oras::Descriptor& desc, oras::ByteSink& sink) override
    {
        if (desc.digest != m_corrupt) {
            return inner().fetch(desc, sink);
        }
        Flip flip(sink);
        return inner().fetch(desc, flip);
    }
    std::string describe() const override { return "flipping " + ForwardingTarget::describe(); }

  private:
    class Flip final : public oras::ByteSink
    {
      public:
        explicit Flip(oras::ByteSink& inner) : m_inner(inner) {}
        oras::Result<void> write(std::string_view data) override
        {
            if (m_first && !data.empty()) {
                m_first = false;
                std::string changed(data);
                changed[0] = static_cast<char>(changed[0] ^ 1);
                return m_inner.write(changed);
            }
            return m_inner.write(data);
        }

      private:
        oras::ByteSink& m_inner;
        bool m_first = true;
    };

    oras::Digest m_corrupt;
};

// A destination that reads every pushed blob halfway, rewinds, then stores it (a registry
// restarting an upload), and can mount blobs: `mount_answer` says how.
class RewindingMounter final : public coras_test::ForwardingTarget, public oras::BlobMounter
{
  public:
    explicit RewindingMounter(oras::Target& inner) : ForwardingTarget(inner) {}
    oras::Result<void> push(const oras::Descriptor& desc, oras::ByteSource& content) override
    {
        std::string half(desc.size / 2, '\0');
        std::size_t got = 0;
        while (got < half.size()) {
            const std::size_t n =
                ORAS_TRY(content.read(std::span(half.data() + got, half.size() - got)));
            REQUIRE(n > 0);
            got += n;
        }
        ++rewinds;
        ORAS_TRY(content.rewind());
        return inner().push(desc, content);
    }
    std::string describe() const override { return "rewinding " + ForwardingTarget::describe(); }
    oras::Result<bool> mount(const oras::Descriptor& desc, std::string_view from) override
    {
        mounts.emplace_back(from);
        if (mount_answer == 201) {
            // The registry has it now: store it as the mount would.
            oras::StringSink bytes(desc.size);
            ORAS_TRY(mount_source->fetch(desc, bytes));
            oras::MemorySource source(bytes.str());
            ORAS_TRY(inner().push(desc, source));
            return true;
        }
        if (mount_answer == 202) {
            return false;
        }
        oras::Error refused(oras::ErrorCode::forbidden, "POST mount: 403 denied");
        refused.http_status = mount_answer;
        return refused;
    }

    int rewinds = 0;
    long mount_answer = 202;
    oras::Target* mount_source = nullptr;
    std::vector<std::string> mounts;
};

// An artifact of a config, a small layer and a 3 MiB layer (streamed), tagged `tag`.
struct Artifact
{
    oras::Manifest manifest;
    oras::Descriptor root;
};

Artifact store_artifact(oras::Target& store, const std::string& tag, const std::string& seed)
{
    Artifact artifact;
    artifact.manifest.media_type = std::string(oras::media_type::oci_manifest);
    artifact.manifest.config =
        store_blob(store, R"({"seed":")" + seed + "\"}", "", oras::media_type::oci_config);
    std::string big(3 * 1024 * 1024 + 17, 'b');
    big.replace(0, seed.size(), seed);
    artifact.manifest.layers = {store_blob(store, "small " + seed, "small.txt"),
                                store_blob(store, big, "big.bin")};
    artifact.root = store_image(store, artifact.manifest, tag);
    return artifact;
}

std::string bytes_of(oras::Target& store, const oras::Descriptor& desc)
{
    const auto bytes = oras::fetch_bytes(store, desc, 8 * 1024 * 1024);
    REQUIRE(bytes);
    return *bytes;
}

constexpr const char* k_sig_type = "application/vnd.example.signature";

// Stores an artifact of `type` whose subject is `subject`, with one small layer `seed`.
oras::Descriptor
store_referrer(oras::Target& store, const oras::Descriptor& subject, const std::string& seed)
{
    oras::MemorySource empty(oras::empty_json);
    REQUIRE(store.push(oras::empty_descriptor(), empty));
    oras::Manifest manifest;
    manifest.media_type = std::string(oras::media_type::oci_manifest);
    manifest.artifact_type = k_sig_type;
    manifest.config = oras::empty_descriptor();
    manifest.layers = {store_blob(store, seed, seed + ".txt")};
    oras::Descriptor bare;
    bare.media_type = subject.media_type;
    bare.digest = subject.digest;
    bare.size = subject.size;
    manifest.subject = bare;
    auto desc = store_image(store, manifest);
    desc.artifact_type = k_sig_type;
    return desc;
}

// Writes the referrers index tag of `subject` in `store`, listing `entries`.
void list_under(oras::Target& store,
                const oras::Descriptor& subject,
                const std::vector<oras::Descriptor>& entries)
{
    store_index(store, entries, oras::ops::referrers_tag(subject.digest));
}

// The digests the referrers index tag of `subject` in `store` lists.
std::vector<oras::Digest> listed_under(oras::Target& store, const oras::Descriptor& subject)
{
    const auto index = oras::ops::read_tag_index(store, subject.digest);
    REQUIRE(index);
    std::vector<oras::Digest> digests;
    if (*index) {
        for (const auto& entry : (*index)->manifests) {
            digests.push_back(entry.digest);
        }
    }
    return digests;
}

} // namespace

TEST_CASE("oras::ops::copy")
{
    auto source = oras::make_memory_store();
    auto destination = oras::make_memory_store();
    Events events;
    oras::ops::CopyOptions options;
    options.progress = events.callback();

    SUBCASE("copies blobs then the manifest, tagged with every tag; a second copy sends nothing")
    {
        const auto artifact = store_artifact(*source, "v1", "one");
        options.tags = {"v1", "stable"};
        options.concurrency = 2;
        const auto result = oras::ops::copy(*source, "v1", *destination, options);
        REQUIRE(result);
        CHECK(result->root.digest == artifact.root.digest);
        CHECK(result->copied == 4);
        for (const auto* tag : {"v1", "stable"}) {
            const auto resolved = destination->resolve(tag);
            REQUIRE(resolved);
            CHECK(resolved->digest == artifact.root.digest);
        }
        for (const auto& layer : artifact.manifest.layers) {
            CHECK(bytes_of(*destination, layer) == bytes_of(*source, layer));
        }
        CHECK(events.position(artifact.root.digest) == events.seen.size() - 1);

        RecordingTarget recording(*source);
        events.seen.clear();
        const auto again = oras::ops::copy(recording, "v1", *destination, options);
        REQUIRE(again);
        CHECK(again->copied == 0);
        CHECK(again->existed == 1);
        CHECK(recording.fetched == std::vector<oras::Digest>{artifact.root.digest});
    }

    SUBCASE("without tags the root is stored by digest only")
    {
        const auto artifact = store_artifact(*source, "v1", "two");
        REQUIRE(oras::ops::copy(*source, artifact.root.digest.str(), *destination, options));
        CHECK(destination->exists(artifact.root).value());
        CHECK_FALSE(destination->resolve("v1"));
    }

    SUBCASE("an index: children before the index, the index last")
    {
        const auto amd = store_artifact(*source, "", "amd");
        const auto arm = store_artifact(*source, "", "arm");
        auto amd_entry = amd.root;
        amd_entry.platform = oras::Platform{"amd64", "linux", "", {}, ""};
        auto arm_entry = arm.root;
        arm_entry.platform = oras::Platform{"arm64", "linux", "", {}, "v8"};
        const auto index = store_index(*source, {amd_entry, arm_entry}, "multi");
        options.tags = {"multi"};

        SUBCASE("whole")
        {
            const auto result = oras::ops::copy(*source, "multi", *destination, options);
            REQUIRE(result);
            CHECK(result->root.digest == index.digest);
            CHECK(events.position(amd.root.digest) < events.position(index.digest));
            CHECK(events.position(arm.root.digest) < events.position(index.digest));
            CHECK(events.position(amd.manifest.layers[1].digest) <
                  events.position(amd.root.digest));
            CHECK(destination->resolve("multi")->digest == index.digest);
        }

        SUBCASE("--platform copies the one matching manifest, tagged")
        {
            options.platform = oras::Platform{"arm64", "linux", "", {}, ""};
            const auto result = oras::ops::copy(*source, "multi", *destination, options);
            REQUIRE(result);
            CHECK(result->root.digest == arm.root.digest);
            CHECK(destination->resolve("multi")->digest == arm.root.digest);
            CHECK_FALSE(destination->exists(amd.root).value());
            CHECK_FALSE(destination->exists(index).value());
        }

        SUBCASE("--platform with no match fails and tags nothing")
        {
            options.platform = oras::Platform{"s390x", "linux", "", {}, ""};
            const auto result = oras::ops::copy(*source, "multi", *destination, options);
            REQUIRE_FALSE(result);
            CHECK(result.error().code == oras::ErrorCode::not_found);
            CHECK(result.error().message.find("linux/s390x") != std::string::npos);
            CHECK_FALSE(destination->resolve("multi"));
        }

        SUBCASE("a child the destination has is not walked")
        {
            REQUIRE(oras::ops::copy(*source, amd.root.digest.str(), *destination, {}));
            RecordingTarget recording(*source);
            const auto result = oras::ops::copy(recording, "multi", *destination, options);
            REQUIRE(result);
            CHECK(std::find(recording.fetched.begin(),
                            recording.fetched.end(),
                            amd.manifest.layers[1].digest) == recording.fetched.end());
            CHECK(events.count(oras::TransferState::exists) == 1);
        }
    }

    SUBCASE("a corrupt blob fails naming it and the step, and nothing is tagged")
    {
        const auto artifact = store_artifact(*source, "v1", "three");
        options.tags = {"v1"};
        for (const auto& layer : artifact.manifest.layers) {
            CAPTURE(layer.size);
            FlippingTarget flipping(*source, layer.digest);
            const auto result = oras::ops::copy(flipping, "v1", *destination, options);
            REQUIRE_FALSE(result);
            CHECK(result.error().code == oras::ErrorCode::digest_mismatch);
            CHECK(result.error().message.starts_with("copy blob " + layer.digest.str() +
                                                     " from flipping memory store to memory "
                                                     "store: "));
            CHECK_FALSE(destination->resolve("v1"));
            CHECK_FALSE(destination->exists(layer).value());
        }
    }

    SUBCASE("an unknown tag fails with not_found")
    {
        const auto result = oras::ops::copy(*source, "nope", *destination, options);
        REQUIRE_FALSE(result);
        CHECK(result.error().code == oras::ErrorCode::not_found);
    }

    SUBCASE("a streamed blob is fetched again when the destination rewinds")
    {
        const auto artifact = store_artifact(*source, "v1", "four");
        RewindingMounter rewinding(*destination);
        options.tags = {"v1"};
        REQUIRE(oras::ops::copy(*source, "v1", rewinding, options));
        CHECK(rewinding.rewinds == 4);
        CHECK(bytes_of(*destination, artifact.manifest.layers[1]) ==
              bytes_of(*source, artifact.manifest.layers[1]));
        CHECK(rewinding.mounts.empty()); // no mount_from given
    }

    SUBCASE("mounts: taken when the registry mounts, an upload when it refuses")
    {
        const auto artifact = store_artifact(*source, "v1", "five");
        RewindingMounter mounter(*destination);
        mounter.mount_source = source.get();
        options.mount_from = "demo/src";
        RecordingTarget recording(*source);

        SUBCASE("mounted")
        {
            mounter.mount_answer = 201;
            const auto result = oras::ops::copy(recording, "v1", mounter, options);
            REQUIRE(result);
            CHECK(result->mounted == 3);
            CHECK(recording.fetched == std::vector<oras::Digest>{artifact.root.digest});
            CHECK(mounter.mounts == std::vector<std::string>(3, "demo/src"));
        }
        for (const long refusal : {202L, 401L, 403L}) {
            SUBCASE(("refused: " + std::to_string(refusal)).c_str())
            {
                mounter.mount_answer = refusal;
                const auto result = oras::ops::copy(recording, "v1", mounter, options);
                REQUIRE(result);
                CHECK(result->mounted == 0);
                CHECK(result->copied == 4);
            }
        }
        SUBCASE("another failure of the mount fails the copy")
        {
            mounter.mount_answer = 500;
            const auto result = oras::ops::copy(recording, "v1", mounter, options);
            REQUIRE_FALSE(result);
            CHECK(result.error().message.find("mount from demo/src") != std::string::npos);
        }
    }
}

TEST_CASE("oras::ops::copy with Referrers::include")
{
    auto source = oras::make_memory_store();
    auto destination = oras::make_memory_store();
    oras::ops::CopyOptions options;
    options.tags = {"v1"};
    const auto artifact = store_artifact(*source, "v1", "subject");
    const auto sig = store_referrer(*source, artifact.root, "signature");
    const auto sig_sig = store_referrer(*source, sig, "signature of the signature");
    // Listed under the subject, but its subject is another manifest (oras#1907).
    const auto other = store_artifact(*source, "other", "other");
    const auto stranger = store_referrer(*source, other.root, "stranger");
    list_under(*source, artifact.root, {sig, stranger});
    list_under(*source, sig, {sig_sig});

    SUBCASE("referrers and theirs follow their subject; the tag schema is written")
    {
        options.referrers = oras::ops::Referrers::include;
        const auto result = oras::ops::copy(*source, "v1", *destination, options);
        REQUIRE(result);
        CHECK(result->root.digest == artifact.root.digest);
        REQUIRE(result->referrers.size() == 2);
        CHECK(result->referrers[0].digest == sig.digest);
        CHECK(result->referrers[0].artifact_type == k_sig_type);
        CHECK(result->referrers[1].digest == sig_sig.digest);
        CHECK(destination->resolve("v1")->digest == artifact.root.digest);
        CHECK(destination->exists(sig).value());
        CHECK(destination->exists(sig_sig).value());
        CHECK(destination->exists(sig_sig).value());
        CHECK_FALSE(destination->exists(stranger).value());
        CHECK(listed_under(*destination, artifact.root) == std::vector<oras::Digest>{sig.digest});
        CHECK(listed_under(*destination, sig) == std::vector<oras::Digest>{sig_sig.digest});

        // Again: nothing sent, the indexes unchanged.
        const auto again = oras::ops::copy(*source, "v1", *destination, options);
        REQUIRE(again);
        CHECK(again->copied == 0);
        CHECK(listed_under(*destination, artifact.root) == std::vector<oras::Digest>{sig.digest});
    }

    SUBCASE("without it only the graph is copied")
    {
        const auto result = oras::ops::copy(*source, "v1", *destination, options);
        REQUIRE(result);
        CHECK(result->referrers.empty());
        CHECK_FALSE(destination->exists(sig).value());
        CHECK_FALSE(destination->resolve(oras::ops::referrers_tag(artifact.root.digest)));
    }

    SUBCASE("a listing that points back at the subject ends")
    {
        list_under(*source, sig_sig, {artifact.root, sig});
        options.referrers = oras::ops::Referrers::include;
        const auto result = oras::ops::copy(*source, "v1", *destination, options);
        REQUIRE(result);
        CHECK(result->referrers.size() == 2);
        CHECK(listed_under(*destination, sig_sig).empty());
    }

    SUBCASE("the referrers of an index's manifests are copied too")
    {
        const auto index = store_index(*source, {artifact.root, other.root}, "multi");
        const auto index_sig = store_referrer(*source, index, "index signature");
        list_under(*source, index, {index_sig});
        options.tags = {"multi"};
        options.referrers = oras::ops::Referrers::include;
        const auto result = oras::ops::copy(*source, "multi", *destination, options);
        REQUIRE(result);
        CHECK(destination->exists(index_sig).value());
        CHECK(destination->exists(sig).value());
        CHECK(destination->exists(sig_sig).value());
        CHECK_FALSE(destination->exists(stranger).value()); // `other` has no listing
        CHECK(listed_under(*destination, index) == std::vector<oras::Digest>{index_sig.digest});
        CHECK(result->referrers.size() == 3);
    }

    SUBCASE("a referrer that cannot be read fails naming it, and the root is not tagged")
    {
        FlippingTarget flipping(*source, sig_sig.digest);
        options.referrers = oras::ops::Referrers::include;
        const auto result = oras::ops::copy(flipping, "v1", *destination, options);
        REQUIRE_FALSE(result);
        CHECK(result.error().message.find(sig_sig.digest.str()) != std::string::npos);
        CHECK_FALSE(destination->resolve("v1"));
    }

    SUBCASE("--distribution-spec v1.1-referrers-api fails on a store without the API")
    {
        options.referrers = oras::ops::Referrers::include;
        options.referrers_method = oras::ops::ReferrersMethod::api;
        const auto result = oras::ops::copy(*source, "v1", *destination, options);
        REQUIRE_FALSE(result);
        CHECK(result.error().code == oras::ErrorCode::unsupported);
        CHECK_FALSE(destination->resolve("v1"));
    }
}
