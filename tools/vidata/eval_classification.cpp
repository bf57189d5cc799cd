// SPDX-License-Identifier: Apache-2.0
// `vidata eval accuracy|map|confusion`: classification and multi-label metrics of MMAction2 0.x, with plots.

#include "commands.hpp"
#include "eval_support.hpp"

#include <vidata/core/error.hpp>
#include <vidata/io/line_reader.hpp>
#include <vidata/io/read_file.hpp>
#include <vidata/metrics/average_precision.hpp>
#include <vidata/metrics/confusion_matrix.hpp>
#include <vidata/metrics/inputs.hpp>
#include <vidata/metrics/classification_accuracy.hpp>
#include <vidata/metrics/mean_class_accuracy.hpp>
#include <vidata/metrics/plot/charts.hpp>
#include <vidata/metrics/plot/save.hpp>
#include <vidata/metrics/policy.hpp>
#include <vidata/metrics/top_k_accuracy.hpp>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace vidata::cli::eval {

namespace {

struct accuracy_options {
    common_options common;
    std::string scores;
    std::string labels;
    std::string labels_layout = "auto";
    std::vector<int> topk{1, 5};
};

struct map_options {
    common_options common;
    std::string scores;
    std::string labels;
    std::string labels_layout = "auto";
    std::vector<std::int64_t> classes;  // PR curves of these classes; default: the first ones with a positive
    std::string class_names;
};

struct confusion_options {
    common_options common;
    std::string pred;
    std::string labels;
    std::string labels_layout = "auto";
    std::string pred_layout = "auto";
    std::string normalize = "none";
    std::string class_names;
};

/// The spellings of --labels-layout (and --pred-layout): how the columns of a text label file are read.
inline const std::vector<std::string>& label_layout_names() {
    static const std::vector<std::string> names = {"auto", "plain", "video-list", "rawframe-list", "rawframe-list-with-offset"};
    return names;
}

/// The vidata::label_layout a --labels-layout value names ("auto" is label_layout::automatic).
[[nodiscard]] inline label_layout parse_label_layout(const std::string& name) {
    if (name == "auto") return label_layout::automatic;
    if (name == "plain") return label_layout::plain;
    if (name == "video-list") return label_layout::video_list;
    if (name == "rawframe-list") return label_layout::rawframe_list;
    if (name == "rawframe-list-with-offset") return label_layout::rawframe_list_with_offset;
    throw invalid_argument("--labels-layout: expected auto, plain, video-list, rawframe-list or rawframe-list-with-offset, got '" +
                           name + "'");
}

/// Adds a layout option (`--labels-layout`) for a text label file to `cmd`, stored in `target`.
inline void add_label_layout_option(CLI::App* cmd, const std::string& flag, std::string& target, const std::string& what) {
    cmd->add_option(flag, target,
                    "how the lines of " + what +
                        " are laid out when it is a text file: auto (default; see docs/metrics.md), plain ('label...'), "
                        "video-list ('path label...'), rawframe-list ('frame_dir total_frames label...'), "
                        "rawframe-list-with-offset ('frame_dir offset total_frames label...')")
        ->check(CLI::IsMember(label_layout_names()));
}

/// How many precision-recall curves `map --plot` draws when --classes is not given.
constexpr std::size_t default_pr_curves = 10;

void require_same_count(std::size_t labels, Eigen::Index rows, const std::string& labels_path, const std::string& scores_path) {
    if (static_cast<Eigen::Index>(labels) == rows) return;
    throw invalid_argument("--labels " + labels_path + " holds " + std::to_string(labels) + " items but --scores " +
                           scores_path + " has " + std::to_string(rows) +
                           " rows; pass one label line per scored sample, in the same order");
}

/// One class name per line (line i names class i), as a label map written one name per line.
std::vector<std::string> read_class_names(const std::string& path) {
    std::vector<std::string> names;
    if (path.empty()) return names;
    const std::string text = read_file(path);
    for (const text_line& line : lines(text, path)) {
        std::string_view name = line.text();
        while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.remove_suffix(1);
        while (!name.empty() && (name.front() == ' ' || name.front() == '\t')) name.remove_prefix(1);
        names.emplace_back(name);
    }
    while (!names.empty() && names.back().empty()) names.pop_back();
    return names;
}

std::string class_name(const std::vector<std::string>& names, std::int64_t c) {
    const auto i = static_cast<std::size_t>(c);
    return c >= 0 && i < names.size() && !names[i].empty() ? names[i] : "class " + std::to_string(c);
}

void run_accuracy(const accuracy_options& o) {
    const auto sem = o.common.semantics();
    const loaded_scores scores = load_scores(o.scores);
    const std::vector<std::int64_t> labels =
        load_labels(o.labels, scores.cols(), {input_format::automatic, parse_label_layout(o.labels_layout)});
    require_same_count(labels.size(), scores.rows(), o.labels, o.scores);

    std::vector<double> acc;
    double mca = 0;
    scores.visit([&](const auto& m) {
        const auto r = sem == semantics::mmaction2 ? classification_accuracy(m, labels, o.topk, mmaction2_metrics)
                                                   : classification_accuracy(m, labels, o.topk, official_metrics);
        acc = r.top_k;
        mca = r.mean_class_accuracy;
    });

    std::vector<std::pair<std::string, double>> rows;
    for (std::size_t i = 0; i < o.topk.size(); ++i) rows.emplace_back("top" + std::to_string(o.topk[i]) + "_acc", acc[i]);
    rows.emplace_back("mean_class_accuracy", mca);
    if (o.common.json) {
        nlohmann::ordered_json j;
        for (const auto& [name, value] : rows) j[name] = value;
        print_json(j);
    } else {
        print_table(rows);
    }
}

void run_map(const map_options& o) {
    const loaded_scores scores = load_scores(o.scores);
    const multi_hot_labels labels =
        load_multi_labels(o.labels, scores.cols(), {input_format::automatic, parse_label_layout(o.labels_layout)});
    require_same_count(static_cast<std::size_t>(labels.rows()), scores.rows(), o.labels, o.scores);
    for (const std::int64_t c : o.classes)
        if (c < 0 || c >= scores.cols())
            throw invalid_argument("--classes: class " + std::to_string(c) + " is outside [0, " +
                                   std::to_string(scores.cols()) + "), the columns of --scores " + o.scores);

    double map = 0, mmit = 0;
    scores.visit([&](const auto& m) {
        map = mean_average_precision(m, labels);
        mmit = mmit_mean_average_precision(m, labels);
    });
    const std::vector<std::pair<std::string, double>> rows = {{"mean_average_precision", map},
                                                              {"mmit_mean_average_precision", mmit}};
    if (o.common.json) {
        nlohmann::ordered_json j;
        for (const auto& [name, value] : rows) j[name] = value;
        print_json(j);
    } else {
        print_table(rows);
    }

    if (o.common.plot_dir.empty()) return;
    std::vector<std::int64_t> classes = o.classes;
    if (classes.empty())
        for (Eigen::Index c = 0; c < labels.cols() && classes.size() < default_pr_curves; ++c)
            if (labels.col(c).maxCoeff() == 1) classes.push_back(c);
    const std::vector<std::string> class_names = read_class_names(o.class_names);
    std::vector<precision_recall_curve> curves;
    std::vector<std::string> names;
    scores.visit([&](const auto& m) {
        using T = typename std::remove_cvref_t<decltype(m)>::Scalar;
        std::vector<T> column(static_cast<std::size_t>(m.rows()));
        std::vector<std::uint8_t> truth(static_cast<std::size_t>(m.rows()));
        for (const std::int64_t c : classes) {
            for (Eigen::Index r = 0; r < m.rows(); ++r) {
                column[static_cast<std::size_t>(r)] = m(r, c);
                truth[static_cast<std::size_t>(r)] = labels(r, c);
            }
            curves.push_back(binary_precision_recall_curve(column, truth));
            char ap[48];
            std::snprintf(ap, sizeof ap, " (AP %.3f)", average_precision(column, truth));
            names.push_back(class_name(class_names, c) + ap);
        }
    });
    const auto saved = plot::save_plot(plot_directory(o.common) / "precision_recall",
                                       plot::precision_recall_chart(curves, names));
    report_files(o.common, {saved.svg, saved.png});
}

/// The confusion matrix as an aligned table: a header of predicted labels, one row per true label.
void print_confusion_table(const labelled_confusion_matrix& cm, bool counts) {
    std::vector<std::string> header{"true\\pred"};
    for (const auto l : cm.labels) header.push_back(std::to_string(l));
    std::vector<std::vector<std::string>> table{header};
    for (std::size_t i = 0; i < cm.labels.size(); ++i) {
        std::vector<std::string> row{std::to_string(cm.labels[i])};
        for (std::size_t j = 0; j < cm.labels.size(); ++j) {
            char cell[48];
            std::snprintf(cell, sizeof cell, counts ? "%.0f" : "%.4f",
                          cm.matrix(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)));
            row.emplace_back(cell);
        }
        table.push_back(std::move(row));
    }
    std::vector<std::size_t> width(header.size());
    for (const auto& row : table)
        for (std::size_t j = 0; j < row.size(); ++j) width[j] = std::max(width[j], row[j].size());
    for (const auto& row : table) {
        for (std::size_t j = 0; j < row.size(); ++j) {
            if (j > 0) std::cout << "  ";
            // The first column (labels) left-aligned, numbers right-aligned.
            if (j == 0) std::cout << row[j] << std::string(width[j] - row[j].size(), ' ');
            else std::cout << std::string(width[j] - row[j].size(), ' ') << row[j];
        }
        std::cout << '\n';
    }
}

void run_confusion(const confusion_options& o) {
    const std::vector<std::int64_t> pred = load_labels(o.pred, 0, {input_format::automatic, parse_label_layout(o.pred_layout)});
    const std::vector<std::int64_t> truth =
        load_labels(o.labels, 0, {input_format::automatic, parse_label_layout(o.labels_layout)});
    if (pred.size() != truth.size())
        throw invalid_argument("--pred " + o.pred + " holds " + std::to_string(pred.size()) + " predictions but --labels " +
                               o.labels + " holds " + std::to_string(truth.size()) +
                               " labels; pass one prediction per labelled sample, in the same order");
    confusion_normalize normalize = confusion_normalize::none;
    if (o.normalize == "true") normalize = confusion_normalize::over_true;
    else if (o.normalize == "pred") normalize = confusion_normalize::over_pred;
    else if (o.normalize == "all") normalize = confusion_normalize::over_all;
    const labelled_confusion_matrix cm = confusion_matrix(pred, truth, normalize);

    if (o.common.json) {
        nlohmann::ordered_json j;
        j["label_set"] = cm.labels;
        nlohmann::ordered_json rows = nlohmann::ordered_json::array();
        for (Eigen::Index i = 0; i < cm.matrix.rows(); ++i) {
            nlohmann::ordered_json row = nlohmann::ordered_json::array();
            for (Eigen::Index k = 0; k < cm.matrix.cols(); ++k) {
                // Counts print as integers, as MMAction2's int64 matrix; normalised values as floats.
                if (normalize == confusion_normalize::none) row.push_back(static_cast<std::int64_t>(cm.matrix(i, k)));
                else row.push_back(cm.matrix(i, k));
            }
            rows.push_back(std::move(row));
        }
        j["confusion_matrix"] = std::move(rows);
        print_json(j);
    } else {
        print_confusion_table(cm, normalize == confusion_normalize::none);
    }

    if (o.common.plot_dir.empty()) return;
    const std::vector<std::string> names = read_class_names(o.class_names);
    const std::string title = normalize == confusion_normalize::none ? "confusion matrix" : "confusion matrix (normalised over " + o.normalize + ")";
    const auto saved = plot::save_plot(plot_directory(o.common) / "confusion_matrix",
                                       plot::confusion_heat_map(cm, names, title, normalize != confusion_normalize::none));
    report_files(o.common, {saved.svg, saved.png});
}

}  // namespace

void register_classification(CLI::App& eval) {
    {
        auto o = std::make_shared<accuracy_options>();
        auto* cmd = eval.add_subcommand("accuracy", "Top-k accuracy and mean class accuracy of class scores (MMAction2's top_k_accuracy, mean_class_accuracy)");
        cmd->add_option("--scores", o->scores, "N x C class scores: .npy, MMAction2 results.pkl or JSON")->required();
        cmd->add_option("--labels", o->labels,
                        "N ground-truth labels: a label file, an MMAction2 annotation list, a .npy, JSON or pickle")
            ->required();
        cmd->add_option("--topk", o->topk, "the k of top-k accuracy (default: 1 5)")->expected(1, 64);
        add_label_layout_option(cmd, "--labels-layout", o->labels_layout, "--labels");
        add_common_flags(cmd, o->common, false);
        cmd->callback([o] { run_accuracy(*o); });
    }
    {
        auto o = std::make_shared<map_options>();
        auto* cmd = eval.add_subcommand("map", "Mean average precision of multi-label scores (MMAction2's mean_average_precision, mmit_mean_average_precision)");
        cmd->add_option("--scores", o->scores, "N x C class scores: .npy, MMAction2 results.pkl or JSON")->required();
        cmd->add_option("--labels", o->labels,
                        "N label sets: a label file (space-separated ids), an annotation list, an N x C multi-hot .npy, JSON or pickle")
            ->required();
        add_label_layout_option(cmd, "--labels-layout", o->labels_layout, "--labels");
        cmd->add_option("--classes", o->classes, "with --plot: the classes whose precision-recall curves to draw (default: the first 10 with a positive)")
            ->expected(1, 64);
        cmd->add_option("--class-names", o->class_names, "with --plot: a file with one class name per line (line i names class i)");
        add_common_flags(cmd, o->common, true);
        cmd->callback([o] { run_map(*o); });
    }
    {
        auto o = std::make_shared<confusion_options>();
        auto* cmd = eval.add_subcommand("confusion", "Confusion matrix of predicted against true labels (MMAction2's confusion_matrix)");
        cmd->add_option("--pred", o->pred, "N predicted labels: a label file (or any form --labels takes)")->required();
        cmd->add_option("--labels", o->labels, "N true labels: a label file, an MMAction2 annotation list, a .npy, JSON or pickle")
            ->required();
        cmd->add_option("--normalize", o->normalize, "none (counts; default), true (rows sum to 1), pred (columns), all")
            ->check(CLI::IsMember({"none", "true", "pred", "all"}));
        add_label_layout_option(cmd, "--labels-layout", o->labels_layout, "--labels");
        add_label_layout_option(cmd, "--pred-layout", o->pred_layout, "--pred");
        cmd->add_option("--class-names", o->class_names, "with --plot: a file with one class name per line (line i names class i)");
        add_common_flags(cmd, o->common, true);
        cmd->callback([o] { run_confusion(*o); });
    }
}

}  // namespace vidata::cli::eval
