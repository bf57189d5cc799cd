// SPDX-License-Identifier: Apache-2.0
// `vidata eval ava`: AVA frame-mAP@0.5IoU from the CSVs, as get_ava_performance.py (official) or MMAction2's ava_eval.
#include "commands.hpp"
#include "eval_support.hpp"

#include <vidata/metrics/ava_frame_map.hpp>
#include <vidata/metrics/policy.hpp>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace vidata::cli::eval {

namespace {

struct ava_options {
    common_options common;
    std::string gt;
    std::string pred;
    std::string label_map;
    std::string exclude;
};

template <class Policy>
ava_frame_map_result evaluate(const ava_options& o) {
    ava_files files{o.gt, o.pred, o.label_map, std::nullopt};
    if (!o.exclude.empty()) files.exclusions = o.exclude;
    return ava_frame_map(files, Policy{});
}

void run_ava(const ava_options& o) {
    const ava_frame_map_result r = o.common.semantics() == semantics::mmaction2 ? evaluate<mmaction2_metrics_policy>(o)
                                                                                : evaluate<official_metrics_policy>(o);
    if (o.common.json) {
        // The reference's per-category dict: by increasing id, a repeated name keeping the last id's AP.
        nlohmann::ordered_json per_class = nlohmann::ordered_json::object();
        for (const auto& c : r.per_class) per_class[c.name] = c.average_precision;
        nlohmann::ordered_json j;
        j["mAP@0.5IoU"] = r.mean_ap;
        j["per_class"] = std::move(per_class);
        print_json(j);
        return;
    }
    std::vector<std::pair<std::string, double>> rows;
    rows.emplace_back(r.metric, r.mean_ap);
    for (const auto& c : r.per_class) rows.emplace_back("AP@0.5IOU/" + c.name + " (id " + std::to_string(c.id) + ")", c.average_precision);
    print_table(rows);
    std::cout << r.ground_truth_frames << " ground-truth frames, " << r.detection_frames << " detection frames evaluated";
    if (r.ignored_frames != 0) std::cout << ", " << r.ignored_frames << " detection frames absent from the ground truth ignored";
    if (r.excluded_frames != 0) std::cout << ", " << r.excluded_frames << " frames excluded";
    if (r.invalid_detections != 0) std::cout << ", " << r.invalid_detections << " degenerate detections dropped";
    std::cout << '\n';
}

}  // namespace

void register_ava(CLI::App& eval) {
    auto o = std::make_shared<ava_options>();
    auto* cmd = eval.add_subcommand(
        "ava", "AVA frame-mAP@0.5IoU of AVA-format detections (ActivityNet's get_ava_performance.py, MMAction2's ava_eval)");
    cmd->add_option("--gt", o->gt, "ground-truth CSV: video_id,timestamp,x1,y1,x2,y2,action_id[,person_id]")->required();
    cmd->add_option("--pred", o->pred, "detections CSV: video_id,timestamp,x1,y1,x2,y2,action_id,score")->required();
    cmd->add_option("--label-map", o->label_map,
                    "label map pbtxt ('item { name: \"...\" id: N }' or label_id): the classes evaluated")
        ->required();
    cmd->add_option("--exclude", o->exclude, "excluded timestamps CSV: video_id,timestamp (frames left out of both CSVs)");
    add_common_flags(cmd, o->common, false);
    cmd->callback([o] { run_ava(*o); });
}

}  // namespace vidata::cli::eval
