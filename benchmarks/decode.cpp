// SPDX-License-Identifier: Apache-2.0
// Video decode: sequential decode to RGB against `ffmpeg -benchmark ... -f null` and OpenCV, and MMAction2's random
// access (a TSN 8-segment test sample, a 32x2 clip) against PyAV and OpenCV, on GOP-250 and GOP-16 (dense) H.264.
//
// Usage: vidata_bench_decode [--dir DIR] [--reps N] [--no-peer] [--sections 1|2|3]  (1: sequential, 2: random access, 3: both)
// The videos are made by the ffmpeg CLI (testsrc2 under light temporal noise, so that they weigh about what 256p and
// 360p videos of real scenes weigh) into DIR, once. With VIDATA_FIXTURES set, the fixtures' test.mp4 (a real 10 s
// 340x256 clip with GOP 250) is measured too.
#include "support.hpp"

#include <vidata/io/ffmpeg/md5.hpp>
#include <vidata/io/video/video_reader.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

namespace {

namespace bench = vidata::bench;
namespace fs = std::filesystem;

struct video_file {
    std::string label;
    fs::path path;
};

bool make_video(const fs::path& path, const std::string& size, int frames, const std::string& gop) {
    if (fs::exists(path)) return true;
    const std::string command = "ffmpeg -nostdin -y -v error -f lavfi -i testsrc2=size=" + size +
                                ":rate=30,noise=alls=8:allf=t -frames:v " + std::to_string(frames) +
                                " -c:v libx264 -pix_fmt yuv420p " + gop + " " + bench::shell_quote(path.string()) + " 2>&1";
    int status = 0;
    const std::string out = bench::run(command, status);
    if (status != 0) std::printf("cannot make %s: %s\n", path.c_str(), out.c_str());
    return status == 0;
}

// `ffmpeg -benchmark` decode-only time (rtime: the transcode loop, file opening excluded), best of `reps`.
double ffmpeg_decode_seconds(const fs::path& file, int threads, int reps, long frames = -1) {
    double best = 1e30;
    for (int r = 0; r < reps; ++r) {
        int status = 0;
        const std::string out = bench::run("ffmpeg -nostdin -benchmark -threads " + std::to_string(threads) + " -i " +
                                               bench::shell_quote(file.string()) + " -an" +
                                               (frames > 0 ? " -frames:v " + std::to_string(frames) : std::string()) +
                                               " -f null - 2>&1",
                                           status);
        const auto at = out.find("rtime=");
        if (status != 0 || at == std::string::npos) {
            std::printf("ffmpeg -benchmark failed: %s\n", out.c_str());
            return 0;
        }
        best = std::min(best, std::atof(out.c_str() + at + 6));
    }
    return best;
}

std::string join(const std::vector<std::int64_t>& v) {
    std::string s;
    for (const auto i : v) s += (s.empty() ? "" : ",") + std::to_string(i);
    return s;
}

// MMAction2 0.x SampleFrames in test mode, one clip view: clip_len frames every `interval`, num_clips clips.
std::vector<std::int64_t> sample_frames_test(std::int64_t total, std::int64_t clip_len, std::int64_t interval, std::int64_t num_clips) {
    const std::int64_t ori = clip_len * interval;
    const double avg = static_cast<double>(total - ori + 1) / static_cast<double>(num_clips);
    std::vector<std::int64_t> out;
    for (std::int64_t c = 0; c < num_clips; ++c) {
        const auto start = static_cast<std::int64_t>(static_cast<double>(c) * avg + avg / 2.0);
        for (std::int64_t i = 0; i < clip_len; ++i) out.push_back(std::min(total - 1, start + i * interval));
    }
    return out;
}

void sequential(const video_file& v, const bench::options& o) {
    for (const int threads : {1, 2}) {
        std::int64_t frames = 0;
        unsigned sink = 0;
        const double ours = bench::best_of(o.reps, [&] {
            vidata::video_reader reader(v.path, {threads});
            frames = reader.frame_count();
            reader.for_each_frame([&](std::int64_t, vidata::clip_view f) { sink += f.pixels()[f.size() / 2]; });
        });
        std::printf("%s, %d thread%s, %lld frames (sink %u)\n", v.label.c_str(), threads, threads == 1 ? "" : "s",
                    static_cast<long long>(frames), sink);
        bench::print_time("vidata: open + index + decode + RGB24 of every frame", ours);
        std::printf("  %-66s %10.0f frames/s\n", "", static_cast<double>(frames) / ours);
        const double floor = ffmpeg_decode_seconds(v.path, threads, o.reps);
        bench::print_time("ffmpeg -benchmark -threads T -i X -an -f null - (decode only, rtime)", floor);
        std::printf("  %-66s %10.0f frames/s\n", "", static_cast<double>(frames) / floor);
        bench::print_ratio("vidata / ffmpeg decode-only (goal <= 1.10)", ours / floor);
        if (o.peer) {
            if (const auto cv = bench::run_peer("decode_peer.py", {"opencv_all", v.path.string(), "0", std::to_string(o.reps), std::to_string(threads)})) {
                const double t = (*cv)["seconds"];
                bench::print_time("OpenCV VideoCapture.read() of every frame (BGR), from Python", t);
                std::printf("  %-66s %10.0f frames/s\n", "", (*cv)["frames"].get<double>() / t);
                bench::print_ratio("OpenCV / vidata", t / ours);
            }
        }
    }
}

template <class Reader>
double time_reads(const fs::path& file, const std::vector<std::int64_t>& indices, int reps, std::vector<std::string>& md5s,
                  vidata::decode_stats& stats) {
    return bench::best_of(reps, [&] {
        Reader reader(file);
        const vidata::clip c = reader.read(indices);
        md5s.clear();
        for (std::size_t s = 0; s < c.frames(); ++s) md5s.push_back(vidata::ffmpeg::md5_hex(c.frame_pixels(s)));
        stats = reader.stats();
    });
}

void random_access(const video_file& v, const char* sample_name, const std::vector<std::int64_t>& indices, const bench::options& o,
                   double& exact_seconds) {
    std::printf("%s, %s: frames %s\n", v.label.c_str(), sample_name, join(indices).c_str());
    std::vector<std::string> exact_md5, key_md5;
    vidata::decode_stats stats;
    const double exact = time_reads<vidata::video_reader>(v.path, indices, o.reps, exact_md5, stats);
    exact_seconds = exact;
    bench::print_time("vidata exact_seek, file open included", exact);
    std::printf("  %-66s %4zu seeks, %4zu packets sent, %4zu pictures decoded\n", "", stats.seeks, stats.packets_sent,
                stats.frames_decoded);
    const double keyframe = time_reads<vidata::keyframe_video_reader>(v.path, indices, o.reps, key_md5, stats);
    bench::print_time("vidata keyframe_seek (approximate), file open included", keyframe);
    std::printf("  %-66s %4zu seeks, %4zu packets sent, %4zu pictures decoded\n", "", stats.seeks, stats.packets_sent,
                stats.frames_decoded);
    std::int64_t last = 0;
    for (const auto i : indices) last = std::max(last, i);
    const double floor = ffmpeg_decode_seconds(v.path, 1, o.reps, static_cast<long>(last + 1));
    bench::print_time("floor: ffmpeg -benchmark decode of frames 0..last wanted (no open)", floor);
    bench::print_ratio("vidata exact / floor", exact / floor);
    if (!o.peer) return;
    const struct {
        const char* mode;
        const char* what;
        bool exact;
    } peers[] = {{"pyav_accurate", "PyAV, MMAction2 PyAVDecode accurate (decode to max, all to RGB)", true},
                 {"opencv_seek", "OpenCV, MMAction2 OpenCVDecode (POS_FRAMES per frame)", true},
                 {"pyav_efficient", "PyAV, MMAction2 PyAVDecode efficient (keyframe seek per frame)", false}};
    for (const auto& p : peers) {
        const auto r = bench::run_peer("decode_peer.py", {p.mode, v.path.string(), join(indices), std::to_string(o.reps), "1"});
        if (!r) continue;
        const double t = (*r)["seconds"];
        const auto md5 = (*r)["md5"].get<std::vector<std::string>>();
        const auto& ours = p.exact ? exact_md5 : key_md5;
        std::size_t same = 0;
        for (std::size_t i = 0; i < md5.size() && i < ours.size(); ++i) same += md5[i] == ours[i];
        bench::print_time(p.what, t);
        std::printf("  %-66s %10.1f x   (frames equal to vidata %s: %zu/%zu)\n", p.exact ? "  / vidata exact" : "  / vidata keyframe",
                    t / (p.exact ? exact : keyframe), p.exact ? "exact" : "keyframe", same, indices.size());
    }
}

}  // namespace

int main(int argc, char** argv) {
    int sections = 3;
    const auto parsed =
        bench::parse_options(argc, argv, {fs::temp_directory_path() / "vidata-bench-decode", 5, true}, {{"--sections", &sections}});
    if (!parsed) return 2;
    const bench::options& o = *parsed;
    av_log_set_level(AV_LOG_QUIET);

    const video_file gop250{"10 s 340x256 H.264 (x264 defaults: GOP 250, 3 B-frames)", o.dir / "seq10_340x256.mp4"};
    const video_file long360{"30 s 640x360 H.264 (x264 defaults)", o.dir / "seq30_640x360.mp4"};
    const video_file dense{"10 s 340x256 H.264, dense (-g 16, as resize_videos --dense)", o.dir / "dense10_340x256.mp4"};
    if (!make_video(gop250.path, "340x256", 300, "") || !make_video(long360.path, "640x360", 900, "") ||
        !make_video(dense.path, "340x256", 300, "-g 16"))
        return 1;
    std::vector<video_file> real;
    if (const char* fixtures = std::getenv("VIDATA_FIXTURES"))
        real.push_back({"fixtures' test.mp4 (real 10 s 340x256, GOP 250)", fs::path(fixtures) / "mmaction2" / "test.mp4"});

    if (sections & 1) {
        std::printf("== sequential decode to RGB24\n");
        for (const auto& v : {gop250, long360}) sequential(v, o);
        for (const auto& v : real) sequential(v, o);
    }
    if (!(sections & 2)) return 0;

    std::printf("\n== random access, MMAction2 test samples (SampleFrames test_mode), 1 decoder thread\n");
    const auto tsn = sample_frames_test(300, 1, 1, 8);
    const auto clip32 = sample_frames_test(300, 32, 2, 1);
    double tsn_gop250 = 0, tsn_dense = 0, clip_gop250 = 0, clip_dense = 0;
    random_access(gop250, "TSN 8x1", tsn, o, tsn_gop250);
    random_access(gop250, "32x2x1", clip32, o, clip_gop250);
    random_access(dense, "TSN 8x1", tsn, o, tsn_dense);
    random_access(dense, "32x2x1", clip32, o, clip_dense);
    for (const auto& v : real) {
        double unused = 0;
        random_access(v, "TSN 8x1", tsn, o, unused);
        random_access(v, "32x2x1", clip32, o, unused);
    }
    std::printf("\n== dense (GOP 16) against GOP 250, vidata exact\n");
    bench::print_ratio("TSN 8x1: GOP 250 / GOP 16", tsn_gop250 / tsn_dense);
    bench::print_ratio("32x2x1: GOP 250 / GOP 16", clip_gop250 / clip_dense);
    return 0;
}
