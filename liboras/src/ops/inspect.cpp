#include "oras/ops/inspect.hpp"

#include "ops/scratch_dir.hpp"
#include "ops/wasm_pull.hpp"
#include "oras/media_types.hpp"
#include "json/parse.hpp"

#include <nlohmann/json.hpp>

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

// The artifact's module, fetched to a scratch file through the pull code and inspected.
Result<WasmModuleReport> fetch_module_report(Target& source, const WasmPullPlan& plan)
{
    const auto scratch = ORAS_TRY(make_scratch_dir());
    PullOptions options;
    options.output_dir = *scratch / "module.wasm";
    ORAS_TRY(pull_wasm(source, plan, options));
    auto module = ORAS_TRY(inspect_wasm_file(options.output_dir));
    const bool compat = plan.match.layout == wasm::Layout::compat ||
                        plan.match.layout == wasm::Layout::compat_docker;
    const std::string title = plan.match.module.title();
    module.file = compat ? "plugin.wasm" : (title.empty() ? "module.wasm" : title);
    return module;
}

// The report on a Wasm artifact: its layout, Istio's verdict and its module. What is wrong
// with the artifact's contents (no plugin.wasm, not Wasm, malformed, too large) is reported
// as the reason Istio will not load it; a failure to get them fails.
Result<std::optional<WasmArtifactReport>>
inspect_wasm_artifact(Target& source, const Descriptor& resolved, const std::string& bytes)
{
    const auto plan = ORAS_TRY(plan_wasm_pull(source, resolved, bytes));
    if (!plan) {
        return std::optional<WasmArtifactReport>{};
    }
    WasmArtifactReport report;
    report.layout = plan->match.layout;
    report.warnings = plan->match.warnings;
    report.wasm_plugin_sha256 = plan->manifest.digest.hex();
    auto module = fetch_module_report(source, *plan);
    if (!module) {
        const ErrorCode code = module.error().code;
        if (code != ErrorCode::invalid_format && code != ErrorCode::too_large &&
            code != ErrorCode::unsupported) {
            return std::move(module).error();
        }
        report.istio.reason = module.error().message;
        return std::optional<WasmArtifactReport>{std::move(report)};
    }
    report.istio = wasm::istio_verdict(plan->parsed, plan->manifest.media_type, module->size);
    report.module = std::move(module).value();
    return std::optional<WasmArtifactReport>{std::move(report)};
}

} // namespace

Result<WasmModuleReport> inspect_wasm_file(const std::filesystem::path& path)
{
    WasmModuleReport report;
    report.file = path.string();
    report.info = ORAS_TRY(wasm::inspect_module_file(path));
    report.proxy = wasm::check_proxy_wasm(report.info);
    const auto digest = ORAS_TRY(sha256_of_file(path));
    report.digest = digest.digest;
    report.size = digest.size;
    return report;
}

Result<InspectResult> inspect(Target& source, std::string_view reference)
{
    if (reference.empty()) {
        return fail(ErrorCode::invalid_argument,
                    "no tag or digest given to inspect",
                    "name one: registry/repository:tag or registry/repository@sha256:...");
    }
    InspectResult result;
    result.descriptor = ORAS_TRY(source.resolve(reference));
    result.raw = ORAS_TRY(fetch_bytes(source, result.descriptor, k_max_manifest_bytes));
    if (media_type::is_index(result.descriptor.media_type)) {
        result.index = ORAS_TRY(parse_index(result.raw, result.descriptor.media_type));
    } else {
        result.manifest = ORAS_TRY(parse_manifest(result.raw, result.descriptor.media_type));
        result.config_json = ORAS_TRY(small_json_config(source, result.manifest->config));
    }
    result.wasm = ORAS_TRY(inspect_wasm_artifact(source, result.descriptor, result.raw));
    return result;
}

} // namespace oras::ops
