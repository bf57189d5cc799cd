// SPDX-License-Identifier: Apache-2.0
// vidata::temporal_detection_map: ActivityNet / THUMOS'14 temporal detection, interpolated AP per class and tIoU, and mAP.
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
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <numeric>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace vidata {

/// Interpolated average precision, VOCdevkit 2011 (all points): pad precision with 0 at both ends and recall
/// with 0 and 1, make precision non-increasing from the right, sum Δrecall · precision where recall changes.
/// The official toolkit's `interpolated_prec_rec` and MMAction2's `interpolated_precision_recall`; the same
/// computation as voc_average_precision (same checks, same numpy summation).
///   std::array p{1.0, 0.5}, r{0.5, 0.5};
///   vidata::interpolated_precision_recall(p, r);  // 0.5
[[nodiscard]] inline double interpolated_precision_recall(std::span<const double> precision, std::span<const double> recall) {
    return voc_average_precision(precision, recall);
}

struct temporal_detection_options {
    /// tIoU thresholds; default `np.linspace(0.5, 0.95, 10)` (THUMOS'14 reports 0.3:0.7:5).
    std::vector<double> tiou_thresholds = activitynet_tiou_thresholds();
};

/// Per-class AP at each threshold and the means, as `ANETdetection.evaluate()` (official) and
/// `ActivityNetLocalization.evaluate()` (MMAction2 0.x) leave them in `ap`, `mAP` and `average_mAP`.
struct temporal_detection_result {
    std::vector<double> tiou_thresholds;
    std::vector<std::string> labels;          ///< the classes, in order of first appearance in the ground truth
    std::vector<std::vector<double>> ap;      ///< ap[t][c]: AP of class c at threshold t
    std::vector<double> mean_ap;              ///< mAP at each threshold: `ap.mean(axis=1)`
    double average_mean_ap = 0.0;             ///< `mAP.mean()`
    std::vector<std::int64_t> num_ground_truth;  ///< per class
    std::vector<std::int64_t> num_predictions;   ///< per class

    /// The AP of each class averaged over the thresholds, `np.mean(ap[:, c])`.
    [[nodiscard]] std::vector<double> class_average_ap() const {
        std::vector<double> out(labels.size()), column(ap.size());
        for (std::size_t c = 0; c < labels.size(); ++c) {
            for (std::size_t t = 0; t < ap.size(); ++t) column[t] = ap[t][c];
            out[c] = detail::numpy_sum(column) / static_cast<double>(column.size());
        }
        return out;
    }

    /// "mAP@0.50": the key of threshold t, with two decimals.
    [[nodiscard]] static std::string key(double threshold) {
        char text[48];
        std::snprintf(text, sizeof text, "mAP@%.2f", threshold);
        return text;
    }

    /// `{"mAP@0.50": …, …, "average_mAP": …, "per_class_ap": {label: AP averaged over tIoU}}`.
    [[nodiscard]] nlohmann::ordered_json to_ordered_json() const {
        nlohmann::ordered_json j;
        for (std::size_t t = 0; t < tiou_thresholds.size(); ++t) j[key(tiou_thresholds[t])] = mean_ap[t];
        j["average_mAP"] = average_mean_ap;
        nlohmann::ordered_json per_class = nlohmann::ordered_json::object();
        const std::vector<double> avg = class_average_ap();
        for (std::size_t c = 0; c < labels.size(); ++c) per_class[labels[c]] = avg[c];
        j["per_class_ap"] = std::move(per_class);
        return j;
    }
    [[nodiscard]] nlohmann::json to_json() const { return to_ordered_json(); }
};

namespace detail {

// A prediction of one class: the index of its video among the ground-truth videos (-1: no such video).
struct class_prediction {
    std::int32_t video;
    double start;
    double end;
    double score;
};

// The ground truth of one class: segments in file order (their position is the lock index, as the references'
// per-class 'index'), and per video the positions of its segments, in order.
struct class_ground_truth {
    std::vector<std::int32_t> video;
    std::vector<double> start, end;
    std::vector<std::int32_t> by_video;  // positions grouped by video, file order within a video
};

// Reused across classes.
struct detection_workspace {
    std::vector<std::int32_t> first;  // per ground-truth video: offset into by_video, -1 when the class has none there
    std::vector<std::int32_t> count;
    std::vector<std::int64_t> order, gt_order;
    std::vector<double> scores, ious;
    std::vector<std::uint8_t> tp, locked;
    std::vector<double> precision, recall, terms;
};

/// `compute_average_precision_detection` of both references for one class: predictions ranked by decreasing
/// score (ties per P::temporal_ties), each matched greedily, at each threshold, with the unmatched ground
/// truth of its video that overlaps it most (ties in tIoU in numpy's reversed argsort order); `ap` gets one
/// interpolated AP per threshold.
template <temporal_metric_policy P>
void class_detection_ap(std::span<const class_prediction> preds, const class_ground_truth& gt,
                        std::span<const double> thresholds, std::span<double> ap, detection_workspace& w) {
    const std::size_t T = thresholds.size();
    const std::size_t n = preds.size();
    const std::size_t npos = gt.start.size();
    std::fill(ap.begin(), ap.end(), 0.0);
    if (n == 0) return;  // both references: `if len(prediction) == 0: return ap` (zeros)

    w.scores.resize(n);
    for (std::size_t i = 0; i < n; ++i) w.scores[i] = preds[i].score;
    if constexpr (P::temporal_ties == temporal_tie_order::numpy_quicksort_reversed) {
        numpy_descending_order(w.scores, w.order);
    } else {
        w.order.resize(n);
        std::iota(w.order.begin(), w.order.end(), std::int64_t{0});
        std::stable_sort(w.order.begin(), w.order.end(),
                         [&](std::int64_t a, std::int64_t b) { return w.scores[static_cast<std::size_t>(a)] > w.scores[static_cast<std::size_t>(b)]; });
    }

    // Where each video's segments of this class are.
    for (std::size_t k = 0; k < gt.by_video.size(); ++k) {
        const auto v = static_cast<std::size_t>(gt.video[static_cast<std::size_t>(gt.by_video[k])]);
        if (w.first[v] < 0) w.first[v] = static_cast<std::int32_t>(k);
        ++w.count[v];
    }

    w.tp.assign(T * n, 0);
    w.locked.assign(T * npos, 0);
    for (std::size_t i = 0; i < n; ++i) {
        const class_prediction& p = preds[static_cast<std::size_t>(w.order[i])];
        if (p.video < 0 || w.first[static_cast<std::size_t>(p.video)] < 0) continue;  // no ground truth: FP everywhere
        const auto v = static_cast<std::size_t>(p.video);
        const std::int32_t* mine = gt.by_video.data() + w.first[v];
        const auto m = static_cast<std::size_t>(w.count[v]);
        w.ious.resize(m);
        for (std::size_t k = 0; k < m; ++k) {
            const auto g = static_cast<std::size_t>(mine[k]);
            w.ious[k] = tiou_of<P::tiou_precision>(gt.start[g], gt.end[g], p.start, p.end);
        }
        numpy_descending_order(w.ious, w.gt_order);
        for (std::size_t t = 0; t < T; ++t) {
            for (const std::int64_t k : w.gt_order) {
                // `tiou < threshold`: false for a NaN tIoU (two zero-length segments), which therefore matches.
                // MMAction2 compares a float32 scalar with a float64 one, in float64.
                if (w.ious[static_cast<std::size_t>(k)] < thresholds[t]) break;
                const auto g = static_cast<std::size_t>(mine[static_cast<std::size_t>(k)]);
                if (w.locked[t * npos + g] != 0) continue;
                w.tp[t * n + i] = 1;
                w.locked[t * npos + g] = 1;
                break;
            }
        }
    }
    for (std::size_t k = 0; k < gt.by_video.size(); ++k) {
        const auto v = static_cast<std::size_t>(gt.video[static_cast<std::size_t>(gt.by_video[k])]);
        w.first[v] = -1;
        w.count[v] = 0;
    }

    // Each prediction is a TP or an FP at each threshold, so tp + fp = rank + 1.
    w.precision.resize(n);
    w.recall.resize(n);
    for (std::size_t t = 0; t < T; ++t) {
        double tp = 0.0;
        for (std::size_t i = 0; i < n; ++i) {
            tp += w.tp[t * n + i];
            w.precision[i] = tp / (tp + (static_cast<double>(i + 1) - tp));
            w.recall[i] = tp / static_cast<double>(npos);
        }
        ap[t] = voc_average_precision_unchecked(w.precision, w.recall, w.terms);
    }
}

}  // namespace detail

/// Temporal detection mAP (ActivityNet, THUMOS'14), as the official `eval_detection.py` (`ANETdetection`) and
/// MMAction2 0.x `ActivityNetLocalization` compute it. The classes are the labels of the ground-truth segments in
/// order of first appearance; for each class and tIoU threshold, predictions are taken by decreasing score and a
/// prediction is a true positive when the best-overlapping ground-truth segment of its video and class that is
/// still unmatched has tIoU >= the threshold; AP is interpolated_precision_recall over the ranked predictions;
/// mAP at a threshold is the mean over classes, and average mAP the mean over thresholds.
///
/// Policy (policy.hpp): P::temporal_ties (official: numpy's `argsort()[::-1]` over the predictions in file
/// order; mmaction2: stable) and P::tiou_precision (mmaction2: float32 tIoU). Documented behaviours, shared by
/// both references: a prediction for a video without ground truth of its class is a false positive; a class
/// without predictions has AP 0; two zero-length segments have tIoU NaN, which the matching treats as a match.
///
/// Throws vidata::invalid_argument, naming the item, for: no threshold or a NaN one; a ground truth without
/// segments (numpy would return NaN); a segment that is not finite with start <= end; a NaN score; a video id
/// given twice; a prediction without a label or whose label is not a ground-truth class (both references raise
/// KeyError). O(Σ_c n_c log n_c + T · Σ matches); thread-safe.
///   auto det = vidata::temporal_detection_map(gt.videos, predictions);
///   det.average_mean_ap; det.to_json();
template <temporal_metric_policy P = official_metrics_policy>
[[nodiscard]] temporal_detection_result temporal_detection_map(std::span<const temporal_record> ground_truth,
                                                              const temporal_results& predictions,
                                                              const temporal_detection_options& options = {}, P = {}) {
    constexpr const char* fn = "vidata::temporal_detection_map";
    const std::vector<double>& thresholds = options.tiou_thresholds;
    detail::require_tiou_thresholds(fn, thresholds);
    detail::require_ground_truth(fn, ground_truth);
    detail::require_results(fn, predictions);

    temporal_detection_result out;
    out.tiou_thresholds = thresholds;
    std::unordered_map<std::string_view, std::int32_t> class_of;
    std::unordered_map<std::string_view, std::int32_t> video_of;
    std::vector<detail::class_ground_truth> gt;
    for (std::size_t v = 0; v < ground_truth.size(); ++v) {
        const temporal_record& r = ground_truth[v];
        video_of.emplace(r.id, static_cast<std::int32_t>(v));
        for (const segment& s : r.annotations) {
            const auto [it, added] = class_of.emplace(s.label, static_cast<std::int32_t>(out.labels.size()));
            if (added) {
                out.labels.push_back(s.label);
                gt.emplace_back();
            }
            detail::class_ground_truth& c = gt[static_cast<std::size_t>(it->second)];
            c.video.push_back(static_cast<std::int32_t>(v));
            c.start.push_back(s.start);
            c.end.push_back(s.end);
        }
    }
    if (out.labels.empty())
        throw invalid_argument(std::string(fn) + ": the ground truth has no segment, so there is no class to evaluate "
                                                 "(the references return NaN); check the subset it was read with");
    const std::size_t C = out.labels.size();
    for (detail::class_ground_truth& c : gt) {
        c.by_video.resize(c.video.size());
        std::iota(c.by_video.begin(), c.by_video.end(), std::int32_t{0});
        std::stable_sort(c.by_video.begin(), c.by_video.end(), [&](std::int32_t a, std::int32_t b) {
            return c.video[static_cast<std::size_t>(a)] < c.video[static_cast<std::size_t>(b)];
        });
    }

    // The class of each result label, then the predictions of each class in file order.
    std::vector<std::int32_t> label_class(predictions.labels.size(), -1);
    for (std::size_t l = 0; l < predictions.labels.size(); ++l)
        if (const auto it = class_of.find(predictions.labels[l]); it != class_of.end()) label_class[l] = it->second;
    std::vector<std::vector<detail::class_prediction>> preds(C);
    for (const video_results& v : predictions.videos) {
        const auto found = video_of.find(v.id);
        const std::int32_t video = found == video_of.end() ? -1 : found->second;
        for (std::size_t s = 0; s < v.segments.size(); ++s) {
            const scored_segment& g = v.segments[s];
            const std::int32_t c =
                g.label >= 0 && static_cast<std::size_t>(g.label) < label_class.size() ? label_class[static_cast<std::size_t>(g.label)] : -1;
            if (c < 0) {
                const std::string what = "prediction " + std::to_string(s) + " of video '" + v.id + "'";
                if (g.label < 0 || static_cast<std::size_t>(g.label) >= predictions.labels.size())
                    throw invalid_argument(std::string(fn) + ": " + what + " has no label; a detection needs one");
                throw invalid_argument(std::string(fn) + ": " + what + " has label '" +
                                       predictions.labels[static_cast<std::size_t>(g.label)] +
                                       "', which no ground-truth segment has (both references raise KeyError); "
                                       "evaluate it against ground truth that has this class, or drop it");
            }
            preds[static_cast<std::size_t>(c)].push_back({video, g.start, g.end, g.score});
        }
    }

    const std::size_t T = thresholds.size();
    out.ap.assign(T, std::vector<double>(C, 0.0));
    out.num_ground_truth.resize(C);
    out.num_predictions.resize(C);
    detail::detection_workspace w;
    w.first.assign(ground_truth.size(), -1);
    w.count.assign(ground_truth.size(), 0);
    std::vector<double> ap(T);
    for (std::size_t c = 0; c < C; ++c) {
        out.num_ground_truth[c] = static_cast<std::int64_t>(gt[c].start.size());
        out.num_predictions[c] = static_cast<std::int64_t>(preds[c].size());
        detail::class_detection_ap<P>(preds[c], gt[c], thresholds, ap, w);
        for (std::size_t t = 0; t < T; ++t) out.ap[t][c] = ap[t];
    }
    out.mean_ap.resize(T);
    for (std::size_t t = 0; t < T; ++t) out.mean_ap[t] = detail::numpy_sum(out.ap[t]) / static_cast<double>(C);
    out.average_mean_ap = detail::numpy_sum(out.mean_ap) / static_cast<double>(T);
    return out;
}

/// temporal_detection_map as a vidata::metric:
///   vidata::temporal_detection_metric<vidata::mmaction2_metrics_policy>{}(predictions, gt.videos).to_json();
template <temporal_metric_policy P = official_metrics_policy>
struct temporal_detection_metric {
    using vidata_concept = metric_tag;
    using prediction_type = temporal_results;
    using ground_truth_type = std::vector<temporal_record>;

    temporal_detection_options options{};

    [[nodiscard]] temporal_detection_result operator()(const prediction_type& predictions, const ground_truth_type& gt) const {
        return temporal_detection_map(std::span<const temporal_record>(gt), predictions, options, P{});
    }
};

static_assert(metric<temporal_detection_metric<>> && metric<temporal_detection_metric<mmaction2_metrics_policy>>);

}  // namespace vidata
