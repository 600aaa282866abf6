#include "options/confirmation.hpp"

#include "options/secret_input.hpp"

#include <algorithm>
#include <cctype>

namespace coras {

oras::Result<bool> confirm(const std::string& question, Force force)
{
    if (force == Force::yes) {
        return true;
    }
    if (!stdin_is_terminal()) {
        return oras::fail(oras::ErrorCode::invalid_argument,
                          "confirmation needed but standard input is not a terminal: use "
                          "--force to delete without asking");
    }
    std::string answer = ORAS_TRY(prompt_line(question + " [y/N] ", Echo::yes));
    std::transform(answer.begin(), answer.end(), answer.begin(), [](unsigned char c) {
        return static_cast<char>(std::tolower(c));
    });
    return answer == "y" || answer == "yes";
}

} // namespace coras
