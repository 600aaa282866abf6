// Pushes a WebAssembly module into an OCI image layout with liboras, then opens the layout
// again, resolves the tag and reads the manifest back.
//
//   oras-library-example MODULE.wasm LAYOUT_DIR TAG
//
// Prints the pushed digest, the digest the tag resolves to, and the config and layer media
// types of the manifest read back; exits 1 on any error, 2 on a usage error.
#include <oras/content.hpp>
#include <oras/manifest.hpp>
#include <oras/ops/push.hpp>
#include <oras/ops/target.hpp>

#include <iostream>
#include <string>

namespace {

// Opens `layout`:`tag` as push and pull do with --oci-layout.
oras::Result<oras::ops::OpenedTarget>
open_layout(const std::string& layout, const std::string& tag, oras::LayoutMode mode)
{
    oras::ops::TargetSpec spec;
    spec.text = layout + ":" + tag;
    spec.kind = oras::ops::TargetKind::oci_layout;
    spec.layout_mode = mode;
    return oras::ops::open_target(spec);
}

// Pushes `module` to `layout` under `tag`; a module given without a media type is packed in
// the Wasm layout Istio loads, after Envoy's proxy-wasm checks.
oras::Result<oras::ops::PushResult>
push_module(const std::string& module, const std::string& layout, const std::string& tag)
{
    const auto target = ORAS_TRY(open_layout(layout, tag, oras::LayoutMode::create));
    oras::ops::PushOptions options;
    options.files = {oras::ops::FileSpec{module, ""}};
    options.path_validation = oras::ops::PathValidation::disabled; // `module` may be absolute
    return oras::ops::push(target, options);
}

// Resolves `tag` in `layout` and prints the manifest it names.
oras::Result<void> show_manifest(const std::string& layout, const std::string& tag)
{
    const auto source = ORAS_TRY(open_layout(layout, tag, oras::LayoutMode::read_only));
    const auto desc = ORAS_TRY(source.target->resolve(source.reference));
    const auto bytes = ORAS_TRY(oras::fetch_bytes(*source.target, desc));
    const auto manifest = ORAS_TRY(oras::parse_manifest(bytes, desc.media_type));
    std::cout << "resolved " << desc.digest.str() << "\n";
    std::cout << "config " << manifest.config.media_type << "\n";
    for (const auto& layer : manifest.layers) {
        std::cout << "layer " << layer.media_type << " " << layer.digest.str() << "\n";
    }
    return {};
}

} // namespace

int main(int argc, char** argv)
{
    if (argc != 4) {
        std::cerr << "usage: " << argv[0] << " MODULE.wasm LAYOUT_DIR TAG\n";
        return 2;
    }
    const std::string module = argv[1];
    const std::string layout = argv[2];
    const std::string tag = argv[3];
    const auto pushed = push_module(module, layout, tag);
    if (!pushed) {
        std::cerr << "error: " << pushed.error().message << "\n";
        return 1;
    }
    std::cout << "pushed " << pushed->manifest.digest.str() << "\n";
    const auto shown = show_manifest(layout, tag);
    if (!shown) {
        std::cerr << "error: " << shown.error().message << "\n";
        return 1;
    }
    return 0;
}
