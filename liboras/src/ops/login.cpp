#include "oras/ops/login.hpp"

#include "oras/reference.hpp"

namespace oras::ops {

namespace {

// A reference on `registry` whose repository only satisfies the grammar: login pings /v2/.
Result<Reference> registry_reference(const std::string& registry)
{
    auto ref = Reference::parse(registry + "/coras-login");
    if (!ref) {
        return fail(ErrorCode::invalid_argument,
                    "invalid registry \"" + registry + "\": expected host[:port]");
    }
    return ref;
}

} // namespace

Result<std::string> registry_from_login_argument(std::string_view text)
{
    std::string_view host = text;
    for (const std::string_view scheme : {"https://", "http://"}) {
        if (host.starts_with(scheme)) {
            host.remove_prefix(scheme.size());
        }
    }
    host = host.substr(0, host.find('/'));
    if (host.empty()) {
        return fail(ErrorCode::invalid_argument,
                    "invalid registry \"" + std::string(text) + "\": expected host[:port]");
    }
    std::string registry(host);
    ORAS_TRY(registry_reference(registry));
    return registry;
}

Result<LoginResult> login(const LoginOptions& options, CredentialStore& store)
{
    LoginResult result;
    result.registry = ORAS_TRY(registry_from_login_argument(options.registry));
    RemoteOptions remote = options.remote;
    Credential credential = options.credential;
    remote.credentials = [credential](std::string_view) -> Result<Credential> {
        return credential;
    };
    ORAS_TRY(ping_registry(result.registry, remote));
    result.key = credential_key_for(result.registry);
    if (auto stored = store.put(result.key, credential); !stored) {
        return stored.error().with_context("store credentials for " + result.registry);
    }
    auto location = store.location(result.key);
    if (location) {
        result.location = *location;
    }
    return result;
}

Result<LogoutResult> logout(std::string_view registry, CredentialStore& store)
{
    const std::string host = ORAS_TRY(registry_from_login_argument(registry));
    const std::string key = credential_key_for(host);
    const auto existing = store.get(key);
    if (!existing) {
        return existing.error().with_context("read credentials for " + host);
    }
    if (existing->empty()) {
        return LogoutResult{host, Removal::not_stored};
    }
    if (auto erased = store.erase(key); !erased) {
        return erased.error().with_context("remove credentials for " + host);
    }
    // The read-only fallbacks (later --registry-config files, podman's auth.json) are searched
    // by get() but never written: a credential found there is still in force.
    const auto remaining = store.get(key);
    if (remaining && !remaining->empty()) {
        return fail(ErrorCode::unsupported,
                    "credentials for " + host +
                        " are still in force: they come from a read-only "
                        "source (a later --registry-config file or podman's auth.json)",
                    "remove them there, or name that file first with --registry-config");
    }
    return LogoutResult{host, Removal::removed};
}

} // namespace oras::ops
