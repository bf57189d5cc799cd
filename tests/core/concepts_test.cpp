// SPDX-License-Identifier: Apache-2.0
// Tests of the concepts in use: toy models of every seam run through generic code constrained by them.
#include <vidata/core/concepts.hpp>
#include <vidata/core/tensor.hpp>

#include <nlohmann/json.hpp>

#include "support.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <istream>
#include <ostream>
#include <span>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace vidata;

// "path total_frames label" lines, the rawframes list.
struct toy_list {
    using record_type = video_record;
    static constexpr std::string_view name = "toy_rawframes";
    static std::vector<video_record> read(std::istream& in, std::string_view) {
        std::vector<video_record> out;
        video_record r;
        int label = 0;
        while (in >> r.path >> r.total_frames >> label) {
            r.labels = {label};
            out.push_back(r);
        }
        return out;
    }
    static void write(std::ostream& out, std::span<const video_record> records) {
        for (const auto& r : records) out << r.path << ' ' << r.total_frames << ' ' << r.label() << '\n';
    }
};

// One random clip of clip_len consecutive frames, MMAction2's SampleFrames with num_clips = 1.
struct random_window {
    std::size_t clip_len = 4;
    frame_indices operator()(const video_record& r, rng& g) const {
        const auto len = static_cast<std::int64_t>(clip_len);
        const std::int64_t start = g.uniform_int(std::int64_t{0}, std::max<std::int64_t>(r.total_frames - len, 0));
        std::vector<std::int64_t> flat;
        for (std::int64_t i = 0; i < len; ++i) flat.push_back(start + i);
        return frame_indices(1, clip_len, std::move(flat));
    }
};

// Frames whose every pixel is the frame's index: what was read can be checked.
struct synthetic_video {
    explicit synthetic_video(const std::filesystem::path& p) : frames(static_cast<std::int64_t>(p.string().size()) * 10) {}
    std::int64_t frame_count() const { return frames; }
    clip read(const frame_indices& indices) {
        clip c(indices.size(), 2, 2, 3);
        for (std::size_t t = 0; t < indices.size(); ++t)
            for (auto& b : c.frame_pixels(t)) b = static_cast<std::uint8_t>(indices[t]);
        return c;
    }
    std::int64_t frames;
};

struct to_tensor {
    float_tensor operator()(const clip& c, rng&) const {
        float_tensor t({c.frames(), c.height(), c.width(), c.channels()});
        for (std::size_t i = 0; i < c.size(); ++i) t.values()[i] = c.pixels()[i] / 255.0f;
        return t;
    }
};

struct mean_error {
    using vidata_concept = metric_tag;
    using prediction_type = std::vector<double>;
    using ground_truth_type = std::vector<double>;
    struct result {
        double mean_absolute_error = 0.0;
        nlohmann::json to_json() const { return {{"mean_absolute_error", mean_absolute_error}}; }
    };
    result operator()(const prediction_type& p, const ground_truth_type& g) const {
        double s = 0.0;
        for (std::size_t i = 0; i < p.size(); ++i) s += std::abs(p[i] - g[i]);
        return {p.empty() ? 0.0 : s / static_cast<double>(p.size())};
    }
};

struct mmaction_tree {
    std::filesystem::path root;
    std::filesystem::path frame_path(const video_record& r, std::int64_t index, modality m) const {
        const char* prefix = m == modality::rgb ? "img" : (m == modality::flow_x ? "x" : "y");
        char name[32];
        std::snprintf(name, sizeof name, "%s_%05lld.jpg", prefix, static_cast<long long>(index));
        return root / "rawframes" / r.path / name;
    }
    std::filesystem::path video_path(const video_record& r) const { return root / "videos" / r.path; }
    std::filesystem::path list_path(const split& s, media_kind kind) const {
        std::string name = "toy_" + s.subset;
        if (s.numbered()) name += "_split_" + std::to_string(s.number);
        return root / (name + "_" + std::string(to_string_view(kind)) + ".txt");
    }
};

// Generic code written against the concepts, as pipelines will be.
template <annotation_format F>
std::vector<typename F::record_type> round_trip(const std::vector<typename F::record_type>& records) {
    std::stringstream ss;
    F::write(ss, records);
    return F::read(ss, "<round trip>");
}

template <frame_sampler S, frame_source D, class T>
    requires transform<T, clip>
transform_result_t<T, clip> load(const S& sampler, const T& transform_stage, const video_record& r, std::uint64_t seed, std::uint64_t index) {
    auto g = rng::for_item(seed, 0, index);
    D source(r.path);
    return transform_stage(source.read(sampler(r, g)), g);
}

}  // namespace

TEST_CASE("an annotation_format round-trips through generic code", "[core][concepts]") {
    std::vector<video_record> records(2);
    records[0].path = "v_a";
    records[0].total_frames = 120;
    records[0].labels = {3};
    records[1].path = "v_b";
    records[1].total_frames = 64;
    records[1].labels = {0};
    CHECK(round_trip<toy_list>(records) == records);
}

TEST_CASE("sampler, source and transform compose, and the result depends only on (seed, item)", "[core][concepts]") {
    static_assert(require_frame_sampler<random_window, 1>() && require_frame_source<synthetic_video, 2>() &&
                  require_transform<to_tensor, clip, 3>());
    video_record r;
    r.path = "v_ApplyEyeMakeup";
    r.total_frames = 50;
    const float_tensor a = load<random_window, synthetic_video>(random_window{}, to_tensor{}, r, 7, 42);
    const float_tensor b = load<random_window, synthetic_video>(random_window{}, to_tensor{}, r, 7, 42);
    CHECK(a == b);
    REQUIRE(a.rank() == 4);
    CHECK(a.extent(0) == 4);
    // Consecutive frames: each frame's pixels hold its index.
    CHECK(a(1, 0, 0, 0) * 255.0f == Approx(a(0, 0, 0, 0) * 255.0f + 1.0f));
}

TEST_CASE("a metric's result prints as JSON", "[core][concepts]") {
    static_assert(require_metric<mean_error>());
    const auto result = mean_error{}({1.0, 2.0}, {1.5, 2.0});
    CHECK(result.to_json().dump() == R"({"mean_absolute_error":0.25})");
}

TEST_CASE("a layout names frames, videos and lists", "[core][concepts]") {
    static_assert(require_layout<mmaction_tree>());
    const mmaction_tree tree{"data/toy"};
    video_record r;
    r.path = "ApplyEyeMakeup/v_ApplyEyeMakeup_g08_c01";
    CHECK(tree.frame_path(r, 1, modality::rgb) == "data/toy/rawframes/ApplyEyeMakeup/v_ApplyEyeMakeup_g08_c01/img_00001.jpg");
    CHECK(tree.frame_path(r, 12, modality::flow_y).filename() == "y_00012.jpg");
    CHECK(tree.list_path({"train", 1}, media_kind::rawframes) == "data/toy/toy_train_split_1_rawframes.txt");
    CHECK(tree.list_path({"val", 0}, media_kind::videos) == "data/toy/toy_val_videos.txt");
}
