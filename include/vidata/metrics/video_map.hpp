// SPDX-License-Identifier: Apache-2.0
// vidata::video_mean_ap: video-mAP of JHMDB / UCF101-24 / MultiSports (tube AP at spatio-temporal IoU thresholds, averaged over classes).
#pragma once

#include <vidata/core/concepts.hpp>
#include <vidata/core/error.hpp>
#include <vidata/core/tube_ground_truth.hpp>
#include <vidata/metrics/detail/tube_ranking.hpp>
#include <vidata/metrics/frame_map.hpp>
#include <vidata/metrics/policy.hpp>
#include <vidata/metrics/tube_iou.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <optional>
#include <span>
#include <string>
#include <tuple>
#include <vector>

namespace vidata {

/// One detected action tube: ACT's `(video, score, tube)` for one class.
struct tube_detection {
    /// Index of the video in the evaluated list (evaluated_videos(gt, split)); an index outside it is a
    /// video without ground truth, whose tubes are false positives.
    std::int64_t video = 0;
    int label = 0;       ///< 0-based class index into gt.labels
    double score = 0.0;  ///< any value; NaN ranks below every number
    /// Rows `frame, x1, y1, x2, y2`: integral frames strictly increasing, finite corners (check_tube).
    tube boxes;

    /// Field by field, the tubes by value; two NaN scores are equal, so that == stays an equivalence.
    friend bool operator==(const tube_detection& a, const tube_detection& b) {
        return a.video == b.video && a.label == b.label && (a.score == b.score || (std::isnan(a.score) && std::isnan(b.score))) &&
               a.boxes.rows() == b.boxes.rows() && (a.boxes.array() == b.boxes.array()).all();
    }
};

struct video_map_options {
    std::size_t split = 0;                            ///< 0-based index into gt.test_videos
    std::vector<double> iou_thresholds{0.2, 0.5, 0.75};  ///< each reported as video_mAP@t
};

/// The ten thresholds whose mean AP is video-mAP@0.5:0.95: `0.5 + 0.05 * i` for i = 0..9, computed in
/// double exactly as ACT, MOC and MultiSports compute them (the eighth is 0.8500000000000001, not 0.85).
[[nodiscard]] inline std::vector<double> video_map_50_95_thresholds() {
    std::vector<double> t(10);
    for (int i = 0; i < 10; ++i) t[static_cast<std::size_t>(i)] = 0.5 + 0.05 * static_cast<double>(i);
    return t;
}

/// Video-AP per class and threshold, and their means. APs are fractions in [0, 1] (the references print × 100).
struct video_map_result {
    std::vector<std::string> labels;
    std::vector<double> iou_thresholds;                  ///< options.iou_thresholds
    std::vector<double> mean_ap;                         ///< per threshold, over the classes with ground truth
    std::vector<std::vector<std::optional<double>>> ap;  ///< [threshold][class]; nullopt: no ground truth
    double mean_ap_50_95 = 0.0;                          ///< mean of the ten mAPs at 0.5:0.05:0.95
    std::vector<std::optional<double>> ap_50_95;         ///< per class, mean of its ten APs
    std::vector<std::int64_t> num_ground_truth;          ///< per class: tubes in the evaluated videos
    std::vector<std::int64_t> num_detections;            ///< per class

    /// `{"video_mAP@0.2": …, "video_mAP@0.5": …, "video_mAP@0.75": …, "video_mAP@0.5:0.95": …,
    ///   "per_class_ap": {name: {"0.2": …, …, "0.5:0.95": …}}}`, classes without ground truth left out.
    [[nodiscard]] nlohmann::json to_json() const { return to_ordered_json(); }

    /// to_json() with the keys in the order above (nlohmann::json sorts them), for printing.
    [[nodiscard]] nlohmann::ordered_json to_ordered_json() const {
        nlohmann::ordered_json out;
        for (std::size_t t = 0; t < iou_thresholds.size(); ++t)
            out["video_mAP@" + frame_map_result::threshold_name(iou_thresholds[t])] = mean_ap[t];
        out["video_mAP@0.5:0.95"] = mean_ap_50_95;
        nlohmann::ordered_json per_class = nlohmann::ordered_json::object();
        for (std::size_t c = 0; c < labels.size(); ++c) {
            if (!ap_50_95[c]) continue;
            nlohmann::ordered_json row;
            for (std::size_t t = 0; t < iou_thresholds.size(); ++t)
                row[frame_map_result::threshold_name(iou_thresholds[t])] = *ap[t][c];
            row["0.5:0.95"] = *ap_50_95[c];
            per_class[labels[c]] = row;
        }
        out["per_class_ap"] = per_class;
        return out;
    }
};

namespace detail {

// Canonical order of equal-score tubes: video, then the rows (frame, x1, y1, x2, y2) lexicographically, a prefix first.
[[nodiscard]] inline bool tube_detection_key_less(const tube_detection& a, const tube_detection& b) noexcept {
    if (a.video != b.video) return a.video < b.video;
    const Eigen::Index n = std::min(a.boxes.rows(), b.boxes.rows());
    for (Eigen::Index i = 0; i < n; ++i)
        for (Eigen::Index c = 0; c < 5; ++c)
            if (a.boxes(i, c) != b.boxes(i, c)) return a.boxes(i, c) < b.boxes(i, c);
    return a.boxes.rows() < b.boxes.rows();
}

// The greedy matching of one class at one threshold over precomputed IoUs: ranked detection r faces the
// ground-truth tubes candidates[r] (indices into `claimed`) with IoUs ious[offset[r] ...].
template <gt_matching M>
[[nodiscard]] std::vector<unsigned char> match_tubes(const std::vector<std::vector<std::size_t>>& candidates,
                                                     const std::vector<double>& ious, const std::vector<std::size_t>& offset,
                                                     std::size_t num_gt, double threshold) {
    std::vector<unsigned char> claimed(num_gt, 0), is_tp(candidates.size(), 0);
    for (std::size_t r = 0; r < candidates.size(); ++r) {
        double best = -1.0;
        std::size_t best_gt = 0;
        for (std::size_t k = 0; k < candidates[r].size(); ++k) {
            const std::size_t g = candidates[r][k];
            if (M == gt_matching::best_unmatched && claimed[g]) continue;
            if (ious[offset[r] + k] > best) {  // strict: the first of equal IoUs wins, as np.argmax
                best = ious[offset[r] + k];
                best_gt = g;
            }
        }
        if (best >= threshold && !claimed[best_gt]) {
            claimed[best_gt] = 1;
            is_tp[r] = 1;
        }
    }
    return is_tp;
}

}  // namespace detail

/// Video-mAP as ACT-detector / MOC (default policy) or MultiSports (multisports_tube_policy) define it.
///
/// For each class c: the ground truth is the class-c tubes of the evaluated videos (gt.test_videos[split]),
/// in pickle order. The class's detected tubes are taken by decreasing score (ties: P::ties); each is compared
/// with the ground-truth tubes of its video by tube_iou<P>, and is a true positive when the best of them
/// (P::matching; the first on equal IoU) reaches the threshold and is unclaimed, which it then claims.
/// AP_c integrates precision over recall as P::integration says; video-mAP@t is the mean of AP_c over the
/// classes with ground truth, for each t of options.iou_thresholds (default 0.2, 0.5, 0.75, the thresholds
/// JHMDB and UCF101-24 papers report) and for the ten of video_map_50_95_thresholds(), whose mean is
/// video-mAP@0.5:0.95 (ACT's videoAP_all / MultiSports' v_map_0.50:0.95).
///
/// No non-maximum suppression is applied: ACT's evaluation first runs nms3dt(0.3) on each video's tubes;
/// do that to the detections before, if the numbers are to be ACT's. The linking of frame detections into
/// tubes is not part of the metric either. Same deviations as frame_mean_ap (no skipped MultiSports classes,
/// no NaN IoU, double precision). Throws invalid_argument for a label outside the classes, a tube failing
/// check_tube, a NaN threshold, a split that does not exist, or when no class has ground truth.
/// O(D log D + Σ IoU pairs · (tube length + thresholds)).
///   const auto r = vidata::video_mean_ap(gt, tubes);   // r.mean_ap[1] is video-mAP@0.5, r.mean_ap_50_95
template <tube_metric_policy P = act_tube_policy>
[[nodiscard]] video_map_result video_mean_ap(const tube_ground_truth& gt, std::span<const tube_detection> detections,
                                         const video_map_options& options = {}, P = {}) {
    const auto& videos = evaluated_videos(gt, options.split);
    const std::size_t num_classes = gt.labels.size();
    const std::size_t num_videos = videos.size();
    for (double t : options.iou_thresholds)
        if (std::isnan(t)) throw invalid_argument("vidata::video_mean_ap: an IoU threshold is NaN");

    // gt_tubes[c][v]: the class-c ground-truth tubes of evaluated video v, numbered per class in `first_id`.
    std::vector<std::vector<std::vector<const tube*>>> gt_tubes(num_classes, std::vector<std::vector<const tube*>>(num_videos));
    std::vector<std::int64_t> num_gt(num_classes, 0);
    for (std::size_t v = 0; v < num_videos; ++v) {
        const auto found = gt.gttubes.find(videos[v]);
        if (found == gt.gttubes.end()) continue;
        for (const auto& [label, tubes] : found->second) {
            if (label < 0 || static_cast<std::size_t>(label) >= num_classes)
                throw invalid_argument("vidata::video_mean_ap: video '" + videos[v] + "' has tubes of label " + std::to_string(label) +
                                       ", outside the " + std::to_string(num_classes) + " classes of the ground truth");
            for (std::size_t k = 0; k < tubes.size(); ++k) {
                check_tube(tubes[k], "vidata::video_mean_ap: ground-truth tube " + std::to_string(k) + " of class " +
                                         std::to_string(label) + " in video '" + videos[v] + "'");
                gt_tubes[static_cast<std::size_t>(label)][v].push_back(&tubes[k]);
            }
            num_gt[static_cast<std::size_t>(label)] += static_cast<std::int64_t>(tubes.size());
        }
    }
    std::vector<std::vector<const tube_detection*>> by_class(num_classes);
    for (std::size_t i = 0; i < detections.size(); ++i) {
        const tube_detection& d = detections[i];
        if (d.label < 0 || static_cast<std::size_t>(d.label) >= num_classes)
            throw invalid_argument("vidata::video_mean_ap: detection " + std::to_string(i) + " has label " + std::to_string(d.label) +
                                   ", outside the " + std::to_string(num_classes) + " classes of the ground truth (0-based)");
        check_tube(d.boxes, "vidata::video_mean_ap: detection " + std::to_string(i));
        by_class[static_cast<std::size_t>(d.label)].push_back(&d);
    }

    std::vector<double> thresholds = options.iou_thresholds;
    const std::vector<double> high = video_map_50_95_thresholds();
    thresholds.insert(thresholds.end(), high.begin(), high.end());
    const std::size_t reported = options.iou_thresholds.size();

    video_map_result result;
    result.labels = gt.labels;
    result.iou_thresholds = options.iou_thresholds;
    result.ap.assign(reported, std::vector<std::optional<double>>(num_classes));
    result.ap_50_95.resize(num_classes);
    result.num_ground_truth = num_gt;
    result.num_detections.resize(num_classes);
    std::vector<std::vector<std::optional<double>>> high_ap(high.size(), std::vector<std::optional<double>>(num_classes));

    for (std::size_t c = 0; c < num_classes; ++c) {
        const auto& dets = by_class[c];
        result.num_detections[c] = static_cast<std::int64_t>(dets.size());
        if (num_gt[c] == 0) continue;
        // Each ground-truth tube of the class gets an id; per-video id ranges follow the video order.
        std::vector<std::size_t> first_id(num_videos + 1, 0);
        for (std::size_t v = 0; v < num_videos; ++v) first_id[v + 1] = first_id[v] + gt_tubes[c][v].size();

        std::vector<double> scores(dets.size());
        for (std::size_t i = 0; i < dets.size(); ++i) scores[i] = dets[i]->score;
        const auto order = detail::ranking<P::ties>(
            scores, [&](std::size_t i, std::size_t j) { return detail::tube_detection_key_less(*dets[i], *dets[j]); });

        // The IoUs do not depend on the threshold: compute them once.
        std::vector<std::vector<std::size_t>> candidates(order.size());
        std::vector<std::size_t> offset(order.size());
        std::vector<double> ious;
        for (std::size_t r = 0; r < order.size(); ++r) {
            const tube_detection& d = *dets[order[r]];
            offset[r] = ious.size();
            if (d.video < 0 || static_cast<std::uint64_t>(d.video) >= num_videos) continue;
            const auto v = static_cast<std::size_t>(d.video);
            for (std::size_t k = 0; k < gt_tubes[c][v].size(); ++k) {
                candidates[r].push_back(first_id[v] + k);
                ious.push_back(detail::tube_iou_unchecked<P>(*gt_tubes[c][v][k], d.boxes));
            }
        }
        for (std::size_t t = 0; t < thresholds.size(); ++t) {
            const auto is_tp = detail::match_tubes<P::matching>(candidates, ious, offset, first_id[num_videos], thresholds[t]);
            const double ap = detail::average_precision_of_matches<P::integration>(is_tp, num_gt[c]);
            if (t < reported) result.ap[t][c] = ap;
            else high_ap[t - reported][c] = ap;
        }
        double sum = 0.0;
        for (const auto& h : high_ap) sum += *h[c];
        result.ap_50_95[c] = sum / static_cast<double>(high.size());
    }

    for (std::size_t t = 0; t < reported; ++t) result.mean_ap.push_back(detail::mean_of_present(result.ap[t], "vidata::video_mean_ap"));
    double sum = 0.0;
    for (const auto& h : high_ap) sum += detail::mean_of_present(h, "vidata::video_mean_ap");
    result.mean_ap_50_95 = sum / static_cast<double>(high.size());
    return result;
}

/// ACT-detector's `nms3dt`, the non-maximum suppression ACT and MOC run on each video's tubes of each class
/// before video-AP: within every (video, label) group, tubes are taken by decreasing score and a tube is
/// dropped when its tube_iou<P> with a tube kept before it exceeds `overlap` (ACT uses 0.3). Equal scores
/// are taken in P::ties order; under detection_ties::numpy_quicksort exactly as ACT's `np.argsort(scores)`
/// read from the end, so a NaN score is taken first there (canonically, NaN comes last).
///
/// Returns the kept tubes grouped by video, then label (ascending), each group in the order it was kept —
/// the order ACT builds its detection lists in. Throws invalid_argument for a tube failing check_tube.
/// O(Σ groups n²) tube IoUs.
///   const auto kept = vidata::suppress_tubes(tubes, 0.3);   // then video_mean_ap(gt, kept)
template <tube_metric_policy P = act_tube_policy>
[[nodiscard]] std::vector<tube_detection> suppress_tubes(std::span<const tube_detection> tubes, double overlap, P = {}) {
    if (std::isnan(overlap)) throw invalid_argument("vidata::suppress_tubes: the overlap threshold is NaN");
    for (std::size_t i = 0; i < tubes.size(); ++i) check_tube(tubes[i].boxes, "vidata::suppress_tubes: tube " + std::to_string(i));
    // Groups in (video, label) order, members in input order.
    std::vector<std::size_t> by_group(tubes.size());
    std::iota(by_group.begin(), by_group.end(), std::size_t{0});
    std::stable_sort(by_group.begin(), by_group.end(), [&](std::size_t a, std::size_t b) {
        return std::tie(tubes[a].video, tubes[a].label) < std::tie(tubes[b].video, tubes[b].label);
    });
    std::vector<tube_detection> kept;
    for (std::size_t begin = 0; begin < by_group.size();) {
        std::size_t end = begin + 1;
        while (end < by_group.size() && tubes[by_group[end]].video == tubes[by_group[begin]].video &&
               tubes[by_group[end]].label == tubes[by_group[begin]].label)
            ++end;
        std::vector<const tube_detection*> group;
        std::vector<double> scores;
        for (std::size_t k = begin; k < end; ++k) {
            group.push_back(&tubes[by_group[k]]);
            scores.push_back(tubes[by_group[k]].score);
        }
        std::vector<std::size_t> order;
        if constexpr (P::ties == detection_ties::numpy_quicksort) {
            std::vector<std::int64_t> ascending(scores.size());
            detail::numpy_argsort_into(std::span<const double>(scores), std::span<std::int64_t>(ascending));
            for (std::size_t k = ascending.size(); k-- > 0;) order.push_back(static_cast<std::size_t>(ascending[k]));
        } else {
            order = detail::ranking<P::ties>(scores, [&](std::size_t i, std::size_t j) { return detail::tube_detection_key_less(*group[i], *group[j]); });
        }
        std::vector<const tube_detection*> chosen;
        for (std::size_t i : order) {
            const bool suppressed = std::any_of(chosen.begin(), chosen.end(), [&](const tube_detection* c) {
                return detail::tube_iou_unchecked<P>(group[i]->boxes, c->boxes) > overlap;
            });
            if (!suppressed) chosen.push_back(group[i]);
        }
        for (const tube_detection* c : chosen) kept.push_back(*c);
        begin = end;
    }
    return kept;
}

/// video_mean_ap as a vidata::metric: `video_map_metric<>{}(tubes, gt)`.
template <tube_metric_policy P = act_tube_policy>
struct video_map_metric {
    using vidata_concept = metric_tag;
    using prediction_type = std::vector<tube_detection>;
    using ground_truth_type = tube_ground_truth;

    video_map_options options{};

    [[nodiscard]] video_map_result operator()(const prediction_type& detections, const ground_truth_type& gt) const {
        return video_mean_ap(gt, std::span<const tube_detection>(detections), options, P{});
    }
};

static_assert(metric<video_map_metric<>> && metric<video_map_metric<multisports_tube_policy>>);

}  // namespace vidata
