// Kubernetes manifests as sync and --registry-config read them (kube/flat_manifest.hpp,
// kube/pull_secret.hpp, ops::parse_sync_list): the input is a list file or a Secret, in YAML,
// JSON or neither. Every failure must be an invalid_format or too_large value naming the
// origin, never a crash, and never quote the secret canary.
#include "fuzz_support.hpp"

#include "kube/flat_manifest.hpp"
#include "kube/pull_secret.hpp"
#include "oras/ops/sync.hpp"

#include <string>

using coras_fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text = coras_fuzz::as_text(data, size);
    if (auto manifest = oras::kube::parse_manifest(text, "fuzz.yaml")) {
        static_cast<void>(manifest->scalar("kind"));
        static_cast<void>(manifest->string_map("data"));
    } else {
        require(manifest.error().message.find("S3CR3T-CANARY") == std::string::npos,
                "a manifest error quoted the content");
    }
    const auto secret = oras::kube::docker_config_from_secret(text, "secret.yaml");
    require(secret || secret.error().message.find("S3CR3T-CANARY") == std::string::npos,
            "a secret error quoted the content");
    const auto list = oras::ops::parse_sync_list(text, "list");
    require(list || list.error().code != oras::ErrorCode::internal, "list parse failed as a bug");
    return 0;
}
