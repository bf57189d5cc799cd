// SPDX-License-Identifier: Apache-2.0
// vidata::filename_template: a rawframe file name template as MMAction2 writes it (`img_{:05d}.jpg`), expanded as Python's str.format would.
#pragma once

#include <vidata/core/assert.hpp>
#include <vidata/core/error.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vidata {

/// The name of a frame file, from a Python format string as MMAction2's configs and lists write it:
///
///   filename_template rgb("img_{:05d}.jpg");      rgb.format(1)        == "img_00001.jpg"
///   filename_template sth("{:05}.jpg");           sth.format(7)        == "00007.jpg"     (Jester, Something-Something V1)
///   filename_template flow("flow_{}_{:05d}.jpg"); flow.format("x", 3)  == "flow_x_00003.jpg"
///
/// A template has one integer field (the frame number), or two fields, a direction then the frame number
/// (`'{}_{:05d}.jpg'.format('x', idx)`: what RawFrameDecode does for flow). It is expanded exactly as Python's
/// `str.format` expands it, for the subset of the format language frame names use:
/// - fields `{}` (numbered automatically) or `{0}`, `{1}` (numbered by hand; not both in one template);
/// - the integer field's spec: empty, or `[0][width][d]`: `{:05d}`, `{:05}` (zero-padded, the sign counted in
///   the width: -3 → "-0003"), `{:5d}` (padded with spaces), `{:d}`; a number wider than `width` keeps all its digits;
/// - the direction field's spec: empty or `s`;
/// - `{{` and `}}` for literal braces.
/// Anything else (`{:x}`, `{:>5}`, `{name}`, a field used twice) is refused with invalid_argument at construction,
/// where Python would have formatted something vidata does not reproduce.
class filename_template {
public:
    /// Parses `text`. Throws invalid_argument naming the template and what is wrong with it.
    explicit filename_template(std::string_view text) : text_(text) { parse(); }

    /// The template as given.
    [[nodiscard]] const std::string& text() const noexcept { return text_; }

    /// True for the two-field form (direction, frame number): `{}_{:05d}.jpg`, `flow_{}_{:05d}.jpg`.
    [[nodiscard]] bool has_direction() const noexcept { return has_direction_; }

    /// The file name of frame `number`. Precondition: `!has_direction()`.
    [[nodiscard]] std::string format(std::int64_t number) const {
        VIDATA_ASSERT(!has_direction_, "vidata::filename_template::format: this template also takes a direction");
        return expand({}, number);
    }

    /// The file name of frame `number` in direction `direction` ("x" or "y" for flow). Precondition: `has_direction()`.
    [[nodiscard]] std::string format(std::string_view direction, std::int64_t number) const {
        VIDATA_ASSERT(has_direction_, "vidata::filename_template::format: this template takes no direction");
        return expand(direction, number);
    }

    /// The frame number `file_name` stands for under this template (with `direction` for the two-field form),
    /// or nullopt when the name is not one the template makes: `match("img_00012.jpg") == 12`,
    /// `match("img_12.jpg")` and `match("img_00012.png")` are nullopt. Only non-negative numbers are recognised.
    [[nodiscard]] std::optional<std::int64_t> match(std::string_view file_name, std::string_view direction = {}) const {
        // The literal text around the number is fixed once the direction is: check it, then parse the digits and
        // accept them only if formatting the number gives them back (so padding and width rules are Python's).
        std::string prefix, suffix;
        bool after_number = false;
        for (const piece& p : pieces_) {
            std::string& side = after_number ? suffix : prefix;
            if (p.kind == piece_kind::literal) side += p.text;
            else if (p.kind == piece_kind::direction) side += direction;
            else after_number = true;
        }
        if (file_name.size() <= prefix.size() + suffix.size() || !file_name.starts_with(prefix) || !file_name.ends_with(suffix))
            return std::nullopt;
        const std::string_view middle = file_name.substr(prefix.size(), file_name.size() - prefix.size() - suffix.size());
        std::size_t first_digit = 0;
        while (first_digit < middle.size() && middle[first_digit] == ' ') ++first_digit;
        if (first_digit == middle.size()) return std::nullopt;
        // Leading zeros (a wide zero-padded field) add nothing; at most 18 digits after them stay below 2^63.
        std::size_t significant = first_digit;
        while (significant + 1 < middle.size() && middle[significant] == '0') ++significant;
        constexpr std::size_t max_digits = 18;
        if (middle.size() - significant > max_digits) return std::nullopt;
        std::int64_t number = 0;
        for (std::size_t i = first_digit; i < middle.size(); ++i) {
            if (middle[i] < '0' || middle[i] > '9') return std::nullopt;
            number = number * 10 + (middle[i] - '0');
        }
        if (format_number(number) != middle) return std::nullopt;
        return number;
    }

private:
    enum class piece_kind : unsigned char { literal, direction, number };
    struct piece {
        piece_kind kind;
        std::string text;  // a literal's text
    };

    [[noreturn]] void refuse(const std::string& why) const {
        throw invalid_argument("vidata::filename_template: '" + text_ + "': " + why +
                               " (a frame template has one integer field such as {:05d}, or a direction field {} and then the integer field)");
    }

    void parse() {
        enum class numbering { unknown, automatic, manual } mode = numbering::unknown;
        std::vector<std::pair<std::size_t, std::string>> fields;  // argument index, spec
        std::vector<std::size_t> field_pieces;                    // where each field sits in pieces_
        std::string literal;
        for (std::size_t i = 0; i < text_.size(); ++i) {
            const char c = text_[i];
            if (c == '}') {
                if (i + 1 < text_.size() && text_[i + 1] == '}') {
                    literal += '}';
                    ++i;
                    continue;
                }
                refuse("a single '}' outside a field (write '}}' for a literal brace)");
            }
            if (c != '{') {
                literal += c;
                continue;
            }
            if (i + 1 < text_.size() && text_[i + 1] == '{') {
                literal += '{';
                ++i;
                continue;
            }
            const std::size_t close = text_.find('}', i);
            if (close == std::string::npos) refuse("a '{' that no '}' closes");
            const std::string_view field = std::string_view(text_).substr(i + 1, close - i - 1);
            if (field.find('{') != std::string_view::npos) refuse("a nested field");
            const std::size_t colon = field.find(':');
            const std::string_view name = field.substr(0, colon);
            const std::string spec = colon == std::string_view::npos ? std::string() : std::string(field.substr(colon + 1));
            std::size_t argument = fields.size();
            if (name.empty()) {
                if (mode == numbering::manual) refuse("fields numbered automatically ({}) and by hand ({0}) in one template");
                mode = numbering::automatic;
            } else {
                if (mode == numbering::automatic) refuse("fields numbered automatically ({}) and by hand ({0}) in one template");
                mode = numbering::manual;
                if (name != "0" && name != "1") refuse("the field '{" + std::string(field) + "}' (only arguments 0 and 1 exist)");
                argument = static_cast<std::size_t>(name[0] - '0');
            }
            if (!literal.empty()) pieces_.push_back({piece_kind::literal, std::exchange(literal, {})});
            pieces_.push_back({piece_kind::literal, {}});  // placeholder, kind fixed below once the field count is known
            fields.emplace_back(argument, spec);
            field_pieces.push_back(pieces_.size() - 1);
            i = close;
        }
        if (!literal.empty()) pieces_.push_back({piece_kind::literal, std::move(literal)});

        if (fields.empty()) refuse("no field for the frame number");
        if (fields.size() > 2) refuse("more than two fields");
        if (fields.size() == 2 && fields[0].first == fields[1].first) refuse("one argument used twice");
        has_direction_ = fields.size() == 2;
        if (!has_direction_ && fields[0].first != 0) refuse("a field for argument 1 but none for argument 0");
        for (std::size_t f = 0; f < fields.size(); ++f) {
            // One field: argument 0 is the number. Two fields: argument 0 is the direction, argument 1 the number.
            const bool is_number = !has_direction_ || fields[f].first == 1;
            piece& p = pieces_[field_pieces[f]];
            p.kind = is_number ? piece_kind::number : piece_kind::direction;
            if (is_number) parse_number_spec(fields[f].second);
            else if (!fields[f].second.empty() && fields[f].second != "s")
                refuse("the direction field's spec ':" + fields[f].second + "' (only '' or 's')");
        }
    }

    void parse_number_spec(const std::string& spec) {
        std::size_t i = 0;
        if (i < spec.size() && spec[i] == '0') {
            zero_pad_ = true;
            ++i;
        }
        std::size_t width_digits = 0;
        while (i < spec.size() && spec[i] >= '0' && spec[i] <= '9') {
            width_ = width_ * 10 + static_cast<std::size_t>(spec[i] - '0');
            if (++width_digits > 3) refuse("the width in ':" + spec + "' (more than 999)");
            ++i;
        }
        if (i < spec.size() && spec[i] == 'd') ++i;
        if (i != spec.size()) refuse("the number field's spec ':" + spec + "' (vidata expands '', 'd', '0Nd', 'Nd', '0N', 'N')");
        // Python: '{:0d}' is the plain number, and a lone '0' is a zero width with zero padding; both pad nothing.
    }

    [[nodiscard]] std::string format_number(std::int64_t number) const {
        const bool negative = number < 0;
        // The magnitude as unsigned, so that the smallest int64 does not overflow when negated.
        std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(number) : static_cast<std::uint64_t>(number);
        std::string digits;
        do {
            digits.insert(digits.begin(), static_cast<char>('0' + magnitude % 10));
            magnitude /= 10;
        } while (magnitude != 0);
        const std::size_t length = digits.size() + (negative ? 1 : 0);
        const std::size_t pad = width_ > length ? width_ - length : 0;
        // Zero padding goes between the sign and the digits (Python's '=' alignment); space padding before the sign.
        if (zero_pad_) return (negative ? "-" : "") + std::string(pad, '0') + digits;
        return std::string(pad, ' ') + (negative ? "-" : "") + digits;
    }

    [[nodiscard]] std::string expand(std::string_view direction, std::int64_t number) const {
        std::string out;
        for (const piece& p : pieces_) {
            if (p.kind == piece_kind::literal) out += p.text;
            else if (p.kind == piece_kind::direction) out += direction;
            else out += format_number(number);
        }
        return out;
    }

    std::string text_;
    std::vector<piece> pieces_;
    bool has_direction_ = false;
    bool zero_pad_ = false;
    std::size_t width_ = 0;
};

}  // namespace vidata
