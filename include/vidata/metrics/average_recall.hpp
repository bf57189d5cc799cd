// SPDX-License-Identifier: Apache-2.0
// vidata::average_recall_at_avg_proposals: ActivityNet's proposal metric, the AR–AN curve, AR@1/5/10/100 and its AUC.
#pragma once

#include <vidata/core/concepts.hpp>
#include <vidata/core/error.hpp>
#include <vidata/core/temporal_record.hpp>
#include <vidata/metrics/detail/temporal_checks.hpp>
#include <vidata/metrics/policy.hpp>
#include <vidata/metrics/temporal_iou.hpp>
#include <vidata/metrics/temporal_results.hpp>
#include <vidata/metrics/voc_average_precision.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <numeric>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace vidata {

struct average_recall_options {
    /// The largest average number of proposals per video: the right end of the curve, where AR@100 is read
    /// when it is 100 (the value every published AR@AN uses; MMAction2's evaluate() and the toolkit's
    /// get_proposal_performance.py pass it). nullopt, or 0 (Python's `not 0`): total proposals / videos, the
    /// functions' own default None. Must be finite and not negative.
    std::optional<double> max_avg_proposals = 100.0;
    /// tIoU thresholds; default `np.linspace(0.5, 0.95, 10)`.
    std::vector<double> tiou_thresholds = activitynet_tiou_thresholds();
};

/// The AR–AN evaluation, as `average_recall_at_avg_proposals` (MMAction2 0.x) and
/// `average_recall_vs_avg_nr_proposals` (official eval_proposal.py) return it, plus the scalars MMAction2
/// reports. The curve has 100 points: point j (0-based) retrieves, in every video, the first
/// `min(int(k_v · (j+1)/100 · max·V/Σk), k_v)` of its k_v kept proposals.
struct average_recall_result {
    std::vector<double> tious;                 ///< the thresholds, in the order given
    std::vector<std::vector<double>> recall;   ///< recall[t][j]: at threshold t, point j
    std::vector<double> average_recall;        ///< mean over thresholds at each point
    std::vector<double> avg_proposals;         ///< the average number of proposals per video at each point
    double auc = 0.0;                          ///< 100 · trapz(average_recall, avg_proposals) / avg_proposals.back()
    double max_avg_proposals = 0.0;            ///< the maximum used (options', or total / videos)
    std::int64_t videos = 0;                   ///< evaluated ground-truth videos
    std::int64_t ground_truth_segments = 0;    ///< their segments: the denominator of recall
    std::int64_t counted_proposals = 0;        ///< the proposals the budget ratio divides by
    std::int64_t retrieved_proposals = 0;      ///< Σ k_v: proposals kept after the per-video truncation

    /// MMAction2's `AR@n`: the recall at point n - 1 averaged over thresholds, `np.mean(recall[:, n - 1])`.
    /// Point n - 1 is n proposals per video when max_avg_proposals is 100. Throws invalid_argument unless
    /// 1 <= n <= 100.
    [[nodiscard]] double ar_at(std::size_t n) const {
        if (n < 1 || n > avg_proposals.size())
            throw invalid_argument("vidata::average_recall_result::ar_at: point " + std::to_string(n) +
                                   " does not exist; the curve has points 1 to " + std::to_string(avg_proposals.size()));
        std::vector<double> column(recall.size());
        for (std::size_t t = 0; t < recall.size(); ++t) column[t] = recall[t][n - 1];
        return detail::numpy_sum(column) / static_cast<double>(column.size());
    }

    /// `{"AR@1": …, "AR@5": …, "AR@10": …, "AR@100": …, "auc": …}`, the keys of MMAction2's evaluate().
    [[nodiscard]] nlohmann::ordered_json to_ordered_json() const {
        nlohmann::ordered_json j;
        for (const std::size_t n : std::initializer_list<std::size_t>{1, 5, 10, 100}) j["AR@" + std::to_string(n)] = ar_at(n);
        j["auc"] = auc;
        return j;
    }
    [[nodiscard]] nlohmann::json to_json() const { return to_ordered_json(); }
};

namespace detail {

// The number of points of the AR–AN curve, `np.arange(1, 101) / 100.0`.
inline constexpr std::size_t ar_points = 100;

// `np.minimum(int(n * x), n)` for n >= 0 and x >= 0: the product truncated toward zero, capped at n
// (capping first also keeps a huge product out of the integer conversion).
[[nodiscard]] inline std::int64_t truncated_count(std::int64_t n, double x) noexcept {
    const double product = static_cast<double>(n) * x;
    if (!(product < static_cast<double>(n))) return n;
    return static_cast<std::int64_t>(product);
}

// One evaluated video: its proposal count (-1 until its proposals are given) and, for each threshold and
// ground-truth segment, the rank of the first proposal, in score order, whose tIoU reaches the threshold
// (== count: none). Ranks are over all the video's proposals, so that the truncation to k_v, which needs the
// total count of every video, can come after the video has been seen.
struct ar_video {
    std::int64_t proposals = -1;
    std::size_t first_hit = 0;  // offset of this video's T × n_gt block in the shared hit array
    std::size_t segments = 0;
};

}  // namespace detail

/// Average recall against the average number of proposals per video, computed a video at a time: the
/// proposals of a video are ranked and matched as they are given, and only T ranks per ground-truth segment are
/// kept, so a results file streams through it (read_temporal_results_by_video) without being held in memory.
/// average_recall_at_avg_proposals is this, given every video of a temporal_results.
///
///   vidata::average_recall_accumulator<> ar(gt.videos);
///   vidata::read_temporal_results_by_video(path, [&](std::string_view id, std::span<const scored_segment> p) { ar.add(id, p); });
///   const auto result = ar.result();
///
/// Same rules, policy and errors as average_recall_at_avg_proposals. add() with an id given before replaces
/// that video's proposals (Python's json keeps the last list of a repeated key). The ground truth must outlive
/// the accumulator.
template <temporal_metric_policy P = official_metrics_policy>
class average_recall_accumulator {
public:
    explicit average_recall_accumulator(std::span<const temporal_record> ground_truth, average_recall_options options = {})
        : options_(std::move(options)) {
        const std::vector<double>& thresholds = options_.tiou_thresholds;
        detail::require_tiou_thresholds(fn, thresholds);
        if (options_.max_avg_proposals && !(std::isfinite(*options_.max_avg_proposals) && *options_.max_avg_proposals >= 0))
            throw invalid_argument(std::string(fn) + ": max_avg_proposals is " + std::to_string(*options_.max_avg_proposals) +
                                   "; pass a finite number >= 0 (100 for AR@100), or nothing for total / videos");
        detail::require_ground_truth(fn, ground_truth);

        // The videos: those with segments (official: `ground_truth['video-id'].unique()` of the annotation rows).
        for (const temporal_record& r : ground_truth) {
            if (r.annotations.empty()) {
                if constexpr (P::videos_without_proposals == missing_proposals::error)
                    throw invalid_argument(std::string(fn) + ": ground-truth video '" + r.id +
                                           "' has no segments (MMAction2 raises IndexError on it); drop it from the ground truth");
                continue;
            }
            videos_.push_back(&r);
            positives_ += static_cast<std::int64_t>(r.annotations.size());
        }
        if (videos_.empty())
            throw invalid_argument(std::string(fn) + ": no ground-truth video has a segment, so there is nothing to recall "
                                                     "(check the subset the ground truth was read with)");

        // The thresholds as the comparison sees them: MMAction2 compares a float32 tIoU array with a float64
        // scalar, which numpy 1.x casts to float32 first.
        const std::size_t T = thresholds.size();
        cmp_.resize(T);
        for (std::size_t t = 0; t < T; ++t) cmp_[t] = float32 ? static_cast<double>(static_cast<float>(thresholds[t])) : thresholds[t];
        by_threshold_.resize(T);
        std::iota(by_threshold_.begin(), by_threshold_.end(), std::size_t{0});
        std::stable_sort(by_threshold_.begin(), by_threshold_.end(), [&](std::size_t a, std::size_t b) { return cmp_[a] < cmp_[b]; });

        evaluated_.resize(videos_.size());
        slot_of_.reserve(videos_.size());
        std::size_t offset = 0;
        for (std::size_t v = 0; v < videos_.size(); ++v) {
            evaluated_[v].first_hit = offset;
            evaluated_[v].segments = videos_[v]->annotations.size();
            offset += evaluated_[v].segments * T;
            slot_of_.emplace(videos_[v]->id, v);
        }
        hits_.resize(offset);
    }

    /// The proposals of one video, in the order its result list gives them. Throws invalid_argument for a
    /// segment that is not finite with start <= end, or a NaN score.
    void add(std::string_view video_id, std::span<const scored_segment> proposals) {
        for (std::size_t s = 0; s < proposals.size(); ++s) {
            const scored_segment& g = proposals[s];
            const auto what = [&] { return "result " + std::to_string(s) + " of video '" + std::string(video_id) + "'"; };
            detail::require_segment(fn, g.start, g.end, what);
            if (std::isnan(g.score))
                throw invalid_argument(std::string(fn) + ": " + what() + " has a NaN score, which has no rank; pass a number (±inf are ranked)");
        }
        const auto n = static_cast<std::int64_t>(proposals.size());
        if constexpr (P::proposal_count == proposal_count_base::all_submitted) {
            const auto [it, added] = submitted_.try_emplace(std::string(video_id), n);
            if (!added) {
                submitted_total_ -= it->second;
                it->second = n;
            }
            submitted_total_ += n;
        }
        const auto found = slot_of_.find(video_id);
        if (found == slot_of_.end()) return;  // not evaluated; counted above under all_submitted
        detail::ar_video& e = evaluated_[found->second];
        e.proposals = n;
        if (n == 0) return;

        const temporal_record& gt = *videos_[found->second];
        const std::size_t T = cmp_.size();
        std::int64_t* hit = hits_.data() + e.first_hit;
        scores_.resize(proposals.size());
        for (std::size_t i = 0; i < proposals.size(); ++i) scores_[i] = proposals[i].score;
        detail::numpy_descending_order(scores_, order_);
        for (std::size_t g = 0; g < e.segments; ++g) {
            for (std::size_t t = 0; t < T; ++t) hit[t * e.segments + g] = n;
            const segment& target = gt.annotations[g];
            // The running maximum tIoU over ranks 0..r: a threshold is first reached where the maximum first
            // reaches it, so the thresholds, sorted, are settled in one sweep. A NaN tIoU (two zero-length
            // segments) never raises the maximum, as `NaN >= t` is false in numpy too.
            double best = -std::numeric_limits<double>::infinity();
            std::size_t next = 0;
            for (std::int64_t r = 0; r < n && next < T; ++r) {
                const scored_segment& c = proposals[static_cast<std::size_t>(order_[static_cast<std::size_t>(r)])];
                const double iou = detail::tiou_of<P::tiou_precision, true>(target.start, target.end, c.start, c.end);
                if (!(iou > best)) continue;
                best = iou;
                while (next < T && best >= cmp_[by_threshold_[next]]) hit[by_threshold_[next++] * e.segments + g] = r;
            }
        }
    }

    /// The evaluation of everything given so far.
    [[nodiscard]] average_recall_result result() const {
        const std::vector<double>& thresholds = options_.tiou_thresholds;
        const std::size_t T = thresholds.size();
        const auto num_videos = static_cast<std::int64_t>(videos_.size());

        std::int64_t counted = submitted_total_;
        if constexpr (P::proposal_count == proposal_count_base::ground_truth_videos) {
            counted = 0;
            for (const detail::ar_video& e : evaluated_) counted += std::max<std::int64_t>(e.proposals, 0);
        }
        if (counted == 0)
            throw invalid_argument(std::string(fn) + ": the results hold no proposal" +
                                   (P::proposal_count == proposal_count_base::ground_truth_videos ? " for a ground-truth video" : "") +
                                   " (the references divide by zero here); pass at least one");
        const double max_avg = options_.max_avg_proposals && *options_.max_avg_proposals != 0.0
                                   ? *options_.max_avg_proposals
                                   : static_cast<double>(counted) / static_cast<double>(num_videos);
        const double ratio = max_avg * static_cast<double>(num_videos) / static_cast<double>(counted);

        // Truncation: each video keeps its k_v best proposals, so a segment first hit at rank r >= k_v is missed.
        // A video without proposals is scored, as by the toolkit, zeros((n_gt, 1)): one column of tIoU 0, not
        // counted in Σk_v.
        std::vector<std::int64_t> width(evaluated_.size());
        std::vector<std::int64_t> hits(hits_.size());
        std::int64_t retrieved = 0;
        for (std::size_t v = 0; v < evaluated_.size(); ++v) {
            const detail::ar_video& e = evaluated_[v];
            std::int64_t* hit = hits.data() + e.first_hit;
            if (e.proposals <= 0) {
                if constexpr (P::videos_without_proposals == missing_proposals::error) {
                    throw invalid_argument(std::string(fn) + ": ground-truth video '" + videos_[v]->id +
                                           "' has no proposals in the results (MMAction2 raises KeyError here; the official "
                                           "toolkit counts its segments as missed); add its proposals or use the official policy");
                } else {
                    width[v] = 1;
                    for (std::size_t t = 0; t < T; ++t)
                        for (std::size_t g = 0; g < e.segments; ++g) hit[t * e.segments + g] = 0.0 >= thresholds[t] ? 0 : 1;
                    continue;
                }
            }
            const std::int64_t kept = detail::truncated_count(e.proposals, ratio);
            retrieved += kept;
            width[v] = kept;
            const std::int64_t* first = hits_.data() + e.first_hit;
            for (std::size_t i = 0; i < T * e.segments; ++i) hit[i] = std::min(first[i], kept);
        }
        if (retrieved == 0)
            throw invalid_argument(std::string(fn) + ": no proposal is kept: max_avg_proposals " + std::to_string(max_avg) +
                                   " x " + std::to_string(num_videos) + " videos / " + std::to_string(counted) +
                                   " proposals rounds every video's share down to 0 (the references divide by zero here); "
                                   "raise max_avg_proposals");

        // The 100 points. A segment first hit at rank h is recalled at point j when h < width_at[j], which
        // grows with j: it counts from the first such point on, so one count per segment and threshold goes
        // into a difference array, summed once at the end.
        const double scale = max_avg * static_cast<double>(num_videos) / static_cast<double>(retrieved);
        std::vector<double> pcn(detail::ar_points);
        for (std::size_t j = 0; j < detail::ar_points; ++j) pcn[j] = (static_cast<double>(j + 1) / 100.0) * scale;
        std::vector<std::vector<std::int64_t>> matches(T, std::vector<std::int64_t>(detail::ar_points + 1, 0));
        std::vector<std::int64_t> width_at(detail::ar_points);
        for (std::size_t v = 0; v < evaluated_.size(); ++v) {
            const detail::ar_video& e = evaluated_[v];
            for (std::size_t j = 0; j < detail::ar_points; ++j) width_at[j] = detail::truncated_count(width[v], pcn[j]);
            for (std::size_t t = 0; t < T; ++t) {
                const std::int64_t* hit = hits.data() + e.first_hit + t * e.segments;
                for (std::size_t g = 0; g < e.segments; ++g) {
                    const auto from = std::upper_bound(width_at.begin(), width_at.end(), hit[g]) - width_at.begin();
                    ++matches[t][static_cast<std::size_t>(from)];
                }
            }
        }
        for (std::vector<std::int64_t>& m : matches)
            for (std::size_t j = 1; j < detail::ar_points; ++j) m[j] += m[j - 1];

        average_recall_result out;
        out.tious = thresholds;
        out.max_avg_proposals = max_avg;
        out.videos = num_videos;
        out.ground_truth_segments = positives_;
        out.counted_proposals = counted;
        out.retrieved_proposals = retrieved;
        out.recall.assign(T, std::vector<double>(detail::ar_points));
        out.average_recall.assign(detail::ar_points, 0.0);
        out.avg_proposals.resize(detail::ar_points);
        for (std::size_t t = 0; t < T; ++t)
            for (std::size_t j = 0; j < detail::ar_points; ++j)
                out.recall[t][j] = static_cast<double>(matches[t][j]) / static_cast<double>(positives_);
        // recall.mean(axis=0): numpy reduces over rows one at a time, left to right.
        for (std::size_t t = 0; t < T; ++t)
            for (std::size_t j = 0; j < detail::ar_points; ++j) out.average_recall[j] += out.recall[t][j];
        for (double& a : out.average_recall) a /= static_cast<double>(T);
        const double per_video = static_cast<double>(retrieved) / static_cast<double>(num_videos);
        for (std::size_t j = 0; j < detail::ar_points; ++j) out.avg_proposals[j] = pcn[j] * per_video;
        // np.trapz: (d * (y[1:] + y[:-1]) / 2.0).sum(), a pairwise sum.
        std::vector<double> terms(detail::ar_points - 1);
        for (std::size_t i = 0; i + 1 < detail::ar_points; ++i)
            terms[i] = (out.avg_proposals[i + 1] - out.avg_proposals[i]) * (out.average_recall[i + 1] + out.average_recall[i]) / 2.0;
        out.auc = 100.0 * detail::numpy_sum(terms) / out.avg_proposals.back();
        return out;
    }

private:
    static constexpr const char* fn = "vidata::average_recall_at_avg_proposals";
    static constexpr bool float32 = P::tiou_precision == tiou_arithmetic::mmaction2_float32;

    // Lookup by view, so that add() costs no allocation for the id.
    struct string_hash {
        using is_transparent = void;
        [[nodiscard]] std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
    };

    average_recall_options options_;
    std::vector<const temporal_record*> videos_;  // the evaluated videos, ground-truth order
    std::int64_t positives_ = 0;
    std::vector<double> cmp_;
    std::vector<std::size_t> by_threshold_;
    std::vector<detail::ar_video> evaluated_;
    std::vector<std::int64_t> hits_;
    std::unordered_map<std::string_view, std::size_t, string_hash, std::equal_to<>> slot_of_;
    std::unordered_map<std::string, std::int64_t, string_hash, std::equal_to<>> submitted_;  // all_submitted: count per id
    std::int64_t submitted_total_ = 0;
    std::vector<double> scores_;
    std::vector<std::int64_t> order_;
};

/// Average recall against the average number of proposals per video (ActivityNet's proposal task), as the
/// official `eval_proposal.py` and MMAction2 0.x `average_recall_at_avg_proposals` compute it:
/// 1. The evaluated videos are the ground-truth videos with segments (V of them, Σn_gt segments).
/// 2. `ratio = max · V / N`, N the proposals counted (P::proposal_count); each video keeps its
///    `k_v = min(int(n_v · ratio), n_v)` highest-scoring proposals (numpy's `argsort()[::-1]`, whose order
///    among equal scores is reproduced).
/// 3. Point j of the curve keeps the first `min(int(k_v · (j+1)/100 · max·V/Σk_v), k_v)` of them; a segment
///    is recalled at threshold t when one of those has tIoU >= t.
/// 4. recall[t][j] = recalled / Σn_gt; the AUC is `100 · trapz(mean_t recall, avg_proposals) / avg_proposals[-1]`.
///
/// Policy (policy.hpp): P::videos_without_proposals (official: its segments count as missed; mmaction2: an
/// error, as MMAction2 raises KeyError, and likewise for a ground-truth video without segments, on which it
/// raises IndexError), P::proposal_count, P::tiou_precision (mmaction2: float32 segments and comparisons).
///
/// Throws vidata::invalid_argument, naming the offending item, for: no threshold or a NaN one; a bad
/// max_avg_proposals; a ground-truth or result segment that is not finite with start <= end; a NaN score; a
/// video id given twice; no video to evaluate; no proposal at all, or none kept (the references divide by
/// zero there). Results of videos absent from the ground truth are not evaluated (they count in N under
/// all_submitted). Sums are numpy's (pairwise), so results equal the references' to the last bit on the same
/// inputs. O(Σ n_v log n_v + Σ n_gt · n_v + V · T · n_gt · log 100); thread-safe. A results file can also
/// stream through average_recall_accumulator, which this is built on.
///   auto ar = vidata::average_recall_at_avg_proposals(gt.videos, proposals);
///   ar.ar_at(100); ar.auc;
template <temporal_metric_policy P = official_metrics_policy>
[[nodiscard]] average_recall_result average_recall_at_avg_proposals(std::span<const temporal_record> ground_truth,
                                                                   const temporal_results& proposals,
                                                                   const average_recall_options& options = {}, P = {}) {
    average_recall_accumulator<P> accumulator(ground_truth, options);
    detail::require_results("vidata::average_recall_at_avg_proposals", proposals);  // also: no id twice
    for (const video_results& v : proposals.videos) accumulator.add(v.id, v.segments);
    return accumulator.result();
}

/// average_recall_at_avg_proposals as a vidata::metric:
///   vidata::average_recall_metric<>{}(proposals, gt.videos).to_json();  // {"AR@1": …, …, "auc": …}
template <temporal_metric_policy P = official_metrics_policy>
struct average_recall_metric {
    using vidata_concept = metric_tag;
    using prediction_type = temporal_results;
    using ground_truth_type = std::vector<temporal_record>;

    average_recall_options options{};

    [[nodiscard]] average_recall_result operator()(const prediction_type& proposals, const ground_truth_type& gt) const {
        return average_recall_at_avg_proposals(std::span<const temporal_record>(gt), proposals, options, P{});
    }
};

static_assert(metric<average_recall_metric<>> && metric<average_recall_metric<mmaction2_metrics_policy>>);

}  // namespace vidata
