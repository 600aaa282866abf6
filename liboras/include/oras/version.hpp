// Version information for `coras version` and the User-Agent.
#pragma once

#include <string>

namespace oras {

struct VersionInfo
{
    std::string version;    // "0.1.0"
    std::string git_commit; // short commit the build came from, or "unknown"
    std::string curl;       // libcurl version, e.g. "7.88.1"
    std::string tls;        // TLS library, e.g. "OpenSSL/3.0.19"
};

// The versions of liboras and of the libraries it was linked with at run time.
VersionInfo version_info();

// "coras/<version>", the default User-Agent.
std::string default_user_agent();

} // namespace oras
