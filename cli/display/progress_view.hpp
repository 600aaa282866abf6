// Transfer progress on stderr. On a terminal: a live block with one line per active blob (verb,
// short digest, title, bytes done of total, a bar, rate and time left) and a total line, redrawn
// at most ten times a second; each finished blob leaves one line above it, and the block is
// cleared at the end. Elsewhere (or with --no-tty): one plain line per finished blob. Never on
// stdout.
#pragma once

#include "oras/progress.hpp"

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace coras {

enum class Direction
{
    push,
    pull,
    copy,    // oras cp's words: Copying / Copied
    backup,  // oras backup's: Pulling / Pulled
    restore, // oras restore's: Pushing / Pushed
};

// "0 B", "512 B", "1.5 KiB", "12.0 MiB", "1.00 GiB".
std::string human_bytes(std::uint64_t bytes);

// One blob as the live block shows it.
struct BlobProgress
{
    std::string verb;  // "Uploading", "Downloading"
    std::string label; // short digest and title (printable)
    std::uint64_t done = 0;
    std::uint64_t total = 0;
    double seconds = 0; // since it started
};

// "Uploading   2c26b46b68ff big.bin  12.0 MiB/64.0 MiB [#####.....] 110.3 MiB/s 0:01 left",
// cut to `width` columns (the label is shortened first).
std::string progress_line(const BlobProgress& blob, std::size_t width);

class ProgressView
{
  public:
    using Clock = std::function<std::chrono::steady_clock::time_point()>;

    // `terminal`: draw the live block on `out`; else plain lines. `width`: the terminal's
    // columns. `clock`: for tests; empty means steady_clock::now.
    ProgressView(Direction direction,
                 bool terminal,
                 std::FILE* out,
                 std::size_t width = 80,
                 Clock clock = {});
    ~ProgressView();
    ProgressView(const ProgressView&) = delete;
    ProgressView& operator=(const ProgressView&) = delete;

    oras::Continue on_event(const oras::TransferEvent& event);

  private:
    struct Active
    {
        std::string digest;
        std::string label;
        std::uint64_t done = 0;
        std::uint64_t total = 0;
        std::chrono::steady_clock::time_point started;
    };

    [[nodiscard]] std::chrono::steady_clock::time_point now() const;
    void finished(const oras::TransferEvent& event);
    void draw(bool force);
    void erase_block(std::string& frame);

    Direction m_direction;
    bool m_terminal;
    std::FILE* m_out;
    std::size_t m_width;
    Clock m_clock;
    std::vector<Active> m_active;
    std::vector<std::string> m_finished_lines; // printed above the block at the next draw
    std::size_t m_block_lines = 0;             // lines of the block on screen now
    std::chrono::steady_clock::time_point m_last_draw{};
    std::chrono::steady_clock::time_point m_first_start{};
    std::uint64_t m_bytes_finished = 0;
    std::size_t m_blobs_finished = 0;
};

// A progress callback for `direction` drawing through a ProgressView on stderr: the live block
// when stderr is a terminal (TERM not "dumb") and `no_tty` is false, else plain lines. It asks
// the transfer to stop (Continue::no) once `stop` returns true.
oras::ProgressCallback
make_progress_display(Direction direction, bool no_tty, const std::function<bool()>& stop = {});

} // namespace coras
