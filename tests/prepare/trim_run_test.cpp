// SPDX-License-Identifier: Apache-2.0
// prepare::trim runs a plan: the clips it names appear (and nothing else), a missing or corrupt source is listed in
// failed.txt and the run goes on, resume skips finished clips, shards split the work without overlap, and a run killed
// with SIGKILL at any moment then resumed leaves the tree an uninterrupted run leaves.
#include "prepare/prepare_support.hpp"

#include <vidata/formats/format.hpp>
#include <vidata/formats/kinetics_csv.hpp>
#include <vidata/prepare/trim.hpp>

#include <catch2/catch.hpp>

extern "C" {
#include <libavutil/log.h>
}

#include <chrono>
#include <csignal>
#include <filesystem>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include <sys/wait.h>
#include <unistd.h>

namespace trim_run_test {

namespace fs = std::filesystem;

// Two downloaded "YouTube videos" (4 s at 25 fps, a keyframe each second, no B-frames), a corrupt one, and a Kinetics
// CSV naming them and one that was never downloaded.
struct kinetics_tree {
    vidata::test::temp_dir dir;
    fs::path src = dir / "downloads";
    fs::path out = dir / "videos";
    std::vector<vidata::prepare::trim_cut> cuts;
    kinetics_tree() {
        av_log_set_level(AV_LOG_ERROR);
        fs::create_directories(src);
        for (const char* id : {"aaaaaaaaaaa", "bbbbbbbbbbb"})
            vidata::test::prepare::ffmpeg("-f lavfi -i testsrc2=size=64x48:rate=25 -t 4 -c:v libx264 -preset ultrafast -g 25 -keyint_min 25 "
                                          "-sc_threshold 0 -bf 0 -pix_fmt yuv420p " +
                                          vidata::test::shell_quote((src / (std::string(id) + ".mp4")).string()));
        vidata::test::write_file(src / "ddddddddddd.mp4", "a download that stopped after a few bytes");
        const auto rows = vidata::parse_annotations<vidata::formats::kinetics_csv>(
            "label,youtube_id,time_start,time_end,split\n"
            "\"air drumming\",aaaaaaaaaaa,1,3,train\n"   // on keyframes: stream copy
            "\"air drumming\",aaaaaaaaaaa,0,1,train\n"   // on keyframes: stream copy
            "abseiling,bbbbbbbbbbb,2,4,train\n"           // on keyframes: stream copy
            "abseiling,bbbbbbbbbbb,0.5,1.5,train\n"       // inside a GOP: re-encoded
            "abseiling,ccccccccccc,0,10,train\n"          // never downloaded
            "abseiling,ddddddddddd,0,10,train\n",         // corrupt
            "kinetics_train.csv");
        cuts = vidata::prepare::kinetics_trim_plan(rows);
    }
};

vidata::prepare::trim_options fast_options() {
    vidata::prepare::trim_options o;
    o.encoder.preset = "ultrafast";
    return o;
}

// The clips of a tree, relative path -> bytes (failed*.txt left out).
std::map<std::string, std::string> clips_of(const fs::path& root) {
    auto tree = vidata::test::prepare::tree_of(root);
    for (auto it = tree.begin(); it != tree.end();)
        it = it->first.starts_with("failed") ? tree.erase(it) : std::next(it);
    return tree;
}

}  // namespace trim_run_test

TEST_CASE("trim: the plan's clips appear - a missing or corrupt source goes to failed.txt - resume skips done clips", "[prepare][trim]") {
    using namespace trim_run_test;
    if (!vidata::test::prepare::ffmpeg_available()) return;
    kinetics_tree t;
    auto o = fast_options();
    o.num_worker = 2;
    std::vector<vidata::prepare::batch_progress> seen;
    o.on_progress = [&](const vidata::prepare::batch_progress& p) { seen.push_back(p); };
    const auto s = vidata::prepare::trim(t.cuts, t.src, t.out, o);
    CHECK(s.totals.inputs_total == 6);
    CHECK(s.copied == 3);
    CHECK(s.reencoded == 1);
    CHECK(s.totals.written == 4);
    CHECK(s.totals.failed == 2);
    CHECK(s.totals.units == 50 + 25 + 50 + 25);  // 2 s, 1 s, 2 s, 1 s at 25 fps
    REQUIRE(seen.size() == 6);
    CHECK(seen.back().inputs_done == 6);

    const auto clips = clips_of(t.out);
    std::vector<std::string> names;
    for (const auto& [name, bytes] : clips) names.push_back(name);
    CHECK(names == std::vector<std::string>{"abseiling/", "abseiling/bbbbbbbbbbb_000000_000001.mp4", "abseiling/bbbbbbbbbbb_000002_000004.mp4",
                                            "air_drumming/", "air_drumming/aaaaaaaaaaa_000000_000001.mp4",
                                            "air_drumming/aaaaaaaaaaa_000001_000003.mp4"});
    const std::string failed = vidata::test::read_file(t.out / "failed.txt");
    INFO(failed);
    CHECK(failed.starts_with("abseiling/ccccccccccc_000000_000010.mp4\tccccccccccc.mp4\t"));
    CHECK(failed.find("\nabseiling/ddddddddddd_000000_000010.mp4\tddddddddddd.mp4\t") != std::string::npos);
    REQUIRE(s.failures.size() == 2);
    CHECK(s.failures[0].reason.find("ccccccccccc.mp4") != std::string::npos);
    CHECK(s.failures[0].input == "abseiling/ccccccccccc_000000_000010.mp4");
    CHECK(s.failures[0].source == "ccccccccccc.mp4");
    CHECK(fs::exists(t.src / "aaaaaaaaaaa.mp4"));  // sources are never deleted

    SECTION("resume: nothing is cut again") {
        const auto before = fs::last_write_time(t.out / "abseiling/bbbbbbbbbbb_000000_000001.mp4");
        auto again = fast_options();
        again.resume = true;
        const auto r = vidata::prepare::trim(t.cuts, t.src, t.out, again);
        CHECK(r.totals.skipped == 4);
        CHECK(r.totals.failed == 2);
        CHECK(r.copied + r.reencoded == 0);
        CHECK(fs::last_write_time(t.out / "abseiling/bbbbbbbbbbb_000000_000001.mp4") == before);
        CHECK(clips_of(t.out) == clips);
    }
    SECTION("shards 0/2 and 1/2 together cut every clip once") {
        const fs::path sharded = t.dir / "sharded";
        std::size_t total = 0;
        for (std::size_t k = 0; k < 2; ++k) {
            auto part = fast_options();
            part.part = {k, 2};
            const auto r = vidata::prepare::trim(t.cuts, t.src, sharded, part);
            total += r.totals.inputs_total;
            CHECK(fs::exists(sharded / ("failed.shard-" + std::to_string(k) + "-of-2.txt")));
        }
        CHECK(total == 6);
        const auto got = clips_of(sharded);
        CHECK(got.size() == clips.size());
        for (const auto& [name, bytes] : clips)
            if (name.find("_000000_000001") == std::string::npos || name.starts_with("air")) CHECK(got.at(name) == bytes);  // copies are exact
    }
}

TEST_CASE("trim: two cuts writing one clip - a bad shard - are refused", "[prepare][trim]") {
    using namespace trim_run_test;
    vidata::test::temp_dir dir;
    const std::vector<vidata::prepare::trim_cut> twice{{"a.mp4", 0.0, 1.0, "x.mp4", 0.0, 23}, {"b.mp4", 0.0, 1.0, "x.mp4", 0.0, 23}};
    CHECK_THROWS_AS(vidata::prepare::trim(twice, dir.path(), dir / "out", fast_options()), vidata::invalid_argument);
    auto o = fast_options();
    o.part = {2, 2};
    CHECK_THROWS_AS(vidata::prepare::trim({}, dir.path(), dir / "out", o), vidata::invalid_argument);
}

TEST_CASE("trim: killed with SIGKILL at any moment then resumed - the tree equals an uninterrupted run's", "[prepare][trim]") {
    using namespace trim_run_test;
    if (!vidata::test::prepare::ffmpeg_available()) return;
    kinetics_tree t;
    // Stream copies only: their bytes do not depend on the run (a re-encode by libx264 may, see video_writer_options).
    std::vector<vidata::prepare::trim_cut> copies;
    for (const auto& c : t.cuts)
        if (c.start == static_cast<double>(static_cast<long long>(c.start)) && c.end <= 4.0) copies.push_back(c);
    REQUIRE(copies.size() == 3);
    const auto reference = vidata::prepare::trim(copies, t.src, t.dir / "reference", fast_options());
    REQUIRE(reference.copied == 3);
    const auto expected = vidata::test::prepare::tree_of(t.dir / "reference");

    for (const int delay_ms : {0, 2, 5, 10, 20}) {
        INFO("killed after " << delay_ms << " ms");
        const fs::path out = t.dir / ("killed-" + std::to_string(delay_ms));
        const pid_t child = ::fork();
        REQUIRE(child >= 0);
        if (child == 0) {
            try {
                (void)vidata::prepare::trim(copies, t.src, out, fast_options());
            } catch (...) {
                ::_exit(2);
            }
            ::_exit(0);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
        ::kill(child, SIGKILL);
        int status = 0;
        REQUIRE(::waitpid(child, &status, 0) == child);
        auto resume = fast_options();
        resume.resume = true;
        (void)vidata::prepare::trim(copies, t.src, out, resume);
        CHECK(vidata::test::prepare::tree_of(out) == expected);
    }
}
