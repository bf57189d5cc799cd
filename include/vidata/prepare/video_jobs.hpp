// SPDX-License-Identifier: Apache-2.0
// vidata::prepare::detail::run_video_jobs: one output video per input (resize_videos, build_videos), in parallel,
// resumable, atomic, with failures listed in failed.txt.
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/io/atomic_file.hpp>
#include <vidata/prepare/build_rawframes.hpp>
#include <vidata/prepare/shard.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

namespace vidata::prepare {

/// Where a run of resize_videos / build_videos is, passed to its on_progress after each input (calls are serialised).
struct video_job_progress {
    std::size_t videos_total = 0;  ///< inputs of this shard
    std::size_t videos_done = 0;   ///< written + skipped + failed
    std::size_t written = 0;       ///< outputs this run wrote
    std::size_t skipped = 0;       ///< outputs resume found done
    std::size_t failed = 0;        ///< inputs that could not be read
    std::uint64_t frames = 0;      ///< frames encoded
    std::uint64_t bytes = 0;       ///< bytes of the videos written
    double seconds = 0.0;          ///< since the run started
};

/// An input that could not be turned into a video.
struct video_job_failure {
    std::filesystem::path input;  ///< relative to the source directory
    std::string reason;
};

/// What a run did.
struct video_job_summary {
    video_job_progress totals;
    std::vector<video_job_failure> failures;  ///< sorted by path
    std::filesystem::path failed_file;         ///< DST/failed.txt (failed.shard-K-of-N.txt with a shard)
    std::string codec;                         ///< the encoder that wrote the videos ("libx264", "mpeg4"); empty if none was written
};

namespace detail {

// One output to make: the input (relative to the source, and its full path) and the output's full path.
struct video_job {
    std::filesystem::path relative;
    std::filesystem::path input;
    std::filesystem::path output;
};

// What making one output did.
struct video_job_result {
    std::uint64_t frames = 0;
    std::uint64_t bytes = 0;
    std::string codec;
};

// Removes the temporaries (".<name>.tmp.XXXXXX", atomic_file's and video_writer's) that a killed run left beside
// these outputs: one listing per directory, not one per output. Only this shard's outputs: another shard may be
// writing its own at the same time, and its temporaries look the same.
inline void remove_stale_video_temps(const std::vector<video_job>& jobs) {
    namespace fs = std::filesystem;
    std::map<fs::path, std::set<std::string>> names_by_parent;
    for (const auto& j : jobs) names_by_parent[j.output.parent_path()].insert(j.output.filename().string());
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

// Makes every job's output with make(job, workers) -> video_job_result, on min(num_worker, jobs) threads. A job
// whose output exists is skipped under resume. An exception from make is the input's failure (listed in failed.txt),
// except output_failure, which stops the run and is rethrown (the output cannot be written: no point going on).
template <class Make>
video_job_summary run_video_jobs(const std::filesystem::path& out, const std::vector<video_job>& jobs, unsigned num_worker, bool resume,
                                 const shard& part, const std::function<void(const video_job_progress&)>& on_progress, Make&& make) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::create_directories(out, ec);
    if (ec) throw io_error(out.string(), "cannot create the output directory: " + ec.message());
    for (const auto& j : jobs) {
        fs::create_directories(j.output.parent_path(), ec);
        if (ec) throw io_error(j.output.parent_path().string(), "cannot create the directory: " + ec.message());
    }
    remove_stale_video_temps(jobs);

    video_job_summary summary;
    summary.failed_file = out / ("failed" + report_suffix(part));
    remove_stale_temp_files(summary.failed_file);
    summary.totals.videos_total = jobs.size();
    const auto started = std::chrono::steady_clock::now();
    const unsigned workers = std::max(1u, std::min<unsigned>(num_worker, static_cast<unsigned>(std::max<std::size_t>(jobs.size(), 1))));
    std::mutex mutex;  // guards summary and the progress callback
    std::atomic<std::size_t> next{0};
    std::atomic<bool> stop{false};
    std::exception_ptr fatal;
    const auto work = [&] {
        while (!stop.load()) {
            const std::size_t i = next.fetch_add(1);
            if (i >= jobs.size()) break;
            const video_job& job = jobs[i];
            bool skipped = false, failed = false;
            std::string reason;
            video_job_result got;
            std::error_code exists_ec;
            if (resume && fs::exists(job.output, exists_ec)) {
                skipped = true;
            } else {
                try {
                    got = make(job, workers);
                } catch (const output_failure& f) {
                    const std::lock_guard lock(mutex);
                    if (!fatal) fatal = f.error;
                    stop = true;
                    break;
                } catch (const std::exception& e) {
                    failed = true;
                    reason = e.what();
                }
            }
            const std::lock_guard lock(mutex);
            auto& t = summary.totals;
            ++t.videos_done;
            if (skipped) ++t.skipped;
            else if (failed) {
                ++t.failed;
                summary.failures.push_back({job.relative, reason});
            } else {
                ++t.written;
                if (summary.codec.empty()) summary.codec = got.codec;
            }
            t.frames += got.frames;
            t.bytes += got.bytes;
            t.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
            if (on_progress) {
                try {
                    on_progress(t);
                } catch (...) {  // a throwing callback stops the run and is rethrown, instead of terminating a thread
                    if (!fatal) fatal = std::current_exception();
                    stop = true;
                }
            }
        }
    };
    {
        std::vector<std::jthread> threads;
        for (unsigned w = 0; w < workers; ++w) threads.emplace_back(work);
    }
    if (fatal) std::rethrow_exception(fatal);
    summary.totals.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::sort(summary.failures.begin(), summary.failures.end(), [](const auto& a, const auto& b) { return a.input < b.input; });
    std::string failed_text;
    for (const auto& f : summary.failures) {
        std::string reason = f.reason;
        std::replace(reason.begin(), reason.end(), '\n', ' ');
        failed_text += f.input.generic_string() + '\t' + reason + '\n';
    }
    write_file_atomically(summary.failed_file, failed_text);
    return summary;
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

}  // namespace detail
}  // namespace vidata::prepare
