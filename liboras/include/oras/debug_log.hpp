// The --debug trace of HTTP exchanges, shared by the registry API and the HTTP transport.
#pragma once

#include <functional>
#include <string_view>

namespace oras {

// Receives one line per HTTP exchange for --debug ("GET https://h/v2/ -> 200"), with
// Authorization and URL user-info never included.
using DebugLog = std::function<void(std::string_view line)>;

} // namespace oras
