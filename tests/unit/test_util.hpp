// Helpers shared by the unit tests.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

namespace coras_test {

// A fresh directory under this run's temporary directory (see main.cpp).
inline std::filesystem::path temp_dir(std::string_view name)
{
    const char* base = std::getenv("CORAS_TEST_TMPDIR");
    std::filesystem::path dir = std::filesystem::path(base ? base : "/tmp") / std::string(name);
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

inline void write_file(const std::filesystem::path& path, std::string_view data)
{
    std::ofstream out(path, std::ios::binary);
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
}

inline std::string read_file(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace coras_test
