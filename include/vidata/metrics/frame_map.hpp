// SPDX-License-Identifier: Apache-2.0
// vidata::frame_mean_ap: frame-mAP of JHMDB / UCF101-24 / MultiSports (per-frame box AP at an IoU threshold, averaged over classes).
#pragma once

#include <vidata/core/concepts.hpp>
#include <vidata/core/error.hpp>
#include <vidata/core/tube_ground_truth.hpp>
#include <vidata/metrics/detail/tube_ranking.hpp>
#include <vidata/metrics/policy.hpp>
#include <vidata/metrics/tube_iou.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <span>
#include <string>
#include <tuple>
#include <vector>

namespace vidata {

/// One detected box in one frame, ACT's row `<video_index> <frame> <label> <score> <x1> <y1> <x2> <y2>`.
struct frame_detection {
    /// Index of the video in the evaluated list (evaluated_videos(gt, split)). An index outside the list is
    /// a video without ground truth: its detections are false positives, as in ACT and MultiSports.
    std::int64_t video = 0;
    std::int64_t frame = 0;  ///< 1-based frame number, as in the ground-truth tubes
    int label = 0;           ///< 0-based class index into gt.labels
    double score = 0.0;      ///< any value; NaN ranks below every number
    vidata::box box{};       ///< pixel corners; must be finite

    /// Field by field; two NaN scores are equal, so that == stays an equivalence.
    friend bool operator==(const frame_detection& a, const frame_detection& b) noexcept {
        return a.video == b.video && a.frame == b.frame && a.label == b.label &&
               (a.score == b.score || (std::isnan(a.score) && std::isnan(b.score))) && a.box == b.box;
    }
};

struct frame_map_options {
    std::size_t split = 0;       ///< 0-based index into gt.test_videos
    double iou_threshold = 0.5;  ///< a detection matches a ground-truth box when box_iou ≥ this
};

/// Frame-AP per class and their mean. APs are fractions in [0, 1] (the references print them × 100).
struct frame_map_result {
    std::vector<std::string> labels;           ///< class names (gt.labels)
    double iou_threshold = 0.5;
    double mean_ap = 0.0;                      ///< mean over the classes that have ground truth
    std::vector<std::optional<double>> ap;     ///< per class; nullopt for a class without ground truth
    std::vector<std::int64_t> num_ground_truth;  ///< per class: boxes in the evaluated videos
    std::vector<std::int64_t> num_detections;    ///< per class

    /// `{"frame_mAP@0.5": m, "per_class_ap": {name: ap}}`, classes without ground truth left out.
    [[nodiscard]] nlohmann::json to_json() const {
        nlohmann::json per_class = nlohmann::json::object();
        for (std::size_t c = 0; c < ap.size(); ++c)
            if (ap[c]) per_class[labels[c]] = *ap[c];
        return {{"frame_mAP@" + threshold_name(iou_threshold), mean_ap}, {"per_class_ap", per_class}};
    }

    /// A threshold as the JSON keys spell it: the shortest decimal that reads back ("0.5", "0.75").
    [[nodiscard]] static std::string threshold_name(double t) {
        char text[32];
        for (int digits = 1; digits <= 17; ++digits) {
            std::snprintf(text, sizeof text, "%.*g", digits, t);
            if (std::strtod(text, nullptr) == t) break;
        }
        return text;
    }
};

namespace detail {

// The ground-truth boxes of one class in one frame of one evaluated video, in the order ACT and MultiSports
// list them (tube by tube, as the pickle orders the tubes); ties in IoU go to the first.
struct frame_gt_key {
    std::int64_t video;
    std::int64_t frame;
    friend auto operator<=>(const frame_gt_key&, const frame_gt_key&) = default;
};

struct frame_gt_box {
    frame_gt_key key;
    vidata::box box;
};

// Label-major buckets of the ground-truth boxes, sorted by (video, frame) and stable within a frame.
[[nodiscard]] inline std::vector<std::vector<frame_gt_box>> frame_ground_truth(const tube_ground_truth& gt,
                                                                            const std::vector<std::string>& videos) {
    const std::size_t num_classes = gt.labels.size();
    std::vector<std::vector<frame_gt_box>> boxes(num_classes);
    for (std::size_t v = 0; v < videos.size(); ++v) {
        const auto found = gt.gttubes.find(videos[v]);
        if (found == gt.gttubes.end()) continue;  // a listed video without tubes has no ground truth
        for (const auto& [label, tubes] : found->second) {
            if (label < 0 || static_cast<std::size_t>(label) >= num_classes)
                throw invalid_argument("vidata::frame_mean_ap: video '" + videos[v] + "' has tubes of label " + std::to_string(label) +
                                       ", outside the " + std::to_string(num_classes) + " classes of the ground truth");
            for (std::size_t k = 0; k < tubes.size(); ++k) {
                const tube& t = tubes[k];
                check_tube(t, "vidata::frame_mean_ap: ground-truth tube " + std::to_string(k) + " of class " + std::to_string(label) +
                                  " in video '" + videos[v] + "'");
                for (Eigen::Index i = 0; i < t.rows(); ++i)
                    boxes[static_cast<std::size_t>(label)].push_back(
                        {{static_cast<std::int64_t>(v), static_cast<std::int64_t>(t(i, 0))}, row_box(t, i)});
            }
        }
    }
    for (auto& b : boxes)
        std::stable_sort(b.begin(), b.end(), [](const frame_gt_box& x, const frame_gt_box& y) { return x.key < y.key; });
    return boxes;
}

inline void check_frame_detection(const frame_detection& d, std::size_t index, std::size_t num_classes) {
    if (d.label < 0 || static_cast<std::size_t>(d.label) >= num_classes)
        throw invalid_argument("vidata::frame_mean_ap: detection " + std::to_string(index) + " has label " + std::to_string(d.label) +
                               ", outside the " + std::to_string(num_classes) + " classes of the ground truth (0-based)");
    if (!std::isfinite(d.box.x1) || !std::isfinite(d.box.y1) || !std::isfinite(d.box.x2) || !std::isfinite(d.box.y2))
        throw invalid_argument("vidata::frame_mean_ap: detection " + std::to_string(index) + " has a non-finite box corner");
}

// Canonical order of equal-score detections: video, frame, then the corners.
[[nodiscard]] inline bool frame_detection_key_less(const frame_detection& a, const frame_detection& b) noexcept {
    return std::tie(a.video, a.frame, a.box.x1, a.box.y1, a.box.x2, a.box.y2) <
           std::tie(b.video, b.frame, b.box.x1, b.box.y1, b.box.x2, b.box.y2);
}

// The AP of one class: `dets` are that class's detections in input order, `gt` its sorted ground truth.
template <tube_metric_policy P>
[[nodiscard]] double frame_ap_of_class(const std::vector<const frame_detection*>& dets, const std::vector<frame_gt_box>& gt,
                                       double threshold) {
    std::vector<double> scores(dets.size());
    for (std::size_t i = 0; i < dets.size(); ++i) scores[i] = dets[i]->score;
    const auto order = ranking<P::ties>(scores, [&](std::size_t i, std::size_t j) { return frame_detection_key_less(*dets[i], *dets[j]); });
    std::vector<unsigned char> claimed(gt.size(), 0);
    std::vector<unsigned char> is_tp(dets.size(), 0);
    for (std::size_t rank = 0; rank < order.size(); ++rank) {
        const frame_detection& d = *dets[order[rank]];
        const frame_gt_key key{d.video, d.frame};
        const auto [first, last] = std::equal_range(gt.begin(), gt.end(), frame_gt_box{key, {}},
                                                    [](const frame_gt_box& x, const frame_gt_box& y) { return x.key < y.key; });
        double best = -1.0;
        std::size_t best_index = 0;
        for (auto it = first; it != last; ++it) {
            const auto g = static_cast<std::size_t>(it - gt.begin());
            if (P::matching == gt_matching::best_unmatched && claimed[g]) continue;
            const double iou = clamped_box_iou<P::boxes>(it->box, d.box);
            if (iou > best) {  // strict: the first of equal IoUs wins, as np.argmax
                best = iou;
                best_index = g;
            }
        }
        if (best >= threshold && !claimed[best_index]) {
            claimed[best_index] = 1;
            is_tp[rank] = 1;
        }
    }
    return average_precision_of_matches<P::integration>(is_tp, static_cast<std::int64_t>(gt.size()));
}

}  // namespace detail

/// Frame-mAP as ACT-detector / MOC (default policy) or MultiSports (multisports_tube_policy) define it.
///
/// For each class c of gt.labels: the ground truth is every row (frame, box) of every class-c tube of the
/// evaluated videos (gt.test_videos[options.split]), a box per (video, frame). The class's detections are
/// taken by decreasing score (ties: P::ties); each is compared with the ground-truth boxes of its own video
/// and frame, and is a true positive when the best of them (P::matching: among the unclaimed ones for ACT,
/// among all for MultiSports, the first in pickle order on equal IoU) has clamped_box_iou<P::boxes> ≥ the threshold
/// and is unclaimed; it then claims it. Everything else is a false positive (another frame, another video,
/// a video outside the split). AP_c integrates the precision-recall curve as P::integration says; the
/// frame-mAP is the mean of AP_c over the classes that have ground truth in the evaluated videos (ACT also
/// averages classes without, as 0, or fails; MultiSports skips them, as here).
///
/// Differences from the references, all on inputs where they are undefined or wrong: six MultiSports classes
/// are not skipped; box IoU 0/0 is 0, not NaN; precision and recall are double (ACT stores float32).
/// Throws invalid_argument for a label outside the classes, a non-finite box, a malformed ground-truth tube,
/// a split that does not exist, or when no class has ground truth. O(D log D + G log G + D · boxes per frame).
///   const auto r = vidata::frame_mean_ap(gt, detections);                    // r.mean_ap, r.ap[c]
///   const auto m = vidata::frame_mean_ap(gt, detections, {.split = 1}, vidata::multisports_tubes);
template <tube_metric_policy P = act_tube_policy>
[[nodiscard]] frame_map_result frame_mean_ap(const tube_ground_truth& gt, std::span<const frame_detection> detections,
                                         const frame_map_options& options = {}, P = {}) {
    const auto& videos = evaluated_videos(gt, options.split);
    if (std::isnan(options.iou_threshold)) throw invalid_argument("vidata::frame_mean_ap: the IoU threshold is NaN");
    const std::size_t num_classes = gt.labels.size();
    const auto boxes = detail::frame_ground_truth(gt, videos);
    std::vector<std::vector<const frame_detection*>> by_class(num_classes);
    for (std::size_t i = 0; i < detections.size(); ++i) {
        detail::check_frame_detection(detections[i], i, num_classes);
        by_class[static_cast<std::size_t>(detections[i].label)].push_back(&detections[i]);
    }
    frame_map_result result;
    result.labels = gt.labels;
    result.iou_threshold = options.iou_threshold;
    result.ap.resize(num_classes);
    result.num_ground_truth.resize(num_classes);
    result.num_detections.resize(num_classes);
    for (std::size_t c = 0; c < num_classes; ++c) {
        result.num_ground_truth[c] = static_cast<std::int64_t>(boxes[c].size());
        result.num_detections[c] = static_cast<std::int64_t>(by_class[c].size());
        if (!boxes[c].empty()) result.ap[c] = detail::frame_ap_of_class<P>(by_class[c], boxes[c], options.iou_threshold);
    }
    result.mean_ap = detail::mean_of_present(result.ap, "vidata::frame_mean_ap");
    return result;
}

/// frame_mean_ap as a vidata::metric: `frame_map_metric<>{{.iou_threshold = 0.5}}(detections, gt)`.
template <tube_metric_policy P = act_tube_policy>
struct frame_map_metric {
    using vidata_concept = metric_tag;
    using prediction_type = std::vector<frame_detection>;
    using ground_truth_type = tube_ground_truth;

    frame_map_options options{};

    [[nodiscard]] frame_map_result operator()(const prediction_type& detections, const ground_truth_type& gt) const {
        return frame_mean_ap(gt, std::span<const frame_detection>(detections), options, P{});
    }
};

static_assert(metric<frame_map_metric<>> && metric<frame_map_metric<multisports_tube_policy>>);

}  // namespace vidata
