// Reference grammar of distribution's reference package (reference/regexp.go), except that the
// first path component is always the registry, as in oras.
#include "oras/reference.hpp"

#include "oras/digest.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

namespace oras {

namespace {

constexpr std::size_t k_max_name_length = 255;
constexpr std::size_t k_max_tag_length = 128;
constexpr unsigned long k_max_port = 65535;
constexpr std::string_view k_docker_hub = "docker.io";
constexpr std::string_view k_docker_index = "index.docker.io";
constexpr std::string_view k_docker_host = "registry-1.docker.io";

bool is_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool is_lower_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

bool is_word(char c)
{
    return is_alnum(c) || c == '_';
}

bool is_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// domain-name-component: [a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9], joined by ".".
bool is_valid_domain(std::string_view host)
{
    std::size_t start = 0;
    for (;;) {
        const std::size_t dot = host.find('.', start);
        const std::string_view part = host.substr(start, dot - start);
        if (part.empty() || !is_alnum(part.front()) || !is_alnum(part.back())) {
            return false;
        }
        if (!std::all_of(
                part.begin(), part.end(), [](char c) { return is_alnum(c) || c == '-'; })) {
            return false;
        }
        if (dot == std::string_view::npos) {
            return true;
        }
        start = dot + 1;
    }
}

bool is_valid_port(std::string_view port)
{
    if (port.empty() || port.size() > 5 ||
        !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return false;
    }
    const unsigned long value = std::stoul(std::string(port));
    return value >= 1 && value <= k_max_port;
}

// ipv6address: \[[a-fA-F0-9:]+\]
bool is_valid_ipv6(std::string_view bracketed)
{
    const std::string_view inside = bracketed.substr(1, bracketed.size() - 2);
    return !inside.empty() && inside.find(':') != std::string_view::npos &&
           std::all_of(inside.begin(), inside.end(), [](char c) { return is_hex(c) || c == ':'; });
}

// Returns the problem with `registry`, or nullopt when it is valid.
std::optional<std::string> registry_problem(std::string_view registry)
{
    const std::string quoted = "registry \"" + std::string(registry) + "\"";
    if (registry.empty()) {
        return "missing registry (expected registry/repository[:tag|@digest])";
    }
    std::string_view host = registry;
    std::optional<std::string_view> port;
    if (registry.front() == '[') {
        const std::size_t close = registry.find(']');
        if (close == std::string_view::npos || !is_valid_ipv6(registry.substr(0, close + 1))) {
            return "invalid " + quoted + ": bad IPv6 address";
        }
        host = registry.substr(0, close + 1);
        const std::string_view rest = registry.substr(close + 1);
        if (!rest.empty()) {
            if (rest.front() != ':') {
                return "invalid " + quoted + ": unexpected text after ']'";
            }
            port = rest.substr(1);
        }
    } else {
        const std::size_t colon = registry.find(':');
        if (colon != std::string_view::npos) {
            host = registry.substr(0, colon);
            port = registry.substr(colon + 1);
        }
        if (!is_valid_domain(host)) {
            return "invalid " + quoted +
                   ": host names are letters, digits and '-', in parts separated by '.'";
        }
    }
    if (port && !is_valid_port(*port)) {
        return "invalid " + quoted + ": port must be a number from 1 to 65535";
    }
    return std::nullopt;
}

// path-component: [a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*
bool is_valid_path_component(std::string_view component)
{
    if (component.empty() || !is_lower_alnum(component.front()) ||
        !is_lower_alnum(component.back())) {
        return false;
    }
    std::size_t i = 0;
    while (i < component.size()) {
        if (is_lower_alnum(component[i])) {
            ++i;
            continue;
        }
        const std::size_t start = i;
        while (i < component.size() && !is_lower_alnum(component[i])) {
            ++i;
        }
        const std::string_view separator = component.substr(start, i - start);
        const bool dashes = separator.find_first_not_of('-') == std::string_view::npos;
        if (!dashes && separator != "." && separator != "_" && separator != "__") {
            return false;
        }
    }
    return true;
}

std::optional<std::string> repository_problem(std::string_view repository)
{
    const std::string quoted = "repository \"" + std::string(repository) + "\"";
    if (repository.empty()) {
        return std::string("missing repository (expected registry/repository[:tag|@digest])");
    }
    if (std::any_of(
            repository.begin(), repository.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) {
        return quoted + " must be lower case";
    }
    std::size_t start = 0;
    for (;;) {
        const std::size_t slash = repository.find('/', start);
        const std::string_view component = repository.substr(start, slash - start);
        if (component.empty()) {
            return "invalid " + quoted + ": empty path component";
        }
        if (!is_valid_path_component(component)) {
            return "invalid " + quoted + ": component \"" + std::string(component) +
                   "\" must be lower-case letters and digits separated by '.', '_', '__' or '-'";
        }
        if (slash == std::string_view::npos) {
            return std::nullopt;
        }
        start = slash + 1;
    }
}

std::string tag_problem(std::string_view tag)
{
    return "invalid tag \"" + std::string(tag) +
           "\" (up to 128 letters, digits, '_', '.' or '-', not starting with '.' or '-')";
}

// `text` split into name (registry/repository), tag list and digest.
struct ReferenceParts
{
    std::string_view registry;
    std::string_view repository;
    std::optional<std::string_view> tags; // the text after ':' when there is one
    std::string_view digest;
};

ReferenceParts split_reference(std::string_view text)
{
    ReferenceParts parts;
    const std::size_t at = text.find('@');
    if (at != std::string_view::npos) {
        parts.digest = text.substr(at + 1);
        text = text.substr(0, at);
    }
    const std::size_t slash = text.find('/');
    if (slash == std::string_view::npos) {
        return parts;
    }
    parts.registry = text.substr(0, slash);
    std::string_view path = text.substr(slash + 1);
    const std::size_t colon = path.find(':');
    if (colon != std::string_view::npos) {
        parts.tags = path.substr(colon + 1);
        path = path.substr(0, colon);
    }
    parts.repository = path;
    return parts;
}

Error invalid_reference(std::string_view text, std::string_view problem)
{
    return fail(ErrorCode::invalid_argument,
                "invalid reference \"" + std::string(text) + "\": " + std::string(problem));
}

// Validates every part except the tag list and builds the Reference (without tag).
Result<Reference> reference_from_parts(std::string_view text, const ReferenceParts& parts)
{
    if (text.find('@') != std::string_view::npos && parts.digest.empty()) {
        return invalid_reference(text, "empty digest after '@'");
    }
    if (auto problem = registry_problem(parts.registry)) {
        return invalid_reference(text, *problem);
    }
    if (auto problem = repository_problem(parts.repository)) {
        return invalid_reference(text, *problem);
    }
    Reference reference;
    reference.registry = std::string(parts.registry);
    reference.repository = std::string(parts.repository);
    const bool docker_hub = parts.registry == k_docker_hub || parts.registry == k_docker_index;
    if (docker_hub && reference.repository.find('/') == std::string::npos) {
        reference.repository = "library/" + reference.repository;
    }
    // After Docker Hub's "library/", as docker's ParseNormalizedNamed counts, so that str()
    // always parses back.
    if (reference.repository_str().size() > k_max_name_length) {
        return invalid_reference(text, "registry/repository is longer than 255 characters");
    }
    if (!parts.digest.empty()) {
        auto digest = Digest::parse(parts.digest);
        if (!digest) {
            return invalid_reference(text, digest.error().message);
        }
        reference.digest = digest->str();
    }
    return reference;
}

} // namespace

bool is_valid_tag(std::string_view tag)
{
    return !tag.empty() && tag.size() <= k_max_tag_length && is_word(tag.front()) &&
           std::all_of(
               tag.begin(), tag.end(), [](char c) { return is_word(c) || c == '.' || c == '-'; });
}

Result<Reference> Reference::parse(std::string_view text)
{
    const ReferenceParts parts = split_reference(text);
    Reference reference = ORAS_TRY(reference_from_parts(text, parts));
    if (parts.tags) {
        if (!is_valid_tag(*parts.tags)) {
            return invalid_reference(text, tag_problem(*parts.tags));
        }
        reference.tag = std::string(*parts.tags);
    }
    return reference;
}

Result<MultiTagReference> parse_multi_tag_reference(std::string_view text)
{
    const ReferenceParts parts = split_reference(text);
    MultiTagReference result;
    result.reference = ORAS_TRY(reference_from_parts(text, parts));
    if (!parts.tags) {
        return result;
    }
    std::string_view list = *parts.tags;
    for (;;) {
        const std::size_t comma = list.find(',');
        const std::string_view tag = list.substr(0, comma);
        if (!is_valid_tag(tag)) {
            return invalid_reference(text, tag_problem(tag));
        }
        if (std::find(result.tags.begin(), result.tags.end(), tag) == result.tags.end()) {
            result.tags.emplace_back(tag);
        }
        if (comma == std::string_view::npos) {
            break;
        }
        list.remove_prefix(comma + 1);
    }
    result.reference.tag = result.tags.front();
    return result;
}

std::string Reference::host() const
{
    if (registry == k_docker_hub || registry == k_docker_index) {
        return std::string(k_docker_host);
    }
    return registry;
}

bool Reference::is_localhost() const
{
    const std::string_view host_part = std::string_view(registry).substr(0, registry.find(':'));
    return host_part.size() == 9 &&
           std::equal(host_part.begin(), host_part.end(), "localhost", [](char a, char b) {
               return std::tolower(static_cast<unsigned char>(a)) == b;
           });
}

std::string Reference::reference() const
{
    return digest.empty() ? tag : digest;
}

std::string Reference::str() const
{
    std::string out = repository_str();
    if (!tag.empty()) {
        out += ":" + tag;
    }
    if (!digest.empty()) {
        out += "@" + digest;
    }
    return out;
}

std::string Reference::repository_str() const
{
    return registry + "/" + repository;
}

} // namespace oras
