// SPDX-License-Identifier: Apache-2.0
// Text → number conversion with Python's int()/float() leniency (surrounding blanks, a leading '+') over std::from_chars.
#pragma once

#include <vidata/core/error.hpp>

#include <charconv>
#include <concepts>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>

namespace vidata::detail {

/// Integer and floating-point types the field readers convert to (bool and characters are not numbers here).
template <class T>
concept field_number = (std::integral<T> && !std::same_as<T, bool> && !std::same_as<T, char> && !std::same_as<T, char8_t> &&
                        !std::same_as<T, char16_t> && !std::same_as<T, char32_t> && !std::same_as<T, wchar_t>) ||
                       std::floating_point<T>;

enum class number_status { ok, invalid, out_of_range };

[[nodiscard]] constexpr bool is_ascii_space(char c) noexcept {
    return c == ' ' || (c >= '\t' && c <= '\r');
}

[[nodiscard]] constexpr std::string_view trim_ascii_space(std::string_view s) noexcept {
    while (!s.empty() && is_ascii_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_ascii_space(s.back())) s.remove_suffix(1);
    return s;
}

/// Parses the whole of `text` as a T. Accepts what Python's int()/float() accept for plain decimal
/// input, since the annotation files were written and read by Python: surrounding ASCII blanks and one
/// leading '+'. Floats also take "nan", "inf" and "infinity" in any case; hex and digit separators are refused.
template <field_number T>
[[nodiscard]] number_status parse_number(std::string_view text, T& out) noexcept {
    text = trim_ascii_space(text);
    if (text.size() >= 2 && text[0] == '+' && text[1] != '-' && text[1] != '+') text.remove_prefix(1);
    if (text.empty()) return number_status::invalid;
    const char* first = text.data();
    const char* last = first + text.size();
    std::from_chars_result r;
    if constexpr (std::floating_point<T>) {
        r = std::from_chars(first, last, out, std::chars_format::general);
    } else {
        r = std::from_chars(first, last, out, 10);
    }
    if (r.ec == std::errc::result_out_of_range) return r.ptr == last ? number_status::out_of_range : number_status::invalid;
    if (r.ec != std::errc{} || r.ptr != last) return number_status::invalid;
    return number_status::ok;
}

/// "an integer" / "a number": the default expectation for a T.
template <field_number T>
[[nodiscard]] std::string default_expectation() {
    return std::floating_point<T> ? "a number" : "an integer";
}

/// The expectation named in an out-of-range error: "a frame count within [0, 4294967295]".
template <field_number T>
[[nodiscard]] std::string range_expectation(std::string_view what) {
    std::string out(what.empty() ? default_expectation<T>() : std::string(what));
    if constexpr (std::floating_point<T>) {
        out += " within the range of a ";
        out += sizeof(T) == 4 ? "float" : "double";
    } else {
        out += " within [" + std::to_string(std::numeric_limits<T>::min()) + ", " +
               std::to_string(std::numeric_limits<T>::max()) + "]";
    }
    return out;
}

/// Converts `text` or throws the parse_error that `where()` locates. `where` is only called on failure,
/// so the happy path builds no location.
template <field_number T, class Where>
[[nodiscard]] T convert_or_throw(std::string_view text, std::string_view what, Where&& where) {
    T value{};
    switch (parse_number(text, value)) {
    case number_status::ok: return value;
    case number_status::out_of_range: throw parse_error(where(), range_expectation<T>(what), std::string(text));
    default: throw parse_error(where(), what.empty() ? default_expectation<T>() : std::string(what), std::string(text));
    }
}

}  // namespace vidata::detail
