// SPDX-License-Identifier: Apache-2.0
// UTF-8 validation, encoding and decoding used by the pickle reader, writer and repr.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace vidata::pickle::detail {

inline constexpr std::size_t utf8_valid = static_cast<std::size_t>(-1);

/// The byte offset of the first ill-formed sequence in `s`, or utf8_valid. Strict (RFC 3629): no
/// overlong forms, no surrogates (Python would accept them under 'surrogatepass', but a std::string
/// holding them is not UTF-8 any more), nothing above U+10FFFF.
[[nodiscard]] inline std::size_t first_invalid_utf8(std::string_view s) noexcept {
    std::size_t i = 0;
    const std::size_t n = s.size();
    while (i < n) {
        // Runs of ASCII, the common case, are skipped eight bytes at a time.
        while (n - i >= 8) {
            unsigned char any = 0;
            for (std::size_t k = 0; k < 8; ++k) any |= static_cast<unsigned char>(s[i + k]);
            if (any & 0x80) break;
            i += 8;
        }
        if (i == n) break;
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t len = 0;
        unsigned char lo = 0x80, hi = 0xbf;  // allowed range of the second byte
        if (c >= 0xc2 && c <= 0xdf) len = 2;
        else if (c == 0xe0) len = 3, lo = 0xa0;
        else if (c == 0xed) len = 3, hi = 0x9f;  // excludes the surrogates U+D800..U+DFFF
        else if (c >= 0xe1 && c <= 0xef) len = 3;
        else if (c == 0xf0) len = 4, lo = 0x90;
        else if (c >= 0xf1 && c <= 0xf3) len = 4;
        else if (c == 0xf4) len = 4, hi = 0x8f;  // nothing above U+10FFFF
        else return i;
        if (n - i < len) return i;
        const auto c1 = static_cast<unsigned char>(s[i + 1]);
        if (c1 < lo || c1 > hi) return i;
        for (std::size_t k = 2; k < len; ++k) {
            const auto ck = static_cast<unsigned char>(s[i + k]);
            if (ck < 0x80 || ck > 0xbf) return i;
        }
        i += len;
    }
    return utf8_valid;
}

/// Appends the UTF-8 form of `cp`; the caller guarantees a scalar value (≤ U+10FFFF, not a surrogate).
inline void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xc0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xe0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    } else {
        out += static_cast<char>(0xf0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    }
}

[[nodiscard]] constexpr bool is_scalar_value(char32_t cp) noexcept {
    return cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff);
}

/// Decodes the code point starting at `s[i]` and advances `i`. `s` must be valid UTF-8.
[[nodiscard]] constexpr char32_t next_code_point(std::string_view s, std::size_t& i) noexcept {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
        ++i;
        return c;
    }
    const std::size_t len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
    char32_t cp = c & (0x7f >> len);
    for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3f);
    i += len;
    return cp;
}

}  // namespace vidata::pickle::detail
