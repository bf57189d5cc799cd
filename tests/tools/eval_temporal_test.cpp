// SPDX-License-Identifier: Apache-2.0
// The `vidata eval ar-an|tdet` contract: the JSON keys of the issue, the published numbers, tables, plots, one-line errors.
#include "tools/cli_support.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <cmath>
#include <filesystem>
#include <string>

namespace {

using vidata::test::line_count;
using vidata::test::quoted;
using vidata::test::run_command;
using vidata::test::shell_quote;
using vidata::test::vidata_cli;

}  // namespace

TEST_CASE("eval tdet --json: MMAction2's published mAP on its eval_localization fixture", "[tools][eval_temporal][fixtures]") {
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    const auto gt = *dir / "mmaction2/eval_localization/gt.json";
    const auto pred = *dir / "mmaction2/eval_localization/result.json";
    const auto r = vidata_cli("eval tdet --gt " + quoted(gt) + " --pred " + quoted(pred) + " --semantics mmaction2 --json");
    INFO(r.output);
    REQUIRE(r.status == 0);
    CHECK(line_count(r.output) == 1);
    const auto j = nlohmann::ordered_json::parse(r.output);
    // mmaction2 tests/test_metrics/test_accuracy.py (test_activitynet_detection).
    const std::array<double, 10> published{0.71428571, 0.71428571, 0.71428571, 0.6875,     0.6875,
                                           0.59722222, 0.52083333, 0.52083333, 0.52083333, 0.5};
    const std::array<const char*, 10> keys{"mAP@0.50", "mAP@0.55", "mAP@0.60", "mAP@0.65", "mAP@0.70",
                                           "mAP@0.75", "mAP@0.80", "mAP@0.85", "mAP@0.90", "mAP@0.95"};
    REQUIRE(j.size() == 12);
    CHECK(j.begin().key() == "mAP@0.50");
    for (std::size_t t = 0; t < 10; ++t) CHECK(std::abs(j.at(keys[t]).get<double>() - published[t]) < 5e-9);
    CHECK(j.at("average_mAP").get<double>() == Approx(0.6177579365079365).epsilon(1e-15));
    CHECK(j.at("per_class_ap").at("Cleaning shoes") == 1.0);
    CHECK(j.at("per_class_ap").size() == 2);

    SECTION("without --json, an aligned table and the per-class APs") {
        const auto t = vidata_cli("eval tdet --gt " + quoted(gt) + " --pred " + quoted(pred) + " --semantics mmaction2");
        REQUIRE(t.status == 0);
        CHECK_THAT(t.output, Catch::Contains("mAP@0.50     0.7143\n") && Catch::Contains("average_mAP  0.6178\n") &&
                                 Catch::Contains("per-class AP") && Catch::Contains("Cleaning shoes  1.0000"));
    }
}

TEST_CASE("eval ar-an --json: the keys of MMAction2's evaluate(), the numbers of the numpy reference", "[tools][eval_temporal][fixtures]") {
    const auto dir = vidata::test::fixtures();
    if (!dir || !vidata::test::python_oracle_available()) return;
    vidata::test::temp_dir tmp;
    const auto gt = *dir / "mmaction2/eval_localization/gt.json";
    const auto proposals = *dir / "mmaction2/eval_localization/result.json";
    std::filesystem::copy_file(gt, tmp / "gt.json");
    std::filesystem::copy_file(proposals, tmp / "results.json");
    for (const std::string semantics : {"official", "mmaction2"}) {
        vidata::test::write_file(tmp / "options.json", nlohmann::json{{"policy", semantics}, {"max_avg", 100},
                                                                       {"thresholds", {0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.8999999999999999, 0.95}}}
                                                           .dump());
        const auto oracle = vidata::test::run_python("anet_reference.py", "ar " + quoted(tmp.path()));
        REQUIRE(oracle.status == 0);
        const auto expected = nlohmann::json::parse(oracle.output);
        const auto r = vidata_cli("eval ar-an --gt " + quoted(gt) + " --proposals " + quoted(proposals) + " --json --semantics " + semantics);
        INFO(r.output);
        REQUIRE(r.status == 0);
        CHECK(line_count(r.output) == 1);
        const auto j = nlohmann::ordered_json::parse(r.output);
        REQUIRE(j.size() == 5);
        auto it = j.begin();
        for (const char* key : {"AR@1", "AR@5", "AR@10", "AR@100", "auc"}) {
            CHECK(it.key() == key);
            CHECK(it.value().get<double>() == expected.at(key).get<double>());
            ++it;
        }
    }
}

TEST_CASE("eval ar-an --plot writes the AR-AN curve as SVG and PNG", "[tools][eval_temporal][fixtures]") {
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    vidata::test::temp_dir tmp;
    const auto r = vidata_cli("eval ar-an --gt " + quoted(*dir / "mmaction2/eval_localization/gt.json") + " --proposals " +
                              quoted(*dir / "mmaction2/eval_localization/result.json") + " --plot " + quoted(tmp / "plots"));
    INFO(r.output);
    REQUIRE(r.status == 0);
    CHECK_THAT(r.output, Catch::Contains("AR@100") && Catch::Contains("auc") && Catch::Contains("wrote "));
    CHECK(std::filesystem::file_size(tmp / "plots" / "ar_an.svg") > 0);
    CHECK(std::filesystem::file_size(tmp / "plots" / "ar_an.png") > 0);
    CHECK_THAT(vidata::test::read_file(tmp / "plots" / "ar_an.svg"), Catch::Contains("tIoU 0.50") && Catch::Contains("average"));
}

TEST_CASE("eval tdet: THUMOS'14 ground truth in the official form, --subset test and --tiou 0.3:0.7:5", "[tools][eval_temporal][fixtures]") {
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    // Predictions equal to the ground truth (score 1 each): every prediction is a true positive, so AP is 1.
    const auto gt_path = *dir / "thumos14_gtad/thumos_gt.first30.json";
    const auto gt = nlohmann::ordered_json::parse(vidata::test::read_file(gt_path));
    nlohmann::ordered_json results = nlohmann::ordered_json::object();
    for (const auto& [id, v] : gt["database"].items()) {
        if (v["subset"] != "test") continue;
        nlohmann::ordered_json list = nlohmann::ordered_json::array();
        for (const auto& a : v["annotations"])
            list.push_back({{"segment", {std::stod(a["segment"][0].get<std::string>()), std::stod(a["segment"][1].get<std::string>())}},
                            {"score", 1.0},
                            {"label", a["label"]}});
        results[id] = list;
    }
    vidata::test::temp_dir tmp;
    vidata::test::write_file(tmp / "pred.json", nlohmann::ordered_json{{"results", results}}.dump());
    const auto r = vidata_cli("eval tdet --gt " + quoted(gt_path) + " --pred " + quoted(tmp / "pred.json") +
                              " --subset test --tiou 0.3:0.7:5 --json");
    INFO(r.output);
    REQUIRE(r.status == 0);
    const auto j = nlohmann::ordered_json::parse(r.output);
    for (const char* key : {"mAP@0.30", "mAP@0.40", "mAP@0.50", "mAP@0.60", "mAP@0.70", "average_mAP"}) CHECK(j.at(key) == 1.0);
    CHECK(j.at("per_class_ap").size() == 17);

    SECTION("the default subset selects nothing here: a one-line error naming the file's subsets") {
        const auto e = vidata_cli("eval tdet --gt " + quoted(gt_path) + " --pred " + quoted(tmp / "pred.json"));
        CHECK(e.status != 0);
        CHECK(line_count(e.output) == 1);
        CHECK_THAT(e.output, Catch::Contains("--subset 'validation' selects none of the 30 videos") &&
                                 Catch::Contains("its subsets are 'test', 'train'"));
    }
}

TEST_CASE("eval ar-an / tdet: bad input is a one-line error", "[tools][eval_temporal][fixtures]") {
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    const auto gt = quoted(*dir / "mmaction2/eval_localization/gt.json");
    const auto pred = quoted(*dir / "mmaction2/eval_localization/result.json");
    auto one_line_error = [](const vidata::test::command_result& r, const std::string& text) {
        INFO(r.output);
        CHECK(r.status != 0);
        CHECK(line_count(r.output) == 1);
        CHECK_THAT(r.output, Catch::StartsWith("vidata: ") && Catch::Contains(text));
    };
    one_line_error(vidata_cli("eval tdet --gt " + gt + " --pred " + pred + " --subset validation"), "which has no subsets");
    one_line_error(vidata_cli("eval ar-an --gt " + gt + " --proposals " + pred + " --tiou 0.5:0.95"), "--tiou: expected START:STOP:NUM");
    one_line_error(vidata_cli("eval ar-an --gt " + gt + " --proposals " + pred + " --tiou 0.5,x"), "--tiou");
    one_line_error(vidata_cli("eval tdet --gt " + gt + " --pred /nonexistent/pred.json"), "/nonexistent/pred.json");
    one_line_error(vidata_cli("eval ar-an --gt " + gt + " --proposals " + gt), "expected an object with a member 'results'");

    vidata::test::temp_dir tmp;
    vidata::test::write_file(tmp / "partial.json", R"({"results": {"bYUmtLBL7W4": [{"segment": [0, 10], "score": 0.5}]}})");
    // The official toolkit counts hDPLy21Yyuk, which has no proposals, as missed; MMAction2 raises KeyError.
    const auto ok = vidata_cli("eval ar-an --gt " + gt + " --proposals " + quoted(tmp / "partial.json") + " --json");
    CHECK(ok.status == 0);
    one_line_error(vidata_cli("eval ar-an --gt " + gt + " --proposals " + quoted(tmp / "partial.json") + " --semantics mmaction2"),
                   "'hDPLy21Yyuk' has no proposals");
    vidata::test::write_file(tmp / "unknown.json", R"({"results": {"x": [{"segment": [0, 10], "score": 0.5, "label": "Swimming"}]}})");
    one_line_error(vidata_cli("eval tdet --gt " + gt + " --pred " + quoted(tmp / "unknown.json")), "label 'Swimming'");
}
