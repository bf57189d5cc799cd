// SPDX-License-Identifier: Apache-2.0
// A whole file as read-only text, memory-mapped when it is a regular file: the large inputs (results files, annotation lists).
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/io/detail/posix_file.hpp>
#include <vidata/io/read_file.hpp>

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>

#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace vidata::detail {

/// The text of a file: a private read-only mapping of a regular file, or (pipes, /proc files, empty files, or a
/// failed mmap) the bytes read_file reads. Why: reading a 46 MB results file into a fresh buffer costs its
/// first-touch page faults, measured at ~350 ms on this project's VM against ~30 ms for a populated mapping,
/// more than the whole evaluation. The caveat of any mapping: a file truncated by another process while it is
/// being parsed raises SIGBUS instead of an error, so it is used only for inputs vidata reads once and at once.
/// Throws io_error naming the path when the file cannot be opened or read.
///
/// A reader that goes through the text once calls advance(offset) as it goes: the pages ahead are mapped a window
/// at a time and those wholly behind are dropped, so a 22 MB file costs a few MB of resident memory instead of its
/// size (the evaluation's peak memory goal is 2x its inputs, and the parsed records alone take about 1x).
/// Dropping is safe whatever the caller still holds: the mapping is private and read-only, so a dropped page that
/// is read again is faulted back in from the file, unchanged.
class mapped_text {
public:
    explicit mapped_text(const std::filesystem::path& path) {
        const unique_fd fd = open_fd(path.c_str(), O_RDONLY);
        if (!fd) throw io_error(path.string(), "cannot open for reading: " + errno_message(errno));
        struct stat st {};
        if (::fstat(fd.get(), &st) != 0) throw io_error(path.string(), "cannot stat: " + errno_message(errno));
        if (S_ISREG(st.st_mode) && st.st_size > 0) {
            const auto size = static_cast<std::size_t>(st.st_size);
            void* p = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd.get(), 0);
            if (p != MAP_FAILED) {
                map_ = p;
                size_ = size;
                populate_until(window);
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

    /// Says that the reader is at `offset` and will not come back before it: maps the next window in one call and
    /// drops the pages wholly behind. Cheap to call often (it acts once per window). No effect on a read-in file.
    void advance(std::size_t offset) noexcept {
        if (map_ == nullptr || offset < next_advance_) return;
        next_advance_ = offset + window / 2;
        populate_until(offset + window);
        const std::size_t behind = offset / page_size() * page_size();
        if (behind > dropped_) {
            ::madvise(static_cast<char*>(map_) + dropped_, behind - dropped_, MADV_DONTNEED);
            dropped_ = behind;
        }
    }

    /// Says that the reader starts again from the beginning (a second pass): advance() maps and drops anew.
    void rewind() noexcept {
        if (map_ == nullptr) return;
        populated_ = dropped_ = next_advance_ = 0;
        populate_until(window);
    }

    /// How much of the file advance() keeps mapped ahead of the reader.
    static constexpr std::size_t window = std::size_t{4} << 20;

private:
    [[nodiscard]] static std::size_t page_size() noexcept {
        static const auto size = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
        return size;
    }

    // One kernel call maps a window instead of one fault per 64 KiB of it (the kernel's fault-around). Where
    // MADV_POPULATE_READ is unknown (Linux < 5.14) the pages fault in as they are read, which is also correct.
    void populate_until(std::size_t end) noexcept {
        end = std::min(end, size_);
        if (end <= populated_) return;
#ifdef MADV_POPULATE_READ
        const std::size_t from = populated_ / page_size() * page_size();
        ::madvise(static_cast<char*>(map_) + from, end - from, MADV_POPULATE_READ);
#endif
        populated_ = end;
    }

    void* map_ = nullptr;
    std::size_t size_ = 0;
    std::size_t populated_ = 0;     // bytes [0, populated_) were asked to be mapped
    std::size_t dropped_ = 0;       // bytes [0, dropped_) were dropped
    std::size_t next_advance_ = 0;  // advance() does nothing before this offset
    std::string fallback_;
};

}  // namespace vidata::detail
