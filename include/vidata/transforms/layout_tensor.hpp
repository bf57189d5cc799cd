// SPDX-License-Identifier: Apache-2.0
// vidata::layout_tensor<L>: a tensor whose axis order (NHWC, NCTHW, ...) is part of its type.
#pragma once

#include <vidata/core/assert.hpp>
#include <vidata/core/tensor.hpp>

#include <concepts>
#include <cstddef>
#include <string_view>
#include <utility>
#include <vector>

namespace vidata {

/// Axis orders of the arrays MMAction2's pipelines pass along, named by its `input_format` strings.
/// Each tag has a `name` (MMAction2's spelling) and a `rank`. M counts frames (crops × clips × clip_len),
/// N counts clips (crops × clips), K counts heatmap channels, P proposals, L the frames of one clip.
namespace layouts {

/// M × H × W × C: frames, channels last. What Normalize produces (C = 3 for RGB, 2 for flow x/y) and
/// what GeneratePoseTarget produces (C = K heatmaps), i.e. MMAction2's `imgs` before FormatShape.
struct nhwc {
    static constexpr std::string_view name = "NHWC";
    static constexpr std::size_t rank = 4;
};
/// M × C × H × W: FormatShape('NCHW'), the input of 2D recognisers (TSN).
struct nchw {
    static constexpr std::string_view name = "NCHW";
    static constexpr std::size_t rank = 4;
};
/// N × C × L × H × W: FormatShape('NCTHW'), the input of 3D recognisers (I3D, SlowFast, PoseC3D).
struct ncthw {
    static constexpr std::string_view name = "NCTHW";
    static constexpr std::size_t rank = 5;
};
/// N × (L·C) × H × W: FormatShape('NCHW_Flow'), a clip's flow frames stacked on the channel axis as
/// x₀ y₀ x₁ y₁ ... (TSN's flow stream).
struct nchw_flow {
    static constexpr std::string_view name = "NCHW_Flow";
    static constexpr std::size_t rank = 4;
};
/// P × (clips·L) × C × H × W: FormatShape('NPTCHW'), frames grouped by proposal (SSN).
struct nptchw {
    static constexpr std::string_view name = "NPTCHW";
    static constexpr std::size_t rank = 5;
};
/// N × K × L × H × W: MMAction2 1.x's FormatShape('NCTHW_Heatmap') of T × K × H × W heatmaps. The same axis
/// order as ncthw; a separate tag so that a heatmap input cannot be mistaken for an image one.
struct ncthw_heatmap {
    static constexpr std::string_view name = "NCTHW_Heatmap";
    static constexpr std::size_t rank = 5;
};

/// C × T × V × M: FormatGCNInput('NCTVM') for one sample (coordinates and score, frames, joints, persons),
/// the input of ST-GCN-style skeleton models once batched.
struct ctvm {
    static constexpr std::string_view name = "CTVM";
    static constexpr std::size_t rank = 4;
};

/// L without its leading axis: FormatShape(..., collapse=True) for a single clip (NCTHW → CTHW).
template <class L>
struct collapsed {
    static_assert(L::rank >= 2, "vidata::layouts::collapsed: a layout of rank 1 has no axis to drop");
    static constexpr std::string_view name = L::name.substr(1);
    static constexpr std::size_t rank = L::rank - 1;
    using uncollapsed = L;
};

}  // namespace layouts

/// A layout tag: a type with a constant `name` and `rank`.
template <class L>
concept tensor_layout = requires {
    { L::name } -> std::convertible_to<std::string_view>;
    { L::rank } -> std::convertible_to<std::size_t>;
};

/// A tensor<T> whose axis order is the layout tag L, so that a transform's signature says what it takes
/// and returns (`layout_tensor<layouts::nhwc>` → `layout_tensor<layouts::ncthw>`), and passing frames where
/// clips are expected fails to compile. It is a tensor<T> (public base): everything that reads a tensor
/// reads it. Its rank is always `L::rank`: the constructors and `reshape` check it.
///
///   layout_tensor<layouts::nchw> x({8, 3, 224, 224});
///   x(7, 2, 0, 0) = 1.f;
///   static_assert(decltype(x)::layout::name == "NCHW");
template <tensor_layout L, class T = float>
class layout_tensor : public tensor<T> {
public:
    using layout = L;
    using base_type = tensor<T>;

    /// Zero elements, every axis of length 0.
    layout_tensor() : base_type(std::vector<std::size_t>(L::rank, 0)) {}

    /// A zero-filled tensor of `shape`. Precondition: `shape.size() == L::rank`.
    explicit layout_tensor(std::vector<std::size_t> shape) : base_type(checked(std::move(shape))) {}

    /// `values` in row-major order. Preconditions: `shape.size() == L::rank`, `values.size() == product(shape)`.
    layout_tensor(std::vector<std::size_t> shape, std::vector<T> values)
        : base_type(checked(std::move(shape)), std::move(values)) {}

    /// Takes a plain tensor as having layout L. Precondition: `t.rank() == L::rank`.
    explicit layout_tensor(base_type t) : base_type(std::move(t)) {
        VIDATA_ASSERT(this->rank() == L::rank, "vidata::layout_tensor: the tensor's rank does not match its layout");
    }

    /// The tensor without its layout.
    [[nodiscard]] base_type& plain() & noexcept { return *this; }
    [[nodiscard]] const base_type& plain() const& noexcept { return *this; }
    [[nodiscard]] base_type plain() && noexcept { return std::move(*this); }

    /// As tensor::reshape, keeping the rank. Precondition: `shape.size() == L::rank` and the same element count.
    void reshape(std::vector<std::size_t> shape) { base_type::reshape(checked(std::move(shape))); }

    friend bool operator==(const layout_tensor& a, const layout_tensor& b) {
        return static_cast<const base_type&>(a) == static_cast<const base_type&>(b);
    }

private:
    static std::vector<std::size_t> checked(std::vector<std::size_t> shape) {
        VIDATA_ASSERT(shape.size() == L::rank, "vidata::layout_tensor: the shape's rank does not match the layout");
        return shape;
    }
};

static_assert(layouts::collapsed<layouts::ncthw>::name == "CTHW" && layouts::collapsed<layouts::ncthw>::rank == 4);
static_assert(tensor_layout<layouts::nhwc> && tensor_layout<layouts::collapsed<layouts::nchw_flow>>);

}  // namespace vidata
