// Fake docker-credential-<name> programs for the credentials tests: one bash script installed
// under several names in a temp directory put first in PATH; the name picks the behaviour.
#pragma once

#include "test_util.hpp"

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <sys/stat.h>

namespace coras_test {

// Sets (or with nullopt unsets) an environment variable for the life of the object.
class ScopedEnv
{
  public:
    ScopedEnv(const char* name, std::optional<std::string> value) : m_name(name)
    {
        if (const char* old = std::getenv(name)) {
            m_old = old;
        }
        set(value);
    }
    ~ScopedEnv() { set(m_old); }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

  private:
    void set(const std::optional<std::string>& value)
    {
        if (value) {
            ::setenv(m_name, value->c_str(), 1);
        } else {
            ::unsetenv(m_name);
        }
    }
    const char* m_name;
    std::optional<std::string> m_old;
};

// The behaviours, by helper name:
//   keychain  a working store; a missing entry is "credentials not found in native keychain"
//             (exit 1) for get and erase, as docker-credential-secretservice
//   passlike  a working store; get of a missing entry is exit 0 with empty Username and
//             Secret, erase of one is pass's "is not in the password store" (exit 1)
//   garbage   get prints text that is not JSON (and holds a would-be secret)
//   hang      never answers (and leaves a grandchild in its process group, pid in
//             $FAKE_HELPER_DIR/grandchild)
//   broken    every action fails with an error on stdout and one on stderr, exit 1
//   echo      store fails, printing its stdin (the secret) back on stdout
//   crash     kills itself with SIGKILL
// Every call records argv in $FAKE_HELPER_DIR/argv, stdin in stdin-<action> and the open
// descriptors of the helper in fds.
inline constexpr const char* k_fake_helper_script = R"fake(#!/bin/bash
name=${0##*/docker-credential-}
dir=${FAKE_HELPER_DIR:?}
action=$1
printf '%s\n' "$@" >"$dir/argv"
ls -1 "/proc/$$/fd" >"$dir/fds"
input=$(cat)
printf '%s' "$input" >"$dir/stdin-$action"
store="$dir/store-$name"
mkdir -p "$store"
key=$(printf '%s' "$input" | base64 -w0 | tr '/+=' '_.-')
case "$name:$action" in
  keychain:get | passlike:get)
    if [[ -f $store/$key ]]; then
      cat "$store/$key"
    elif [[ $name == passlike ]]; then
      printf '{"ServerURL":"%s","Username":"","Secret":""}\n' "$input"
    else
      echo "credentials not found in native keychain"
      exit 1
    fi
    ;;
  keychain:store | passlike:store)
    url=$(printf '%s' "$input" | sed -n 's/.*"ServerURL":"\([^"]*\)".*/\1/p')
    [[ -n $url ]] || { echo "no credentials server URL"; exit 1; }
    printf '%s\n' "$input" >"$store/$(printf '%s' "$url" | base64 -w0 | tr '/+=' '_.-')"
    ;;
  keychain:erase | passlike:erase)
    if [[ -f $store/$key ]]; then
      rm -f "$store/$key"
    elif [[ $name == passlike ]]; then
      echo "exit status 1: Error: docker-credential-helpers/$key is not in the password store."
      exit 1
    else
      echo "credentials not found in native keychain"
      exit 1
    fi
    ;;
  garbage:*) echo 'Username: alice, Secret: GARBAGE-SECRET' ;;
  hang:*)
    sleep 30 &
    echo $! >"$dir/grandchild"
    exec sleep 30
    ;;
  broken:*)
    echo 'pass not initialized: exit status 1: Error: password store is empty. Try "pass init".'
    echo 'gpg: STDERR-SECRET not available' >&2
    exit 1
    ;;
  echo:*)
    printf 'invalid input: %s\n' "$input"
    exit 1
    ;;
  crash:*) kill -KILL $$ ;;
  *) echo "Unknown credential action \`$action\`"; exit 1 ;;
esac
)fake";

// Writes the fake helpers into `dir`/bin under every name above; returns that bin directory.
inline std::filesystem::path install_fake_helpers(const std::filesystem::path& dir)
{
    const std::filesystem::path bin = dir / "bin";
    std::filesystem::create_directories(bin);
    const std::filesystem::path script = bin / "fake-helper";
    write_file(script, k_fake_helper_script);
    ::chmod(script.c_str(), 0755);
    for (const char* name :
         {"keychain", "passlike", "garbage", "hang", "broken", "echo", "crash"}) {
        std::filesystem::create_symlink("fake-helper",
                                        bin / ("docker-credential-" + std::string(name)));
    }
    return bin;
}

// Puts the fake helpers first in PATH and points them at a state directory while alive.
class FakeHelpers
{
  public:
    explicit FakeHelpers(const std::filesystem::path& dir)
        : m_bin(install_fake_helpers(dir)),
          m_path("PATH",
                 m_bin.string() + ":" +
                     (std::getenv("PATH") ? std::getenv("PATH") : "/usr/bin:/bin")),
          m_state("FAKE_HELPER_DIR", dir.string())
    {
    }
    [[nodiscard]] std::filesystem::path state() const { return m_bin.parent_path(); }

  private:
    std::filesystem::path m_bin;
    ScopedEnv m_path;
    ScopedEnv m_state;
};

} // namespace coras_test
