// SPDX-License-Identifier: Apache-2.0
// vidata::ndarray: an owning n-dimensional array with a numpy dtype, the common currency of .npy and pickle I/O.
#pragma once

#include <vidata/core/error.hpp>

#include <Eigen/Core>

#include <algorithm>
#include <bit>
#include <complex>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <numeric>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace vidata {

/// A numpy dtype restricted to what video datasets store: bool, signed and unsigned integers of
/// 1/2/4/8 bytes, float16/32/64. `str()` spells it as numpy's `dtype.str` does (`<f4`, `|u1`, `|b1`).
struct dtype {
    char kind = 'f';                              ///< 'b' bool, 'i' signed, 'u' unsigned, 'f' float
    std::uint8_t itemsize = 8;                    ///< bytes per element
    std::endian byte_order = std::endian::native; ///< irrelevant when itemsize == 1

    friend bool operator==(const dtype& a, const dtype& b) noexcept {
        return a.kind == b.kind && a.itemsize == b.itemsize && (a.itemsize == 1 || a.byte_order == b.byte_order);
    }

    [[nodiscard]] bool needs_swap() const noexcept { return itemsize > 1 && byte_order != std::endian::native; }

    [[nodiscard]] std::string str() const {
        std::string out;
        out += itemsize == 1 ? '|' : (byte_order == std::endian::little ? '<' : '>');
        out += kind;
        out += std::to_string(itemsize);
        return out;
    }

    /// numpy's name of the type: `float32`, `int64`, `bool`...
    [[nodiscard]] std::string name() const {
        switch (kind) {
        case 'b': return "bool";
        case 'i': return "int" + std::to_string(itemsize * 8);
        case 'u': return "uint" + std::to_string(itemsize * 8);
        default: return "float" + std::to_string(itemsize * 8);
        }
    }

    [[nodiscard]] static constexpr bool valid(char kind, int itemsize) noexcept {
        switch (kind) {
        case 'b': return itemsize == 1;
        case 'i':
        case 'u': return itemsize == 1 || itemsize == 2 || itemsize == 4 || itemsize == 8;
        case 'f': return itemsize == 2 || itemsize == 4 || itemsize == 8;
        default: return false;
        }
    }

    /// Parses a numpy type string (`<f4`, `|b1`, `=i8`, `u1`). Returns false for anything else
    /// (structured, object, string, complex and datetime dtypes are outside vidata's scope).
    [[nodiscard]] static bool try_parse(std::string_view s, dtype& out) noexcept {
        dtype d;
        d.byte_order = std::endian::native;
        if (!s.empty() && (s[0] == '<' || s[0] == '>' || s[0] == '|' || s[0] == '=')) {
            if (s[0] == '<') d.byte_order = std::endian::little;
            if (s[0] == '>') d.byte_order = std::endian::big;
            s.remove_prefix(1);
        }
        if (s.size() < 2) return false;
        d.kind = s[0];
        int size = 0;
        for (char c : s.substr(1)) {
            if (c < '0' || c > '9' || size > 100) return false;
            size = size * 10 + (c - '0');
        }
        if (d.kind == '?') d.kind = 'b';
        if (!valid(d.kind, size)) return false;
        d.itemsize = static_cast<std::uint8_t>(size);
        out = d;
        return true;
    }

    /// The dtype of a C++ arithmetic type in native byte order.
    template <class T>
    [[nodiscard]] static constexpr dtype of() noexcept {
        static_assert(std::is_arithmetic_v<T>, "vidata::dtype::of<T>: T must be bool, an integer or a floating-point type");
        dtype d;
        d.itemsize = sizeof(T);
        if constexpr (std::is_same_v<T, bool>) d.kind = 'b';
        else if constexpr (std::is_floating_point_v<T>) d.kind = 'f';
        else if constexpr (std::is_signed_v<T>) d.kind = 'i';
        else d.kind = 'u';
        return d;
    }
};

namespace detail {

/// IEEE binary16 → binary32, exact for every half value (subnormals, infinities and NaN included).
[[nodiscard]] constexpr float half_to_float(std::uint16_t h) noexcept {
    const std::uint32_t sign = static_cast<std::uint32_t>(h & 0x8000u) << 16;
    const std::uint32_t exponent = (h >> 10) & 0x1fu;
    std::uint32_t mantissa = h & 0x3ffu;
    std::uint32_t bits = 0;
    if (exponent == 0) {
        if (mantissa == 0) {
            bits = sign;
        } else {  // subnormal: normalise
            int e = -1;
            do {
                ++e;
                mantissa <<= 1;
            } while ((mantissa & 0x400u) == 0);
            bits = sign | static_cast<std::uint32_t>(127 - 15 - e) << 23 | (mantissa & 0x3ffu) << 13;
        }
    } else if (exponent == 0x1f) {
        bits = sign | 0x7f800000u | mantissa << 13;
    } else {
        bits = sign | (exponent + 127 - 15) << 23 | mantissa << 13;
    }
    return std::bit_cast<float>(bits);
}

/// binary32 → binary16 with round-to-nearest-even, as numpy's `astype(np.float16)`.
[[nodiscard]] constexpr std::uint16_t float_to_half(float value) noexcept {
    const std::uint32_t f = std::bit_cast<std::uint32_t>(value);
    const std::uint16_t sign = static_cast<std::uint16_t>((f >> 16) & 0x8000u);
    const std::uint32_t abs = f & 0x7fffffffu;
    if (abs >= 0x7f800000u) {  // inf or NaN (keep NaN quiet and non-zero)
        return static_cast<std::uint16_t>(sign | 0x7c00u | (abs > 0x7f800000u ? 0x200u | ((abs >> 13) & 0x3ffu) : 0u));
    }
    if (abs >= 0x477ff000u) return static_cast<std::uint16_t>(sign | 0x7c00u);  // rounds to infinity
    if (abs < 0x38800000u) {  // result is subnormal or zero
        if (abs < 0x33000000u) return sign;  // below half of the smallest subnormal
        const std::uint32_t shift = 126u - (abs >> 23);
        const std::uint32_t mantissa = (abs & 0x7fffffu) | 0x800000u;
        std::uint32_t half = mantissa >> shift;
        const std::uint32_t rest = mantissa & ((1u << shift) - 1u);
        const std::uint32_t halfway = 1u << (shift - 1);
        if (rest > halfway || (rest == halfway && (half & 1u))) ++half;
        return static_cast<std::uint16_t>(sign | half);
    }
    std::uint32_t half = ((abs >> 23) - 112u) << 10 | ((abs >> 13) & 0x3ffu);
    const std::uint32_t rest = abs & 0x1fffu;
    if (rest > 0x1000u || (rest == 0x1000u && (half & 1u))) ++half;
    return static_cast<std::uint16_t>(sign | half);
}

template <class T>
[[nodiscard]] T load_swapped(const unsigned char* p, bool swap) noexcept {
    T v;
    if (!swap) {
        std::memcpy(&v, p, sizeof(T));
    } else {
        unsigned char tmp[sizeof(T)];
        for (std::size_t i = 0; i < sizeof(T); ++i) tmp[i] = p[sizeof(T) - 1 - i];
        std::memcpy(&v, tmp, sizeof(T));
    }
    return v;
}

}  // namespace detail

/// An owning n-dimensional array as numpy stores it: a dtype, a shape, C or Fortran element order and
/// the raw bytes in the dtype's byte order. It never reinterprets bytes behind the caller's back:
/// typed access converts from the stored dtype (float16 and byte-swapped data included), and
/// indices are always logical C-order (row-major) positions whatever the storage order.
class ndarray {
public:
    ndarray() = default;

    /// An array of `shape` whose bytes are `data` (exactly product(shape) * itemsize of them).
    ndarray(vidata::dtype type, std::vector<std::int64_t> shape, std::vector<unsigned char> data, bool fortran_order = false)
        : type_(type), shape_(std::move(shape)), fortran_order_(fortran_order), data_(std::move(data)) {
        if (!dtype::valid(type_.kind, type_.itemsize)) throw invalid_argument("vidata::ndarray: unsupported dtype " + type_.str());
        const auto count = checked_count(shape_);
        if (count < 0 || static_cast<std::uint64_t>(count) * type_.itemsize != data_.size())
            throw invalid_argument("vidata::ndarray: " + std::to_string(data_.size()) + " bytes do not hold shape " +
                                   shape_string(shape_) + " of " + type_.str());
    }

    /// A C-order array of native-endian `T` from values (row-major for 2-D shapes).
    template <class T>
    [[nodiscard]] static ndarray from_values(std::vector<std::int64_t> shape, std::span<const T> values) {
        std::vector<unsigned char> bytes(values.size_bytes());
        if (!values.empty()) std::memcpy(bytes.data(), values.data(), values.size_bytes());
        return ndarray(dtype::of<T>(), std::move(shape), std::move(bytes));
    }

    /// A C-order float16 array from float values, rounded to nearest even as numpy does.
    [[nodiscard]] static ndarray float16_from(std::vector<std::int64_t> shape, std::span<const float> values) {
        std::vector<unsigned char> bytes(values.size() * 2);
        for (std::size_t i = 0; i < values.size(); ++i) {
            const std::uint16_t h = detail::float_to_half(values[i]);
            std::memcpy(bytes.data() + 2 * i, &h, 2);
        }
        return ndarray(dtype{'f', 2, std::endian::native}, std::move(shape), std::move(bytes));
    }

    /// Copies a dense Eigen matrix, keeping its storage order (a column-major matrix becomes Fortran order).
    template <class Derived>
    [[nodiscard]] static ndarray from_eigen(const Eigen::DenseBase<Derived>& m) {
        using scalar = typename Derived::Scalar;
        const typename Derived::PlainObject plain = m;
        std::vector<unsigned char> bytes(static_cast<std::size_t>(plain.size()) * sizeof(scalar));
        if (plain.size() != 0) std::memcpy(bytes.data(), plain.data(), bytes.size());
        return ndarray(dtype::of<scalar>(), {plain.rows(), plain.cols()}, std::move(bytes), !Derived::IsRowMajor && plain.rows() > 1 && plain.cols() > 1);
    }

    [[nodiscard]] const vidata::dtype& type() const noexcept { return type_; }
    [[nodiscard]] const std::vector<std::int64_t>& shape() const noexcept { return shape_; }
    [[nodiscard]] std::size_t ndim() const noexcept { return shape_.size(); }
    [[nodiscard]] std::size_t size() const noexcept { return type_.itemsize == 0 ? 0 : data_.size() / type_.itemsize; }
    [[nodiscard]] bool fortran_order() const noexcept { return fortran_order_; }
    [[nodiscard]] std::span<const unsigned char> bytes() const noexcept { return data_; }
    [[nodiscard]] std::vector<unsigned char>& mutable_bytes() noexcept { return data_; }

    /// The element at logical C-order position `flat` (0 ≤ flat < size()), converted to T as numpy's
    /// `astype(T)` would for in-range values (floats truncate toward zero when T is integral).
    template <class T>
    [[nodiscard]] T at(std::size_t flat) const {
        if (flat >= size()) throw invalid_argument("vidata::ndarray::at: index " + std::to_string(flat) + " out of range for " + std::to_string(size()) + " elements");
        return load<T>(storage_index(flat));
    }

    /// The elements at logical C-order positions [first, first + out.size()), converted to T, into `out`: a
    /// conversion a row at a time, where to_vector would hold the whole array converted at once.
    template <class T>
    void copy_to(std::size_t first, std::span<T> out) const {
        if (first > size() || out.size() > size() - first)
            throw invalid_argument("vidata::ndarray::copy_to: elements [" + std::to_string(first) + ", " +
                                   std::to_string(first + out.size()) + ") out of range for " + std::to_string(size()) + " elements");
        if (!fortran_order_ || ndim() < 2) {
            for (std::size_t i = 0; i < out.size(); ++i) out[i] = load<T>(first + i);
        } else {
            for (std::size_t i = 0; i < out.size(); ++i) out[i] = load<T>(storage_index(first + i));
        }
    }

    /// All elements in logical C order, converted to T.
    template <class T>
    [[nodiscard]] std::vector<T> to_vector() const {
        std::vector<T> out(size());
        copy_to(0, std::span<T>(out));
        return out;
    }

    /// A 2-D array (or 1-D as one row) as a row-major Eigen matrix of T.
    template <class T>
    [[nodiscard]] Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> to_matrix() const {
        if (ndim() > 2) throw invalid_argument("vidata::ndarray::to_matrix: array has " + std::to_string(ndim()) + " dimensions, expected 1 or 2");
        const Eigen::Index rows = ndim() == 2 ? shape_[0] : 1;
        const Eigen::Index cols = ndim() == 2 ? shape_[1] : (ndim() == 1 ? shape_[0] : 1);
        Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> m(rows, cols);
        copy_to(0, std::span<T>(m.data(), size()));
        return m;
    }

    /// The same values in C order (a no-op copy for arrays that already are).
    [[nodiscard]] ndarray to_c_order() const {
        if (!fortran_order_ || ndim() < 2) return ndarray(type_, shape_, data_, false);
        std::vector<unsigned char> out(data_.size());
        const std::size_t w = type_.itemsize;
        for (std::size_t i = 0; i < size(); ++i) std::memcpy(out.data() + i * w, data_.data() + storage_index(i) * w, w);
        return ndarray(type_, shape_, std::move(out), false);
    }

    friend bool operator==(const ndarray& a, const ndarray& b) {
        if (!(a.type_ == b.type_) || a.shape_ != b.shape_) return false;
        if (a.fortran_order_ == b.fortran_order_ || a.ndim() < 2) return a.data_ == b.data_;
        return a.to_c_order().data_ == b.to_c_order().data_;
    }

    /// product(shape) or -1 when a dimension is negative or the product overflows 2^62.
    [[nodiscard]] static std::int64_t checked_count(std::span<const std::int64_t> shape) noexcept {
        std::int64_t n = 1;
        for (auto d : shape) {
            if (d < 0) return -1;
            if (d != 0 && n > (std::int64_t{1} << 62) / d) return -1;
            n *= d;
        }
        return n;
    }

    [[nodiscard]] static std::string shape_string(std::span<const std::int64_t> shape) {
        std::string s = "(";
        for (std::size_t i = 0; i < shape.size(); ++i) {
            if (i) s += ", ";
            s += std::to_string(shape[i]);
        }
        if (shape.size() == 1) s += ',';
        return s + ")";
    }

private:
    // Maps a logical C-order position to the position in storage order.
    [[nodiscard]] std::size_t storage_index(std::size_t flat) const noexcept {
        if (!fortran_order_ || ndim() < 2) return flat;
        std::size_t index = 0, stride = 1;
        // C order: last axis fastest. Peel indices from the last axis; Fortran strides grow from the first axis.
        std::vector<std::size_t> idx(ndim());
        for (std::size_t k = ndim(); k-- > 0;) {
            const auto dim = static_cast<std::size_t>(shape_[k]);
            idx[k] = flat % dim;
            flat /= dim;
        }
        for (std::size_t k = 0; k < ndim(); ++k) {
            index += idx[k] * stride;
            stride *= static_cast<std::size_t>(shape_[k]);
        }
        return index;
    }

    template <class T>
    [[nodiscard]] T load(std::size_t storage) const noexcept {
        const unsigned char* p = data_.data() + storage * type_.itemsize;
        const bool swap = type_.needs_swap();
        switch (type_.kind) {
        case 'b': return static_cast<T>(*p != 0);
        case 'i':
            switch (type_.itemsize) {
            case 1: return static_cast<T>(detail::load_swapped<std::int8_t>(p, false));
            case 2: return static_cast<T>(detail::load_swapped<std::int16_t>(p, swap));
            case 4: return static_cast<T>(detail::load_swapped<std::int32_t>(p, swap));
            default: return static_cast<T>(detail::load_swapped<std::int64_t>(p, swap));
            }
        case 'u':
            switch (type_.itemsize) {
            case 1: return static_cast<T>(*p);
            case 2: return static_cast<T>(detail::load_swapped<std::uint16_t>(p, swap));
            case 4: return static_cast<T>(detail::load_swapped<std::uint32_t>(p, swap));
            default: return static_cast<T>(detail::load_swapped<std::uint64_t>(p, swap));
            }
        default:
            switch (type_.itemsize) {
            case 2: return convert_float<T>(detail::half_to_float(detail::load_swapped<std::uint16_t>(p, swap)));
            case 4: return convert_float<T>(detail::load_swapped<float>(p, swap));
            default: return convert_float<T>(detail::load_swapped<double>(p, swap));
            }
        }
    }

    // Float → integral conversion of NaN/inf/out-of-range values is undefined in C++; saturate instead.
    template <class T, class F>
    [[nodiscard]] static T convert_float(F v) noexcept {
        if constexpr (std::is_floating_point_v<T> || std::is_same_v<T, bool>) {
            return static_cast<T>(v);
        } else {
            if (v != v) return T{0};
            if (v <= static_cast<F>(std::numeric_limits<T>::lowest())) return std::numeric_limits<T>::lowest();
            if (v >= static_cast<F>(std::numeric_limits<T>::max())) return std::numeric_limits<T>::max();
            return static_cast<T>(v);
        }
    }

    vidata::dtype type_{};
    std::vector<std::int64_t> shape_{};
    bool fortran_order_ = false;
    std::vector<unsigned char> data_{};
};

}  // namespace vidata
