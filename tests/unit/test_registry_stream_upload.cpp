// Blobs uploaded from a stream of unknown length (registry/stream_upload.hpp), against the
// in-process scripted server: PATCH chunks then PUT ?digest=<computed>, a failed PATCH resent
// from memory, a wrong expected digest or size cancelling the session before any PUT.
#include "oras/content.hpp"
#include "oras/descriptor.hpp"
#include "oras/io.hpp"
#include "oras/reference.hpp"
#include "oras/remote.hpp"
#include "scripted_server.hpp"
#include "upload_test_support.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstring>
#include <string>

using coras_test::k_uploads;
using coras_test::pattern;
using coras_test::Reply;
using coras_test::ScriptedServer;
using coras_test::session;
using namespace oras;

namespace {

// A pipe: read once, never rewound.
class PipeSource final : public ByteSource
{
  public:
    explicit PipeSource(std::string data) : m_data(std::move(data)) {}
    Result<std::size_t> read(std::span<char> buffer) override
    {
        // Short reads, as a pipe gives.
        const std::size_t count =
            std::min({buffer.size(), m_data.size() - m_offset, std::size_t{700}});
        std::memcpy(buffer.data(), m_data.data() + m_offset, count);
        m_offset += count;
        return count;
    }
    Result<void> rewind() override { return fail(ErrorCode::unsupported, "a pipe"); }
    Result<void> seek(std::uint64_t /*offset*/) override { return rewind(); }

  private:
    std::string m_data;
    std::size_t m_offset = 0;
};

} // namespace

TEST_CASE("registry: push_stream")
{
    ScriptedServer server;
    auto repo = coras_test::open_upload_repository(server, 1024);
    auto* streamer = dynamic_cast<StreamPusher*>(repo.get());
    REQUIRE(streamer != nullptr);
    const std::string bytes = pattern(2500);
    const Digest digest = sha256_of(bytes);
    PipeSource pipe(bytes);

    SUBCASE("chunks as they come, then PUT ?digest= the computed digest")
    {
        server.expect("POST " + k_uploads, session("s1"));
        server.expect("PATCH " + k_uploads + "s1", session("s2", "0-1023"));
        server.expect("PATCH " + k_uploads + "s2", session("s3", "0-2047"));
        server.expect("PATCH " + k_uploads + "s3", session("s4", "0-2499"));
        server.expect("PUT " + k_uploads + "s4?digest=" + digest.str(),
                      Reply{201, {{"Docker-Content-Digest", digest.str()}}, ""});
        const auto desc = streamer->push_stream(pipe, "application/x-test", {});
        REQUIRE(desc);
        CHECK(desc->digest == digest);
        CHECK(desc->size == 2500);
        CHECK(desc->media_type == "application/x-test");
        const auto received = server.received();
        REQUIRE(received.size() == 5);
        CHECK(received[1].header("content-range") == "0-1023");
        CHECK(received[3].header("content-range") == "2048-2499");
        CHECK(received[1].body + received[2].body + received[3].body == bytes);
    }
    SUBCASE("a failed PATCH is resent from the chunk held in memory")
    {
        server.expect("POST " + k_uploads, session("s1"));
        server.expect("PATCH " + k_uploads + "s1", session("s2", "0-1023"));
        server.expect("PATCH " + k_uploads + "s2", Reply{503, {}, ""});
        server.expect("GET " + k_uploads + "s2", Reply{204, {{"Range", "0-1023"}}, ""});
        server.expect("PATCH " + k_uploads + "s2", session("s3", "0-2047"));
        server.expect("PATCH " + k_uploads + "s3", session("s4", "0-2499"));
        server.expect("PUT " + k_uploads + "s4?digest=*",
                      Reply{201, {{"Docker-Content-Digest", digest.str()}}, ""});
        REQUIRE(streamer->push_stream(pipe, "application/octet-stream", {}));
        CHECK(server.received()[4].body == bytes.substr(1024, 1024));
    }
    SUBCASE("a registry that lost bytes already sent fails: the stream cannot go back")
    {
        server.expect("POST " + k_uploads, session("s1"));
        server.expect("PATCH " + k_uploads + "s1", session("s2", "0-1023"));
        server.expect("PATCH " + k_uploads + "s2", Reply{503, {}, ""});
        server.expect("GET " + k_uploads + "s2", Reply{204, {{"Range", "0-511"}}, ""});
        server.expect("DELETE " + k_uploads + "s2", Reply{204});
        const auto desc = streamer->push_stream(pipe, "application/octet-stream", {});
        REQUIRE_FALSE(desc);
        CHECK(desc.error().message.find("512") != std::string::npos);
    }
    SUBCASE("a wrong expected digest cancels the session before any PUT")
    {
        server.expect("POST " + k_uploads, session("s1"));
        server.expect("PATCH " + k_uploads + "s1", session("s2", "0-1023"));
        server.expect("PATCH " + k_uploads + "s2", session("s3", "0-2047"));
        server.expect("PATCH " + k_uploads + "s3", session("s4", "0-2499"));
        server.expect("DELETE " + k_uploads + "s4", Reply{204});
        const auto desc = streamer->push_stream(
            pipe, "application/octet-stream", StreamExpectation{sha256_of("other"), {}});
        REQUIRE_FALSE(desc);
        CHECK(desc.error().code == ErrorCode::digest_mismatch);
        CHECK(desc.error().message.find(digest.str()) != std::string::npos);
    }
    SUBCASE("more bytes than the expected size cancel the session at once")
    {
        server.expect("POST " + k_uploads, session("s1"));
        server.expect("PATCH " + k_uploads + "s1", session("s2", "0-1023"));
        server.expect("DELETE " + k_uploads + "s2", Reply{204});
        const auto desc =
            streamer->push_stream(pipe, "application/octet-stream", StreamExpectation{{}, 1500});
        REQUIRE_FALSE(desc);
        CHECK(desc.error().code == ErrorCode::size_mismatch);
    }
    SUBCASE("an empty stream is closed with the digest of no bytes")
    {
        PipeSource empty("");
        const Digest none = sha256_of("");
        server.expect("POST " + k_uploads, session("s1"));
        server.expect("PUT " + k_uploads + "s1?digest=" + none.str(),
                      Reply{201, {{"Docker-Content-Digest", none.str()}}, ""});
        const auto desc = streamer->push_stream(empty, "application/octet-stream", {});
        REQUIRE(desc);
        CHECK(desc->size == 0);
    }
}
