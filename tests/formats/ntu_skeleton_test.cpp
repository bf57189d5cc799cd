// SPDX-License-Identifier: Apache-2.0
// Tests of vidata::formats::ntu_skeleton: NTU RGB+D's raw `.skeleton` files, one record per frame.
#include <vidata/formats/ntu_skeleton.hpp>

#include "support.hpp"

#include <string>
#include <vector>

namespace ntu_skeleton_test {

using vidata::formats::ntu_frame;
using vidata::formats::ntu_skeleton;

std::vector<ntu_frame> parse(const std::string& text) { return vidata::parse_annotations<ntu_skeleton>(text, "S001C001P001R001A001.skeleton"); }

std::string write(const std::vector<ntu_frame>& records) { return vidata::format_annotations<ntu_skeleton>(records); }

std::string error_of(const std::string& text) {
    return vidata::test::message_of<vidata::parse_error>([&] { (void)parse(text); });
}

// A joint line whose values identify it: x = frame + joint / 100, the rest fixed.
std::string joint_line(int frame, int joint) {
    return std::to_string(frame) + "." + (joint < 10 ? "0" : "") + std::to_string(joint) +
           " 0.1729637 3.785465 277.9598 191.7909 1036.348 550.4135 -0.2419637 0.05909031 0.9685916 -0.02491205 2\n";
}

// Two frames: the first with one body of two joints, the second with none.
std::string small_file() {
    return "2\n1\n72057594037931101 0 1 1 1 1 0 0.02764709 0.05745083 2\n2\n" + joint_line(1, 1) + joint_line(1, 2) + "0\n";
}

}  // namespace ntu_skeleton_test

TEST_CASE("formats/ntu_skeleton: frames, bodies and joints read with every value and write back byte for byte", "[formats][ntu_skeleton]") {
    using namespace ntu_skeleton_test;
    const auto frames = parse(small_file());
    REQUIRE(frames.size() == 2);
    REQUIRE(frames[0].bodies.size() == 1);
    CHECK(frames[1].bodies.empty());
    const auto& b = frames[0].bodies[0];
    CHECK(b.body_id == 72057594037931101ull);
    CHECK(b.clipped_edges == 0);
    CHECK(b.hand_left_confidence == 1);
    CHECK(b.is_restricted == 0);
    CHECK(b.lean_x == 0.02764709);
    CHECK(b.lean_y == 0.05745083);
    CHECK(b.tracking_state == 2);
    REQUIRE(b.joints.size() == 2);
    CHECK(b.joints[1].x == 1.02);
    CHECK(b.joints[1].z == 3.785465);
    CHECK(b.joints[1].color_y == 550.4135);
    CHECK(b.joints[1].orientation_z == -0.02491205);
    CHECK(b.joints[1].tracking_state == 2);
    CHECK(write(frames) == small_file());
}

TEST_CASE("formats/ntu_skeleton: numbers may spread over lines as the official reader allows; CRLF is fine", "[formats][ntu_skeleton]") {
    using namespace ntu_skeleton_test;
    std::string crlf;
    for (char c : small_file()) {
        if (c == '\n') crlf += "\r\n";
        else crlf += c;
    }
    CHECK(parse(crlf) == parse(small_file()));
    std::string one_line = small_file();
    for (char& c : one_line)
        if (c == '\n') c = ' ';
    CHECK(parse(one_line) == parse(small_file()));
}

TEST_CASE("formats/ntu_skeleton: to_skeleton gives the core M x T x V x 3 record", "[formats][ntu_skeleton]") {
    using namespace ntu_skeleton_test;
    const auto r = ntu_skeleton::to_skeleton(parse(small_file()), "S001C001P001R001A001", 0);
    CHECK(r.frame_dir == "S001C001P001R001A001");
    CHECK(r.total_frames == 2);
    CHECK(r.num_persons() == 1);
    CHECK(r.num_frames() == 2);
    CHECK(r.num_keypoints() == 2);
    CHECK(r.num_coordinates() == 3);
    CHECK(r.keypoint(0, 0, 1, 0) == 1.02f);
    CHECK(r.keypoint(0, 1, 1, 0) == 0.0f);  // no body in frame 2
    CHECK(r.consistent());
}

TEST_CASE("formats/ntu_skeleton: malformed files are parse errors with line, column and what was expected", "[formats][ntu_skeleton]") {
    using namespace ntu_skeleton_test;
    CHECK(error_of("") == "[vidata.parse_error] S001C001P001R001A001.skeleton:1:1: expected the number of frames (a non-negative "
                          "integer), got 'the end of the file'");
    CHECK(error_of("x\n") == "[vidata.parse_error] S001C001P001R001A001.skeleton:1:1: expected the number of frames (a non-negative "
                             "integer), got 'x'");
    std::string text = small_file();
    text.resize(text.find("0.1729637"));
    CHECK(error_of(text) == "[vidata.parse_error] S001C001P001R001A001.skeleton:5:6: expected a joint value (a number) of joint 1 "
                            "of body 1 of frame 1, got 'the end of the file'");
    CHECK(error_of("1\n1\n72057594037931101 0 1 1 1 1 0 abc 0.05 2\n0\n") ==
          "[vidata.parse_error] S001C001P001R001A001.skeleton:3:31: expected leanX (a number) of body 1 of frame 1, got 'abc'");
    CHECK(error_of("1\n0\n0\n") ==
          "[vidata.parse_error] S001C001P001R001A001.skeleton:3:1: expected the end of the file after 1 frames, got '0'");
    CHECK(error_of("1\n-1\n") == "[vidata.parse_error] S001C001P001R001A001.skeleton:2:1: expected the number of bodies of frame 1, got '-1'");
}

TEST_CASE("formats/ntu_skeleton: detects the .skeleton extension", "[formats][ntu_skeleton]") {
    CHECK(ntu_skeleton_test::ntu_skeleton::detect("nturgb+d_skeletons/S001C001P001R001A001.skeleton", ""));
    CHECK_FALSE(ntu_skeleton_test::ntu_skeleton::detect("S001C001P001R001A001.txt", "1\n"));
}
