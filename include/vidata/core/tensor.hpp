// SPDX-License-Identifier: Apache-2.0
// vidata::tensor<T>: a small owning n-dimensional array (a shape and row-major values), and float_tensor.
#pragma once

#include <vidata/core/assert.hpp>

#include <Eigen/Core>

#include <concepts>
#include <cstddef>
#include <span>
#include <utility>
#include <vector>

namespace vidata {

/// An owning n-dimensional array: a shape and `product(shape)` values in row-major (C) order, the last
/// axis fastest. It is what transforms produce (`float_tensor`, e.g. N×C×T×H×W) and how records hold
/// multi-dimensional data (PYSKL keypoints, M×T×V×C).
///
///   float_tensor t({2, 3});          // zeros
///   t(1, 2) = 5.f;                   // element access, one index per axis
///   auto m = t.matrix();             // a rank-2 tensor seen as a row-major Eigen matrix
///
/// It is deliberately small: no broadcasting, no expression templates, no strides. A default-constructed
/// tensor is rank 1 with zero elements. Element access checks the rank and bounds with
/// VIDATA_DEBUG_ASSERT (debug builds only); everything else checks its preconditions with VIDATA_ASSERT.
/// Conversion to and from numpy arrays is io/ndarray's business (`ndarray::from_values(shape, values())`).
template <class T>
class tensor {
public:
    using value_type = T;

    constexpr tensor() : shape_{0} {}

    /// A tensor of `shape`, its elements value-initialised (zero for arithmetic T).
    constexpr explicit tensor(std::vector<std::size_t> shape) : shape_(std::move(shape)), data_(count(shape_)) {}

    /// A tensor of `shape` with every element `fill`.
    constexpr tensor(std::vector<std::size_t> shape, const T& fill)
        : shape_(std::move(shape)), data_(count(shape_), fill) {}

    /// A tensor of `shape` holding `values` in row-major order. Precondition: `values.size() == product(shape)`.
    constexpr tensor(std::vector<std::size_t> shape, std::vector<T> values)
        : shape_(std::move(shape)), data_(std::move(values)) {
        VIDATA_ASSERT(data_.size() == count(shape_), "vidata::tensor: the number of values does not match the product of the shape");
    }

    [[nodiscard]] constexpr std::span<const std::size_t> shape() const noexcept { return shape_; }
    [[nodiscard]] constexpr std::size_t rank() const noexcept { return shape_.size(); }
    /// The length of `axis`. Precondition: `axis < rank()`.
    [[nodiscard]] constexpr std::size_t extent(std::size_t axis) const {
        VIDATA_ASSERT(axis < shape_.size(), "vidata::tensor::extent: axis out of range");
        return shape_[axis];
    }
    [[nodiscard]] constexpr std::size_t size() const noexcept { return data_.size(); }
    [[nodiscard]] constexpr bool empty() const noexcept { return data_.empty(); }

    [[nodiscard]] constexpr T* data() noexcept { return data_.data(); }
    [[nodiscard]] constexpr const T* data() const noexcept { return data_.data(); }
    /// All elements in row-major order.
    [[nodiscard]] constexpr std::span<T> values() noexcept { return data_; }
    [[nodiscard]] constexpr std::span<const T> values() const noexcept { return data_; }

    /// The element at one index per axis.
    template <std::integral... I>
    [[nodiscard]] constexpr T& operator()(I... index) {
        return data_[offset_of(index...)];
    }
    template <std::integral... I>
    [[nodiscard]] constexpr const T& operator()(I... index) const {
        return data_[offset_of(index...)];
    }

    /// Gives the same values a new shape. Precondition: the new shape holds as many elements.
    constexpr void reshape(std::vector<std::size_t> shape) {
        VIDATA_ASSERT(count(shape) == data_.size(), "vidata::tensor::reshape: the new shape holds a different number of elements");
        shape_ = std::move(shape);
    }

    /// A rank-2 tensor as a row-major Eigen matrix over the same storage (valid while the tensor lives
    /// and is not resized). Precondition: `rank() == 2`.
    [[nodiscard]] auto matrix() {
        VIDATA_ASSERT(rank() == 2, "vidata::tensor::matrix: the tensor is not rank 2");
        return Eigen::Map<Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
            data_.data(), static_cast<Eigen::Index>(shape_[0]), static_cast<Eigen::Index>(shape_[1]));
    }
    [[nodiscard]] auto matrix() const {
        VIDATA_ASSERT(rank() == 2, "vidata::tensor::matrix: the tensor is not rank 2");
        return Eigen::Map<const Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
            data_.data(), static_cast<Eigen::Index>(shape_[0]), static_cast<Eigen::Index>(shape_[1]));
    }

    /// Same shape and same values (so a tensor holding NaN never equals itself, as with numpy's ==).
    friend constexpr bool operator==(const tensor& a, const tensor& b) {
        return a.shape_ == b.shape_ && a.data_ == b.data_;
    }

    /// The number of elements a shape holds (1 for the rank-0 shape `{}`).
    [[nodiscard]] static constexpr std::size_t count(std::span<const std::size_t> shape) noexcept {
        std::size_t n = 1;
        for (const std::size_t d : shape) n *= d;
        return n;
    }

private:
    template <class... I>
    [[nodiscard]] constexpr std::size_t offset_of(I... index) const {
        VIDATA_DEBUG_ASSERT(sizeof...(I) == shape_.size(), "vidata::tensor: the number of indices does not match the rank");
        std::size_t offset = 0;
        std::size_t axis = 0;
        // Row-major: fold each index into the running offset, checking it against its axis.
        ((VIDATA_DEBUG_ASSERT(std::in_range<std::size_t>(index) && static_cast<std::size_t>(index) < shape_[axis], "vidata::tensor: index out of range"),
          offset = offset * shape_[axis] + static_cast<std::size_t>(index), ++axis),
         ...);
        return offset;
    }

    std::vector<std::size_t> shape_;
    std::vector<T> data_;
};

/// The float tensor transforms produce.
using float_tensor = tensor<float>;

static_assert(float_tensor{}.rank() == 1 && float_tensor{}.empty());

}  // namespace vidata
