// URLs as they may appear in messages and --debug output (STYLE rule 8): without user-info, and
// without the query values that may carry a signature, a token or an upload session's state.
#pragma once

#include <string>
#include <string_view>

namespace oras::http {

// `url` with any "user[:password]@" removed from its authority, and every query value replaced
// by "REDACTED" but those of the parameters the distribution protocol defines and that carry
// nothing secret (digest, mount, from, n, last, scope, service). Other text is unchanged.
std::string redact_url(std::string_view url);

// redact_url(`url`) without its query and fragment (for redirect targets such as pre-signed
// storage URLs, whose query carries a signature).
std::string redact_url_and_query(std::string_view url);

} // namespace oras::http
