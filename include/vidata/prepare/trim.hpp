// SPDX-License-Identifier: Apache-2.0
// vidata::prepare::trim: runs a trim plan (trim_plans.hpp) with cut_video, parallel, resumable, safe to kill.
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/io/atomic_file.hpp>
#include <vidata/prepare/cut_video.hpp>
#include <vidata/prepare/shard.hpp>
#include <vidata/prepare/trim_plans.hpp>

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
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

// How a run behaves (the guarantees of the preparation tools):
// - Atomic: every clip is written to a hidden temporary beside it (".<name>.tmp.XXXXXX") and renamed into place when
//   complete; a killed run leaves no partial clip under a clip's name. Its temporaries are removed when a later run
//   reaches that directory.
// - resume skips a cut whose output exists (the scripts do the same: cut_videos.sh tests `-f`, download.py `exists`).
//   Without it, an existing clip is cut again and replaced.
// - A cut whose source is missing, unreadable, not a video or without frames in the range is skipped and listed in
//   `failed.txt` (output, tab, source, tab, reason); the run goes on. Failing to write the output stops the run.
// - The cuts are sorted by output path; shard {K, N} takes every N-th from the K-th, and reports are then named
//   failed.shard-K-of-N.txt. Sources are never modified or deleted.

namespace vidata::prepare {

/// Where a run is, passed to `trim_options::on_progress` after each cut (calls are serialised).
struct trim_progress {
    std::size_t clips_total = 0;  ///< cuts of this shard
    std::size_t clips_done = 0;   ///< written + skipped + failed
    std::size_t copied = 0;       ///< clips written by stream copy
    std::size_t reencoded = 0;    ///< clips written by re-encoding
    std::size_t skipped = 0;      ///< clips resume found done
    std::size_t failed = 0;       ///< cuts whose source failed
    std::uint64_t frames = 0;     ///< frames in the clips written
    std::uint64_t bytes = 0;      ///< bytes of the clips written
    double seconds = 0.0;         ///< since the run started
};

/// A cut that could not be made.
struct trim_failure {
    std::filesystem::path output;  ///< relative to the output directory
    std::filesystem::path source;  ///< relative to the source directory
    std::string reason;
};

/// What a run did.
struct trim_summary {
    trim_progress totals;
    std::vector<trim_failure> failures;  ///< sorted by output
    std::filesystem::path failed_file;
};

/// How a run cuts.
struct trim_options {
    reencode_policy reencode = reencode_policy::when_needed;
    unsigned num_worker = 1;  ///< threads, each cutting one clip at a time
    bool resume = false;      ///< skip cuts whose output exists
    shard part{};
    /// The re-encoder's settings (the cut's crf replaces encoder.crf).
    video_writer_options encoder{.codec = {}, .gop_size = -1};
    /// Called after each cut with the run's totals; serialised.
    std::function<void(const trim_progress&)> on_progress;
};

namespace detail {

// Removes the temporaries killed writers left beside this shard's outputs (their names only: another shard may be
// writing its own at the same time).
inline void remove_stale_clip_temporaries(const std::filesystem::path& out, const std::vector<trim_cut>& cuts) {
    namespace fs = std::filesystem;
    std::map<fs::path, std::set<std::string>> names;  // directory -> clip names
    for (const auto& c : cuts) names[(out / c.output).parent_path()].insert(c.output.filename().string());
    for (const auto& [directory, clips] : names) {
        std::error_code ec;
        if (!fs::is_directory(directory, ec)) continue;
        std::vector<fs::path> stale;
        for (const auto& e : fs::directory_iterator(directory, ec)) {
            const std::string name = e.path().filename().string();
            const auto infix = name.rfind(vidata::detail::atomic_temp_infix);
            if (name.size() < 2 || name.front() != '.' || infix == std::string::npos ||
                name.size() != infix + vidata::detail::atomic_temp_infix.size() + vidata::detail::atomic_temp_suffix_length)
                continue;
            if (clips.count(name.substr(1, infix - 1)) != 0) stale.push_back(e.path());
        }
        for (const auto& p : stale) fs::remove(p, ec);
    }
}

[[nodiscard]] inline std::string trim_report_suffix(const shard& s) {
    return s.count == 1 ? std::string(".txt") : ".shard-" + std::to_string(s.index) + "-of-" + std::to_string(s.count) + ".txt";
}

}  // namespace detail

/// Cuts every clip of `cuts` (this shard's) from the videos under `src` into `out` (see the notes at the top of this
/// header). Returns the totals and the failures; throws invalid_argument for bad options or two cuts with one output,
/// io_error (or the muxer's decode_error) when an output cannot be written.
///
/// Memory: per worker the decoder's and the encoder's pictures and the source's packet index, whatever the clip's length.
inline trim_summary trim(std::vector<trim_cut> cuts, const std::filesystem::path& src, const std::filesystem::path& out,
                         const trim_options& o) {
    namespace fs = std::filesystem;
    if (o.part.count == 0 || o.part.index >= o.part.count) throw invalid_argument("trim: the shard must be K/N with K < N");
    std::sort(cuts.begin(), cuts.end(), [](const trim_cut& a, const trim_cut& b) { return a.output < b.output; });
    for (std::size_t i = 1; i < cuts.size(); ++i)
        if (cuts[i].output == cuts[i - 1].output)
            throw invalid_argument("trim: two cuts write " + cuts[i].output.generic_string() + " (from " + cuts[i - 1].source.generic_string() +
                                   " and " + cuts[i].source.generic_string() + ")");
    std::vector<trim_cut> mine;
    for (std::size_t i = o.part.index; i < cuts.size(); i += o.part.count) mine.push_back(std::move(cuts[i]));

    std::error_code ec;
    fs::create_directories(out, ec);
    if (ec) throw io_error(out.string(), "cannot create the output directory: " + ec.message());
    std::set<fs::path> directories;
    for (const auto& c : mine) directories.insert((out / c.output).parent_path());
    for (const auto& d : directories) {
        fs::create_directories(d, ec);
        if (ec) throw io_error(d.string(), "cannot create the directory: " + ec.message());
    }
    detail::remove_stale_clip_temporaries(out, mine);

    trim_summary summary;
    summary.failed_file = out / ("failed" + detail::trim_report_suffix(o.part));
    remove_stale_temp_files(summary.failed_file);
    summary.totals.clips_total = mine.size();
    const auto started = std::chrono::steady_clock::now();
    std::mutex mutex;  // guards summary and the progress callback
    std::atomic<std::size_t> next{0};
    std::atomic<bool> stop{false};
    std::exception_ptr fatal;
    const auto work = [&] {
        while (!stop.load()) {
            const std::size_t i = next.fetch_add(1);
            if (i >= mine.size()) break;
            const trim_cut& c = mine[i];
            const fs::path target = out / c.output;
            bool skipped = false, failed = false;
            std::string reason;
            cut_result got;
            std::error_code exists_ec;
            if (o.resume && fs::is_regular_file(target, exists_ec)) {
                skipped = true;
            } else {
                cut_options co;
                co.reencode = o.reencode;
                co.fps = c.fps;
                co.encoder = o.encoder;
                co.encoder.crf = c.crf;
                try {
                    got = cut_video(src / c.source, c.start, c.end, target, co);
                } catch (const cut_output_error& e) {
                    const std::lock_guard lock(mutex);
                    if (!fatal) fatal = e.error;
                    stop = true;
                    break;
                } catch (const std::exception& e) {
                    failed = true;
                    reason = e.what();
                }
            }
            const std::lock_guard lock(mutex);
            auto& t = summary.totals;
            ++t.clips_done;
            if (skipped) ++t.skipped;
            else if (failed) {
                ++t.failed;
                summary.failures.push_back({c.output, c.source, reason});
            } else {
                ++(got.stream_copied ? t.copied : t.reencoded);
                t.frames += static_cast<std::uint64_t>(got.frames);
                t.bytes += got.bytes;
            }
            t.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
            if (o.on_progress) {
                try {
                    o.on_progress(t);
                } catch (...) {  // a throwing callback stops the run and is rethrown, instead of terminating a thread
                    if (!fatal) fatal = std::current_exception();
                    stop = true;
                }
            }
        }
    };
    {
        const unsigned workers = std::max(1u, std::min<unsigned>(o.num_worker, static_cast<unsigned>(std::max<std::size_t>(mine.size(), 1))));
        std::vector<std::jthread> threads;
        for (unsigned w = 0; w < workers; ++w) threads.emplace_back(work);
    }
    if (fatal) std::rethrow_exception(fatal);
    summary.totals.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::sort(summary.failures.begin(), summary.failures.end(), [](const auto& a, const auto& b) { return a.output < b.output; });
    std::string failed_text;
    for (const auto& f : summary.failures) {
        std::string reason = f.reason;
        std::replace(reason.begin(), reason.end(), '\n', ' ');
        std::replace(reason.begin(), reason.end(), '\t', ' ');
        failed_text += f.output.generic_string() + '\t' + f.source.generic_string() + '\t' + reason + '\n';
    }
    write_file_atomically(summary.failed_file, failed_text);
    return summary;
}

}  // namespace vidata::prepare
