// SPDX-License-Identifier: Apache-2.0
// vidata::plot::line_chart: curves on linear axes (AR–AN, precision–recall), rendered to SVG and to a raster.
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/metrics/plot/color.hpp>
#include <vidata/metrics/plot/raster.hpp>
#include <vidata/metrics/plot/svg.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace vidata::plot {

/// One axis: its label and its range. A NaN end is taken from the data and rounded outwards to a tick.
struct axis_spec {
    std::string label;
    double min = std::numeric_limits<double>::quiet_NaN();
    double max = std::numeric_limits<double>::quiet_NaN();
};

/// How consecutive points of a series are joined.
enum class line_style {
    straight,    ///< a straight segment from point to point
    steps_post,  ///< horizontal to the next x, then vertical (matplotlib's drawstyle="steps-post"): the
                 ///< step function whose area is an average precision
};

/// One curve: points (x[i], y[i]); a non-finite coordinate breaks the curve there.
struct series {
    std::string name;  ///< legend text; an empty name has no legend entry
    std::vector<double> x;
    std::vector<double> y;
    std::optional<rgb> color;  ///< default: palette(index of the series)
    double width = 1.5;        ///< stroke width in pixels
    line_style style = line_style::straight;
};

/// Where the legend sits, inside the plot area.
enum class legend_position { none, upper_left, upper_right, lower_left, lower_right };

/// A line chart: series drawn in order (the last on top) over a framed plot area with ticks and a grid.
/// Canvas layout, in pixels: the plot area spans [chart_margin_left, width - chart_margin_right] ×
/// [chart_margin_top, height - chart_margin_bottom]; x maps linearly left to right, y bottom to top.
struct line_chart {
    std::string title;
    axis_spec x;
    axis_spec y;
    std::vector<series> lines;
    int width = 640;
    int height = 480;
    legend_position legend = legend_position::lower_right;
};

inline constexpr double chart_margin_left = 64;
inline constexpr double chart_margin_right = 24;
inline constexpr double chart_margin_top = 40;
inline constexpr double chart_margin_bottom = 56;

/// Where data lands on the canvas: the plot area and the axis ranges it shows.
struct plot_frame {
    double left = 0, top = 0, width = 0, height = 0;
    double x_min = 0, x_max = 1, y_min = 0, y_max = 1;

    /// The canvas x of data x: left + (x - x_min) / (x_max - x_min) · width.
    [[nodiscard]] double px(double x) const noexcept { return left + (x - x_min) / (x_max - x_min) * width; }
    /// The canvas y of data y: top + (y_max - y) / (y_max - y_min) · height (y grows downwards on a canvas).
    [[nodiscard]] double py(double y) const noexcept { return top + (y_max - y) / (y_max - y_min) * height; }
    [[nodiscard]] double right() const noexcept { return left + width; }
    [[nodiscard]] double bottom() const noexcept { return top + height; }
};

/// A "nice" tick step (1, 2 or 5 × a power of ten) giving about `target` intervals over `range` > 0.
[[nodiscard]] inline double nice_step(double range, int target = 5) noexcept {
    const double raw = range / target;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    const double norm = raw / magnitude;
    const double nice = norm < 1.5 ? 1.0 : (norm < 3.0 ? 2.0 : (norm < 7.0 ? 5.0 : 10.0));
    return nice * magnitude;
}

/// The multiples of nice_step(hi - lo) within [lo, hi] (a value within 1e-9 steps of an end counts).
[[nodiscard]] inline std::vector<double> nice_ticks(double lo, double hi, int target = 5) {
    std::vector<double> ticks;
    if (!(hi > lo)) return ticks;
    const double step = nice_step(hi - lo, target);
    const auto first = static_cast<long long>(std::ceil(lo / step - 1e-9));
    const auto last = static_cast<long long>(std::floor(hi / step + 1e-9));
    for (long long k = first; k <= last; ++k) ticks.push_back(static_cast<double>(k) * step);
    return ticks;
}

/// A tick label with as many decimals as the step needs ("0.2", "40", "0.05").
[[nodiscard]] inline std::string tick_label(double v, double step) {
    const int decimals = std::max(0, static_cast<int>(std::ceil(-std::log10(step) - 1e-9)));
    char text[48];
    std::snprintf(text, sizeof text, "%.*f", decimals, std::abs(v) < step * 1e-9 ? 0.0 : v);
    return text;
}

namespace detail {

inline void check_series(const line_chart& chart) {
    for (std::size_t i = 0; i < chart.lines.size(); ++i)
        if (chart.lines[i].x.size() != chart.lines[i].y.size())
            throw invalid_argument("vidata::plot::line_chart: series " + std::to_string(i) + " ('" + chart.lines[i].name +
                                   "') has " + std::to_string(chart.lines[i].x.size()) + " x values and " +
                                   std::to_string(chart.lines[i].y.size()) + " y values; pass one y per x");
    if (chart.width < chart_margin_left + chart_margin_right + 16 || chart.height < chart_margin_top + chart_margin_bottom + 16)
        throw invalid_argument("vidata::plot::line_chart: a " + std::to_string(chart.width) + " x " +
                               std::to_string(chart.height) + " canvas leaves no room for the plot; pass at least 104 x 112");
}

// The range of one axis: given ends kept, missing ends from the finite data, rounded outwards to a tick.
inline void axis_range(const axis_spec& axis, const line_chart& chart, bool is_x, double& lo, double& hi) {
    double data_lo = std::numeric_limits<double>::infinity();
    double data_hi = -std::numeric_limits<double>::infinity();
    for (const series& s : chart.lines)
        for (const double v : is_x ? s.x : s.y)
            if (std::isfinite(v)) {
                data_lo = std::min(data_lo, v);
                data_hi = std::max(data_hi, v);
            }
    if (!(data_lo <= data_hi)) {
        data_lo = 0;
        data_hi = 1;
    }
    lo = std::isnan(axis.min) ? data_lo : axis.min;
    hi = std::isnan(axis.max) ? data_hi : axis.max;
    if (!(hi > lo)) {
        const double pad = lo == 0 ? 1.0 : std::abs(lo) * 0.1;
        if (std::isnan(axis.min)) lo -= pad;
        if (std::isnan(axis.max) || !(hi > lo)) hi = lo + 2 * pad;
    }
    const double step = nice_step(hi - lo);
    if (std::isnan(axis.min)) lo = std::floor(lo / step + 1e-9) * step;
    if (std::isnan(axis.max)) hi = std::ceil(hi / step - 1e-9) * step;
}

struct legend_box {
    double x = 0, y = 0, width = 0, height = 0;
    std::vector<std::size_t> entries;  // indices of the named series
    static constexpr double row = 16;
    static constexpr double sample = 24;  // length of the line sample
};

[[nodiscard]] inline legend_box legend_of(const line_chart& chart, const plot_frame& f) {
    legend_box box;
    std::size_t longest = 0;
    for (std::size_t i = 0; i < chart.lines.size(); ++i)
        if (!chart.lines[i].name.empty()) {
            box.entries.push_back(i);
            longest = std::max(longest, chart.lines[i].name.size());
        }
    if (box.entries.empty() || chart.legend == legend_position::none) {
        box.entries.clear();
        return box;
    }
    box.width = 8 + legend_box::sample + 6 + 7.0 * static_cast<double>(longest) + 8;
    box.height = 6 + legend_box::row * static_cast<double>(box.entries.size()) + 2;
    const bool left = chart.legend == legend_position::upper_left || chart.legend == legend_position::lower_left;
    const bool upper = chart.legend == legend_position::upper_left || chart.legend == legend_position::upper_right;
    box.x = left ? f.left + 8 : f.right() - 8 - box.width;
    box.y = upper ? f.top + 8 : f.bottom() - 8 - box.height;
    return box;
}

// The polyline points of a series on the canvas, split where a coordinate is not finite.
template <class Emit>
void for_each_segment(const series& s, const plot_frame& f, Emit&& emit) {
    for (std::size_t i = 0; i + 1 < s.x.size(); ++i) {
        const double x0 = s.x[i], y0 = s.y[i], x1 = s.x[i + 1], y1 = s.y[i + 1];
        if (!std::isfinite(x0) || !std::isfinite(y0) || !std::isfinite(x1) || !std::isfinite(y1)) continue;
        if (s.style == line_style::steps_post) {
            emit(f.px(x0), f.py(y0), f.px(x1), f.py(y0));
            emit(f.px(x1), f.py(y0), f.px(x1), f.py(y1));
        } else {
            emit(f.px(x0), f.py(y0), f.px(x1), f.py(y1));
        }
    }
}

// Pixel-aligned position for a 1-pixel rule at canvas coordinate v: the centre of the pixel holding v.
[[nodiscard]] inline double crisp(double v) noexcept { return std::floor(v) + 0.5; }

}  // namespace detail

/// The plot area and axis ranges of `chart`. Throws invalid_argument for a series whose x and y differ in
/// length, or a canvas too small for the margins.
[[nodiscard]] inline plot_frame frame_of(const line_chart& chart) {
    detail::check_series(chart);
    plot_frame f;
    f.left = chart_margin_left;
    f.top = chart_margin_top;
    f.width = chart.width - chart_margin_left - chart_margin_right;
    f.height = chart.height - chart_margin_top - chart_margin_bottom;
    detail::axis_range(chart.x, chart, true, f.x_min, f.x_max);
    detail::axis_range(chart.y, chart, false, f.y_min, f.y_max);
    return f;
}

/// The SVG path data of a series on `f`: "M x y L x y ..." with two decimals; a non-finite point starts a
/// new subpath. steps_post series go horizontally, then vertically, from point to point.
[[nodiscard]] inline std::string svg_path_data(const series& s, const plot_frame& f) {
    std::string d;
    double last_x = std::numeric_limits<double>::quiet_NaN(), last_y = last_x;
    detail::for_each_segment(s, f, [&](double x0, double y0, double x1, double y1) {
        if (x0 == x1 && y0 == y1 && x0 == last_x && y0 == last_y) return;  // nothing to draw, nowhere new
        if (!(x0 == last_x && y0 == last_y)) d += (d.empty() ? "M" : " M") + svg_number(x0) + " " + svg_number(y0);
        d += " L" + svg_number(x1) + " " + svg_number(y1);
        last_x = x1;
        last_y = y1;
    });
    return d;
}

/// The chart as an SVG document. Structure (stable; tests and style sheets rely on it): a background
/// <rect class="background">, <g class="grid">, <g class="series" clip-path=...> holding one
/// <path class="series" data-name="..."> per series in order, the frame <rect class="axes">, tick marks and
/// labels in <g class="ticks">, the title and axis labels, and <g class="legend">.
[[nodiscard]] inline svg_document render_svg(const line_chart& chart) {
    const plot_frame f = frame_of(chart);
    svg_document svg(chart.width, chart.height);
    svg.rect(0, 0, chart.width, chart.height, white, "class=\"background\"");
    const auto x_ticks = nice_ticks(f.x_min, f.x_max);
    const auto y_ticks = nice_ticks(f.y_min, f.y_max);
    svg.raw("<g class=\"grid\">");
    for (const double t : x_ticks) svg.line(f.px(t), f.top, f.px(t), f.bottom(), grid_grey, 1);
    for (const double t : y_ticks) svg.line(f.left, f.py(t), f.right(), f.py(t), grid_grey, 1);
    svg.raw("</g>");

    svg.raw("<defs><clipPath id=\"plot-area\"><rect x=\"" + svg_number(f.left) + "\" y=\"" + svg_number(f.top) +
            "\" width=\"" + svg_number(f.width) + "\" height=\"" + svg_number(f.height) + "\"/></clipPath></defs>");
    svg.raw("<g class=\"series\" clip-path=\"url(#plot-area)\">");
    for (std::size_t i = 0; i < chart.lines.size(); ++i) {
        const series& s = chart.lines[i];
        svg.path(svg_path_data(s, f), s.color.value_or(palette(i)), s.width,
                 "class=\"series\" data-name=\"" + escape_xml(s.name) + "\"");
    }
    svg.raw("</g>");
    svg.frame(f.left, f.top, f.width, f.height, ink, 1, "class=\"axes\"");

    svg.raw("<g class=\"ticks\">");
    const double x_step = x_ticks.size() > 1 ? x_ticks[1] - x_ticks[0] : f.x_max - f.x_min;
    const double y_step = y_ticks.size() > 1 ? y_ticks[1] - y_ticks[0] : f.y_max - f.y_min;
    for (const double t : x_ticks) {
        svg.line(f.px(t), f.bottom(), f.px(t), f.bottom() + 5, ink, 1);
        svg.text(f.px(t), f.bottom() + 18, tick_label(t, x_step), 11, "middle");
    }
    for (const double t : y_ticks) {
        svg.line(f.left - 5, f.py(t), f.left, f.py(t), ink, 1);
        svg.text(f.left - 8, f.py(t) + 4, tick_label(t, y_step), 11, "end");
    }
    svg.raw("</g>");
    if (!chart.title.empty()) svg.text(chart.width / 2.0, 24, chart.title, 15, "middle", 0, ink, "font-weight=\"bold\"");
    if (!chart.x.label.empty()) svg.text(f.left + f.width / 2, chart.height - 14, chart.x.label, 12, "middle");
    if (!chart.y.label.empty()) svg.text(18, f.top + f.height / 2, chart.y.label, 12, "middle", -90);

    const detail::legend_box box = detail::legend_of(chart, f);
    if (!box.entries.empty()) {
        svg.raw("<g class=\"legend\">");
        svg.rect(box.x, box.y, box.width, box.height, white, "fill-opacity=\"0.85\" stroke=\"#bbbbbb\"");
        for (std::size_t k = 0; k < box.entries.size(); ++k) {
            const series& s = chart.lines[box.entries[k]];
            const double y = box.y + 6 + detail::legend_box::row * (static_cast<double>(k) + 0.5);
            svg.line(box.x + 8, y, box.x + 8 + detail::legend_box::sample, y, s.color.value_or(palette(box.entries[k])),
                     std::max(1.5, s.width));
            svg.text(box.x + 8 + detail::legend_box::sample + 6, y + 4, s.name, 11);
        }
        svg.raw("</g>");
    }
    return svg;
}

/// The chart rasterised: the same layout as render_svg, series drawn with raster::draw_line at their
/// widths and clipped to the plot area, text in the built-in 5×7 font (titles at twice its size).
[[nodiscard]] inline raster render_raster(const line_chart& chart) {
    const plot_frame f = frame_of(chart);
    raster img(chart.width, chart.height);
    const auto x_ticks = nice_ticks(f.x_min, f.x_max);
    const auto y_ticks = nice_ticks(f.y_min, f.y_max);
    using detail::crisp;
    for (const double t : x_ticks) img.draw_line(crisp(f.px(t)), f.top, crisp(f.px(t)), f.bottom(), grid_grey, 1);
    for (const double t : y_ticks) img.draw_line(f.left, crisp(f.py(t)), f.right(), crisp(f.py(t)), grid_grey, 1);

    img.set_clip(f.left, f.top, f.right(), f.bottom());
    for (std::size_t i = 0; i < chart.lines.size(); ++i) {
        const series& s = chart.lines[i];
        const rgb c = s.color.value_or(palette(i));
        detail::for_each_segment(s, f, [&](double x0, double y0, double x1, double y1) { img.draw_line(x0, y0, x1, y1, c, s.width); });
    }
    img.reset_clip();

    // The frame, one pixel wide, on the pixels just outside the plot area's edges.
    const double l = crisp(f.left - 1), r = crisp(f.right()), t = crisp(f.top - 1), b = crisp(f.bottom());
    img.draw_line(l, t, r, t, ink, 1);
    img.draw_line(l, b, r, b, ink, 1);
    img.draw_line(l, t, l, b, ink, 1);
    img.draw_line(r, t, r, b, ink, 1);

    const double x_step = x_ticks.size() > 1 ? x_ticks[1] - x_ticks[0] : f.x_max - f.x_min;
    const double y_step = y_ticks.size() > 1 ? y_ticks[1] - y_ticks[0] : f.y_max - f.y_min;
    for (const double tick : x_ticks) {
        const double x = crisp(f.px(tick));
        img.draw_line(x, b, x, b + 5, ink, 1);
        const std::string label = tick_label(tick, x_step);
        img.draw_text(static_cast<int>(std::lround(x - raster::text_width(label) / 2.0)), static_cast<int>(b) + 9, label, ink);
    }
    for (const double tick : y_ticks) {
        const double y = crisp(f.py(tick));
        img.draw_line(l - 5, y, l, y, ink, 1);
        const std::string label = tick_label(tick, y_step);
        img.draw_text(static_cast<int>(l) - 8 - raster::text_width(label), static_cast<int>(y) - 3, label, ink);
    }
    if (!chart.title.empty())
        img.draw_text(static_cast<int>(std::lround(chart.width / 2.0 - raster::text_width(chart.title, 2) / 2.0)), 12,
                      chart.title, ink, 2);
    if (!chart.x.label.empty())
        img.draw_text(static_cast<int>(std::lround(f.left + f.width / 2 - raster::text_width(chart.x.label) / 2.0)),
                      chart.height - 20, chart.x.label, ink);
    if (!chart.y.label.empty())
        img.draw_text_up(12, static_cast<int>(std::lround(f.top + f.height / 2 + raster::text_width(chart.y.label) / 2.0)),
                         chart.y.label, ink);

    const detail::legend_box box = detail::legend_of(chart, f);
    if (!box.entries.empty()) {
        img.fill_rect(box.x, box.y, box.x + box.width, box.y + box.height, white);
        const double bl = crisp(box.x), br = crisp(box.x + box.width), bt = crisp(box.y), bb = crisp(box.y + box.height);
        const rgb edge{187, 187, 187};
        img.draw_line(bl, bt, br, bt, edge, 1);
        img.draw_line(bl, bb, br, bb, edge, 1);
        img.draw_line(bl, bt, bl, bb, edge, 1);
        img.draw_line(br, bt, br, bb, edge, 1);
        for (std::size_t k = 0; k < box.entries.size(); ++k) {
            const series& s = chart.lines[box.entries[k]];
            const double y = crisp(box.y + 6 + detail::legend_box::row * (static_cast<double>(k) + 0.5));
            img.draw_line(box.x + 8, y, box.x + 8 + detail::legend_box::sample, y, s.color.value_or(palette(box.entries[k])),
                          std::max(1.0, std::round(s.width)));
            img.draw_text(static_cast<int>(box.x + 8 + detail::legend_box::sample + 6), static_cast<int>(y) - 3, s.name, ink);
        }
    }
    return img;
}

}  // namespace vidata::plot
