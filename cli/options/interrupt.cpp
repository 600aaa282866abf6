#include "options/interrupt.hpp"

#include <csignal>
#include <thread>

namespace coras {

namespace {

volatile std::sig_atomic_t g_signal = 0;

extern "C" void on_signal(int number)
{
    g_signal = number;
}

} // namespace

void install_interrupt_handlers()
{
    struct sigaction action = {};
    action.sa_handler = on_signal;
    sigemptyset(&action.sa_mask);
    // SA_RESETHAND: the second signal gets the default action and ends the process.
    action.sa_flags = SA_RESETHAND;
    for (const int number : {SIGINT, SIGTERM}) {
        // A signal the parent left ignored (SIGINT of a background job started by a
        // non-interactive shell) stays ignored, as POSIX shells and utilities keep it.
        struct sigaction current = {};
        if (sigaction(number, nullptr, &current) == 0 && current.sa_handler == SIG_IGN) {
            continue;
        }
        sigaction(number, &action, nullptr);
    }
}

bool interrupted()
{
    return g_signal != 0;
}

std::optional<int> interrupt_exit_code()
{
    if (g_signal == 0) {
        return std::nullopt;
    }
    return 128 + static_cast<int>(g_signal);
}

void interruptible_sleep(std::chrono::milliseconds delay)
{
    constexpr std::chrono::milliseconds k_slice{50};
    const auto end = std::chrono::steady_clock::now() + delay;
    while (!interrupted()) {
        const auto now = std::chrono::steady_clock::now();
        if (now >= end) {
            return;
        }
        std::this_thread::sleep_for(
            std::min<std::chrono::steady_clock::duration>(k_slice, end - now));
    }
}

} // namespace coras
