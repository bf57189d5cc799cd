// SPDX-License-Identifier: Apache-2.0
// The named pipelines on a real video (the fixtures' test.mp4 through vidata::video_reader): TSN val against the
// config written out with ffmpeg + numpy + OpenCV, determinism across threads, and a missing file reported by path.
#if defined(VIDATA_TEST_WITH_FFMPEG)

#include "support.hpp"

#include <vidata/io/video/video_reader.hpp>
#include <vidata/pipeline/loader.hpp>
#include <vidata/pipeline/mmaction.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <string>
#include <vector>

namespace real_video_test {

std::vector<vidata::video_record> video_records(std::vector<std::string> paths) {
    std::vector<vidata::video_record> records;
    for (auto& p : paths) {
        vidata::video_record r;
        r.path = std::move(p);  // total_frames stays -1, as in a video list: the reader counts
        records.push_back(std::move(r));
    }
    return records;
}

TEST_CASE("TSN val on test.mp4 equals the config written out with ffmpeg, numpy and OpenCV", "[pipeline][mmaction][fixtures]") {
    const auto fixtures = vidata::test::fixtures();
    if (!fixtures) return;
    if (!vidata::test::python_oracle_available()) return;
    const auto records = video_records({"test.mp4"});
    const auto p = vidata::mmaction::tsn_val(vidata::open_at<vidata::video_reader>(*fixtures / "mmaction2"));
    vidata::rng g;
    const auto x = p(records[0], g);
    REQUIRE(std::vector<std::size_t>(x.shape().begin(), x.shape().end()) == std::vector<std::size_t>{3, 3, 224, 224});

    vidata::test::temp_dir dir;
    const auto values = dir / "values.f32";
    {
        std::ofstream out(values, std::ios::binary);
        out.write(reinterpret_cast<const char*>(x.data()), static_cast<std::streamsize>(x.size() * sizeof(float)));
    }
    const auto r = vidata::test::run_python("pipeline_oracle.py", vidata::test::shell_quote((*fixtures / "mmaction2" / "test.mp4").string()) +
                                                                      " " + vidata::test::shell_quote(values.string()));
    INFO(r.output);
    REQUIRE(r.status == 0);
    const auto j = nlohmann::json::parse(r.output);
    CHECK(j["frames"] == 300);
    CHECK(j["offsets"] == nlohmann::json::array({50, 150, 250}));
    REQUIRE(!j["max_abs"].is_null());
    // The resize kernel is cv2's and the frames are ffmpeg's, so the values agree to float32 rounding.
    CHECK(j["max_abs"].get<double>() <= 1e-5);
}

TEST_CASE("TSN train on a real video gives the same batches on 1 and 2 threads, and a missing file names itself",
          "[pipeline][mmaction][fixtures][loader]") {
    const auto fixtures = vidata::test::fixtures();
    if (!fixtures) return;
    const auto p = vidata::mmaction::tsn_train(vidata::open_at<vidata::video_reader>(*fixtures / "mmaction2"));
    const auto records = video_records({"test.mp4", "test.mp4", "test.mp4"});
    const auto run = [&](std::size_t threads) {
        vidata::loader load(p, records, {.batch_size = 2, .threads = threads, .seed = 8});
        std::vector<vidata::layout_tensor<vidata::layouts::nchw>> values;
        for (auto& b : load)
            for (auto& v : b.values) values.push_back(std::move(v));
        return values;
    };
    const auto one = run(1);
    REQUIRE(one.size() == 3);
    CHECK(one == run(2));
    CHECK_FALSE(one[0] == one[1]);  // different items draw different segments, crops and flips

    const auto broken = video_records({"test.mp4", "no_such_video.mp4"});
    vidata::loader load(p, broken, {.batch_size = 1, .threads = 2});
    CHECK(load.next_batch());
    const std::string message = vidata::test::message_of<vidata::pipeline_error>([&] { (void)load.next_batch(); });
    CHECK(message.find("record 1 'no_such_video.mp4'") != std::string::npos);
    CHECK(message.find("no_such_video.mp4") != std::string::npos);
}

}  // namespace real_video_test

#endif
