// SPDX-License-Identifier: Apache-2.0
// vidata::plot::heat_map: a matrix drawn as coloured cells with row and column names (confusion matrices).
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/metrics/plot/color.hpp>
#include <vidata/metrics/plot/raster.hpp>
#include <vidata/metrics/plot/svg.hpp>

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace vidata::plot {

/// A matrix as a grid of cells coloured by value: heat_color(value / max), white at 0, dark blue at max.
/// Row i is drawn top to bottom, column j left to right; names label them (row names left of the grid,
/// column names below it, reading upwards), and a colour bar on the right gives the scale.
struct heat_map {
    std::string title;
    std::string x_label = "predicted label";
    std::string y_label = "true label";
    std::vector<std::string> row_names;     ///< empty: the row indices
    std::vector<std::string> column_names;  ///< empty: the column indices
    Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> values;
    /// The value drawn darkest; NaN: the largest finite value (1 when there is none or it is <= 0).
    double max = std::numeric_limits<double>::quiet_NaN();
    /// The side of a cell in pixels; 0: max(2, min(40, 640 / max(rows, columns))), rounded down.
    int cell = 0;
    /// Write each value in its cell; default: when cells are at least 28 pixels.
    std::optional<bool> annotate;
};

/// Where a heat map's parts land on the canvas (all whole pixels).
struct heat_map_frame {
    int left = 0, top = 0, cell = 0;  ///< cell (i, j) covers [left + j·cell, +cell) × [top + i·cell, +cell)
    int rows = 0, cols = 0;
    int width = 0, height = 0;  ///< the canvas
    int bar_left = 0;           ///< the colour bar covers [bar_left, +heat_map_bar_width) × [top, top + rows·cell)
    double max = 1;             ///< the value drawn darkest
    bool names = false;         ///< row and column names are drawn (cells of at least 8 pixels)
    bool annotate = false;      ///< values are written in the cells
    std::size_t name_chars_rows = 0, name_chars_cols = 0;  ///< longest name shown, at most 24 characters
};

inline constexpr int heat_map_bar_width = 14;

namespace detail {

[[nodiscard]] inline std::string cell_name(const std::vector<std::string>& names, std::size_t i) {
    return i < names.size() ? names[i] : std::to_string(i);
}

[[nodiscard]] inline std::string shown_name(std::string name) {
    if (name.size() > 24) {
        // In place: GCC 12 at -O2 warns falsely (-Warray-bounds) on substr(...) + ".." once this is inlined.
        name.resize(22);
        name += "..";
    }
    return name;
}

[[nodiscard]] inline bool all_integral(const heat_map& map) {
    for (Eigen::Index i = 0; i < map.values.size(); ++i) {
        const double v = map.values.data()[i];
        if (std::isfinite(v) && v != std::floor(v)) return false;
    }
    return true;
}

[[nodiscard]] inline std::string heat_value_text(double v, bool integral) {
    if (std::isnan(v)) return "nan";
    char text[48];
    std::snprintf(text, sizeof text, integral ? "%.0f" : "%.2f", v);
    return text;
}

}  // namespace detail

/// The layout of `map`: cell size, margins (from the longest names), colour bar, canvas size.
/// Throws invalid_argument for an empty matrix or name lists of the wrong length.
[[nodiscard]] inline heat_map_frame frame_of(const heat_map& map) {
    heat_map_frame f;
    f.rows = static_cast<int>(map.values.rows());
    f.cols = static_cast<int>(map.values.cols());
    if (f.rows == 0 || f.cols == 0 || f.rows > 4096 || f.cols > 4096)
        throw invalid_argument("vidata::plot::heat_map: a " + std::to_string(f.rows) + " x " + std::to_string(f.cols) +
                               " matrix; pass between 1 and 4096 rows and columns");
    if ((!map.row_names.empty() && map.row_names.size() != static_cast<std::size_t>(f.rows)) ||
        (!map.column_names.empty() && map.column_names.size() != static_cast<std::size_t>(f.cols)))
        throw invalid_argument("vidata::plot::heat_map: " + std::to_string(map.row_names.size()) + " row names and " +
                               std::to_string(map.column_names.size()) + " column names for a " + std::to_string(f.rows) +
                               " x " + std::to_string(f.cols) + " matrix; pass one name per row and column, or none");
    f.cell = map.cell > 0 ? map.cell : std::max(2, std::min(40, 640 / std::max(f.rows, f.cols)));
    f.names = f.cell >= 8;
    f.annotate = map.annotate.value_or(f.cell >= 28);
    for (int i = 0; i < f.rows; ++i)
        f.name_chars_rows = std::max(f.name_chars_rows, detail::shown_name(detail::cell_name(map.row_names, static_cast<std::size_t>(i))).size());
    for (int j = 0; j < f.cols; ++j)
        f.name_chars_cols = std::max(f.name_chars_cols, detail::shown_name(detail::cell_name(map.column_names, static_cast<std::size_t>(j))).size());
    const int row_name_width = f.names ? 6 * static_cast<int>(f.name_chars_rows) + 8 : 0;
    const int col_name_height = f.names ? 6 * static_cast<int>(f.name_chars_cols) + 8 : 0;
    f.left = 12 + 12 + 8 + row_name_width;  // margin, y label, gap, row names
    f.top = 40;
    f.bar_left = f.left + f.cols * f.cell + 16;
    f.width = f.bar_left + heat_map_bar_width + 6 + 6 * 8 + 12;  // bar, gap, tick labels of up to 8 characters
    const int title_width = raster::text_width(map.title, 2) + 24;
    f.width = std::max(f.width, title_width);
    f.height = f.top + f.rows * f.cell + 8 + col_name_height + 12 + 16;  // gap, column names, x label
    f.max = map.max;
    if (std::isnan(f.max)) {
        f.max = 0;
        for (Eigen::Index i = 0; i < map.values.size(); ++i)
            if (std::isfinite(map.values.data()[i])) f.max = std::max(f.max, map.values.data()[i]);
        if (!(f.max > 0)) f.max = 1;
    }
    return f;
}

/// Up to this many cells, each SVG cell carries a <title> tooltip; past it (a 400-class confusion matrix has
/// 160,000 cells) the tooltips are left out, which keeps the file near 100 bytes per cell.
inline constexpr std::int64_t heat_map_max_tooltips = 10000;

/// The heat map as an SVG document: one <rect class="cell"> per matrix entry, in row-major order, each with
/// a data-value attribute and, up to heat_map_max_tooltips cells, a <title> tooltip ("true label A,
/// predicted label B: 3"); names in full (escaped) as text; a linear-gradient colour bar.
[[nodiscard]] inline svg_document render_svg(const heat_map& map) {
    const heat_map_frame f = frame_of(map);
    const bool integral = detail::all_integral(map);
    const bool tooltips = static_cast<std::int64_t>(f.rows) * f.cols <= heat_map_max_tooltips;
    svg_document svg(f.width, f.height);
    svg.rect(0, 0, f.width, f.height, white, "class=\"background\"");
    if (!map.title.empty()) svg.text(f.width / 2.0, 24, map.title, 15, "middle", 0, ink, "font-weight=\"bold\"");
    svg.raw("<g class=\"cells\">");
    for (int i = 0; i < f.rows; ++i) {
        for (int j = 0; j < f.cols; ++j) {
            const double v = map.values(i, j);
            const std::string value = detail::heat_value_text(v, integral);
            std::string cell = "<rect class=\"cell\" x=\"" + std::to_string(f.left + j * f.cell) + "\" y=\"" +
                               std::to_string(f.top + i * f.cell) + "\" width=\"" + std::to_string(f.cell) + "\" height=\"" +
                               std::to_string(f.cell) + "\" fill=\"" + to_hex(heat_color(v / f.max)) + "\" data-value=\"" +
                               value + "\"";
            if (tooltips)
                cell += "><title>" +
                        escape_xml(map.y_label + " " + detail::cell_name(map.row_names, static_cast<std::size_t>(i)) + ", " +
                                   map.x_label + " " + detail::cell_name(map.column_names, static_cast<std::size_t>(j)) +
                                   ": " + value) +
                        "</title></rect>";
            else
                cell += "/>";
            svg.raw(cell);
        }
    }
    svg.raw("</g>");
    if (f.annotate) {
        svg.raw("<g class=\"values\">");
        const double size = std::min(12.0, f.cell * 0.4);
        for (int i = 0; i < f.rows; ++i)
            for (int j = 0; j < f.cols; ++j) {
                const double v = map.values(i, j);
                svg.text(f.left + (j + 0.5) * f.cell, f.top + (i + 0.5) * f.cell + size * 0.35,
                         detail::heat_value_text(v, integral), size, "middle", 0, v / f.max > 0.5 ? white : ink);
            }
        svg.raw("</g>");
    }
    svg.frame(f.left, f.top, f.cols * f.cell, f.rows * f.cell, ink, 1, "class=\"axes\"");
    if (f.names) {
        svg.raw("<g class=\"names\">");
        const double size = std::min(11.0, f.cell * 0.8);
        for (int i = 0; i < f.rows; ++i)
            svg.text(f.left - 6, f.top + (i + 0.5) * f.cell + size * 0.35,
                     detail::cell_name(map.row_names, static_cast<std::size_t>(i)), size, "end");
        for (int j = 0; j < f.cols; ++j)
            svg.text(f.left + (j + 0.5) * f.cell + size * 0.35, f.top + f.rows * f.cell + 6,
                     detail::cell_name(map.column_names, static_cast<std::size_t>(j)), size, "end", -90);
        svg.raw("</g>");
    }
    const int grid_bottom = f.top + f.rows * f.cell;
    svg.text(f.left + f.cols * f.cell / 2.0, f.height - 12, map.x_label, 12, "middle");
    svg.text(22, f.top + f.rows * f.cell / 2.0, map.y_label, 12, "middle", -90);

    svg.raw("<defs><linearGradient id=\"heat-scale\" x1=\"0\" y1=\"0\" x2=\"0\" y2=\"1\"><stop offset=\"0\" stop-color=\"" +
            to_hex(heat_color(1)) + "\"/><stop offset=\"1\" stop-color=\"" + to_hex(heat_color(0)) +
            "\"/></linearGradient></defs>");
    svg.rect(f.bar_left, f.top, heat_map_bar_width, grid_bottom - f.top, white, "class=\"colour-bar\" style=\"fill:url(#heat-scale)\"");
    svg.frame(f.bar_left, f.top, heat_map_bar_width, grid_bottom - f.top, ink, 1);
    for (const double t : {0.0, 0.5, 1.0}) {
        const double y = grid_bottom - t * (grid_bottom - f.top);
        svg.text(f.bar_left + heat_map_bar_width + 6, y + 4, detail::heat_value_text(t * f.max, integral && t * f.max == std::floor(t * f.max)), 10);
    }
    return svg;
}

/// The heat map rasterised with the same layout: cells as filled squares, values and names in the
/// built-in font where they fit, the colour bar one pixel row at a time.
[[nodiscard]] inline raster render_raster(const heat_map& map) {
    const heat_map_frame f = frame_of(map);
    const bool integral = detail::all_integral(map);
    raster img(f.width, f.height);
    for (int i = 0; i < f.rows; ++i)
        for (int j = 0; j < f.cols; ++j) {
            const int x = f.left + j * f.cell, y = f.top + i * f.cell;
            const double v = map.values(i, j);
            img.fill_rect(x, y, x + f.cell, y + f.cell, heat_color(v / f.max));
            if (f.annotate) {
                const std::string text = detail::heat_value_text(v, integral);
                const int w = raster::text_width(text);
                if (w <= f.cell - 2)
                    img.draw_text(x + (f.cell - w) / 2, y + (f.cell - raster::glyph_height) / 2, text, v / f.max > 0.5 ? white : ink);
            }
        }
    const int grid_right = f.left + f.cols * f.cell, grid_bottom = f.top + f.rows * f.cell;
    // The frame on the pixels just outside the grid.
    img.fill_rect(f.left - 1, f.top - 1, grid_right + 1, f.top, ink);
    img.fill_rect(f.left - 1, grid_bottom, grid_right + 1, grid_bottom + 1, ink);
    img.fill_rect(f.left - 1, f.top - 1, f.left, grid_bottom + 1, ink);
    img.fill_rect(grid_right, f.top - 1, grid_right + 1, grid_bottom + 1, ink);
    if (f.names) {
        for (int i = 0; i < f.rows; ++i) {
            const std::string name = detail::shown_name(detail::cell_name(map.row_names, static_cast<std::size_t>(i)));
            img.draw_text(f.left - 6 - raster::text_width(name), f.top + i * f.cell + (f.cell - raster::glyph_height) / 2, name, ink);
        }
        for (int j = 0; j < f.cols; ++j) {
            const std::string name = detail::shown_name(detail::cell_name(map.column_names, static_cast<std::size_t>(j)));
            img.draw_text_up(f.left + j * f.cell + (f.cell - raster::glyph_height) / 2, grid_bottom + 6 + raster::text_width(name) - 1,
                             name, ink);
        }
    }
    if (!map.title.empty())
        img.draw_text(f.width / 2 - raster::text_width(map.title, 2) / 2, 12, map.title, ink, 2);
    img.draw_text(f.left + f.cols * f.cell / 2 - raster::text_width(map.x_label) / 2, f.height - 18, map.x_label, ink);
    img.draw_text_up(12, f.top + f.rows * f.cell / 2 + raster::text_width(map.y_label) / 2, map.y_label, ink);

    const int bar_height = grid_bottom - f.top;
    for (int y = f.top; y < grid_bottom; ++y) {
        const double t = 1.0 - (y + 0.5 - f.top) / bar_height;
        img.fill_rect(f.bar_left, y, f.bar_left + heat_map_bar_width, y + 1, heat_color(t));
    }
    img.fill_rect(f.bar_left - 1, f.top - 1, f.bar_left + heat_map_bar_width + 1, f.top, ink);
    img.fill_rect(f.bar_left - 1, grid_bottom, f.bar_left + heat_map_bar_width + 1, grid_bottom + 1, ink);
    img.fill_rect(f.bar_left - 1, f.top - 1, f.bar_left, grid_bottom + 1, ink);
    img.fill_rect(f.bar_left + heat_map_bar_width, f.top - 1, f.bar_left + heat_map_bar_width + 1, grid_bottom + 1, ink);
    for (const double t : {0.0, 0.5, 1.0}) {
        const int y = static_cast<int>(std::lround(grid_bottom - t * bar_height));
        img.draw_text(f.bar_left + heat_map_bar_width + 6, y - 3,
                      detail::heat_value_text(t * f.max, integral && t * f.max == std::floor(t * f.max)), ink);
    }
    return img;
}

}  // namespace vidata::plot
