#include "base64.hpp"

#include <array>
#include <cstdint>

namespace oras {

namespace {

constexpr std::string_view k_alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr std::array<int, 256> make_values()
{
    std::array<int, 256> values{};
    for (int& value : values) {
        value = -1;
    }
    for (std::size_t i = 0; i < k_alphabet.size(); ++i) {
        values[static_cast<unsigned char>(k_alphabet[i])] = static_cast<int>(i);
    }
    return values;
}

constexpr std::array<int, 256> k_values = make_values();

std::uint32_t byte_at(std::string_view bytes, std::size_t i)
{
    return i < bytes.size() ? static_cast<unsigned char>(bytes[i]) : 0U;
}

} // namespace

std::string base64_encode(std::string_view bytes)
{
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        const std::uint32_t n =
            (byte_at(bytes, i) << 16U) | (byte_at(bytes, i + 1) << 8U) | byte_at(bytes, i + 2);
        const std::size_t present = bytes.size() - i; // 1, 2, or 3 and more
        out.push_back(k_alphabet[(n >> 18U) & 0x3fU]);
        out.push_back(k_alphabet[(n >> 12U) & 0x3fU]);
        out.push_back(present > 1 ? k_alphabet[(n >> 6U) & 0x3fU] : '=');
        out.push_back(present > 2 ? k_alphabet[n & 0x3fU] : '=');
    }
    return out;
}

std::optional<std::string> base64_decode(std::string_view text, Padding padding_rule)
{
    if (padding_rule == Padding::required && text.size() % 4 != 0) {
        return std::nullopt;
    }
    std::size_t padding = 0;
    while (padding < 2 && padding < text.size() && text[text.size() - 1 - padding] == '=') {
        ++padding;
    }
    if (padding > 0 && text.size() % 4 != 0) {
        return std::nullopt;
    }
    const std::string_view body = text.substr(0, text.size() - padding);
    if (body.size() % 4 == 1) {
        return std::nullopt;
    }
    std::string out;
    out.reserve(body.size() / 4 * 3 + 2);
    std::uint32_t bits = 0;
    unsigned count = 0;
    for (const char c : body) {
        const int value = k_values[static_cast<unsigned char>(c)];
        if (value < 0) {
            return std::nullopt;
        }
        bits = (bits << 6U) | static_cast<std::uint32_t>(value);
        count += 6;
        if (count >= 8) {
            count -= 8;
            out.push_back(static_cast<char>((bits >> count) & 0xffU));
        }
    }
    return out;
}

} // namespace oras
