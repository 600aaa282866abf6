// A blob read from standard input and streamed to a registry: what `push REF -` and
// `blob push REF -` share.
#pragma once

#include "oras/content.hpp"
#include "oras/progress.hpp"

namespace oras::ops {

// `target` as a StreamPusher; fails with unsupported when it cannot take a stream (an OCI
// layout), so that a command can refuse before it writes anything.
Result<StreamPusher*> stream_pusher(Target& target);

// Streams standard input to `target` (a StreamPusher) as a blob of pending.media_type,
// checked against `expected`; `pending` (digest and size when known) is what `progress` hears
// of until the upload is done, then the descriptor returned. Fails with unsupported when the
// target cannot take a stream (an OCI layout), else as StreamPusher::push_stream does.
Result<Descriptor> push_standard_input(Target& target,
                                       const Descriptor& pending,
                                       const StreamExpectation& expected,
                                       const ProgressCallback& progress);

} // namespace oras::ops
