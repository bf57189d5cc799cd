// SPDX-License-Identifier: Apache-2.0
// A CSV field as a double, short plain decimals ("0.077", "417") converted without std::from_chars.
#pragma once

#include <vidata/io/csv_reader.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace vidata::formats::detail {

/// The value of `field` when it is a plain decimal `-?[0-9]+(\.[0-9]+)?` of at most 19 digits whose digits, read
/// as one integer m, are at most 2^53; nothing (false) otherwise. Such a value is m / 10^k with both operands exact
/// doubles, so one IEEE division rounds it correctly (Clinger's fast path): bit for bit what std::from_chars gives.
/// Why: box coordinates, scores and times are such decimals, and from_chars, behind Python's float() rules, was a
/// fifth of reading an AVA CSV.
[[nodiscard]] inline bool short_decimal(std::string_view field, double& out) noexcept {
    static constexpr double powers_of_ten[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9,
                                               1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19};
    std::size_t i = 0;
    const bool negative = !field.empty() && field[0] == '-';
    if (negative) ++i;
    std::uint64_t m = 0;
    std::size_t digits = 0, fraction = 0;
    for (; i < field.size() && field[i] >= '0' && field[i] <= '9'; ++i, ++digits) m = m * 10 + static_cast<std::uint64_t>(field[i] - '0');
    if (digits == 0) return false;
    if (i < field.size() && field[i] == '.') {
        ++i;
        for (; i < field.size() && field[i] >= '0' && field[i] <= '9'; ++i, ++fraction)
            m = m * 10 + static_cast<std::uint64_t>(field[i] - '0');
        if (fraction == 0) return false;
    }
    // 19 digits cannot overflow the accumulator; 2^53 keeps m exact as a double.
    if (i != field.size() || digits + fraction > 19 || m > (std::uint64_t{1} << 53)) return false;
    const double v = static_cast<double>(m) / powers_of_ten[fraction];
    out = negative ? -v : v;
    return true;
}

/// Field `i` of `row` as a double, as csv_row::number reads it (Python's float()); short plain decimals take
/// short_decimal, everything else (blanks, '+', exponents, "nan", an error to report) csv_row::number.
[[nodiscard]] inline double csv_number(const csv_row& row, std::size_t i, std::string_view what) {
    double v = 0.0;
    if (i < row.size() && short_decimal(row[i], v)) return v;
    return row.number(i, what);
}

}  // namespace vidata::formats::detail
