// What a docker-credential-<name> helper prints for `get`: {"ServerURL","Username","Secret"}
// (docker-credential-helpers credentials/credentials.go), read without trusting it.
#pragma once

#include "oras/credential.hpp"
#include "oras/result.hpp"

#include <string>
#include <string_view>

namespace oras::credentials {

// Reads `output`, the stdout of a successful `get`: Username "<token>" gives an identity token
// in Secret; an absent or null member reads as empty (as Go's json.Unmarshal); other members
// are ignored. Fails with invalid_format as "`step`: ..." when `output` is not such a JSON
// object; the message never quotes `output` (it may hold the secret).
Result<Credential> parse_get_reply(std::string_view output, const std::string& step);

} // namespace oras::credentials
