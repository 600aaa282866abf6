#include "oras/version.hpp"

#include "build_info.hpp"
#include "http/http_client.hpp"

#include <openssl/crypto.h>

namespace oras {

VersionInfo version_info()
{
    return VersionInfo{
        build_info::version,
        build_info::git_commit,
        http::curl_version(),
        OpenSSL_version(OPENSSL_VERSION),
    };
}

std::string default_user_agent()
{
    return std::string("coras/") + build_info::version;
}

} // namespace oras
