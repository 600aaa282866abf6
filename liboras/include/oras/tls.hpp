// TLS settings shared by the registry API and the HTTP transport beneath it.
#pragma once

namespace oras {

// Whether to verify the registry's TLS certificate (`--insecure` sets no).
enum class TlsVerify
{
    yes,
    no
};

} // namespace oras
