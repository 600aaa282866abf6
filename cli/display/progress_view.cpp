#include "display/progress_view.hpp"

#include "display/printable.hpp"

#include <fmt/format.h>

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <memory>

namespace coras {

namespace {

constexpr auto k_redraw_interval = std::chrono::milliseconds(100);
// A 20-column bar on terminals of 100 columns and more, else 10 (an 80-column line then keeps
// room for the digest and most of a title).
constexpr std::size_t k_wide_terminal = 100;
constexpr std::size_t k_min_label = 28;

std::string_view active_verb(Direction direction)
{
    switch (direction) {
    case Direction::push:
        return "Uploading";
    case Direction::copy:
        return "Copying";
    case Direction::backup:
        return "Pulling";
    case Direction::restore:
        return "Pushing";
    case Direction::pull:
        break;
    }
    return "Downloading";
}

std::string_view finished_verb(Direction direction, oras::TransferState state)
{
    switch (state) {
    case oras::TransferState::done:
        switch (direction) {
        case Direction::push:
            return "Uploaded";
        case Direction::copy:
            return "Copied";
        case Direction::backup:
            return "Pulled";
        case Direction::restore:
            return "Pushed";
        case Direction::pull:
            break;
        }
        return "Downloaded";
    case oras::TransferState::exists:
        return "Exists";
    case oras::TransferState::mounted:
        return "Mounted";
    case oras::TransferState::skipped:
        return "Skipped";
    case oras::TransferState::started:
    case oras::TransferState::in_progress:
        break;
    }
    return {};
}

std::string label_of(const oras::Descriptor& desc)
{
    const std::string title = desc.title();
    return desc.digest.short_hex() + " " + printable(title.empty() ? desc.media_type : title);
}

std::string duration_text(double seconds)
{
    const long total = std::lround(seconds);
    return fmt::format("{}:{:02}", total / 60, total % 60);
}

std::size_t terminal_width()
{
    winsize size{};
    if (::ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 20) {
        return size.ws_col;
    }
    return 80;
}

} // namespace

std::string human_bytes(std::uint64_t bytes)
{
    constexpr std::uint64_t k_kib = 1024;
    const auto value = static_cast<double>(bytes);
    if (bytes < k_kib) {
        return fmt::format("{} B", bytes);
    }
    if (bytes < k_kib * k_kib) {
        return fmt::format("{:.1f} KiB", value / k_kib);
    }
    if (bytes < k_kib * k_kib * k_kib) {
        return fmt::format("{:.1f} MiB", value / (k_kib * k_kib));
    }
    return fmt::format("{:.2f} GiB", value / (k_kib * k_kib * k_kib));
}

std::string progress_line(const BlobProgress& blob, std::size_t width)
{
    const double fraction =
        blob.total == 0
            ? 1.0
            : std::min(1.0, static_cast<double>(blob.done) / static_cast<double>(blob.total));
    const std::size_t bar_width = width >= k_wide_terminal ? 20 : 10;
    const auto filled = static_cast<std::size_t>(fraction * static_cast<double>(bar_width));
    const std::string bar =
        " [" + std::string(filled, '#') + std::string(bar_width - filled, '.') + "]";
    const double rate = blob.seconds > 0 ? static_cast<double>(blob.done) / blob.seconds : 0;
    std::string numbers = fmt::format("  {}/{}", human_bytes(blob.done), human_bytes(blob.total));
    std::string speed;
    if (rate > 0) {
        speed = fmt::format(" {}/s", human_bytes(static_cast<std::uint64_t>(rate)));
        if (blob.done < blob.total) {
            speed += " ~" + duration_text(static_cast<double>(blob.total - blob.done) / rate);
        }
    }
    std::string head = fmt::format("{:<11} {}", blob.verb, blob.label);
    // Too wide: the bar goes first, then the end of the title.
    const bool with_bar = head.size() + numbers.size() + bar.size() + speed.size() <= width;
    const std::string tail = numbers + (with_bar ? bar : std::string()) + speed;
    if (head.size() + tail.size() > width) {
        const std::size_t room =
            width > tail.size() + k_min_label ? width - tail.size() : k_min_label;
        if (head.size() > room) {
            head = head.substr(0, room - 3) + "...";
        }
    }
    std::string line = head + tail;
    return line.size() > width ? line.substr(0, width) : line;
}

ProgressView::ProgressView(
    Direction direction, bool terminal, std::FILE* out, std::size_t width, Clock clock)
    : m_direction(direction), m_terminal(terminal), m_out(out), m_width(width),
      m_clock(std::move(clock))
{
}

ProgressView::~ProgressView()
{
    if (m_terminal && m_block_lines > 0) {
        std::string frame;
        erase_block(frame);
        std::fputs(frame.c_str(), m_out);
        std::fflush(m_out);
    }
}

std::chrono::steady_clock::time_point ProgressView::now() const
{
    return m_clock ? m_clock() : std::chrono::steady_clock::now();
}

oras::Continue ProgressView::on_event(const oras::TransferEvent& event)
{
    const std::string digest = event.desc.digest.str();
    const auto found = std::find_if(
        m_active.begin(), m_active.end(), [&](const Active& a) { return a.digest == digest; });
    switch (event.state) {
    case oras::TransferState::started:
        if (m_active.empty() && m_blobs_finished == 0) {
            m_first_start = now();
        }
        m_active.push_back(Active{digest, label_of(event.desc), 0, event.desc.size, now()});
        draw(true);
        break;
    case oras::TransferState::in_progress:
        if (found != m_active.end()) {
            found->done = event.bytes;
        }
        draw(false);
        break;
    case oras::TransferState::done:
    case oras::TransferState::exists:
    case oras::TransferState::mounted:
    case oras::TransferState::skipped:
        if (found != m_active.end()) {
            m_active.erase(found);
        }
        finished(event);
        draw(true);
        break;
    }
    return oras::Continue::yes;
}

void ProgressView::finished(const oras::TransferEvent& event)
{
    const std::string line =
        fmt::format("{:<11} {}", finished_verb(m_direction, event.state), label_of(event.desc));
    if (!m_terminal) {
        fmt::print(m_out, "{}\n", line);
        return;
    }
    ++m_blobs_finished;
    m_bytes_finished += event.state == oras::TransferState::done ? event.desc.size : 0;
    m_finished_lines.push_back(line.size() > m_width ? line.substr(0, m_width) : line);
}

void ProgressView::erase_block(std::string& frame)
{
    if (m_block_lines > 0) {
        frame += fmt::format("\x1b[{}A\r\x1b[J", m_block_lines);
    }
    m_block_lines = 0;
}

void ProgressView::draw(bool force)
{
    if (!m_terminal) {
        return;
    }
    const auto at = now();
    if (!force && at - m_last_draw < k_redraw_interval) {
        return;
    }
    m_last_draw = at;
    std::string frame;
    erase_block(frame);
    for (const auto& line : m_finished_lines) {
        frame += line + "\n";
    }
    m_finished_lines.clear();
    if (!m_active.empty()) {
        const std::string verb(active_verb(m_direction));
        std::uint64_t done = m_bytes_finished;
        std::uint64_t total = m_bytes_finished;
        for (const auto& blob : m_active) {
            const double seconds = std::chrono::duration<double>(at - blob.started).count();
            frame += progress_line(BlobProgress{verb, blob.label, blob.done, blob.total, seconds},
                                   m_width) +
                     "\n";
            done += blob.done;
            total += blob.total;
        }
        const double seconds = std::chrono::duration<double>(at - m_first_start).count();
        const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0;
        std::string summary = fmt::format("{:<11} {} done, {} active, {}/{}",
                                          "Total",
                                          m_blobs_finished,
                                          m_active.size(),
                                          human_bytes(done),
                                          human_bytes(total));
        if (rate > 0) {
            summary += fmt::format(", {}/s", human_bytes(static_cast<std::uint64_t>(rate)));
        }
        frame += (summary.size() > m_width ? summary.substr(0, m_width) : summary) + "\n";
        m_block_lines = m_active.size() + 1;
    }
    std::fputs(frame.c_str(), m_out);
    std::fflush(m_out);
}

oras::ProgressCallback
make_progress_display(Direction direction, bool no_tty, const std::function<bool()>& stop)
{
    const char* term = std::getenv("TERM");
    const bool terminal = !no_tty && ::isatty(STDERR_FILENO) == 1 &&
                          (term == nullptr || std::string_view(term) != "dumb");
    auto view = std::make_shared<ProgressView>(
        direction, terminal, stderr, terminal ? terminal_width() : 80);
    return [view, stop](const oras::TransferEvent& event) {
        view->on_event(event);
        return stop && stop() ? oras::Continue::no : oras::Continue::yes;
    };
}

} // namespace coras
