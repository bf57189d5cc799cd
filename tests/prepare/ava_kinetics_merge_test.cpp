// SPDX-License-Identifier: Apache-2.0
// vidata::prepare::ava_kinetics_merge against a python transcription of the AVA-Kinetics guide's
// merge_annotations.py (tests/python/ava_kinetics_merge_reference.py, which also compares the pickles in Python)
// and hand-built inputs.
#include <vidata/prepare/ava_kinetics_merge.hpp>

#include "support.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

namespace ava_kinetics_merge_test {

namespace fs = std::filesystem;
using vidata::test::read_file;
using vidata::test::write_file;

void check_same_pickle(const fs::path& actual, const fs::path& expected) {
    const auto r = vidata::test::run_python("ava_kinetics_merge_reference.py",
                                            "check " + vidata::test::shell_quote(actual.string()) + " " + vidata::test::shell_quote(expected.string()));
    INFO(r.output);
    CHECK(r.status == 0);
}

}  // namespace ava_kinetics_merge_test

using namespace ava_kinetics_merge_test;

TEST_CASE("merge_ava_kinetics equals the script (python transcription), and a second run changes nothing",
          "[prepare][ava_kinetics][python]") {
    if (!vidata::test::python_oracle_available()) return;
    vidata::test::temp_dir tmp;
    const auto r = vidata::test::run_python("ava_kinetics_merge_reference.py", "make " + vidata::test::shell_quote(tmp.path().string()));
    INFO(r.output);
    REQUIRE(r.status == 0);

    const auto paths = vidata::prepare::ava_kinetics_default_paths(tmp / "root");
    const auto s = vidata::prepare::merge_ava_kinetics(paths);
    CHECK(read_file(paths.out_csv) == read_file(tmp / "expected/ava_train_v2.2.csv"));
    check_same_pickle(paths.out_proposals, tmp / "expected/proposals.pkl");
    CHECK(s.kinetics_rows == 3);
    CHECK(s.ava_rows == 3);
    CHECK(s.merged_rows == 6);
    CHECK_FALSE(s.csv_already_merged);
    CHECK(s.kinetics_keyframes == 4);
    CHECK(s.ava_keyframes == 3);
    CHECK(s.merged_keyframes == 6);  // 'shared,0902' is in both

    // The script would append the Kinetics rows a second time; vidata sees them there and leaves the CSV.
    const auto again = vidata::prepare::merge_ava_kinetics(paths);
    CHECK(again.csv_already_merged);
    CHECK(again.merged_rows == 6);
    CHECK(read_file(paths.out_csv) == read_file(tmp / "expected/ava_train_v2.2.csv"));
    check_same_pickle(paths.out_proposals, tmp / "expected/proposals.pkl");
}

TEST_CASE("merge_ava_kinetics_csv by hand: Kinetics rows first, a newline where the Kinetics file lacks one",
          "[prepare][ava_kinetics]") {
    const std::string kinetics = "/v/k_000001_000011.mp4,3,0.100,0.200,0.300,0.400,5,-1";  // no final newline
    const std::string ava = "vid,0902,0.077,0.151,0.283,0.811,80,1\n";
    const auto m = vidata::prepare::merge_ava_kinetics_csv(kinetics, "kinetics_train.csv", ava, "ava_train_v2.2.csv");
    CHECK(m.text == kinetics + "\n" + ava);
    CHECK(m.kinetics_rows == 1);
    CHECK(m.ava_rows == 1);
    CHECK_FALSE(m.already_merged);
    const auto twice = vidata::prepare::merge_ava_kinetics_csv(kinetics, "kinetics_train.csv", m.text, "ava_train_v2.2.csv");
    CHECK(twice.already_merged);
    CHECK(twice.text == m.text);
    // An empty Kinetics file merges to the AVA file.
    CHECK(vidata::prepare::merge_ava_kinetics_csv("", "k.csv", ava, "a.csv").text == ava);
}

TEST_CASE("merge_ava_kinetics_proposals by hand: dict.update keeps the first place of a shared key", "[prepare][ava_kinetics]") {
    using vidata::pickle::value;
    const auto array = [](double v) {
        const double values[4] = {v, v, v, v};
        return value(vidata::ndarray::from_values<double>({1, 4}, values));
    };
    const value kinetics = value::dict({{value("a,0001"), array(1)}, {value("b,0002"), array(2)}});
    const value ava = value::dict({{value("c,0003"), array(3)}, {value("a,0001"), array(4)}});
    const value merged = vidata::prepare::merge_ava_kinetics_proposals(kinetics, "k.pkl", ava, "a.pkl");
    const auto& items = merged.as_dict();
    REQUIRE(items.size() == 3);
    CHECK(items[0].first.as_str() == "a,0001");
    CHECK(items[0].second.as_ndarray().at<double>(0) == 4.0);  // AVA's value in Kinetics' place
    CHECK(items[1].first.as_str() == "b,0002");
    CHECK(items[2].first.as_str() == "c,0003");
}

TEST_CASE("merge_ava_kinetics: a bad row or pickle is an error naming the file, and nothing is written", "[prepare][ava_kinetics]") {
    vidata::test::temp_dir tmp;
    const auto paths = vidata::prepare::ava_kinetics_default_paths(tmp.path());
    fs::create_directories(tmp / "annotations");
    const std::string ava = "vid,0902,0.077,0.151,0.283,0.811,80,1\n";
    write_file(paths.kinetics_csv, "/v/k.mp4,3,0.1,0.2,0.3,0.4,5,-1\n/v/k.mp4,3,0.1,0.2\n");
    write_file(paths.ava_csv, ava);
    using vidata::pickle::value;
    const double box[5] = {0.1, 0.2, 0.3, 0.4, 0.9};
    write_file(paths.kinetics_proposals, vidata::pickle::dump(value::dict({{value("k,0003"), value(vidata::ndarray::from_values<double>({1, 5}, box))}})));
    write_file(paths.ava_proposals, vidata::pickle::dump(value::dict({})));

    auto message = vidata::test::message_of<vidata::parse_error>([&] { (void)vidata::prepare::merge_ava_kinetics(paths); });
    CHECK_THAT(message, Catch::Contains("kinetics_train.csv:2"));
    CHECK(read_file(paths.ava_csv) == ava);

    write_file(paths.kinetics_csv, "/v/k.mp4,3,0.1,0.2,0.3,0.4,5,-1\n");
    write_file(paths.ava_proposals, vidata::pickle::dump(value::list({value("not a dict")})));
    message = vidata::test::message_of<vidata::parse_error>([&] { (void)vidata::prepare::merge_ava_kinetics(paths); });
    CHECK_THAT(message, Catch::Contains("ava_dense_proposals_train.FAIR.recall_93.9.pkl"));
    CHECK(read_file(paths.ava_csv) == ava);
}
