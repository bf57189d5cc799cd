// SPDX-License-Identifier: Apache-2.0
// The charts of the metrics: the AR–AN curve, precision–recall curves and the confusion-matrix heat map.
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/metrics/average_precision.hpp>
#include <vidata/metrics/confusion_matrix.hpp>
#include <vidata/metrics/plot/color.hpp>
#include <vidata/metrics/plot/heat_map.hpp>
#include <vidata/metrics/plot/line_chart.hpp>

#include <cstdio>
#include <span>
#include <string>
#include <vector>

namespace vidata::plot {

/// The AR–AN chart of a proposal evaluation (ActivityNet's `eval_proposal.py` plot): recall against the
/// average number of proposals per video, one thin line per tIoU threshold ("tIoU 0.50") and the average
/// recall over thresholds drawn last, thick and black ("average"). x from 0 to the largest average
/// number of proposals (rounded up to a tick), y from 0 to 1.
///
/// `average_proposals`: the x of every curve; `recall_per_tiou[t]`: the recall at each x for threshold
/// `tious[t]`; `average_recall`: their mean at each x. Throws invalid_argument when the lengths disagree.
///   auto chart = vidata::plot::ar_an_chart(ar.avg_proposals, ar.tious, ar.recall, ar.average_recall);
///   vidata::plot::save_plot(dir / "ar_an", chart);
[[nodiscard]] inline line_chart ar_an_chart(std::span<const double> average_proposals, std::span<const double> tious,
                                            std::span<const std::vector<double>> recall_per_tiou,
                                            std::span<const double> average_recall, std::string title = "AR-AN") {
    const auto n = average_proposals.size();
    if (tious.size() != recall_per_tiou.size() || average_recall.size() != n)
        throw invalid_argument("vidata::plot::ar_an_chart: " + std::to_string(tious.size()) + " thresholds with " +
                               std::to_string(recall_per_tiou.size()) + " recall curves, and " + std::to_string(n) +
                               " x values with " + std::to_string(average_recall.size()) +
                               " average recalls; pass one curve per threshold and one value per x");
    line_chart chart;
    chart.title = std::move(title);
    chart.x = {"average number of proposals per video", 0.0, std::numeric_limits<double>::quiet_NaN()};
    chart.y = {"recall", 0.0, 1.0};
    chart.legend = legend_position::lower_right;
    const std::vector<double> x(average_proposals.begin(), average_proposals.end());
    for (std::size_t t = 0; t < tious.size(); ++t) {
        if (recall_per_tiou[t].size() != n)
            throw invalid_argument("vidata::plot::ar_an_chart: the recall curve of tIoU " + std::to_string(tious[t]) + " has " +
                                   std::to_string(recall_per_tiou[t].size()) + " values for " + std::to_string(n) +
                                   " x values; pass one recall per x");
        char name[32];
        std::snprintf(name, sizeof name, "tIoU %.2f", tious[t]);
        chart.lines.push_back({name, x, recall_per_tiou[t], palette(t), 1.25, line_style::straight});
    }
    chart.lines.push_back({"average", x, std::vector<double>(average_recall.begin(), average_recall.end()), black, 3.0,
                           line_style::straight});
    return chart;
}

/// Precision–recall curves, one per binary problem (class), drawn as steps (`steps_post`, the step
/// function whose area is the average precision), recall on x and precision on y, both from 0 to 1.
/// `names[i]` labels curves[i] (say "class 3, AP 0.81"); a curve without positives (recall NaN) draws only
/// its final point. Throws invalid_argument when there are not as many names as curves.
[[nodiscard]] inline line_chart precision_recall_chart(std::span<const precision_recall_curve> curves,
                                                       std::span<const std::string> names,
                                                       std::string title = "precision-recall") {
    if (names.size() != curves.size())
        throw invalid_argument("vidata::plot::precision_recall_chart: " + std::to_string(names.size()) + " names for " +
                               std::to_string(curves.size()) + " curves; pass one name per curve");
    line_chart chart;
    chart.title = std::move(title);
    chart.x = {"recall", 0.0, 1.0};
    chart.y = {"precision", 0.0, 1.0};
    chart.legend = legend_position::lower_left;
    for (std::size_t i = 0; i < curves.size(); ++i)
        chart.lines.push_back({names[i], curves[i].recall, curves[i].precision, palette(i), 1.5, line_style::steps_post});
    return chart;
}

/// The heat map of a confusion matrix: rows the true labels, columns the predicted ones, in the matrix's
/// label order; a label is named `class_names[label]` when there is such an entry, else by its number.
/// The scale runs from 0 to the largest entry (to 1 for a normalised matrix).
[[nodiscard]] inline heat_map confusion_heat_map(const labelled_confusion_matrix& cm,
                                                 std::span<const std::string> class_names = {},
                                                 std::string title = "confusion matrix", bool normalised = false) {
    heat_map map;
    map.title = std::move(title);
    map.values = cm.matrix;
    for (const std::int64_t label : cm.labels) {
        const auto i = static_cast<std::size_t>(label);
        map.row_names.push_back(label >= 0 && i < class_names.size() ? class_names[i] : std::to_string(label));
    }
    map.column_names = map.row_names;
    if (normalised) map.max = 1.0;
    return map;
}

}  // namespace vidata::plot
