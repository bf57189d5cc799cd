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

// One evaluated video after the first pass: its score-matrix width and, for each threshold and ground-truth
// segment, the rank of the first kept proposal whose tIoU reaches the threshold (== width: none).
struct ar_video {
    std::int64_t width = 0;
    std::size_t first_hit = 0;  // offset of this video's T × n_gt block in the shared hit array
    std::size_t segments = 0;
};

}  // namespace detail

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
/// inputs. O(Σ n_v log n_v + Σ n_gt · k_v + V · T · 100); thread-safe.
///   auto ar = vidata::average_recall_at_avg_proposals(gt.videos, proposals);
///   ar.ar_at(100); ar.auc;
template <temporal_metric_policy P = official_metrics_policy>
[[nodiscard]] average_recall_result average_recall_at_avg_proposals(std::span<const temporal_record> ground_truth,
                                                                   const temporal_results& proposals,
                                                                   const average_recall_options& options = {}, P = {}) {
    constexpr const char* fn = "vidata::average_recall_at_avg_proposals";
    constexpr bool float32 = P::tiou_precision == tiou_arithmetic::mmaction2_float32;
    const std::vector<double>& thresholds = options.tiou_thresholds;
    detail::require_tiou_thresholds(fn, thresholds);
    if (options.max_avg_proposals && !(std::isfinite(*options.max_avg_proposals) && *options.max_avg_proposals >= 0))
        throw invalid_argument(std::string(fn) + ": max_avg_proposals is " + std::to_string(*options.max_avg_proposals) +
                               "; pass a finite number >= 0 (100 for AR@100), or nothing for total / videos");
    detail::require_ground_truth(fn, ground_truth);
    const auto index = detail::index_results(fn, proposals);

    // The videos: those with segments (official: `ground_truth['video-id'].unique()` of the annotation rows).
    std::vector<const temporal_record*> videos;
    std::int64_t positives = 0;
    for (const temporal_record& r : ground_truth) {
        if (r.annotations.empty()) {
            if constexpr (P::videos_without_proposals == missing_proposals::error)
                throw invalid_argument(std::string(fn) + ": ground-truth video '" + r.id +
                                       "' has no segments (MMAction2 raises IndexError on it); drop it from the ground truth");
            continue;
        }
        videos.push_back(&r);
        positives += static_cast<std::int64_t>(r.annotations.size());
    }
    if (videos.empty())
        throw invalid_argument(std::string(fn) + ": no ground-truth video has a segment, so there is nothing to recall "
                                                 "(check the subset the ground truth was read with)");
    const auto num_videos = static_cast<std::int64_t>(videos.size());

    std::int64_t counted = 0;
    if constexpr (P::proposal_count == proposal_count_base::ground_truth_videos) {
        for (const temporal_record* r : videos)
            if (const auto found = index.find(r->id); found != index.end())
                counted += static_cast<std::int64_t>(proposals.videos[found->second].segments.size());
    } else {
        for (const video_results& v : proposals.videos) counted += static_cast<std::int64_t>(v.segments.size());
    }
    if (counted == 0)
        throw invalid_argument(std::string(fn) + ": the results hold no proposal" +
                               (P::proposal_count == proposal_count_base::ground_truth_videos ? " for a ground-truth video" : "") +
                               " (the references divide by zero here); pass at least one");

    const double max_avg = options.max_avg_proposals && *options.max_avg_proposals != 0.0
                               ? *options.max_avg_proposals
                               : static_cast<double>(counted) / static_cast<double>(num_videos);
    const double ratio = max_avg * static_cast<double>(num_videos) / static_cast<double>(counted);

    // The thresholds as the comparison sees them: MMAction2 compares a float32 tIoU array with a float64
    // scalar, which numpy 1.x casts to float32 first.
    const std::size_t T = thresholds.size();
    std::vector<double> cmp(T);
    for (std::size_t t = 0; t < T; ++t) cmp[t] = float32 ? static_cast<double>(static_cast<float>(thresholds[t])) : thresholds[t];
    std::vector<std::size_t> by_threshold(T);
    std::iota(by_threshold.begin(), by_threshold.end(), std::size_t{0});
    std::stable_sort(by_threshold.begin(), by_threshold.end(), [&](std::size_t a, std::size_t b) { return cmp[a] < cmp[b]; });

    // Pass 1: per video, keep k_v proposals and find, for each segment and threshold, the first rank that hits.
    std::vector<detail::ar_video> evaluated(videos.size());
    std::vector<std::int64_t> hits(static_cast<std::size_t>(positives) * T);
    std::vector<std::int64_t> order;
    std::vector<double> scores;
    std::int64_t retrieved = 0;
    std::size_t offset = 0;
    for (std::size_t v = 0; v < videos.size(); ++v) {
        const temporal_record& gt = *videos[v];
        detail::ar_video& e = evaluated[v];
        e.first_hit = offset;
        e.segments = gt.annotations.size();
        std::int64_t* hit = hits.data() + offset;
        offset += e.segments * T;
        const auto found = index.find(gt.id);
        if (found == index.end() || proposals.videos[found->second].segments.empty()) {
            if constexpr (P::videos_without_proposals == missing_proposals::error) {
                throw invalid_argument(std::string(fn) + ": ground-truth video '" + gt.id +
                                       "' has no proposals in the results (MMAction2 raises KeyError here; the official "
                                       "toolkit counts its segments as missed); add its proposals or use the official policy");
            } else {
                // The toolkit scores the video zeros((n_gt, 1)): one column of tIoU 0, not counted in Σk_v.
                e.width = 1;
                for (std::size_t t = 0; t < T; ++t)
                    for (std::size_t g = 0; g < e.segments; ++g) hit[t * e.segments + g] = 0.0 >= thresholds[t] ? 0 : 1;
                continue;
            }
        }
        const std::vector<scored_segment>& segs = proposals.videos[found->second].segments;
        scores.resize(segs.size());
        for (std::size_t i = 0; i < segs.size(); ++i) scores[i] = segs[i].score;
        detail::numpy_descending_order(scores, order);
        const std::int64_t kept = detail::truncated_count(static_cast<std::int64_t>(segs.size()), ratio);
        retrieved += kept;
        e.width = kept;
        for (std::size_t g = 0; g < e.segments; ++g) {
            for (std::size_t t = 0; t < T; ++t) hit[t * e.segments + g] = kept;
            const segment& target = gt.annotations[g];
            // The running maximum tIoU over ranks 0..r: a threshold is first reached where the maximum first
            // reaches it, so the thresholds, sorted, are settled in one sweep. A NaN tIoU (two zero-length
            // segments) never raises the maximum, as `NaN >= t` is false in numpy too.
            double best = -std::numeric_limits<double>::infinity();
            std::size_t next = 0;
            for (std::int64_t r = 0; r < kept && next < T; ++r) {
                const scored_segment& c = segs[static_cast<std::size_t>(order[static_cast<std::size_t>(r)])];
                const double iou = detail::tiou_of<P::tiou_precision, true>(target.start, target.end, c.start, c.end);
                if (!(iou > best)) continue;
                best = iou;
                while (next < T && best >= cmp[by_threshold[next]]) hit[by_threshold[next++] * e.segments + g] = r;
            }
        }
    }
    if (retrieved == 0)
        throw invalid_argument(std::string(fn) + ": no proposal is kept: max_avg_proposals " + std::to_string(max_avg) +
                               " x " + std::to_string(num_videos) + " videos / " + std::to_string(counted) +
                               " proposals rounds every video's share down to 0 (the references divide by zero here); "
                               "raise max_avg_proposals");

    // Pass 2: the 100 points.
    const double scale = max_avg * static_cast<double>(num_videos) / static_cast<double>(retrieved);
    std::vector<double> pcn(detail::ar_points);
    for (std::size_t j = 0; j < detail::ar_points; ++j) pcn[j] = (static_cast<double>(j + 1) / 100.0) * scale;
    std::vector<std::vector<std::int64_t>> matches(T, std::vector<std::int64_t>(detail::ar_points, 0));
    std::vector<std::int64_t> width_at(detail::ar_points);
    std::vector<std::int64_t> sorted_hits;
    for (const detail::ar_video& e : evaluated) {
        for (std::size_t j = 0; j < detail::ar_points; ++j) width_at[j] = detail::truncated_count(e.width, pcn[j]);
        for (std::size_t t = 0; t < T; ++t) {
            const std::int64_t* hit = hits.data() + e.first_hit + t * e.segments;
            sorted_hits.assign(hit, hit + e.segments);
            std::sort(sorted_hits.begin(), sorted_hits.end());
            std::size_t recalled = 0;
            for (std::size_t j = 0; j < detail::ar_points; ++j) {
                while (recalled < sorted_hits.size() && sorted_hits[recalled] < width_at[j]) ++recalled;
                matches[t][j] += static_cast<std::int64_t>(recalled);
            }
        }
    }

    average_recall_result out;
    out.tious = thresholds;
    out.max_avg_proposals = max_avg;
    out.videos = num_videos;
    out.ground_truth_segments = positives;
    out.counted_proposals = counted;
    out.retrieved_proposals = retrieved;
    out.recall.assign(T, std::vector<double>(detail::ar_points));
    out.average_recall.assign(detail::ar_points, 0.0);
    out.avg_proposals.resize(detail::ar_points);
    for (std::size_t t = 0; t < T; ++t)
        for (std::size_t j = 0; j < detail::ar_points; ++j)
            out.recall[t][j] = static_cast<double>(matches[t][j]) / static_cast<double>(positives);
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
