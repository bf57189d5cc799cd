// SPDX-License-Identifier: Apache-2.0
#include <vidata/layout/check_layout.hpp>

#include "../support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

namespace check_layout_test {

namespace fs = std::filesystem;
using vidata::test::write_file;

using vidata::test::write_frame_names;

/// A UCF-101 tree as the guide draws it: annotations, two frame directories, one list written by hand.
void good_ucf101(const fs::path& root) {
    fs::create_directories(root / "annotations");
    for (const std::string f : {"classInd.txt", "trainlist01.txt", "trainlist02.txt", "trainlist03.txt", "testlist01.txt", "testlist02.txt",
                                "testlist03.txt"})
        write_file(root / "annotations" / f, "");
    write_frame_names(root / "rawframes/A/v_A_g01_c01", 3, 2);
    write_frame_names(root / "rawframes/B/v_B_g01_c01", 4, 0);
    write_file(root / "ucf101_train_split_1_rawframes.txt", "A/v_A_g01_c01 3 0\nB/v_B_g01_c01 4 1\n");
}

}  // namespace check_layout_test


TEST_CASE("check_layout: a tree as the guide draws it has no difference", "[layout]") {
    vidata::test::temp_dir root;
    check_layout_test::good_ucf101(root.path());
    CHECK(vidata::layouts::check_layout("ucf101", root.path()).empty());
}

TEST_CASE("check_layout: build_rawframes' reports at the top of the frame tree are not differences; another file is", "[layout]") {
    vidata::test::temp_dir root;
    check_layout_test::good_ucf101(root.path());
    for (const std::string f : {"build_report.txt", "failed.txt", "build_report.shard-0-of-2.txt", "failed.shard-1-of-2.txt"})
        vidata::test::write_file(root / "rawframes" / f, "A/v_A_g01_c01.avi\n");
    CHECK(vidata::layouts::check_layout("ucf101", root.path()).empty());
    vidata::test::write_file(root / "rawframes/notes.txt", "");
    const auto d = vidata::layouts::check_layout("ucf101", root.path());
    REQUIRE(d.size() == 1);
    CHECK(d[0].path == (root / "rawframes/notes.txt").string());
    CHECK(d[0].problem == "file where a class directory is expected");
}

TEST_CASE("check_layout: a missing frame, a wrong list count, a misnamed list and a missing annotation file are each reported", "[layout]") {
    vidata::test::temp_dir root;
    check_layout_test::good_ucf101(root.path());
    std::filesystem::remove(root / "rawframes/A/v_A_g01_c01/img_00002.jpg");
    vidata::test::write_file(root / "ucf101_train_split_1_rawframes.txt", "A/v_A_g01_c01 2 0\nB/v_B_g01_c01 5 1\nC/v_gone 3 2\n");
    vidata::test::write_file(root / "ucf101_train_rawframes.txt", "");
    std::filesystem::remove(root / "annotations/testlist02.txt");
    const auto d = vidata::layouts::check_layout("ucf101", root.path());
    REQUIRE(d.size() == 5);
    CHECK(d[0].path == (root / "annotations/testlist02.txt").string());
    CHECK(d[0].problem == "missing annotation file");
    CHECK(d[1].path == (root / "rawframes/A/v_A_g01_c01/img_00002.jpg").string());
    CHECK(d[1].problem == "missing RGB frame");
    // A/v_A_g01_c01 says 2 and holds 2 RGB frames now (1 and 3): its count agrees; B's does not.
    CHECK(d[2].path == (root / "ucf101_train_rawframes.txt").string());
    CHECK(d[2].problem == "list not named as build_file_list names it");
    CHECK(d[3].path == (root / "ucf101_train_split_1_rawframes.txt").string() + ":2");
    CHECK(d[3].expected == "4 (on disk)");
    CHECK(d[3].found == "5");
    CHECK(d[4].path == (root / "ucf101_train_split_1_rawframes.txt").string() + ":3");
    CHECK(d[4].problem == "list names a frame directory that does not exist");
}

TEST_CASE("check_layout: frame naming, flow agreement and the level of the tree", "[layout]") {
    vidata::test::temp_dir root;
    check_layout_test::good_ucf101(root.path());
    vidata::test::write_file(root / "rawframes/A/v_A_g01_c01/image_1.jpg", "");
    std::filesystem::remove(root / "rawframes/A/v_A_g01_c01/flow_y_00002.jpg");
    vidata::test::write_file(root / "rawframes/B/stray.jpg", "");
    const auto d = vidata::layouts::check_layout("ucf101", root.path());
    std::vector<std::string> problems;
    for (const auto& x : d) problems.push_back(x.problem);
    CHECK(problems == std::vector<std::string>{"file not named as a frame", "flow x and flow y counts differ", "file where a frame directory is expected"});
    CHECK(d[0].found == "image_1.jpg");
    CHECK_THROWS_AS(vidata::layouts::check_layout("thumos14", root.path()), vidata::invalid_argument);
    CHECK_THROWS_AS(vidata::layouts::check_layout("ucf101", root / "absent"), vidata::io_error);
}

TEST_CASE("check_layout: Jester's level-1 tree with 00001.jpg frames", "[layout]") {
    vidata::test::temp_dir root;
    std::filesystem::create_directories(root / "annotations");
    for (const std::string f : {"jester-v1-labels.csv", "jester-v1-train.csv", "jester-v1-validation.csv"}) vidata::test::write_file(root / "annotations" / f, "");
    std::filesystem::create_directories(root / "rawframes/1");
    vidata::test::write_file(root / "rawframes/1/00001.jpg", "");
    vidata::test::write_file(root / "rawframes/1/00003.jpg", "");
    vidata::test::write_file(root / "jester_val_list_rawframes.txt", "1 2 0\n");
    const auto d = vidata::layouts::check_layout("jester", root.path());
    REQUIRE(d.size() == 1);
    CHECK(d[0].path == (root / "rawframes/1/00002.jpg").string());
}

TEST_CASE("check_layout: Kinetics' per-subset trees (rawframes_train, rawframes_val) from its descriptor", "[layout]") {
    vidata::test::temp_dir root;
    std::filesystem::create_directories(root / "annotations");
    vidata::test::write_file(root / "annotations/kinetics_train.csv", "");
    vidata::test::write_file(root / "annotations/kinetics_val.csv", "");
    check_layout_test::write_frame_names(root / "rawframes_train/abseiling/a_000001_000011", 3, 0);
    check_layout_test::write_frame_names(root / "rawframes_val/zumba/b_000002_000012", 2, 0);
    vidata::test::write_file(root / "kinetics400_train_list_rawframes.txt", "abseiling/a_000001_000011 3 0\n");
    vidata::test::write_file(root / "kinetics400_val_list_rawframes.txt", "zumba/b_000002_000012 2 1\n");
    CHECK(vidata::layouts::check_layout("kinetics400", root.path()).empty());
    std::filesystem::remove_all(root / "rawframes_val");
    const auto d = vidata::layouts::check_layout("kinetics400", root.path());
    REQUIRE(d.size() == 2);
    CHECK(d[0].path == (root / "rawframes_val").string());
    CHECK(d[0].problem == "missing directory");
    CHECK(d[1].problem == "list names a frame directory that does not exist");
}

TEST_CASE("check_layout: the annotation files it requires are official files of the dataset's descriptor", "[layout]") {
    // Two writings of the guides (vidata/datasets and check_layout's own list) must agree.
    auto descriptor_files = [](std::string_view name) {
        std::vector<std::string> out;
        vidata::layouts::detail::visit_descriptors(
            [&](auto* tag) {
                using D = std::remove_pointer_t<decltype(tag)>;
                if (D::name != name) return;
                for (const auto& f : D::official_files) {
                    std::string p(f.path);
                    if (const auto at = p.find("{}"); at != std::string::npos)
                        for (int i = 1; i <= 3; ++i) out.push_back(std::string(p).replace(at, 2, std::to_string(i)));
                    else out.push_back(p);
                }
            },
            std::make_index_sequence<std::tuple_size_v<vidata::datasets::all_datasets>>{});
        return out;
    };
    for (const auto& name : vidata::layouts::build_file_list_datasets()) {
        CAPTURE(name);
        const auto official = descriptor_files(name);
        REQUIRE(!official.empty());
        for (const auto& required : vidata::layouts::conventions_of(name).annotation_files) {
            CAPTURE(required);
            bool found = false;
            for (const auto& alternative : vidata::layouts::detail::split_on(required, '|'))
                found = found || std::find(official.begin(), official.end(), "annotations/" + alternative) != official.end();
            CHECK(found);
        }
    }
}
