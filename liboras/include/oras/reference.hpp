// Image references: `registry[:port]/repository[:tag][@digest]`, validated by the grammar of
// distribution's reference package (reference/regexp.go), with docker.io handled as docker does.
#pragma once

#include "oras/result.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace oras {

struct Reference
{
    std::string registry;   // as written: "localhost:5000", "127.0.0.1:15000", "docker.io"
    std::string repository; // "library/alpine" (docker.io single names get "library/")
    std::string tag;        // may be empty
    std::string digest;     // "sha256:<hex>", may be empty

    // Parses `text`. The first path component is always the registry (as oras: there is no
    // default registry). Fails with invalid_argument naming the part that is wrong (registry,
    // repository, tag or digest).
    static Result<Reference> parse(std::string_view text);

    // The host[:port] to connect to: "registry-1.docker.io" for docker.io and index.docker.io.
    [[nodiscard]] std::string host() const;
    // True when the registry host is "localhost" (with or without a port): oras then uses
    // plain HTTP unless told otherwise.
    [[nodiscard]] bool is_localhost() const;
    // The digest when present, else the tag, else empty.
    [[nodiscard]] std::string reference() const;
    // registry/repository[:tag][@digest], normalised: "docker.io/alpine" gives
    // "docker.io/library/alpine".
    [[nodiscard]] std::string str() const;
    // registry/repository
    [[nodiscard]] std::string repository_str() const;

    friend bool operator==(const Reference&, const Reference&) = default;
};

// A reference whose tag part may list several tags, as in `coras push host/repo:t1,t2`.
struct MultiTagReference
{
    Reference reference;           // reference.tag is the first tag (or empty)
    std::vector<std::string> tags; // every tag, in order, de-duplicated; empty when none given
};

// Parses `text` allowing `:t1,t2,...`; each tag is validated. Fails with invalid_argument.
Result<MultiTagReference> parse_multi_tag_reference(std::string_view text);

// True when `tag` matches `[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`.
bool is_valid_tag(std::string_view tag);

} // namespace oras
