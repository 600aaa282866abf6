// The progress display: its plain lines, its live block on a terminal (drawn into a temporary
// file, with a fake clock), the line format, and escaping of control characters.
#include "display/printable.hpp"
#include "display/progress_view.hpp"
#include "oras/descriptor.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <string>

namespace {

using namespace std::chrono_literals;
using oras::TransferState;

// Everything written to a tmpfile so far.
std::string contents(std::FILE* file)
{
    std::fflush(file);
    std::rewind(file);
    std::string text;
    char buffer[4096];
    while (const std::size_t n = std::fread(buffer, 1, sizeof buffer, file)) {
        text.append(buffer, n);
    }
    return text;
}

oras::Descriptor blob(std::string title, std::uint64_t size)
{
    auto desc = oras::descriptor_of("application/octet-stream", std::string(size, 'x'));
    desc.annotations["org.opencontainers.image.title"] = std::move(title);
    return desc;
}

} // namespace

TEST_CASE("printable escapes control characters and keeps the rest")
{
    CHECK(coras::printable("plain text, ü") == "plain text, ü");
    CHECK(coras::printable("a\x1b[31mred") == "a\\x1b[31mred");
    CHECK(coras::printable("line\nbreak\ttab\x7f") == "line\\x0abreak\\x09tab\\x7f");
    CHECK(coras::printable("c1 \xc2\x9b"
                           "2J") == "c1 \\x9b2J");
}

TEST_CASE("human_bytes and progress_line")
{
    CHECK(coras::human_bytes(0) == "0 B");
    CHECK(coras::human_bytes(1536) == "1.5 KiB");
    CHECK(coras::human_bytes(64ULL << 20) == "64.0 MiB");
    CHECK(coras::human_bytes(3ULL << 30) == "3.00 GiB");
    const coras::BlobProgress half{
        "Uploading", "2c26b46b68ff big.bin", 32ULL << 20, 64ULL << 20, 2.0};
    const std::string line = coras::progress_line(half, 120);
    CHECK(line == "Uploading   2c26b46b68ff big.bin  32.0 MiB/64.0 MiB [##########..........] "
                  "16.0 MiB/s ~0:02");
    // 90 columns: a shorter bar; 80: no bar, the title kept.
    CHECK(coras::progress_line(half, 90) ==
          "Uploading   2c26b46b68ff big.bin  32.0 MiB/64.0 MiB [#####.....] 16.0 MiB/s ~0:02");
    CHECK(coras::progress_line(half, 80) ==
          "Uploading   2c26b46b68ff big.bin  32.0 MiB/64.0 MiB 16.0 MiB/s ~0:02");
    const coras::BlobProgress long_title{
        "Downloading", "2c26b46b68ff " + std::string(200, 'n'), 1, 10, 1.0};
    const std::string cut = coras::progress_line(long_title, 80);
    CHECK(cut.size() <= 80);
    CHECK(cut.find("...") != std::string::npos);
    CHECK(cut.find("  1 B/10 B 1 B/s ~0:09") != std::string::npos);
}

TEST_CASE("ProgressView without a terminal: one line per finished blob")
{
    std::FILE* out = std::tmpfile();
    REQUIRE(out != nullptr);
    {
        coras::ProgressView view(coras::Direction::push, false, out);
        const auto a = blob("a.txt", 3);
        const auto b = blob("b\x1b]0;evil\x07.txt", 4);
        view.on_event({TransferState::started, a});
        view.on_event({TransferState::in_progress, a, 2});
        view.on_event({TransferState::done, a, 3});
        view.on_event({TransferState::exists, b, 4});
    }
    const std::string text = contents(out);
    std::fclose(out);
    CHECK(text.find("Uploading") == std::string::npos);
    CHECK(text.find("Uploaded    ") != std::string::npos);
    CHECK(text.find(" a.txt\n") != std::string::npos);
    CHECK(text.find("Exists      ") != std::string::npos);
    CHECK(text.find("b\\x1b]0;evil\\x07.txt") != std::string::npos);
    CHECK(text.find('\x1b') == std::string::npos);
}

TEST_CASE("ProgressView on a terminal: a live block, throttled, cleared at the end")
{
    std::FILE* out = std::tmpfile();
    REQUIRE(out != nullptr);
    auto clock_now = std::chrono::steady_clock::time_point{} + 1h;
    const auto a = blob("a.bin", 1000);
    std::string before_end;
    {
        coras::ProgressView view(
            coras::Direction::pull, true, out, 100, [&clock_now] { return clock_now; });
        view.on_event({TransferState::started, a});
        const std::string started = contents(out);
        CHECK(started.find("Downloading " + a.digest.short_hex() + " a.bin") != std::string::npos);
        CHECK(started.find("Total       0 done, 1 active") != std::string::npos);

        clock_now += 10ms; // too soon: no redraw
        view.on_event({TransferState::in_progress, a, 500});
        CHECK(contents(out) == started);

        clock_now += 200ms;
        view.on_event({TransferState::in_progress, a, 600});
        const std::string drawn = contents(out);
        CHECK(drawn.size() > started.size());
        CHECK(drawn.find("\x1b[2A\r\x1b[J") != std::string::npos); // the old block erased
        CHECK(drawn.find("600 B/1000 B") != std::string::npos);

        view.on_event({TransferState::done, a, 1000});
        before_end = contents(out);
        CHECK(before_end.find("Downloaded  ") != std::string::npos);
    }
    // Nothing was active at the end: no block left to clear.
    CHECK(contents(out) == before_end);
    std::fclose(out);
}
