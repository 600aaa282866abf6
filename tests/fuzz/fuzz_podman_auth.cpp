// podman's auth.json (credentials/podman_auth.hpp) read as coras reads it, from a file: the
// input is the file. Docker Hub is looked up under podman's keys too. No credential helper
// runs: PATH names no directory, so a credHelpers entry fails with not_found.
#include "fuzz_support.hpp"

#include "credentials/podman_auth.hpp"
#include "oras/credentials.hpp"

#include <array>
#include <chrono>

using coras_fuzz::require;

namespace {

constexpr std::array<std::string_view, 3> k_servers = {
    "https://index.docker.io/v1/", "quay.io", "localhost:5000"};

const coras_fuzz::ScratchDir& scratch()
{
    static const coras_fuzz::ScratchDir dir;
    return dir;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    setenv("PATH", "/nonexistent/coras-fuzz", 1);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto file = scratch().write("auth.json", coras_fuzz::as_text(data, size));
    const auto store = oras::credentials::open_podman_auth_store(file, std::chrono::seconds(1));
    for (const std::string_view server : k_servers) {
        const auto credential = store->get(server);
        require(credential || credential.error().code != oras::ErrorCode::internal,
                "reading auth.json failed as a bug");
    }
    require(!store->put(k_servers[2], oras::Credential{"user", "secret", {}, {}}),
            "the podman store was written to");
    scratch().clear();
    return 0;
}
