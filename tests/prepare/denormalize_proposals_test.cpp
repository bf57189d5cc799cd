// SPDX-License-Identifier: Apache-2.0
// vidata::prepare::denormalize_proposals against hand calculations and against a python transcription of
// MMAction2's tools/data/denormalize_proposal_file.py (tests/python/denormalize_proposals_reference.py).
#include <vidata/prepare/denormalize_proposals.hpp>

#include "support.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <string>

namespace denormalize_proposals_test {

namespace fs = std::filesystem;
using vidata::test::read_file;
using vidata::test::write_file;

using vidata::test::write_frame_names;

// Two videos; the frames/ratio lines of the input (0.5 and 1, 20 and 30) must not matter: the script takes the
// frame count from the directories.
const char* const normalized_text =
    "# 0\n"
    "video_a\n"
    "0.5\n"
    "1\n"
    "1\n"
    "3 0.2500 0.8000\n"
    "2\n"
    "3 0.61805 0.5000 0.2500 0.8000\n"
    "0 0.0000 0.0000 0.0000 1.0000\n"
    "# 7\n"
    "video_b\n"
    "20\n"
    "30\n"
    "0\n"
    "1\n"
    "5 0.06205 0.1 0.29 0.5\n";

}  // namespace denormalize_proposals_test

using namespace denormalize_proposals_test;

TEST_CASE("denormalize_proposal_file: hand-calculated frames, truncation and 4-decimal overlaps", "[prepare][denormalize]") {
    vidata::test::temp_dir tmp;
    write_frame_names(tmp / "rawframes/video_a", 10, 2);
    write_frame_names(tmp / "rawframes/video_b", 100);
    write_frame_names(tmp / "rawframes/video_unused", 3);
    const fs::path input = tmp / "thumos14_tag_val_normalized_proposal_list.txt";
    write_file(input, normalized_text);

    const auto s = vidata::prepare::denormalize_proposal_file(input, tmp / "rawframes");
    CHECK(s.output == tmp / "thumos14_tag_val_proposal_list.txt");
    CHECK(s.videos == 2);
    CHECK(s.ground_truth == 1);
    CHECK(s.proposals == 3);
    // By hand: video_a has 10 RGB frames: 0.25·10 = 2.5 -> 2, 0.8·10 = 8; 0.61805 is 0.618049999... in binary
    // -> 0.6180. video_b has 100: 0.29·100 = 28.999999999999996 in double -> 28 (truncated, not rounded);
    // 0.06205 is 0.0620500000000000009... -> 0.0621. Blocks renumbered 0, 1; num_frames then 1.
    CHECK(read_file(s.output) ==
          "# 0\nvideo_a\n10\n1\n1\n3 2 8\n2\n3 0.6180 0.5000 2 8\n0 0.0000 0.0000 0 10\n"
          "# 1\nvideo_b\n100\n1\n0\n1\n5 0.0621 0.1000 28 50\n");
    CHECK(read_file(input) == normalized_text);  // the input is untouched
}

TEST_CASE("denormalize_proposal_file equals the python transcription of the script", "[prepare][denormalize][python]") {
    if (!vidata::test::python_oracle_available()) return;
    vidata::test::temp_dir tmp;
    // Frame counts that make many products land next to an integer; positions and overlaps with 4 and more decimals.
    const int counts[] = {1, 7, 100, 333, 1000, 2589};
    std::string text;
    int block = 0;
    for (int v = 0; v < 6; ++v) {
        const std::string name = "video_test_000000" + std::to_string(v);
        write_frame_names(tmp / "rawframes" / name, counts[v], v % 2 == 0 ? 3 : 0);
        text += "# " + std::to_string(block++) + "\n" + name + "\n1.0\n1\n";
        const int gts = v % 3;
        text += std::to_string(gts) + "\n";
        char line[160];
        for (int g = 0; g < gts; ++g) {
            std::snprintf(line, sizeof line, "%d %.4f %.4f\n", 1 + g, 0.0123 * (g + 1) * (v + 1), 0.29 + 0.0571 * g);
            text += line;
        }
        const int proposals = 5 + 7 * v;
        text += std::to_string(proposals) + "\n";
        for (int p = 0; p < proposals; ++p) {
            const double a = static_cast<double>((p * 37 + v * 11) % 1000) / 1000.0;
            const double b = static_cast<double>((p * 53 + 7) % 10000) / 10000.0;
            std::snprintf(line, sizeof line, "%d %.5f %.6f %.4f %.4f\n", p % 21, b * 0.99995, a, a * 0.5, 0.5 + a * 0.5);
            text += line;
        }
    }
    const fs::path input = tmp / "thumos14_tag_test_normalized_proposal_list.txt";
    write_file(input, text);
    const auto s = vidata::prepare::denormalize_proposal_file(input, tmp / "rawframes");
    const fs::path expected = tmp / "expected.txt";
    const auto r = vidata::test::run_python("denormalize_proposals_reference.py", vidata::test::shell_quote(input.string()) + " " +
                                                                                     vidata::test::shell_quote((tmp / "rawframes").string()) + " " +
                                                                                     vidata::test::shell_quote(expected.string()));
    INFO(r.output);
    REQUIRE(r.status == 0);
    CHECK(read_file(s.output) == read_file(expected));
    CHECK(s.videos == 6);
}

TEST_CASE("denormalized_proposal_path removes normalized_ from the file name only", "[prepare][denormalize]") {
    using vidata::prepare::denormalized_proposal_path;
    CHECK(denormalized_proposal_path("data/normalized_x/thumos14_tag_val_normalized_proposal_list.txt") ==
          fs::path("data/normalized_x/thumos14_tag_val_proposal_list.txt"));
    CHECK(denormalized_proposal_path("normalized_a_normalized_b.txt") == fs::path("a_b.txt"));
    CHECK(denormalized_proposal_path("plain.txt") == fs::path("plain.txt"));
}

TEST_CASE("denormalize_proposal_file: errors name the file, the block or the line", "[prepare][denormalize]") {
    vidata::test::temp_dir tmp;
    write_frame_names(tmp / "rawframes/video_a", 10);
    const fs::path input = tmp / "x_normalized_list.txt";

    write_file(input, "# 0\nvideo_missing\n1\n1\n0\n0\n");
    auto message = vidata::test::message_of<vidata::parse_error>([&] { (void)vidata::prepare::denormalize_proposal_file(input, tmp / "rawframes"); });
    CHECK_THAT(message, Catch::Contains("x_normalized_list.txt") && Catch::Contains("video_missing"));

    write_file(input, "# 0\nvideo_a\n1\n1\n1\n3 0.2 0.3\n1\n3 0.5 0.5 0.1\n");  // a proposal of 4 fields at line 8
    message = vidata::test::message_of<vidata::parse_error>([&] { (void)vidata::prepare::denormalize_proposal_file(input, tmp / "rawframes"); });
    CHECK_THAT(message, Catch::Contains("x_normalized_list.txt:8"));

    const fs::path plain = tmp / "list.txt";  // no 'normalized_': the script would overwrite its input
    write_file(plain, "# 0\nvideo_a\n1\n1\n0\n0\n");
    CHECK_THROWS_AS(vidata::prepare::denormalize_proposal_file(plain, tmp / "rawframes"), vidata::invalid_argument);
    CHECK(read_file(plain) == "# 0\nvideo_a\n1\n1\n0\n0\n");
    const auto s = vidata::prepare::denormalize_proposal_file(plain, tmp / "rawframes", tmp / "out.txt");
    CHECK(read_file(s.output) == "# 0\nvideo_a\n10\n1\n0\n0\n");
}
