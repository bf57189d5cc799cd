// SPDX-License-Identifier: Apache-2.0
// POSIX file-descriptor plumbing shared by the file readers and the atomic writer: RAII, full reads and writes, errno text.
#pragma once

#include <cerrno>
#include <cstddef>
#include <string>
#include <system_error>
#include <utility>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace vidata::detail {

/// The operating system's sentence for an errno value ("No such file or directory").
/// std::strerror is not thread-safe; the system category's message is.
[[nodiscard]] inline std::string errno_message(int error_number) {
    return std::system_category().message(error_number);
}

/// Owns a file descriptor; closes it (ignoring errors) at scope exit. Code that must see a failed
/// close, such as a commit, calls close() itself.
class unique_fd {
public:
    unique_fd() noexcept = default;
    explicit unique_fd(int fd) noexcept : fd_(fd) {}
    unique_fd(unique_fd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
    unique_fd& operator=(unique_fd&& other) noexcept {
        if (this != &other) {
            reset();
            fd_ = std::exchange(other.fd_, -1);
        }
        return *this;
    }
    unique_fd(const unique_fd&) = delete;
    unique_fd& operator=(const unique_fd&) = delete;
    ~unique_fd() { reset(); }

    [[nodiscard]] int get() const noexcept { return fd_; }
    [[nodiscard]] explicit operator bool() const noexcept { return fd_ >= 0; }

    void reset() noexcept {
        if (fd_ >= 0) ::close(fd_);
        fd_ = -1;
    }

    /// Closes the descriptor and returns 0, or the errno of a failed close (which on NFS and some
    /// other file systems is where a delayed write error surfaces).
    [[nodiscard]] int close() noexcept {
        const int fd = std::exchange(fd_, -1);
        if (fd < 0) return 0;
        // Linux releases the descriptor even when close fails, so retrying on EINTR would be wrong.
        return ::close(fd) == 0 ? 0 : errno;
    }

private:
    int fd_ = -1;
};

/// Opens `path` with `flags`, retrying on EINTR. Returns an empty unique_fd and leaves errno set on failure.
[[nodiscard]] inline unique_fd open_fd(const char* path, int flags, mode_t mode = 0) noexcept {
    for (;;) {
        const int fd = ::open(path, flags | O_CLOEXEC, mode);
        if (fd >= 0 || errno != EINTR) return unique_fd(fd);
    }
}

// Calls read_some(done) (a read(2) or pread(2) of the bytes after the first `done`) until `size` bytes
// have arrived or the file ends, retrying on EINTR and short reads. Returns the bytes read, or -1 with errno set.
template <class ReadSome>
[[nodiscard]] std::ptrdiff_t read_until_full(std::size_t size, ReadSome read_some) noexcept {
    std::size_t done = 0;
    while (done < size) {
        const ssize_t n = read_some(done);
        if (n > 0) {
            done += static_cast<std::size_t>(n);
        } else if (n == 0) {
            break;
        } else if (errno != EINTR) {
            return -1;
        }
    }
    return static_cast<std::ptrdiff_t>(done);
}

/// Reads up to `size` bytes, retrying on EINTR and short reads; stops early only at end of file.
/// Returns the number of bytes read, or -1 with errno set.
[[nodiscard]] inline std::ptrdiff_t read_full(int fd, void* data, std::size_t size) noexcept {
    auto* p = static_cast<char*>(data);
    return read_until_full(size, [&](std::size_t done) noexcept { return ::read(fd, p + done, size - done); });
}

/// Reads up to `size` bytes at file offset `offset` (pread, so the file position does not matter),
/// retrying on EINTR and short reads. Returns the number of bytes read, or -1 with errno set.
[[nodiscard]] inline std::ptrdiff_t pread_full(int fd, void* data, std::size_t size, std::size_t offset) noexcept {
    auto* p = static_cast<char*>(data);
    return read_until_full(size, [&](std::size_t done) noexcept {
        return ::pread(fd, p + done, size - done, static_cast<off_t>(offset + done));
    });
}

/// Writes all `size` bytes, retrying on EINTR and short writes. Returns 0 or the errno of the failure.
[[nodiscard]] inline int write_full(int fd, const void* data, std::size_t size) noexcept {
    const auto* p = static_cast<const char*>(data);
    while (size > 0) {
        const ssize_t n = ::write(fd, p, size);
        if (n > 0) {
            p += n;
            size -= static_cast<std::size_t>(n);
        } else if (n < 0 && errno != EINTR) {
            return errno;
        } else if (n == 0) {
            return EIO;  // a regular file never accepts zero bytes of a non-empty write; do not spin
        }
    }
    return 0;
}

}  // namespace vidata::detail
