// The socket every libcurl connection of a client is opened through. A connection for the
// registry's own origin records the class of the address it reaches; a connection for any other
// origin (a token realm, a redirect target) is refused before it is made when it would reach an
// internal address of another class than the registry's (http/address_class.hpp). The check is
// on the address curl is about to connect to, so host names that resolve inside, and every
// spelling of an IP literal, are caught alike; behind a proxy curl connects to the proxy, and
// only IP literals in the URL can be checked (check_host_literal).
#pragma once

#include "http/address_class.hpp"
#include "oras/result.hpp"

#include <curl/curl.h>

#include <mutex>
#include <optional>
#include <string>

namespace oras::http {

// The registry's address class, shared by every connection of one client; thread-safe.
class RegistryAddress
{
  public:
    // Records `address_class` as the registry's, unless one was recorded before.
    void record(AddressClass address_class);
    [[nodiscard]] std::optional<AddressClass> get() const;

  private:
    mutable std::mutex m_mutex;
    std::optional<AddressClass> m_class;
};

enum class Destination
{
    registry, // the registry's own origin
    other,    // a token realm or redirect target on another origin
};

// What CURLOPT_OPENSOCKETDATA points at for one exchange.
struct SocketGuard
{
    RegistryAddress* registry = nullptr;
    Destination destination = Destination::registry;
    std::string exchange; // "GET http://host/path" (redacted), for the refusal
    std::optional<Error> refusal;
};

// CURLOPT_OPENSOCKETFUNCTION over a SocketGuard: a close-on-exec socket, or CURL_SOCKET_BAD
// with SocketGuard::refusal set (forbidden) when the address may not be reached.
curl_socket_t open_guarded_socket(void* guard, curlsocktype purpose, curl_sockaddr* address);

// Fails with forbidden when `host` (of a URL to another origin than the registry's) is an IP
// literal, in any notation, that a connection for Destination::other may not reach.
Result<void> check_host_literal(const SocketGuard& guard, std::string_view host);

} // namespace oras::http
