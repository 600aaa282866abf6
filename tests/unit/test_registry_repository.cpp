// The remote repository (blob store, manifest store, Target dispatch, ping) against the
// in-process scripted server, reached as "localhost:<port>" so that plain HTTP applies.
#include "oras/descriptor.hpp"
#include "oras/io.hpp"
#include "oras/media_types.hpp"
#include "oras/reference.hpp"
#include "oras/remote.hpp"
#include "scripted_server.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <string>

using coras_test::Reply;
using coras_test::ScriptedServer;
using namespace oras;

namespace {

std::string host(const ScriptedServer& server)
{
    return "localhost:" + std::to_string(server.port());
}

std::string origin(const ScriptedServer& server)
{
    return "http://" + host(server);
}

Reference reference(const ScriptedServer& server)
{
    auto ref = Reference::parse(host(server) + "/demo/wasm");
    REQUIRE(ref);
    return *ref;
}

std::unique_ptr<Target> open(const ScriptedServer& server)
{
    auto target = open_remote_repository(reference(server), RemoteOptions{});
    REQUIRE(target);
    return std::move(target).value();
}

const std::string k_blob = "\0asm\1\0\0\0";
const std::string k_manifest =
    R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",)"
    R"("config":{"mediaType":"application/vnd.oci.empty.v1+json","digest":"sha256:)"
    R"(44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a","size":2},"layers":[]})";

Descriptor blob_desc()
{
    return descriptor_of(media_type::wasm_solo_layer, std::string_view(k_blob.data(), 8));
}

Descriptor manifest_desc()
{
    return descriptor_of(media_type::oci_manifest, k_manifest);
}

std::string blob_path(const Descriptor& desc)
{
    return "/v2/demo/wasm/blobs/" + desc.digest.str();
}

const std::string k_other_digest =
    "sha256:1111111111111111111111111111111111111111111111111111111111111111";

} // namespace

TEST_CASE("registry::RemoteRepository pushes blobs")
{
    ScriptedServer server;
    auto repo = open(server);
    const Descriptor desc = blob_desc();
    const std::string bytes(k_blob.data(), 8);
    MemorySource source(bytes);
    // A small blob is first offered in one request; distribution 2.8 answers with a session.
    const std::string one_request = "POST /v2/demo/wasm/blobs/uploads/?digest=" + desc.digest.str();

    SUBCASE("POST ?digest= with the body, then PUT to the absolute Location it names")
    {
        server.expect(
            one_request,
            Reply{202,
                  {{"Location", origin(server) + "/v2/demo/wasm/blobs/uploads/u1?_state=s"}},
                  ""});
        server.expect("PUT /v2/demo/wasm/blobs/uploads/u1?_state=s&digest=" + desc.digest.str(),
                      Reply{201, {{"Docker-Content-Digest", desc.digest.str()}}, ""});
        REQUIRE(repo->push(desc, source));
        const auto received = server.received();
        REQUIRE(received.size() == 2);
        CHECK(received[0].body == bytes);
        CHECK(received[0].header("content-type") == "application/octet-stream");
        CHECK(received[1].body == bytes);
        CHECK(received[1].header("content-type") == "application/octet-stream");
        CHECK(received[1].header("content-length") == "8");
    }
    SUBCASE("a relative Location is resolved against the request")
    {
        server.expect(one_request,
                      Reply{202, {{"Location", "/v2/demo/wasm/blobs/uploads/u2"}}, ""});
        server.expect("PUT /v2/demo/wasm/blobs/uploads/u2?digest=" + desc.digest.str(),
                      Reply{201, {}, ""});
        REQUIRE(repo->push(desc, source));
    }
    SUBCASE("a Location on another host is refused before any byte is sent")
    {
        server.expect(one_request,
                      Reply{202, {{"Location", "http://evil.example:80/v2/upload"}}, ""});
        auto pushed = repo->push(desc, source);
        REQUIRE_FALSE(pushed);
        CHECK(pushed.error().message.find("another origin (http://evil.example:80)") !=
              std::string::npos);
    }
    SUBCASE("a Location on another port is refused")
    {
        server.expect(one_request, Reply{202, {{"Location", "http://localhost:1/v2/upload"}}, ""});
        REQUIRE_FALSE(repo->push(desc, source));
    }
    SUBCASE("DIGEST_INVALID from the registry is a digest_mismatch")
    {
        server.expect(one_request,
                      Reply{202, {{"Location", "/v2/demo/wasm/blobs/uploads/u3"}}, ""});
        server.expect(
            "PUT /v2/demo/wasm/blobs/uploads/u3?digest=*",
            Reply{
                400,
                {{"Content-Type", "application/json"}},
                R"({"errors":[{"code":"DIGEST_INVALID","message":"provided digest did not match uploaded content","detail":{}}]})"});
        // The refused upload's session is closed.
        server.expect("DELETE /v2/demo/wasm/blobs/uploads/u3", Reply{204});
        auto pushed = repo->push(desc, source);
        REQUIRE_FALSE(pushed);
        CHECK(pushed.error().code == ErrorCode::digest_mismatch);
        CHECK(pushed.error().message ==
              "PUT blob sha256:" + desc.digest.short_hex() + "… to " + host(server) +
                  "/demo/wasm: 400 DIGEST_INVALID: provided digest did not match uploaded content");
    }
    SUBCASE("a different Docker-Content-Digest in the answer is a digest_mismatch")
    {
        server.expect(one_request,
                      Reply{202, {{"Location", "/v2/demo/wasm/blobs/uploads/u4"}}, ""});
        server.expect("PUT /v2/demo/wasm/blobs/uploads/u4?digest=*",
                      Reply{201, {{"Docker-Content-Digest", k_other_digest}}, ""});
        auto pushed = repo->push(desc, source);
        REQUIRE_FALSE(pushed);
        CHECK(pushed.error().code == ErrorCode::digest_mismatch);
    }
    SUBCASE("a POST without 202 is an error naming the upload")
    {
        server.expect(
            one_request,
            Reply{
                401,
                {{"WWW-Authenticate", "Basic realm=\"r\""}},
                R"({"errors":[{"code":"UNAUTHORIZED","message":"authentication required","detail":null}]})"});
        auto pushed = repo->push(desc, source);
        REQUIRE_FALSE(pushed);
        CHECK(pushed.error().code == ErrorCode::unauthorized);
        CHECK(pushed.error().message.find("POST blob sha256:") == 0);
    }
}

TEST_CASE("registry::RemoteRepository fetches and checks blobs")
{
    ScriptedServer server;
    auto repo = open(server);
    const Descriptor desc = blob_desc();
    const std::string bytes(k_blob.data(), 8);
    StringSink sink(1024);

    SUBCASE("200 streams the blob")
    {
        server.expect("GET " + blob_path(desc),
                      Reply{200, {{"Docker-Content-Digest", desc.digest.str()}}, bytes});
        REQUIRE(repo->fetch(desc, sink));
        CHECK(sink.str() == bytes);
    }
    SUBCASE("a redirect to storage is followed")
    {
        server.expect("GET " + blob_path(desc),
                      Reply{307, {{"Location", origin(server) + "/storage/x?sig=1"}}, ""});
        server.expect("GET /storage/x?sig=1", Reply{200, {}, bytes});
        REQUIRE(repo->fetch(desc, sink));
        CHECK(sink.str() == bytes);
    }
    SUBCASE("a Content-Length other than the descriptor's size is an error")
    {
        server.expect("GET " + blob_path(desc), Reply{200, {}, bytes.substr(0, 5)});
        auto fetched = repo->fetch(desc, sink);
        REQUIRE_FALSE(fetched);
        CHECK(fetched.error().code == ErrorCode::size_mismatch);
    }
    SUBCASE("more bytes than the descriptor's size are refused as they come")
    {
        server.expect("GET " + blob_path(desc), Reply{200, {}, bytes + "extra"});
        auto fetched = repo->fetch(desc, sink);
        REQUIRE_FALSE(fetched);
        CHECK(fetched.error().code == ErrorCode::size_mismatch);
        CHECK(sink.str().size() <= bytes.size());
    }
    SUBCASE("a different Docker-Content-Digest is a digest_mismatch")
    {
        server.expect("GET " + blob_path(desc),
                      Reply{200, {{"Docker-Content-Digest", k_other_digest}}, bytes});
        auto fetched = repo->fetch(desc, sink);
        REQUIRE_FALSE(fetched);
        CHECK(fetched.error().code == ErrorCode::digest_mismatch);
    }
    SUBCASE("404 is not_found and its body never reaches the sink")
    {
        server.expect(
            "GET " + blob_path(desc),
            Reply{
                404,
                {{"Content-Type", "application/json"}},
                R"({"errors":[{"code":"BLOB_UNKNOWN","message":"blob unknown to registry","detail":"x"}]})"});
        auto fetched = repo->fetch(desc, sink);
        REQUIRE_FALSE(fetched);
        CHECK(fetched.error().code == ErrorCode::not_found);
        CHECK(fetched.error().message.find("BLOB_UNKNOWN") != std::string::npos);
        CHECK(sink.str().empty());
    }
    SUBCASE("exists: 200 true, 404 false, wrong length an error")
    {
        server.expect("HEAD " + blob_path(desc), Reply{200, {{"Content-Length", "8"}}, ""});
        server.expect("HEAD " + blob_path(desc), Reply{404, {}, ""});
        server.expect("HEAD " + blob_path(desc), Reply{200, {{"Content-Length", "9"}}, ""});
        CHECK(repo->exists(desc).value() == true);
        CHECK(repo->exists(desc).value() == false);
        auto wrong = repo->exists(desc);
        REQUIRE_FALSE(wrong);
        CHECK(wrong.error().code == ErrorCode::size_mismatch);
    }
}

TEST_CASE("registry::RemoteRepository manifests")
{
    ScriptedServer server;
    auto repo = open(server);
    const Descriptor desc = manifest_desc();
    const std::string manifest_path = "/v2/demo/wasm/manifests/";
    const coras_test::HeaderList served{{"Content-Type", std::string(media_type::oci_manifest)},
                                        {"Docker-Content-Digest", desc.digest.str()}};

    SUBCASE("push PUTs by digest with the media type; a different answer digest fails")
    {
        server.expect("PUT " + manifest_path + desc.digest.str(),
                      Reply{201, {{"Docker-Content-Digest", desc.digest.str()}}, ""});
        server.expect("PUT " + manifest_path + desc.digest.str(),
                      Reply{201, {{"Docker-Content-Digest", k_other_digest}}, ""});
        MemorySource source(k_manifest);
        REQUIRE(repo->push(desc, source));
        const auto received = server.received();
        CHECK(received[0].body == k_manifest);
        CHECK(received[0].header("content-type") == std::string(media_type::oci_manifest));
        MemorySource again(k_manifest);
        auto pushed = repo->push(desc, again);
        REQUIRE_FALSE(pushed);
        CHECK(pushed.error().code == ErrorCode::digest_mismatch);
        CHECK(pushed.error().message.find(k_other_digest) != std::string::npos);
    }
    SUBCASE("push refuses bytes that do not match the descriptor, sending nothing")
    {
        const std::string longer = k_manifest + " ";
        MemorySource source(longer);
        auto pushed = repo->push(desc, source);
        REQUIRE_FALSE(pushed);
        CHECK(pushed.error().code == ErrorCode::size_mismatch);
    }
    SUBCASE("push_tagged is one PUT under the tag")
    {
        server.expect("PUT " + manifest_path + "v1",
                      Reply{201, {{"Docker-Content-Digest", desc.digest.str()}}, ""});
        MemorySource source(k_manifest);
        REQUIRE(repo->push_tagged(desc, source, "v1"));
    }
    SUBCASE("tag GETs by digest then PUTs under the tag")
    {
        coras_test::HeaderList get_headers = served;
        server.expect("GET " + manifest_path + desc.digest.str(),
                      Reply{200, get_headers, k_manifest});
        server.expect("PUT " + manifest_path + "v2", Reply{201, {}, ""});
        REQUIRE(repo->tag(desc, "v2"));
        const auto received = server.received();
        CHECK(received[0].header("accept") == std::string(media_type::oci_manifest));
        CHECK(received[1].body == k_manifest);
    }
    SUBCASE("resolve a tag from HEAD headers")
    {
        coras_test::HeaderList head = served;
        head.emplace_back("Content-Length", std::to_string(k_manifest.size()));
        server.expect("HEAD " + manifest_path + "v1", Reply(200, head).without_content_length());
        auto resolved = repo->resolve("v1");
        REQUIRE(resolved);
        CHECK(resolved->media_type == media_type::oci_manifest);
        CHECK(resolved->digest == desc.digest);
        CHECK(resolved->size == k_manifest.size());
        CHECK(server.received()[0].header("accept") == std::string(media_type::manifest_accept));
    }
    SUBCASE("resolve falls back to GET and hashes the bytes when HEAD has no digest")
    {
        server.expect("HEAD " + manifest_path + "v1",
                      Reply{200, {{"Content-Type", std::string(media_type::oci_manifest)}}, ""});
        server.expect(
            "GET " + manifest_path + "v1",
            Reply{200, {{"Content-Type", std::string(media_type::oci_manifest)}}, k_manifest});
        auto resolved = repo->resolve("v1");
        REQUIRE(resolved);
        CHECK(*resolved == desc);
    }
    SUBCASE("resolve of an unknown tag is not_found with a hint")
    {
        server.expect("HEAD " + manifest_path + "nope", Reply{404, {}, ""});
        auto resolved = repo->resolve("nope");
        REQUIRE_FALSE(resolved);
        CHECK(resolved.error().code == ErrorCode::not_found);
        CHECK(resolved.error().message ==
              "HEAD manifest nope from " + host(server) + "/demo/wasm: 404 Not Found");
        CHECK(resolved.error().hint.find("nope") != std::string::npos);
    }
    SUBCASE("resolve by digest must get that digest back")
    {
        coras_test::HeaderList head{{"Content-Type", std::string(media_type::oci_manifest)},
                                    {"Docker-Content-Digest", k_other_digest},
                                    {"Content-Length", "10"}};
        server.expect("HEAD " + manifest_path + desc.digest.str(),
                      Reply(200, head).without_content_length());
        auto resolved = repo->resolve(desc.digest.str());
        REQUIRE_FALSE(resolved);
        CHECK(resolved.error().code == ErrorCode::digest_mismatch);
    }
    SUBCASE("resolve refuses a bad reference without a request")
    {
        CHECK(repo->resolve("-bad*tag").error().code == ErrorCode::invalid_argument);
        CHECK(repo->resolve("sha256:xyz").error().code == ErrorCode::invalid_argument);
    }
    SUBCASE("fetch verifies the bytes")
    {
        server.expect("GET " + manifest_path + desc.digest.str(), Reply{200, served, k_manifest});
        std::string tampered = k_manifest;
        tampered.replace(tampered.find("\"schemaVersion\":2"), 17, "\"schemaVersion\":3");
        server.expect(
            "GET " + manifest_path + desc.digest.str(),
            Reply{200, {{"Content-Type", std::string(media_type::oci_manifest)}}, tampered});
        StringSink sink(1 << 20);
        REQUIRE(repo->fetch(desc, sink));
        CHECK(sink.str() == k_manifest);
        StringSink second(1 << 20);
        auto fetched = repo->fetch(desc, second);
        REQUIRE_FALSE(fetched);
        CHECK(fetched.error().code == ErrorCode::digest_mismatch);
        CHECK(second.str().empty());
    }
    SUBCASE("fetch refuses a manifest declared over 4 MiB")
    {
        server.expect("GET " + manifest_path + desc.digest.str(),
                      Reply{200, served, std::string(5 * 1024 * 1024, ' ')});
        StringSink sink(1 << 20);
        auto fetched = repo->fetch(desc, sink);
        REQUIRE_FALSE(fetched);
        CHECK(fetched.error().code == ErrorCode::too_large);
        // The step is named once: "GET manifest sha256:... from HOST/REPO: response of ...".
        const std::string step = "GET manifest sha256:";
        INFO(fetched.error().message);
        CHECK(fetched.error().message.rfind(step, 0) == 0);
        CHECK(fetched.error().message.find(step, 1) == std::string::npos);
        Descriptor huge = desc;
        huge.size = 5 * 1024 * 1024;
        CHECK(repo->fetch(huge, sink).error().code == ErrorCode::too_large);
    }
    SUBCASE("exists for a manifest is a HEAD by digest")
    {
        server.expect("HEAD " + manifest_path + desc.digest.str(),
                      Reply(200, served).without_content_length());
        server.expect("HEAD " + manifest_path + desc.digest.str(), Reply{404, {}, ""});
        CHECK(repo->exists(desc).value() == true);
        CHECK(repo->exists(desc).value() == false);
    }
}

TEST_CASE("registry::RemoteRepository connection reuse and describe")
{
    ScriptedServer server;
    auto repo = open(server);
    CHECK(repo->describe() == host(server) + "/demo/wasm");
    const Descriptor desc = blob_desc();
    for (int i = 0; i < 3; ++i) {
        server.expect("HEAD " + blob_path(desc), Reply{404, {}, ""});
    }
    for (int i = 0; i < 3; ++i) {
        CHECK(repo->exists(desc).value() == false);
    }
    CHECK(server.connections() == 1);
}

TEST_CASE("oras::ping_registry")
{
    ScriptedServer server;
    server.expect("GET /v2/", Reply{200, {}, "{}"});
    server.expect(
        "GET /v2/",
        Reply{
            401,
            {{"WWW-Authenticate", "Basic realm=\"reglab-basic\""}},
            R"({"errors":[{"code":"UNAUTHORIZED","message":"authentication required","detail":null}]})"});
    server.expect("GET /v2/", Reply{404, {}, "404 page not found"});
    std::vector<std::string> lines;
    RemoteOptions options;
    options.debug = [&lines](std::string_view line) { lines.emplace_back(line); };
    CHECK(ping_registry(host(server), options));
    auto unauthorized = ping_registry(host(server), options);
    REQUIRE_FALSE(unauthorized);
    CHECK(unauthorized.error().code == ErrorCode::unauthorized);
    CHECK(unauthorized.error().message ==
          "GET /v2/ from " + host(server) + ": 401 UNAUTHORIZED: authentication required");
    auto missing = ping_registry(host(server), options);
    REQUIRE_FALSE(missing);
    CHECK(missing.error().code == ErrorCode::not_found);
    REQUIRE(lines.size() == 3);
    CHECK(lines[0] == "GET " + origin(server) + "/v2/ -> 200");
    SUBCASE("a registry that is no host[:port] is refused before anything is sent")
    {
        for (const char* bad : {"", "host/path", "-bad-", "host:port"}) {
            auto refused = ping_registry(bad, options);
            REQUIRE_FALSE(refused);
            CHECK(refused.error().code == ErrorCode::invalid_argument);
        }
    }
}

TEST_CASE("oras::open_remote_repository refuses a missing CA file")
{
    RemoteOptions options;
    options.ca_file = "/nonexistent/ca.pem";
    auto ref = Reference::parse("localhost:5000/demo/wasm");
    REQUIRE(ref);
    auto repo = open_remote_repository(*ref, options);
    REQUIRE_FALSE(repo);
    CHECK(repo.error().code == ErrorCode::invalid_argument);
    CHECK(repo.error().message.find("/nonexistent/ca.pem") != std::string::npos);
}

// Against a real registry when CORAS_TEST_REGISTRY names one ("localhost:5000"); the
// integration suites cover this in depth.
TEST_CASE("registry::RemoteRepository round trip on CORAS_TEST_REGISTRY")
{
    const char* registry = std::getenv("CORAS_TEST_REGISTRY");
    if (registry == nullptr || *registry == '\0') {
        MESSAGE("CORAS_TEST_REGISTRY is not set: skipped");
        return;
    }
    auto ref = Reference::parse(std::string(registry) + "/coras-unit/repository");
    REQUIRE(ref);
    auto opened = open_remote_repository(*ref, RemoteOptions{});
    REQUIRE(opened);
    Target& repo = **opened;
    const Descriptor layer = blob_desc();
    const Descriptor config = descriptor_of(media_type::oci_empty, "{}");
    const Descriptor manifest = manifest_desc();
    const std::string layer_bytes(k_blob.data(), 8);
    MemorySource layer_source(layer_bytes);
    MemorySource config_source("{}");
    MemorySource manifest_source(k_manifest);
    REQUIRE(repo.push(layer, layer_source));
    REQUIRE(repo.push(config, config_source));
    REQUIRE(repo.push_tagged(manifest, manifest_source, "unit"));
    CHECK(repo.exists(layer).value());
    CHECK(repo.resolve("unit").value() == manifest);
    CHECK(fetch_bytes(repo, manifest).value() == k_manifest);
    CHECK(fetch_bytes(repo, layer).value() == layer_bytes);
    REQUIRE(repo.tag(manifest, "unit-2"));
    CHECK(repo.resolve("unit-2").value().digest == manifest.digest);
    CHECK(repo.resolve("absent-tag").error().code == ErrorCode::not_found);
}
