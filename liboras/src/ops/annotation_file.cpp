#include "ops/annotation_file.hpp"

#include "oras/io.hpp"
#include "json/parse.hpp"

#include <nlohmann/json.hpp>

namespace oras::ops {

namespace {

Result<Annotations> to_annotations(const nlohmann::json& value, const std::string& where)
{
    if (!value.is_object()) {
        return fail(ErrorCode::invalid_format, where + ": expected an object of strings");
    }
    Annotations out;
    for (const auto& [key, item] : value.items()) {
        if (!item.is_string()) {
            return fail(ErrorCode::invalid_format,
                        where + ": value of \"" + key + "\" is not a string");
        }
        out[key] = item.get<std::string>();
    }
    return out;
}

Result<std::string> read_small_file(const std::filesystem::path& path)
{
    auto source = ORAS_TRY(open_file_source(path));
    StringSink sink(4 * 1024 * 1024);
    std::string buffer(64 * 1024, '\0');
    while (true) {
        const auto n = ORAS_TRY(source->read(buffer));
        if (n == 0) {
            return sink.take();
        }
        auto written = sink.write(std::string_view(buffer).substr(0, n));
        if (!written) {
            return std::move(written).error().with_context("read " + path.string());
        }
    }
}

} // namespace

Result<AnnotationFile> load_annotation_file(const std::filesystem::path& path)
{
    const std::string where = "annotation file " + path.string();
    const auto text = ORAS_TRY(read_small_file(path));
    const auto json = ORAS_TRY(parse_json(text, where));
    if (!json.is_object()) {
        return fail(ErrorCode::invalid_format, where + ": not a JSON object");
    }
    AnnotationFile file;
    for (const auto& [key, value] : json.items()) {
        auto annotations = ORAS_TRY(to_annotations(value, where + ": \"" + key + "\""));
        if (key == "$manifest") {
            file.manifest = std::move(annotations);
        } else if (key == "$config") {
            file.config = std::move(annotations);
        } else {
            file.files[key] = std::move(annotations);
        }
    }
    return file;
}

} // namespace oras::ops
