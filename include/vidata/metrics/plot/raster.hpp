// SPDX-License-Identifier: Apache-2.0
// vidata::plot::raster: an RGB8 canvas with the few primitives charts need (rectangles, thick lines, a 5×7 bitmap font).
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/metrics/plot/color.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vidata::plot {

namespace detail {

/// One glyph of the built-in font: 7 rows of 5 pixels, bit 4 the leftmost.
using glyph = std::array<std::uint8_t, 7>;

/// The glyph of `c`: ASCII 32..95 drawn, lower case shown as upper case, anything else a hollow box.
[[nodiscard]] constexpr glyph glyph_of(char c) noexcept {
    // ASCII 32 (' ') to 95 ('_'), in order. Hand-drawn in the style of the classic HD44780 5×7 character set.
    constexpr glyph font[64] = {
        {0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00},  // ' '
        {0x04, 0x04, 0x04, 0x04, 0x04, 0x00, 0x04},  // !
        {0x0A, 0x0A, 0x0A, 0x00, 0x00, 0x00, 0x00},  // "
        {0x0A, 0x0A, 0x1F, 0x0A, 0x1F, 0x0A, 0x0A},  // #
        {0x04, 0x0F, 0x14, 0x0E, 0x05, 0x1E, 0x04},  // $
        {0x18, 0x19, 0x02, 0x04, 0x08, 0x13, 0x03},  // %
        {0x0C, 0x12, 0x14, 0x08, 0x15, 0x12, 0x0D},  // &
        {0x0C, 0x04, 0x08, 0x00, 0x00, 0x00, 0x00},  // '
        {0x02, 0x04, 0x08, 0x08, 0x08, 0x04, 0x02},  // (
        {0x08, 0x04, 0x02, 0x02, 0x02, 0x04, 0x08},  // )
        {0x00, 0x04, 0x15, 0x0E, 0x15, 0x04, 0x00},  // *
        {0x00, 0x04, 0x04, 0x1F, 0x04, 0x04, 0x00},  // +
        {0x00, 0x00, 0x00, 0x00, 0x0C, 0x04, 0x08},  // ,
        {0x00, 0x00, 0x00, 0x1F, 0x00, 0x00, 0x00},  // -
        {0x00, 0x00, 0x00, 0x00, 0x00, 0x0C, 0x0C},  // .
        {0x00, 0x01, 0x02, 0x04, 0x08, 0x10, 0x00},  // /
        {0x0E, 0x11, 0x13, 0x15, 0x19, 0x11, 0x0E},  // 0
        {0x04, 0x0C, 0x04, 0x04, 0x04, 0x04, 0x0E},  // 1
        {0x0E, 0x11, 0x01, 0x02, 0x04, 0x08, 0x1F},  // 2
        {0x1F, 0x02, 0x04, 0x02, 0x01, 0x11, 0x0E},  // 3
        {0x02, 0x06, 0x0A, 0x12, 0x1F, 0x02, 0x02},  // 4
        {0x1F, 0x10, 0x1E, 0x01, 0x01, 0x11, 0x0E},  // 5
        {0x06, 0x08, 0x10, 0x1E, 0x11, 0x11, 0x0E},  // 6
        {0x1F, 0x01, 0x02, 0x04, 0x08, 0x08, 0x08},  // 7
        {0x0E, 0x11, 0x11, 0x0E, 0x11, 0x11, 0x0E},  // 8
        {0x0E, 0x11, 0x11, 0x0F, 0x01, 0x02, 0x0C},  // 9
        {0x00, 0x0C, 0x0C, 0x00, 0x0C, 0x0C, 0x00},  // :
        {0x00, 0x0C, 0x0C, 0x00, 0x0C, 0x04, 0x08},  // ;
        {0x02, 0x04, 0x08, 0x10, 0x08, 0x04, 0x02},  // <
        {0x00, 0x00, 0x1F, 0x00, 0x1F, 0x00, 0x00},  // =
        {0x08, 0x04, 0x02, 0x01, 0x02, 0x04, 0x08},  // >
        {0x0E, 0x11, 0x01, 0x02, 0x04, 0x00, 0x04},  // ?
        {0x0E, 0x11, 0x01, 0x0D, 0x15, 0x15, 0x0E},  // @
        {0x0E, 0x11, 0x11, 0x1F, 0x11, 0x11, 0x11},  // A
        {0x1E, 0x11, 0x11, 0x1E, 0x11, 0x11, 0x1E},  // B
        {0x0E, 0x11, 0x10, 0x10, 0x10, 0x11, 0x0E},  // C
        {0x1C, 0x12, 0x11, 0x11, 0x11, 0x12, 0x1C},  // D
        {0x1F, 0x10, 0x10, 0x1E, 0x10, 0x10, 0x1F},  // E
        {0x1F, 0x10, 0x10, 0x1E, 0x10, 0x10, 0x10},  // F
        {0x0E, 0x11, 0x10, 0x17, 0x11, 0x11, 0x0F},  // G
        {0x11, 0x11, 0x11, 0x1F, 0x11, 0x11, 0x11},  // H
        {0x0E, 0x04, 0x04, 0x04, 0x04, 0x04, 0x0E},  // I
        {0x07, 0x02, 0x02, 0x02, 0x02, 0x12, 0x0C},  // J
        {0x11, 0x12, 0x14, 0x18, 0x14, 0x12, 0x11},  // K
        {0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x1F},  // L
        {0x11, 0x1B, 0x15, 0x15, 0x11, 0x11, 0x11},  // M
        {0x11, 0x11, 0x19, 0x15, 0x13, 0x11, 0x11},  // N
        {0x0E, 0x11, 0x11, 0x11, 0x11, 0x11, 0x0E},  // O
        {0x1E, 0x11, 0x11, 0x1E, 0x10, 0x10, 0x10},  // P
        {0x0E, 0x11, 0x11, 0x11, 0x15, 0x12, 0x0D},  // Q
        {0x1E, 0x11, 0x11, 0x1E, 0x14, 0x12, 0x11},  // R
        {0x0F, 0x10, 0x10, 0x0E, 0x01, 0x01, 0x1E},  // S
        {0x1F, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04},  // T
        {0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x0E},  // U
        {0x11, 0x11, 0x11, 0x11, 0x11, 0x0A, 0x04},  // V
        {0x11, 0x11, 0x11, 0x15, 0x15, 0x15, 0x0A},  // W
        {0x11, 0x11, 0x0A, 0x04, 0x0A, 0x11, 0x11},  // X
        {0x11, 0x11, 0x11, 0x0A, 0x04, 0x04, 0x04},  // Y
        {0x1F, 0x01, 0x02, 0x04, 0x08, 0x10, 0x1F},  // Z
        {0x0E, 0x08, 0x08, 0x08, 0x08, 0x08, 0x0E},  // [
        {0x00, 0x10, 0x08, 0x04, 0x02, 0x01, 0x00},  // backslash
        {0x0E, 0x02, 0x02, 0x02, 0x02, 0x02, 0x0E},  // ]
        {0x04, 0x0A, 0x11, 0x00, 0x00, 0x00, 0x00},  // ^
        {0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x1F},  // _
    };
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c == '|') return {0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04};
    if (c >= ' ' && c <= '_') return font[c - ' '];
    return {0x1F, 0x11, 0x11, 0x11, 0x11, 0x11, 0x1F};
}

}  // namespace detail

/// An RGB8 image, rows top to bottom, 3 bytes per pixel: what charts rasterise into and write_png writes.
/// Pixel (x, y) covers [x, x+1) × [y, y+1) with its centre at (x + 0.5, y + 0.5), the convention SVG
/// renderers use, so a chart drawn here and in SVG from the same coordinates puts its marks in the same place.
/// Drawing is clipped to the canvas and to the clip rectangle (set_clip). No anti-aliasing: a pixel takes
/// the colour or keeps its own, which keeps images byte-reproducible and easy to test.
class raster {
public:
    /// A width × height canvas filled with `background`. Throws invalid_argument for a size below 1 or
    /// above 16384 on a side.
    raster(int width, int height, rgb background = white) : width_(width), height_(height) {
        if (width < 1 || height < 1 || width > 16384 || height > 16384)
            throw invalid_argument("vidata::plot::raster: a canvas of " + std::to_string(width) + " x " +
                                   std::to_string(height) + " pixels; pass sides between 1 and 16384");
        pixels_.resize(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 3);
        for (std::size_t i = 0; i < pixels_.size(); i += 3) {
            pixels_[i] = background.r;
            pixels_[i + 1] = background.g;
            pixels_[i + 2] = background.b;
        }
        reset_clip();
    }

    [[nodiscard]] int width() const noexcept { return width_; }
    [[nodiscard]] int height() const noexcept { return height_; }
    /// The pixels, row by row, R G B per pixel (width · height · 3 bytes).
    [[nodiscard]] std::span<const std::uint8_t> bytes() const noexcept { return pixels_; }

    /// The colour of pixel (x, y); precondition: inside the canvas.
    [[nodiscard]] rgb pixel(int x, int y) const noexcept {
        const std::size_t i = index(x, y);
        return {pixels_[i], pixels_[i + 1], pixels_[i + 2]};
    }

    /// Sets pixel (x, y) if it lies inside the canvas and the clip rectangle.
    void set_pixel(int x, int y, rgb c) noexcept {
        if (x < clip_x0_ || y < clip_y0_ || x >= clip_x1_ || y >= clip_y1_) return;
        const std::size_t i = index(x, y);
        pixels_[i] = c.r;
        pixels_[i + 1] = c.g;
        pixels_[i + 2] = c.b;
    }

    /// Restricts drawing to the pixels whose centres lie in [x0, x1) × [y0, y1) (and the canvas).
    void set_clip(double x0, double y0, double x1, double y1) noexcept {
        clip_x0_ = std::max(0, first_centre_at_or_after(x0));
        clip_y0_ = std::max(0, first_centre_at_or_after(y0));
        clip_x1_ = std::min(width_, first_centre_at_or_after(x1));
        clip_y1_ = std::min(height_, first_centre_at_or_after(y1));
    }
    void reset_clip() noexcept {
        clip_x0_ = 0;
        clip_y0_ = 0;
        clip_x1_ = width_;
        clip_y1_ = height_;
    }

    /// Fills the pixels whose centres lie in [x0, x1) × [y0, y1): a rectangle of whole pixels when the
    /// corners are whole numbers.
    void fill_rect(double x0, double y0, double x1, double y1, rgb c) noexcept {
        const int xb = std::max(clip_x0_, first_centre_at_or_after(x0));
        const int xe = std::min(clip_x1_, first_centre_at_or_after(x1));
        const int yb = std::max(clip_y0_, first_centre_at_or_after(y0));
        const int ye = std::min(clip_y1_, first_centre_at_or_after(y1));
        for (int y = yb; y < ye; ++y)
            for (int x = xb; x < xe; ++x) set_pixel(x, y, c);
    }

    /// Draws the segment (x0, y0)–(x1, y1) `width` pixels wide: every pixel whose centre lies within
    /// width / 2 of the segment (round caps, so polylines join without gaps). Non-finite ends draw nothing.
    void draw_line(double x0, double y0, double x1, double y1, rgb c, double width = 1.0) noexcept {
        if (!std::isfinite(x0) || !std::isfinite(y0) || !std::isfinite(x1) || !std::isfinite(y1) || !(width > 0)) return;
        const double r = width / 2;
        const double r2 = r * r + 1e-9;  // a centre exactly at distance r belongs to the line
        const int xb = std::max(clip_x0_, static_cast<int>(std::floor(std::min(x0, x1) - r - 0.5)));
        const int xe = std::min(clip_x1_, static_cast<int>(std::ceil(std::max(x0, x1) + r + 0.5)));
        const int yb = std::max(clip_y0_, static_cast<int>(std::floor(std::min(y0, y1) - r - 0.5)));
        const int ye = std::min(clip_y1_, static_cast<int>(std::ceil(std::max(y0, y1) + r + 0.5)));
        const double dx = x1 - x0;
        const double dy = y1 - y0;
        const double length2 = dx * dx + dy * dy;
        for (int y = yb; y < ye; ++y) {
            for (int x = xb; x < xe; ++x) {
                const double px = x + 0.5 - x0;
                const double py = y + 0.5 - y0;
                double t = length2 > 0 ? (px * dx + py * dy) / length2 : 0.0;
                t = t < 0 ? 0 : (t > 1 ? 1 : t);
                const double ex = px - t * dx;
                const double ey = py - t * dy;
                if (ex * ex + ey * ey <= r2) set_pixel(x, y, c);
            }
        }
    }

    /// The width in pixels of `text` in the built-in font: 6 · scale per character (5 of glyph, 1 of
    /// spacing) less the trailing spacing. Glyphs are 7 · scale pixels high.
    [[nodiscard]] static int text_width(std::string_view text, int scale = 1) noexcept {
        return text.empty() ? 0 : static_cast<int>(text.size()) * 6 * scale - scale;
    }
    static constexpr int glyph_height = 7;

    /// Draws `text` in the built-in 5×7 font, its top-left corner at pixel (x, y), each font pixel a
    /// scale × scale block. Lower case shows as upper case; characters outside ASCII 32..95 as a box.
    void draw_text(int x, int y, std::string_view text, rgb c, int scale = 1) noexcept {
        for (std::size_t i = 0; i < text.size(); ++i) {
            const detail::glyph g = detail::glyph_of(text[i]);
            const int gx = x + static_cast<int>(i) * 6 * scale;
            for (int row = 0; row < 7; ++row)
                for (int col = 0; col < 5; ++col)
                    if ((g[static_cast<std::size_t>(row)] >> (4 - col)) & 1)
                        fill_block(gx + col * scale, y + row * scale, scale, c);
        }
    }

    /// Draws `text` turned 90° counter-clockwise (reading upwards), the bottom-left corner of the turned
    /// text at pixel (x, y): the text occupies x .. x + 7·scale - 1 and y - text_width + 1 .. y.
    void draw_text_up(int x, int y, std::string_view text, rgb c, int scale = 1) noexcept {
        for (std::size_t i = 0; i < text.size(); ++i) {
            const detail::glyph g = detail::glyph_of(text[i]);
            const int gy = y - static_cast<int>(i) * 6 * scale;
            for (int row = 0; row < 7; ++row)
                for (int col = 0; col < 5; ++col)
                    if ((g[static_cast<std::size_t>(row)] >> (4 - col)) & 1)
                        fill_block(x + row * scale, gy - (col + 1) * scale + 1, scale, c);
        }
    }

private:
    [[nodiscard]] std::size_t index(int x, int y) const noexcept {
        return (static_cast<std::size_t>(y) * static_cast<std::size_t>(width_) + static_cast<std::size_t>(x)) * 3;
    }

    // The first pixel index whose centre (i + 0.5) is >= v.
    [[nodiscard]] static int first_centre_at_or_after(double v) noexcept {
        if (!(v > -1e9)) return -1000000000;
        if (!(v < 1e9)) return 1000000000;
        return static_cast<int>(std::ceil(v - 0.5));
    }

    void fill_block(int x, int y, int scale, rgb c) noexcept {
        for (int dy = 0; dy < scale; ++dy)
            for (int dx = 0; dx < scale; ++dx) set_pixel(x + dx, y + dy, c);
    }

    int width_;
    int height_;
    std::vector<std::uint8_t> pixels_;
    int clip_x0_ = 0, clip_y0_ = 0, clip_x1_ = 0, clip_y1_ = 0;
};

}  // namespace vidata::plot
