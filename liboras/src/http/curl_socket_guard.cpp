#include "http/curl_socket_guard.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <cstring>

namespace oras::http {

void RegistryAddress::record(AddressClass address_class)
{
    const std::lock_guard lock(m_mutex);
    if (m_class && *m_class != address_class) {
        m_mixed = true;
    }
    m_class = address_class;
}

std::optional<AddressClass> RegistryAddress::get() const
{
    const std::lock_guard lock(m_mutex);
    return m_mixed ? std::nullopt : m_class;
}

namespace {

Error refusal(const SocketGuard& guard, AddressClass target, const std::string& address)
{
    const auto registry = guard.registry != nullptr ? guard.registry->get() : std::nullopt;
    return Error{ErrorCode::forbidden,
                 guard.exchange + ": refusing to connect to " + address + ", " +
                     std::string(describe(target)) + ", for a registry on " +
                     std::string(describe(registry.value_or(AddressClass::global)))};
}

// The numeric form of `address`, for the refusal message.
std::string numeric(const sockaddr_storage& address)
{
    char text[INET6_ADDRSTRLEN] = {};
    const void* raw =
        address.ss_family == AF_INET6
            ? static_cast<const void*>(&reinterpret_cast<const sockaddr_in6*>(&address)->sin6_addr)
            : static_cast<const void*>(&reinterpret_cast<const sockaddr_in*>(&address)->sin_addr);
    if (::inet_ntop(address.ss_family, raw, text, sizeof text) == nullptr) {
        return "an address";
    }
    return address.ss_family == AF_INET6 ? "[" + std::string(text) + "]" : std::string(text);
}

} // namespace

curl_socket_t open_guarded_socket(void* guard, curlsocktype /*purpose*/, curl_sockaddr* address)
{
    auto& state = *static_cast<SocketGuard*>(guard);
    sockaddr_storage copy{};
    std::memcpy(&copy, &address->addr, std::min<std::size_t>(address->addrlen, sizeof copy));
    const AddressClass target = classify_address(copy);
    const bool checked = state.destination == Destination::other && state.route == Route::direct;
    if (checked &&
        !may_connect(target, state.registry != nullptr ? state.registry->get() : std::nullopt)) {
        state.refusal = refusal(state, target, numeric(copy));
        return CURL_SOCKET_BAD;
    }
    return ::socket(address->family, address->socktype | SOCK_CLOEXEC, address->protocol);
}

void learn_registry_address(const SocketGuard& guard, const char* primary_ip)
{
    if (guard.destination != Destination::registry || guard.route != Route::direct ||
        guard.registry == nullptr || primary_ip == nullptr || *primary_ip == '\0') {
        return;
    }
    const std::string ip(primary_ip);
    const auto target =
        classify_host_literal(ip.find(':') != std::string::npos ? "[" + ip + "]" : ip);
    if (target) {
        guard.registry->record(*target);
    }
}

Result<void> check_host_literal(const SocketGuard& guard, std::string_view host)
{
    const auto target = classify_host_literal(host);
    if (!target || guard.destination == Destination::registry) {
        return {};
    }
    if (may_connect(*target, guard.registry != nullptr ? guard.registry->get() : std::nullopt)) {
        return {};
    }
    return refusal(guard, *target, std::string(host));
}

} // namespace oras::http
