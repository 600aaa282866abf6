// SIGINT and SIGTERM: the first one asks the running command to stop (transfers are cancelled,
// upload sessions DELETEd, temporary files removed as the command unwinds) and the process then
// exits 130 or 143; a second one ends the process at once.
#pragma once

#include <chrono>
#include <optional>

namespace coras {

// Installs the handlers (once, at start).
void install_interrupt_handlers();

// True once SIGINT or SIGTERM arrived.
bool interrupted();

// 128 + the signal's number (130, 143) once one arrived.
std::optional<int> interrupt_exit_code();

// Sleeps `delay`, waking early when interrupted (the wait between retries).
void interruptible_sleep(std::chrono::milliseconds delay);

} // namespace coras
