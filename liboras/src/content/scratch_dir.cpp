#include "content/scratch_dir.hpp"

#include <cstdlib>
#include <string>

namespace oras {

Result<std::shared_ptr<const std::filesystem::path>> make_scratch_dir()
{
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path base = fs::temp_directory_path(ec);
    std::string pattern = ((ec ? fs::path("/tmp") : base) / "coras-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
        return fail(ErrorCode::io, "create a temporary directory like " + pattern);
    }
    return std::shared_ptr<const fs::path>(new fs::path(pattern), [](const fs::path* dir) {
        std::error_code ignored;
        fs::remove_all(*dir, ignored);
        delete dir;
    });
}

} // namespace oras
