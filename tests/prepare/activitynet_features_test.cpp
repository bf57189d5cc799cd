// SPDX-License-Identifier: Apache-2.0
// vidata::prepare::activitynet_features against a python transcription of MMAction2's
// activitynet_feature_postprocessing.py (tests/python/activitynet_features_reference.py: numpy + pickle make the
// inputs; scipy's interp1d is transcribed in numpy there and checked against numpy.interp) and hand calculations.
#include <vidata/prepare/activitynet_features.hpp>

#include <vidata/io/pickle/dump.hpp>

#include "support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace activitynet_features_test {

namespace fs = std::filesystem;
using vidata::test::read_file;

// The oracle's inputs and expected CSVs under `dir` (rgb/, flow/, expected/).
bool make_cases(const fs::path& dir) {
    if (!vidata::test::python_oracle_available()) return false;
    const auto r = vidata::test::run_python("activitynet_features_reference.py", "make " + vidata::test::shell_quote(dir.string()));
    INFO(r.output);
    REQUIRE(r.status == 0);
    return true;
}

std::map<std::string, std::string> csv_files(const fs::path& dir) {
    std::map<std::string, std::string> out;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().extension() == ".csv") out[e.path().filename().string()] = read_file(e.path());
    return out;
}

const std::vector<std::string> broken = {"v_empty.pkl", "v_flat.pkl", "v_flow_only.pkl", "v_rgb_only.pkl", "v_truncated.pkl"};

}  // namespace activitynet_features_test

using namespace activitynet_features_test;

TEST_CASE("anet features: every CSV equals the script's (python transcription), bad files in failed.txt",
          "[prepare][activitynet][python]") {
    vidata::test::temp_dir tmp;
    if (!make_cases(tmp.path())) return;
    vidata::prepare::anet_features_options o;
    o.num_worker = 2;
    std::size_t calls = 0;
    o.on_progress = [&](const vidata::prepare::batch_progress&) { ++calls; };
    const auto s = vidata::prepare::postprocess_activitynet_features(tmp / "rgb", tmp / "flow", tmp / "out", o);

    const auto expected = csv_files(tmp / "expected");
    REQUIRE(expected.size() == 8);
    const auto written = csv_files(tmp / "out");
    CHECK(written.size() == expected.size());
    for (const auto& [name, text] : expected) {
        INFO(name);
        REQUIRE(written.count(name) == 1);
        CHECK(written.at(name) == text);
    }
    // ActivityNet's 200 + 200 channels: the script's own header, f0..f399.
    CHECK(written.at("v_anet200.csv").starts_with("f0,f1,f2,"));
    CHECK(written.at("v_anet200.csv").find(",f399\n") != std::string::npos);

    CHECK(s.totals.inputs_total == 13);
    CHECK(s.totals.written == 8);
    CHECK(s.totals.failed == 5);
    CHECK(calls == 13);
    REQUIRE(s.failures.size() == broken.size());
    for (std::size_t i = 0; i < broken.size(); ++i) CHECK(s.failures[i].input == broken[i]);
    const std::string failed = read_file(tmp / "out/failed.txt");
    CHECK_THAT(failed, Catch::Contains("v_truncated.pkl\t") && Catch::Contains("v_flow_only.pkl\tno RGB features") &&
                           Catch::Contains("v_rgb_only.pkl\tno flow features") && Catch::Contains("v_flat.pkl\t") &&
                           Catch::Contains("shape (5,)"));
    CHECK(std::count(failed.begin(), failed.end(), '\n') == 5);

    // Resume: the CSVs are kept (a file changed on disk stays changed), the bad files fail again.
    vidata::test::write_file(tmp / "out/v_two.csv", "kept");
    o.resume = true;
    const auto again = vidata::prepare::postprocess_activitynet_features(tmp / "rgb", tmp / "flow", tmp / "out", o);
    CHECK(again.totals.skipped == 8);
    CHECK(again.totals.failed == 5);
    CHECK(read_file(tmp / "out/v_two.csv") == "kept");
}

TEST_CASE("anet features: two shards cover every name once, stale temporaries removed", "[prepare][activitynet][python]") {
    vidata::test::temp_dir tmp;
    if (!make_cases(tmp.path())) return;
    // Temporaries a killed run left: this run's names' are removed, another file's are not.
    fs::create_directories(tmp / "out");
    vidata::test::write_file(tmp / "out/.v_two.csv.tmp.abc123", "partial");
    vidata::test::write_file(tmp / "out/.notes.csv.tmp.abc123", "someone else's");
    vidata::prepare::anet_features_options o;
    o.part = {0, 2};
    const auto a = vidata::prepare::postprocess_activitynet_features(tmp / "rgb", tmp / "flow", tmp / "out", o);
    o.part = {1, 2};
    const auto b = vidata::prepare::postprocess_activitynet_features(tmp / "rgb", tmp / "flow", tmp / "out", o);
    CHECK(a.totals.inputs_total + b.totals.inputs_total == 13);
    CHECK(a.totals.written + b.totals.written == 8);
    CHECK(csv_files(tmp / "out") == csv_files(tmp / "expected"));
    CHECK(fs::exists(tmp / "out/failed.shard-0-of-2.txt"));
    CHECK(fs::exists(tmp / "out/failed.shard-1-of-2.txt"));
    CHECK_FALSE(fs::exists(tmp / "out/.v_two.csv.tmp.abc123"));
    CHECK(fs::exists(tmp / "out/.notes.csv.tmp.abc123"));
}

TEST_CASE("pool_feature by hand: a linear ramp averages to ptr + anchor/3", "[prepare][activitynet]") {
    // Two snippets 0 and 1 in one channel: interp1d is the identity on [0, 1], so step k is the mean of
    // ptr, ptr + anchor/3, ptr + 2·anchor/3 = ptr + anchor/3, with ptr = 1e-4 + k·anchor and
    // anchor = (1 - 2e-4) / 100 = 0.009998.
    vidata::prepare::feature_matrix m{2, 1, {0.0, 1.0}, false};
    const auto out = vidata::prepare::pool_feature(m);
    REQUIRE(out.size() == 100);
    for (int k = 0; k < 100; ++k) CHECK(out[static_cast<std::size_t>(k)] == Approx(1e-4 + k * 0.009998 + 0.009998 / 3).margin(1e-12));
    // 0.0034327 and 0.9932347, 4 decimals:
    const std::vector<double> flow(100, 0.5);
    const std::string csv = vidata::prepare::activitynet_feature_csv(out, flow, 100);
    CHECK(csv.starts_with("f0,f1\n0.0034,0.5000\n"));
    CHECK(csv.ends_with("\n0.9932,0.5000"));  // no newline after the last line, as '\n'.join writes

    // One snippet: repeated, values untouched.
    vidata::prepare::feature_matrix one{1, 3, {0.25, -1.5, 7.0}, true};
    const auto repeated = vidata::prepare::pool_feature(one, 4);
    CHECK(repeated == std::vector<double>{0.25, -1.5, 7.0, 0.25, -1.5, 7.0, 0.25, -1.5, 7.0, 0.25, -1.5, 7.0});
}

TEST_CASE("activitynet_feature_csv_name replaces every .pkl as str.replace does", "[prepare][activitynet]") {
    CHECK(vidata::prepare::activitynet_feature_csv_name("v_abc.pkl") == "v_abc.csv");
    CHECK(vidata::prepare::activitynet_feature_csv_name("a.pkl.pkl") == "a.csv.csv");
}

TEST_CASE("anet features: a pickle of the wrong shape is a parse_error naming the file", "[prepare][activitynet]") {
    vidata::test::temp_dir tmp;
    const auto bytes = vidata::pickle::dump(vidata::pickle::value(std::string("not features")));
    vidata::test::write_file(tmp / "x.pkl", bytes);
    const auto message =
        vidata::test::message_of<vidata::parse_error>([&] { (void)vidata::prepare::read_feature_pickle(tmp / "x.pkl"); });
    CHECK_THAT(message, Catch::Contains("x.pkl") && Catch::Contains("2-D array"));
}
