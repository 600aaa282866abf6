#include "credentials/helper_process.hpp"

#include "unique_fd.hpp"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <system_error>
#include <thread>
#include <unistd.h>

extern char** environ; // NOLINT(readability-redundant-declaration): POSIX, for posix_spawn

namespace oras::credentials {

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

std::string errno_text(int error)
{
    return std::error_code(error, std::generic_category()).message();
}

std::string duration_text(milliseconds timeout)
{
    if (timeout.count() % 1000 == 0) {
        return std::to_string(timeout.count() / 1000) + " s";
    }
    return std::to_string(timeout.count()) + " ms";
}

// Blocks SIGPIPE in this thread while alive and discards one raised meanwhile, so that writing
// to a helper that has already exited gives EPIPE instead of killing the process.
class SigpipeGuard
{
  public:
    SigpipeGuard()
    {
        sigemptyset(&m_set);
        sigaddset(&m_set, SIGPIPE);
        sigset_t pending;
        sigemptyset(&pending);
        sigpending(&pending);
        m_was_pending = sigismember(&pending, SIGPIPE) == 1;
        pthread_sigmask(SIG_BLOCK, &m_set, &m_old);
    }
    ~SigpipeGuard()
    {
        if (!m_was_pending) {
            const timespec zero{};
            while (sigtimedwait(&m_set, nullptr, &zero) > 0) {
            }
        }
        pthread_sigmask(SIG_SETMASK, &m_old, nullptr);
    }
    SigpipeGuard(const SigpipeGuard&) = delete;
    SigpipeGuard& operator=(const SigpipeGuard&) = delete;

  private:
    sigset_t m_set{};
    sigset_t m_old{};
    bool m_was_pending = false;
};

// posix_spawn's two attribute objects, destroyed together.
class SpawnSetup
{
  public:
    SpawnSetup()
    {
        posix_spawn_file_actions_init(&m_actions);
        posix_spawnattr_init(&m_attributes);
    }
    ~SpawnSetup()
    {
        posix_spawn_file_actions_destroy(&m_actions);
        posix_spawnattr_destroy(&m_attributes);
    }
    SpawnSetup(const SpawnSetup&) = delete;
    SpawnSetup& operator=(const SpawnSetup&) = delete;

    // stdin from `input`, stdout to `output`, stderr to `errors`, every other descriptor
    // closed; a new process group; default signal handling and an empty signal mask.
    int configure(int input, int output, int errors)
    {
        sigset_t none;
        sigset_t all;
        sigemptyset(&none);
        sigfillset(&all);
        int rc = posix_spawn_file_actions_adddup2(&m_actions, input, STDIN_FILENO);
        rc = rc != 0 ? rc : posix_spawn_file_actions_adddup2(&m_actions, output, STDOUT_FILENO);
        rc = rc != 0 ? rc : posix_spawn_file_actions_adddup2(&m_actions, errors, STDERR_FILENO);
        rc = rc != 0 ? rc : posix_spawn_file_actions_addclosefrom_np(&m_actions, 3);
        rc = rc != 0 ? rc
                     : posix_spawnattr_setflags(&m_attributes,
                                                POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK |
                                                    POSIX_SPAWN_SETSIGDEF);
        rc = rc != 0 ? rc : posix_spawnattr_setpgroup(&m_attributes, 0);
        rc = rc != 0 ? rc : posix_spawnattr_setsigmask(&m_attributes, &none);
        rc = rc != 0 ? rc : posix_spawnattr_setsigdefault(&m_attributes, &all);
        return rc;
    }

    const posix_spawn_file_actions_t* actions() const { return &m_actions; }
    const posix_spawnattr_t* attributes() const { return &m_attributes; }

  private:
    posix_spawn_file_actions_t m_actions{};
    posix_spawnattr_t m_attributes{};
};

struct Pipe
{
    UniqueFd read;
    UniqueFd write;
};

Result<Pipe> make_pipe(std::string_view program)
{
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        return fail(ErrorCode::io,
                    "start " + std::string(program) + ": pipe: " + errno_text(errno));
    }
    return Pipe{UniqueFd(fds[0]), UniqueFd(fds[1])};
}

// The child's ends of its three pipes.
struct ChildEnds
{
    int input = -1;
    int output = -1;
    int errors = -1;
};

Result<pid_t> spawn(const ProcessRequest& request, ChildEnds ends)
{
    const std::string program = request.program.string();
    SpawnSetup setup;
    int rc = setup.configure(ends.input, ends.output, ends.errors);
    std::vector<std::string> args{program};
    args.insert(args.end(), request.args.begin(), request.args.end());
    std::vector<char*> argv;
    for (std::string& arg : args) {
        argv.push_back(arg.data());
    }
    argv.push_back(nullptr);
    pid_t pid = -1;
    if (rc == 0) {
        rc = posix_spawn(
            &pid, program.c_str(), setup.actions(), setup.attributes(), argv.data(), environ);
    }
    if (rc != 0) {
        return fail(ErrorCode::io, "start " + program + ": " + errno_text(rc));
    }
    return pid;
}

void kill_and_reap(pid_t pid)
{
    ::kill(-pid, SIGKILL);
    ::kill(pid, SIGKILL);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
}

Error timed_out(const ProcessRequest& request)
{
    return fail(ErrorCode::io, "timed out after " + duration_text(request.timeout));
}

// Writes what is left of `pending` without blocking; closes `to_child` when all is written or
// the child stopped reading.
void feed(UniqueFd& to_child, std::string_view& pending)
{
    const ssize_t count = ::write(to_child.get(), pending.data(), pending.size());
    if (count > 0) {
        pending.remove_prefix(static_cast<std::size_t>(count));
    } else if (count < 0 && errno != EAGAIN && errno != EINTR) {
        pending = {}; // EPIPE: the helper exited or closed stdin; its answer says why
    }
    if (pending.empty()) {
        to_child.reset();
    }
}

// What the child writes on stderr: read as it comes so that the child never blocks on it,
// counted, and dropped.
class ErrorDrain
{
  public:
    ErrorDrain(UniqueFd from_child, std::size_t limit) : m_fd(std::move(from_child)), m_limit(limit)
    {
        ::fcntl(m_fd.get(), F_SETFL, ::fcntl(m_fd.get(), F_GETFL) | O_NONBLOCK);
    }

    // The descriptor to poll; -1 (which poll() skips) once the child closed it.
    [[nodiscard]] int fd() const { return m_fd.get(); }

    // Reads what is there without blocking; fails with too_large past the limit.
    Result<void> drain()
    {
        char buffer[4096];
        while (m_fd.valid()) {
            const ssize_t got = ::read(m_fd.get(), buffer, sizeof buffer);
            if (got > 0) {
                m_bytes += static_cast<std::size_t>(got);
                if (m_bytes > m_limit) {
                    return fail(ErrorCode::too_large,
                                "more than " + std::to_string(m_limit) + " bytes on stderr");
                }
            } else if (got < 0 && errno == EAGAIN) {
                return {};
            } else if (got == 0 || errno != EINTR) {
                m_fd.reset(); // the end, or an error: nothing more will be read
            }
        }
        return {};
    }

    [[nodiscard]] std::size_t bytes() const { return m_bytes; }

  private:
    UniqueFd m_fd;
    std::size_t m_limit;
    std::size_t m_bytes = 0;
};

// Sends the input and collects stdout until the child closes it or the deadline passes,
// draining stderr meanwhile.
Result<std::string> exchange(const ProcessRequest& request,
                             UniqueFd to_child,
                             UniqueFd from_child,
                             ErrorDrain& errors,
                             Clock::time_point deadline)
{
    const SigpipeGuard sigpipe_guard;
    std::string_view pending = request.input;
    if (pending.empty()) {
        to_child.reset();
    } else {
        ::fcntl(to_child.get(), F_SETFL, ::fcntl(to_child.get(), F_GETFL) | O_NONBLOCK);
    }
    std::string output;
    char buffer[4096];
    for (;;) {
        const auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now());
        if (left.count() <= 0) {
            return timed_out(request);
        }
        // poll() skips the entries whose descriptor is -1 (closed).
        pollfd fds[3] = {
            {from_child.get(), POLLIN, 0}, {errors.fd(), POLLIN, 0}, {to_child.get(), POLLOUT, 0}};
        const int ready = ::poll(fds, 3, static_cast<int>(std::min<long long>(left.count(), 1000)));
        if (ready < 0 && errno != EINTR) {
            return fail(ErrorCode::io, "poll: " + errno_text(errno));
        }
        if (ready <= 0) {
            continue;
        }
        if (fds[2].revents != 0) {
            feed(to_child, pending);
        }
        if (fds[1].revents != 0) {
            ORAS_TRY(errors.drain());
        }
        if (fds[0].revents == 0) {
            continue;
        }
        const ssize_t got = ::read(from_child.get(), buffer, sizeof buffer);
        if (got == 0) {
            return output;
        }
        if (got < 0) {
            if (errno == EINTR || errno == EAGAIN) {
                continue;
            }
            return fail(ErrorCode::io, "read output: " + errno_text(errno));
        }
        output.append(buffer, static_cast<std::size_t>(got));
        if (output.size() > request.output_limit) {
            return fail(ErrorCode::too_large,
                        "more than " + std::to_string(request.output_limit) + " bytes on stdout");
        }
    }
}

// Waits for `pid` to exit until `deadline`, draining `errors` meanwhile and once more after
// the exit; nullopt on timeout (the child is still running). Fails as ErrorDrain::drain().
Result<std::optional<int>> wait_until(pid_t pid, ErrorDrain& errors, Clock::time_point deadline)
{
    for (;;) {
        ORAS_TRY(errors.drain());
        int status = 0;
        const pid_t done = ::waitpid(pid, &status, WNOHANG);
        if (done == pid) {
            ORAS_TRY(errors.drain());
            if (WIFSIGNALED(status)) {
                return std::optional<int>(128 + WTERMSIG(status));
            }
            return std::optional<int>(WEXITSTATUS(status));
        }
        if (done < 0 && errno != EINTR) {
            return std::optional<int>(128); // not our child any more: a failure, not a hang
        }
        if (Clock::now() >= deadline) {
            return std::optional<int>();
        }
        std::this_thread::sleep_for(milliseconds(5));
    }
}

} // namespace

std::optional<std::filesystem::path> find_in_path(std::string_view name)
{
    const char* env = std::getenv("PATH");
    const std::string_view path = env != nullptr ? env : "/usr/local/bin:/usr/bin:/bin";
    std::size_t start = 0;
    for (;;) {
        const std::size_t end = std::min(path.find(':', start), path.size());
        const std::string_view dir = path.substr(start, end - start);
        const std::filesystem::path candidate =
            std::filesystem::path(dir.empty() ? "." : std::string(dir)) / std::string(name);
        struct stat info
        {
        };
        if (::stat(candidate.c_str(), &info) == 0 && S_ISREG(info.st_mode) &&
            ::access(candidate.c_str(), X_OK) == 0) {
            return candidate;
        }
        if (end == path.size()) {
            return std::nullopt;
        }
        start = end + 1;
    }
}

Result<ProcessResult> run_process(const ProcessRequest& request)
{
    const std::string program = request.program.string();
    Pipe input = ORAS_TRY(make_pipe(program));
    Pipe output = ORAS_TRY(make_pipe(program));
    Pipe errors = ORAS_TRY(make_pipe(program));
    const pid_t pid =
        ORAS_TRY(spawn(request, {input.read.get(), output.write.get(), errors.write.get()}));
    input.read.reset();
    output.write.reset();
    errors.write.reset();
    ErrorDrain drain(std::move(errors.read), request.error_limit);
    const auto deadline = Clock::now() + request.timeout;
    Result<std::string> text =
        exchange(request, std::move(input.write), std::move(output.read), drain, deadline);
    if (!text) {
        kill_and_reap(pid);
        return std::move(text).error();
    }
    const Result<std::optional<int>> exit_code = wait_until(pid, drain, deadline);
    if (!exit_code || !*exit_code) {
        kill_and_reap(pid);
        return exit_code ? timed_out(request) : exit_code.error();
    }
    return ProcessResult{**exit_code, std::move(*text), drain.bytes()};
}

} // namespace oras::credentials
