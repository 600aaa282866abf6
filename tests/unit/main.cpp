// doctest main for every unit test executable: each run gets its own temporary directory,
// exported as CORAS_TEST_TMPDIR, and kept when a test fails (as ccache's unittest main does).
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <random>
#include <string>

int main(int argc, char** argv)
{
    namespace fs = std::filesystem;
    std::random_device random;
    const fs::path dir = fs::temp_directory_path() / ("coras-unit-" + std::to_string(random()));
    fs::create_directories(dir);
    setenv("CORAS_TEST_TMPDIR", dir.c_str(), 1);

    doctest::Context context(argc, argv);
    const int result = context.run();
    if (result == 0) {
        fs::remove_all(dir);
    } else {
        std::cerr << "test files kept in " << dir << '\n';
    }
    return result;
}
