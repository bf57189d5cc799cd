// SPDX-License-Identifier: Apache-2.0
// `vidata denormalize-proposals`, `vidata anet-features` and `vidata merge-ava-kinetics`: the options reach the library
// (tests/prepare/ checks the arithmetic against the python transcriptions), the exit statuses and summaries.
#include "cli_support.hpp"

#include <vidata/io/pickle/dump.hpp>
#include <vidata/io/pickle/value.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>

namespace prepare_data_ops_cli_test {

namespace fs = std::filesystem;
using vidata::test::quoted;

vidata::test::command_result run(const std::string& args) {
    const auto r = vidata::test::vidata_cli(args);
    INFO("vidata " << args << "\n" << r.output);
    return r;
}

}  // namespace prepare_data_ops_cli_test

using namespace prepare_data_ops_cli_test;

TEST_CASE("vidata denormalize-proposals: the script's output name, arguments as the script spells them", "[tools][prepare]") {
    vidata::test::temp_dir tmp;
    fs::create_directories(tmp / "rawframes/video_a");
    for (int i = 1; i <= 4; ++i) vidata::test::write_file(tmp / ("rawframes/video_a/img_0000" + std::to_string(i) + ".jpg"), "");
    const fs::path input = tmp / "t_normalized_list.txt";
    vidata::test::write_file(input, "# 0\nvideo_a\n1\n1\n1\n2 0.5 0.75\n1\n2 0.12345 1 0.5 1.0\n");
    auto r = run("denormalize-proposals --norm-proposal-file " + quoted(input) + " --data-prefix " + quoted(tmp / "rawframes") + " --json");
    REQUIRE(r.status == 0);
    CHECK(nlohmann::json::parse(r.output)["videos"] == 1);
    // By hand: 4 frames; 0.5·4 = 2, 0.75·4 = 3, 1.0·4 = 4; 0.12345 -> 0.1235 ('{:.04f}'; 0.12345 is 0.123450000000000004 in binary).
    CHECK(vidata::test::read_file(tmp / "t_list.txt") == "# 0\nvideo_a\n4\n1\n1\n2 2 3\n1\n2 0.1235 1.0000 2 4\n");

    vidata::test::write_file(input, "# 0\nvideo_b\n1\n1\n0\n0\n");
    r = run("denormalize-proposals " + quoted(input) + " " + quoted(tmp / "rawframes") + " -o " + quoted(tmp / "x.txt"));
    CHECK(r.status == 1);
    CHECK(vidata::test::contains(r.output, "video_b"));
    CHECK_FALSE(fs::exists(tmp / "x.txt"));
}

TEST_CASE("vidata anet-features: CSVs, failed.txt, --strict and --resume", "[tools][prepare]") {
    vidata::test::temp_dir tmp;
    fs::create_directories(tmp / "rgb");
    fs::create_directories(tmp / "flow");
    using vidata::pickle::value;
    const double two_rows[2] = {0.0, 1.0};  // 2 snippets x 1 channel: a ramp
    const std::string good = vidata::pickle::dump(value(vidata::ndarray::from_values<double>({2, 1}, two_rows)));
    vidata::test::write_file(tmp / "rgb/v_a.pkl", good);
    vidata::test::write_file(tmp / "flow/v_a.pkl", good);
    vidata::test::write_file(tmp / "rgb/v_b.pkl", good);  // no flow file

    auto r = run("anet-features --rgb " + quoted(tmp / "rgb") + " --flow " + quoted(tmp / "flow") + " --dest " + quoted(tmp / "out") +
                 " --num-worker 2 --json");
    REQUIRE(r.status == 0);
    const std::string csv = vidata::test::read_file(tmp / "out/v_a.csv");
    // By hand: step 0 is 1e-4 + 0.009998/3 = 0.0034327 (see tests/prepare/activitynet_features_test.cpp).
    CHECK(csv.starts_with("f0,f1\n0.0034,0.0034\n"));
    CHECK(std::count(csv.begin(), csv.end(), '\n') == 100);
    CHECK(vidata::test::contains(vidata::test::read_file(tmp / "out/failed.txt"), "v_b.pkl\tno flow features"));

    r = run("anet-features " + quoted(tmp / "rgb") + " " + quoted(tmp / "flow") + " " + quoted(tmp / "out") + " --resume --strict");
    CHECK(r.status == 1);
    CHECK(vidata::test::contains(r.output, "2 videos (0 written, 1 skipped, 1 failed)"));
}

TEST_CASE("vidata merge-ava-kinetics: in place under ROOT, then 'already merged'", "[tools][prepare]") {
    vidata::test::temp_dir tmp;
    fs::create_directories(tmp / "annotations");
    const std::string kinetics = "/v/k_000001_000011.mp4,3,0.100,0.200,0.300,0.400,5,-1\n";
    const std::string ava = "vid,0902,0.077,0.151,0.283,0.811,80,1\n";
    vidata::test::write_file(tmp / "kinetics_train.csv", kinetics);
    vidata::test::write_file(tmp / "annotations/ava_train_v2.2.csv", ava);
    using vidata::pickle::value;
    const double box[5] = {0.1, 0.2, 0.3, 0.4, 0.9};
    vidata::test::write_file(tmp / "kinetics_proposal.pkl",
                             vidata::pickle::dump(value::dict({{value("k,0003"), value(vidata::ndarray::from_values<double>({1, 5}, box))}})));
    vidata::test::write_file(tmp / "annotations/ava_dense_proposals_train.FAIR.recall_93.9.pkl",
                             vidata::pickle::dump(value::dict({{value("vid,0902"), value(vidata::ndarray::from_values<double>({1, 5}, box))}})));

    auto r = run("merge-ava-kinetics --avakinetics_root " + quoted(tmp.path()));
    REQUIRE(r.status == 0);
    CHECK(vidata::test::contains(r.output, "1 Kinetics rows + 1 AVA rows = 2 rows"));
    CHECK(vidata::test::contains(r.output, "1 Kinetics keyframes + 1 AVA keyframes = 2 keyframes"));
    CHECK(vidata::test::read_file(tmp / "annotations/ava_train_v2.2.csv") == kinetics + ava);

    r = run("merge-ava-kinetics " + quoted(tmp.path()) + " --json");
    REQUIRE(r.status == 0);
    CHECK(nlohmann::json::parse(r.output)["csv_already_merged"] == true);
    CHECK(vidata::test::read_file(tmp / "annotations/ava_train_v2.2.csv") == kinetics + ava);

    r = run("merge-ava-kinetics " + quoted(tmp / "missing"));
    CHECK(r.status == 1);
    CHECK(vidata::test::contains(r.output, "kinetics_train.csv"));
}
