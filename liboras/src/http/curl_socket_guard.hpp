// The socket every libcurl connection of a client is opened through. An exchange with the
// registry's own origin over a direct connection records the class of the address it used
// (CURLINFO_PRIMARY_IP, so an address that was tried and failed does not count); a direct
// connection for any other origin (a token realm, a redirect target) is refused before it is
// made when it would reach an internal address of another class than the registry's
// (http/address_class.hpp). The check is on the address curl is about to connect to, so host
// names that resolve inside, and every spelling of an IP literal, are caught alike. Through a
// proxy (http/proxy_env.hpp) the connection is the proxy's: only IP literals in the URL can be
// checked (check_host_literal), and no registry class is learnt.
#pragma once

#include "http/address_class.hpp"
#include "oras/result.hpp"

#include <curl/curl.h>

#include <mutex>
#include <optional>
#include <string>

namespace oras::http {

// The registry's address class, learnt from its direct connections; thread-safe.
class RegistryAddress
{
  public:
    // Records that a registry connection used an address of `address_class`.
    void record(AddressClass address_class);
    // The class every recorded connection had; nullopt when none was recorded or they differ.
    [[nodiscard]] std::optional<AddressClass> get() const;

  private:
    mutable std::mutex m_mutex;
    std::optional<AddressClass> m_class;
    bool m_mixed = false;
};

enum class Destination
{
    registry, // the registry's own origin
    other,    // a token realm or redirect target on another origin
};

enum class Route
{
    direct, // the socket reaches the URL's host
    proxy,  // the socket reaches a proxy
};

// What CURLOPT_OPENSOCKETDATA points at for one exchange.
struct SocketGuard
{
    RegistryAddress* registry = nullptr;
    Destination destination = Destination::registry;
    Route route = Route::direct;
    std::string exchange; // "GET http://host/path" (redacted), for the refusal
    std::optional<Error> refusal;
};

// CURLOPT_OPENSOCKETFUNCTION over a SocketGuard: a close-on-exec socket, or CURL_SOCKET_BAD
// with SocketGuard::refusal set (forbidden) when the address may not be reached.
curl_socket_t open_guarded_socket(void* guard, curlsocktype purpose, curl_sockaddr* address);

// Records the class of `primary_ip` (CURLINFO_PRIMARY_IP of a finished exchange) when `guard`
// was a direct exchange with the registry's origin.
void learn_registry_address(const SocketGuard& guard, const char* primary_ip);

// Fails with forbidden when `host` (of a URL to another origin than the registry's) is an IP
// literal, in any notation, that a connection for Destination::other may not reach.
Result<void> check_host_literal(const SocketGuard& guard, std::string_view host);

} // namespace oras::http
