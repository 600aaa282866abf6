#include "ops_test_support.hpp"
#include "oras/manifest.hpp"
#include "oras/ops/pull.hpp"
#include "oras/ops/push.hpp"
#include "test_util.hpp"

#include <doctest/doctest.h>

namespace fs = std::filesystem;

TEST_CASE("oras::ops::push")
{
    const auto dir = coras_test::temp_dir("push");
    const auto previous = fs::current_path();
    fs::current_path(dir);
    coras_test::write_file("config.json", R"({"a":1})");
    coras_test::write_file("one.bin", std::string(300000, 'x'));
    coras_test::write_file("two.bin", "two");

    auto opened = coras_test::memory_target({"v1", "latest"});
    auto& store = opened.target;
    oras::ops::PushOptions options;
    options.config = oras::ops::FileSpec{"config.json", "application/vnd.example.config+json"};
    options.files = {{"one.bin", ""}, {"two.bin", "application/x-two"}};
    options.source_date_epoch = 42;
    std::vector<std::pair<oras::TransferState, std::string>> events;
    options.progress = [&](const oras::TransferEvent& event) {
        if (event.state != oras::TransferState::in_progress) {
            events.emplace_back(event.state, event.desc.digest.str());
        }
        return oras::Continue::yes;
    };

    SUBCASE("pushes blobs then the manifest under every tag; a second push uploads nothing")
    {
        const auto result = oras::ops::push(opened, options);
        REQUIRE(result);
        CHECK(result->manifest.digest == oras::sha256_of(result->manifest_bytes));
        for (const auto* tag : {"v1", "latest"}) {
            const auto resolved = store->resolve(tag);
            REQUIRE(resolved);
            CHECK(resolved->digest == result->manifest.digest);
        }
        const auto uploaded = std::count_if(events.begin(), events.end(), [](const auto& e) {
            return e.first == oras::TransferState::done;
        });
        CHECK(uploaded == 4); // config, two layers, manifest

        events.clear();
        const auto again = oras::ops::push(opened, options);
        REQUIRE(again);
        CHECK(again->manifest.digest == result->manifest.digest);
        const auto existing = std::count_if(events.begin(), events.end(), [](const auto& e) {
            return e.first == oras::TransferState::exists;
        });
        CHECK(existing == 3);

        oras::ops::PullOptions pull;
        pull.output_dir = dir / "out";
        REQUIRE(oras::ops::pull(*store, "latest", pull));
        CHECK(coras_test::read_file(dir / "out/one.bin") == coras_test::read_file("one.bin"));
        CHECK(coras_test::read_file(dir / "out/two.bin") == "two");
    }
    SUBCASE("no tags: pushed by digest only")
    {
        opened.tags.clear();
        const auto result = oras::ops::push(opened, options);
        REQUIRE(result);
        CHECK(store->resolve(result->manifest.digest.str()));
        CHECK_FALSE(store->resolve("v1"));
    }
    SUBCASE("cancelled: no manifest is pushed")
    {
        options.progress = [](const oras::TransferEvent& event) {
            return event.state == oras::TransferState::started && event.desc.title() == "two.bin"
                       ? oras::Continue::no
                       : oras::Continue::yes;
        };
        const auto result = oras::ops::push(opened, options);
        REQUIRE_FALSE(result);
        CHECK(result.error().code == oras::ErrorCode::cancelled);
        CHECK_FALSE(store->resolve("v1"));
    }
    fs::current_path(previous);
}
