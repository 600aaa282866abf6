// Blob uploads beyond one PUT, against the in-process scripted server: the one-request POST,
// chunked uploads (--chunk-size, OCI-Chunk-Min-Length, the newest Location, resuming where the
// registry stands, a lost session, giving up) and the fall-back to chunks on 413.
#include "oras/descriptor.hpp"
#include "oras/io.hpp"
#include "oras/media_types.hpp"
#include "oras/reference.hpp"
#include "oras/remote.hpp"
#include "scripted_server.hpp"
#include "upload_test_support.hpp"

#include <doctest/doctest.h>

#include <string>

using coras_test::k_uploads;
using coras_test::pattern;
using coras_test::Reply;
using coras_test::ScriptedServer;
using coras_test::session;
using namespace oras;

namespace {

std::unique_ptr<Target>
open(const ScriptedServer& server, std::optional<std::uint64_t> chunk_size, int max_retries = 5)
{
    return coras_test::open_upload_repository(server, chunk_size, max_retries);
}

Reply stored(const Descriptor& desc)
{
    return Reply{201, {{"Docker-Content-Digest", desc.digest.str()}}, ""};
}

} // namespace

TEST_CASE("registry: chunked upload with a chunk size")
{
    ScriptedServer server;
    const std::string bytes = pattern(2500);
    const Descriptor desc = descriptor_of(media_type::wasm_solo_layer, bytes);
    MemorySource source(bytes);

    SUBCASE("PATCHes of the chunk size to the newest Location, then an empty PUT ?digest=")
    {
        auto repo = open(server, 1024);
        server.expect("POST " + k_uploads, session("s1"));
        server.expect("PATCH " + k_uploads + "s1", session("s2", "0-1023"));
        server.expect("PATCH " + k_uploads + "s2", session("s3", "bytes=0-2047"));
        server.expect("PATCH " + k_uploads + "s3", session("s4", "0-2499"));
        server.expect("PUT " + k_uploads + "s4?digest=" + desc.digest.str(), stored(desc));
        REQUIRE(repo->push(desc, source));
        const auto received = server.received();
        REQUIRE(received.size() == 5);
        CHECK(received[1].header("content-range") == "0-1023");
        CHECK(received[2].header("content-range") == "1024-2047");
        CHECK(received[3].header("content-range") == "2048-2499");
        CHECK(received[1].header("content-type") == "application/octet-stream");
        CHECK(received[1].body + received[2].body + received[3].body == bytes);
        CHECK(received[4].body.empty());
    }
    SUBCASE("a blob no larger than the chunk size goes up in one PUT")
    {
        auto repo = open(server, 4096);
        server.expect("POST " + k_uploads + "?digest=*", session("s1"));
        server.expect("PUT " + k_uploads + "s1?digest=*", stored(desc));
        REQUIRE(repo->push(desc, source));
    }
    SUBCASE("OCI-Chunk-Min-Length raises the chunk size")
    {
        auto repo = open(server, 1024);
        server.expect(
            "POST " + k_uploads,
            Reply{202, {{"Location", k_uploads + "s1"}, {"OCI-Chunk-Min-Length", "2048"}}, ""});
        server.expect("PATCH " + k_uploads + "s1", session("s2", "0-2047"));
        server.expect("PATCH " + k_uploads + "s2", session("s3", "0-2499"));
        server.expect("PUT " + k_uploads + "s3?digest=*", stored(desc));
        REQUIRE(repo->push(desc, source));
        CHECK(server.received()[2].header("content-range") == "2048-2499");
    }
    SUBCASE("a failed PATCH is followed by a status query and goes on where the registry stands")
    {
        auto repo = open(server, 1024);
        server.expect("POST " + k_uploads, session("s1"));
        server.expect("PATCH " + k_uploads + "s1", session("s2", "0-1023"));
        server.expect("PATCH " + k_uploads + "s2", Reply{503, {}, ""});
        server.expect("GET " + k_uploads + "s2",
                      Reply{204, {{"Location", k_uploads + "s2b"}, {"Range", "0-1023"}}, ""});
        server.expect("PATCH " + k_uploads + "s2b", session("s3", "0-2047"));
        server.expect("PATCH " + k_uploads + "s3", session("s4", "0-2499"));
        server.expect("PUT " + k_uploads + "s4?digest=*", stored(desc));
        REQUIRE(repo->push(desc, source));
        const auto received = server.received();
        REQUIRE(received.size() == 7);
        CHECK(received[4].header("content-range") == "1024-2047");
        CHECK(received[4].body == bytes.substr(1024, 1024));
    }
    SUBCASE("a chunk the registry took only in part is sent on from the byte it reports")
    {
        auto repo = open(server, 1024);
        server.expect("POST " + k_uploads, session("s1"));
        server.expect("PATCH " + k_uploads + "s1", session("s2", "0-599"));
        server.expect("PATCH " + k_uploads + "s2", session("s3", "0-1623"));
        server.expect("PATCH " + k_uploads + "s3", session("s4", "0-2499"));
        server.expect("PUT " + k_uploads + "s4?digest=*", stored(desc));
        REQUIRE(repo->push(desc, source));
        const auto received = server.received();
        CHECK(received[2].header("content-range") == "600-1623");
        CHECK(received[2].body == bytes.substr(600, 1024));
        CHECK(received[3].body == bytes.substr(1624));
    }
    SUBCASE("a session the registry lost starts again from the first byte")
    {
        auto repo = open(server, 1024);
        server.expect("POST " + k_uploads, session("s1"));
        server.expect("PATCH " + k_uploads + "s1", session("s2", "0-1023"));
        server.expect("PATCH " + k_uploads + "s2", Reply{502, {}, ""});
        server.expect(
            "GET " + k_uploads + "s2",
            Reply{
                404,
                {{"Content-Type", "application/json"}},
                R"({"errors":[{"code":"BLOB_UPLOAD_UNKNOWN","message":"blob upload unknown"}]})"});
        server.expect("DELETE " + k_uploads + "s2", Reply{404});
        server.expect("POST " + k_uploads, session("t1"));
        server.expect("PATCH " + k_uploads + "t1", session("t2", "0-1023"));
        server.expect("PATCH " + k_uploads + "t2", session("t3", "0-2047"));
        server.expect("PATCH " + k_uploads + "t3", session("t4", "0-2499"));
        server.expect("PUT " + k_uploads + "t4?digest=*", stored(desc));
        REQUIRE(repo->push(desc, source));
        const auto received = server.received();
        CHECK(received[6].header("content-range") == "0-1023");
        CHECK(received[6].body == bytes.substr(0, 1024));
    }
    SUBCASE("giving up DELETEs the session and names the chunk")
    {
        auto repo = open(server, 1024, 1);
        server.expect("POST " + k_uploads, session("s1"));
        server.expect("PATCH " + k_uploads + "s1", Reply{500, {}, ""});
        server.expect("GET " + k_uploads + "s1", Reply{204, {{"Range", "0-0"}}, ""});
        server.expect("PATCH " + k_uploads + "s1", Reply{500, {}, ""});
        server.expect("DELETE " + k_uploads + "s1", Reply{204});
        auto pushed = repo->push(desc, source);
        REQUIRE_FALSE(pushed);
        CHECK(pushed.error().message.find("PATCH bytes 0-1023 of blob sha256:") == 0);
        CHECK(pushed.error().http_status == 500);
    }
    SUBCASE("a registry claiming more bytes than were sent is refused")
    {
        auto repo = open(server, 1024);
        server.expect("POST " + k_uploads, session("s1"));
        server.expect("PATCH " + k_uploads + "s1", session("s2", "0-4095"));
        server.expect("DELETE " + k_uploads + "s2", Reply{204});
        auto pushed = repo->push(desc, source);
        REQUIRE_FALSE(pushed);
        CHECK(pushed.error().message.find("more than the 1024 sent") != std::string::npos);
    }
}

TEST_CASE("registry: a PUT refused with 413 falls back to chunks")
{
    ScriptedServer server;
    const std::string bytes = pattern(70 * 1024);
    const Descriptor desc = descriptor_of(media_type::wasm_solo_layer, bytes);
    MemorySource source(bytes);
    auto repo = open(server, std::nullopt);
    server.expect("POST " + k_uploads, session("m1"));
    server.expect("PUT " + k_uploads + "m1?digest=*", Reply{413, {}, "too large"});
    server.expect("DELETE " + k_uploads + "m1", Reply{204});
    server.expect("POST " + k_uploads, session("c1"));
    server.expect("PATCH " + k_uploads + "c1", session("c2", "0-71679"));
    server.expect("PUT " + k_uploads + "c2?digest=*", stored(desc));
    REQUIRE(repo->push(desc, source));
    const auto received = server.received();
    REQUIRE(received.size() == 6);
    CHECK(received[4].body == bytes);
    CHECK(received[4].header("content-range") == "0-71679");
}

TEST_CASE("registry: a small blob in one request")
{
    ScriptedServer server;
    const std::string first = "first blob";
    const std::string second = "second blob";
    const Descriptor first_desc = descriptor_of(media_type::wasm_solo_layer, first);
    const Descriptor second_desc = descriptor_of(media_type::wasm_solo_layer, second);
    MemorySource first_source(first);
    MemorySource second_source(second);
    auto repo = open(server, std::nullopt);

    SUBCASE("a registry that takes it answers 201 and nothing else is sent")
    {
        server.expect("POST " + k_uploads + "?digest=" + first_desc.digest.str(),
                      stored(first_desc));
        server.expect("POST " + k_uploads + "?digest=" + second_desc.digest.str(),
                      stored(second_desc));
        REQUIRE(repo->push(first_desc, first_source));
        REQUIRE(repo->push(second_desc, second_source));
        CHECK(server.received()[0].body == first);
    }
    SUBCASE("after a registry ignored it once, later blobs go by POST and PUT")
    {
        server.expect("POST " + k_uploads + "?digest=*", session("a"));
        server.expect("PUT " + k_uploads + "a?digest=*", stored(first_desc));
        server.expect("POST " + k_uploads, session("b"));
        server.expect("PUT " + k_uploads + "b?digest=*", stored(second_desc));
        REQUIRE(repo->push(first_desc, first_source));
        REQUIRE(repo->push(second_desc, second_source));
        CHECK(server.received()[3].body == second);
    }
    SUBCASE("a registry that does not know the form (405) gets POST and PUT")
    {
        server.expect("POST " + k_uploads + "?digest=*", Reply{405, {}, "Method not allowed"});
        server.expect("POST " + k_uploads, session("a"));
        server.expect("PUT " + k_uploads + "a?digest=*", stored(first_desc));
        REQUIRE(repo->push(first_desc, first_source));
        CHECK(server.received()[2].body == first);
    }
}
