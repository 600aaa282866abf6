// oras's --annotation-file: a JSON object whose keys are "$manifest", "$config" or a file name
// as given on the command line, each mapping to an object of string values.
#pragma once

#include "oras/descriptor.hpp"
#include "oras/result.hpp"

#include <filesystem>
#include <map>
#include <string>

namespace oras::ops {

struct AnnotationFile
{
    Annotations manifest;
    Annotations config;
    std::map<std::string, Annotations> files;
};

// Reads `path` (at most 4 MiB) through parse_json; fails with not_found, too_large, or
// invalid_format (not JSON, nested too deeply, not an object, or naming the key whose value is
// not an object of strings).
Result<AnnotationFile> load_annotation_file(const std::filesystem::path& path);

} // namespace oras::ops
