// URLs as they may appear in messages and --debug output: without user-info (STYLE rule 8).
#pragma once

#include <string>
#include <string_view>

namespace oras::http {

// `url` with any "user[:password]@" removed from its authority; other text is unchanged.
std::string redact_url(std::string_view url);

// redact_url(`url`) without its query and fragment (for redirect targets such as pre-signed
// storage URLs, whose query carries a signature).
std::string redact_url_and_query(std::string_view url);

} // namespace oras::http
