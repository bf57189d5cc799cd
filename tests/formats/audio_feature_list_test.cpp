// SPDX-License-Identifier: Apache-2.0
// audio_feature_list: MMAction2's audio feature lists (`path total_frames label...`), read, written and refused.
#include "support.hpp"

#include <vidata/formats/audio_feature_list.hpp>

#include <string>
#include <vector>

namespace audio_feature_list_test {

using vidata::formats::audio_feature_list;

vidata::video_record entry(std::string path, std::int64_t frames, std::vector<int> labels) {
    vidata::video_record r;
    r.path = std::move(path);
    r.total_frames = frames;
    r.labels = std::move(labels);
    return r;
}

std::string error_of(const std::string& text) {
    return vidata::test::message_of<vidata::parse_error>([&] { (void)audio_feature_list::parse(text, "audio_feature.txt"); });
}


TEST_CASE("formats/audio_feature_list: path, frame count and labels", "[formats][audio_feature_list]") {
    const std::string text = "some/directory-1.npy 163 1\nsome/directory-2 122 1 7\n";
    const auto records = audio_feature_list::parse(text, "audio_feature.txt");
    REQUIRE(records.size() == 2);
    CHECK(records[0] == entry("some/directory-1.npy", 163, {1}));
    CHECK(records[1] == entry("some/directory-2", 122, {1, 7}));
    CHECK(vidata::format_annotations<audio_feature_list>(records) == text);
}

TEST_CASE("formats/audio_feature_list: malformed lines", "[formats][audio_feature_list]") {
    CHECK(error_of("a 163\n") ==
          "[vidata.parse_error] audio_feature.txt:1:6: expected at least 3 fields (feature_path total_frames label [label...]) but the line has 2, got 'a 163'");
    CHECK(error_of("a 1.5 3\n") == "[vidata.parse_error] audio_feature.txt:1:3: expected a frame count, got '1.5'");
}

TEST_CASE("formats/audio_feature_list: MMAction2's test list", "[formats][audio_feature_list][fixtures]") {
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    // audio_feature_test_list.txt: "test 100 127" twice.
    const auto file = *dir / "mmaction2/annotations/audio_feature_test_list.txt";
    const auto records = vidata::read_annotations<audio_feature_list>(file);
    REQUIRE(records.size() == 2);
    CHECK(records[0] == entry("test", 100, {127}));
    CHECK(records[1] == entry("test", 100, {127}));
    CHECK(vidata::format_annotations<audio_feature_list>(records) == vidata::test::read_file(file));
}

TEST_CASE("formats/audio_feature_list: claims *_audio_feature(s).txt", "[formats][audio_feature_list]") {
    CHECK(audio_feature_list::detect("kinetics400_train_list_audio_feature.txt", ""));
    CHECK(audio_feature_list::detect("kinetics400_val_list_audio_features.txt", ""));
    CHECK_FALSE(audio_feature_list::detect("kinetics400_val_list_videos.txt", ""));
}

}  // namespace audio_feature_list_test
