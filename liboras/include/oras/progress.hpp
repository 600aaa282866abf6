// Progress and cancellation of transfers: every blob or manifest that push or pull moves is
// reported through one callback, which may ask to stop.
#pragma once

#include "oras/descriptor.hpp"

#include <cstdint>
#include <functional>

namespace oras {

enum class TransferState
{
    started,     // about to move desc.size bytes
    in_progress, // `bytes` of desc.size moved so far
    done,        // moved and verified
    exists,      // already at the destination: nothing moved
    mounted,     // taken from another repository of the registry: nothing moved
    skipped,     // not moved on purpose (pull of an untitled layer)
};

struct TransferEvent
{
    TransferState state;
    const Descriptor& desc;
    std::uint64_t bytes = 0;
};

enum class Continue
{
    yes,
    no
};

// Called from the transferring thread; returning Continue::no makes the transfer fail with
// ErrorCode::cancelled and leaves no partial output.
using ProgressCallback = std::function<Continue(const TransferEvent&)>;

} // namespace oras
