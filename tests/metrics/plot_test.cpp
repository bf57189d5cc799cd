// SPDX-License-Identifier: Apache-2.0
// Tests of the plots: SVG structure and coordinates, the rasteriser's pixels, PNG files decoded by stb_image.

// This test program's one copy of stb's writer and reader (vidata's headers never define them; png.hpp says why).
#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STB_IMAGE_IMPLEMENTATION
#include <vidata/metrics/plot/charts.hpp>
#include <vidata/metrics/plot/png.hpp>
#include <vidata/metrics/plot/save.hpp>

#if __has_include(<stb_image.h>)
#include <stb_image.h>
#else
#include <stb/stb_image.h>
#endif

#include "support.hpp"

#include <array>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <set>
#include <string>
#include <vector>

namespace {

using vidata::plot::rgb;
using vidata::test::nan_d;

std::size_t count(const std::string& text, const std::string& part) {
    std::size_t n = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++n;
    return n;
}

/// The `d` attributes of the <path class="series"> elements, in document order.
std::vector<std::string> series_paths(const std::string& svg) {
    std::vector<std::string> out;
    for (auto at = svg.find("<path d=\""); at != std::string::npos; at = svg.find("<path d=\"", at + 1)) {
        const auto end = svg.find('>', at);
        const std::string element = svg.substr(at, end - at);
        if (element.find("class=\"series\"") == std::string::npos) continue;
        const auto d = at + 9;
        out.push_back(svg.substr(d, svg.find('"', d) - d));
    }
    return out;
}

/// Parses the document with Python's XML parser (expat): true when it is well-formed XML.
bool well_formed_xml(const vidata::test::temp_dir& dir, const std::string& svg) {
    vidata::test::write_file(dir / "check.svg", svg);
    const auto r = vidata::test::run_command(vidata::test::shell_quote(VIDATA_TEST_PYTHON3) +
                                             " -c 'import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1])' " +
                                             vidata::test::shell_quote((dir / "check.svg").string()));
    INFO(r.output);
    return r.status == 0;
}

struct decoded_png {
    int width = 0, height = 0, channels = 0;
    std::vector<std::uint8_t> pixels;
    [[nodiscard]] rgb at(int x, int y) const {
        const auto i = (static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)) * 3;
        return {pixels[i], pixels[i + 1], pixels[i + 2]};
    }
};

/// Decodes PNG bytes with stb_image, a decoder independent of the encoder under test.
decoded_png decode(const std::vector<unsigned char>& png) {
    decoded_png out;
    unsigned char* p = stbi_load_from_memory(png.data(), static_cast<int>(png.size()), &out.width, &out.height, &out.channels, 3);
    REQUIRE(p != nullptr);
    out.pixels.assign(p, p + static_cast<std::size_t>(out.width) * static_cast<std::size_t>(out.height) * 3);
    stbi_image_free(p);
    return out;
}

/// A 640 x 480 chart with x in [0, 100] and y in [0, 1]: the plot area is x 64..616, y 40..424 (552 x 384).
vidata::plot::line_chart unit_chart() {
    vidata::plot::line_chart chart;
    chart.x = {"x", 0, 100};
    chart.y = {"y", 0, 1};
    chart.legend = vidata::plot::legend_position::none;
    return chart;
}

}  // namespace

TEST_CASE("plot: nice ticks and their labels", "[metrics][plot]") {
    using vidata::plot::nice_step;
    CHECK(nice_step(1.0) == Approx(0.2));   // 1/5 = 0.2 = 2 x 0.1
    CHECK(nice_step(100.0) == Approx(20));  // 20 = 2 x 10
    CHECK(nice_step(7.0) == Approx(1));     // 1.4 rounds to 1
    CHECK(nice_step(0.3) == Approx(0.05));  // 0.06 = 0.6 x 0.1 rounds to 0.5 x 0.1
    const auto ticks = vidata::plot::nice_ticks(0, 1);
    REQUIRE(ticks.size() == 6);
    CHECK(ticks[3] == Approx(0.6));
    CHECK(vidata::plot::tick_label(ticks[3], 0.2) == "0.6");
    CHECK(vidata::plot::tick_label(40, 20) == "40");
    CHECK(vidata::plot::tick_label(0.05, 0.05) == "0.05");
    CHECK(vidata::plot::tick_label(-1e-17, 0.2) == "0.0");
}

TEST_CASE("plot: a line chart maps data to the canvas as hand-computed", "[metrics][plot]") {
    auto chart = unit_chart();
    const auto f = vidata::plot::frame_of(chart);
    CHECK(f.left == 64);
    CHECK(f.top == 40);
    CHECK(f.width == 552);   // 640 - 64 - 24
    CHECK(f.height == 384);  // 480 - 40 - 56
    CHECK(f.px(50) == 340);     // 64 + 0.5 * 552
    CHECK(f.py(0.25) == 328);   // 40 + 0.75 * 384

    SECTION("an automatic range is rounded outwards to ticks") {
        chart.x = {"x"};
        chart.y = {"y"};
        chart.lines.push_back({"a", {3, 97}, {0.13, 0.87}, std::nullopt});
        const auto g = vidata::plot::frame_of(chart);
        CHECK(g.x_min == 0);    // step 20 (94 / 5 = 18.8 -> 20): floor(3 / 20) * 20
        CHECK(g.x_max == 100);  // ceil(97 / 20) * 20
        CHECK(g.y_min == Approx(0.1));  // step 0.1 (0.74 / 5 = 0.148 -> 0.1)
        CHECK(g.y_max == Approx(0.9));
    }
    SECTION("series of mismatched lengths and too-small canvases are refused") {
        chart.lines.push_back({"a", {1, 2}, {1}, std::nullopt});
        CHECK_THROWS_AS(vidata::plot::frame_of(chart), vidata::invalid_argument);
        auto tiny = unit_chart();
        tiny.width = 50;
        CHECK_THROWS_AS(vidata::plot::frame_of(tiny), vidata::invalid_argument);
    }
}

TEST_CASE("plot: SVG line charts are well-formed, one path per series, at hand-computed coordinates", "[metrics][plot]") {
    if (!vidata::test::python_oracle_available()) return;
    vidata::test::temp_dir dir;
    auto chart = unit_chart();
    chart.title = "R&D <test>";
    chart.legend = vidata::plot::legend_position::lower_right;
    chart.lines.push_back({"straight", {0, 50, 100}, {0, 0.5, 1}, std::nullopt});
    chart.lines.push_back({"steps", {0, 25, 75}, {1, 0.5, 0.25}, std::nullopt, 1.5, vidata::plot::line_style::steps_post});
    chart.lines.push_back({"a<b & \"c\"", {10, 20, nan_d, 30, 40}, {0.1, 0.2, 0.3, 0.4, 0.5}, rgb{1, 2, 3}, 2.0});
    const std::string svg = vidata::plot::render_svg(chart).str();

    CHECK(well_formed_xml(dir, svg));
    const auto paths = series_paths(svg);
    REQUIRE(paths.size() == 3);
    // x -> 64 + x / 100 * 552, y -> 40 + (1 - y) * 384.
    CHECK(paths[0] == "M64.00 424.00 L340.00 232.00 L616.00 40.00");
    // steps-post: across at the old y, then down to the new one.
    CHECK(paths[1] == "M64.00 40.00 L202.00 40.00 L202.00 232.00 L478.00 232.00 L478.00 328.00");
    // The NaN point breaks the curve into two subpaths.
    CHECK(paths[2] == "M119.20 385.60 L174.40 347.20 M229.60 270.40 L284.80 232.00");
    CHECK(count(svg, "stroke=\"#1f77b4\"") >= 1);  // the palette's first colour for the first series
    CHECK(count(svg, "stroke=\"#010203\" stroke-width=\"2.00\" stroke-linejoin=\"round\" class=\"series\"") == 1);
    CHECK(count(svg, "data-name=\"a&lt;b &amp; &quot;c&quot;\"") == 1);
    CHECK(count(svg, ">R&amp;D &lt;test&gt;</text>") == 1);
    CHECK(count(svg, "<g class=\"legend\">") == 1);
    CHECK(count(svg, "<rect x=\"64.00\" y=\"40.00\" width=\"552.00\" height=\"384.00\" fill=\"none\"") == 1);  // the frame
}

TEST_CASE("plot: the AR-AN chart has one line per tIoU and the average, thick and black, on top", "[metrics][plot]") {
    std::vector<double> x{1, 10, 100};
    std::vector<double> tious;
    std::vector<std::vector<double>> recall;
    for (int t = 0; t < 10; ++t) {
        tious.push_back(0.5 + 0.05 * t);
        recall.push_back({0.1, 0.5, 0.9 - 0.05 * t});
    }
    const std::vector<double> average{0.1, 0.5, 0.675};
    const auto chart = vidata::plot::ar_an_chart(x, tious, recall, average);
    const auto f = vidata::plot::frame_of(chart);
    CHECK(f.x_min == 0);
    CHECK(f.x_max == 100);
    const std::string svg = vidata::plot::render_svg(chart).str();
    const auto paths = series_paths(svg);
    REQUIRE(paths.size() == 11);
    CHECK(count(svg, "data-name=\"tIoU 0.") == 10);
    CHECK(count(svg, "data-name=\"tIoU 0.95\"") == 1);
    const auto last = svg.rfind("class=\"series\" data-name=");
    CHECK(svg.substr(last, 40).find("average") != std::string::npos);
    CHECK(count(svg, "stroke=\"#000000\" stroke-width=\"3.00\" stroke-linejoin=\"round\" class=\"series\" data-name=\"average\"") == 1);
    // The average at (10, 0.5): x 64 + 0.1 * 552 = 119.2, y 40 + 0.5 * 384 = 232.
    CHECK(paths.back() == "M69.52 385.60 L119.20 232.00 L616.00 164.80");
    CHECK_THROWS_AS(vidata::plot::ar_an_chart(x, tious, recall, std::vector<double>{1}), vidata::invalid_argument);
}

TEST_CASE("plot: precision-recall curves are steps over [0, 1]", "[metrics][plot]") {
    // sklearn's example: precision (2/3, 1/2, 1, 1), recall (1, 1/2, 1/2, 0).
    const std::array<float, 4> score{0.1f, 0.4f, 0.35f, 0.8f};
    const std::array<int, 4> truth{0, 0, 1, 1};
    const std::vector<vidata::precision_recall_curve> curves{vidata::binary_precision_recall_curve(score, truth)};
    const std::vector<std::string> names{"class 0"};
    const auto chart = vidata::plot::precision_recall_chart(curves, names);
    const auto paths = series_paths(vidata::plot::render_svg(chart).str());
    REQUIRE(paths.size() == 1);
    // (1, 2/3) -> (616, 168); across to recall 1/2 (340), down to precision 1/2 (232); the second point
    // (1/2, 1/2) steps across to itself (not drawn) and up to precision 1 (40); then across to recall 0 (64).
    CHECK(paths[0] == "M616.00 168.00 L340.00 168.00 L340.00 232.00 L340.00 40.00 L64.00 40.00");
    CHECK_THROWS_AS(vidata::plot::precision_recall_chart(curves, std::vector<std::string>{}), vidata::invalid_argument);
}

TEST_CASE("plot: the raster's primitives cover the pixels whose centres they contain", "[metrics][plot]") {
    vidata::plot::raster img(10, 10);
    const rgb red{255, 0, 0};
    SECTION("fill_rect: centres in [x0, x1) x [y0, y1)") {
        img.fill_rect(1.5, 0, 3.5, 2, red);  // centres 1.5 and 2.5 across, 0.5 and 1.5 down
        CHECK(img.pixel(1, 0) == red);
        CHECK(img.pixel(2, 1) == red);
        CHECK(img.pixel(3, 0) == vidata::plot::white);
        CHECK(img.pixel(0, 0) == vidata::plot::white);
        CHECK(img.pixel(1, 2) == vidata::plot::white);
    }
    SECTION("draw_line: centres within width / 2 of the segment") {
        img.draw_line(2, 5, 8, 5, red, 1);  // centres at y 4.5 and 5.5 are 0.5 away: two rows
        CHECK(img.pixel(5, 4) == red);
        CHECK(img.pixel(5, 5) == red);
        CHECK(img.pixel(5, 6) == vidata::plot::white);
        CHECK(img.pixel(7, 5) == red);  // (7.5, 5.5) is 0.5 from the segment
        // Past the ends the caps are round: (1.5, 4.5) and (8.5, 5.5) are sqrt(0.5) ~ 0.71 from the end points.
        CHECK(img.pixel(1, 4) == vidata::plot::white);
        CHECK(img.pixel(8, 5) == vidata::plot::white);
        img.draw_line(2, 5, 8, 5, red, 2);  // width 2 reaches them: 0.71 <= 1
        CHECK(img.pixel(1, 4) == red);
        CHECK(img.pixel(8, 5) == red);
    }
    SECTION("clipping") {
        img.set_clip(0, 0, 5, 10);
        img.fill_rect(0, 0, 10, 1, red);
        CHECK(img.pixel(4, 0) == red);
        CHECK(img.pixel(5, 0) == vidata::plot::white);
        img.reset_clip();
        img.fill_rect(0, 0, 10, 1, red);
        CHECK(img.pixel(9, 0) == red);
    }
    SECTION("the 5x7 font, upright and turned") {
        // '1' is 00100 / 01100 / 00100 x 4 / 01110.
        img.draw_text(0, 0, "1", red);
        CHECK(img.pixel(2, 0) == red);
        CHECK(img.pixel(1, 0) == vidata::plot::white);
        CHECK(img.pixel(1, 1) == red);
        CHECK(img.pixel(3, 6) == red);
        CHECK(img.pixel(4, 6) == vidata::plot::white);
        CHECK(vidata::plot::raster::text_width("10") == 11);
        CHECK(vidata::plot::raster::text_width("10", 2) == 22);
        vidata::plot::raster up(10, 10);
        up.draw_text_up(0, 9, "1", red);  // glyph row r -> x = r, glyph column c -> y = 9 - c
        CHECK(up.pixel(0, 7) == red);
        CHECK(up.pixel(6, 8) == red);
        CHECK(up.pixel(6, 6) == red);
        CHECK(up.pixel(0, 9) == vidata::plot::white);
    }
    SECTION("every digit and letter has its own glyph; lower case reads as upper case") {
        std::set<vidata::plot::detail::glyph> seen;
        for (char c : std::string("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")) seen.insert(vidata::plot::detail::glyph_of(c));
        CHECK(seen.size() == 36);
        CHECK(vidata::plot::detail::glyph_of('q') == vidata::plot::detail::glyph_of('Q'));
        CHECK(vidata::plot::detail::glyph_of('~') == vidata::plot::detail::glyph_of('\x7f'));  // both the box
    }
    CHECK_THROWS_AS(vidata::plot::raster(0, 5), vidata::invalid_argument);
}

TEST_CASE("plot: a line chart's PNG decodes to the expected size and pixels", "[metrics][plot]") {
    auto chart = unit_chart();
    chart.x.label.clear();
    chart.y.label.clear();
    const rgb red{214, 39, 40};
    chart.lines.push_back({"", {0, 100}, {0.5, 0.5}, red, 3.0});
    const auto png = decode(vidata::plot::encode_png(vidata::plot::render_raster(chart)));
    CHECK(png.width == 640);
    CHECK(png.height == 480);
    CHECK(png.channels == 3);
    CHECK(png.at(2, 2) == vidata::plot::white);
    // y = 0.5 lands on canvas y 232; 3 pixels wide covers the centres 230.5 .. 233.5 (1.5 away at most).
    for (int y = 230; y <= 233; ++y) CHECK(png.at(340, y) == red);
    CHECK(png.at(340, 229) == vidata::plot::white);
    CHECK(png.at(340, 234) == vidata::plot::white);
    // Clipped to the plot area (columns 64..615); the frame is the column on either side.
    CHECK(png.at(64, 232) == red);
    CHECK(png.at(615, 232) == red);
    CHECK(png.at(63, 232) == vidata::plot::ink);
    CHECK(png.at(616, 232) == vidata::plot::ink);
    // A grid line at y = 0.4 (canvas 270.4, drawn on the pixel row 270).
    CHECK(png.at(340, 270) == vidata::plot::grid_grey);
}

TEST_CASE("plot: heat maps, in SVG and PNG, colour each cell by its value", "[metrics][plot]") {
    if (!vidata::test::python_oracle_available()) return;
    vidata::test::temp_dir dir;
    vidata::plot::heat_map map;
    map.values.resize(2, 2);
    map.values << 3, 1, 0, 2;
    map.row_names = {"a", "b&b"};
    map.column_names = {"a", "b&b"};
    map.cell = 40;
    map.annotate = false;
    const auto f = vidata::plot::frame_of(map);
    // Names are shown (cells >= 8 px); the longest has 3 characters: 6 * 3 + 8 = 26 px. left = 12 + 12 + 8 + 26.
    CHECK(f.left == 58);
    CHECK(f.top == 40);
    CHECK(f.bar_left == 58 + 80 + 16);
    CHECK(f.width == 154 + 14 + 6 + 48 + 12);
    CHECK(f.height == 40 + 80 + 8 + 26 + 12 + 16);
    CHECK(f.max == 3);

    // heat_color(t) = round(255 + t * (dark - 255)) with dark = (8, 48, 107):
    // t = 1 -> #08306b; t = 1/3 -> (172.67, 186, 205.67) -> #adbace; t = 2/3 -> (90.33, 117, 156.33) -> #5a759c.
    CHECK(vidata::plot::heat_color(1.0) == rgb{8, 48, 107});
    CHECK(vidata::plot::heat_color(1.0 / 3) == rgb{173, 186, 206});
    CHECK(vidata::plot::heat_color(2.0 / 3) == rgb{90, 117, 156});
    CHECK(vidata::plot::heat_color(nan_d) == vidata::plot::missing_grey);

    const std::string svg = vidata::plot::render_svg(map).str();
    CHECK(well_formed_xml(dir, svg));
    CHECK(count(svg, "<rect class=\"cell\"") == 4);
    CHECK(count(svg, "<rect class=\"cell\" x=\"58\" y=\"40\" width=\"40\" height=\"40\" fill=\"#08306b\" data-value=\"3\">") == 1);
    CHECK(count(svg, "<rect class=\"cell\" x=\"98\" y=\"40\" width=\"40\" height=\"40\" fill=\"#adbace\" data-value=\"1\">") == 1);
    CHECK(count(svg, "<rect class=\"cell\" x=\"58\" y=\"80\" width=\"40\" height=\"40\" fill=\"#ffffff\" data-value=\"0\">") == 1);
    CHECK(count(svg, "<rect class=\"cell\" x=\"98\" y=\"80\" width=\"40\" height=\"40\" fill=\"#5a759c\" data-value=\"2\">") == 1);
    CHECK(count(svg, "<title>true label b&amp;b, predicted label a: 0</title>") == 1);

    const auto png = decode(vidata::plot::encode_png(vidata::plot::render_raster(map)));
    REQUIRE(png.width == f.width);
    REQUIRE(png.height == f.height);
    CHECK(png.at(58 + 20, 40 + 20) == rgb{8, 48, 107});
    CHECK(png.at(98 + 20, 40 + 20) == rgb{173, 186, 206});
    CHECK(png.at(58 + 20, 80 + 20) == vidata::plot::white);
    CHECK(png.at(98 + 39, 80 + 39) == rgb{90, 117, 156});
    CHECK(png.at(57, 60) == vidata::plot::ink);  // the frame just left of the grid
    // The colour bar's top row has t = 1 - 0.5 / 80: (255 - 0.99375 * 247, ...) = (9.54, 49.29, 107.93) -> (10, 49, 108).
    CHECK(png.at(154 + 7, 40) == rgb{10, 49, 108});
    // Its bottom row has t = 0.5 / 80: (253.46, 253.71, 254.08) -> (253, 254, 254).
    CHECK(png.at(154 + 7, 119) == rgb{253, 254, 254});

    SECTION("past 10,000 cells the SVG leaves the tooltips out") {
        vidata::plot::heat_map big;
        big.values = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>::Zero(101, 101);
        const std::string many = vidata::plot::render_svg(big).str();
        CHECK(count(many, "<rect class=\"cell\"") == 101 * 101);
        CHECK(count(many, "<title>") == 0);
        CHECK(vidata::plot::frame_of(big).cell == 6);  // 640 / 101, rounded down
        CHECK_FALSE(vidata::plot::frame_of(big).names);
    }
    SECTION("the confusion-matrix builder names rows and columns by class") {
        vidata::labelled_confusion_matrix cm;
        cm.labels = {0, 3};
        cm.matrix.resize(2, 2);
        cm.matrix << 1, 0, 2, 5;
        const std::vector<std::string> names{"zero", "one", "two", "three"};
        const auto built = vidata::plot::confusion_heat_map(cm, names);
        CHECK(built.row_names == std::vector<std::string>{"zero", "three"});
        CHECK(built.column_names == built.row_names);
        CHECK(vidata::plot::frame_of(built).max == 5);
        CHECK(vidata::plot::confusion_heat_map(cm, {}, "t", true).max == 1);
    }
}

TEST_CASE("plot: save_plot writes an SVG and a PNG that read back", "[metrics][plot]") {
    vidata::test::temp_dir dir;
    auto chart = unit_chart();
    chart.lines.push_back({"line", {0, 100}, {0, 1}, std::nullopt});
    const auto saved = vidata::plot::save_plot(dir / "chart", chart);
    CHECK(saved.svg == dir / "chart.svg");
    CHECK(saved.png == dir / "chart.png");
    const std::string svg = vidata::test::read_file(saved.svg);
    CHECK(svg.rfind("<?xml", 0) == 0);
    CHECK(svg.find("</svg>") != std::string::npos);
    int w = 0, h = 0, n = 0;
    unsigned char* p = stbi_load(saved.png.string().c_str(), &w, &h, &n, 3);
    REQUIRE(p != nullptr);
    stbi_image_free(p);
    CHECK(w == 640);
    CHECK(h == 480);
    CHECK_THROWS_AS(vidata::plot::save_plot(dir / "absent" / "chart", chart), vidata::io_error);
}
