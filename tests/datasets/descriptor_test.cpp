// SPDX-License-Identifier: Apache-2.0
// vidata::datasets vocabulary: placeholders, frame templates against real frame files, metric names, the concept.
#include "datasets_support.hpp"

#include <vidata/datasets/descriptor.hpp>

#include <array>
#include <filesystem>
#include <string>
#include <string_view>

namespace descriptor_test {

namespace ds = vidata::datasets;

// A minimal descriptor, and near-misses that each lack or mistype one requirement.
struct tiny {
    static constexpr std::string_view name = "tiny";
    static constexpr std::string_view title = "Tiny";
    static constexpr int num_classes = 3;
    static constexpr int num_splits = 1;
    static constexpr ds::frame_naming frames{"img_{:05d}.jpg", "", "", 1};
    static constexpr ds::layout_names layout{"data/tiny", "videos", "rawframes", "annotations"};
    static constexpr std::array official_files{ds::official_file{"annotations/classes.txt", "label_map", "the classes"}};
    static constexpr std::array<ds::list_file, 0> lists{};
    static constexpr std::array metrics{ds::metric_kind::top_k_accuracy};
};

struct no_title {
    static constexpr std::string_view name = "x";
    static constexpr int num_classes = 3;
    static constexpr int num_splits = 1;
    static constexpr ds::frame_naming frames{};
    static constexpr ds::layout_names layout{};
    static constexpr std::array<ds::official_file, 0> official_files{};
    static constexpr std::array<ds::list_file, 0> lists{};
    static constexpr std::array metrics{ds::metric_kind::top_k_accuracy};
};

struct runtime_classes : tiny {
    static inline int num_classes = 3;  // not a constant expression
};

struct long_classes : tiny {
    static constexpr long num_classes = 3;
};

struct lists_as_official : tiny {
    static constexpr std::array lists{ds::official_file{"a.txt", "label_map", ""}};
};

struct metric_names_as_strings : tiny {
    static constexpr std::array<std::string_view, 1> metrics{"top_k_accuracy"};
};

static_assert(ds::dataset_descriptor<tiny>);
static_assert(ds::require_dataset_descriptor<tiny>());
static_assert(!ds::dataset_descriptor<no_title>);
static_assert(!ds::dataset_descriptor<runtime_classes>);
static_assert(!ds::dataset_descriptor<long_classes>);
static_assert(!ds::dataset_descriptor<lists_as_official>);
static_assert(!ds::dataset_descriptor<metric_names_as_strings>);
static_assert(!ds::dataset_descriptor<int>);

TEST_CASE("datasets/descriptor: fill replaces {} by a split number or a subset directory", "[datasets][descriptor]") {
    CHECK(ds::fill("ucf101_train_split_{}_rawframes.txt", 1) == "ucf101_train_split_1_rawframes.txt");
    CHECK(ds::fill("annotations/trainlist0{}.txt", 3) == "annotations/trainlist03.txt");
    CHECK(ds::fill("videos_{}", "val") == "videos_val");
    CHECK(ds::fill("{}/{}", "a") == "a/a");
    CHECK(ds::count_placeholders("a{}b{}c") == 2);
    CHECK(ds::count_placeholders("img_{:05d}.jpg") == 0);
    CHECK(vidata::test::message_of<vidata::invalid_argument>([] { (void)ds::fill("classInd.txt", 1); }) ==
          "[vidata.invalid_argument] vidata::datasets::fill: 'classInd.txt' has no '{}' to fill");
    CHECK(vidata::test::message_of<vidata::invalid_argument>([] { (void)ds::fill("x{}", 0); }) ==
          "[vidata.invalid_argument] vidata::datasets::fill: split numbers start at 1, got 0");
}

TEST_CASE("datasets/descriptor: frame_file_name writes what Python's str.format writes", "[datasets][descriptor]") {
    // Expected names as Python prints them: 'img_{:05d}.jpg'.format(7), '{:05}.jpg'.format(123456), 'part_{}.mp4'.format(3).
    CHECK(ds::frame_file_name("img_{:05d}.jpg", 7) == "img_00007.jpg");
    CHECK(ds::frame_file_name("{:05}.jpg", 123456) == "123456.jpg");
    CHECK(ds::frame_file_name("flow_x_{:05d}.jpg", 0) == "flow_x_00000.jpg");
    CHECK(ds::frame_file_name("part_{}.mp4", 3) == "part_3.mp4");
    CHECK(ds::frame_file_name("{:03d}", 42) == "042");
    CHECK_THROWS_AS(ds::frame_file_name("img.jpg", 1), vidata::invalid_argument);
    CHECK_THROWS_AS(ds::frame_file_name("{}_{:05d}.jpg", 1), vidata::invalid_argument);
    CHECK_THROWS_AS(ds::frame_file_name("img_{:05d}.jpg", -1), vidata::invalid_argument);
    CHECK(ds::is_frame_template("img_{:05d}.jpg"));
    CHECK_FALSE(ds::is_frame_template("img_{:5d}.jpg"));   // space-padded: no frame tool writes it
    CHECK_FALSE(ds::is_frame_template("img_{:05d}}.jpg"));  // a stray brace
    CHECK_FALSE(ds::is_frame_template("img_{:05d.jpg"));
}

TEST_CASE("datasets/descriptor: frame_file_name names the frames MMAction2's extraction wrote", "[datasets][descriptor][fixtures]") {
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    // MMAction2's test frames: img_00001.jpg ... img_00010.jpg, written 1-based by its frame extraction.
    const std::filesystem::path frames = *dir / "mmaction2/imgs";
    for (int i = 1; i <= 10; ++i) CHECK(std::filesystem::exists(frames / ds::frame_file_name("img_{:05d}.jpg", i)));
    CHECK_FALSE(std::filesystem::exists(frames / ds::frame_file_name("img_{:05d}.jpg", 0)));
    CHECK_FALSE(std::filesystem::exists(frames / ds::frame_file_name("img_{:05d}.jpg", 11)));
}

TEST_CASE("datasets/descriptor: frame_naming by modality, layout subsets", "[datasets][descriptor]") {
    constexpr ds::frame_naming f{"img_{:05d}.jpg", "flow_x_{:05d}.jpg", "", 1};
    STATIC_REQUIRE(f.of(vidata::modality::flow_x) == "flow_x_{:05d}.jpg");
    STATIC_REQUIRE(f.has(vidata::modality::rgb));
    STATIC_REQUIRE(!f.has(vidata::modality::flow_y));
    constexpr ds::layout_names split_tree{"data/k", "videos_{}", "rawframes_{}", "annotations", {"train", "val"}};
    STATIC_REQUIRE(split_tree.subset_count() == 2);
    STATIC_REQUIRE(tiny::layout.subset_count() == 0);
}

TEST_CASE("datasets/descriptor: every metric has a name and a vidata eval subcommand", "[datasets][descriptor]") {
    using ds::metric_kind;
    CHECK(ds::to_string_view(metric_kind::mmit_mean_average_precision) == "mmit_mean_average_precision");
    CHECK(ds::eval_command(metric_kind::top_k_accuracy) == "accuracy");
    CHECK(ds::eval_command(metric_kind::mean_class_accuracy) == "accuracy");
    CHECK(ds::eval_command(metric_kind::mean_average_precision) == "map");
    CHECK(ds::eval_command(metric_kind::mmit_mean_average_precision) == "map");
    CHECK(ds::eval_command(metric_kind::ar_at_an) == "ar-an");
    CHECK(ds::eval_command(metric_kind::temporal_detection_map) == "tdet");
    CHECK(ds::eval_command(metric_kind::ava_frame_map) == "ava");
    CHECK(ds::eval_command(metric_kind::frame_map) == "frame-map");
    CHECK(ds::eval_command(metric_kind::video_map) == "video-map");
    for (int m = 0; m <= static_cast<int>(metric_kind::video_map); ++m) {
        CHECK(ds::to_string_view(static_cast<metric_kind>(m)) != "unknown");
        CHECK(ds::eval_command(static_cast<metric_kind>(m)) != "unknown");
    }
}

}  // namespace descriptor_test
