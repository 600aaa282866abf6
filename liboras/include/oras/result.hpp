// Failures as values: oras::Result<T> and the ORAS_TRY propagation macro.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace oras {

// What kind of failure an Error is; the CLI maps these to messages and hints, never to exit
// codes other than 1.
enum class ErrorCode
{
    invalid_argument, // bad input from the user (reference, flag value, file spec): exit 2
    not_found,        // manifest, tag, blob or file absent
    already_exists,   // refusing to overwrite
    io,               // local file system failure
    network,          // connection refused, DNS, timeout
    tls,              // certificate or handshake failure
    http,             // unexpected status from a server
    unauthorized,     // 401: credentials missing or wrong
    forbidden,        // 403 or insufficient scope
    digest_mismatch,  // content does not match its digest
    size_mismatch,    // content larger or smaller than declared
    too_large,        // over a safety limit (manifest over 4 MiB, ...)
    invalid_format,   // malformed JSON, manifest, Wasm module
    unsupported,      // valid input that coras cannot handle
    cancelled,        // a progress callback asked to stop
    internal,         // a bug
};

// One entry of a registry's error document {"errors":[{"code","message","detail"}]}
// (distribution-spec v1.1, "Error Codes"), as received: printable text, each part cut to about
// 200 characters.
struct RegistryError
{
    std::string code;    // "MANIFEST_UNKNOWN"; may be empty
    std::string message; // "manifest unknown"; may be empty
    std::string detail;  // a compact rendering of "detail": "Tag=nope", "sha256:…"; may be empty

    friend bool operator==(const RegistryError&, const RegistryError&) = default;
};

// One failure: `message` names the object and the step; `hint` is an optional suggestion for
// the user (a flag to try). When the failure is a server's answer, the structured fields say
// what it answered, so that no caller re-parses `message`.
struct Error
{
    ErrorCode code = ErrorCode::internal;
    std::string message;
    std::string hint;
    // The HTTP status of the answer that failed; nullopt when the failure was no HTTP answer
    // (a transport, file or format failure).
    std::optional<long> http_status;
    // The registry's error entries from the answer's body, in the order sent; empty when the
    // body was no distribution error document.
    std::vector<RegistryError> registry_errors;
    // How long the server asked to wait before retrying (RFC 9110 §10.2.3 Retry-After, either
    // form, relative to the answer's Date); nullopt when it sent none or an unreadable one.
    std::optional<std::chrono::seconds> retry_after;

    Error() = default;
    // An Error of kind `code` with `message` and `hint`, and no structured fields.
    Error(ErrorCode code_, std::string message_, std::string hint_ = {})
        : code(code_), message(std::move(message_)), hint(std::move(hint_))
    {
    }

    // Returns a copy, structured fields included, whose message is "`prefix`: message".
    [[nodiscard]] Error with_context(const std::string& prefix) const
    {
        Error copy = *this;
        copy.message = prefix + ": " + message;
        return copy;
    }
};

// Builds an Error; usable as `return oras::fail(ErrorCode::io, "...")` from any Result function.
inline Error fail(ErrorCode code, std::string message, std::string hint = {})
{
    return Error{code, std::move(message), std::move(hint)};
}

// What a Result<T> converts from implicitly besides T and Error.
template <typename T, typename U>
concept ValueSource = std::is_constructible_v<T, U&&> && !std::is_same_v<std::decay_t<U>, T> &&
                      !std::is_same_v<std::decay_t<U>, Error>;

// A value or an Error, in the spirit of std::expected (not available in C++20).
template <typename T> class [[nodiscard]] Result
{
  public:
    Result(const T& value) : m_state(std::in_place_index<0>, value) {}
    Result(T&& value) : m_state(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : m_state(std::in_place_index<1>, std::move(error)) {}
    // Converts whatever T can be made from, except T itself and Error (they have their own
    // constructors above): the constraint is what the forwarding-reference check misses.
    template <typename U>
    requires ValueSource<T, U> Result(U&& value) // NOLINT(bugprone-forwarding-reference-overload)
        : m_state(std::in_place_index<0>, T(std::forward<U>(value)))
    {
    }

    [[nodiscard]] bool has_value() const { return m_state.index() == 0; }
    explicit operator bool() const { return has_value(); }

    T& value() & { return std::get<0>(m_state); }
    const T& value() const& { return std::get<0>(m_state); }
    T&& value() && { return std::get<0>(std::move(m_state)); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

    const Error& error() const& { return std::get<1>(m_state); }
    Error&& error() && { return std::get<1>(std::move(m_state)); }

  private:
    std::variant<T, Error> m_state;
};

template <> class [[nodiscard]] Result<void>
{
  public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)), m_failed(true) {}

    [[nodiscard]] bool has_value() const { return !m_failed; }
    explicit operator bool() const { return has_value(); }
    void value() const {}

    const Error& error() const& { return m_error; }
    Error&& error() && { return std::move(m_error); }

  private:
    Error m_error;
    bool m_failed = false;
};

} // namespace oras

// Evaluates `expr` (a Result); on failure returns its Error from the enclosing function, else
// yields the value. GCC/Clang statement expression, as ccache's TRY.
#define ORAS_TRY(expr)                                                                             \
    ({                                                                                             \
        auto&& oras_try_result_ = (expr);                                                          \
        if (!oras_try_result_)                                                                     \
            return std::move(oras_try_result_).error();                                            \
        std::move(oras_try_result_).value();                                                       \
    })
