// SPDX-License-Identifier: Apache-2.0
// vidata::pickle::big_int: a Python int too large for int64, kept exactly as pickle stores it.
#pragma once

#include <vidata/core/error.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vidata::pickle {

/// An arbitrary-precision integer held as pickle's LONG1/LONG4 payload: minimal two's complement,
/// little-endian (zero is the empty byte string). It exists to carry such values through load,
/// JSON and dump exactly; it does no arithmetic. Decimal conversion is quadratic in the length,
/// which is why the reader caps integers at `max_bytes`.
///   const auto n = vidata::pickle::big_int::from_decimal("1267650600228229401496703205376");  // 2**100
///   n->to_string() == "1267650600228229401496703205376"
class big_int {
public:
    /// The largest integer the reader and from_decimal accept, in bytes (about 19,700 decimal digits;
    /// Python itself refuses to print more than 4,300 digits by default).
    static constexpr std::size_t max_bytes = 8192;

    big_int() = default;  ///< zero

    explicit big_int(std::int64_t v) {
        const auto u = static_cast<std::uint64_t>(v);
        for (int k = 0; k < 8; ++k) bytes_.push_back(static_cast<unsigned char>(u >> (8 * k)));
        minimize();
    }

    [[nodiscard]] static big_int from_uint64(std::uint64_t v) {
        big_int out;
        for (int k = 0; k < 8; ++k) out.bytes_.push_back(static_cast<unsigned char>(v >> (8 * k)));
        out.bytes_.push_back(0);  // keeps values ≥ 2^63 positive
        out.minimize();
        return out;
    }

    /// From little-endian two's complement bytes (any length; redundant sign bytes are dropped).
    [[nodiscard]] static big_int from_twos_complement(std::span<const unsigned char> little_endian) {
        big_int out;
        out.bytes_.assign(little_endian.begin(), little_endian.end());
        out.minimize();
        return out;
    }

    /// From decimal text: an optional sign and 1 to 20,000 digits (no spaces, no underscores).
    /// nullopt for anything else.
    [[nodiscard]] static std::optional<big_int> from_decimal(std::string_view text) {
        bool negative = false;
        if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
            negative = text[0] == '-';
            text.remove_prefix(1);
        }
        if (text.empty() || text.size() > 20000) return std::nullopt;
        std::vector<std::uint32_t> limbs;  // magnitude, base 2^32, least significant first
        std::size_t i = 0;
        while (i < text.size()) {
            const std::size_t chunk = std::min<std::size_t>(9, text.size() - i);
            std::uint32_t add = 0, mul = 1;
            for (std::size_t k = 0; k < chunk; ++k, ++i) {
                const char c = text[i];
                if (c < '0' || c > '9') return std::nullopt;
                add = add * 10 + static_cast<std::uint32_t>(c - '0');
                mul *= 10;
            }
            std::uint64_t carry = add;
            for (auto& limb : limbs) {
                const std::uint64_t t = std::uint64_t{limb} * mul + carry;
                limb = static_cast<std::uint32_t>(t);
                carry = t >> 32;
            }
            if (carry != 0) limbs.push_back(static_cast<std::uint32_t>(carry));
        }
        big_int out;
        for (auto limb : limbs)
            for (int k = 0; k < 4; ++k) out.bytes_.push_back(static_cast<unsigned char>(limb >> (8 * k)));
        out.bytes_.push_back(0);
        if (negative) out.negate_in_place();
        out.minimize();
        if (out.bytes_.size() > max_bytes) return std::nullopt;
        return out;
    }

    /// The minimal two's complement little-endian bytes (what LONG1 stores; empty for zero).
    [[nodiscard]] std::span<const unsigned char> twos_complement() const noexcept { return bytes_; }
    [[nodiscard]] bool is_negative() const noexcept { return !bytes_.empty() && (bytes_.back() & 0x80) != 0; }
    [[nodiscard]] bool is_zero() const noexcept { return bytes_.empty(); }

    [[nodiscard]] std::optional<std::int64_t> to_int64() const noexcept {
        if (bytes_.size() > 8) return std::nullopt;
        std::uint64_t u = is_negative() ? ~std::uint64_t{0} : 0;
        for (std::size_t k = 0; k < bytes_.size(); ++k) {
            u &= ~(std::uint64_t{0xff} << (8 * k));
            u |= std::uint64_t{bytes_[k]} << (8 * k);
        }
        return static_cast<std::int64_t>(u);
    }

    [[nodiscard]] std::optional<std::uint64_t> to_uint64() const noexcept {
        if (is_negative() || bytes_.size() > 9 || (bytes_.size() == 9 && bytes_[8] != 0)) return std::nullopt;
        std::uint64_t u = 0;
        for (std::size_t k = 0; k < bytes_.size() && k < 8; ++k) u |= std::uint64_t{bytes_[k]} << (8 * k);
        return u;
    }

    /// Exact decimal text, as Python's str(int).
    [[nodiscard]] std::string to_string() const {
        if (bytes_.empty()) return "0";
        big_int magnitude = *this;
        const bool negative = is_negative();
        if (negative) magnitude.negate_in_place();  // now reads as an unsigned number
        std::vector<std::uint32_t> limbs((magnitude.bytes_.size() + 3) / 4, 0);
        for (std::size_t k = 0; k < magnitude.bytes_.size(); ++k)
            limbs[k / 4] |= std::uint32_t{magnitude.bytes_[k]} << (8 * (k % 4));
        while (!limbs.empty() && limbs.back() == 0) limbs.pop_back();
        std::string digits;  // least significant first
        while (!limbs.empty()) {
            std::uint64_t rem = 0;
            for (std::size_t k = limbs.size(); k-- > 0;) {
                const std::uint64_t cur = (rem << 32) | limbs[k];
                limbs[k] = static_cast<std::uint32_t>(cur / 1000000000u);
                rem = cur % 1000000000u;
            }
            while (!limbs.empty() && limbs.back() == 0) limbs.pop_back();
            for (int k = 0; k < 9; ++k) {
                digits += static_cast<char>('0' + rem % 10);
                rem /= 10;
                if (limbs.empty() && rem == 0) break;
            }
        }
        if (negative) digits += '-';
        return {digits.rbegin(), digits.rend()};
    }

    /// The nearest double (correctly rounded through the decimal text); throws invalid_argument when
    /// the value is beyond the double range, as Python's float(int) raises OverflowError.
    [[nodiscard]] double to_double() const {
        const std::string text = to_string();
        const double d = std::strtod(text.c_str(), nullptr);
        if (d == HUGE_VAL || d == -HUGE_VAL) throw invalid_argument("vidata::pickle::big_int: " + std::to_string(bytes_.size()) + "-byte integer is too large for a float");
        return d;
    }

    friend bool operator==(const big_int&, const big_int&) = default;

private:
    // Two's complement negation over the current width; the caller has made room for the sign.
    void negate_in_place() noexcept {
        unsigned carry = 1;
        for (auto& b : bytes_) {
            const unsigned t = static_cast<unsigned char>(~b) + carry;
            b = static_cast<unsigned char>(t);
            carry = t >> 8;
        }
    }

    void minimize() noexcept {
        while (!bytes_.empty()) {
            const unsigned char top = bytes_.back();
            if (top != 0x00 && top != 0xff) break;
            const bool next_negative = bytes_.size() >= 2 && (bytes_[bytes_.size() - 2] & 0x80) != 0;
            if (top == 0x00 && (bytes_.size() == 1 || !next_negative)) bytes_.pop_back();
            else if (top == 0xff && bytes_.size() >= 2 && next_negative) bytes_.pop_back();
            else break;
        }
    }

    std::vector<unsigned char> bytes_;
};

}  // namespace vidata::pickle
