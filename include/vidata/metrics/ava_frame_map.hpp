// SPDX-License-Identifier: Apache-2.0
// vidata::ava_frame_map: AVA's frame-level mAP@0.5IoU, as the official get_ava_performance.py and MMAction2's ava_eval compute it.
#pragma once

#include <vidata/core/concepts.hpp>
#include <vidata/core/error.hpp>
#include <vidata/metrics/argsort.hpp>
#include <vidata/metrics/ava_inputs.hpp>
#include <vidata/metrics/box_iou.hpp>
#include <vidata/metrics/policy.hpp>
#include <vidata/metrics/voc_average_precision.hpp>

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vidata {

/// The AP of one class of the label map.
struct ava_class_ap {
    std::int64_t id = 0;
    std::string name;               ///< the label map's name for `id` (its last category with that id)
    double average_precision = 0.0; ///< NaN when the class has no ground truth (it is then left out of the mean)
    std::int64_t ground_truth = 0;  ///< ground-truth boxes of the class on evaluated frames (degenerate ones included)
    std::int64_t detections = 0;    ///< detections of the class that were ranked
    std::int64_t true_positives = 0;
};

/// What ava_frame_map returns.
struct ava_frame_map_result {
    /// The name the policy's reference reports the mean under ("PascalBoxes_Precision/mAP@0.5IOU" or "mAP@0.5IOU").
    std::string metric;
    /// nanmean of the per-class APs over the ids 1..max_id (NaN when no class has ground truth).
    double mean_ap = std::numeric_limits<double>::quiet_NaN();
    /// One entry per id the label map lists, by increasing id (the reference's per-category metrics).
    std::vector<ava_class_ap> per_class;
    std::size_t ground_truth_frames = 0;  ///< frames whose ground truth was added
    std::size_t detection_frames = 0;     ///< frames whose detections were evaluated
    std::size_t ignored_frames = 0;       ///< detection frames dropped as absent from the ground truth (official)
    std::size_t excluded_frames = 0;      ///< ground-truth and detection frames dropped by the exclusions
    std::size_t invalid_detections = 0;   ///< detections dropped for a box with x1 >= x2 or y1 >= y2 (or NaN)

    /// `{"mAP@0.5IoU": mean, "per_class": {name: AP}}`, the contract of `vidata eval ava --json`. Names that
    /// repeat keep the AP of the highest id, as the reference's metrics dict does. NaN prints as null.
    [[nodiscard]] nlohmann::json to_json() const {
        nlohmann::json per = nlohmann::json::object();
        for (const auto& c : per_class) per[c.name] = c.average_precision;
        return nlohmann::json{{"mAP@0.5IoU", mean_ap}, {"per_class", std::move(per)}};
    }
};

namespace detail {

/// np.nanmean over a float64 array: NaNs replaced by 0, numpy's pairwise sum, divided by the count of
/// non-NaN entries (NaN when there are none).
[[nodiscard]] inline double numpy_nanmean(std::span<const double> values, std::vector<double>& scratch) {
    scratch.assign(values.begin(), values.end());
    std::size_t count = 0;
    for (double& v : scratch) {
        if (std::isnan(v)) v = 0.0;
        else ++count;
    }
    if (count == 0) return std::numeric_limits<double>::quiet_NaN();
    return numpy_sum(scratch) / static_cast<double>(count);
}

/// np.argmax over IoUs: the first NaN if there is one, else the first maximum.
[[nodiscard]] inline std::size_t numpy_argmax(std::span<const double> v) noexcept {
    std::size_t best = 0;
    double m = v[0];
    if (m != m) return 0;
    for (std::size_t i = 1; i < v.size(); ++i) {
        if (!(v[i] <= m)) {
            m = v[i];
            best = i;
            if (m != m) break;
        }
    }
    return best;
}

/// Precision, recall and VOC AP of one class, as `metrics.compute_precision_recall` then
/// `compute_average_precision`: detections ranked by np.argsort(scores)[::-1] (numpy's introsort, reversed).
struct ava_ap_workspace {
    std::vector<std::int64_t> order;
    std::vector<double> precision;
    std::vector<double> recall;
    std::vector<double> terms;
};

[[nodiscard]] inline double ava_class_average_precision(std::span<const double> scores, std::span<const std::uint8_t> tp,
                                                        std::int64_t num_gt, ava_ap_workspace& w) {
    const std::size_t n = scores.size();
    w.order.resize(n);
    numpy_argsort(scores, std::span<std::int64_t>(w.order));
    w.precision.resize(n);
    w.recall.resize(n);
    std::int64_t cum_tp = 0;
    for (std::size_t i = 0; i < n; ++i) {
        cum_tp += tp[static_cast<std::size_t>(w.order[n - 1 - i])];
        w.precision[i] = static_cast<double>(cum_tp) / static_cast<double>(static_cast<std::int64_t>(i) + 1);
        w.recall[i] = static_cast<double>(cum_tp) / static_cast<double>(num_gt);
    }
    if (n == 0) return 0.0;
    return voc_average_precision_unchecked(w.precision, w.recall, w.terms);
}

inline void require_ava_inputs(const ava_frames& ground_truth, const ava_frames& detections, const ava_label_map& labels,
                               const ava_exclusions* excluded, ava_timestamp keys) {
    constexpr const char* fn = "vidata::ava_frame_map: ";
    if (ground_truth.kind() != ava_csv_kind::ground_truth || detections.kind() != ava_csv_kind::detections)
        throw invalid_argument(std::string(fn) +
                               "pass the ground truth read as ava_csv_kind::ground_truth and the detections as "
                               "ava_csv_kind::detections (the detection cap applies to the latter only)");
    if (ground_truth.key_format() != keys || detections.key_format() != keys ||
        (excluded != nullptr && excluded->key_format != keys))
        throw invalid_argument(std::string(fn) +
                               "the inputs were read with another policy's timestamp keys than the one evaluating "
                               "them; read and evaluate with the same policy");
    if (labels.categories.empty())
        throw invalid_argument(std::string(fn) +
                               "the label map lists no class (no line starting '  id:' or '  label_id:'); the "
                               "reference's evaluator needs at least one");
    for (const auto& c : labels.categories)
        if (c.id < 1)
            throw invalid_argument(std::string(fn) + "the label map lists class id " + std::to_string(c.id) +
                                   " ('" + c.name + "'); class ids must be 1 or more, as the reference requires "
                                   "('Classes should be 1-indexed')");
    if (labels.max_id() > (std::int64_t{1} << 20))
        throw invalid_argument(std::string(fn) + "the label map's largest id is " + std::to_string(labels.max_id()) +
                               "; the evaluator keeps one slot per id up to it, and ids above 1048576 are refused");
}

// A row whose class the evaluated label map does not list: the CSV was read with another label map.
inline void require_ava_class(const ava_box& row, std::size_t num_class, const std::string& source) {
    if (row.action_id >= 1 && static_cast<std::size_t>(row.action_id) <= num_class) return;
    throw invalid_argument("vidata::ava_frame_map: " + source + ":" + std::to_string(row.line) + " has action id " +
                           std::to_string(row.action_id) +
                           ", outside the label map being evaluated; read the CSVs with that label map");
}

}  // namespace detail

/// AVA frame-level mean average precision at IoU 0.5 (PASCAL VOC AP per class, mean over classes), as the
/// reference of policy P computes it (official_metrics_policy: ActivityNet's get_ava_performance.py;
/// mmaction2_metrics_policy: MMAction2 0.x ava_eval). Read the inputs with the same policy
/// (parse_ava_csv<P>, parse_ava_exclusions<P>). Definitions:
///   - frames: ground-truth frames in file order (minus excluded ones when P::ava_honour_exclusions);
///     detection frames in file order, minus excluded ones, minus (P::ava_unknown == ignored) those the
///     ground-truth CSV never mentions;
///   - per frame and class: detections with x1 >= x2 or y1 >= y2 (or a NaN corner) are dropped; the rest,
///     in the frame's order (decreasing score), each take the ground-truth box of their class with the
///     largest IoU (the first such box; a NaN IoU wins, as np.argmax); a detection is a true positive when
///     that IoU is >= 0.5 and the box is not yet taken, otherwise a false positive — no second-best box;
///   - per class: all its (score, TP) pairs, in frame order, ranked by np.argsort(scores)[::-1]; precision
///     and recall after each; VOC all-points AP (voc_average_precision); the ground-truth count includes
///     degenerate ground-truth boxes, which no detection can match;
///   - classes without ground truth have AP NaN and are left out of the mean (np.nanmean over ids 1..max_id).
/// Throws invalid_argument for an empty label map, an id < 1, or inputs read under another policy; and
/// parse_error (naming the ground-truth row) for a ground-truth box with x1 > x2 or y1 > y2 on a frame
/// that has a detection of its class, where the reference's BoxList raises ValueError.
/// Cost: O(D·G_f + Σ_c n_c log n_c) for D detections, G_f ground-truth rows per frame and n_c detections
/// of class c; memory one (score, flag) pair per detection.
template <ava_policy P = official_metrics_policy>
[[nodiscard]] ava_frame_map_result ava_frame_map(const ava_frames& ground_truth, const ava_frames& detections,
                                                 const ava_label_map& labels, const ava_exclusions* excluded = nullptr,
                                                 P = {}) {
    detail::require_ava_inputs(ground_truth, detections, labels, excluded, P::ava_keys);
    const auto num_class = static_cast<std::size_t>(labels.max_id());
    const bool exclude = P::ava_honour_exclusions && excluded != nullptr && excluded->size() > 0;

    ava_frame_map_result result;
    result.metric = std::string(std::string_view(P::ava_metric_name));
    std::vector<std::int64_t> num_gt(num_class, 0);
    std::vector<std::vector<double>> scores(num_class);
    std::vector<std::vector<std::uint8_t>> tps(num_class);

    // Ground truth: every row of an added frame counts, degenerate boxes included.
    std::vector<std::uint8_t> gt_added(ground_truth.size(), 0);
    for (std::size_t f = 0; f < ground_truth.size(); ++f) {
        if (exclude && excluded->contains(ground_truth.key(f))) {
            ++result.excluded_frames;
            continue;
        }
        gt_added[f] = 1;
        ++result.ground_truth_frames;
        for (const ava_box& g : ground_truth.rows(f)) {
            detail::require_ava_class(g, num_class, ground_truth.source());
            ++num_gt[static_cast<std::size_t>(g.action_id - 1)];
        }
    }

    // Detections, frame by frame in the order the reference adds them.
    std::vector<std::uint8_t> taken;         // per ground-truth row of the frame: already matched
    std::vector<double> ious;                // IoUs with the rows of the detection's class
    std::vector<std::size_t> rows_of_class;  // and which rows those are
    for (std::size_t f = 0; f < detections.size(); ++f) {
        const std::string& key = detections.key(f);
        if (exclude && excluded->contains(key)) {
            ++result.excluded_frames;
            continue;
        }
        if constexpr (P::ava_unknown == ava_unknown_frames::ignored) {
            if (!ground_truth.mentions(key)) {
                ++result.ignored_frames;
                continue;
            }
        }
        ++result.detection_frames;
        std::span<const ava_box> gts;
        if (const auto g = ground_truth.find(key); g && gt_added[*g]) gts = ground_truth.rows(*g);
        taken.assign(gts.size(), 0);
        bool inverted_gt = false;
        for (const ava_box& g : gts) inverted_gt = inverted_gt || g.box.y1 > g.box.y2 || g.box.x1 > g.box.x2;

        for (const ava_box& d : detections.rows(f)) {
            if (!(d.box.y1 < d.box.y2 && d.box.x1 < d.box.x2)) {
                ++result.invalid_detections;
                continue;
            }
            if (inverted_gt) {
                for (const ava_box& g : gts)
                    if (g.action_id == d.action_id && (g.box.y1 > g.box.y2 || g.box.x1 > g.box.x2))
                        throw parse_error(source_location{ground_truth.source(), g.line, 0, -1, {}},
                                          "a ground-truth box with x1 <= x2 and y1 <= y2: the reference's BoxList "
                                          "raises ValueError('Invalid box data') for frame '" + key +
                                              "', which has a detection of class " + std::to_string(g.action_id),
                                          "x1=" + std::to_string(g.box.x1) + " y1=" + std::to_string(g.box.y1) +
                                              " x2=" + std::to_string(g.box.x2) + " y2=" + std::to_string(g.box.y2));
            }
            // The ground truth of the detection's class, in the frame's order: IoUs, then np.argmax.
            ious.clear();
            rows_of_class.clear();
            for (std::size_t j = 0; j < gts.size(); ++j) {
                if (gts[j].action_id != d.action_id) continue;
                ious.push_back(box_iou(d.box, gts[j].box));
                rows_of_class.push_back(j);
            }
            bool tp = false;
            if (!ious.empty()) {
                const std::size_t best = detail::numpy_argmax(ious);
                const std::size_t j = rows_of_class[best];
                if (ious[best] >= 0.5 && !taken[j]) {
                    taken[j] = 1;
                    tp = true;
                }
            }
            detail::require_ava_class(d, num_class, detections.source());
            const auto c = static_cast<std::size_t>(d.action_id - 1);
            scores[c].push_back(d.score);
            tps[c].push_back(tp ? 1 : 0);
        }
    }

    // Per class: rank, precision/recall, VOC AP; then the nanmean over ids 1..max_id.
    std::vector<double> ap(num_class, std::numeric_limits<double>::quiet_NaN());
    detail::ava_ap_workspace w;
    for (std::size_t c = 0; c < num_class; ++c) {
        if (num_gt[c] == 0) continue;
        ap[c] = detail::ava_class_average_precision(scores[c], tps[c], num_gt[c], w);
    }
    std::vector<double> scratch;
    result.mean_ap = detail::numpy_nanmean(ap, scratch);
    for (std::size_t c = 0; c < num_class; ++c) {
        const auto id = static_cast<std::int64_t>(c) + 1;
        const std::string* name = labels.name_of(id);
        if (name == nullptr) continue;
        std::int64_t hits = 0;
        for (const std::uint8_t t : tps[c]) hits += t;
        result.per_class.push_back({id, *name, ap[c], num_gt[c], static_cast<std::int64_t>(scores[c].size()), hits});
    }
    return result;
}

/// ava_frame_map with an exclusions set by reference.
template <ava_policy P = official_metrics_policy>
[[nodiscard]] ava_frame_map_result ava_frame_map(const ava_frames& ground_truth, const ava_frames& detections,
                                                 const ava_label_map& labels, const ava_exclusions& excluded, P policy = {}) {
    return ava_frame_map(ground_truth, detections, labels, &excluded, policy);
}

/// The files of one AVA evaluation, as `get_ava_performance.py -l LABELMAP -g GT -d DETECTIONS [-e EXCLUSIONS]`.
struct ava_files {
    std::filesystem::path ground_truth;
    std::filesystem::path detections;
    std::filesystem::path label_map;
    std::optional<std::filesystem::path> exclusions;
};

/// Reads the files with policy P and evaluates them: CSV to number. Each file's text is released once
/// parsed, so the peak memory is the largest file plus the parsed rows.
template <ava_policy P = official_metrics_policy>
[[nodiscard]] ava_frame_map_result ava_frame_map(const ava_files& files, P policy = {}) {
    const ava_label_map labels = read_ava_label_map(files.label_map);
    std::optional<ava_exclusions> excluded;
    if (files.exclusions) excluded = read_ava_exclusions(*files.exclusions, policy);
    const ava_frames gt = read_ava_csv(files.ground_truth, labels, ava_csv_kind::ground_truth, policy);
    const ava_frames det = read_ava_csv(files.detections, labels, ava_csv_kind::detections, policy);
    return ava_frame_map(gt, det, labels, excluded ? &*excluded : nullptr, policy);
}

/// ava_frame_map as a vidata::metric: `ava_frame_map_metric<>{labels}(detections, ground_truth)`.
template <ava_policy P = official_metrics_policy>
struct ava_frame_map_metric {
    using vidata_concept = metric_tag;
    using prediction_type = ava_frames;
    using ground_truth_type = ava_frames;

    ava_label_map labels;
    std::optional<ava_exclusions> excluded{};

    [[nodiscard]] ava_frame_map_result operator()(const prediction_type& detections,
                                                  const ground_truth_type& ground_truth) const {
        return ava_frame_map(ground_truth, detections, labels, excluded ? &*excluded : nullptr, P{});
    }
};

static_assert(metric<ava_frame_map_metric<>> && metric<ava_frame_map_metric<mmaction2_metrics_policy>>);

}  // namespace vidata
