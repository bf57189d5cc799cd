// SPDX-License-Identifier: Apache-2.0
// Tests of filename_template: names as Python's str.format writes them (by hand and by python3 itself), matching
// names back to numbers, and the templates it refuses.
#include <vidata/io/image/filename_template.hpp>

#include "support.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

TEST_CASE("filename_template: MMAction2's templates, expanded by hand", "[image][template]") {
    CHECK(vidata::filename_template("img_{:05d}.jpg").format(1) == "img_00001.jpg");
    CHECK(vidata::filename_template("img_{:05d}.jpg").format(300) == "img_00300.jpg");
    CHECK(vidata::filename_template("img_{:05d}.jpg").format(123456) == "img_123456.jpg");  // wider than 5: every digit
    CHECK(vidata::filename_template("{:05}.jpg").format(7) == "00007.jpg");
    CHECK(vidata::filename_template("image_{:05d}.jpg").format(0) == "image_00000.jpg");
    CHECK(vidata::filename_template("frame{}.png").format(12) == "frame12.png");
    CHECK(vidata::filename_template("{:5d}.jpg").format(42) == "   42.jpg");
    CHECK(vidata::filename_template("img_{:05d}.jpg").format(-3) == "img_-0003.jpg");  // the sign counts in the width
    CHECK(vidata::filename_template("{{{:03d}}}.jpg").format(9) == "{009}.jpg");

    const vidata::filename_template flow("flow_{}_{:05d}.jpg");
    CHECK(flow.has_direction());
    CHECK(flow.format("x", 3) == "flow_x_00003.jpg");
    CHECK(flow.format("y", 3) == "flow_y_00003.jpg");
    CHECK(vidata::filename_template("{}_{:05d}.jpg").format("x", 12) == "x_00012.jpg");
    CHECK(vidata::filename_template("{1:05d}_{0}.jpg").format("y", 4) == "00004_y.jpg");
    CHECK_FALSE(vidata::filename_template("img_{:05d}.jpg").has_direction());
}

TEST_CASE("filename_template: the same names as python3's str.format", "[image][template][python]") {
    if (!vidata::test::python_oracle_available()) return;
    const std::vector<std::string> templates = {"img_{:05d}.jpg", "{:05}.jpg", "{}.png", "{:d}_a", "x{:7d}", "{:0}.jpg",
                                                "{:010d}", "{0:03}-{{}}", "a{:00d}"};
    const std::vector<std::int64_t> numbers = {0, 1, 9, 10, 99999, 100000, -1, -42, 1234567890123};
    nlohmann::json cases = nlohmann::json::array();
    for (const auto& t : templates) cases.push_back(t);
    // python3 formats every template with every number; the program is passed inline, so the oracle is str.format itself.
    const std::string program =
        "import json,sys; ts=json.loads(sys.argv[1]); ns=json.loads(sys.argv[2]); "
        "print(json.dumps([[t.format(n) for n in ns] for t in ts]))";
    const auto r = vidata::test::run_command(vidata::test::shell_quote(VIDATA_TEST_PYTHON3) + " -c " +
                                             vidata::test::shell_quote(program) + " " + vidata::test::shell_quote(cases.dump()) +
                                             " " + vidata::test::shell_quote(nlohmann::json(numbers).dump()));
    REQUIRE(r.status == 0);
    const nlohmann::json want = nlohmann::json::parse(r.output);
    for (std::size_t t = 0; t < templates.size(); ++t) {
        const vidata::filename_template tmpl(templates[t]);
        for (std::size_t n = 0; n < numbers.size(); ++n) {
            INFO(templates[t] << " with " << numbers[n]);
            CHECK(tmpl.format(numbers[n]) == want[t][n].get<std::string>());
        }
    }
}

TEST_CASE("filename_template: match gives back the number a name stands for", "[image][template]") {
    const vidata::filename_template rgb("img_{:05d}.jpg");
    CHECK(rgb.match("img_00001.jpg") == std::optional<std::int64_t>(1));
    CHECK(rgb.match("img_00000.jpg") == std::optional<std::int64_t>(0));
    CHECK(rgb.match("img_123456.jpg") == std::optional<std::int64_t>(123456));
    CHECK_FALSE(rgb.match("img_0001.jpg"));     // too narrow: Python would write img_00001.jpg
    CHECK_FALSE(rgb.match("img_012345.jpg"));   // a leading zero beyond the width
    CHECK_FALSE(rgb.match("img_00001.png"));
    CHECK_FALSE(rgb.match("img_.jpg"));
    CHECK_FALSE(rgb.match("img_0000a.jpg"));
    CHECK_FALSE(rgb.match("flow_x_00001.jpg"));
    CHECK_FALSE(rgb.match("img_-0001.jpg"));    // negative numbers are never frame files
    CHECK_FALSE(rgb.match("img_99999999999999999999.jpg"));  // beyond int64: refused, not wrapped

    // A zero padding wider than int64's digits (found by fuzz/filename_template_fuzz.cpp): the zeros add nothing.
    const vidata::filename_template wide("{:025d}");
    CHECK(wide.match(wide.format(5)) == std::optional<std::int64_t>(5));
    CHECK(wide.match(std::string(25, '0')) == std::optional<std::int64_t>(0));

    const vidata::filename_template plain("{}.jpg");
    CHECK(plain.match("17.jpg") == std::optional<std::int64_t>(17));
    CHECK_FALSE(plain.match("017.jpg"));

    const vidata::filename_template flow("{}_{:05d}.jpg");
    CHECK(flow.match("x_00003.jpg", "x") == std::optional<std::int64_t>(3));
    CHECK_FALSE(flow.match("y_00003.jpg", "x"));
    CHECK(flow.match("y_00003.jpg", "y") == std::optional<std::int64_t>(3));
}

TEST_CASE("filename_template: templates outside the subset are refused, naming the template", "[image][template]") {
    const auto refused = [](const std::string& t) {
        return vidata::test::message_of<vidata::invalid_argument>([&] { (void)vidata::filename_template(t); });
    };
    CHECK_THAT(refused("img.jpg"), Catch::Contains("'img.jpg'") && Catch::Contains("no field"));
    CHECK_THAT(refused("img_{:05x}.jpg"), Catch::Contains(":05x"));
    CHECK_THAT(refused("img_{:>5}.jpg"), Catch::Contains(":>5"));
    CHECK_THAT(refused("{}_{}_{}.jpg"), Catch::Contains("more than two"));
    CHECK_THAT(refused("{}_{1}.jpg"), Catch::Contains("automatically"));
    CHECK_THAT(refused("{0}_{0}.jpg"), Catch::Contains("twice"));
    CHECK_THAT(refused("{name}.jpg"), Catch::Contains("{name}"));
    CHECK_THAT(refused("img_{:05d.jpg"), Catch::Contains("no '}' closes"));
    CHECK_THAT(refused("img}_{}.jpg"), Catch::Contains("single '}'"));
    CHECK_THAT(refused("{:05d}_{:05d}.jpg"), Catch::Contains("direction field's spec"));
    CHECK_THAT(refused("{1}.jpg"), Catch::Contains("argument 1"));
}
