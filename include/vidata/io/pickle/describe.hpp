// SPDX-License-Identifier: Apache-2.0
// vidata::pickle::describe: a one-line type tree of a pickle value, for humans (`vidata inspect`).
#pragma once

#include <vidata/io/ndarray.hpp>
#include <vidata/io/pickle/repr.hpp>
#include <vidata/io/pickle/value.hpp>

#include <algorithm>
#include <cstddef>
#include <string>

namespace vidata::pickle {

namespace detail {

inline constexpr std::size_t describe_max_length = 64 * 1024;

inline void describe_into(std::string& out, const value& v, std::size_t depth, std::size_t max_items) {
    if (out.size() > describe_max_length) return;
    switch (v.kind()) {
    case value_kind::ndarray: {
        const auto& a = v.as_ndarray();
        out += "numpy.ndarray " + a.type().name() + " " + vidata::ndarray::shape_string(a.shape());
        if (a.fortran_order() && a.ndim() >= 2) out += " F-order";
        return;
    }
    case value_kind::numpy_scalar:
    case value_kind::integer:
    case value_kind::big_integer:
    case value_kind::floating:
    case value_kind::boolean:
        if (v.is_numpy_scalar()) out += v.type_name() + ' ';
        out += repr(v, 40);
        return;
    case value_kind::str:
        if (v.is_numpy()) out += "numpy.str_ ";
        out += repr(v, 60);
        return;
    case value_kind::bytes:
    case value_kind::bytearray:
        out += v.type_name() + "(" + std::to_string(v.as_bytes().size()) + ")";
        return;
    case value_kind::none: out += "None"; return;
    default: break;
    }
    const bool is_dict = v.is_dict();
    out += v.type_name() + "(" + std::to_string(v.size()) + ")";
    if (is_dict && v.flavor() == dict_flavor::defaultdict) out += "[" + (v.default_factory().empty() ? std::string("None") : v.default_factory()) + "]";
    if (depth == 0 || v.size() == 0) return;
    const char* brackets = is_dict || v.is_set() ? "{}" : v.is_tuple() ? "()" : "[]";
    out += ": ";
    out += brackets[0];
    const std::size_t shown = std::min(max_items, v.size());
    for (std::size_t i = 0; i < shown; ++i) {
        if (i > 0) out += ", ";
        if (is_dict) {
            out += repr(v.as_dict()[i].first, 60);
            out += ": ";
            describe_into(out, v.as_dict()[i].second, depth - 1, max_items);
        } else {
            describe_into(out, v.elements()[i], depth - 1, max_items);
        }
    }
    if (v.size() > shown) out += ", ... (" + std::to_string(v.size() - shown) + " more)";
    out += brackets[1];
}

}  // namespace detail

/// A short human summary of `v`: its type tree down to `depth` levels, with at most `max_items`
/// entries per container, scalars by their repr (long strings cut):
///   dict(3): {'a': numpy.ndarray float32 (4, 5), 'b': list(100): [{...}, ... (99 more)], 'c': 3}
/// Not a stable format: for machines, use to_json. Depth is capped at 32 and output near 64 KiB.
[[nodiscard]] inline std::string describe(const value& v, std::size_t depth = 2, std::size_t max_items = 3) {
    std::string out;
    detail::describe_into(out, v, std::min<std::size_t>(depth, 32), max_items);
    return out;
}

}  // namespace vidata::pickle
