// SPDX-License-Identifier: Apache-2.0
// vidata::prepare::run_batch: one output per input over worker threads, with resume, shards, a failed.txt report and
// progress: the run loop of build_rawframes, extract_audio, build_audio_features, resize_videos, build_videos, trim
// and postprocess_activitynet_features. An operation supplies its inputs, their outputs and what makes one output.
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/io/atomic_file.hpp>
#include <vidata/prepare/output_files.hpp>
#include <vidata/prepare/shard.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <string>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

namespace vidata::prepare {

/// Where a batch run is, passed to `batch_options::on_progress` after each input (calls are serialised).
struct batch_progress {
    std::size_t inputs_total = 0;  ///< inputs of this shard
    std::size_t inputs_done = 0;   ///< written + skipped + failed
    std::size_t written = 0;       ///< outputs this run wrote
    std::size_t skipped = 0;       ///< inputs resume found done
    std::size_t failed = 0;        ///< inputs that could not be read
    std::uint64_t units = 0;       ///< what the operation counts (audio samples per channel, feature frames, video frames)
    std::uint64_t bytes = 0;       ///< bytes written
    double seconds = 0.0;          ///< since the run started
};

/// An input that could not be turned into its output.
struct batch_failure {
    std::filesystem::path input;   ///< relative to the source directory
    std::string reason;
    std::filesystem::path source;  ///< what the input was read from, from batch_source_failure (trim: a cut's video); else empty
};

/// What a batch run did.
struct batch_summary {
    batch_progress totals;
    std::vector<batch_failure> failures;  ///< sorted by path
    std::filesystem::path failed_file;
};

/// What one input gave: counted into the totals.
struct batch_item {
    std::uint64_t units = 0;
    std::uint64_t bytes = 0;
};

/// One input as run_batch hands it to the operation.
struct batch_job {
    std::size_t index = 0;          ///< in the list of inputs
    std::filesystem::path input;    ///< relative to the source
    std::filesystem::path output;   ///< the full path to write (under the output directory)
    unsigned workers = 1;           ///< the run's threads: an operation alone may use every core (FFmpeg's threads)
};

/// Thrown by an operation to fail its input with exactly `reason` in failed.txt (no "[id]" prefix): a reason about
/// the batch (a missing partner file), not an error met reading the input.
class batch_input_failure : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Thrown by an operation whose inputs are not files (trim: a cut, named by its clip) to fail its input with `reason`
/// and name the file it read: failed.txt then lists "input<TAB>source<TAB>reason". An operation throws it for every
/// failure or for none, so that one failed.txt has one layout.
class batch_source_failure : public std::runtime_error {
public:
    batch_source_failure(std::filesystem::path source, const std::string& reason) : std::runtime_error(reason), source_(std::move(source)) {}
    [[nodiscard]] const std::filesystem::path& source() const noexcept { return source_; }

private:
    std::filesystem::path source_;
};

/// How a batch runs.
struct batch_options {
    unsigned num_worker = 1;  ///< threads, one input each at a time
    bool resume = false;      ///< skip an input whose output exists (outputs are complete or absent)
    shard part{};
    std::function<void(const batch_progress&)> on_progress;
    /// The outputs are directories (build_rawframes' frame directories): resume looks for a directory, not a file.
    bool outputs_are_directories = false;
    /// Called with an input's index after it is counted, before on_progress (calls are serialised, as on_progress's;
    /// an exception stops the run and is rethrown): for a report that follows the run.
    std::function<void(std::size_t)> after_each;
};

/// The batch options of an operation's options: any struct with num_worker, resume, part and on_progress (taking a
/// batch_progress).
template <class Options>
[[nodiscard]] batch_options batch_options_of(const Options& o) {
    batch_options b;
    b.num_worker = o.num_worker;
    b.resume = o.resume;
    b.part = o.part;
    b.on_progress = o.on_progress;
    return b;
}

/// Turns `inputs[i]` (relative to the source) into `outputs[i]` (relative to `out`) for this shard's inputs (every
/// part.count-th of the list, from part.index), on min(num_worker, inputs) threads: process(const batch_job&) writes
/// the output completely or not at all and returns what it wrote. Under resume an input whose output is a file is
/// skipped (a directory, with outputs_are_directories). A std::exception from process fails that input (listed in `out/failed.txt`, or failed.shard-K-of-N.txt,
/// as "path<TAB>reason", or "path<TAB>source<TAB>reason" from a batch_source_failure, sorted by path); a detail::output_failure stops the run and is rethrown (the output cannot be
/// written: no point going on), as is an exception from on_progress. Before the run, the leftovers of a killed run
/// (partial names of another pid, atomic_file temporaries) are removed for this shard's outputs.
template <class Process>
batch_summary run_batch(const std::filesystem::path& out, const std::vector<std::filesystem::path>& inputs,
                        const std::vector<std::filesystem::path>& outputs, const batch_options& o, Process&& process) {
    namespace fs = std::filesystem;
    if (inputs.size() != outputs.size()) throw invalid_argument("run_batch: one output per input");
    if (o.part.count == 0 || o.part.index >= o.part.count) throw invalid_argument("the shard must be K/N with K < N");
    std::vector<std::size_t> mine;
    for (std::size_t i = o.part.index; i < inputs.size(); i += o.part.count) mine.push_back(i);

    std::error_code ec;
    fs::create_directories(out, ec);
    if (ec) throw io_error(out.string(), "cannot create the output directory: " + ec.message());
    std::vector<fs::path> own_outputs;
    for (const std::size_t i : mine) {
        own_outputs.push_back(outputs[i]);
        fs::create_directories(out / outputs[i].parent_path(), ec);
        if (ec) throw io_error((out / outputs[i].parent_path()).string(), "cannot create the directory: " + ec.message());
    }
    // What a killed run left for this shard's outputs: this shard is the only writer of them.
    detail::remove_stale_partials(out, own_outputs);
    detail::remove_stale_atomic_temps(out, own_outputs);

    batch_summary summary;
    summary.failed_file = out / ("failed" + detail::report_suffix(o.part));
    remove_stale_temp_files(summary.failed_file);
    summary.totals.inputs_total = mine.size();
    const auto started = std::chrono::steady_clock::now();
    const unsigned workers = std::max(1u, std::min<unsigned>(o.num_worker, static_cast<unsigned>(std::max<std::size_t>(mine.size(), 1))));
    std::mutex mutex;  // guards summary and the progress callback
    std::atomic<std::size_t> next{0};
    std::atomic<bool> stop{false};
    std::exception_ptr fatal;
    const auto work = [&] {
        while (!stop.load()) {
            const std::size_t k = next.fetch_add(1);
            if (k >= mine.size()) break;
            const std::size_t i = mine[k];
            const batch_job job{i, inputs[i], out / outputs[i], workers};
            bool skipped = false, failed = false;
            std::string reason;
            fs::path source;
            batch_item got;
            std::error_code exists_ec;
            if (o.resume && (o.outputs_are_directories ? fs::is_directory(job.output, exists_ec) : fs::is_regular_file(job.output, exists_ec))) {
                skipped = true;
            } else {
                try {
                    got = process(job);
                } catch (const detail::output_failure& f) {
                    const std::lock_guard lock(mutex);
                    if (!fatal) fatal = f.error;
                    stop = true;
                    break;
                } catch (const batch_source_failure& e) {
                    failed = true;
                    reason = e.what();
                    source = e.source();
                } catch (const std::exception& e) {
                    failed = true;
                    reason = e.what();
                }
            }
            const std::lock_guard lock(mutex);
            auto& t = summary.totals;
            ++t.inputs_done;
            if (skipped) ++t.skipped;
            else if (failed) {
                ++t.failed;
                summary.failures.push_back({inputs[i], reason, source});
            } else ++t.written;
            t.units += got.units;
            t.bytes += got.bytes;
            t.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
            try {
                if (o.after_each) o.after_each(i);
                if (o.on_progress) o.on_progress(t);
            } catch (...) {  // a throwing callback stops the run and is rethrown, instead of terminating a thread
                if (!fatal) fatal = std::current_exception();
                stop = true;
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
        std::replace(reason.begin(), reason.end(), '\t', ' ');  // the columns' separator
        failed_text += f.input.generic_string() + '\t';
        if (!f.source.empty()) failed_text += f.source.generic_string() + '\t';
        failed_text += reason + '\n';
    }
    write_file_atomically(summary.failed_file, failed_text);
    return summary;
}

}  // namespace vidata::prepare
