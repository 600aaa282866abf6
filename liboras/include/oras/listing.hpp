// Listing what a registry or a store holds: the tags of a repository (distribution-spec v1.1,
// "Listing Tags") and the repositories of a registry (distribution's /v2/_catalog), page by page
// through RFC 8288 `Link` headers, within bounds that a hostile server cannot stretch.
#pragma once

#include "oras/remote.hpp"
#include "oras/result.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oras {

// How a list is paged and how much of it is accepted.
struct ListOptions
{
    // Start after this entry (`last=`, in the registry's lexical order); empty: from the start.
    std::string last;
    // Entries asked for per page (`n=`); nullopt: as many as the server likes.
    std::optional<std::size_t> page_size;
    // More pages than this fails with too_large (oras-go's TagListMaxPages idea).
    std::size_t max_pages = 1000;
    // A page body larger than this fails with too_large (oras-go's MaxMetadataBytes).
    std::size_t max_page_bytes = 4 * 1024 * 1024;
    // More entries in all than this fails with too_large.
    std::size_t max_entries = 1000 * 1000;
};

// Lists the tags of one repository.
class TagLister
{
  public:
    virtual ~TagLister() = default;
    // Every tag after `options.last`, in the store's order (lexical for a registry and an OCI
    // layout). Fails with not_found for an unknown repository, too_large past a bound of
    // `options`, invalid_format for a page that is no tag list, or as the transport fails; a
    // failure names the repository and the page.
    virtual Result<std::vector<std::string>> tags(const ListOptions& options) = 0;
};

// Lists the repositories of the registry `registry` ("host[:port]" as written in a reference)
// through GET /v2/_catalog, paged and bounded as `list` says. Fails with invalid_argument when
// `registry` is no host[:port], unsupported when the registry has no catalog (404), else as
// TagLister::tags() does.
Result<std::vector<std::string>>
list_repositories(std::string_view registry, const RemoteOptions& remote, const ListOptions& list);

} // namespace oras
