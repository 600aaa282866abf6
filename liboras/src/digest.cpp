#include "oras/digest.hpp"

#include "oras/io.hpp"

#include <openssl/evp.h>

#include <array>
#include <stdexcept>
#include <vector>

namespace oras {

namespace {

constexpr std::size_t k_sha256_hex_length = 64;
constexpr std::size_t k_sha512_hex_length = 128;
constexpr std::size_t k_file_block = 1024 * 1024;

bool is_lower_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

bool is_lower_hex(char c)
{
    return (c >= 'a' && c <= 'f') || (c >= '0' && c <= '9');
}

// image-spec "Digests": algorithm-component ([a-z0-9]+) joined by one of [+._-].
bool is_valid_algorithm(std::string_view algorithm)
{
    if (algorithm.empty() || !is_lower_alnum(algorithm.front()) ||
        !is_lower_alnum(algorithm.back())) {
        return false;
    }
    char previous = 'a';
    for (const char c : algorithm) {
        const bool separator = c == '+' || c == '.' || c == '_' || c == '-';
        if (!separator && !is_lower_alnum(c)) {
            return false;
        }
        if (separator && !is_lower_alnum(previous)) {
            return false;
        }
        previous = c;
    }
    return true;
}

std::string to_hex(const unsigned char* bytes, std::size_t length)
{
    static constexpr std::string_view k_hex_digits = "0123456789abcdef";
    std::string hex;
    hex.reserve(length * 2);
    for (std::size_t i = 0; i < length; ++i) {
        hex.push_back(k_hex_digits[bytes[i] >> 4U]);
        hex.push_back(k_hex_digits[bytes[i] & 0x0fU]);
    }
    return hex;
}

Error invalid_digest(std::string_view text, std::string_view why, ErrorCode code)
{
    return fail(code, "invalid digest \"" + std::string(text) + "\": " + std::string(why));
}

} // namespace

Result<Digest> Digest::parse(std::string_view text)
{
    const auto colon = text.find(':');
    if (colon == std::string_view::npos) {
        return invalid_digest(text, "expected algorithm:hex", ErrorCode::invalid_argument);
    }
    const std::string_view algorithm = text.substr(0, colon);
    const std::string_view encoded = text.substr(colon + 1);
    if (!is_valid_algorithm(algorithm)) {
        return invalid_digest(text, "malformed algorithm", ErrorCode::invalid_argument);
    }
    std::size_t expected_length = 0;
    if (algorithm == "sha256") {
        expected_length = k_sha256_hex_length;
    } else if (algorithm == "sha512") {
        expected_length = k_sha512_hex_length;
    } else {
        return invalid_digest(text,
                              "unsupported algorithm \"" + std::string(algorithm) +
                                  "\" (only sha256 and sha512)",
                              ErrorCode::unsupported);
    }
    for (const char c : encoded) {
        if (!is_lower_hex(c)) {
            return invalid_digest(
                text, "the encoded part must be lower-case hex", ErrorCode::invalid_argument);
        }
    }
    if (encoded.size() != expected_length) {
        return invalid_digest(text,
                              std::string(algorithm) + " needs " + std::to_string(expected_length) +
                                  " hex characters, got " + std::to_string(encoded.size()),
                              ErrorCode::invalid_argument);
    }
    return Digest(std::string(algorithm), std::string(encoded));
}

Digest Digest::sha256_from_hex(std::string hex)
{
    return {"sha256", std::move(hex)};
}

struct Sha256::Impl
{
    struct ContextDeleter
    {
        void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
    };
    std::unique_ptr<EVP_MD_CTX, ContextDeleter> context;
};

Sha256::Sha256() : m_impl(std::make_unique<Impl>())
{
    m_impl->context.reset(EVP_MD_CTX_new());
    if (!m_impl->context || EVP_DigestInit_ex(m_impl->context.get(), EVP_sha256(), nullptr) != 1) {
        throw std::runtime_error("OpenSSL: cannot initialise SHA-256");
    }
}

Sha256::~Sha256() = default;
Sha256::Sha256(Sha256&&) noexcept = default;
Sha256& Sha256::operator=(Sha256&&) noexcept = default;

void Sha256::update(std::string_view data)
{
    if (EVP_DigestUpdate(m_impl->context.get(), data.data(), data.size()) != 1) {
        throw std::runtime_error("OpenSSL: SHA-256 update failed");
    }
}

Digest Sha256::finish()
{
    std::array<unsigned char, EVP_MAX_MD_SIZE> bytes{};
    unsigned int length = 0;
    if (EVP_DigestFinal_ex(m_impl->context.get(), bytes.data(), &length) != 1) {
        throw std::runtime_error("OpenSSL: SHA-256 final failed");
    }
    return Digest::sha256_from_hex(to_hex(bytes.data(), length));
}

Digest sha256_of(std::string_view data)
{
    Sha256 hasher;
    hasher.update(data);
    return hasher.finish();
}

Result<FileDigest> sha256_of_file(const std::filesystem::path& path)
{
    auto source = ORAS_TRY(open_file_source(path));
    std::vector<char> block(k_file_block);
    Sha256 hasher;
    FileDigest result;
    for (;;) {
        const std::size_t count = ORAS_TRY(source->read(block));
        if (count == 0) {
            break;
        }
        hasher.update(std::string_view(block.data(), count));
        result.size += count;
    }
    result.digest = hasher.finish();
    return result;
}

} // namespace oras
