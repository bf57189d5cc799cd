// SPDX-License-Identifier: Apache-2.0
// A whole file as read-only text, memory-mapped when it is a regular file: the temporal readers' large inputs.
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/io/detail/posix_file.hpp>
#include <vidata/io/read_file.hpp>

#include <cerrno>
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>

#include <sys/mman.h>
#include <sys/stat.h>

namespace vidata::detail {

/// The text of a file: a private read-only mapping of a regular file, or (pipes, /proc files, empty files, or a
/// failed mmap) the bytes read_file reads. Why: reading a 46 MB results file into a fresh buffer costs its
/// first-touch page faults, measured at ~350 ms on this project's VM against ~30 ms for a populated mapping,
/// more than the whole evaluation. The caveat of any mapping: a file truncated by another process while it is
/// being parsed raises SIGBUS instead of an error, so it is used only for inputs vidata reads once and at once.
/// Throws io_error naming the path when the file cannot be opened or read.
class mapped_text {
public:
    explicit mapped_text(const std::filesystem::path& path) {
        const unique_fd fd = open_fd(path.c_str(), O_RDONLY);
        if (!fd) throw io_error(path.string(), "cannot open for reading: " + errno_message(errno));
        struct stat st {};
        if (::fstat(fd.get(), &st) != 0) throw io_error(path.string(), "cannot stat: " + errno_message(errno));
        if (S_ISREG(st.st_mode) && st.st_size > 0) {
            int flags = MAP_PRIVATE;
#ifdef MAP_POPULATE
            flags |= MAP_POPULATE;  // fault the pages in at once: one kernel call instead of one fault per page
#endif
            const auto size = static_cast<std::size_t>(st.st_size);
            void* p = ::mmap(nullptr, size, PROT_READ, flags, fd.get(), 0);
            if (p != MAP_FAILED) {
                map_ = p;
                size_ = size;
                return;
            }
        }
        read_fd_into(fd.get(), path, fallback_);
    }
    mapped_text(const mapped_text&) = delete;
    mapped_text& operator=(const mapped_text&) = delete;
    ~mapped_text() {
        if (map_ != nullptr) ::munmap(map_, size_);
    }

    [[nodiscard]] std::string_view text() const noexcept {
        return map_ != nullptr ? std::string_view(static_cast<const char*>(map_), size_) : std::string_view(fallback_);
    }

private:
    void* map_ = nullptr;
    std::size_t size_ = 0;
    std::string fallback_;
};

}  // namespace vidata::detail
