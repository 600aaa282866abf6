// The list `sync` reads, and the names it writes under (oras/ops/sync.hpp).
#include "kube/flat_manifest.hpp"
#include "kube/kind.hpp"
#include "oras/ops/sync.hpp"
#include "posix_io.hpp"
#include "unique_fd.hpp"

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <set>

namespace oras::ops {

namespace {

namespace fs = std::filesystem;

constexpr std::size_t k_max_link_name = 200;

bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

// Adds the references of `text`, one a line, to `out` (each once, in order); `where(line)`
// names a line in messages.
Result<void> add_lines(std::string_view text,
                       const std::string& origin,
                       std::vector<std::string>& out,
                       std::set<std::string>& seen)
{
    std::size_t number = 0;
    while (!text.empty()) {
        const auto end = text.find('\n');
        std::string_view line = text.substr(0, end);
        text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
        ++number;
        for (std::size_t i = 0; i < line.size(); ++i) {
            if (line[i] == '#' && (i == 0 || is_blank(line[i - 1]))) {
                line = line.substr(0, i);
                break;
            }
        }
        while (!line.empty() && is_blank(line.front())) {
            line.remove_prefix(1);
        }
        while (!line.empty() && is_blank(line.back())) {
            line.remove_suffix(1);
        }
        if (line.empty()) {
            continue;
        }
        const bool control = std::any_of(line.begin(), line.end(), [](char c) {
            return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
        });
        if (control || line.find(' ') != std::string_view::npos) {
            return fail(ErrorCode::invalid_format,
                        origin + ": line " + std::to_string(number) +
                            ": not one reference (white space or a control character inside)");
        }
        if (seen.emplace(line).second) {
            out.emplace_back(line);
        }
    }
    return {};
}

Result<std::string> read_file(const fs::path& path)
{
    const UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) {
        return io_error(
            "open list", path, errno, errno == ENOENT ? ErrorCode::not_found : ErrorCode::io);
    }
    std::string data;
    char buffer[8192];
    for (;;) {
        const ssize_t count = ::read(fd.get(), buffer, sizeof buffer);
        if (count == 0) {
            return data;
        }
        if (count < 0) {
            if (errno == EINTR) {
                continue;
            }
            return io_error("read list", path, errno);
        }
        data.append(buffer, static_cast<std::size_t>(count));
        if (data.size() > kube::k_max_manifest_bytes) {
            return fail(ErrorCode::too_large,
                        "read list " + path.string() + ": larger than " +
                            std::to_string(kube::k_max_manifest_bytes) + " bytes");
        }
    }
}

// The references of a ConfigMap manifest: its `data` values, in key order.
Result<void> add_config_map(std::string_view text,
                            const std::string& origin,
                            std::vector<std::string>& out,
                            std::set<std::string>& seen)
{
    const auto manifest = ORAS_TRY(kube::parse_manifest(text, origin));
    const auto kind = manifest.scalar("kind");
    if (kind != "ConfigMap") {
        return fail(ErrorCode::invalid_format,
                    origin + ": " +
                        (kind ? kube::kind_phrase(*kind) + ", not a ConfigMap"
                              : std::string("a manifest without `kind: ConfigMap`")),
                    "give one reference per line, or a ConfigMap whose data lists them");
    }
    const auto data = ORAS_TRY(manifest.string_map("data"));
    if (!data) {
        return {};
    }
    for (const auto& [key, value] : *data) {
        ORAS_TRY(add_lines(value, origin + ": data." + key, out, seen));
    }
    return {};
}

} // namespace

Result<std::vector<std::string>> parse_sync_list(std::string_view text, const std::string& origin)
{
    std::vector<std::string> references;
    std::set<std::string> seen;
    const auto first = text.find_first_not_of(" \t\r\n");
    if ((first != std::string_view::npos && text[first] == '{') ||
        kube::looks_like_yaml_mapping(text)) {
        ORAS_TRY(add_config_map(text, origin, references, seen));
    } else {
        ORAS_TRY(add_lines(text, origin, references, seen));
    }
    if (references.empty()) {
        return fail(ErrorCode::invalid_format,
                    origin + ": lists no reference",
                    "an empty list is refused rather than taken to mean that nothing is needed");
    }
    return references;
}

Result<std::vector<std::string>> read_sync_list(const fs::path& list_file)
{
    const std::string text = ORAS_TRY(read_file(list_file));
    return parse_sync_list(text, list_file.string());
}

std::string sync_link_name(std::string_view reference)
{
    std::string name;
    for (const char c : reference) {
        const bool safe = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                          (c >= '0' && c <= '9') || c == '.' || c == '-';
        name += safe ? c : '_';
    }
    // "@sha256:<hex>" reads "_sha256-<hex>"; the last ':' before it was the tag's.
    if (const auto at = reference.rfind('@'); at != std::string_view::npos) {
        const auto colon = reference.find(':', at);
        if (colon != std::string_view::npos) {
            name[colon] = '-';
        }
    }
    if (name.size() > k_max_link_name) {
        name =
            name.substr(0, k_max_link_name - 17) + "-" + sha256_of(reference).hex().substr(0, 16);
    }
    if (name.front() == '.') {
        name.front() = '_'; // never a hidden file, never "." or ".."
    }
    return name + ".wasm";
}

bool is_sync_module_name(std::string_view name)
{
    constexpr std::string_view suffix = ".wasm";
    if (name.size() <= suffix.size() || name.substr(name.size() - suffix.size()) != suffix) {
        return false;
    }
    const auto hex = name.substr(0, name.size() - suffix.size());
    return (hex.size() == 64 || hex.size() == 128) &&
           std::all_of(hex.begin(), hex.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

} // namespace oras::ops
