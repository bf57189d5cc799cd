// SPDX-License-Identifier: Apache-2.0
// confusion_matrix: counts of (true, predicted) label pairs over the union label set, optionally normalised.
#pragma once

#include <vidata/core/error.hpp>

#include <Eigen/Core>

#include <algorithm>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace vidata {

/// How confusion_matrix normalises its counts (MMAction2's `normalize=None|'true'|'pred'|'all'`).
enum class confusion_normalize {
    none,       ///< raw counts
    over_true,  ///< each row divided by its sum: the fraction of a true class predicted as each class
    over_pred,  ///< each column divided by its sum: the fraction of a predicted class that is each true class
    over_all,   ///< everything divided by the number of samples
};

/// A confusion matrix together with the labels its rows and columns stand for.
struct labelled_confusion_matrix {
    /// The sorted union of predicted and true labels; row and column i stand for labels[i].
    std::vector<std::int64_t> labels;
    /// K × K, row = true label, column = predicted label. Counts are whole numbers; a row (column) that sums
    /// to 0 normalises to 0, not NaN, as MMAction2's nan_to_num makes it.
    Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> matrix;
};

/// The confusion matrix of predictions against true labels. MMAction2 0.x `confusion_matrix(y_pred, y_real,
/// normalize)`: the label set is the union of both, remapped densely in increasing order, so a label that is
/// only predicted gets an all-zero row and one that is only true an all-zero column.
///
/// Throws vidata::invalid_argument when the two spans differ in length, are empty, or hold a negative label
/// (MMAction2 indexes an array with the labels). O(N log K + K²) time, O(K²) memory. Thread-safe.
///   auto cm = vidata::confusion_matrix(pred, truth, vidata::confusion_normalize::over_true);
[[nodiscard]] inline labelled_confusion_matrix confusion_matrix(std::span<const std::int64_t> y_pred,
                                                                std::span<const std::int64_t> y_real,
                                                                confusion_normalize normalize = confusion_normalize::none) {
    constexpr const char* function = "vidata::confusion_matrix";
    if (y_pred.size() != y_real.size())
        throw invalid_argument(std::string(function) + ": got " + std::to_string(y_pred.size()) + " predictions for " +
                               std::to_string(y_real.size()) + " true labels; pass one prediction per sample");
    if (y_pred.empty())
        throw invalid_argument(std::string(function) + ": no samples; pass at least one prediction and true label");
    for (const auto* side : {&y_pred, &y_real})
        for (std::size_t i = 0; i < side->size(); ++i)
            if ((*side)[i] < 0)
                throw invalid_argument(std::string(function) + ": " + (side == &y_pred ? "prediction " : "true label ") +
                                       std::to_string((*side)[i]) + " of sample " + std::to_string(i) +
                                       " is negative; labels must be class indices >= 0");

    labelled_confusion_matrix out;
    out.labels.reserve(y_pred.size() + y_real.size());
    out.labels.insert(out.labels.end(), y_pred.begin(), y_pred.end());
    out.labels.insert(out.labels.end(), y_real.begin(), y_real.end());
    std::sort(out.labels.begin(), out.labels.end());
    out.labels.erase(std::unique(out.labels.begin(), out.labels.end()), out.labels.end());
    const auto k = static_cast<Eigen::Index>(out.labels.size());
    auto dense = [&](std::int64_t label) {
        return static_cast<Eigen::Index>(std::lower_bound(out.labels.begin(), out.labels.end(), label) -
                                         out.labels.begin());
    };
    out.matrix.setZero(k, k);
    for (std::size_t i = 0; i < y_pred.size(); ++i) out.matrix(dense(y_real[i]), dense(y_pred[i])) += 1.0;

    // Dividing by a zero sum gives 0/0 = NaN in numpy, which nan_to_num turns into 0: skipping is the same.
    switch (normalize) {
    case confusion_normalize::none: break;
    case confusion_normalize::over_true:
        for (Eigen::Index r = 0; r < k; ++r) {
            const double sum = out.matrix.row(r).sum();
            if (sum != 0.0) out.matrix.row(r) /= sum;
        }
        break;
    case confusion_normalize::over_pred:
        for (Eigen::Index c = 0; c < k; ++c) {
            const double sum = out.matrix.col(c).sum();
            if (sum != 0.0) out.matrix.col(c) /= sum;
        }
        break;
    case confusion_normalize::over_all: out.matrix /= static_cast<double>(y_pred.size()); break;
    }
    return out;
}

}  // namespace vidata
