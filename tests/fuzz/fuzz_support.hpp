// What the libFuzzer targets in tests/fuzz share: the input as text, a check that aborts (so
// that libFuzzer reports the input) when a parser breaks its own header's contract, and a
// scratch directory for targets that read from files.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <system_error>
#include <unistd.h>

namespace coras_fuzz {

// The fuzzer's bytes as a string_view (valid for the call only).
inline std::string_view as_text(const std::uint8_t* data, std::size_t size)
{
    return {reinterpret_cast<const char*>(data), size};
}

// Aborts with `what` on stderr when `condition` is false: a contract the library states in
// its header was broken by this input.
inline void require(bool condition, const char* what)
{
    if (!condition) {
        std::fprintf(stderr, "coras fuzz: contract broken: %s\n", what);
        std::abort();
    }
}

// True when `text` holds no ASCII control byte (what "printable" promises for messages).
inline bool printable(std::string_view text)
{
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7f) {
            return false;
        }
    }
    return true;
}

// A directory of this process's own under $TMPDIR (run_fuzzer.sh points TMPDIR at a directory
// it removes), created on first use and emptied by clear() after each input.
class ScratchDir
{
  public:
    ScratchDir()
        : m_path(std::filesystem::temp_directory_path() /
                 ("coras-fuzz-" + std::to_string(::getpid())))
    {
        std::filesystem::create_directories(m_path);
    }
    ~ScratchDir()
    {
        std::error_code ignored;
        std::filesystem::remove_all(m_path, ignored);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;

    [[nodiscard]] const std::filesystem::path& path() const { return m_path; }

    // Writes `bytes` to `name` inside the directory and returns its path.
    [[nodiscard]] std::filesystem::path write(const std::string& name, std::string_view bytes) const
    {
        const auto file = m_path / name;
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        require(static_cast<bool>(out), "the scratch file could not be written");
        return file;
    }

    // Removes everything in the directory, keeping the directory.
    void clear() const
    {
        for (const auto& entry : std::filesystem::directory_iterator(m_path)) {
            std::filesystem::remove_all(entry.path());
        }
    }

  private:
    std::filesystem::path m_path;
};

} // namespace coras_fuzz
