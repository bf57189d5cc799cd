// SPDX-License-Identifier: Apache-2.0
// vidata::read_file: a whole file into memory in one read sized by fstat, failures as io_error with the OS reason.
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/io/detail/posix_file.hpp>

#include <array>
#include <cerrno>
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include <sys/stat.h>

namespace vidata {

namespace detail {

// Fills `out` (a std::string or a byte vector) with everything `fd` yields. A regular file is read with
// one read of its fstat size; the extra read after it catches a file that grew meanwhile, and it is the
// whole story for pipes and /proc files, whose st_size is 0.
template <class Container>
void read_fd_into(int fd, const std::filesystem::path& path, Container& out) {
    struct stat st {};
    if (::fstat(fd, &st) != 0) throw io_error(path.string(), "cannot stat: " + errno_message(errno));
    const std::size_t expected = S_ISREG(st.st_mode) && st.st_size > 0 ? static_cast<std::size_t>(st.st_size) : 0;
    out.clear();
    out.resize(expected);
    std::size_t filled = 0;
    if (expected > 0) {
        const auto n = read_full(fd, out.data(), expected);
        if (n < 0) throw io_error(path.string(), "cannot read: " + errno_message(errno));
        filled = static_cast<std::size_t>(n);
    }
    out.resize(filled);
    if (filled == expected) {
        // The rest goes through a small buffer and is appended: growing `out` by a chunk before reading would
        // reallocate (and copy) a full-sized buffer only to find nothing more, doubling the peak memory of
        // every regular-file read. Appending grows geometrically, so a pipe still costs amortised O(n).
        std::array<char, 16 * 1024> chunk;
        for (;;) {
            const auto n = read_full(fd, chunk.data(), chunk.size());
            if (n < 0) throw io_error(path.string(), "cannot read: " + errno_message(errno));
            if (n == 0) break;
            out.insert(out.end(), chunk.data(), chunk.data() + n);
        }
    }
}

template <class Container>
void read_path_into(const std::filesystem::path& path, Container& out) {
    const unique_fd fd = open_fd(path.c_str(), O_RDONLY);
    if (!fd) throw io_error(path.string(), "cannot open for reading: " + errno_message(errno));
    read_fd_into(fd.get(), path, out);
}

}  // namespace detail

/// Reads the whole file at `path` into `out`, reusing its capacity (the non-allocating form for loops
/// over many files). Throws io_error naming the path and the OS reason ("No such file or directory").
/// Thread-safe; reads regular files with a single read(2) of the size fstat reports, and also works on
/// pipes and /proc files.
inline void read_file(const std::filesystem::path& path, std::string& out) { detail::read_path_into(path, out); }

/// Reads the whole file at `path` as text (bytes unchanged: no newline translation, no decoding).
///   const std::string text = vidata::read_file("ucf101/classInd.txt");
[[nodiscard]] inline std::string read_file(const std::filesystem::path& path) {
    std::string out;
    detail::read_path_into(path, out);
    return out;
}

/// Reads the whole file at `path` into `out` as bytes, reusing its capacity.
inline void read_file_bytes(const std::filesystem::path& path, std::vector<unsigned char>& out) {
    detail::read_path_into(path, out);
}

/// Reads the whole file at `path` as bytes.
[[nodiscard]] inline std::vector<unsigned char> read_file_bytes(const std::filesystem::path& path) {
    std::vector<unsigned char> out;
    detail::read_path_into(path, out);
    return out;
}

}  // namespace vidata
