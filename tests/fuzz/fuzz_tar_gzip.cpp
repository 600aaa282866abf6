// tar+gzip layers of the compat Wasm layout (wasm/artifact_files.hpp extract_compat_layer over
// archive/tar_gzip.hpp), as `coras pull` extracts them: the input is the layer file; plugin.wasm
// and runtime-config.json go into files in a scratch directory that is emptied after each
// input. Entry names are never paths: nothing else may appear in the directory.
#include "fuzz_support.hpp"

#include "oras/descriptor.hpp"
#include "oras/io.hpp"
#include "oras/media_types.hpp"
#include "wasm/artifact_files.hpp"

#include <filesystem>

using coras_fuzz::require;

namespace {

const coras_fuzz::ScratchDir& scratch()
{
    static const coras_fuzz::ScratchDir dir;
    return dir;
}

// Extracts the layer at `archive` into `out`/plugin.wasm and `out`/runtime-config.json.
void extract(const std::filesystem::path& archive,
             const oras::Descriptor& layer,
             const std::filesystem::path& out)
{
    auto module = oras::FileSink::create(out / "plugin.wasm", oras::Durability::unsynced);
    auto config = oras::FileSink::create(out / "runtime-config.json", oras::Durability::unsynced);
    require(module && config, "the scratch files could not be created");
    const auto found = oras::wasm::extract_compat_layer(archive, layer, **module, **config);
    if (!found) {
        return;
    }
    require((*module)->commit(oras::Overwrite::yes).has_value(), "plugin.wasm was not written");
    if (*found == oras::wasm::RuntimeConfig::present) {
        require((*config)->commit(oras::Overwrite::yes).has_value(),
                "runtime-config.json was not written");
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view bytes = coras_fuzz::as_text(data, size);
    const auto archive = scratch().write("layer.tar.gz", bytes);
    const auto out = scratch().path() / "out";
    std::filesystem::create_directory(out);
    extract(archive, oras::descriptor_of(oras::media_type::oci_layer_tar_gzip, bytes), out);
    for (const auto& entry : std::filesystem::directory_iterator(out)) {
        const auto name = entry.path().filename();
        require(name == "plugin.wasm" || name == "runtime-config.json",
                "extraction wrote a file of another name");
    }
    scratch().clear();
    return 0;
}
