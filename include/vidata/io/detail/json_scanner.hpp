// SPDX-License-Identifier: Apache-2.0
// A strict RFC 8259 JSON scanner that streams events to a handler without building anything: results files are large.
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/io/json.hpp>

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace vidata::detail {

/// The events a json_scan handler receives, in document order:
///   start_object(), end_object(), start_array(), end_array(),
///   key(std::string_view), string(std::string_view), number(double, std::string_view token),
///   literal(std::string_view) for true, false and null.
/// Views are valid during the call only. A handler reports its own errors by throwing.
///
/// Why not nlohmann's SAX parser: it lexes through a character adapter and converts every number with strtod
/// on a copied token, about 90 MB/s; an ActivityNet submission (4,700 videos x 100 proposals) is 46 MB, which
/// would make reading it cost several times the whole evaluation. This scanner takes the text in place, finds
/// string ends with a plain byte loop and converts numbers with std::from_chars: several hundred MB/s.
///
/// Accepted: exactly RFC 8259 (a leading UTF-8 byte-order mark tolerated, as by vidata::parse_json), with
/// UTF-8 validated inside strings and \u escapes decoded (surrogate pairs combined; a lone surrogate refused).
/// Refused with a vidata::parse_error at line:column: everything else, NaN/Infinity literals (which Python's
/// json takes) and numbers beyond a double's range included. Nesting depth is unbounded and costs one byte per
/// level (no recursion).
class json_scanner {
public:
    json_scanner(std::string_view text, std::string_view source) : text_(text), source_(source) {}

    /// Calls `progress(offset)` about every `every` bytes, with the offset the scan has reached: a mapped file
    /// drops what is behind (mapped_text::advance). The scan never reads before that offset again.
    void on_progress(std::size_t every, std::function<void(std::size_t)> progress) {
        progress_every_ = every;
        next_progress_ = every;
        progress_ = std::move(progress);
    }

    template <class Handler>
    void run(Handler& h) {
        pos_ = text_.starts_with("\xEF\xBB\xBF") ? 3 : 0;
        std::vector<char> open;  // the enclosing containers, '{' or '['
        for (;;) {
            if (pos_ >= next_progress_) {
                progress_(pos_);
                next_progress_ = pos_ + progress_every_;
            }
            // One value starts at pos_.
            skip_space();
            const int c = peek();
            bool complete = true;
            if (c == '{') {
                ++pos_;
                h.start_object();
                skip_space();
                if (peek() == '}') {
                    ++pos_;
                    h.end_object();
                } else {
                    read_key(h);
                    open.push_back('{');
                    complete = false;
                }
            } else if (c == '[') {
                ++pos_;
                h.start_array();
                skip_space();
                if (peek() == ']') {
                    ++pos_;
                    h.end_array();
                } else {
                    open.push_back('[');
                    complete = false;
                }
            } else if (c == '"') {
                h.string(read_string());
            } else if (c == '-' || (c >= '0' && c <= '9')) {
                const std::size_t begin = pos_;
                const double v = read_number();
                h.number(v, text_.substr(begin, pos_ - begin));
            } else if (c == 't' || c == 'f' || c == 'n') {
                h.literal(read_literal());
            } else {
                fail(pos_, "a JSON value");
            }
            if (!complete) continue;
            // After a complete value: close what ends here, then find where the next value starts.
            for (;;) {
                skip_space();
                if (open.empty()) {
                    if (pos_ != text_.size()) fail(pos_, "the end of the input after the top-level value");
                    return;
                }
                const int d = peek();
                if (open.back() == '{') {
                    if (d == ',') {
                        ++pos_;
                        skip_space();
                        read_key(h);
                        break;
                    }
                    if (d != '}') fail(pos_, "',' or '}' in an object");
                    ++pos_;
                    open.pop_back();
                    h.end_object();
                } else {
                    if (d == ',') {
                        ++pos_;
                        break;
                    }
                    if (d != ']') fail(pos_, "',' or ']' in an array");
                    ++pos_;
                    open.pop_back();
                    h.end_array();
                }
            }
        }
    }

private:
    [[nodiscard]] int peek() const noexcept {
        return pos_ < text_.size() ? static_cast<unsigned char>(text_[pos_]) : -1;
    }

    void skip_space() noexcept {
        while (pos_ < text_.size()) {
            const char c = text_[pos_];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') return;
            ++pos_;
        }
    }

    [[noreturn]] void fail(std::size_t at, const std::string& expected) const {
        source_location where{std::string(source_), 0, 0, -1, {}};
        line_and_column(text_, at, where.line, where.column);
        throw parse_error(std::move(where), expected, json_excerpt(text_, at));
    }

    template <class Handler>
    void read_key(Handler& h) {
        if (peek() != '"') fail(pos_, "a member name in double quotes");
        h.key(read_string());
        skip_space();
        if (peek() != ':') fail(pos_, "':' after a member name");
        ++pos_;
    }

    // The string at pos_ (an opening quote), decoded; a view into the text when it has no escape.
    std::string_view read_string() {
        const std::size_t open = pos_++;
        const std::size_t begin = pos_;
        bool escaped = false;
        for (;;) {
            if (pos_ >= text_.size()) fail(open, "a string closed by '\"'");
            const auto c = static_cast<unsigned char>(text_[pos_]);
            if (c == '"') break;
            if (c == '\\') {
                if (!escaped) buffer_.assign(text_.data() + begin, pos_ - begin);
                escaped = true;
                read_escape();
                continue;
            }
            if (c < 0x20) fail(pos_, "a control character escaped with '\\' inside a string");
            const std::size_t start = pos_;
            if (c < 0x80) ++pos_;
            else read_utf8();
            if (escaped) buffer_.append(text_.data() + start, pos_ - start);
        }
        ++pos_;  // the closing quote
        return escaped ? std::string_view(buffer_) : text_.substr(begin, pos_ - 1 - begin);
    }

    // One UTF-8 sequence at pos_ (its first byte >= 0x80), validated as RFC 3629 (no overlong form, no surrogate,
    // nothing above U+10FFFF).
    void read_utf8() {
        const auto b0 = static_cast<unsigned char>(text_[pos_]);
        std::size_t n = 0;
        unsigned lo = 0x80, hi = 0xBF;
        if (b0 >= 0xC2 && b0 <= 0xDF) n = 1;
        else if (b0 == 0xE0) n = 2, lo = 0xA0;
        else if (b0 >= 0xE1 && b0 <= 0xEC) n = 2;
        else if (b0 == 0xED) n = 2, hi = 0x9F;
        else if (b0 >= 0xEE && b0 <= 0xEF) n = 2;
        else if (b0 == 0xF0) n = 3, lo = 0x90;
        else if (b0 >= 0xF1 && b0 <= 0xF3) n = 3;
        else if (b0 == 0xF4) n = 3, hi = 0x8F;
        else fail(pos_, "valid UTF-8 in a string");
        for (std::size_t k = 1; k <= n; ++k) {
            if (pos_ + k >= text_.size()) fail(pos_, "valid UTF-8 in a string");
            const auto b = static_cast<unsigned char>(text_[pos_ + k]);
            if (b < (k == 1 ? lo : 0x80u) || b > (k == 1 ? hi : 0xBFu)) fail(pos_, "valid UTF-8 in a string");
        }
        pos_ += n + 1;
    }

    // An escape at pos_ (a backslash), appended decoded to buffer_.
    void read_escape() {
        const std::size_t at = pos_;
        if (pos_ + 1 >= text_.size()) fail(at, "an escape sequence");
        const char e = text_[pos_ + 1];
        pos_ += 2;
        switch (e) {
            case '"': buffer_ += '"'; return;
            case '\\': buffer_ += '\\'; return;
            case '/': buffer_ += '/'; return;
            case 'b': buffer_ += '\b'; return;
            case 'f': buffer_ += '\f'; return;
            case 'n': buffer_ += '\n'; return;
            case 'r': buffer_ += '\r'; return;
            case 't': buffer_ += '\t'; return;
            case 'u': break;
            default: fail(at, "an escape sequence (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
        }
        std::uint32_t cp = read_hex4(at);
        if (cp >= 0xDC00 && cp <= 0xDFFF) fail(at, "a \\u escape that is not a lone low surrogate");
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (pos_ + 1 >= text_.size() || text_[pos_] != '\\' || text_[pos_ + 1] != 'u')
                fail(at, "a low surrogate \\uDC00-\\uDFFF after a high surrogate");
            pos_ += 2;
            const std::uint32_t low = read_hex4(at);
            if (low < 0xDC00 || low > 0xDFFF) fail(at, "a low surrogate \\uDC00-\\uDFFF after a high surrogate");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        }
        if (cp < 0x80) {
            buffer_ += static_cast<char>(cp);
        } else if (cp < 0x800) {
            buffer_ += static_cast<char>(0xC0 | (cp >> 6));
            buffer_ += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            buffer_ += static_cast<char>(0xE0 | (cp >> 12));
            buffer_ += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            buffer_ += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            buffer_ += static_cast<char>(0xF0 | (cp >> 18));
            buffer_ += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            buffer_ += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            buffer_ += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }

    std::uint32_t read_hex4(std::size_t escape) {
        if (pos_ + 4 > text_.size()) fail(escape, "four hexadecimal digits after \\u");
        std::uint32_t v = 0;
        for (int k = 0; k < 4; ++k) {
            const char c = text_[pos_++];
            v <<= 4;
            if (c >= '0' && c <= '9') v |= static_cast<std::uint32_t>(c - '0');
            else if (c >= 'a' && c <= 'f') v |= static_cast<std::uint32_t>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') v |= static_cast<std::uint32_t>(c - 'A' + 10);
            else fail(escape, "four hexadecimal digits after \\u");
        }
        return v;
    }

    // A number at pos_, checked against JSON's grammar -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? and
    // converted correctly rounded, as Python's float() (and strtod) convert it.
    //
    // Why the digits are accumulated here: results files are mostly short decimals ("0.301", "45.163"), three
    // per proposal, and std::from_chars costs more than the scan of their digits. A decimal whose digits form an
    // integer m <= 2^53 with at most 22 digits after the point is m / 10^k with both operands exact doubles, so
    // one IEEE division rounds it correctly (Clinger's fast path) and gives from_chars' double bit for bit.
    // Everything else (more digits, an exponent) goes to from_chars.
    double read_number() {
        const std::size_t begin = pos_;
        const std::size_t size = text_.size();
        auto digit_at = [&](std::size_t i) { return i < size && text_[i] >= '0' && text_[i] <= '9'; };
        const bool negative = text_[pos_] == '-';
        if (negative) ++pos_;
        std::uint64_t mantissa = 0;
        std::size_t significant = 0;  // digits accumulated into mantissa (leading zeros included: they add nothing)
        if (pos_ < size && text_[pos_] == '0') {
            ++pos_;
        } else {
            if (!digit_at(pos_)) fail(pos_, "a digit in a number");
            for (; digit_at(pos_); ++pos_, ++significant) mantissa = mantissa * 10 + static_cast<std::uint64_t>(text_[pos_] - '0');
        }
        std::size_t fraction = 0;
        if (pos_ < size && text_[pos_] == '.') {
            ++pos_;
            if (!digit_at(pos_)) fail(pos_, "a digit in a number");
            for (; digit_at(pos_); ++pos_, ++fraction) mantissa = mantissa * 10 + static_cast<std::uint64_t>(text_[pos_] - '0');
        }
        bool exponent = false;
        if (pos_ < size && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
            exponent = true;
            ++pos_;
            if (pos_ < size && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
            if (!digit_at(pos_)) fail(pos_, "a digit in a number");
            while (digit_at(pos_)) ++pos_;
        }
        // 19 digits cannot overflow the accumulator; 2^53 keeps m exact as a double.
        if (!exponent && significant + fraction <= 19 && fraction <= 22 && mantissa <= (std::uint64_t{1} << 53)) {
            const double v = static_cast<double>(mantissa) / exact_power_of_ten[fraction];
            return negative ? -v : v;
        }
        double v = 0.0;
        const char* first = text_.data() + begin;
        const char* last = text_.data() + pos_;
        const auto r = std::from_chars(first, last, v);
        if (r.ec == std::errc::result_out_of_range) {
            // from_chars refuses underflow too, where strtod gives the nearest (sub)normal or zero.
            const std::string token(first, last);
            v = std::strtod(token.c_str(), nullptr);
            if (v == HUGE_VAL || v == -HUGE_VAL) fail(begin, "a number within the range of a double");
        } else if (r.ec != std::errc{} || r.ptr != last) {
            fail(begin, "a number");
        }
        return v;
    }

    // 10^0 .. 10^22: the powers of ten a double holds exactly.
    static constexpr double exact_power_of_ten[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                                    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    std::string_view read_literal() {
        for (const std::string_view word : {std::string_view("true"), std::string_view("false"), std::string_view("null")}) {
            if (text_.substr(pos_, word.size()) == word) {
                pos_ += word.size();
                return word;
            }
        }
        fail(pos_, "a JSON value (true, false, null; NaN and Infinity are not JSON)");
    }

    std::string_view text_;
    std::string_view source_;
    std::size_t pos_ = 0;
    std::string buffer_;
    std::size_t progress_every_ = 0;
    std::size_t next_progress_ = static_cast<std::size_t>(-1);
    std::function<void(std::size_t)> progress_;
};

}  // namespace vidata::detail
