#include "oras/wasm.hpp"

#include "test_util.hpp"
#include "test_wasm_modules.hpp"

#include <doctest/doctest.h>

#include <fcntl.h>
#include <memory>
#include <random>
#include <string>
#include <unistd.h>

namespace {

using namespace std::string_literals;
using coras_test::core_module;
using coras_test::section;
using oras::ErrorCode;
using oras::wasm::inspect_module;

// The corrupt modules of the issue, each of which must fail with invalid_format and an offset.
struct Corrupt
{
    const char* what;
    std::string bytes;
    const char* message_start;
};

std::vector<Corrupt> corrupt_modules()
{
    const auto example = coras_test::bytes_of(coras_test::k_example_filter);
    const std::string void_type = section(1, "\x01\x60\x00\x00"s);
    return {
        {"bad magic",
         "\x7f"
         "ELF\x02\x01\x01\x00"s,
         "wasm: bad magic at offset 0"},
        {"version 2", "\0asm\x02\0\0\0"s, "wasm: unsupported core module version 2 at offset 4"},
        {"truncated section header",
         core_module({"\x01"s}),
         "wasm: section 1 (type) at offset 0x8: section size at offset 0x9"},
        {"section past the end",
         std::string(example.substr(0, 0x130)),
         "wasm: section 10 (code) at offset 0x11a: size 126 runs past the end of the module"},
        {"huge vec count",
         core_module({section(1, "\xff\xff\xff\xff\x0f\x60"s)}),
         "wasm: section 1 (type) at offset 0x8: type count at offset 0xa"},
        {"six-byte LEB128",
         core_module({"\x01\x81\x80\x80\x80\x80\x00\x00"s}),
         "wasm: section 1 (type) at offset 0x8: section size at offset 0x9"},
        {"duplicate section",
         core_module({void_type, void_type}),
         "wasm: section 1 (type) at offset 0xe: duplicate section"},
        {"out-of-order section",
         core_module({section(3, "\x00"s), void_type}),
         "wasm: section 1 (type) at offset 0xb: out of order"},
        {"function/code count mismatch",
         core_module({void_type, section(3, "\x01\x00"s), section(10, "\x00"s)}),
         "wasm: section 10 (code) at offset 0x12: body count at offset 0x14"},
        {"name section with a bad UTF-8 length",
         core_module({coras_test::custom_section("name", "\x00\x02\x0a\x61"s)}),
         "wasm: section 0 (custom) at offset 0x8: custom section \"name\": subsection 0"},
    };
}

// Copies `bytes` into an allocation of exactly that size, so that a sanitizer catches a read of
// even one byte past the end.
std::unique_ptr<char[]> exact_copy(std::string_view bytes)
{
    auto copy = std::make_unique<char[]>(bytes.size() + (bytes.empty() ? 1 : 0));
    std::copy(bytes.begin(), bytes.end(), copy.get());
    return copy;
}

} // namespace

TEST_CASE("wasm::inspect_module")
{
    SUBCASE("a core module")
    {
        auto info = inspect_module(coras_test::bytes_of(coras_test::k_example_filter));
        REQUIRE(info);
        CHECK(info->kind == oras::wasm::ModuleKind::core);
        CHECK(info->exports.size() == 7);
        CHECK_FALSE(info->component);
    }
    SUBCASE("a component")
    {
        const std::string bytes =
            coras_test::component({coras_test::custom_section("component-type:x", "...")});
        REQUIRE(bytes.substr(0, 8) == "\0asm\x0d\0\x01\0"s);
        auto info = inspect_module(bytes);
        REQUIRE(info);
        CHECK(info->kind == oras::wasm::ModuleKind::component);
        CHECK(info->version == 0x0d);
        REQUIRE(info->component);
        CHECK(info->custom_sections[0].name == "component-type:x");
    }
    SUBCASE("corrupt modules fail with invalid_format and an offset")
    {
        for (const Corrupt& corrupt : corrupt_modules()) {
            CAPTURE(corrupt.what);
            auto copy = exact_copy(corrupt.bytes);
            auto info = inspect_module(std::string_view(copy.get(), corrupt.bytes.size()));
            REQUIRE_FALSE(info);
            CHECK(info.error().code == ErrorCode::invalid_format);
            CHECK(info.error().message.find(corrupt.message_start) == 0);
            CHECK(info.error().message.find("offset") != std::string::npos);
        }
    }
}

TEST_CASE("wasm::inspect_module survives mutations of the example filter")
{
    const auto example = coras_test::bytes_of(coras_test::k_example_filter);
    std::mt19937 random(20240611); // fixed seed: the same mutations on every run
    int parsed = 0;
    int refused = 0;
    for (int round = 0; round < 4000; ++round) {
        std::string bytes(example);
        const int edits = 1 + static_cast<int>(random() % 4);
        for (int e = 0; e < edits && !bytes.empty(); ++e) {
            const std::size_t at = random() % bytes.size();
            switch (random() % 5) {
            case 0: // flip one bit
                bytes[at] = static_cast<char>(bytes[at] ^ (1U << (random() % 8)));
                break;
            case 1: // a random byte
                bytes[at] = static_cast<char>(random());
                break;
            case 2: // truncate
                bytes.resize(at);
                break;
            case 3: // a LEB128-ish run of 0xff
                bytes.replace(
                    at, std::min<std::size_t>(5, bytes.size() - at), "\xff\xff\xff\xff\x0f");
                break;
            default: // delete a byte
                bytes.erase(at, 1);
                break;
            }
        }
        auto copy = exact_copy(bytes);
        auto info = inspect_module(std::string_view(copy.get(), bytes.size()));
        if (info) {
            ++parsed;
            const auto report = oras::wasm::check_proxy_wasm(*info);
            (void)report.ok();
        } else {
            ++refused;
            const auto code = info.error().code;
            CHECK((code == ErrorCode::invalid_format || code == ErrorCode::unsupported ||
                   code == ErrorCode::too_large));
            CHECK(info.error().message.rfind("wasm: ", 0) == 0);
        }
    }
    CHECK(parsed + refused == 4000);
    CHECK(parsed > 0);
    CHECK(refused > 0);
    MESSAGE("mutations parsed: " << parsed << ", refused: " << refused);
}

TEST_CASE("wasm::inspect_module_file")
{
    const auto dir = coras_test::temp_dir("wasm_inspect_module_file");
    SUBCASE("a file on disk")
    {
        coras_test::write_file(dir / "filter.wasm",
                               coras_test::bytes_of(coras_test::k_example_filter));
        auto info = oras::wasm::inspect_module_file(dir / "filter.wasm");
        REQUIRE(info);
        CHECK(info->size == 1003);
        CHECK(info->names->module_name == "resp_header_demo");
    }
    SUBCASE("errors name the file")
    {
        auto missing = oras::wasm::inspect_module_file(dir / "nope.wasm");
        REQUIRE_FALSE(missing);
        CHECK(missing.error().code == ErrorCode::not_found);
        CHECK(missing.error().message.find("nope.wasm") != std::string::npos);
        coras_test::write_file(dir / "text.wasm", "(module)");
        auto text = oras::wasm::inspect_module_file(dir / "text.wasm");
        REQUIRE_FALSE(text);
        CHECK(text.error().code == ErrorCode::invalid_format);
        CHECK(text.error().message ==
              (dir / "text.wasm").string() +
                  ": wasm: bad magic at offset 0: not a WebAssembly module");
    }
    SUBCASE("a module over Istio's 256 MiB limit is still parsed")
    {
        // A sparse file: a custom section whose 257 MiB of contents are never read.
        const std::uint64_t payload = 257ULL << 20U;
        const std::string head = core_module({}) + "\x00"s + coras_test::leb(payload) + "\x00"s;
        const auto path = dir / "big.wasm";
        coras_test::write_file(path, head);
        REQUIRE(::truncate(path.c_str(), static_cast<off_t>(head.size() - 1 + payload)) == 0);
        auto info = oras::wasm::inspect_module_file(path);
        REQUIRE(info);
        CHECK(info->size > (256ULL << 20U));
        REQUIRE(info->custom_sections.size() == 1);
        CHECK(info->custom_sections[0].size == payload);
    }
}
