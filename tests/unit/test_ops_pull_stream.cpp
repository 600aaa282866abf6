// `pull -o -` (ops/pull_stream.cpp): which layer goes to the stream, and the stream verified.
#include "oras/ops/pull.hpp"

#include "ops_test_support.hpp"

#include <doctest/doctest.h>

using namespace oras;

namespace {

Descriptor layer(const std::string& data, const std::string& title)
{
    auto desc = descriptor_of("application/octet-stream", data);
    if (!title.empty()) {
        desc.annotations["org.opencontainers.image.title"] = title;
    }
    return desc;
}

} // namespace

TEST_CASE("ops::pick_stream_layer")
{
    const auto a = layer("a", "a.txt");
    const auto b = layer("b", "b.txt");
    const auto untitled = layer("u", "");
    const auto other = layer("v", "");

    CHECK(ops::pick_stream_layer({untitled, a})->digest == a.digest);
    CHECK(ops::pick_stream_layer({empty_descriptor(), untitled})->digest == untitled.digest);

    const auto two = ops::pick_stream_layer({a, b});
    REQUIRE_FALSE(two);
    CHECK(two.error().code == ErrorCode::invalid_argument);
    CHECK(two.error().message.find("a.txt, b.txt") != std::string::npos);
    CHECK(two.error().hint.find("-o DIR") != std::string::npos);

    CHECK(ops::pick_stream_layer({untitled, other}).error().code == ErrorCode::invalid_argument);
    CHECK(ops::pick_stream_layer({empty_descriptor()}).error().code == ErrorCode::not_found);
}

TEST_CASE("ops::pull to a stream")
{
    auto store = make_memory_store();
    const auto stored = coras_test::store_blob(*store, "hello, stream", "hello.txt");
    coras_test::store_manifest(*store, {stored}, "v1");
    StringSink sink(1024);
    ops::PullOptions options;
    options.stream = &sink;
    const auto result = ops::pull(*store, "v1", options);
    REQUIRE(result);
    CHECK(sink.str() == "hello, stream");
    REQUIRE(result->files.size() == 1);
    CHECK(result->files[0].path == "-");
}
