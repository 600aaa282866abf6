#include "registry/urls.hpp"

#include "http/url.hpp"

namespace oras::registry {

std::string_view scheme_for(const Reference& ref, PlainHttp mode)
{
    switch (mode) {
    case PlainHttp::yes:
        return "http";
    case PlainHttp::no:
        return "https";
    case PlainHttp::auto_detect:
        break;
    }
    return ref.is_localhost() ? "http" : "https";
}

RepositoryUrls::RepositoryUrls(const Reference& ref, PlainHttp mode)
    : m_base(std::string(scheme_for(ref, mode)) + "://" + ref.host()), m_repository(ref.repository)
{
}

std::string RepositoryUrls::ping() const
{
    return m_base + "/v2/";
}

std::string RepositoryUrls::blob(const Digest& digest) const
{
    return m_base + "/v2/" + m_repository + "/blobs/" + digest.str();
}

std::string RepositoryUrls::upload() const
{
    return m_base + "/v2/" + m_repository + "/blobs/uploads/";
}

std::string RepositoryUrls::manifest(std::string_view reference) const
{
    return m_base + "/v2/" + m_repository + "/manifests/" + std::string(reference);
}

std::string RepositoryUrls::tags() const
{
    return m_base + "/v2/" + m_repository + "/tags/list";
}

std::string RepositoryUrls::referrers(const Digest& subject, std::string_view artifact_type) const
{
    std::string url = m_base + "/v2/" + m_repository + "/referrers/" + subject.str();
    if (!artifact_type.empty()) {
        url += "?artifactType=" + http::percent_encode(artifact_type);
    }
    return url;
}

} // namespace oras::registry
