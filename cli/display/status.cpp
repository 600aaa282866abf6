#include "display/status.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <string_view>

namespace coras {

namespace {

std::string_view verb(Direction direction, oras::TransferState state)
{
    const bool push = direction == Direction::push;
    switch (state) {
    case oras::TransferState::started:
        return push ? "Uploading" : "Downloading";
    case oras::TransferState::done:
        return push ? "Uploaded" : "Downloaded";
    case oras::TransferState::exists:
        return "Exists";
    case oras::TransferState::skipped:
        return "Skipped";
    case oras::TransferState::in_progress:
        break;
    }
    return {};
}

std::string name_of(const oras::Descriptor& desc)
{
    const auto title = desc.title();
    return title.empty() ? desc.media_type : title;
}

} // namespace

oras::ProgressCallback make_status_printer(Direction direction)
{
    return [direction](const oras::TransferEvent& event) {
        const auto word = verb(direction, event.state);
        if (!word.empty()) {
            fmt::print(
                stderr, "{:<11} {} {}\n", word, event.desc.digest.short_hex(), name_of(event.desc));
        }
        return oras::Continue::yes;
    };
}

} // namespace coras
