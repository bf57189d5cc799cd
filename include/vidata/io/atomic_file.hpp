// SPDX-License-Identifier: Apache-2.0
// vidata::atomic_file: write a temporary next to the target, then fsync and rename it over the target on commit().
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/io/detail/posix_file.hpp>

#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <memory>
#include <ostream>
#include <random>
#include <span>
#include <streambuf>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include <cstdio>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace vidata {

/// How hard an atomic_file works at commit().
struct atomic_file_options {
    /// fsync the data before the rename and the directory after it, so that after a power loss the
    /// target holds the old or the new content. Without it the rename still keeps a crashed *process*
    /// from leaving a partial file, at a fraction of the cost (frame extraction writes millions of files).
    bool durable = true;
};

namespace detail {

// The temporary's name: ".<target name>.tmp.<6 letters or digits>", hidden from directory listings and
// from globs such as "*.json". O_EXCL makes a collision a retry, never a shared file.
inline constexpr std::string_view atomic_temp_infix = ".tmp.";
inline constexpr std::size_t atomic_temp_suffix_length = 6;

[[nodiscard]] inline std::string atomic_temp_suffix() {
    static std::atomic<std::uint64_t> counter{0};
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    std::uint64_t x = (static_cast<std::uint64_t>(std::random_device{}()) << 32) ^
                      static_cast<std::uint64_t>(::getpid()) ^ (counter.fetch_add(1) * 0x9E3779B97F4A7C15ull);
    // splitmix64 finaliser: spreads the few varying bits over all six characters.
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    x ^= x >> 31;
    std::string out(atomic_temp_suffix_length, 'x');
    for (auto& c : out) {
        c = alphabet[x % 62];
        x /= 62;
    }
    return out;
}

// A streambuf writing to a file descriptor through a 64 KiB buffer. A failed write is remembered (its
// errno) and fails every later write, so that commit() can report the first cause.
class fd_streambuf : public std::streambuf {
public:
    explicit fd_streambuf(int fd) : fd_(fd), buffer_(64 * 1024) { reset_put_area(); }

    [[nodiscard]] int error() const noexcept { return error_; }

    [[nodiscard]] bool flush_buffer() noexcept {
        if (error_ != 0) return false;
        const auto pending = static_cast<std::size_t>(pptr() - pbase());
        if (pending > 0) error_ = write_full(fd_, pbase(), pending);
        reset_put_area();
        return error_ == 0;
    }

protected:
    int_type overflow(int_type ch) override {
        if (!flush_buffer()) return traits_type::eof();
        if (!traits_type::eq_int_type(ch, traits_type::eof())) {
            *pptr() = traits_type::to_char_type(ch);
            pbump(1);
        }
        return traits_type::not_eof(ch);
    }

    std::streamsize xsputn(const char* s, std::streamsize n) override {
        if (error_ != 0 || n <= 0) return 0;
        const auto size = static_cast<std::size_t>(n);
        const auto room = static_cast<std::size_t>(epptr() - pptr());
        if (size <= room) {
            std::memcpy(pptr(), s, size);
            pbump(static_cast<int>(size));
            return n;
        }
        // Larger than the free space: flush and write it directly instead of copying it through the buffer.
        if (!flush_buffer()) return 0;
        error_ = write_full(fd_, s, size);
        return error_ == 0 ? n : 0;
    }

    int sync() override { return flush_buffer() ? 0 : -1; }

private:
    void reset_put_area() noexcept { setp(buffer_.data(), buffer_.data() + buffer_.size()); }

    int fd_;
    std::vector<char> buffer_;
    int error_ = 0;
};

struct atomic_file_state {
    std::filesystem::path target;
    std::filesystem::path temp;
    atomic_file_options options;
    unique_fd fd;
    std::unique_ptr<fd_streambuf> buffer;
    std::unique_ptr<std::ostream> stream;
};

// fsync, retried on EINTR. EINVAL (file systems that cannot sync this kind of file) is not an error.
[[nodiscard]] inline int fsync_fd(int fd) noexcept {
    for (;;) {
        if (::fsync(fd) == 0) return 0;
        if (errno == EINTR) continue;
        return errno == EINVAL ? 0 : errno;
    }
}

}  // namespace detail

/// A file that appears under its name complete or not at all. Bytes go to a temporary in the target's
/// directory (".name.tmp.XXXXXX", so the rename never crosses file systems); commit() flushes, fsyncs,
/// renames it over the target and fsyncs the directory. Destroying the object without commit() — an
/// exception, an early return — removes the temporary and leaves the target as it was. A killed process
/// leaves at most a stale temporary beside an untouched target; remove_stale_temp_files() clears those.
///
///   vidata::atomic_file out("train_list.txt");
///   for (const auto& r : records) out.stream() << r.path << ' ' << r.total_frames << ' ' << r.label << '\n';
///   out.commit();  // io_error on any failure, target untouched
///
/// The new file gets the permissions of the file it replaces, or 0666 minus the umask. Concurrent
/// writers of one target each produce a complete file; the last rename wins. A symlink target is
/// replaced by a regular file, not followed. One object is not for use from several threads at once.
class atomic_file {
public:
    /// Creates the temporary; io_error when the directory does not exist or is not writable.
    explicit atomic_file(std::filesystem::path target, atomic_file_options options = {})
        : state_(std::make_unique<detail::atomic_file_state>()) {
        auto& s = *state_;
        s.target = std::move(target);
        s.options = options;
        const std::filesystem::path directory = s.target.has_parent_path() ? s.target.parent_path() : ".";
        // Appended, not a chain of operator+: GCC 12 at -O3 reports a false -Wrestrict on the chain.
        std::string prefix = ".";
        prefix.append(s.target.filename().string()).append(detail::atomic_temp_infix);
        int error_number = 0;
        for (int attempt = 0; attempt < 64; ++attempt) {
            s.temp = directory / (prefix + detail::atomic_temp_suffix());
            s.fd = detail::open_fd(s.temp.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0666);
            if (s.fd) break;
            error_number = errno;
            if (error_number != EEXIST) break;
        }
        if (!s.fd)
            throw io_error(s.target.string(), "cannot create a temporary file in " + directory.string() + ": " +
                                                  detail::errno_message(error_number));
        struct stat st {};
        if (::stat(s.target.c_str(), &st) == 0 && S_ISREG(st.st_mode)) (void)::fchmod(s.fd.get(), st.st_mode & 07777);
        s.buffer = std::make_unique<detail::fd_streambuf>(s.fd.get());
        s.stream = std::make_unique<std::ostream>(s.buffer.get());
    }

    atomic_file(atomic_file&&) noexcept = default;
    atomic_file& operator=(atomic_file&& other) noexcept {
        if (this != &other) {
            discard();
            state_ = std::move(other.state_);
        }
        return *this;
    }
    atomic_file(const atomic_file&) = delete;
    atomic_file& operator=(const atomic_file&) = delete;

    /// Removes the temporary unless commit() succeeded.
    ~atomic_file() { discard(); }

    /// The stream the content goes to (buffered). Failures surface at commit().
    [[nodiscard]] std::ostream& stream() {
        require_open("stream");
        return *state_->stream;
    }

    /// Appends raw bytes (large ones bypass the buffer).
    void write(std::string_view bytes) {
        require_open("write");
        state_->stream->write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    }

    void write(std::span<const unsigned char> bytes) {
        write(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
    }

    /// Makes the content visible under the target name: flush, fsync (when durable), close, rename,
    /// fsync of the directory (when durable). On failure throws io_error with the OS reason, removes
    /// the temporary and leaves the target as it was.
    void commit() {
        require_open("commit");
        auto& s = *state_;
        const auto fail = [&](const std::string& what, int error_number) {
            discard();
            throw io_error(s.target.string(), what + ": " + detail::errno_message(error_number));
        };
        s.stream->flush();
        if (!s.buffer->flush_buffer()) fail("cannot write " + s.temp.string(), s.buffer->error());
        if (s.stream->bad()) fail("cannot write " + s.temp.string(), EIO);
        if (s.options.durable) {
            if (const int e = detail::fsync_fd(s.fd.get()); e != 0) fail("cannot sync " + s.temp.string(), e);
        }
        if (const int e = s.fd.close(); e != 0) fail("cannot close " + s.temp.string(), e);
        if (std::rename(s.temp.c_str(), s.target.c_str()) != 0) fail("cannot rename " + s.temp.string() + " over it", errno);
        s.temp.clear();
        if (s.options.durable) sync_directory();
        s.stream.reset();
        s.buffer.reset();
    }

    /// Abandons the content: closes and removes the temporary. No effect after commit(). Never throws.
    void discard() noexcept {
        if (!state_) return;
        state_->fd.reset();
        if (!state_->temp.empty()) {
            (void)::unlink(state_->temp.c_str());
            state_->temp.clear();
        }
        state_->stream.reset();
        state_->buffer.reset();
    }

    /// True until commit() or discard().
    [[nodiscard]] bool is_open() const noexcept { return state_ && state_->stream != nullptr; }
    [[nodiscard]] const std::filesystem::path& target() const noexcept { return state_->target; }
    /// The temporary's path (empty after commit() or discard()).
    [[nodiscard]] const std::filesystem::path& temp_path() const noexcept { return state_->temp; }

private:
    void require_open(const char* operation) const {
        if (!is_open())
            throw invalid_argument(std::string("vidata::atomic_file::") + operation +
                                   ": the file was already committed or discarded" +
                                   (state_ ? " (" + state_->target.string() + ")" : std::string()));
    }

    void sync_directory() const {
        const auto& target = state_->target;
        const std::filesystem::path directory = target.has_parent_path() ? target.parent_path() : ".";
        const detail::unique_fd dir = detail::open_fd(directory.c_str(), O_RDONLY | O_DIRECTORY);
        if (!dir)
            throw io_error(target.string(), "written, but cannot open its directory to sync it: " + detail::errno_message(errno));
        if (const int e = detail::fsync_fd(dir.get()); e != 0)
            throw io_error(target.string(), "written, but cannot sync its directory: " + detail::errno_message(e));
    }

    std::unique_ptr<detail::atomic_file_state> state_;
};

/// Replaces the file at `path` by `bytes` atomically (see atomic_file).
inline void write_file_atomically(const std::filesystem::path& path, std::string_view bytes, atomic_file_options options = {}) {
    atomic_file file(path, options);
    file.write(bytes);
    file.commit();
}

inline void write_file_atomically(const std::filesystem::path& path, std::span<const unsigned char> bytes,
                                  atomic_file_options options = {}) {
    write_file_atomically(path, std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()), options);
}

/// Removes the temporaries that killed writers of `target` left behind (".name.tmp.XXXXXX" beside it)
/// and returns how many. Call it only when no writer of `target` is running — at the start of a resumed
/// preparation, say — since a live writer's temporary looks the same.
inline std::size_t remove_stale_temp_files(const std::filesystem::path& target) {
    const std::filesystem::path directory = target.has_parent_path() ? target.parent_path() : ".";
    const std::string prefix = "." + target.filename().string() + std::string(detail::atomic_temp_infix);
    std::error_code ec;
    std::filesystem::directory_iterator it(directory, ec);
    if (ec) throw io_error(directory.string(), "cannot list the directory: " + ec.message());
    std::vector<std::filesystem::path> stale;
    for (; it != std::filesystem::directory_iterator(); it.increment(ec)) {
        if (ec) break;
        const std::string name = it->path().filename().string();
        if (name.size() == prefix.size() + detail::atomic_temp_suffix_length && name.starts_with(prefix))
            stale.push_back(it->path());
    }
    if (ec) throw io_error(directory.string(), "cannot list the directory: " + ec.message());
    std::size_t removed = 0;
    for (const auto& p : stale) {
        if (::unlink(p.c_str()) == 0) ++removed;
        else if (errno != ENOENT) throw io_error(p.string(), "cannot remove a stale temporary file: " + detail::errno_message(errno));
    }
    return removed;
}

}  // namespace vidata
