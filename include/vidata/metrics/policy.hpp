// SPDX-License-Identifier: Apache-2.0
// The compile-time policies that choose between MMAction2 0.x's metric quirks and vidata's documented fixes.
#pragma once

#include <cstddef>
#include <string_view>

namespace vidata {

/// How top_k_accuracy and top_k_classes order tied scores (and ratios).
enum class tie_order {
    /// Higher score first; among equal scores the lower class index first; NaN ranks above every number
    /// (as np.argmax, which returns the first NaN). Top-1 is therefore always the argmax prediction.
    lower_index_first,
    /// Whatever numpy 1.24's np.argsort(kind='quicksort') puts last, as MMAction2's
    /// `argsort(scores)[:, -k:][:, ::-1]` takes it. Reproduced bit-exactly (see numpy_argsort).
    numpy_quicksort,
};

/// Which classes mean_class_accuracy averages over and top_k_classes ranks.
enum class class_set {
    /// The classes that occur among the ground-truth labels: the textbook mean per-class recall.
    ground_truth,
    /// The union of predicted and ground-truth classes, as MMAction2 builds its confusion matrix:
    /// a class that is predicted but never true adds a 0 term (quirk 8 of the register).
    predicted_or_true,
};

/// What top_k_classes reports as the id of a class.
enum class class_id {
    /// The class label itself.
    label,
    /// The class's position in the sorted class set, as MMAction2 reports it (`argsort(hit_ratio)` indexes
    /// the union label set, not the labels). Equal to the label only when every class 0..K-1 occurs.
    position_in_class_set,
};

/// AVA frame-mAP: how a CSV row's timestamp becomes part of its frame key (rows, detections and
/// exclusions meet on equal keys "video_id,timestamp").
enum class ava_timestamp {
    /// `"%s,%.6f" % (video_id, decimal.Decimal(ts))`: the timestamp read as a number and printed with six
    /// decimals, so "0902", "902" and "902.0" name one frame and AVA-Kinetics' fractional seconds
    /// ("5.016949") are kept (official toolkit since ActivityNet PR #70).
    microseconds,
    /// `"%s,%04d" % (video_id, int(ts))`: an integer of seconds, zero-padded to four digits; a fractional
    /// timestamp is an error, as Python's int("5.5") is (MMAction2 0.x, the 2018 official script).
    whole_seconds,
};

/// AVA frame-mAP: how the rows of one frame are gathered before they are sorted by decreasing score
/// (a stable sort: the gathered order decides among equal scores, hence greedy matching and AP on ties).
enum class ava_frame_rows {
    /// Pushed onto a Python heapq of (score, action_id, y1, x1, y2, x2) tuples; when the frame holds the
    /// maximum number of detections, a row replaces the heap's minimum only if its score is larger
    /// (official read_csv; the heap's array order is reproduced exactly).
    score_heap,
    /// Appended in file order (MMAction2 0.x read_csv).
    file_order,
};

/// AVA frame-mAP: what becomes of detections on a frame that the ground-truth CSV does not name.
enum class ava_unknown_frames {
    /// Dropped (official: detections count only on keys that occur in the ground-truth CSV, in any row,
    /// a two-column "video_id,timestamp" row included).
    ignored,
    /// Evaluated against no ground truth: every one a false positive (MMAction2 0.x).
    false_positives,
};

// The temporal metrics of ActivityNet and THUMOS'14 (average_recall.hpp, temporal_detection.hpp). The official
// toolkit (`Evaluation/eval_proposal.py`, `eval_detection.py`) and MMAction2 0.x disagree in these places
// (reference-behaviour.md §1.8, quirks 11 and 12); docs/metrics-temporal.md describes each.

/// How temporal detection ranks the predictions of a class that have equal scores (the greedy matching,
/// hence the AP, depends on it). AR@AN ranks a video's proposals in numpy's order under both references.
enum class temporal_tie_order {
    /// numpy 1.24's `scores.argsort()[::-1]` over the predictions in file order: the introsort's order among
    /// equal scores, reversed (the official `eval_detection.py`). Reproduced bit for bit (see numpy_argsort).
    numpy_quicksort_reversed,
    /// Decreasing score, equal scores in file order: Python's stable `list.sort(key=lambda x: -x['score'])`
    /// (MMAction2's ActivityNetLocalization).
    stable,
};

/// What AR@AN does with a ground-truth video for which the results hold no proposal.
enum class missing_proposals {
    /// The video's segments count as not recalled (the official toolkit scores it `zeros((n_gt, 1))`).
    count_as_missed,
    /// vidata::invalid_argument naming the video: MMAction2 raises KeyError (quirk 11 of the register).
    error,
};

/// Which proposals the AR@AN budget `ratio = max_avg_proposals · videos / proposals` divides by.
enum class proposal_count_base {
    /// Every proposal of the results, those of videos outside the evaluated ground truth included: the
    /// official `proposals.shape[0]` and MMAction2's `num_proposals` over its results list.
    all_submitted,
    /// Only the proposals of the evaluated ground-truth videos (no reference does this; a vidata choice).
    ground_truth_videos,
};

/// The arithmetic of temporal IoU.
enum class tiou_arithmetic {
    /// Segments and tIoU in float64 (the official toolkit).
    float64,
    /// MMAction2's float32: `pairwise_temporal_iou` stores tIoU as float32, and AR@AN first casts the segments
    /// to float32 and compares tIoU with each threshold in float32 (numpy 1.x value-based casting), so a tIoU
    /// that sits on a threshold can land on either side of it.
    mmaction2_float32,
};

/// vidata's default: MMAction2's definitions with the ambiguities resolved and the accidental quirks fixed.
/// Derive from it to change a single choice: `struct mine : official_metrics_policy { static constexpr
/// class_set classes = class_set::predicted_or_true; };`
struct official_metrics_policy {
    static constexpr tie_order ties = tie_order::lower_index_first;
    static constexpr class_set classes = class_set::ground_truth;
    static constexpr class_id ids = class_id::label;

    // AVA frame-mAP (ava_frame_map.hpp) as the ActivityNet toolkit's Evaluation/get_ava_performance.py
    // (2020 revision, AVA-Kinetics era) computes it. ava_max_detections_per_frame: the detections kept per
    // frame, highest scores first (0: all); ava_empty_frame_rows: two-column "video_id,timestamp" rows name
    // a frame without boxes (else they are an error); ava_honour_exclusions: an exclusions file removes its
    // frames from both CSVs (MMAction2 does so only when `verbose`, its default); ava_metric_name: the key
    // the reference reports the mean under.
    static constexpr ava_timestamp ava_keys = ava_timestamp::microseconds;
    static constexpr ava_frame_rows ava_rows = ava_frame_rows::score_heap;
    static constexpr std::size_t ava_max_detections_per_frame = 50;
    static constexpr bool ava_empty_frame_rows = true;
    static constexpr ava_unknown_frames ava_unknown = ava_unknown_frames::ignored;
    static constexpr bool ava_honour_exclusions = true;
    static constexpr std::string_view ava_metric_name = "PascalBoxes_Precision/mAP@0.5IOU";

    // Temporal proposals and detection (average_recall.hpp, temporal_detection.hpp) as the official
    // ActivityNet toolkit computes them.
    static constexpr temporal_tie_order temporal_ties = temporal_tie_order::numpy_quicksort_reversed;
    static constexpr missing_proposals videos_without_proposals = missing_proposals::count_as_missed;
    static constexpr proposal_count_base proposal_count = proposal_count_base::all_submitted;
    static constexpr tiou_arithmetic tiou_precision = tiou_arithmetic::float64;
};

/// MMAction2 0.x (`mmaction/core/evaluation/accuracy.py`) exactly, numpy 1.24 tie order included, so that
/// numbers reproduce published logs.
struct mmaction2_metrics_policy {
    static constexpr tie_order ties = tie_order::numpy_quicksort;
    static constexpr class_set classes = class_set::predicted_or_true;
    static constexpr class_id ids = class_id::position_in_class_set;

    // AVA frame-mAP as MMAction2 0.x `ava_eval(..., verbose=True)` computes it (mmaction/core/evaluation/ava_utils.py).
    static constexpr ava_timestamp ava_keys = ava_timestamp::whole_seconds;
    static constexpr ava_frame_rows ava_rows = ava_frame_rows::file_order;
    static constexpr std::size_t ava_max_detections_per_frame = 0;
    static constexpr bool ava_empty_frame_rows = false;
    static constexpr ava_unknown_frames ava_unknown = ava_unknown_frames::false_positives;
    static constexpr bool ava_honour_exclusions = true;
    static constexpr std::string_view ava_metric_name = "mAP@0.5IOU";

    // Temporal proposals and detection as MMAction2 0.x computes them (average_recall_at_avg_proposals,
    // ActivityNetLocalization in mmaction/core/evaluation/{accuracy,eval_detection}.py).
    static constexpr temporal_tie_order temporal_ties = temporal_tie_order::stable;
    static constexpr missing_proposals videos_without_proposals = missing_proposals::error;
    static constexpr proposal_count_base proposal_count = proposal_count_base::all_submitted;
    static constexpr tiou_arithmetic tiou_precision = tiou_arithmetic::mmaction2_float32;
};

/// Tags to pass as the last argument: `top_k_accuracy(scores, labels, {1, 5}, vidata::mmaction2_metrics)`.
inline constexpr official_metrics_policy official_metrics{};
inline constexpr mmaction2_metrics_policy mmaction2_metrics{};

// The spatio-temporal metrics of JHMDB, UCF101-24 and MultiSports (tube_iou.hpp, frame_map.hpp, video_map.hpp).
// ACT-detector / MOC and MultiSports (MMAction2 1.x) define them differently in four places; each is a choice.

/// How wide a box is.
enum class box_extent {
    /// `x2 - x1`: corners are points of a continuous plane (MultiSports, MMAction2 1.x `iou2d_voc`).
    continuous,
    /// `x2 - x1 + 1`: corners index pixels and both belong to the box (ACT-detector, MOC `iou2d`).
    inclusive_pixels,
};

/// How long a tube is.
enum class frame_extent {
    /// `last - first + 1` frames (ACT-detector, MOC `iou3dt`).
    inclusive_frames,
    /// `last - first` (MultiSports, MMAction2 1.x `iou3dt_voc`).
    continuous,
};

/// Which ground truth a detection, taken in decreasing score, may claim.
enum class gt_matching {
    /// The best-overlapping ground truth among those still unclaimed (ACT and MOC delete a claimed box or tube).
    best_unmatched,
    /// The best-overlapping ground truth among all of them; a true positive only if it is still unclaimed
    /// (MultiSports, MMAction2 1.x).
    best_overall,
};

/// How a precision-recall curve becomes an average precision.
enum class pr_integration {
    /// ACT / MOC `pr_to_ap`: the trapezoid rule over the curve, which starts at (recall 0, precision 1).
    trapezoid,
    /// PASCAL VOC 2010+ all points (MultiSports `pr_to_ap_voc`): precision made non-increasing by a running
    /// maximum from the right, summed over the recall steps.
    voc_all_points,
};

/// The order of detections with equal scores (the greedy matching, hence the AP, depends on it).
enum class detection_ties {
    /// By video index, then frame, then box corners (a tube: row by row, a prefix first): a function of
    /// the set of detections, whatever order they come in.
    canonical,
    /// numpy 1.24's `np.argsort(-scores)` (introsort) over the detections in input order, as ACT, MOC and
    /// MultiSports sort them: reproduces their numbers on ties when the input order is theirs.
    numpy_quicksort,
};

/// ACT-detector (Kalogeiton et al., ICCV 2017) and MOC (Li et al., ECCV 2020) as they evaluate JHMDB and
/// UCF101-24: the definitions published numbers on these datasets use. vidata's default for them.
struct act_tube_policy {
    static constexpr box_extent boxes = box_extent::inclusive_pixels;
    static constexpr frame_extent frames = frame_extent::inclusive_frames;
    static constexpr gt_matching matching = gt_matching::best_unmatched;
    static constexpr pr_integration integration = pr_integration::trapezoid;
    static constexpr detection_ties ties = detection_ties::canonical;
};

/// MultiSports (Li et al., ICCV 2021) as MMAction2 1.x `multisports_utils.py` adapts it, without its bugs
/// (six hard-coded skipped classes, the stale score of `link_tubes`).
struct multisports_tube_policy {
    static constexpr box_extent boxes = box_extent::continuous;
    static constexpr frame_extent frames = frame_extent::continuous;
    static constexpr gt_matching matching = gt_matching::best_overall;
    static constexpr pr_integration integration = pr_integration::voc_all_points;
    static constexpr detection_ties ties = detection_ties::canonical;
};

/// Tags: `frame_map(gt, detections, {}, vidata::multisports_tubes)`.
inline constexpr act_tube_policy act_tubes{};
inline constexpr multisports_tube_policy multisports_tubes{};

}  // namespace vidata
