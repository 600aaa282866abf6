// What a docker-credential-* helper prints for `get` (credentials/helper_reply.hpp): the input
// is its stdout. The seeds' secrets are "S3CR3T-CANARY"; no error message may quote them,
// however the fuzzer damages the reply around them.
#include "fuzz_support.hpp"

#include "credentials/helper_reply.hpp"

using coras_fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto credential = oras::credentials::parse_get_reply(
        coras_fuzz::as_text(data, size), "docker-credential-fake get ghcr.io");
    if (!credential) {
        require(credential.error().code == oras::ErrorCode::invalid_format ||
                    credential.error().code == oras::ErrorCode::too_large,
                "an unreadable reply failed as something else than invalid_format or too_large");
        require(credential.error().message.find("S3CR3T") == std::string::npos,
                "an error message quotes the reply's secret");
    }
    return 0;
}
