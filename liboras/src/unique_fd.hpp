// One owned POSIX file descriptor.
#pragma once

#include <cerrno>
#include <unistd.h>
#include <utility>

namespace oras {

class UniqueFd
{
  public:
    UniqueFd() = default;
    explicit UniqueFd(int fd) : m_fd(fd) {}
    ~UniqueFd() { reset(); }
    UniqueFd(UniqueFd&& other) noexcept : m_fd(std::exchange(other.m_fd, -1)) {}
    UniqueFd& operator=(UniqueFd&& other) noexcept
    {
        if (this != &other) {
            reset();
            m_fd = std::exchange(other.m_fd, -1);
        }
        return *this;
    }
    UniqueFd(const UniqueFd&) = delete;
    UniqueFd& operator=(const UniqueFd&) = delete;

    [[nodiscard]] int get() const { return m_fd; }
    [[nodiscard]] bool valid() const { return m_fd >= 0; }

    void reset()
    {
        if (m_fd >= 0) {
            ::close(std::exchange(m_fd, -1));
        }
    }

    // Closes now and returns the errno close() gave (0 on success): a delayed write error.
    int close()
    {
        if (m_fd < 0) {
            return 0;
        }
        return ::close(std::exchange(m_fd, -1)) == 0 ? 0 : errno;
    }

  private:
    int m_fd = -1;
};

} // namespace oras
