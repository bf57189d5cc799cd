// SPDX-License-Identifier: Apache-2.0
// Tests of vidata::formats::gym_categories: FineGYM's gymNN_categories.txt and set_categories.txt.
#include <vidata/formats/gym_categories.hpp>

#include "support.hpp"

#include <string>
#include <vector>

namespace gym_categories_test {

using vidata::formats::gym_categories;
using vidata::formats::gym_category;

std::vector<gym_category> parse(const std::string& text, const std::string& source = "gym99_categories.txt") {
    return vidata::parse_annotations<gym_categories>(text, source);
}

std::string error_of(const std::string& text) {
    return vidata::test::message_of<vidata::parse_error>([&] { (void)parse(text); });
}

}  // namespace gym_categories_test

TEST_CASE("formats/gym_categories: the three layouts read and write back with the official padding", "[formats][gym_categories]") {
    using namespace gym_categories_test;
    const std::string gym99 =
        "Clabel:   0; set:  1; Glabel:   1; (VT) round-off, flic-flac with 0.5 turn on, stretched salto forward with 0.5 turn off\n"
        "Clabel:  98; set: 44; Glabel: 516; (UB) (swing forward) double salto backward stretched\n";
    const auto classes = parse(gym99);
    const std::vector<gym_category> expected{
        {0, 1, 1, "VT", "round-off, flic-flac with 0.5 turn on, stretched salto forward with 0.5 turn off"},
        {98, 44, 516, "UB", "(swing forward) double salto backward stretched"}};
    CHECK(classes == expected);
    CHECK(vidata::format_annotations<gym_categories>(classes) == gym99);

    const std::string gym530 = "Glabel: 529; set: 44; (UB) 1 turn to stand\n";
    CHECK(parse(gym530) == std::vector<gym_category>{{-1, 44, 529, "UB", "1 turn to stand"}});
    CHECK(vidata::format_annotations<gym_categories>(parse(gym530)) == gym530);

    const std::string sets = "set: 1; vault\nset: 44; UB_dismounts\n";
    CHECK(parse(sets) == std::vector<gym_category>{{-1, 1, -1, "", "vault"}, {-1, 44, -1, "", "UB_dismounts"}});
    CHECK(vidata::format_annotations<gym_categories>(parse(sets)) == sets);
    CHECK(parse("set: 1; vault  \r\n") == std::vector<gym_category>{{-1, 1, -1, "", "vault  "}});
}

TEST_CASE("formats/gym_categories: malformed lines are located errors", "[formats][gym_categories]") {
    using namespace gym_categories_test;
    CHECK(error_of("Clabel:   0; set:  1; Glabel:   1; (VT) a\nset: 1; vault\n") ==
          "[vidata.parse_error] gym99_categories.txt:2:1: expected 'Clabel: <integer>; ', got 'set: 1; vault'");
    CHECK(error_of("Clabel:   x; set:  1; Glabel:   1; (VT) a\n") ==
          "[vidata.parse_error] gym99_categories.txt:1:8: expected an integer Clabel >= 0, got '   x'");
    CHECK(error_of("Clabel:   0; set:  1; Glabel:   1; round-off\n") ==
          "[vidata.parse_error] gym99_categories.txt:1:36: expected an apparatus code and a description: '(VT) round-off, ...', got 'round-off'");
    CHECK(error_of("set: 1; vault\nset: 1; again\n") ==
          "[vidata.parse_error] gym99_categories.txt:2:1: expected a class number not listed before (line 1 has it), got 'set: 1; again'");
}

TEST_CASE("formats/gym_categories: real data — gym99, gym288, gym530 and set categories", "[formats][gym_categories][fixtures]") {
    using namespace gym_categories_test;
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    struct expectation {
        const char* file;
        std::size_t count;
        gym_category last;
    };
    for (const expectation& e :
         {expectation{"finegym/gym99_categories.txt", 99, {98, 44, 516, "UB", "(swing forward) double salto backward stretched"}},
          expectation{"finegym/gym288_categories.txt", 288, {287, 44, 520, "UB", "(swing forward) salto backward stretched"}},
          expectation{"finegym/gym530_categories.txt", 530, {-1, 44, 529, "UB", "1 turn to stand"}},
          expectation{"finegym/set_categories.txt", 15, {-1, 44, -1, "", "UB_dismounts"}}}) {
        INFO(e.file);
        const auto path = *dir / e.file;
        const auto records = vidata::read_annotations<gym_categories>(path);
        REQUIRE(records.size() == e.count);
        CHECK(records.back() == e.last);
        CHECK(vidata::format_annotations<gym_categories>(records) == vidata::test::read_file(path));
        CHECK(gym_categories::detect(path, ""));
    }
    const auto gym99 = vidata::read_annotations<gym_categories>(*dir / "finegym/gym99_categories.txt");
    CHECK(gym99[16] == gym_category{16, 21, 104, "FX", "stag jump      "});  // trailing blanks as in the file
    CHECK(gym99.front() == gym_category{0, 1, 1, "VT", "round-off, flic-flac with 0.5 turn on, stretched salto forward with 0.5 turn off"});
    CHECK(vidata::read_annotations<gym_categories>(*dir / "finegym/set_categories.txt").front() == gym_category{-1, 1, -1, "", "vault"});
}
