// SPDX-License-Identifier: Apache-2.0
// Tests of vidata::clip and vidata::clip_view: THWC indexing, Eigen frame maps, views, sub-clips, equality.
#include <vidata/core/clip.hpp>

#include "support.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <vector>

using vidata::clip;
using vidata::clip_view;

namespace {

// A clip whose every byte is its own flat position modulo 251, so a wrong offset shows.
clip numbered_clip(std::size_t t, std::size_t h, std::size_t w, std::size_t c) {
    std::vector<std::uint8_t> bytes(t * h * w * c);
    for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<std::uint8_t>(i % 251);
    return clip(t, h, w, c, bytes);
}

}  // namespace

TEST_CASE("clip default is empty", "[core][clip]") {
    const clip c;
    CHECK(c.empty());
    CHECK(c.frames() == 0);
    CHECK(c.size() == 0);
    CHECK(c.view().empty());
}

TEST_CASE("clip is zero-initialised with its shape", "[core][clip]") {
    const clip c(8, 4, 6, 3);
    CHECK(c.frames() == 8);
    CHECK(c.height() == 4);
    CHECK(c.width() == 6);
    CHECK(c.channels() == 3);
    CHECK(c.frame_size() == 72);
    CHECK(c.size() == 576);
    CHECK(std::all_of(c.pixels().begin(), c.pixels().end(), [](std::uint8_t b) { return b == 0; }));
}

TEST_CASE("clip indexing is row-major T, H, W, C", "[core][clip]") {
    clip c = numbered_clip(3, 4, 5, 3);
    const std::size_t t = 2, y = 3, x = 1, ch = 2;
    const std::size_t flat = ((t * 4 + y) * 5 + x) * 3 + ch;
    CHECK(c(t, y, x, ch) == flat % 251);
    CHECK(c.view()(t, y, x, ch) == flat % 251);
    c(t, y, x, ch) = 255;
    CHECK(c.pixels()[flat] == 255);
    CHECK(c.frame_pixels(1).size() == 60);
    CHECK(c.frame_pixels(1).data() == c.data() + 60);
}

TEST_CASE("clip frame(t) is an H x (W*C) row-major Eigen map over the clip's bytes", "[core][clip]") {
    clip c = numbered_clip(2, 4, 5, 3);
    auto f = c.frame(1);
    CHECK(f.rows() == 4);
    CHECK(f.cols() == 15);
    CHECK(f.data() == c.data() + 60);
    // Row y, column x * C + channel.
    CHECK(f(2, 1 * 3 + 2) == c(1, 2, 1, 2));

    SECTION("writes through the map reach the clip") {
        f.row(0).setConstant(7);
        for (std::size_t x = 0; x < 5; ++x)
            for (std::size_t ch = 0; ch < 3; ++ch) CHECK(c(1, 0, x, ch) == 7);
        CHECK(c(0, 0, 0, 0) == 0);
    }
    SECTION("a const clip gives a read-only map") {
        const clip& cc = c;
        const auto g = cc.frame(0);
        CHECK(g.sum() == c.frame(0).sum());
        CHECK(g.cast<int>().sum() == [&] {
            int s = 0;
            for (const auto b : c.frame_pixels(0)) s += b;
            return s;
        }());
    }
}

TEST_CASE("clip_view borrows, slices and compares by content", "[core][clip]") {
    const clip c = numbered_clip(6, 2, 3, 3);
    const clip_view v = c;  // implicit, as std::string to std::string_view
    CHECK(v.data() == c.data());
    CHECK(v.frames() == 6);
    CHECK(v == c.view());

    SECTION("subclip selects frames without copying") {
        const clip_view s = v.subclip(2, 3);
        CHECK(s.frames() == 3);
        CHECK(s.data() == c.data() + 2 * c.frame_size());
        CHECK(s(0, 1, 2, 1) == c(2, 1, 2, 1));
        CHECK(s.frame(2)(1, 2 * 3 + 1) == c(4, 1, 2, 1));
        CHECK(v.subclip(6, 0).empty());
    }
    SECTION("a clip copied from a view owns equal bytes") {
        const clip copy(v.subclip(1, 2));
        CHECK(copy.frames() == 2);
        CHECK(copy.data() != c.data() + c.frame_size());
        CHECK(copy.view() == v.subclip(1, 2));
    }
    SECTION("a view of a foreign buffer, e.g. a decoder's") {
        std::vector<std::uint8_t> buffer(2 * 2 * 2 * 1);
        std::iota(buffer.begin(), buffer.end(), std::uint8_t{0});
        const clip_view foreign(buffer.data(), 2, 2, 2, 1);
        CHECK(foreign(1, 1, 0, 0) == 6);
        CHECK(clip(foreign) == clip(2, 2, 2, 1, buffer));
    }
}

TEST_CASE("clip equality compares shape and bytes", "[core][clip]") {
    const clip a = numbered_clip(2, 2, 2, 3);
    clip b = a;
    CHECK(a == b);
    b(1, 1, 1, 2) ^= 1;
    CHECK(a != b);
    // Same bytes, another shape.
    const clip reshaped(2, 2, 3, 2, std::vector<std::uint8_t>(a.pixels().begin(), a.pixels().end()));
    CHECK(reshaped != a);
    CHECK(clip(1, 2, 2, 1) != clip(1, 2, 1, 2));
}
