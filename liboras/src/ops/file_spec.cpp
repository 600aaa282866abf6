#include "oras/ops/push.hpp"

#include "ops/media_type_check.hpp"

namespace oras::ops {

Result<FileSpec> parse_file_spec(std::string_view arg)
{
    FileSpec spec;
    const auto colon = arg.rfind(':');
    if (colon == std::string_view::npos) {
        spec.path = std::string(arg);
    } else {
        spec.path = std::string(arg.substr(0, colon));
        spec.media_type = std::string(arg.substr(colon + 1));
    }
    if (spec.path.empty()) {
        return fail(ErrorCode::invalid_argument,
                    "invalid file argument \"" + std::string(arg) + "\": empty file name");
    }
    if (!spec.media_type.empty()) {
        ORAS_TRY(check_media_type(spec.media_type, "file argument \"" + std::string(arg) + "\""));
    }
    return spec;
}

} // namespace oras::ops
