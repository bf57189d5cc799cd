// SPDX-License-Identifier: Apache-2.0
// How the preparation tools write their outputs: complete or absent (a partial name renamed into place), a failure to
// write stopping the run, the leftovers of a killed run removed, and the shard's name for its report files.
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/io/atomic_file.hpp>
#include <vidata/io/detail/posix_file.hpp>
#include <vidata/prepare/shard.hpp>

#include <cerrno>
#include <cstddef>
#include <cstring>
#include <exception>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

namespace vidata::prepare::detail {

// Failing to write the output is the run's failure, not the input's: it stops every worker.
struct output_failure {
    std::exception_ptr error;
};

// ".<name>.partial-": the prefix of the name an output (a frame directory, a file) is written under before the rename.
[[nodiscard]] inline std::string partial_prefix(const std::filesystem::path& final_path) {
    return "." + final_path.filename().string() + ".partial-";
}

// The partial name of `final_path` for this process: a killed run's partials carry another pid.
[[nodiscard]] inline std::filesystem::path partial_dir(const std::filesystem::path& final_path) {
    return final_path.parent_path() / (partial_prefix(final_path) + std::to_string(::getpid()));
}

// Removes the partial outputs a killed run left for these outputs (relative to `out`; a pid other than ours). Only this
// shard's outputs: another shard may be writing its own at the same time.
inline void remove_stale_partials(const std::filesystem::path& out, const std::vector<std::filesystem::path>& outputs) {
    namespace fs = std::filesystem;
    std::set<fs::path> parents;
    std::set<std::string> names;  // parent/name
    for (const auto& d : outputs) {
        parents.insert(out / d.parent_path());
        names.insert((out / d).string());
    }
    const std::string own = std::to_string(::getpid());
    std::error_code ec;
    for (const auto& parent : parents) {
        if (!fs::is_directory(parent, ec)) continue;
        for (const auto& e : fs::directory_iterator(parent, ec)) {
            const std::string name = e.path().filename().string();
            const auto at = name.rfind(".partial-");
            if (name.size() < 2 || name.front() != '.' || at == std::string::npos || at < 1) continue;
            if (name.substr(at + 9) == own) continue;
            if (names.count((parent / name.substr(1, at - 1)).string()) == 0) continue;
            std::error_code ignored;
            fs::remove_all(e.path(), ignored);
        }
    }
}

// Removes the temporaries (".<name>.tmp.XXXXXX", atomic_file's and video_writer's) that a killed run left beside these
// outputs (relative to `out`): one listing per directory, not one per output (ActivityNet has 20k videos). Only this
// shard's outputs: another shard may be writing its own at the same time, and its temporaries look the same.
inline void remove_stale_atomic_temps(const std::filesystem::path& out, const std::vector<std::filesystem::path>& outputs) {
    namespace fs = std::filesystem;
    std::map<fs::path, std::set<std::string>> names_by_parent;
    for (const auto& o : outputs) names_by_parent[out / o.parent_path()].insert(o.filename().string());
    const std::string_view infix = vidata::detail::atomic_temp_infix;
    const std::size_t tail = infix.size() + vidata::detail::atomic_temp_suffix_length;
    for (const auto& [parent, names] : names_by_parent) {
        std::error_code ec;
        for (const auto& e : fs::directory_iterator(parent, ec)) {
            const std::string name = e.path().filename().string();
            if (name.size() <= 1 + tail || name.front() != '.' || name.compare(name.size() - tail, infix.size(), infix) != 0) continue;
            if (names.count(name.substr(1, name.size() - 1 - tail)) == 0) continue;
            std::error_code ignored;
            fs::remove(e.path(), ignored);
        }
    }
}

// ".txt", or ".shard-K-of-N.txt": report files of the shards of one run side by side in one directory.
[[nodiscard]] inline std::string report_suffix(const shard& s) {
    return s.count == 1 ? std::string(".txt") : ".shard-" + std::to_string(s.index) + "-of-" + std::to_string(s.count) + ".txt";
}

// Runs `write` (the part of making an output that writes it), turning its exceptions into output_failure, which
// stops the run: a full disk or an unwritable directory is not the input's fault.
template <class Write>
decltype(auto) writing(Write&& write) {
    try {
        return write();
    } catch (const output_failure&) {
        throw;
    } catch (...) {
        throw output_failure{std::current_exception()};
    }
}

// Writes a file under its partial name next to `target`, then renames it into place: complete or absent. write(fd)
// writes the content; a failure to write is the run's (output_failure), not the input's. The partial file is removed
// on any exception.
template <class Write>
void write_through_partial(const std::filesystem::path& target, Write&& write) {
    namespace fs = std::filesystem;
    const fs::path partial = partial_dir(target);
    vidata::detail::unique_fd fd = vidata::detail::open_fd(partial.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (!fd) throw output_failure{std::make_exception_ptr(io_error(partial.string(), std::string("cannot create: ") + std::strerror(errno)))};
    try {
        write(fd.get());
        if (const int err = fd.close(); err != 0)
            throw output_failure{std::make_exception_ptr(io_error(partial.string(), std::string("cannot close: ") + std::strerror(err)))};
        std::error_code ec;
        fs::rename(partial, target, ec);
        if (ec) throw output_failure{std::make_exception_ptr(io_error(target.string(), "cannot rename into place: " + ec.message()))};
    } catch (...) {
        std::error_code ignored;
        fs::remove(partial, ignored);
        throw;
    }
}

// write_full for the writers above: a failure is the run's.
inline void write_or_fail(int fd, const void* data, std::size_t size, const std::filesystem::path& target) {
    if (const int err = vidata::detail::write_full(fd, data, size); err != 0)
        throw output_failure{std::make_exception_ptr(io_error(target.string(), std::string("cannot write: ") + std::strerror(err)))};
}

}  // namespace vidata::prepare::detail
