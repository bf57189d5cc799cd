// SPDX-License-Identifier: Apache-2.0
// save_plot: a chart written twice, as STEM.svg (vector, with full text) and STEM.png (raster, built-in font).
#pragma once

#include <vidata/metrics/plot/heat_map.hpp>
#include <vidata/metrics/plot/line_chart.hpp>
#include <vidata/metrics/plot/png.hpp>
#include <vidata/metrics/plot/svg.hpp>

#include <concepts>
#include <filesystem>

namespace vidata::plot {

/// A chart type that renders to both forms: line_chart and heat_map.
template <class C>
concept chart = requires(const C& c) {
    { render_svg(c) } -> std::same_as<svg_document>;
    { render_raster(c) } -> std::same_as<raster>;
};

/// The files save_plot wrote.
struct saved_plot {
    std::filesystem::path svg;
    std::filesystem::path png;
};

/// Writes `c` to `stem` + ".svg" and `stem` + ".png" (each through an atomic_file) and returns both paths.
/// The directory must exist. Throws io_error when a file cannot be written, invalid_argument for a chart
/// that cannot be laid out. See png.hpp for linking stb_image_write.
///   vidata::plot::save_plot(out_dir / "confusion_matrix", vidata::plot::confusion_heat_map(cm, names));
template <chart C>
saved_plot save_plot(const std::filesystem::path& stem, const C& c) {
    saved_plot out{stem, stem};
    out.svg += ".svg";
    out.png += ".png";
    write_svg(out.svg, render_svg(c));
    write_png(out.png, render_raster(c));
    return out;
}

}  // namespace vidata::plot
