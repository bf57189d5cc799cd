// SPDX-License-Identifier: Apache-2.0
// average_clips: fuses the scores of a video's test clips into one row, as MMAction2's recognisers do at test time.
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/metrics/concepts.hpp>
#include <vidata/metrics/score_matrix_ref.hpp>

#include <Eigen/Core>

#include <cmath>
#include <cstdint>
#include <string>

namespace vidata {

/// How average_clips fuses clip scores (MMAction2's `test_cfg.average_clips`).
enum class clip_average {
    score,  ///< the mean of the raw scores
    prob,   ///< the mean of the per-clip softmax probabilities
};

/// The row-major double matrix average_clips writes.
using video_score_matrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

namespace detail {

template <score_scalar T>
void average_clips_into(score_matrix_ref<T> clips, std::int64_t num_clips, clip_average mode,
                        Eigen::Ref<video_score_matrix> out) {
    constexpr const char* function = "vidata::average_clips";
    const std::int64_t rows = clips.rows();
    const std::int64_t cols = clips.cols();
    if (num_clips < 1)
        throw invalid_argument(std::string(function) + ": num_clips must be at least 1, got " + std::to_string(num_clips));
    if (rows == 0 || cols == 0 || rows % num_clips != 0)
        throw invalid_argument(std::string(function) + ": " + std::to_string(rows) + " rows of clip scores (" +
                               std::to_string(cols) + " classes) do not split into videos of " +
                               std::to_string(num_clips) + " clips; pass num_clips consecutive rows per video");
    const std::int64_t videos = rows / num_clips;
    if (out.rows() != videos || out.cols() != cols)
        throw invalid_argument(std::string(function) + ": the output is " + std::to_string(out.rows()) + " x " +
                               std::to_string(out.cols()) + ", expected " + std::to_string(videos) + " x " +
                               std::to_string(cols) + " (videos x classes)");

    out.setZero();
    for (std::int64_t v = 0; v < videos; ++v) {
        auto sum = out.row(v);
        for (std::int64_t c = 0; c < num_clips; ++c) {
            const T* x = clips.data() + (v * num_clips + c) * clips.outerStride();
            if (mode == clip_average::score) {
                for (std::int64_t j = 0; j < cols; ++j) sum(j) += static_cast<double>(x[j]);
                continue;
            }
            // softmax(x) = exp(x - max x) / sum exp(x - max x), in double. The max propagates NaN like
            // np.max, so a NaN score (or +inf, through inf - inf) makes the clip's probabilities NaN.
            double top = static_cast<double>(x[0]);
            for (std::int64_t j = 1; j < cols && !std::isnan(top); ++j) {
                const auto xj = static_cast<double>(x[j]);
                if (std::isnan(xj) || xj > top) top = xj;
            }
            double total = 0.0;
            for (std::int64_t j = 0; j < cols; ++j) total += std::exp(static_cast<double>(x[j]) - top);
            for (std::int64_t j = 0; j < cols; ++j) sum(j) += std::exp(static_cast<double>(x[j]) - top) / total;
        }
        sum /= static_cast<double>(num_clips);
    }
}

}  // namespace detail

/// Fuses clip scores into video scores: `clip_scores` holds num_clips consecutive rows per video
/// ((videos·num_clips) × C), the result one row per video (videos × C). `score` averages the rows; `prob`
/// averages their softmax, shifted by the row maximum for stability. MMAction2 0.x
/// `BaseRecognizer.average_clip(cls_score, num_segs)` with `average_clips='score'|'prob'`, computed in double.
///
/// Throws vidata::invalid_argument if num_clips < 1, the row count is 0 or not a multiple of num_clips, or
/// `out` is not videos × C. O(rows·C), no allocation. Thread-safe.
template <score_matrix M>
void average_clips(const M& clip_scores, std::int64_t num_clips, clip_average mode, Eigen::Ref<video_score_matrix> out) {
    detail::average_clips_into(score_matrix_ref_for<M>(clip_scores), num_clips, mode, out);
}

/// Fuses clip scores into a new videos × C matrix. See the overload with `out`.
///   auto video_scores = vidata::average_clips(clip_scores, 10, vidata::clip_average::prob);
template <score_matrix M>
[[nodiscard]] video_score_matrix average_clips(const M& clip_scores, std::int64_t num_clips, clip_average mode) {
    const score_matrix_ref_for<M> clips(clip_scores);
    video_score_matrix out(num_clips >= 1 ? clips.rows() / num_clips : 0, clips.cols());
    detail::average_clips_into(clips, num_clips, mode, out);
    return out;
}

}  // namespace vidata
