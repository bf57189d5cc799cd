// SPDX-License-Identifier: Apache-2.0
// vidata::plot::svg_document: a minimal SVG 1.1 writer (escaped text, fixed-precision coordinates) and write_svg.
#pragma once

#include <vidata/io/atomic_file.hpp>
#include <vidata/metrics/plot/color.hpp>

#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>

namespace vidata::plot {

/// `text` with the five XML special characters escaped, safe in element content and in quoted attributes.
/// Bytes below 0x20 other than tab and newline, which XML 1.0 forbids, become '?'.
[[nodiscard]] inline std::string escape_xml(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&apos;"; break;
        default: out += static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' ? '?' : c;
        }
    }
    return out;
}

/// A coordinate as SVG output spells it: fixed, two decimals ("12.50"), so that files are reproducible
/// and a coordinate can be read back and compared exactly to a hand-computed one.
[[nodiscard]] inline std::string svg_number(double v) {
    char text[48];
    std::snprintf(text, sizeof text, "%.2f", v == 0.0 ? 0.0 : v);  // no "-0.00"
    return text;
}

/// Builds an SVG document element by element. Every element is written on its own line; `extra` arguments
/// are raw attribute text (already escaped) appended inside the tag, such as `class="series"`.
///   svg_document svg(640, 480);
///   svg.rect(0, 0, 640, 480, white);
///   svg.text(320, 20, "AR-AN", 14, "middle");
///   write_svg("ar_an.svg", svg);
class svg_document {
public:
    svg_document(double width, double height) : width_(width), height_(height) {}

    [[nodiscard]] double width() const noexcept { return width_; }
    [[nodiscard]] double height() const noexcept { return height_; }

    void rect(double x, double y, double w, double h, rgb fill, std::string_view extra = {}) {
        body_ += "<rect x=\"" + svg_number(x) + "\" y=\"" + svg_number(y) + "\" width=\"" + svg_number(w) +
                 "\" height=\"" + svg_number(h) + "\" fill=\"" + to_hex(fill) + "\"" + attributes(extra) + "/>\n";
    }

    /// An unfilled rectangle outline.
    void frame(double x, double y, double w, double h, rgb stroke, double stroke_width, std::string_view extra = {}) {
        body_ += "<rect x=\"" + svg_number(x) + "\" y=\"" + svg_number(y) + "\" width=\"" + svg_number(w) +
                 "\" height=\"" + svg_number(h) + "\" fill=\"none\" stroke=\"" + to_hex(stroke) + "\" stroke-width=\"" +
                 svg_number(stroke_width) + "\"" + attributes(extra) + "/>\n";
    }

    void line(double x1, double y1, double x2, double y2, rgb stroke, double stroke_width, std::string_view extra = {}) {
        body_ += "<line x1=\"" + svg_number(x1) + "\" y1=\"" + svg_number(y1) + "\" x2=\"" + svg_number(x2) + "\" y2=\"" +
                 svg_number(y2) + "\" stroke=\"" + to_hex(stroke) + "\" stroke-width=\"" + svg_number(stroke_width) + "\"" +
                 attributes(extra) + "/>\n";
    }

    /// A stroked, unfilled path; `d` is path data ("M1.00 2.00 L3.00 4.00").
    void path(std::string_view d, rgb stroke, double stroke_width, std::string_view extra = {}) {
        body_ += "<path d=\"" + std::string(d) + "\" fill=\"none\" stroke=\"" + to_hex(stroke) + "\" stroke-width=\"" +
                 svg_number(stroke_width) + "\" stroke-linejoin=\"round\"" + attributes(extra) + "/>\n";
    }

    /// Text at (x, y) (the baseline), anchored "start", "middle" or "end", turned by `rotate` degrees
    /// about (x, y). The text is escaped.
    void text(double x, double y, std::string_view content, double size, std::string_view anchor = "start",
              double rotate = 0, rgb fill = ink, std::string_view extra = {}) {
        body_ += "<text x=\"" + svg_number(x) + "\" y=\"" + svg_number(y) + "\" font-size=\"" + svg_number(size) +
                 "\" text-anchor=\"" + std::string(anchor) + "\" fill=\"" + to_hex(fill) + "\"";
        if (rotate != 0)
            body_ += " transform=\"rotate(" + svg_number(rotate) + " " + svg_number(x) + " " + svg_number(y) + ")\"";
        body_ += attributes(extra) + ">" + escape_xml(content) + "</text>\n";
    }

    /// Raw markup (already escaped), for groups, gradients and clip paths: `svg.raw("<g class=\"series\">")`.
    void raw(std::string_view markup) {
        body_ += markup;
        body_ += '\n';
    }

    /// The complete document: XML declaration, the <svg> root with its size and viewBox, the elements.
    [[nodiscard]] std::string str() const {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"" +
               svg_number(width_) + "\" height=\"" + svg_number(height_) + "\" viewBox=\"0 0 " + svg_number(width_) + " " +
               svg_number(height_) + "\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">\n" + body_ + "</svg>\n";
    }

private:
    [[nodiscard]] static std::string attributes(std::string_view extra) {
        return extra.empty() ? std::string() : " " + std::string(extra);
    }

    double width_;
    double height_;
    std::string body_;
};

/// Writes an SVG document to `path` through an atomic_file (complete or absent). Throws io_error.
inline void write_svg(const std::filesystem::path& path, const svg_document& svg) {
    write_file_atomically(path, svg.str());
}

}  // namespace vidata::plot
