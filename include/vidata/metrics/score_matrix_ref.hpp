// SPDX-License-Identifier: Apache-2.0
// The view every metric takes of its score and label matrices: a row-major Eigen::Ref, N samples × C classes.
#pragma once

#include <vidata/metrics/concepts.hpp>

#include <Eigen/Core>

namespace vidata {

/// N × C scores, row-major, rows contiguous. Binding it to a row-major matrix (or a block of its rows) copies
/// nothing; binding it to a column-major matrix or an expression evaluates it once into a temporary.
template <score_scalar T>
using score_matrix_ref = Eigen::Ref<const Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>;

/// N × C multi-hot labels of scalar L, row-major (see label_matrix for what counts as a positive).
template <typename L>
using label_matrix_ref = Eigen::Ref<const Eigen::Matrix<L, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>;

/// The score_matrix_ref a score_matrix M binds to.
template <score_matrix M>
using score_matrix_ref_for = score_matrix_ref<typename std::remove_cvref_t<M>::Scalar>;

/// The label_matrix_ref a label_matrix M binds to.
template <label_matrix M>
using label_matrix_ref_for = label_matrix_ref<typename std::remove_cvref_t<M>::Scalar>;

}  // namespace vidata
