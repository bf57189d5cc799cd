// SPDX-License-Identifier: Apache-2.0
// The concepts of the metrics area: metric policies and the score and label matrices metrics accept.
#pragma once

#include <vidata/metrics/policy.hpp>

#include <Eigen/Core>

#include <concepts>
#include <ranges>
#include <type_traits>

namespace vidata {

/// A scalar type the metrics accept for scores: float or double (what numpy's float32/float64 hold).
template <typename T>
concept score_scalar = std::same_as<T, float> || std::same_as<T, double>;

/// A metric policy names one choice per quirk, as constants (see policy.hpp):
///   P::ties    — a tie_order:  how top_k_accuracy and top_k_classes order tied scores;
///   P::classes — a class_set:  which classes mean_class_accuracy and top_k_classes use;
///   P::ids     — a class_id:   what top_k_classes reports as a class id.
/// Semantics: the choices are compile-time constants; metrics are pure functions of their inputs and policy.
template <typename P>
concept metric_policy = requires {
    requires std::same_as<std::remove_cv_t<decltype(P::ties)>, tie_order>;
    requires std::same_as<std::remove_cv_t<decltype(P::classes)>, class_set>;
    requires std::same_as<std::remove_cv_t<decltype(P::ids)>, class_id>;
};

/// An Eigen matrix expression of scores, N samples × C classes, float or double. Metrics view it as
/// Eigen::Ref<const Matrix<T, Dynamic, Dynamic, RowMajor>>: no copy when its rows are contiguous (a row-major
/// matrix, a block of rows of one, or such a Ref); other layouts are copied once into a temporary.
template <typename M>
concept score_matrix = std::is_base_of_v<Eigen::MatrixBase<std::remove_cvref_t<M>>, std::remove_cvref_t<M>> &&
                       score_scalar<typename std::remove_cvref_t<M>::Scalar>;

/// An Eigen matrix expression of multi-hot labels, N × C, of any arithmetic scalar (bool, integer or floating).
/// An entry equal to 1 marks a positive, anything else a negative, as MMAction2's `y_true == 1`.
template <typename M>
concept label_matrix = std::is_base_of_v<Eigen::MatrixBase<std::remove_cvref_t<M>>, std::remove_cvref_t<M>> &&
                       std::is_arithmetic_v<typename std::remove_cvref_t<M>::Scalar>;

/// A contiguous range of values numpy_argsort reproduces numpy's order for: floating (NaN sorted last) or
/// integral. std::vector, std::array, std::span and C arrays qualify.
template <typename R>
concept numpy_sortable_range =
    std::ranges::contiguous_range<R> && std::ranges::sized_range<R> &&
    std::is_arithmetic_v<std::ranges::range_value_t<R>> && !std::same_as<std::ranges::range_value_t<R>, bool>;

/// A contiguous range of scores of one binary problem, float or double.
template <typename R>
concept score_range = std::ranges::contiguous_range<R> && std::ranges::sized_range<R> &&
                      score_scalar<std::ranges::range_value_t<R>>;

/// A contiguous range of binary ground truth, one entry per score, of any arithmetic type; 1 marks a positive.
template <typename R>
concept truth_range = std::ranges::contiguous_range<R> && std::ranges::sized_range<R> &&
                      std::is_arithmetic_v<std::ranges::range_value_t<R>>;

static_assert(metric_policy<official_metrics_policy>);
static_assert(metric_policy<mmaction2_metrics_policy>);

}  // namespace vidata
