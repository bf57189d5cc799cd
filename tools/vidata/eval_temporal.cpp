// SPDX-License-Identifier: Apache-2.0
// `vidata eval ar-an|tdet`: ActivityNet / THUMOS'14 temporal proposals (AR@AN, with the AR-AN plot) and detection (mAP).
#include "commands.hpp"
#include "eval_support.hpp"

#include <vidata/core/error.hpp>
#include <vidata/io/detail/parse_number.hpp>
#include <vidata/metrics/activitynet_inputs.hpp>
#include <vidata/metrics/average_recall.hpp>
#include <vidata/metrics/plot/charts.hpp>
#include <vidata/metrics/plot/save.hpp>
#include <vidata/metrics/policy.hpp>
#include <vidata/metrics/temporal_detection.hpp>
#include <vidata/metrics/temporal_iou.hpp>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstddef>
#include <iostream>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vidata::cli::eval {

namespace {

struct ar_an_options {
    common_options common;
    std::string gt;
    std::string proposals;
    double max_avg_proposals = 100.0;
    std::string tiou = "0.5:0.95:10";
    std::string subset = "validation";
    CLI::Option* subset_option = nullptr;
};

struct tdet_options {
    common_options common;
    std::string gt;
    std::string pred;
    std::string tiou = "0.5:0.95:10";
    std::string subset = "validation";
    CLI::Option* subset_option = nullptr;
};

/// --tiou: `START:STOP:NUM` (np.linspace, so 0.5:0.95:10 gives ActivityNet's thresholds bit for bit) or a
/// comma-separated list of thresholds.
std::vector<double> parse_tiou(const std::string& text) {
    const auto fail = [&] {
        return invalid_argument("--tiou: expected START:STOP:NUM (np.linspace, e.g. 0.5:0.95:10; THUMOS'14 uses 0.3:0.7:5) "
                                "or a comma-separated list of thresholds (0.3,0.5,0.7), got '" + text + "'");
    };
    auto number = [&](std::string_view s) {
        double v = 0.0;
        if (detail::parse_number(s, v) != detail::number_status::ok || !std::isfinite(v)) throw fail();
        return v;
    };
    const std::string_view all(text);
    if (const auto first = all.find(':'); first != std::string_view::npos) {
        const auto second = all.find(':', first + 1);
        if (second == std::string_view::npos || all.find(':', second + 1) != std::string_view::npos) throw fail();
        const double num = number(all.substr(second + 1));
        if (!(num >= 1 && num <= 1000 && num == std::floor(num))) throw fail();
        return numpy_linspace(number(all.substr(0, first)), number(all.substr(first + 1, second - first - 1)),
                              static_cast<std::size_t>(num));
    }
    std::vector<double> out;
    std::size_t begin = 0;
    while (begin <= all.size()) {
        const auto comma = all.find(',', begin);
        const auto end = comma == std::string_view::npos ? all.size() : comma;
        out.push_back(number(all.substr(begin, end - begin)));
        begin = end + 1;
    }
    return out;
}

/// The ground truth, with the form's --subset rule: the official form selects a subset; MMAction2's has none.
activitynet_ground_truth load_ground_truth(const std::string& path, const std::string& subset, bool subset_given) {
    activitynet_ground_truth gt = read_activitynet_ground_truth(path, {subset});
    if (gt.form == activitynet_form::mmaction2) {
        if (subset_given)
            throw invalid_argument("--subset: " + path +
                                   " is in MMAction2's form ({\"v_<id>\": {...}}), which has no subsets: every video counts; drop --subset");
        return gt;
    }
    if (gt.videos.empty()) {
        std::string names;
        for (const std::string& s : gt.subsets) names += (names.empty() ? "'" : ", '") + s + "'";
        throw invalid_argument("--subset '" + subset + "' selects none of the " + std::to_string(gt.other_subsets) +
                               " videos of " + path + (names.empty() ? std::string() : "; its subsets are " + names));
    }
    return gt;
}

void run_ar_an(const ar_an_options& o) {
    const activitynet_ground_truth gt = load_ground_truth(o.gt, o.subset, o.subset_option->count() > 0);
    average_recall_options options;
    options.max_avg_proposals = o.max_avg_proposals;
    options.tiou_thresholds = parse_tiou(o.tiou);
    // The proposals stream through the evaluation a video at a time: a 46 MB submission is never held.
    auto evaluate = [&]<class Policy>(Policy) {
        average_recall_accumulator<Policy> accumulator(gt.videos, options);
        (void)read_temporal_results_by_video(o.proposals, [&](std::string_view id, std::span<const scored_segment> segments) {
            accumulator.add(id, segments);
        });
        return accumulator.result();
    };
    const average_recall_result r = o.common.semantics() == semantics::mmaction2 ? evaluate(mmaction2_metrics) : evaluate(official_metrics);
    if (o.common.json) {
        print_json(r.to_ordered_json());
    } else {
        std::vector<std::pair<std::string, double>> rows;
        for (const std::size_t n : {std::size_t{1}, std::size_t{5}, std::size_t{10}, std::size_t{100}})
            rows.emplace_back("AR@" + std::to_string(n), r.ar_at(n));
        rows.emplace_back("auc", r.auc);
        print_table(rows);
    }
    if (o.common.plot_dir.empty()) return;
    const auto saved = plot::save_plot(plot_directory(o.common) / "ar_an",
                                       plot::ar_an_chart(r.avg_proposals, r.tious, r.recall, r.average_recall));
    report_files(o.common, {saved.svg, saved.png});
}

void run_tdet(const tdet_options& o) {
    const activitynet_ground_truth gt = load_ground_truth(o.gt, o.subset, o.subset_option->count() > 0);
    const temporal_results predictions = read_temporal_results(o.pred);
    temporal_detection_options options;
    options.tiou_thresholds = parse_tiou(o.tiou);
    const temporal_detection_result r = o.common.semantics() == semantics::mmaction2
                                            ? temporal_detection_map(gt.videos, predictions, options, mmaction2_metrics)
                                            : temporal_detection_map(gt.videos, predictions, options, official_metrics);
    if (o.common.json) {
        print_json(r.to_ordered_json());
        return;
    }
    std::vector<std::pair<std::string, double>> rows;
    for (std::size_t t = 0; t < r.tiou_thresholds.size(); ++t) rows.emplace_back(r.key(r.tiou_thresholds[t]), r.mean_ap[t]);
    rows.emplace_back("average_mAP", r.average_mean_ap);
    print_table(rows);
    std::cout << "\nper-class AP (averaged over tIoU):\n";
    std::vector<std::pair<std::string, double>> classes;
    const std::vector<double> ap = r.class_average_ap();
    for (std::size_t c = 0; c < r.labels.size(); ++c) classes.emplace_back(r.labels[c], ap[c]);
    print_table(classes);
}

constexpr const char* gt_help =
    "ground truth: the official ActivityNet JSON ({\"database\": ...}, videos chosen by --subset) or MMAction2's "
    "anet_anno_*.json ({\"v_<id>\": ...}, every video, ids without 'v_')";
constexpr const char* subset_help =
    "official-form ground truth only: the subset to evaluate (default validation; THUMOS'14: test)";
constexpr const char* tiou_help =
    "tIoU thresholds: START:STOP:NUM as np.linspace (default 0.5:0.95:10) or a comma-separated list";

}  // namespace

void register_temporal(CLI::App& eval) {
    {
        auto o = std::make_shared<ar_an_options>();
        auto* cmd = eval.add_subcommand("ar-an", "Average recall vs average number of proposals (ActivityNet's proposal task): "
                                                 "AR@1/5/10/100 and the AUC, as eval_proposal.py and MMAction2 compute them");
        cmd->add_option("--gt", o->gt, gt_help)->required();
        cmd->add_option("--proposals", o->proposals, "proposals: {\"results\": {video: [{\"segment\": [s, e], \"score\": x}]}}")
            ->required();
        cmd->add_option("--max-avg-proposals", o->max_avg_proposals,
                        "the largest average number of proposals per video, the end of the curve (default 100; 0: total / videos)")
            ->capture_default_str();
        cmd->add_option("--tiou", o->tiou, tiou_help)->capture_default_str();
        o->subset_option = cmd->add_option("--subset", o->subset, subset_help);
        add_common_flags(cmd, o->common, true);
        cmd->callback([o] { run_ar_an(*o); });
    }
    {
        auto o = std::make_shared<tdet_options>();
        auto* cmd = eval.add_subcommand("tdet", "Temporal detection mAP per tIoU and average mAP (ActivityNet, THUMOS'14), "
                                                "as eval_detection.py and MMAction2's ActivityNetLocalization compute them");
        cmd->add_option("--gt", o->gt, gt_help)->required();
        cmd->add_option("--pred", o->pred,
                        "detections: {\"results\": {video: [{\"segment\": [s, e], \"score\": x, \"label\": name}]}}")
            ->required();
        cmd->add_option("--tiou", o->tiou, tiou_help)->capture_default_str();
        o->subset_option = cmd->add_option("--subset", o->subset, subset_help);
        add_common_flags(cmd, o->common, false);
        cmd->callback([o] { run_tdet(*o); });
    }
}

}  // namespace vidata::cli::eval
