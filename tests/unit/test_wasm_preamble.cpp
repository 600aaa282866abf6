#include "wasm/preamble.hpp"

#include <doctest/doctest.h>

#include <string>

namespace {

using namespace std::string_literals;
using oras::ErrorCode;
using oras::wasm::ModuleKind;
using oras::wasm::read_preamble;

std::string message_of(std::string_view bytes)
{
    auto preamble = read_preamble(bytes);
    REQUIRE_FALSE(preamble);
    CHECK(preamble.error().code == ErrorCode::invalid_format);
    return preamble.error().message;
}

} // namespace

TEST_CASE("wasm::read_preamble")
{
    SUBCASE("a core module")
    {
        auto preamble = read_preamble("\0asm\x01\0\0\0"s);
        REQUIRE(preamble);
        CHECK(preamble->kind == ModuleKind::core);
        CHECK(preamble->version == 1);
    }
    SUBCASE("a component, current and older versions")
    {
        auto current = read_preamble("\0asm\x0d\0\x01\0"s);
        REQUIRE(current);
        CHECK(current->kind == ModuleKind::component);
        CHECK(current->version == 0x0d);
        auto older = read_preamble("\0asm\x0a\0\x01\0"s);
        REQUIRE(older);
        CHECK(older->version == 0x0a);
        CHECK(message_of("\0asm\x0e\0\x01\0"s) ==
              "wasm: unknown component version 0xe at offset 4: 0x0a to 0x0d are known");
        CHECK(message_of("\0asm\x09\0\x01\0"s).find("unknown component version 0x9") !=
              std::string::npos);
    }
    SUBCASE("bad magic")
    {
        CHECK(message_of("") == "wasm: bad magic at offset 0: not a WebAssembly module");
        CHECK(message_of("\0as"s) == "wasm: bad magic at offset 0: not a WebAssembly module");
        CHECK(message_of("{\"schemaVersion\": 2}") ==
              "wasm: bad magic at offset 0: not a WebAssembly module");
        CHECK(message_of("(module)") == "wasm: bad magic at offset 0: not a WebAssembly module");
    }
    SUBCASE("unknown versions and layers")
    {
        CHECK(message_of("\0asm\x02\0\0\0"s) ==
              "wasm: unsupported core module version 2 at offset 4: only version 1 exists");
        CHECK(message_of("\0asm\x01\0\x02\0"s) ==
              "wasm: unknown layer 2 at offset 6: neither a core module (0) nor a component (1)");
    }
    SUBCASE("a truncated preamble")
    {
        CHECK(message_of("\0asm\x01\0"s) ==
              "wasm: truncated preamble at offset 4: 6 bytes, 8 needed");
    }
}
