// SPDX-License-Identifier: Apache-2.0
// `vidata eval frame-map` and `vidata eval video-map`: JHMDB / UCF101-24 / MultiSports spatio-temporal detection metrics.
#include "commands.hpp"
#include "eval_support.hpp"

#include <vidata/metrics/frame_map.hpp>
#include <vidata/metrics/tube_inputs.hpp>
#include <vidata/metrics/video_map.hpp>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <iostream>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace vidata::cli::eval {

namespace {

struct tube_options {
    common_options common;
    std::string gt;
    std::string pred;
    int split = 1;  // 1-based, as ACT's and MOC's --split
    std::string ties = "canonical";
};

template <class Base>
struct with_numpy_ties : Base {
    static constexpr detection_ties ties = detection_ties::numpy_quicksort;
};

// Calls f with the policy the flags name: --semantics official = ACT-detector / MOC (the definitions
// JHMDB and UCF101-24 results are published with), mmaction2 = MMAction2 1.x's MultiSports code.
template <class F>
auto with_policy(const tube_options& o, F&& f) {
    const bool numpy = o.ties == "numpy";
    if (o.common.semantics() == semantics::official)
        return numpy ? f(with_numpy_ties<act_tube_policy>{}) : f(act_tube_policy{});
    return numpy ? f(with_numpy_ties<multisports_tube_policy>{}) : f(multisports_tube_policy{});
}

void add_tube_flags(CLI::App* cmd, tube_options& o, const char* pred_help) {
    cmd->add_option("--gt", o.gt, "ground truth: JHMDB-GT.pkl, UCF101v2-GT.pkl or a MultiSports GT pickle")->required()->check(CLI::ExistingFile);
    cmd->add_option("--pred", o.pred, pred_help)->required()->check(CLI::ExistingPath);
    cmd->add_option("--split", o.split, "the test split to evaluate, 1-based (JHMDB has 3, UCF101-24 and MultiSports 1)")
        ->check(CLI::PositiveNumber);
    cmd->add_option("--ties", o.ties,
                    "order of equal scores: 'canonical' (by video, frame, box; independent of input order) or 'numpy' "
                    "(np.argsort(-scores) over the input order, as ACT, MOC and MultiSports)")
        ->check(CLI::IsMember({"canonical", "numpy"}));
    add_common_flags(cmd, o.common, false);
}

std::size_t split_index(const tube_options& o) { return static_cast<std::size_t>(o.split - 1); }

// A note on stderr (never stdout, which --json keeps for one object) when detections name other videos;
// printed after a successful evaluation, so that a failure stays one line.
template <class Detection>
void note_outside(const loaded_detections<Detection>& loaded, std::size_t evaluated, int split) {
    std::size_t outside = 0;
    for (const auto& d : loaded.detections) outside += d.video < 0 || static_cast<std::size_t>(d.video) >= evaluated;
    if (outside > 0)
        std::cerr << "vidata: note: " << outside << " detection(s) are in videos outside test split " << split
                  << "; they count as false positives\n";
}

void run_frame_map(const tube_options& o, double iou) {
    const auto gt = read_tube_ground_truth(o.gt);
    const auto loaded = read_frame_detections(o.pred, gt, split_index(o));
    const frame_map_options options{split_index(o), iou};
    const auto result = with_policy(o, [&](auto policy) {
        return frame_mean_ap(gt, std::span<const frame_detection>(loaded.detections), options, policy);
    });
    note_outside(loaded, evaluated_videos(gt, split_index(o)).size(), o.split);
    const std::string key = "frame_mAP@" + frame_map_result::threshold_name(iou);
    if (o.common.json) {
        nlohmann::ordered_json out;
        out[key] = result.mean_ap;
        nlohmann::ordered_json per_class = nlohmann::ordered_json::object();
        for (std::size_t c = 0; c < result.labels.size(); ++c)
            if (result.ap[c]) per_class[result.labels[c]] = *result.ap[c];
        out["per_class_ap"] = per_class;
        print_json(out);
        return;
    }
    std::vector<std::pair<std::string, double>> rows;
    for (std::size_t c = 0; c < result.labels.size(); ++c)
        if (result.ap[c]) rows.emplace_back(result.labels[c], *result.ap[c]);
    rows.emplace_back(key, result.mean_ap);
    print_table(rows);
}

void run_video_map(const tube_options& o, const std::vector<double>& thresholds, const std::optional<double>& nms) {
    const auto gt = read_tube_ground_truth(o.gt);
    const auto loaded = read_tube_detections(o.pred, gt, split_index(o));
    const video_map_options options{split_index(o), thresholds};
    const auto result = with_policy(o, [&](auto policy) {
        const std::span<const tube_detection> all(loaded.detections);
        if (!nms) return video_mean_ap(gt, all, options, policy);
        const auto kept = suppress_tubes(all, *nms, policy);
        return video_mean_ap(gt, std::span<const tube_detection>(kept), options, policy);
    });
    note_outside(loaded, evaluated_videos(gt, split_index(o)).size(), o.split);
    if (o.common.json) {
        print_json(result.to_ordered_json());
        return;
    }
    std::vector<std::pair<std::string, double>> rows;
    for (std::size_t c = 0; c < result.labels.size(); ++c)
        if (result.ap_50_95[c]) rows.emplace_back(result.labels[c] + " @0.5:0.95", *result.ap_50_95[c]);
    for (std::size_t t = 0; t < thresholds.size(); ++t)
        rows.emplace_back("video_mAP@" + frame_map_result::threshold_name(thresholds[t]), result.mean_ap[t]);
    rows.emplace_back("video_mAP@0.5:0.95", result.mean_ap_50_95);
    print_table(rows);
}

}  // namespace

void register_tubes(CLI::App& eval) {
    {
        auto options = std::make_shared<tube_options>();
        auto iou = std::make_shared<double>(0.5);
        auto* cmd = eval.add_subcommand("frame-map", "Frame-mAP of JHMDB / UCF101-24 / MultiSports: per-frame box AP at an IoU threshold, mean over classes");
        add_tube_flags(cmd, *options,
                       "frame detections: CSV 'video,frame,label,score,x1,y1,x2,y2', or ACT/MOC frame_detections.pkl (.npy) N x 8");
        cmd->add_option("--iou", *iou, "the box IoU a true positive needs (default 0.5)")->check(CLI::Range(0.0, 1.0));
        cmd->callback([options, iou] { run_frame_map(*options, *iou); });
    }
    {
        auto options = std::make_shared<tube_options>();
        auto thresholds = std::make_shared<std::vector<double>>(std::vector<double>{0.2, 0.5, 0.75});
        auto nms = std::make_shared<std::optional<double>>();
        auto* cmd = eval.add_subcommand("video-map",
                                        "Video-mAP of JHMDB / UCF101-24 / MultiSports: tube AP at spatio-temporal IoU thresholds, mean over classes, and 0.5:0.95");
        add_tube_flags(cmd, *options,
                       "detected tubes: JSON [{video, label, score, boxes}], MultiSports link_tubes .pkl, or an ACT/MOC directory of <video>_tubes.pkl");
        cmd->add_option("--iou", *thresholds, "the tube IoU thresholds to report (default 0.2 0.5 0.75); 0.5:0.95 is always reported")
            ->check(CLI::Range(0.0, 1.0));
        cmd->add_option("--tube-nms", *nms,
                        "first suppress, per video and class, tubes overlapping a better one by more than T (ACT's nms3dt; ACT and MOC use 0.3)")
            ->check(CLI::Range(0.0, 1.0));
        cmd->callback([options, thresholds, nms] { run_video_map(*options, *thresholds, *nms); });
    }
}

}  // namespace vidata::cli::eval
