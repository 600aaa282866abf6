// Content digests (OCI image-spec "Digests"): `algorithm:encoded`, SHA-256 computed through
// OpenSSL EVP, incrementally over streams.
#pragma once

#include "oras/result.hpp"

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace oras {

// A validated digest. Only sha256 (64 lower-case hex) and sha512 (128 lower-case hex) are
// accepted; other registered algorithms are refused as unsupported.
class Digest
{
  public:
    Digest() = default;

    // Parses `text` ("sha256:<64 hex>"); fails with invalid_argument naming what is wrong, or
    // unsupported for a well-formed algorithm other than sha256/sha512.
    static Result<Digest> parse(std::string_view text);

    // Builds a sha256 digest from an already computed lower-case hex string (trusted input).
    static Digest sha256_from_hex(std::string hex);

    [[nodiscard]] const std::string& algorithm() const { return m_algorithm; }
    [[nodiscard]] const std::string& hex() const { return m_hex; }
    [[nodiscard]] std::string str() const { return m_algorithm + ":" + m_hex; }
    // The first 12 hex characters, as oras prints them in progress lines.
    [[nodiscard]] std::string short_hex() const { return m_hex.substr(0, 12); }
    [[nodiscard]] bool empty() const { return m_hex.empty(); }

    friend bool operator==(const Digest&, const Digest&) = default;
    // clang-tidy 14 misreads a defaulted <=> as a comparison with 0.
    friend auto operator<=>(const Digest&,
                            const Digest&) = default; // NOLINT(modernize-use-nullptr)

  private:
    Digest(std::string algorithm, std::string hex)
        : m_algorithm(std::move(algorithm)), m_hex(std::move(hex))
    {
    }
    std::string m_algorithm;
    std::string m_hex;
};

// Incremental SHA-256 (OpenSSL EVP). Non-copyable, movable.
class Sha256
{
  public:
    Sha256();
    ~Sha256();
    Sha256(Sha256&&) noexcept;
    Sha256& operator=(Sha256&&) noexcept;
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;

    // Feeds `data`; may be called any number of times before finish().
    void update(std::string_view data);
    // Returns the digest of everything fed so far; the hasher must not be updated afterwards.
    Digest finish();

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// The sha256 digest of `data`.
Digest sha256_of(std::string_view data);

// The sha256 digest and size of the file at `path`, read in 1 MiB blocks; fails with io.
struct FileDigest
{
    Digest digest;
    std::uint64_t size = 0;
};
Result<FileDigest> sha256_of_file(const std::filesystem::path& path);

} // namespace oras
