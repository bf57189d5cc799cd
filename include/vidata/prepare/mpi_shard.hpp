// SPDX-License-Identifier: Apache-2.0
// vidata::prepare::mpi: build_rawframes across the ranks of an MPI job (`mpirun -np N vidata build-rawframes ...`):
// rank r extracts shard r/N, and rank 0 gathers what every rank did and writes the one merged build_report.txt and
// failed.txt a single process would have written.
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/io/atomic_file.hpp>
#include <vidata/prepare/build_rawframes.hpp>
#include <vidata/prepare/shard.hpp>

// mpi.h would otherwise pull in the C++ bindings (removed from MPI 3, still shipped by Open MPI), which need libmpi_cxx.
#ifndef OMPI_SKIP_MPICXX
#define OMPI_SKIP_MPICXX 1
#endif
#ifndef MPICH_SKIP_MPICXX
#define MPICH_SKIP_MPICXX 1
#endif
#include <mpi.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

// The contract that keeps an MPI job from hanging: every function here that communicates is called by every rank
// with the same arguments, and either returns on every rank or throws on every rank. A rank's own failure (a video
// directory it cannot write, a bad option) is caught, sent to rank 0 with its totals, and becomes job_error on every
// rank once all have finished; no rank throws out of the middle of a collective operation. A rank that dies (a
// signal) is the launcher's to handle: mpirun ends the job.

namespace vidata::prepare::mpi {

/// A rank of the job failed (the message names each failed rank and its error); thrown on every rank alike.
class job_error : public error {
public:
    explicit job_error(const std::string& message) : error("vidata.mpi_job_error", message) {}
};

/// Whether an MPI launcher started this process: mpirun/mpiexec of Open MPI (OMPI_COMM_WORLD_SIZE) or of MPICH and
/// Intel MPI (PMI_SIZE), or srun with PMI-2/PMIx (PMI_SIZE, PMIX_RANK). A program started any other way never
/// initialises MPI, so a plain run does not pay for it (Open MPI's singleton start spawns a helper process).
[[nodiscard]] inline bool launched_by_mpi() noexcept {
    for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK"})
        if (const char* value = std::getenv(name); value != nullptr && *value != '\0') return true;
    return false;
}

/// MPI for as long as the object lives: MPI_Init_thread on construction (unless the program initialised MPI itself)
/// and MPI_Finalize on destruction (only if it initialised). Only the thread that made it may communicate; the
/// extraction's worker threads never do (MPI_THREAD_FUNNELED).
class session {
public:
    session() : session(nullptr, nullptr) {}
    session(int* argc, char*** argv) {
        int initialised = 0;
        MPI_Initialized(&initialised);
        if (initialised == 0) {
            int provided = 0;
            if (MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS)
                throw job_error("MPI_Init_thread failed (is this process started by mpirun?)");
            owns_ = true;
        }
        MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
        MPI_Comm_size(MPI_COMM_WORLD, &size_);
    }
    session(const session&) = delete;
    session& operator=(const session&) = delete;
    ~session() {
        int finalised = 0;
        MPI_Finalized(&finalised);
        if (owns_ && finalised == 0) MPI_Finalize();
    }

    [[nodiscard]] int rank() const noexcept { return rank_; }
    [[nodiscard]] int size() const noexcept { return size_; }
    [[nodiscard]] bool root() const noexcept { return rank_ == 0; }
    /// This rank's slice of the work: shard rank/size, the one `--shard rank/size` names.
    [[nodiscard]] shard part() const noexcept { return {static_cast<std::size_t>(rank_), static_cast<std::size_t>(size_)}; }

private:
    bool owns_ = false;
    int rank_ = 0;
    int size_ = 1;
};

/// What one rank did, as rank 0 gathers it.
struct rank_outcome {
    int rank = 0;
    bool ok = true;             ///< build_rawframes returned on that rank
    std::string error;          ///< what() of the exception it threw, when !ok
    rawframes_progress totals;  ///< that rank's shard (zero when !ok)
};

/// What build_rawframes did across the ranks.
struct rawframes_job_summary {
    /// Every rank: the job's totals (sums; seconds: the slowest rank's), report_file/failed_file the merged reports.
    /// Rank 0 only: failures, every rank's merged and sorted by path.
    rawframes_summary merged;
    std::vector<rank_outcome> ranks;  ///< rank 0 only: one per rank, in rank order
};

namespace detail {

// The messages between ranks: integers as 8 little-endian bytes, strings length-prefixed. Ranks may run on
// different machines, so nothing depends on the host's byte order or struct layout.
class packer {
public:
    void u64(std::uint64_t v) {
        for (int i = 0; i < 8; ++i) bytes_.push_back(static_cast<char>((v >> (8 * i)) & 0xffu));
    }
    void real(double v) {
        std::uint64_t bits = 0;
        std::memcpy(&bits, &v, sizeof bits);
        u64(bits);
    }
    void text(std::string_view s) {
        u64(s.size());
        bytes_.append(s);
    }
    void totals(const rawframes_progress& t) {
        for (const std::uint64_t v : {std::uint64_t{t.videos_total}, std::uint64_t{t.videos_done}, std::uint64_t{t.extracted},
                                      std::uint64_t{t.skipped}, std::uint64_t{t.failed}, t.frames, t.bytes, t.flows})
            u64(v);
        real(t.seconds);
    }
    [[nodiscard]] const std::string& bytes() const noexcept { return bytes_; }

private:
    std::string bytes_;
};

// Reads a message it does not own: the bytes must outlive it.
class unpacker {
public:
    explicit unpacker(std::string_view bytes) : rest_(bytes) {}
    std::uint64_t u64() {
        need(8);
        std::uint64_t v = 0;
        for (int i = 0; i < 8; ++i) v |= std::uint64_t{static_cast<unsigned char>(rest_[static_cast<std::size_t>(i)])} << (8 * i);
        rest_.remove_prefix(8);
        return v;
    }
    double real() {
        const std::uint64_t bits = u64();
        double v = 0;
        std::memcpy(&v, &bits, sizeof v);
        return v;
    }
    std::string text() {
        const std::uint64_t n = u64();
        need(n);
        std::string s(rest_.substr(0, static_cast<std::size_t>(n)));
        rest_.remove_prefix(static_cast<std::size_t>(n));
        return s;
    }
    rawframes_progress totals() {
        rawframes_progress t;
        t.videos_total = static_cast<std::size_t>(u64());
        t.videos_done = static_cast<std::size_t>(u64());
        t.extracted = static_cast<std::size_t>(u64());
        t.skipped = static_cast<std::size_t>(u64());
        t.failed = static_cast<std::size_t>(u64());
        t.frames = u64();
        t.bytes = u64();
        t.flows = u64();
        t.seconds = real();
        return t;
    }

private:
    void need(std::uint64_t n) const {
        if (n > rest_.size()) throw job_error("a rank's message to rank 0 is truncated (mixed vidata versions in one job?)");
    }
    std::string_view rest_;
};

constexpr int report_tag = 7301;    // a rank's outcome, to rank 0
constexpr int decision_tag = 7302;  // rank 0's verdict, to every rank

// Waiting politely: a rank that finished early polls every few milliseconds instead of spinning in a blocking call
// (as Open MPI's MPI_Recv and MPI_Bcast do), so that it leaves its core to the extraction threads of the ranks
// that share its machine.
inline void pause_briefly() { std::this_thread::sleep_for(std::chrono::milliseconds(5)); }

inline void send_politely(const std::string& bytes, int destination, int tag) {
    MPI_Request request;
    MPI_Isend(bytes.data(), static_cast<int>(bytes.size()), MPI_BYTE, destination, tag, MPI_COMM_WORLD, &request);
    for (int done = 0;;) {
        MPI_Test(&request, &done, MPI_STATUS_IGNORE);
        if (done != 0) return;
        pause_briefly();
    }
}

[[nodiscard]] inline std::string receive_politely(int source, int tag) {
    MPI_Status status;
    for (int arrived = 0;;) {
        MPI_Iprobe(source, tag, MPI_COMM_WORLD, &arrived, &status);
        if (arrived != 0) break;
        pause_briefly();
    }
    int count = 0;
    MPI_Get_count(&status, MPI_BYTE, &count);
    std::string bytes(static_cast<std::size_t>(count), '\0');
    MPI_Recv(bytes.data(), count, MPI_BYTE, source, tag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    return bytes;
}

// Rank 0 receives every other rank's message, in rank order; point to point, so that no total has to fit an int.
// `own` fits one (build_rawframes below makes sure).
[[nodiscard]] inline std::vector<std::string> gather_to_root(const session& mpi, const std::string& own) {
    std::vector<std::string> all;
    if (!mpi.root()) {
        send_politely(own, 0, report_tag);
        return all;
    }
    all.push_back(own);
    for (int r = 1; r < mpi.size(); ++r) all.push_back(receive_politely(r, report_tag));
    return all;
}

// Rank 0's bytes (a few kilobytes at most) to every rank.
[[nodiscard]] inline std::string broadcast_from_root(const session& mpi, const std::string& bytes) {
    if (!mpi.root()) return receive_politely(0, decision_tag);
    for (int r = 1; r < mpi.size(); ++r) send_politely(bytes, r, decision_tag);
    return bytes;
}

[[nodiscard]] inline std::string read_whole_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw io_error(path.string(), "cannot read back this rank's report");
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

[[nodiscard]] inline std::vector<std::filesystem::path> report_lines(std::string_view text) {
    std::vector<std::filesystem::path> out;
    while (!text.empty()) {
        const auto end = text.find('\n');
        const auto line = text.substr(0, end);
        if (!line.empty()) out.emplace_back(line);
        if (end == std::string_view::npos) break;
        text.remove_prefix(end + 1);
    }
    return out;
}

}  // namespace detail

/// build_rawframes (build_rawframes.hpp) with the videos split between the ranks of the job: rank r extracts
/// shard r/N (the videos i with i mod N == r, what `--shard r/N` takes, so that every video is done exactly once),
/// writing its reports as a shard does (build_report.shard-r-of-N.txt, failed.shard-r-of-N.txt, which a killed job
/// leaves). When every rank has finished, rank 0 writes the one build_report.txt and failed.txt of the whole job
/// (the same bytes as one process's run over the same tree) and the ranks remove their shard reports.
///
/// Called by every rank with the same arguments (see the contract above). `o.part` must be the whole (0/1) when the
/// job has more than one rank: the ranks are the shards. A job of one rank is build_rawframes itself, `o.part` included.
/// Throws, on every rank alike, invalid_argument for bad options and job_error when any rank failed (naming each
/// failed rank and its error; the other ranks' frame directories and shard reports stay, for a --resume run).
inline rawframes_job_summary build_rawframes(const session& mpi, const std::filesystem::path& src, const std::filesystem::path& out,
                                             rawframes_options o) {
    namespace fs = std::filesystem;
    rawframes_job_summary job;
    if (mpi.size() == 1) {
        job.merged = prepare::build_rawframes(src, out, o);
        job.ranks.push_back({0, true, {}, job.merged.totals});
        return job;
    }
    if (o.part != shard{})
        throw invalid_argument("build-rawframes: --shard " + std::to_string(o.part.index) + "/" + std::to_string(o.part.count) +
                               " in an MPI job of " + std::to_string(mpi.size()) +
                               " ranks: the ranks are the shards (rank r takes r/N); give either --shard or mpirun -np N");
    o.part = mpi.part();

    // This rank's part; whatever it throws goes to rank 0 instead of leaving the others waiting.
    detail::packer own;
    rawframes_summary mine;
    try {
        mine = prepare::build_rawframes(src, out, o);
        const std::string report = detail::read_whole_file(mine.report_file);
        own.u64(1);
        own.text({});
        own.totals(mine.totals);
        own.u64(mine.failures.size());
        for (const auto& f : mine.failures) {
            own.text(f.video.generic_string());
            own.text(f.reason);
        }
        own.text(report);
    } catch (const std::exception& e) {
        own = detail::packer{};
        own.u64(0);
        own.text(e.what());
    }
    if (own.bytes().size() > static_cast<std::size_t>(INT_MAX)) {  // one MPI message; never for real trees (millions of videos)
        own = detail::packer{};
        own.u64(0);
        own.text("this rank's report exceeds the 2 GiB of one MPI message");
    }
    const auto messages = detail::gather_to_root(mpi, own.bytes());

    // Rank 0: merge, write the job's reports, and tell every rank how it went.
    detail::packer decision;
    if (mpi.root()) {
        std::string failed_ranks;
        rawframes_progress totals;
        std::vector<fs::path> done;
        try {
            for (int r = 0; r < mpi.size(); ++r) {
                detail::unpacker in(messages[static_cast<std::size_t>(r)]);
                rank_outcome outcome;
                outcome.rank = r;
                outcome.ok = in.u64() == 1;
                outcome.error = in.text();
                if (outcome.ok) {
                    outcome.totals = in.totals();
                    const std::uint64_t failures = in.u64();
                    for (std::uint64_t i = 0; i < failures; ++i) {
                        fs::path video = in.text();
                        job.merged.failures.push_back({std::move(video), in.text()});
                    }
                    for (auto& p : detail::report_lines(in.text())) done.push_back(std::move(p));
                    const auto& t = outcome.totals;
                    totals.videos_total += t.videos_total;
                    totals.videos_done += t.videos_done;
                    totals.extracted += t.extracted;
                    totals.skipped += t.skipped;
                    totals.failed += t.failed;
                    totals.frames += t.frames;
                    totals.bytes += t.bytes;
                    totals.flows += t.flows;
                    totals.seconds = std::max(totals.seconds, t.seconds);
                } else {
                    failed_ranks += (failed_ranks.empty() ? "" : "; ") + ("rank " + std::to_string(r) + ": " + outcome.error);
                }
                job.ranks.push_back(std::move(outcome));
            }
            if (failed_ranks.empty()) {
                // The order and format of build_rawframes' own reports: sorted by path (not by string), one per line,
                // a failure as path, tab, reason with its line breaks flattened.
                std::sort(done.begin(), done.end());
                std::sort(job.merged.failures.begin(), job.merged.failures.end(),
                          [](const auto& a, const auto& b) { return a.video < b.video; });
                std::string report, failed;
                for (const auto& p : done) report += p.generic_string() + '\n';
                for (const auto& f : job.merged.failures) {
                    std::string reason = f.reason;
                    std::replace(reason.begin(), reason.end(), '\n', ' ');
                    failed += f.video.generic_string() + '\t' + reason + '\n';
                }
                write_file_atomically(out / "build_report.txt", report);
                write_file_atomically(out / "failed.txt", failed);
            }
        } catch (const std::exception& e) {
            failed_ranks += (failed_ranks.empty() ? "" : "; ") + ("rank 0, merging the reports: " + std::string(e.what()));
        }
        constexpr std::size_t longest = 1 << 16;  // the decision stays small, whatever the ranks' messages
        if (failed_ranks.size() > longest) failed_ranks = failed_ranks.substr(0, longest) + " ...";
        decision.u64(failed_ranks.empty() ? 1 : 0);
        decision.text(failed_ranks);
        decision.totals(totals);
    }
    const std::string verdict_bytes = detail::broadcast_from_root(mpi, decision.bytes());
    detail::unpacker verdict(verdict_bytes);
    const bool ok = verdict.u64() == 1;
    const std::string failed_ranks = verdict.text();
    if (!ok) throw job_error("build-rawframes failed on " + failed_ranks);
    job.merged.totals = verdict.totals();
    job.merged.report_file = out / "build_report.txt";
    job.merged.failed_file = out / "failed.txt";
    // The job's reports are written: this rank's shard reports say nothing more.
    std::error_code ignored;
    fs::remove(mine.report_file, ignored);
    fs::remove(mine.failed_file, ignored);
    return job;
}

}  // namespace vidata::prepare::mpi
