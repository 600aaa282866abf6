#include "kube/kind.hpp"

#include <algorithm>
#include <cstddef>

namespace oras::kube {

namespace {

constexpr std::size_t k_max_kind_length = 63;

bool is_ascii_letter(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

bool is_kind_name(std::string_view kind)
{
    return !kind.empty() && kind.size() <= k_max_kind_length && is_ascii_letter(kind.front()) &&
           std::all_of(kind.begin(), kind.end(), [](char c) {
               return is_ascii_letter(c) || (c >= '0' && c <= '9');
           });
}

} // namespace

std::string kind_phrase(std::string_view kind)
{
    if (is_kind_name(kind)) {
        return "a Kubernetes " + std::string(kind);
    }
    return "a Kubernetes object whose kind is not a kind name";
}

} // namespace oras::kube
