// SPDX-License-Identifier: Apache-2.0
// proposal_list: SSN/TAG proposal lists, normalized and in frames, read, written and refused.
#include "support.hpp"

#include <vidata/formats/proposal_list.hpp>

#include <string>
#include <vector>

namespace proposal_list_test {

using vidata::formats::proposal_list;
using vidata::formats::proposal_list_instance;
using vidata::formats::proposal_list_video;
using vidata::formats::tag_proposal;

// The example of ssn_utils' docstring (frames), shortened to two proposals.
const std::string frames_text =
    "# 0\nvideo_validation_0000202\n5666\n1\n2\n8 130 185\n8 832 1136\n2\n8 0.0620 0.0620 790 5671\n0 0.0000 0.0000 3945 5671\n";

const std::string normalized_text = "# 1\nnEOpfvJ7g_g\n1\n1\n1\n58 0.0000 0.9728\n1\n58 0.9684 0.9996 0.0000 0.9414\n";

std::string error_of(const std::string& text) {
    return vidata::test::message_of<vidata::parse_error>([&] { (void)proposal_list::parse(text, "proposals.txt"); });
}


TEST_CASE("formats/proposal_list: a block in frames", "[formats][proposal_list]") {
    const auto videos = proposal_list::parse(frames_text, "proposals.txt");
    REQUIRE(videos.size() == 1);
    const auto& v = videos[0];
    CHECK(v.index == 0);
    CHECK(v.video == "video_validation_0000202");
    CHECK(v.num_frames() == 5666);
    CHECK_FALSE(v.normalized);
    CHECK(v.ground_truth == std::vector<proposal_list_instance>{{8, 130, 185}, {8, 832, 1136}});
    CHECK(v.proposals == std::vector<tag_proposal>{{8, 0.062, 0.062, 790, 5671}, {0, 0.0, 0.0, 3945, 5671}});
    CHECK(vidata::format_annotations<proposal_list>(videos) == frames_text);
}

TEST_CASE("formats/proposal_list: a normalized block, and several blocks", "[formats][proposal_list]") {
    const auto videos = proposal_list::parse(frames_text + "\n" + normalized_text, "proposals.txt");
    REQUIRE(videos.size() == 2);
    const auto& v = videos[1];
    CHECK(v.index == 1);
    CHECK(v.normalized);
    CHECK(v.ground_truth == std::vector<proposal_list_instance>{{58, 0.0, 0.9728}});
    CHECK(v.proposals == std::vector<tag_proposal>{{58, 0.9684, 0.9996, 0.0, 0.9414}});
    CHECK(vidata::format_annotations<proposal_list>(videos) == frames_text + normalized_text);
    // MMAction2 multiplies the two lines after the id: a duration and an fps give the frame count.
    const auto scaled = proposal_list::parse("# 0\nv\n12.5\n29.97\n0\n0\n", "proposals.txt");
    REQUIRE(scaled.size() == 1);
    CHECK(scaled[0].num_frames() == 374);
    CHECK(vidata::format_annotations<proposal_list>(scaled) == "# 0\nv\n12.5\n29.97\n0\n0\n");
}

TEST_CASE("formats/proposal_list: malformed blocks", "[formats][proposal_list]") {
    CHECK(error_of("video\n") == "[vidata.parse_error] proposals.txt:1: expected a block header '# <index>', got 'video'");
    CHECK(error_of("# 0\nv\n5\n1\n2\n8 1 2\n") == "[vidata.parse_error] proposals.txt:7: expected a ground-truth instance 'label start end', got 'the end of the file'");
    CHECK(error_of("# 0\nv\nfive\n1\n0\n0\n") == "[vidata.parse_error] proposals.txt:3: expected the number of frames, got 'five'");
    CHECK(error_of("# 0\nv\n5\n1\n1\n8 1\n0\n") ==
          "[vidata.parse_error] proposals.txt:6:4: expected 3 fields (label start end) but the line has 2, got '8 1'");
    CHECK(error_of("# 0\nv\n5\n1\n0\n1\n8 0.5 0.5 1 x\n") == "[vidata.parse_error] proposals.txt:7:13: expected an end, got 'x'");
    // A count that says less than the lines hold leaves a line where the next block header should be.
    CHECK(error_of("# 0\nv\n5\n1\n0\n0\n8 0.5 0.5 1 2\n") ==
          "[vidata.parse_error] proposals.txt:7: expected a block header '# <index>', got '8 0.5 0.5 1 2'");
    CHECK(error_of("# 0\nv\n5\n1\n-1\n0\n") == "[vidata.parse_error] proposals.txt:5: expected a non-negative number of ground-truth instances, got '-1'");
}

TEST_CASE("formats/proposal_list: the writer refuses fractional frame positions", "[formats][proposal_list]") {
    proposal_list_video v;
    v.video = "v";
    v.frames = 10;
    v.ground_truth = {{1, 0.5, 2.0}};
    CHECK_THROWS_AS(vidata::format_annotations<proposal_list>(std::vector{v}), vidata::invalid_argument);
    v.normalized = true;
    CHECK(vidata::format_annotations<proposal_list>(std::vector{v}) == "# 0\nv\n10\n1\n1\n1 0.5000 2.0000\n0\n");
}

TEST_CASE("formats/proposal_list: claims files that start with a block", "[formats][proposal_list]") {
    CHECK(proposal_list::detect("x.txt", frames_text));
    CHECK_FALSE(proposal_list::detect("x.txt", "# a comment\nsome text\n"));
    CHECK_FALSE(proposal_list::detect("x.txt", "imgs 5 127\n"));
}

TEST_CASE("formats/proposal_list: ActivityNet v1.2 TAG proposals and MMAction2's test lists", "[formats][proposal_list][fixtures]") {
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    // Counted with Python (itertools.groupby on '#', as ssn_utils): 20 blocks '# 1'..'# 20', 27 ground-truth instances,
    // 1156 proposals, 20 distinct videos; block 2 is hokqvyeqhmg with gt "71 0.2543 0.9793" and 42 proposals,
    // the first "71 0.0470 1.0000 0.7835 0.8175"; the last block 3joaQzU05MY ends with "33 0.7255 0.7255 0.0000 1.0000".
    const auto anet = *dir / "activitynet12_ssn/activitynet1.2_tag_val_normalized_proposal_list.first20.txt";
    const auto videos = vidata::read_annotations<proposal_list>(anet);
    REQUIRE(videos.size() == 20);
    std::size_t gts = 0, proposals = 0;
    for (const auto& v : videos) {
        gts += v.ground_truth.size();
        proposals += v.proposals.size();
        CHECK(v.normalized);
    }
    CHECK(gts == 27);
    CHECK(proposals == 1156);
    CHECK(videos[1].index == 2);
    CHECK(videos[1].video == "hokqvyeqhmg");
    CHECK(videos[1].ground_truth == std::vector<proposal_list_instance>{{71, 0.2543, 0.9793}});
    REQUIRE(videos[1].proposals.size() == 42);
    CHECK(videos[1].proposals[0] == tag_proposal{71, 0.047, 1.0, 0.7835, 0.8175});
    CHECK(videos[19].video == "3joaQzU05MY");
    CHECK(videos[19].proposals.back() == tag_proposal{33, 0.7255, 0.7255, 0.0, 1.0});
    CHECK(vidata::format_annotations<proposal_list>(videos) == vidata::test::read_file(anet));

    // proposal_test_list.txt (frames) and proposal_normalized_list.txt: video imgs, 5 frames, 2 gts, 10 proposals.
    const auto frames = *dir / "mmaction2/annotations/proposal_test_list.txt";
    const auto test = vidata::read_annotations<proposal_list>(frames);
    REQUIRE(test.size() == 1);
    CHECK(test[0].num_frames() == 5);
    CHECK_FALSE(test[0].normalized);
    CHECK(test[0].ground_truth == std::vector<proposal_list_instance>{{3, 1, 2}, {3, 3, 5}});
    CHECK(test[0].proposals.size() == 10);
    CHECK(vidata::format_annotations<proposal_list>(test) == vidata::test::read_file(frames));
    const auto normalized = *dir / "mmaction2/annotations/proposal_normalized_list.txt";
    const auto norm = vidata::read_annotations<proposal_list>(normalized);
    REQUIRE(norm.size() == 1);
    CHECK(norm[0].normalized);
    CHECK(norm[0].ground_truth == std::vector<proposal_list_instance>{{3, 0.2, 0.4}, {3, 0.6, 1.0}});
    CHECK(norm[0].proposals[6] == tag_proposal{3, 0.6666, 0.6666, 0.4, 1.0});
    CHECK(vidata::format_annotations<proposal_list>(norm) == vidata::test::read_file(normalized));
}

}  // namespace proposal_list_test
