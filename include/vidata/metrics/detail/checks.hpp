// SPDX-License-Identifier: Apache-2.0
// Input checks shared by the metrics, each failing with a vidata::invalid_argument that says what to pass instead.
#pragma once

#include <vidata/core/error.hpp>

#include <cstdint>
#include <span>
#include <string>

namespace vidata::detail {

/// At least one sample and one class: every MMAction2 metric divides by one of them (or indexes the last
/// label), so an empty input has no defined result.
inline void require_scores(const char* function, std::int64_t rows, std::int64_t cols) {
    if (rows > 0 && cols > 0) return;
    throw invalid_argument(std::string(function) + ": the score matrix is empty (" + std::to_string(rows) +
                           " samples x " + std::to_string(cols) +
                           " classes); pass one row of class scores per sample, with at least one sample and one class");
}

/// One label per score row, each a column index of the scores.
inline void require_labels(const char* function, std::span<const std::int64_t> labels, std::int64_t rows,
                           std::int64_t cols) {
    if (static_cast<std::int64_t>(labels.size()) != rows)
        throw invalid_argument(std::string(function) + ": got " + std::to_string(labels.size()) + " labels for " +
                               std::to_string(rows) + " samples (rows of scores); pass exactly one label per sample");
    for (std::size_t i = 0; i < labels.size(); ++i) {
        if (labels[i] >= 0 && labels[i] < cols) continue;
        throw invalid_argument(std::string(function) + ": label " + std::to_string(labels[i]) + " of sample " +
                               std::to_string(i) + " is outside [0, " + std::to_string(cols) + "); the scores have " +
                               std::to_string(cols) + " columns, one per class, and a label must index one of them");
    }
}

/// A k of a top-k metric.
inline void require_k(const char* function, std::int64_t k) {
    if (k >= 1) return;
    throw invalid_argument(std::string(function) + ": k must be at least 1, got " + std::to_string(k) +
                           " (numpy's [-0:] would silently select every class)");
}

/// A caller-provided output of the right length.
inline void require_output(const char* function, std::size_t got, std::size_t want, const char* what) {
    if (got == want) return;
    throw invalid_argument(std::string(function) + ": the output holds " + std::to_string(got) + " values for " +
                           std::to_string(want) + " " + what + "; pass an output of the same length");
}

}  // namespace vidata::detail
