#include "ops/stream_push.hpp"

#include "ops/progress_stream.hpp"

namespace oras::ops {

Result<StreamPusher*> stream_pusher(Target& target)
{
    auto* streamer = dynamic_cast<StreamPusher*>(&target);
    if (streamer == nullptr) {
        return fail(ErrorCode::unsupported,
                    "push from standard input to " + target.describe() +
                        ": only a registry takes a stream",
                    "write it to a file first");
    }
    return streamer;
}

Result<Descriptor> push_standard_input(Target& target,
                                       const Descriptor& pending,
                                       const StreamExpectation& expected,
                                       const ProgressCallback& progress)
{
    StreamPusher* streamer = ORAS_TRY(stream_pusher(target));
    ORAS_TRY(report(progress, TransferState::started, pending));
    auto input = standard_input();
    ProgressSource counted(*input, pending, progress);
    auto pushed = streamer->push_stream(counted, pending.media_type, expected);
    if (!pushed) {
        return pushed.error().with_context("push from standard input to " + target.describe());
    }
    ORAS_TRY(report(progress, TransferState::done, *pushed, pushed->size));
    return pushed;
}

} // namespace oras::ops
