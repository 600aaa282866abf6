#include "oras/ops/inspect.hpp"

#include "ops/artifact_plan.hpp"
#include "ops/module_reader.hpp"
#include "oras/media_types.hpp"
#include "wasm/mapped_file.hpp"
#include "json/parse.hpp"

namespace oras::ops {

namespace {

// The config when it is small enough to show and parses as JSON; nullopt otherwise.
Result<std::optional<std::string>> small_json_config(Target& source, const Descriptor& config)
{
    if (config.size > k_max_shown_config_bytes || config.digest == empty_descriptor().digest) {
        return std::optional<std::string>{};
    }
    auto bytes = ORAS_TRY(fetch_bytes(source, config, k_max_shown_config_bytes));
    if (!check_json(bytes, "config", JsonLimits{k_max_shown_config_bytes, k_json_max_depth})) {
        return std::optional<std::string>{};
    }
    return std::optional<std::string>{std::move(bytes)};
}

// The report on a Wasm artifact: its layout, Istio's verdict and its module. What is wrong
// with the artifact's contents (no plugin.wasm, not Wasm, malformed) is reported as the reason
// Istio will not load it; a module over `max_module_size` and a failure to get it fail.
Result<WasmArtifactReport>
inspect_wasm_artifact(Target& source, const WasmArtifact& artifact, std::uint64_t max_module_size)
{
    WasmArtifactReport report;
    report.layout = artifact.match.layout;
    report.warnings = artifact.match.warnings;
    report.wasm_plugin_sha256 = artifact.image->descriptor().digest.hex();
    auto module = inspect_artifact_module(source, artifact, max_module_size);
    if (!module) {
        const ErrorCode code = module.error().code;
        if (code != ErrorCode::invalid_format && code != ErrorCode::unsupported) {
            return std::move(module).error();
        }
        report.istio.reason = module.error().message;
        return report;
    }
    const Descriptor& image = artifact.image->descriptor();
    report.istio = wasm::istio_verdict(*artifact.image->manifest, image.media_type, module->size);
    report.module = std::move(module).value();
    return report;
}

// "inspect localhost:5000/demo/wasm:v1": how a failure names what was inspected.
std::string inspected(const Target& source, std::string_view reference)
{
    const bool by_digest = reference.find(':') != std::string_view::npos;
    return "inspect " + source.describe() + (by_digest ? "@" : ":") + std::string(reference);
}

} // namespace

Result<WasmModuleReport> inspect_wasm_file(const std::filesystem::path& path,
                                           const InspectOptions& options)
{
    // Mapping reads nothing: the size is known before any byte is.
    const auto file = ORAS_TRY(wasm::MappedFile::open(path));
    if (file.bytes().size() > options.max_module_size) {
        return fail(ErrorCode::too_large,
                    "inspect " + path.string() + ": the module is " +
                        size_text(file.bytes().size()) + ", over the " +
                        size_text(options.max_module_size) + " limit",
                    "--max-module-size SIZE raises the limit (Istio's is 256 MiB)");
    }
    WasmModuleReport report;
    report.file = path.string();
    auto info = wasm::inspect_module(file.bytes());
    if (!info) {
        return std::move(info).error().with_context(path.string());
    }
    report.info = std::move(info).value();
    report.proxy = wasm::check_proxy_wasm(report.info);
    report.digest = sha256_of(file.bytes());
    report.size = file.bytes().size();
    return report;
}

Result<InspectResult>
inspect(Target& source, std::string_view reference, const InspectOptions& options)
{
    if (reference.empty()) {
        return fail(ErrorCode::invalid_argument,
                    "no tag or digest given to inspect",
                    "name one: registry/repository:tag or registry/repository@sha256:...");
    }
    ManifestGraph graph(source);
    const auto plan = ORAS_TRY(plan_artifact(graph, reference));
    InspectResult result;
    result.descriptor = plan.root->descriptor();
    result.raw = plan.root->fetched.bytes;
    result.index = plan.root->index;
    result.manifest = plan.root->manifest;
    if (result.manifest) {
        result.config_json = ORAS_TRY(small_json_config(source, result.manifest->config));
    }
    if (plan.wasm) {
        auto wasm = inspect_wasm_artifact(source, *plan.wasm, options.max_module_size);
        if (!wasm) {
            return wasm.error().code == ErrorCode::too_large
                       ? wasm.error().with_context(inspected(source, reference))
                       : std::move(wasm).error();
        }
        result.wasm = std::move(wasm).value();
    }
    return result;
}

} // namespace oras::ops
