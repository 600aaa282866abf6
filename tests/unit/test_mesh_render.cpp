// Mesh resources from a described artifact: names and labels, target references, the refusals
// of what a fetcher would not load, and the resources' fields.
#include "oras/mesh.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>

using namespace oras;
using namespace oras::mesh;

namespace {

const std::string k_hex = std::string(64, 'a');

FilterArtifact solo_artifact()
{
    FilterArtifact artifact;
    artifact.registry = "localhost:5000";
    artifact.repository = "filters/header";
    artifact.tag = "v1";
    artifact.manifest_digest = "sha256:" + k_hex;
    artifact.layout = wasm::Layout::solo;
    artifact.istio.loads = true;
    artifact.module_size = 596;
    artifact.root_id = "resp_header_demo";
    artifact.plugin_type = "HTTP";
    return artifact;
}

nlohmann::json
rendered(Resource resource, const FilterArtifact& artifact, const RenderOptions& options)
{
    auto text = render(resource, artifact, options);
    REQUIRE_MESSAGE(text, text.error().message);
    return nlohmann::json::parse(*text);
}

} // namespace

TEST_CASE("mesh labels and target references")
{
    auto labels = parse_labels("app=details,version=v1,example.com/tier=");
    REQUIRE(labels);
    CHECK(labels->size() == 3);
    CHECK((*labels)[1] == std::pair<std::string, std::string>{"version", "v1"});
    CHECK((*labels)[2].second.empty());
    for (const char* bad : {"app", "=x", "app=a b", "app=x,app=y", "-app=x", "app=x,", "a/b/c=x"}) {
        CAPTURE(bad);
        auto parsed = parse_labels(bad);
        REQUIRE_FALSE(parsed);
        CHECK(parsed.error().code == ErrorCode::invalid_argument);
    }
    auto gateway = parse_target_ref("Gateway/public-gw");
    REQUIRE(gateway);
    CHECK(gateway->group == "gateway.networking.k8s.io");
    auto service = parse_target_ref("Service/details");
    REQUIRE(service);
    CHECK(service->group.empty());
    auto custom = parse_target_ref("example.com/Widget/w1");
    REQUIRE(custom);
    CHECK(custom->group == "example.com");
    for (const char* bad : {"Widget/w", "Gateway", "gateway/x", "Gateway/Bad_Name", "a/b/c/d"}) {
        CAPTURE(bad);
        CHECK_FALSE(parse_target_ref(bad));
    }
    CHECK(module_file_name("sha256:" + k_hex) == k_hex + ".wasm");
}

TEST_CASE("mesh WasmPlugin: pinned by the manifest digest, defaults from the artifact")
{
    RenderOptions options;
    options.selector = {{"app", "details"}, {"version", "v1"}};
    options.plugin_config = R"({"z":1,"a":2})";
    const auto doc = rendered(Resource::wasm_plugin, solo_artifact(), options);
    CHECK(doc["kind"] == "WasmPlugin");
    CHECK(doc["metadata"]["name"] == "details-v1-header");
    CHECK(doc["spec"]["url"] == "oci://localhost:5000/filters/header:v1");
    CHECK(doc["spec"]["sha256"] == k_hex);
    CHECK(doc["spec"]["pluginName"] == "resp_header_demo");
    CHECK(doc["spec"]["type"] == "HTTP");
    CHECK(doc["spec"]["pluginConfig"]["a"] == 2);
    CHECK_FALSE(doc["spec"].contains("failStrategy"));
    // Rendering twice gives the same bytes.
    CHECK(*render(Resource::wasm_plugin, solo_artifact(), options) ==
          *render(Resource::wasm_plugin, solo_artifact(), options));
}

TEST_CASE("mesh: what Istio and Envoy Gateway would not load is refused; node-side kinds take it")
{
    auto cncf = solo_artifact();
    cncf.layout = wasm::Layout::cncf;
    cncf.istio.loads = false;
    cncf.istio.reason = "number of layers must be 2 but got 1";
    RenderOptions options;
    options.target_refs = {TargetRef{"gateway.networking.k8s.io", "Gateway", "eg"}};
    for (const auto resource :
         {Resource::wasm_plugin, Resource::traffic_extension, Resource::envoy_extension_policy}) {
        auto text = render(resource, cncf, options);
        REQUIRE_FALSE(text);
        CHECK(text.error().code == ErrorCode::unsupported);
        CHECK(text.error().message.find("cncf") != std::string::npos);
    }
    RenderOptions node;
    node.selector = {{"app", "details"}};
    CHECK(render(Resource::envoy_filter, cncf, node));
    auto big = solo_artifact();
    big.module_size = wasm::k_istio_max_module_bytes + 1;
    auto text = render(Resource::wasm_plugin, big, {});
    REQUIRE_FALSE(text);
    CHECK(text.error().message.find("256 MiB") != std::string::npos);
    // The sha256 field cannot pin a manifest of another digest algorithm.
    auto sha512 = solo_artifact();
    sha512.manifest_digest = "sha512:" + std::string(128, 'b');
    for (const auto resource :
         {Resource::wasm_plugin, Resource::traffic_extension, Resource::envoy_extension_policy}) {
        auto refused = render(resource, sha512, options);
        REQUIRE_FALSE(refused);
        CHECK(refused.error().code == ErrorCode::unsupported);
        CHECK(refused.error().message.find("sha256 only") != std::string::npos);
    }
    CHECK(render(Resource::envoy_filter, sha512, node));
}

TEST_CASE("mesh: options each resource cannot take")
{
    RenderOptions both;
    both.selector = {{"app", "a"}};
    both.target_refs = {TargetRef{"", "Service", "s"}};
    CHECK_FALSE(render(Resource::wasm_plugin, solo_artifact(), both));
    CHECK_FALSE(render(Resource::envoy_filter, solo_artifact(), {}));           // no workload
    CHECK_FALSE(render(Resource::envoy_extension_policy, solo_artifact(), {})); // no target
    RenderOptions bad_config;
    bad_config.plugin_config = "[1]";
    auto text = render(Resource::wasm_plugin, solo_artifact(), bad_config);
    REQUIRE_FALSE(text);
    CHECK(text.error().code == ErrorCode::invalid_argument);
    RenderOptions relative;
    relative.selector = {{"app", "a"}};
    relative.dir = "filters";
    CHECK_FALSE(render(Resource::envoy_filter, solo_artifact(), relative));
}

TEST_CASE("mesh EnvoyFilter: the file sync writes, the config as a StringValue")
{
    RenderOptions options;
    options.selector = {{"app", "details"}};
    options.plugin_config = R"({"header":"x"})";
    options.dir = "/srv/f/";
    const auto doc = rendered(Resource::envoy_filter, solo_artifact(), options);
    const auto& config =
        doc["spec"]["configPatches"][0]["patch"]["value"]["typed_config"]["value"]["config"];
    CHECK(config["vm_config"]["code"]["local"]["filename"] == "/srv/f/" + k_hex + ".wasm");
    CHECK(config["configuration"]["value"] == R"({"header":"x"})");
    CHECK(config["root_id"] == "resp_header_demo");
}

TEST_CASE("mesh DaemonSet")
{
    DaemonSetOptions options;
    options.image = "img";
    options.list_config_map = "filters";
    auto text = render_daemonset(options);
    REQUIRE(text);
    const auto doc = nlohmann::json::parse(*text);
    const auto& pod = doc["spec"]["template"]["spec"];
    CHECK(pod["initContainers"].size() == 1);
    CHECK(pod["containers"][0]["securityContext"]["runAsUser"] == 65532);
    options.run_as_user = 0;
    const auto root = nlohmann::json::parse(*render_daemonset(options));
    CHECK_FALSE(root["spec"]["template"]["spec"].contains("initContainers"));
    options.image.clear();
    CHECK_FALSE(render_daemonset(options));
}

TEST_CASE(
    "mesh: an index reference pins the node-side file to the index, the fetchers to the manifest")
{
    auto artifact = solo_artifact();
    const std::string index_hex(64, 'b');
    artifact.reference_digest = "sha256:" + index_hex;
    RenderOptions options;
    options.selector = {{"app", "details"}};
    const auto filter = rendered(Resource::envoy_filter, artifact, options);
    CHECK(filter["spec"]["configPatches"][0]["patch"]["value"]["typed_config"]["value"]["config"]
                ["vm_config"]["code"]["local"]["filename"] ==
          "/var/local/lib/wasm-filters/" + index_hex + ".wasm");
    const auto asm_doc = rendered(Resource::asm_filter_deployment, artifact, options);
    CHECK(asm_doc["spec"]["filter"]["image"] ==
          "localhost:5000/filters/header@sha256:" + index_hex);
    const auto plugin = rendered(Resource::wasm_plugin, artifact, options);
    CHECK(plugin["spec"]["sha256"] == k_hex);
}
