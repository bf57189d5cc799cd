// SPDX-License-Identifier: Apache-2.0
// Every descriptor of vidata::datasets::all_datasets against independent sources: the formats vidata has, MMAction2's
// list-naming rule, its label maps, and the rules the vocabulary states for placeholders and frame templates.
#include "datasets_support.hpp"

#include <vidata/core/concepts.hpp>
#include <vidata/datasets.hpp>
#include <vidata/formats/anet_feature_csv.hpp>
#include <vidata/formats/anet_json.hpp>
#include <vidata/formats/anet_mmaction_json.hpp>
#include <vidata/formats/anet_results_json.hpp>
#include <vidata/formats/audio_feature_list.hpp>
#include <vidata/formats/audio_list.hpp>
#include <vidata/formats/ava_csv.hpp>
#include <vidata/formats/ava_exclusions.hpp>
#include <vidata/formats/ava_kinetics_csv.hpp>
#include <vidata/formats/ava_pbtxt.hpp>
#include <vidata/formats/ava_proposals_pkl.hpp>
#include <vidata/formats/bsn_video_info.hpp>
#include <vidata/formats/diving48_json.hpp>
#include <vidata/formats/diving48_vocab.hpp>
#include <vidata/formats/gym_annotation_json.hpp>
#include <vidata/formats/gym_categories.hpp>
#include <vidata/formats/gym_element_list.hpp>
#include <vidata/formats/hmdb51_split.hpp>
#include <vidata/formats/hvu_categories.hpp>
#include <vidata/formats/hvu_csv.hpp>
#include <vidata/formats/hvu_json.hpp>
#include <vidata/formats/jester_csv.hpp>
#include <vidata/formats/jester_labels.hpp>
#include <vidata/formats/kinetics_csv.hpp>
#include <vidata/formats/kinetics_json.hpp>
#include <vidata/formats/label_map.hpp>
#include <vidata/formats/minikinetics_mapping_json.hpp>
#include <vidata/formats/mit_categories.hpp>
#include <vidata/formats/mit_csv.hpp>
#include <vidata/formats/mmit_list.hpp>
#include <vidata/formats/ntu_missing_list.hpp>
#include <vidata/formats/ntu_skeleton.hpp>
#include <vidata/formats/omnisource_list.hpp>
#include <vidata/formats/pose_pkl.hpp>
#include <vidata/formats/proposal_list.hpp>
#include <vidata/formats/rawframe_list.hpp>
#include <vidata/formats/sthv1_csv.hpp>
#include <vidata/formats/sthv1_labels.hpp>
#include <vidata/formats/sthv2_json.hpp>
#include <vidata/formats/sthv2_labels.hpp>
#include <vidata/formats/thumos14_annotation.hpp>
#include <vidata/formats/tube_gt_pkl.hpp>
#include <vidata/formats/ucf101_classind.hpp>
#include <vidata/formats/ucf101_split.hpp>
#include <vidata/formats/video_list.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace all_datasets_test {

namespace ds = vidata::datasets;
namespace fm = vidata::formats;

// The names of vidata's 45 annotation formats, taken from the format types themselves: a descriptor's `format`
// must be one of them (a misspelt name, or a format that was renamed, fails here).
template <class... F>
constexpr std::array<std::string_view, sizeof...(F)> names_of() {
    static_assert((vidata::annotation_format<F> && ...));
    return {F::name...};
}

constexpr auto format_names =
    names_of<fm::anet_feature_csv, fm::anet_json, fm::anet_mmaction_json, fm::anet_results_json, fm::audio_feature_list,
             fm::audio_list, fm::ava_csv, fm::ava_exclusions, fm::ava_kinetics_csv, fm::ava_pbtxt, fm::ava_proposals_pkl,
             fm::bsn_video_info, fm::diving48_json, fm::diving48_vocab, fm::gym_annotation_json, fm::gym_categories,
             fm::gym_element_list, fm::hmdb51_split, fm::hvu_categories, fm::hvu_csv, fm::hvu_json, fm::jester_csv,
             fm::jester_labels, fm::kinetics_csv, fm::kinetics_json, fm::label_map, fm::minikinetics_mapping_json,
             fm::mit_categories, fm::mit_csv, fm::mmit_list, fm::ntu_missing_list, fm::ntu_skeleton, fm::omnisource_list,
             fm::pose_pkl, fm::proposal_list, fm::rawframe_list, fm::sthv1_csv, fm::sthv1_labels, fm::sthv2_json,
             fm::sthv2_labels, fm::thumos14_annotation, fm::tube_gt_pkl, fm::ucf101_classind, fm::ucf101_split, fm::video_list>();
static_assert(format_names.size() == 45);

bool is_format_name(std::string_view name) {
    return std::find(format_names.begin(), format_names.end(), name) != format_names.end();
}

// Calls f(std::type_identity<D>{}) for every descriptor of all_datasets.
template <class F>
void for_each_dataset(F&& f) {
    [&]<std::size_t... I>(std::index_sequence<I...>) {
        (f(std::type_identity<std::tuple_element_t<I, ds::all_datasets>>{}), ...);
    }(std::make_index_sequence<std::tuple_size_v<ds::all_datasets>>{});
}

// The datasets MMAction2's build_file_list.py accepts and writes lists for (spec §1.10: its `dataset` choices, less
// thumos14 and activitynet, which fall through to a ValueError), and its naming rule for those lists.
constexpr std::array<std::string_view, 11> build_file_list_datasets{
    "ucf101", "kinetics400", "kinetics600", "kinetics700", "sthv1", "sthv2", "mit", "mmit", "hmdb51", "jester", "diving48"};

std::vector<std::string> build_file_list_names(std::string_view dataset, int num_splits) {
    std::vector<std::string> names;
    for (std::string_view subset : {"train", "val"}) {
        for (std::string_view kind : {"rawframes", "videos"}) {
            std::string n(dataset);
            n.append("_").append(subset);
            n.append(num_splits > 1 ? "_split_{}_" : "_list_").append(kind).append(".txt");
            names.push_back(n);
        }
    }
    return names;
}

TEST_CASE("datasets/all: the tuple holds the 22 seed datasets, each a descriptor, names and titles unique", "[datasets]") {
    STATIC_REQUIRE(std::tuple_size_v<ds::all_datasets> == 22);
    std::set<std::string_view> names, titles, roots_and_names;
    for_each_dataset([&]<class D>(std::type_identity<D>) {
        STATIC_REQUIRE(ds::dataset_descriptor<D>);
        INFO(D::name);
        CHECK(names.insert(D::name).second);
        CHECK(titles.insert(D::title).second);
        CHECK(D::num_classes > 1);
        CHECK(D::num_splits >= 1);
        CHECK_FALSE(D::official_files.empty());
        CHECK_FALSE(D::metrics.empty());
        // Short names are what MMAction2 puts in list names: lower case, digits, underscores.
        CHECK(std::all_of(D::name.begin(), D::name.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; }));
    });
    CHECK(names.size() == 22);
}

TEST_CASE("datasets/all: every format a descriptor names is one of vidata's formats", "[datasets]") {
    for_each_dataset([]<class D>(std::type_identity<D>) {
        for (const ds::official_file& f : D::official_files) {
            INFO(D::name << ": " << f.path << " as " << f.format);
            CHECK(is_format_name(f.format));
            CHECK_FALSE(f.what.empty());
        }
        for (const ds::list_file& l : D::lists) {
            INFO(D::name << ": " << l.path << " as " << l.format);
            CHECK(is_format_name(l.format));
            CHECK((l.split.empty() || l.split == "train" || l.split == "val" || l.split == "test"));
        }
    });
    CHECK_FALSE(is_format_name("ucf101_classInd"));  // the check is case-sensitive, as --format is
}

TEST_CASE("datasets/all: '{}' in a path only where the dataset has several splits, and it fills for each", "[datasets]") {
    for_each_dataset([]<class D>(std::type_identity<D>) {
        bool any_split_path = false;
        auto check_path = [&](std::string_view path) {
            INFO(D::name << ": " << path);
            const std::size_t n = ds::count_placeholders(path);
            CHECK(n <= 1);
            CHECK(path.find("{:") == std::string_view::npos);  // only plain {} in paths
            if (n == 0) return;
            any_split_path = true;
            CHECK(D::num_splits > 1);
            for (int s = 1; s <= D::num_splits; ++s) CHECK(ds::count_placeholders(ds::fill(path, s)) == 0);
        };
        for (const ds::official_file& f : D::official_files) check_path(f.path);
        for (const ds::list_file& l : D::lists) check_path(l.path);
        INFO(D::name);
        if constexpr (requires { D::benchmarks; }) {
            // named splits (NTU's benchmarks) live inside one pickle: no per-split files, one name per split
            CHECK_FALSE(any_split_path);
            CHECK(D::benchmarks.size() == static_cast<std::size_t>(D::num_splits));
        } else if (D::num_splits > 1 && D::name != "jhmdb") {
            // numbered splits have a file each, named with {} (JHMDB's three live in JHMDB-GT.pkl)
            CHECK(any_split_path);
        }
    });
}

TEST_CASE("datasets/all: lists follow build_file_list.py's naming where MMAction2 writes them with it", "[datasets]") {
    int checked = 0;
    for_each_dataset([&]<class D>(std::type_identity<D>) {
        INFO(D::name);
        const bool uses_tool = std::find(build_file_list_datasets.begin(), build_file_list_datasets.end(), D::name) !=
                               build_file_list_datasets.end();
        std::set<std::string> in_root;
        for (const ds::list_file& l : D::lists) {
            if (!l.path.starts_with(std::string(D::name) + "_")) continue;
            in_root.insert(std::string(l.path));
            // the list's suffix says what it points at, and so which format reads it
            if (l.path.ends_with("_rawframes.txt")) CHECK(l.format == "rawframe_list");
            if (l.path.ends_with("_videos.txt")) CHECK(l.format == "video_list");
            if (l.path.find("_train_") != std::string_view::npos) CHECK(l.split == "train");
            if (l.path.find("_val_") != std::string_view::npos) CHECK(l.split == "val");
        }
        if (!uses_tool) return;
        ++checked;
        for (const std::string& expected : build_file_list_names(D::name, D::num_splits)) {
            INFO(expected);
            CHECK(in_root.count(expected) == 1);
        }
        CHECK(in_root.size() == 4);
    });
    CHECK(checked == 11);
}

TEST_CASE("datasets/all: frame templates expand, flow comes in x/y pairs, start_index fits the naming", "[datasets]") {
    for_each_dataset([]<class D>(std::type_identity<D>) {
        INFO(D::name);
        constexpr ds::frame_naming f = D::frames;
        CHECK((f.start_index == 0 || f.start_index == 1));
        for (std::string_view t : {f.rgb, f.flow_x, f.flow_y}) {
            INFO(t);
            if (!t.empty()) CHECK(ds::is_frame_template(t));
        }
        CHECK(f.flow_x.empty() == f.flow_y.empty());
        if (!f.flow_x.empty()) {
            // the y template is the x template with the direction letter changed, as denseflow names them
            std::string y(f.flow_x);
            y[y.find("_x_")+1] = 'y';
            CHECK(y == f.flow_y);
            CHECK(ds::frame_file_name(f.flow_x, f.start_index) != ds::frame_file_name(f.rgb, f.start_index));
        }
        if (f.rgb.empty()) {
            // no frames: the sources are videos or skeletons, whose first decoded frame is frame 0
            CHECK(f.flow_x.empty());
            CHECK(f.start_index == 0);
            CHECK(D::layout.rawframes.empty());
        } else {
            CHECK_FALSE(D::layout.rawframes.empty());
        }
    });
}

TEST_CASE("datasets/all: layout roots under data/, '{}' in the tree exactly where it has subset directories", "[datasets]") {
    for_each_dataset([]<class D>(std::type_identity<D>) {
        constexpr ds::layout_names l = D::layout;
        INFO(D::name << ": " << l.root);
        CHECK(l.root.starts_with("data/"));
        CHECK(l.root.size() > 5);
        CHECK(l.root.find('/', 5) == std::string_view::npos);
        std::size_t with_subsets = 0;
        for (std::string_view dir : {l.videos, l.rawframes, l.annotations}) {
            CHECK(ds::count_placeholders(dir) <= 1);
            with_subsets += ds::count_placeholders(dir);
        }
        CHECK((with_subsets > 0) == (l.subset_count() > 0));
        // subsets are listed first to last without gaps
        for (std::size_t i = 0; i < l.subset_count(); ++i) CHECK_FALSE(l.subsets[i].empty());
    });
}

TEST_CASE("datasets/all: metrics unique per dataset, each with a vidata eval subcommand", "[datasets]") {
    for_each_dataset([]<class D>(std::type_identity<D>) {
        INFO(D::name);
        std::set<ds::metric_kind> seen;
        for (ds::metric_kind m : D::metrics) {
            CHECK(seen.insert(m).second);
            CHECK(ds::eval_command(m) != "unknown");
        }
    });
}

TEST_CASE("datasets/all: num_classes equals the class count of MMAction2's label map", "[datasets][fixtures]") {
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    int checked = 0;
    for_each_dataset([&]<class D>(std::type_identity<D>) {
        if constexpr (requires { D::mmaction2_label_map; }) {
            INFO(D::name << ": " << D::mmaction2_label_map);
            const auto path = vidata::test::tools_data_fixture(*dir, D::mmaction2_label_map);
            REQUIRE(path);
            const auto classes = vidata::read_annotations<fm::label_map>(*path);
            // AVA's label map lists only the evaluated classes.
            if constexpr (requires { D::num_evaluated_classes; }) CHECK(classes.size() == static_cast<std::size_t>(D::num_evaluated_classes));
            else CHECK(classes.size() == static_cast<std::size_t>(D::num_classes));
            ++checked;
        }
    });
    CHECK(checked == 15);
}

}  // namespace all_datasets_test
