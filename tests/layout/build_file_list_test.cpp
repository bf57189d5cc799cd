// SPDX-License-Identifier: Apache-2.0
// build_file_list against tests/python/build_file_list_reference.py (a transcription of MMAction2's tool) run on
// the same small trees: same files, same bytes, with and without --shuffle --seed.
#include <vidata/layout/build_file_list.hpp>

#include "../support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace build_file_list_test {

namespace fs = std::filesystem;
using vidata::test::write_file;

using vidata::test::write_frame_names;

void video(const fs::path& file) {
    fs::create_directories(file.parent_path());
    write_file(file, "");
}

std::size_t line_count_of(const std::string& s) { return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n')); }

/// Every file directly in `dir`, by name.
std::map<std::string, std::string> files_in(const fs::path& dir) {
    std::map<std::string, std::string> out;
    for (const auto& e : fs::directory_iterator(dir)) out[e.path().filename().string()] = vidata::test::read_file(e.path());
    return out;
}

/// Runs both sides on `<root>/data/<dataset>/<src>` and returns (vidata's files, the transcription's files).
/// `args` are the CLI options of both; `options` the same for the library.
std::pair<std::map<std::string, std::string>, std::map<std::string, std::string>> both(const fs::path& root, const std::string& dataset,
                                                                                      const std::string& src,
                                                                                      vidata::layouts::build_file_list_options options,
                                                                                      const std::string& args) {
    const fs::path cpp_out = root / "cpp", py_out = root / "py";
    fs::remove_all(cpp_out);
    fs::remove_all(py_out);
    fs::create_directories(cpp_out / dataset);
    fs::create_directories(py_out / dataset);
    options.annotations = root / "data" / dataset / "annotations";
    options.out_root_path = cpp_out;
    const auto lists = vidata::layouts::build_file_list(dataset, root / "data" / dataset / src, options);
    vidata::layouts::write_file_lists(lists, dataset, cpp_out);

    std::string command = "cd " + vidata::test::shell_quote(root.string()) + " && PYTHONHASHSEED=0 " +
                          vidata::test::shell_quote(VIDATA_TEST_PYTHON3) + " " +
                          vidata::test::shell_quote(std::string(VIDATA_TEST_PYTHON_DIR) + "/build_file_list_reference.py") + " " + dataset +
                          " data/" + dataset + "/" + src + " --out-root-path py/ " + args;
    const auto r = vidata::test::run_command(command);
    INFO(r.output);
    REQUIRE(r.status == 0);
    return {files_in(cpp_out / dataset), files_in(py_out / dataset)};
}

/// UCF-101: three classes, classInd and split lists as in the archive (CRLF), a level-2 and a level-1 frame tree
/// and a video tree. Some listed videos are missing from the trees (they are skipped).
void ucf101_tree(const fs::path& root) {
    const fs::path ann = root / "data/ucf101/annotations";
    fs::create_directories(ann);
    write_file(ann / "classInd.txt", "1 ApplyEyeMakeup\r\n2 Archery\r\n3 Basketball\r\n");
    const std::vector<std::string> classes{"ApplyEyeMakeup", "Archery", "Basketball"};
    int n = 0;
    for (int split = 1; split <= 3; ++split) {
        std::string train, test;
        for (std::size_t c = 0; c < classes.size(); ++c)
            for (int g = 1; g <= 4; ++g) {
                const std::string v = classes[c] + "/v_" + classes[c] + "_g0" + std::to_string(g) + "_c01.avi";
                if ((g + split) % 3 == 0) test += v + "\r\n";
                else train += v + " " + std::to_string(c + 1) + "\r\n";
            }
        char name[32];
        std::snprintf(name, sizeof name, "trainlist%02d.txt", split);
        write_file(ann / name, train);
        std::snprintf(name, sizeof name, "testlist%02d.txt", split);
        write_file(ann / name, test);
    }
    for (const auto& c : classes)
        for (int g = 1; g <= 4; ++g) {
            if (c == "Archery" && g == 2) continue;  // listed, not extracted
            const std::string v = "v_" + c + "_g0" + std::to_string(g) + "_c01";
            ++n;
            write_frame_names(root / "data/ucf101/rawframes" / c / v, 3 + n % 5, 2 + n % 5);
            write_frame_names(root / "data/ucf101/rawframes_l1" / v, 4 + n % 3, 0);
            video(root / "data/ucf101/videos" / c / (v + ".avi"));
        }
}

}  // namespace build_file_list_test

using namespace build_file_list_test;

TEST_CASE("build_file_list: UCF-101 rawframes and videos, levels 1 and 2, equal the transcription of MMAction2's tool", "[layout][python]") {
    if (!vidata::test::python_oracle_available()) return;
    vidata::test::temp_dir root;
    ucf101_tree(root.path());
    vidata::layouts::build_file_list_options o;
    {
        const auto [cpp, py] = both(root.path(), "ucf101", "rawframes", o, "");
        CHECK(cpp.size() == 6);
        CHECK(cpp.count("ucf101_train_split_1_rawframes.txt") == 1);
        CHECK(cpp == py);
    }
    {
        o.level = 1;
        const auto [cpp, py] = both(root.path(), "ucf101", "rawframes_l1", o, "--level 1");
        CHECK(cpp == py);
    }
    {
        o.level = 2;
        o.format = vidata::media_kind::videos;
        const auto [cpp, py] = both(root.path(), "ucf101", "videos", o, "--format videos");
        CHECK(cpp.count("ucf101_val_split_3_videos.txt") == 1);
        CHECK(cpp == py);
    }
    SECTION("--shuffle --seed: the same permutations as Python's random, across the six lists") {
        for (const std::int64_t seed : {0, 1, 123, 99991}) {
            o.shuffle = true;
            o.seed = seed;
            o.format = vidata::media_kind::rawframes;
            const auto [cpp, py] = both(root.path(), "ucf101", "rawframes", o, "--shuffle --seed " + std::to_string(seed));
            CHECK(cpp == py);
        }
    }
    SECTION("--output-format json") {
        o.output_format = vidata::layouts::list_output_format::json;
        o.format = vidata::media_kind::rawframes;
        const auto [cpp, py] = both(root.path(), "ucf101", "rawframes", o, "--output-format json");
        CHECK(cpp.count("ucf101_train_split_2_rawframes.json") == 1);
        CHECK(cpp == py);
    }
}

TEST_CASE("build_file_list: a hand-checked UCF-101 list", "[layout]") {
    vidata::test::temp_dir root;
    const fs::path ann = root / "ann";
    fs::create_directories(ann);
    write_file(ann / "classInd.txt", "1 A\r\n2 B\r\n");
    for (int i = 1; i <= 3; ++i) {
        write_file(ann / ("trainlist0" + std::to_string(i) + ".txt"), "B/v_B_g01_c01.avi 2\r\nA/v_A_g01_c01.avi 1\r\nA/v_gone.avi 1\r\n");
        write_file(ann / ("testlist0" + std::to_string(i) + ".txt"), "A/v_A_g02_c01.avi\r\n");
    }
    write_frame_names(root / "raw/A/v_A_g01_c01", 5, 4);
    write_frame_names(root / "raw/A/v_A_g02_c01", 2, 2);
    write_frame_names(root / "raw/B/v_B_g01_c01", 7, 6);
    vidata::layouts::build_file_list_options o;
    o.annotations = ann;
    const auto lists = vidata::layouts::build_file_list("ucf101", root / "raw", o);
    REQUIRE(lists.size() == 6);
    CHECK(lists[0].name == "ucf101_train_split_1_rawframes.txt");
    // File order, the missing video skipped, label = classInd index - 1, count = img_* files.
    CHECK(lists[0].text == "B/v_B_g01_c01 7 1\nA/v_A_g01_c01 5 0\n");
    CHECK(lists[1].name == "ucf101_val_split_1_rawframes.txt");
    CHECK(lists[1].text == "A/v_A_g02_c01 2 0\n");
    o.output_format = vidata::layouts::list_output_format::json;
    CHECK(vidata::layouts::build_file_list("ucf101", root / "raw", o)[1].text ==
          R"([{"frame_dir": "A/v_A_g02_c01", "total_frames": 2, "label": [0]}])");
    o.num_split = 1;
    CHECK_THROWS_AS(vidata::layouts::build_file_list("ucf101", root / "raw", o), vidata::invalid_argument);
}

TEST_CASE("build_file_list: Kinetics CSVs (quoted labels, level 2 videos and level 1 frames, val and test subsets)", "[layout][python]") {
    if (!vidata::test::python_oracle_available()) return;
    vidata::test::temp_dir root;
    const fs::path ann = root / "data/kinetics400/annotations";
    fs::create_directories(ann);
    write_file(ann / "kinetics_train.csv",
               "label,youtube_id,time_start,time_end,split\n"
               "\"air drumming\",abc,12,22,train\n"
               "zumba,def,0.5,10.7,train\n"
               "\"air drumming\",ghi,100,110,train\n"
               "abseiling,jkl,3,13,train\n");
    write_file(ann / "kinetics_val.csv",
               "label,youtube_id,time_start,time_end,split\n"
               "zumba,mno,7,17,val\n"
               "abseiling,pqr,1,11,val\n"
               "\"air drumming\",stu,20,30,val\n");
    write_file(ann / "kinetics_test.csv",
               "label,youtube_id,time_start,time_end,split\n"
               "NA,vwx,5,15,test\nNA,yza,0,10,test\n");
    for (const std::string v : {"air_drumming/abc_000012_000022", "zumba/def_000000_000010", "air_drumming/ghi_000100_000110",
                                "abseiling/jkl_000003_000013", "zumba/mno_000007_000017", "abseiling/pqr_000001_000011",
                                "air_drumming/stu_000020_000030"})
        video(root / "data/kinetics400/videos" / (v + ".mp4"));
    int n = 0;
    for (const std::string v : {"abc_000012_000022", "def_000000_000010", "jkl_000003_000013", "mno_000007_000017", "pqr_000001_000011",
                                "stu_000020_000030", "vwx_000005_000015", "yza_000000_000010"})
        write_frame_names(root / "data/kinetics400/rawframes" / v, 2 + ++n, 0);
    vidata::layouts::build_file_list_options o;
    o.format = vidata::media_kind::videos;
    for (const std::string subset : {"train", "val"}) {
        o.subset = subset;
        const auto [cpp, py] = both(root.path(), "kinetics400", "videos", o, "--format videos --subset " + subset);
        CHECK(cpp.count("kinetics400_" + subset + "_list_videos.txt") == 1);
        CHECK(cpp == py);
    }
    o.format = vidata::media_kind::rawframes;
    o.level = 1;
    for (const std::string subset : {"train", "val", "test"}) {
        o.subset = subset;
        o.shuffle = true;
        o.seed = 7;
        const auto [cpp, py] = both(root.path(), "kinetics400", "rawframes", o, "--level 1 --shuffle --seed 7 --subset " + subset);
        CHECK(cpp == py);
    }
    // By hand: classes are the sorted train labels (abseiling 0, air_drumming 1, zumba 2); times truncated.
    o.shuffle = false;
    o.subset = "val";
    o.annotations = ann;
    CHECK(vidata::layouts::build_file_list("kinetics400", root / "data/kinetics400/rawframes", o)[0].text ==
          "mno_000007_000017 6 2\npqr_000001_000011 7 0\nstu_000020_000030 8 1\n");
}

TEST_CASE("build_file_list: Something-Something V2, Jester, HMDB51, MiT, MMIT and Diving48 equal the transcription", "[layout][python]") {
    if (!vidata::test::python_oracle_available()) return;
    vidata::test::temp_dir root;
    vidata::layouts::build_file_list_options o;
    SECTION("sthv2: JSON lists, templates without brackets looked up in labels.json, level 1 frames") {
        const fs::path ann = root / "data/sthv2/annotations";
        fs::create_directories(ann);
        write_file(ann / "something-something-v2-labels.json", R"({"Holding something": "0", "Putting something on something": "1"})");
        write_file(ann / "something-something-v2-train.json",
                   R"([{"id":"78687","label":"holding potato","template":"Holding [something]","placeholders":["potato"]},)"
                   R"({"id":"42326","label":"putting a cup on a table","template":"Putting [something] on [something]","placeholders":["a cup","a table"]},)"
                   R"({"id":"100","label":"x","template":"Holding [something]","placeholders":["x"]}])");
        write_file(ann / "something-something-v2-validation.json",
                   R"([{"id":"5","label":"y","template":"Putting [something] on [something]","placeholders":["a","b"]}])");
        write_file(ann / "something-something-v2-test.json", R"([{"id":"100"},{"id":"5"}])");
        write_frame_names(root / "data/sthv2/rawframes/78687", 4, 0);
        write_frame_names(root / "data/sthv2/rawframes/42326", 6, 0);
        write_frame_names(root / "data/sthv2/rawframes/100", 2, 0);
        write_frame_names(root / "data/sthv2/rawframes/5", 3, 0);
        o.level = 1;
        for (const std::string subset : {"train", "val", "test"}) {
            o.subset = subset;
            const auto [cpp, py] = both(root.path(), "sthv2", "rawframes", o, "--level 1 --subset " + subset);
            CHECK(cpp.size() == 1);
            CHECK(cpp == py);
        }
    }
    SECTION("jester: id;label CSVs, RGB prefix '0' (00001.jpg), level 1") {
        const fs::path ann = root / "data/jester/annotations";
        fs::create_directories(ann);
        write_file(ann / "jester-v1-labels.csv", "Swiping Left\nSwiping Right\nThumb Up\n");
        write_file(ann / "jester-v1-train.csv", "34870;Thumb Up\n56557;Swiping Left\n1;Swiping Right\n");
        write_file(ann / "jester-v1-validation.csv", "9223;Swiping Right\n");
        write_file(ann / "jester-v1-test.csv", "1\n9223\n");
        write_frame_names(root / "data/jester/rawframes/34870", 5, 0, "0");
        write_frame_names(root / "data/jester/rawframes/56557", 6, 0, "0");
        write_frame_names(root / "data/jester/rawframes/9223", 2, 0, "0");
        o.level = 1;
        o.prefixes.rgb = "0";
        for (const std::string subset : {"train", "val", "test"}) {
            o.subset = subset;
            const auto [cpp, py] = both(root.path(), "jester", "rawframes", o, "--level 1 --rgb-prefix 0 --subset " + subset);
            CHECK(cpp == py);
        }
    }
    SECTION("hmdb51: per-class split files (tag 1 train, 2 test, 0 unused), classInd generated, level 2, shuffled") {
        const fs::path ann = root / "data/hmdb51/annotations";
        fs::create_directories(ann);
        const std::vector<std::string> classes{"brush_hair", "cartwheel", "wave"};
        for (const auto& c : classes)
            for (int i = 1; i <= 3; ++i) {
                std::string text;
                for (int v = 1; v <= 4; ++v) {
                    text += c + "_clip" + std::to_string(v) + ".avi " + std::to_string((v + i) % 3) + " \n";
                    if (i == 1) write_frame_names(root / "data/hmdb51/rawframes" / c / (c + "_clip" + std::to_string(v)), v + 1, v);
                }
                write_file(ann / (c + "_test_split" + std::to_string(i) + ".txt"), text);
            }
        o.shuffle = true;
        o.seed = 2021;
        const auto [cpp, py] = both(root.path(), "hmdb51", "rawframes", o, "--shuffle --seed 2021");
        CHECK(cpp.size() == 6);
        CHECK(cpp == py);
    }
    SECTION("mit and mmit: CSV rows class/video.mp4, MiT's label from moments_categories, MMIT's multi-label") {
        for (const std::string ds : {"mit", "mmit"}) {
            const fs::path ann = root / "data" / ds / "annotations";
            fs::create_directories(ann);
            write_file(ann / "moments_categories.txt", "adult+female+singing,0\nbarking,1\n");
            write_file(ann / "trainingSet.csv", "barking/a.mp4,1,0\nadult+female+singing/b.mp4,0\nbarking/c.mp4,1\n");
            write_file(ann / "validationSet.csv", "adult+female+singing/d.mp4,0,1\n");
            for (const std::string v : {"barking/a.mp4", "adult+female+singing/b.mp4", "adult+female+singing/d.mp4"})
                video(root / "data" / ds / "videos" / v);
            o.format = vidata::media_kind::videos;
            for (const std::string subset : {"train", "val", "test"}) {
                o.subset = subset;
                const auto [cpp, py] = both(root.path(), ds, "videos", o, "--format videos --subset " + subset);
                CHECK(cpp == py);
            }
        }
    }
    SECTION("diving48: vid_name and label from the V2 JSON, level 1 videos") {
        const fs::path ann = root / "data/diving48/annotations";
        fs::create_directories(ann);
        write_file(ann / "Diving48_V2_train.json",
                   R"([{"vid_name": "-mmq0PT-u8k_00155", "label": 0, "start_frame": 0, "end_frame": 76}, {"vid_name": "zz_1", "label": 47, "start_frame": 0, "end_frame": 9}])");
        write_file(ann / "Diving48_V2_test.json", R"([{"vid_name": "t_2", "label": 3, "start_frame": 0, "end_frame": 5}])");
        video(root / "data/diving48/videos/-mmq0PT-u8k_00155.mp4");
        video(root / "data/diving48/videos/zz_1.mp4");
        video(root / "data/diving48/videos/t_2.mp4");
        o.format = vidata::media_kind::videos;
        o.level = 1;
        for (const std::string subset : {"train", "val"}) {
            o.subset = subset;
            o.output_format = vidata::layouts::list_output_format::json;
            const auto [cpp, py] = both(root.path(), "diving48", "videos", o, "--format videos --level 1 --output-format json --subset " + subset);
            CHECK(cpp.count("diving48_" + subset + "_list_videos.json") == 1);
            CHECK(cpp == py);
        }
    }
}

TEST_CASE("parse_directory: counts per prefix, level 1 and 2, flow x/y mismatch names the directory", "[layout]") {
    vidata::test::temp_dir root;
    write_frame_names(root / "c1/v1", 3, 2);
    write_frame_names(root / "c1/v2", 1, 0);
    write_frame_names(root / "c2/v3", 0, 4);
    write_file(root / "c2/v3/img_notes.txt", "");  // an img_* file of any kind counts, as fnmatch('img_*') counts it
    const auto two = vidata::layouts::parse_directory(root.path(), {}, 2);
    REQUIRE(two.size() == 3);
    CHECK(two.at("c1/v1").rgb_count == 3);
    CHECK(two.at("c1/v1").flow_count == 2);
    CHECK(two.at("c2/v3").rgb_count == 1);
    CHECK(two.at("c2/v3").flow_count == 4);
    const auto one = vidata::layouts::parse_directory(root / "c1", {}, 1);
    REQUIRE(one.size() == 2);
    CHECK(one.at("v2").rgb_count == 1);
    fs::remove(root / "c1/v1/flow_y_00002.jpg");
    const std::string message = vidata::test::message_of<vidata::parse_error>([&] { (void)vidata::layouts::parse_directory(root.path()); });
    CHECK_THAT(message, Catch::Contains("c1/v1") && Catch::Contains("2 and 1"));
    CHECK_THROWS_AS(vidata::layouts::parse_directory(root.path(), {}, 3), vidata::invalid_argument);
    CHECK_THROWS_AS(vidata::layouts::parse_directory(root / "absent"), vidata::io_error);
}

TEST_CASE("standard_tree and list_name: the guides' paths and MMAction2's list names", "[layout]") {
    using vidata::media_kind;
    CHECK(vidata::layouts::list_name("ucf101", {"train", 1}, media_kind::rawframes) == "ucf101_train_split_1_rawframes.txt");
    CHECK(vidata::layouts::list_name("ucf101", {"val", 3}, media_kind::videos) == "ucf101_val_split_3_videos.txt");
    CHECK(vidata::layouts::list_name("kinetics400", {"val", 0}, media_kind::videos, true) == "kinetics400_val_list_videos.json");
    vidata::layouts::standard_tree t;
    t.dataset = "ucf101";
    vidata::video_record r;
    r.path = "ApplyEyeMakeup/v_ApplyEyeMakeup_g08_c01";
    CHECK(t.frame_path(r, 1, vidata::modality::rgb) == fs::path("data/ucf101/rawframes/ApplyEyeMakeup/v_ApplyEyeMakeup_g08_c01/img_00001.jpg"));
    CHECK(t.frame_path(r, 12, vidata::modality::flow_y) ==
          fs::path("data/ucf101/rawframes/ApplyEyeMakeup/v_ApplyEyeMakeup_g08_c01/flow_y_00012.jpg"));
    r.path = "ApplyEyeMakeup/v_ApplyEyeMakeup_g08_c01.avi";
    CHECK(t.video_path(r) == fs::path("data/ucf101/videos/ApplyEyeMakeup/v_ApplyEyeMakeup_g08_c01.avi"));
    CHECK(t.list_path({"train", 2}, media_kind::rawframes) == fs::path("data/ucf101/ucf101_train_split_2_rawframes.txt"));
}

TEST_CASE("build_file_list: the official UCF-101, HMDB51 and Something-Something V2 files (fixtures) equal the transcription", "[layout][python][fixtures]") {
    const auto fixtures = vidata::test::fixtures();
    if (!fixtures || !vidata::test::python_oracle_available()) return;
    vidata::test::temp_dir root;
    // A video tree with one empty file per video the official split files name (a few left out, as a real tree).
    auto copy_and_make_videos = [&](const std::string& dataset, const fs::path& from, const std::vector<std::string>& names) {
        const fs::path ann = root / "data" / dataset / "annotations";
        fs::create_directories(ann);
        for (const auto& n : names) fs::copy_file(from / n, ann / n);
    };
    vidata::layouts::build_file_list_options o;
    o.format = vidata::media_kind::videos;
    o.shuffle = true;
    o.seed = 123;
    SECTION("UCF-101: 13,320 videos, 3 splits, CRLF files") {
        copy_and_make_videos("ucf101", *fixtures / "ucf101/ucfTrainTestlist",
                             {"classInd.txt", "trainlist01.txt", "trainlist02.txt", "trainlist03.txt", "testlist01.txt", "testlist02.txt",
                              "testlist03.txt"});
        std::size_t n = 0;
        for (const std::string& line : vidata::layouts::detail::text_lines(root / "data/ucf101/annotations/testlist01.txt"))
            if (++n % 97 != 0) video(root / "data/ucf101/videos" / std::string(vidata::layouts::detail::strip(line)));
        for (const std::string& line : vidata::layouts::detail::text_lines(root / "data/ucf101/annotations/trainlist01.txt"))
            video(root / "data/ucf101/videos" / vidata::layouts::detail::split_whitespace(line)[0]);
        const auto [cpp, py] = both(root.path(), "ucf101", "videos", o, "--format videos --shuffle --seed 123");
        REQUIRE(cpp.size() == 6);
        CHECK(line_count_of(cpp.at("ucf101_train_split_1_videos.txt")) == 9537);
        CHECK(cpp == py);
    }
    SECTION("HMDB51: the 153 per-class split files") {
        std::vector<std::string> names;
        for (const auto& e : fs::directory_iterator(*fixtures / "hmdb51/testTrainMulti_7030_splits"))
            if (e.path().filename().string().find("_test_split") != std::string::npos) names.push_back(e.path().filename().string());
        REQUIRE(names.size() == 153);
        copy_and_make_videos("hmdb51", *fixtures / "hmdb51/testTrainMulti_7030_splits", names);
        for (const auto& name : names) {
            if (name.find("_test_split1.txt") == std::string::npos) continue;
            const std::string cls = name.substr(0, name.size() - std::string("_test_split1.txt").size());
            for (const std::string& line : vidata::layouts::detail::text_lines(root / "data/hmdb51/annotations" / name))
                if (const auto f = vidata::layouts::detail::split_whitespace(line); !f.empty()) video(root / "data/hmdb51/videos" / cls / f[0]);
        }
        const auto [cpp, py] = both(root.path(), "hmdb51", "videos", o, "--format videos --shuffle --seed 123");
        REQUIRE(cpp.size() == 6);
        CHECK(line_count_of(cpp.at("hmdb51_train_split_2_videos.txt")) == 3570);
        CHECK(cpp == py);
    }
    SECTION("sthv2: the first 1000 validation videos, templates looked up in the official labels file") {
        const fs::path ann = root / "data/sthv2/annotations";
        fs::create_directories(ann);
        fs::copy_file(*fixtures / "sthv2/something-something-v2-labels.json", ann / "something-something-v2-labels.json");
        fs::copy_file(*fixtures / "sthv2/something-something-v2-validation.first1000.json", ann / "something-something-v2-validation.json");
        fs::copy_file(*fixtures / "sthv2/something-something-v2-validation.first1000.json", ann / "something-something-v2-train.json");
        const auto doc = nlohmann::json::parse(vidata::test::read_file(ann / "something-something-v2-validation.json"));
        for (const auto& item : doc) video(root / "data/sthv2/videos" / (item["id"].get<std::string>() + ".webm"));
        o.level = 1;
        o.subset = "val";
        const auto [cpp, py] = both(root.path(), "sthv2", "videos", o, "--format videos --level 1 --subset val --shuffle --seed 123");
        CHECK(line_count_of(cpp.at("sthv2_val_list_videos.txt")) == 1000);
        CHECK(cpp == py);
    }
}
