// SPDX-License-Identifier: Apache-2.0
// vidata::pickle::repr and float_repr: Python's repr() of pickle values, used for non-str JSON keys.
#pragma once

#include <vidata/io/ndarray.hpp>
#include <vidata/io/pickle/detail/utf8.hpp>
#include <vidata/io/pickle/detail/walk.hpp>
#include <vidata/io/pickle/value.hpp>

#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <cstdlib>
#include <limits>
#include <string>
#include <string_view>
#include <system_error>

namespace vidata::pickle {

namespace detail {

// Lays out shortest round-trip digits as Python's float_repr_style 'short' does: positional when
// the decimal exponent is in [-4, 16), scientific otherwise, always with a '.0' or an exponent so
// that the text reads back as a float.
[[nodiscard]] inline std::string layout_float_digits(bool negative, std::string_view digits, int exponent) {
    std::string out = negative ? "-" : "";
    if (exponent >= -4 && exponent < 16) {
        if (exponent < 0) {
            out += "0.";
            out.append(static_cast<std::size_t>(-exponent - 1), '0');
            out += digits;
        } else {
            const auto int_len = static_cast<std::size_t>(exponent) + 1;
            if (digits.size() <= int_len) {
                out += digits;
                out.append(int_len - digits.size(), '0');
                out += ".0";
            } else {
                out += digits.substr(0, int_len);
                out += '.';
                out += digits.substr(int_len);
            }
        }
    } else {
        out += digits[0];
        if (digits.size() > 1) {
            out += '.';
            out += digits.substr(1);
        }
        out += exponent < 0 ? "e-" : "e+";
        const int e = exponent < 0 ? -exponent : exponent;
        if (e < 10) out += '0';
        out += std::to_string(e);
    }
    return out;
}

// Splits "d.ddde±x" (std::to_chars / printf scientific output) into digits and exponent, dropping
// trailing zeros of the mantissa.
inline void split_scientific(std::string_view sci, std::string& digits, int& exponent) {
    const auto e = sci.find('e');
    digits.clear();
    for (char c : sci.substr(0, e))
        if (c >= '0' && c <= '9') digits += c;
    while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
    exponent = std::atoi(std::string(sci.substr(e + 1)).c_str());
}

template <class F>
[[nodiscard]] std::string shortest_repr(F x) {
    if (std::isnan(x)) return "nan";
    if (std::isinf(x)) return x < 0 ? "-inf" : "inf";
    if (x == 0) return std::signbit(x) ? "-0.0" : "0.0";
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, std::fabs(x), std::chars_format::scientific);
    std::string digits;
    int exponent = 0;
    split_scientific(std::string_view(buf, static_cast<std::size_t>(r.ptr - buf)), digits, exponent);
    return layout_float_digits(std::signbit(x), digits, exponent);
}

/// numpy's repr of a float16 (the fewest digits that read back as the same half).
[[nodiscard]] inline std::string half_repr(std::uint16_t h) {
    const float x = vidata::detail::half_to_float(h);
    if (std::isnan(x) || std::isinf(x) || x == 0) return shortest_repr(x);
    char buf[64];
    for (int precision = 0; precision < 9; ++precision) {
        std::snprintf(buf, sizeof buf, "%.*e", precision, static_cast<double>(std::fabs(x)));
        const float back = std::strtof(buf, nullptr);
        if (vidata::detail::float_to_half(back) == (h & 0x7fffu)) break;
    }
    std::string digits;
    int exponent = 0;
    split_scientific(buf, digits, exponent);
    return layout_float_digits(std::signbit(x), digits, exponent);
}

[[nodiscard]] inline bool python_printable(char32_t cp) noexcept {
    // Python's str.isprintable() needs the Unicode database; this covers the control, format and
    // separator characters data files actually contain, and treats the rest of Unicode as printable.
    if (cp < 0x20 || (cp >= 0x7f && cp <= 0xa0) || cp == 0xad) return false;
    if (cp >= 0x2000 && cp <= 0x200f) return false;
    if (cp >= 0x2028 && cp <= 0x202f) return false;
    if (cp >= 0x205f && cp <= 0x206f) return false;
    if (cp == 0x1680 || cp == 0x3000 || cp == 0xfeff || (cp >= 0xfff9 && cp <= 0xfffb)) return false;
    if (cp >= 0xe000 && cp <= 0xf8ff) return false;  // private use
    return cp < 0xf0000;
}

/// Python's repr of a str (valid UTF-8): single quotes unless the text has ' and no ".
inline void append_str_repr(std::string& out, std::string_view s) {
    const bool has_single = s.find('\'') != std::string_view::npos;
    const char quote = has_single && s.find('"') == std::string_view::npos ? '"' : '\'';
    constexpr char hex[] = "0123456789abcdef";
    out += quote;
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t start = i;
        const char32_t cp = next_code_point(s, i);
        if (cp == static_cast<char32_t>(quote) || cp == '\\') {
            out += '\\';
            out += static_cast<char>(cp);
        } else if (cp == '\t') out += "\\t";
        else if (cp == '\n') out += "\\n";
        else if (cp == '\r') out += "\\r";
        else if (python_printable(cp)) out.append(s.substr(start, i - start));
        else {
            const int width = cp < 0x100 ? 2 : cp < 0x10000 ? 4 : 8;
            out += width == 2 ? "\\x" : width == 4 ? "\\u" : "\\U";
            for (int k = width - 1; k >= 0; --k) out += hex[(cp >> (4 * k)) & 15];
        }
    }
    out += quote;
}

/// Python's repr of a bytes object: b'...' with \xhh for bytes outside printable ASCII.
inline void append_bytes_repr(std::string& out, std::string_view s) {
    const bool has_single = s.find('\'') != std::string_view::npos;
    const char quote = has_single && s.find('"') == std::string_view::npos ? '"' : '\'';
    constexpr char hex[] = "0123456789abcdef";
    out += 'b';
    out += quote;
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == static_cast<unsigned char>(quote) || c == '\\') {
            out += '\\';
            out += ch;
        } else if (c == '\t') out += "\\t";
        else if (c == '\n') out += "\\n";
        else if (c == '\r') out += "\\r";
        else if (c < 0x20 || c >= 0x7f) {
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 15];
        } else out += ch;
    }
    out += quote;
}

/// numpy 1.x's repr of a numpy scalar: the bare value (True, 3, 0.1 with the dtype's precision).
[[nodiscard]] inline std::string numpy_scalar_repr(const vidata::ndarray& a) {
    const auto& t = a.type();
    switch (t.kind) {
    case 'b': return a.at<bool>(0) ? "True" : "False";
    case 'i': return std::to_string(a.at<std::int64_t>(0));
    case 'u': return std::to_string(a.at<std::uint64_t>(0));
    default:
        if (t.itemsize == 2) {
            std::uint16_t h = 0;
            std::memcpy(&h, a.bytes().data(), 2);
            if (t.needs_swap()) h = static_cast<std::uint16_t>((h >> 8) | (h << 8));
            return half_repr(h);
        }
        if (t.itemsize == 4) return shortest_repr(a.at<float>(0));
        return shortest_repr(a.at<double>(0));
    }
}

class repr_visitor {
public:
    explicit repr_visitor(std::size_t max_length) : max_(max_length) {}

    bool enter(const value& v) {
        switch (v.kind()) {
        case value_kind::none: out_ += "None"; return false;
        case value_kind::boolean: out_ += v.as_bool() ? "True" : "False"; return false;
        case value_kind::integer: out_ += std::to_string(v.as_int()); return false;
        case value_kind::big_integer: out_ += v.as_big_int().to_string(); return false;
        case value_kind::floating: out_ += shortest_repr(v.as_float()); return false;
        case value_kind::str: append_str_repr(out_, v.as_str()); return false;
        case value_kind::bytes: append_bytes_repr(out_, v.as_bytes()); return false;
        case value_kind::bytearray:
            out_ += "bytearray(";
            append_bytes_repr(out_, v.as_bytes());
            out_ += ')';
            return false;
        case value_kind::ndarray: {
            const auto& a = v.as_ndarray();
            out_ += "array(shape=" + vidata::ndarray::shape_string(a.shape()) + ", dtype=" + a.type().name() + ")";
            return false;
        }
        case value_kind::numpy_scalar: out_ += numpy_scalar_repr(v.as_ndarray()); return false;
        case value_kind::list: out_ += '['; return true;
        case value_kind::tuple: out_ += '('; return true;
        case value_kind::set:
            out_ += v.size() == 0 ? "set()" : "{";
            return v.size() != 0;
        case value_kind::frozenset:
            out_ += v.size() == 0 ? "frozenset()" : "frozenset({";
            return v.size() != 0;
        case value_kind::dict:
            switch (v.flavor()) {
            case dict_flavor::ordered_dict:
                out_ += v.size() == 0 ? "OrderedDict()" : "OrderedDict([";
                return v.size() != 0;
            case dict_flavor::defaultdict:
                out_ += "defaultdict(";
                out_ += v.default_factory().empty() ? "None" : "<class '" + v.default_factory() + "'>";
                out_ += ", {";
                return true;
            default: out_ += '{'; return true;
            }
        }
        return false;
    }

    bool before_child(const value& parent, std::size_t i) {
        const bool ordered = parent.is_dict() && parent.flavor() == dict_flavor::ordered_dict;
        if (parent.is_dict()) {
            if (i % 2 == 0) {
                if (i > 0) out_ += ordered ? "), " : ", ";
                if (ordered) out_ += '(';
            } else {
                out_ += ordered ? ", " : ": ";
            }
        } else if (i > 0) {
            out_ += ", ";
        }
        return true;
    }

    void leave(const value& v) {
        switch (v.kind()) {
        case value_kind::list: out_ += ']'; break;
        case value_kind::tuple: out_ += v.size() == 1 ? ",)" : ")"; break;
        case value_kind::set: out_ += '}'; break;
        case value_kind::frozenset: out_ += "})"; break;
        default:
            if (v.flavor() == dict_flavor::ordered_dict) out_ += ")])";
            else if (v.flavor() == dict_flavor::defaultdict) out_ += "})";
            else out_ += '}';
        }
    }

    [[nodiscard]] bool stopped() const noexcept { return out_.size() > max_; }

    [[nodiscard]] std::string take() {
        if (out_.size() > max_) {
            out_.resize(max_);
            out_ += "...";
        }
        return std::move(out_);
    }

private:
    std::string out_;
    std::size_t max_;
};

}  // namespace detail

/// Python's repr() of a float: the shortest digits that read back as the same double, positional
/// for decimal exponents in [-4, 16) and scientific otherwise: 1e+16, 1000000000000000.0, 1e-05,
/// 0.0001, -0.0, inf, nan.
[[nodiscard]] inline std::string float_repr(double x) { return detail::shortest_repr(x); }

/// Python's repr() of `v` (numpy 1.x's for numpy scalars), as used for dict keys that are not str:
/// 1, (1, 'a'), b'x', None, True, 0.5, frozenset({1, 2}). Exceptions: an ndarray is written as
/// `array(shape=(2, 3), dtype=float32)` rather than with its elements, and str escapes follow
/// Python for ASCII, Latin-1 and the common Unicode format/separator characters only (the full
/// isprintable() table is not carried). Output longer than `max_length` is cut and ends in "...".
/// Iterative: any depth is fine.
[[nodiscard]] inline std::string repr(const value& v, std::size_t max_length = std::numeric_limits<std::size_t>::max() - 8) {
    detail::repr_visitor visitor(max_length);
    detail::walk(v, visitor);
    return visitor.take();
}

}  // namespace vidata::pickle
