// SPDX-License-Identifier: Apache-2.0
// A whole file read into one buffer of fresh pages, huge pages where the kernel gives them: read_annotations' copy.
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/io/detail/posix_file.hpp>
#include <vidata/io/read_file.hpp>

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace vidata::formats::detail {

/// The bytes of a file, read with read(2) into an anonymous mapping of its size, aligned to 2 MiB, that asks for
/// transparent huge pages (MADV_HUGEPAGE). Why: the buffer's pages are fresh, and a first touch of a fresh 4 KiB page costs a fault (tens of
/// microseconds on this project's VM; a 12 MB list took ~40 ms of them, more than its parse); a 2 MiB page takes one
/// fault for 512 of them. Reading into it was also faster here than mapping the file (0.35 against ~1 ms per MB:
/// a mapping's page-table updates are what this VM makes costly). Where the kernel gives no huge page the buffer is
/// an ordinary one. Files under 1 MiB, pipes and /proc files are read as read_file reads them.
/// Throws io_error naming the path when the file cannot be opened or read.
class file_buffer {
public:
    explicit file_buffer(const std::filesystem::path& path) {
        const vidata::detail::unique_fd fd = vidata::detail::open_fd(path.c_str(), O_RDONLY);
        if (!fd) throw io_error(path.string(), "cannot open for reading: " + vidata::detail::errno_message(errno));
        struct stat st {};
        if (::fstat(fd.get(), &st) != 0) throw io_error(path.string(), "cannot stat: " + vidata::detail::errno_message(errno));
        // Below 1 MiB no block would get a huge page, and a mapping's system calls cost more than the faults it saves.
        if (S_ISREG(st.st_mode) && st.st_size >= (1 << 20)) {
            const auto size = static_cast<std::size_t>(st.st_size);
            // One byte more than the file, so that a file that grew meanwhile is seen (and read as read_file would).
            const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
            capacity_ = (size + 1 + page - 1) / page * page;
            if (allocate()) {
                const auto n = vidata::detail::read_full(fd.get(), map_, size + 1);
                if (n < 0) {
                    const int error = errno;
                    release();
                    throw io_error(path.string(), "cannot read: " + vidata::detail::errno_message(error));
                }
                size_ = static_cast<std::size_t>(n);
                if (size_ <= size) return;
                release();  // it grew: read it whole the ordinary way
                if (::lseek(fd.get(), 0, SEEK_SET) != 0) throw io_error(path.string(), "cannot seek: " + vidata::detail::errno_message(errno));
            }
        }
        vidata::detail::read_fd_into(fd.get(), path, fallback_);
    }
    file_buffer(const file_buffer&) = delete;
    file_buffer& operator=(const file_buffer&) = delete;
    ~file_buffer() { release(); }

    [[nodiscard]] std::string_view text() const noexcept {
        return map_ != nullptr ? std::string_view(map_, size_) : std::string_view(fallback_);
    }

private:
    // Maps capacity_ bytes (rounded up to whole 2 MiB blocks) at a 2 MiB boundary, since a huge page maps only an
    // aligned block and the kernel aligns only some mappings, and asks for huge pages for the blocks the file fills at
    // least half of: a small file, or a file's short tail, would otherwise take a whole huge page of memory, and a long
    // tail in 4 KiB pages would cost up to 511 faults. The advice is a hint: without it, ordinary pages.
    bool allocate() noexcept {
        constexpr std::size_t huge = std::size_t{2} << 20;
        const std::size_t blocks = (capacity_ + huge - 1) / huge;
        length_ = blocks * huge;
        void* raw = ::mmap(nullptr, length_ + huge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (raw == MAP_FAILED) return false;
        char* const first = static_cast<char*>(raw);
        char* const aligned = first + (huge - reinterpret_cast<std::uintptr_t>(first) % huge) % huge;
        if (aligned != first) ::munmap(first, static_cast<std::size_t>(aligned - first));
        if (first + huge != aligned) ::munmap(aligned + length_, static_cast<std::size_t>(first + huge - aligned));
        map_ = aligned;
#ifdef MADV_HUGEPAGE
        const std::size_t advised = capacity_ % huge >= huge / 2 ? length_ : capacity_ / huge * huge;
        if (advised > 0) ::madvise(map_, advised, MADV_HUGEPAGE);
#endif
        return true;
    }

    void release() noexcept {
        if (map_ != nullptr) ::munmap(map_, length_);
        map_ = nullptr;
    }

    char* map_ = nullptr;
    std::size_t size_ = 0;
    std::size_t capacity_ = 0;  // the bytes read into, at most (the file and one more, in whole pages)
    std::size_t length_ = 0;    // the bytes mapped (capacity_ in whole 2 MiB blocks)
    std::string fallback_;
};

}  // namespace vidata::formats::detail
