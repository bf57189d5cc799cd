// SPDX-License-Identifier: Apache-2.0
// The `vidata eval ava` contract: flags, the JSON keys, MMAction2's published value, both semantics, exclusions, errors.
#include "metrics/oracle.hpp"
#include "tools/cli_support.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

namespace {

using vidata::test::contains;
using vidata::test::line_count;
using vidata::test::quoted;
using vidata::test::run_command;
using vidata::test::shell_quote;
using vidata::test::temp_dir;
using vidata::test::vidata_cli;
using vidata::test::write_file;

/// A small case whose answers differ by policy (hand-computed): ground truth on frames a and b; a true
/// positive on a (0.9), a false positive on b (0.95), and a detection on frame u, absent from the ground truth
/// (0.99). Official: u is ignored: FP, TP of 2 -> AP 1/2 * 1/2 = 0.25. MMAction2: u is a false positive too:
/// FP, FP, TP -> precision 1/3 at recall 1/2 -> AP 1/6. Excluding b: official 1.0, MMAction2 FP, TP of 1 -> 0.5.
struct small_case {
    temp_dir dir;
    small_case() {
        write_file(dir / "map.pbtxt", "item {\n  name: \"stand\"\n  id: 1\n}\nitem {\n  name: \"sit\"\n  id: 2\n}\n");
        write_file(dir / "gt.csv", "a,0902,0,0,1,1,1,0\nb,0902,0,0,1,1,1,0\n");
        write_file(dir / "pred.csv", "a,0902,0,0,1,1,1,0.9\nb,0902,5,5,6,6,1,0.95\nu,0902,0,0,1,1,1,0.99\n");
        write_file(dir / "excluded.csv", "b,0902\n");
    }
    [[nodiscard]] std::string args() const {
        return "--gt " + quoted(dir / "gt.csv") + " --pred " + quoted(dir / "pred.csv") + " --label-map " + quoted(dir / "map.pbtxt");
    }
};

nlohmann::json run_json(const std::string& args) {
    const auto r = vidata_cli("eval ava " + args + " --json");
    INFO(r.output);
    REQUIRE(r.status == 0);
    REQUIRE(line_count(r.output) == 1);  // exactly one JSON object
    return nlohmann::json::parse(r.output);
}

}  // namespace

TEST_CASE("eval ava --json on MMAction2's eval_detection fixture: the published mAP", "[tools][eval][ava]") {
    const auto root = vidata::test::fixtures();
    if (!root) return;
    const auto dir = *root / "mmaction2/eval_detection";
    const std::string args =
        "--gt " + quoted(dir / "gt.csv") + " --pred " + quoted(dir / "pred.csv") + " --label-map " + quoted(dir / "action_list.txt");
    for (const char* semantics : {"official", "mmaction2"}) {
        INFO(semantics);
        const auto j = run_json(args + " --semantics " + semantics);
        std::vector<std::string> keys;
        for (const auto& [key, value] : j.items()) keys.push_back(key);
        CHECK(keys == std::vector<std::string>{"mAP@0.5IoU", "per_class"});
        // MMAction2 0.x tests/test_metrics/test_accuracy.py::test_ava_detection: 0.09385522.
        CHECK(std::abs(j["mAP@0.5IoU"].get<double>() - 0.09385522) < 5e-9);
        REQUIRE(j["per_class"].size() == 3);
        if (vidata::test::python_oracle_available()) {
            const auto r = vidata::test::run_python("ava_reference.py", std::string("eval ") + semantics + " " +
                                                                          quoted(dir / "action_list.txt") + " " + quoted(dir / "gt.csv") +
                                                                          " " + quoted(dir / "pred.csv"));
            REQUIRE(r.status == 0);
            std::istringstream in(r.output);
            std::string line;
            std::getline(in, line);
            CHECK(j["mAP@0.5IoU"].get<double>() == vidata::test::parse_numbers(line).at(0));
            for (const char* name : {"action1", "action2", "action3"}) {
                std::getline(in, line);
                CHECK(j["per_class"][name].get<double>() == vidata::test::parse_numbers(line).at(1));
            }
        }
    }
}

TEST_CASE("eval ava: --semantics, --exclude, classes without ground truth", "[tools][eval][ava]") {
    const small_case c;
    const auto official = run_json(c.args());
    CHECK(official["mAP@0.5IoU"] == 0.25);
    CHECK(official["per_class"]["stand"] == 0.25);
    CHECK(official["per_class"]["sit"].is_null());  // no ground truth: NaN, printed as null
    const auto mm = run_json(c.args() + " --semantics mmaction2");
    CHECK(std::abs(mm["mAP@0.5IoU"].get<double>() - 1.0 / 6.0) < 1e-15);
    const std::string exclude = " --exclude " + quoted(c.dir / "excluded.csv");
    CHECK(run_json(c.args() + exclude)["mAP@0.5IoU"] == 1.0);
    CHECK(run_json(c.args() + exclude + " --semantics mmaction2")["mAP@0.5IoU"] == 0.5);
}

TEST_CASE("eval ava without --json: a table with the reference's metric name", "[tools][eval][ava]") {
    const small_case c;
    const auto r = vidata_cli("eval ava " + c.args());
    INFO(r.output);
    REQUIRE(r.status == 0);
    CHECK(contains(r.output, "PascalBoxes_Precision/mAP@0.5IOU  0.2500"));
    CHECK(contains(r.output, "AP@0.5IOU/stand (id 1)"));
    CHECK(contains(r.output, "nan"));
    CHECK(contains(r.output, "1 detection frames absent from the ground truth ignored"));
    const auto mm = vidata_cli("eval ava " + c.args() + " --semantics mmaction2");
    CHECK(contains(mm.output, "mAP@0.5IOU"));
    CHECK_FALSE(contains(mm.output, "PascalBoxes"));
}

TEST_CASE("eval ava errors are one line naming the file and the line", "[tools][eval][ava]") {
    const small_case c;
    write_file(c.dir / "bad.csv", "a,0902,0,0,1,1,1,0.9\na,0902,0,0,1\n");
    const auto bad = vidata_cli("eval ava --gt " + quoted(c.dir / "gt.csv") + " --pred " + quoted(c.dir / "bad.csv") +
                                " --label-map " + quoted(c.dir / "map.pbtxt") + " --json");
    CHECK(bad.status != 0);
    CHECK(line_count(bad.output) == 1);
    CHECK(contains(bad.output, "bad.csv:2:1: expected a row of 7 or 8 fields"));
    const auto missing = vidata_cli("eval ava --gt " + quoted(c.dir / "nope.csv") + " --pred " + quoted(c.dir / "pred.csv") +
                                    " --label-map " + quoted(c.dir / "map.pbtxt"));
    CHECK(missing.status != 0);
    CHECK(line_count(missing.output) == 1);
    CHECK(contains(missing.output, "nope.csv"));
    const auto no_map = vidata_cli("eval ava --gt " + quoted(c.dir / "gt.csv") + " --pred " + quoted(c.dir / "pred.csv"));
    CHECK(no_map.status != 0);
    CHECK(contains(no_map.output, "--label-map"));
    write_file(c.dir / "fractional.csv", "a,902.5,0,0,1,1,1,0.9\n");
    const auto fractional = vidata_cli("eval ava --gt " + quoted(c.dir / "gt.csv") + " --pred " + quoted(c.dir / "fractional.csv") +
                                       " --label-map " + quoted(c.dir / "map.pbtxt") + " --semantics mmaction2");
    CHECK(fractional.status != 0);
    CHECK(contains(fractional.output, "fractional.csv:1:3: expected an integer timestamp"));
}
