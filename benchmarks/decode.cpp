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

#include <algorithm>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iterator>
#include <optional>

#include <sys/resource.h>
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

// This process's CPU time so far (user + system, every thread), in seconds.
double cpu_seconds() {
    rusage u{};
    ::getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) * 1e-6;
}

// Best wall and CPU time of `reps` runs of f (each the minimum over the runs, taken separately).
struct timing {
    double wall = 1e30;
    double cpu = 1e30;
};

template <class F>
timing time_best(int reps, F&& f) {
    timing t;
    for (int r = 0; r < reps; ++r) {
        const auto t0 = bench::clock_type::now();
        const double c0 = cpu_seconds();
        f();
        t.cpu = std::min(t.cpu, cpu_seconds() - c0);
        t.wall = std::min(t.wall, bench::seconds_since(t0));
    }
    return t;
}

void print_timing(const char* what, timing t) {
    std::printf("  %-66s %10.3f ms wall %10.3f ms CPU\n", what, t.wall * 1e3, t.cpu * 1e3);
}

// `ffmpeg -benchmark` decode-only time (rtime, and utime + stime as CPU: the transcode loop, file opening excluded),
// best of `reps`.
timing ffmpeg_decode(const fs::path& file, int threads, int reps, long frames = -1) {
    timing best;
    for (int r = 0; r < reps; ++r) {
        int status = 0;
        const std::string out = bench::run("ffmpeg -nostdin -benchmark -threads " + std::to_string(threads) + " -i " +
                                               bench::shell_quote(file.string()) + " -an" +
                                               (frames > 0 ? " -frames:v " + std::to_string(frames) : std::string()) +
                                               " -f null - 2>&1",
                                           status);
        const auto at = out.find("rtime="), user = out.find("utime="), sys = out.find("stime=");
        if (status != 0 || at == std::string::npos || user == std::string::npos || sys == std::string::npos) {
            std::printf("ffmpeg -benchmark failed: %s\n", out.c_str());
            return {0, 0};
        }
        best.wall = std::min(best.wall, std::atof(out.c_str() + at + 6));
        best.cpu = std::min(best.cpu, std::atof(out.c_str() + user + 6) + std::atof(out.c_str() + sys + 6));
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
        const timing ours = time_best(o.reps, [&] {
            vidata::video_reader reader(v.path, {threads});
            frames = reader.frame_count();
            reader.for_each_frame([&](std::int64_t, vidata::clip_view f) { sink += f.pixels()[f.size() / 2]; });
        });
        const auto n = static_cast<double>(frames);
        std::printf("%s, %d thread%s, %lld frames (sink %u)\n", v.label.c_str(), threads, threads == 1 ? "" : "s",
                    static_cast<long long>(frames), sink);
        print_timing("vidata: open + index + decode + RGB24 of every frame", ours);
        std::printf("  %-66s %10.0f frames/s wall %6.0f frames/s CPU\n", "", n / ours.wall, n / ours.cpu);
        const timing floor = ffmpeg_decode(v.path, threads, o.reps);
        print_timing("ffmpeg -benchmark -threads T -i X -an -f null - (decode only, no open)", floor);
        std::printf("  %-66s %10.0f frames/s wall %6.0f frames/s CPU\n", "", n / floor.wall, n / floor.cpu);
        std::printf("  %-66s %10.2f x wall %10.2f x CPU\n", "vidata / ffmpeg decode-only (goal <= 1.10)", ours.wall / floor.wall,
                    ours.cpu / floor.cpu);
        if (o.peer) {
            if (const auto cv = bench::run_peer("decode_peer.py", {"opencv_all", v.path.string(), "0", std::to_string(o.reps), std::to_string(threads)})) {
                const timing t{(*cv)["seconds"].get<double>(), (*cv)["cpu_seconds"].get<double>()};
                print_timing("OpenCV VideoCapture.read() of every frame (BGR), from Python", t);
                std::printf("  %-66s %10.0f frames/s wall %6.0f frames/s CPU\n", "", n / t.wall, n / t.cpu);
                std::printf("  %-66s %10.2f x wall %10.2f x CPU\n", "OpenCV / vidata (goal >= 1)", t.wall / ours.wall, t.cpu / ours.cpu);
            }
        }
    }
}

template <class Reader>
timing time_reads(const fs::path& file, const std::vector<std::int64_t>& indices, int reps, std::vector<std::string>& md5s,
                  vidata::decode_stats& stats) {
    vidata::clip c;
    const timing t = time_best(reps, [&] {
        Reader reader(file);
        c = std::move(reader).read(indices);  // as a pipeline reads: once (the final-read overload)
        stats = reader.stats();               // NOLINT(bugprone-use-after-move): only cast, still the reader's
    });
    md5s.clear();
    for (std::size_t s = 0; s < c.frames(); ++s) md5s.push_back(vidata::ffmpeg::md5_hex(c.frame_pixels(s)));
    return t;
}

// The least decoding any exact reader must do for `indices` when they all lie before the video's second keyframe:
// from the first packet, every packet up to the last wanted picture's, then a drain; each picture that no other
// picture references is skipped unless it is wanted (AVDISCARD_NONREF; which of the reference pictures a wanted
// picture uses is only known by decoding it, so all of them are decoded). Written here on libavcodec alone, not on
// video_reader: the packets are read into memory first, and neither the open, the demux, the index nor the RGB
// conversion is timed. Nothing (wall and CPU 0) when the sample spans several GOPs or the packets have no time stamps.
timing exact_decoding_bound(const fs::path& file, const std::vector<std::int64_t>& indices, int reps) {
    AVFormatContext* raw = nullptr;
    if (avformat_open_input(&raw, file.c_str(), nullptr, nullptr) < 0) return {0, 0};
    vidata::ffmpeg::detail::format_context_ptr format(raw);
    if (avformat_find_stream_info(raw, nullptr) < 0) return {0, 0};
    const int stream = av_find_best_stream(raw, AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
    if (stream < 0) return {0, 0};
    std::vector<vidata::ffmpeg::detail::packet_ptr> packets;
    for (;;) {
        vidata::ffmpeg::detail::packet_ptr p(av_packet_alloc());
        if (av_read_frame(raw, p.get()) < 0) break;
        if (p->stream_index == stream) packets.push_back(std::move(p));
    }
    // Presentation index of each packet's picture: the rank of its time stamp.
    std::vector<std::int64_t> pts;
    for (const auto& p : packets) {
        if (p->pts == AV_NOPTS_VALUE) return {0, 0};
        pts.push_back(p->pts);
    }
    std::vector<std::int64_t> sorted = pts;
    std::sort(sorted.begin(), sorted.end());
    const auto frame_of = [&](std::int64_t t) { return std::lower_bound(sorted.begin(), sorted.end(), t) - sorted.begin(); };
    std::vector<bool> wanted(packets.size(), false);
    for (const auto i : indices)
        if (i >= 0 && static_cast<std::size_t>(i) < wanted.size()) wanted[static_cast<std::size_t>(i)] = true;
    for (std::size_t k = 1; k < packets.size(); ++k)  // a keyframe after the first: the sample must end before it
        if ((packets[k]->flags & AV_PKT_FLAG_KEY) != 0)
            for (const auto i : indices)
                if (i >= frame_of(pts[k])) return {0, 0};
    std::size_t last_needed = 0;  // the last wanted picture's packet, in decode order
    for (std::size_t k = 0; k < packets.size(); ++k)
        if (wanted[static_cast<std::size_t>(frame_of(pts[k]))]) last_needed = k;
    const AVCodecParameters* par = raw->streams[stream]->codecpar;
    const AVCodec* codec = avcodec_find_decoder(par->codec_id);
    if (codec == nullptr) return {0, 0};
    std::size_t delivered = 0;
    const timing t = time_best(reps, [&] {
        vidata::ffmpeg::detail::codec_context_ptr decoder(avcodec_alloc_context3(codec));
        avcodec_parameters_to_context(decoder.get(), par);
        decoder->thread_count = 1;
        if (avcodec_open2(decoder.get(), codec, nullptr) < 0) return;
        vidata::ffmpeg::detail::frame_ptr frame(av_frame_alloc());
        std::size_t got = 0;
        const auto receive = [&] {
            while (avcodec_receive_frame(decoder.get(), frame.get()) == 0) {
                if (frame->pts != AV_NOPTS_VALUE && wanted[static_cast<std::size_t>(frame_of(frame->pts))]) ++got;
                av_frame_unref(frame.get());
            }
        };
        for (std::size_t k = 0; k <= last_needed; ++k) {
            decoder->skip_frame = wanted[static_cast<std::size_t>(frame_of(pts[k]))] ? AVDISCARD_DEFAULT : AVDISCARD_NONREF;
            avcodec_send_packet(decoder.get(), packets[k].get());
            receive();
        }
        avcodec_send_packet(decoder.get(), nullptr);
        receive();
        delivered = got;
    });
    if (delivered != indices.size()) {
        std::printf("  the exact-decoding bound returned %zu of the %zu frames: not shown\n", delivered, indices.size());
        return {0, 0};
    }
    return t;
}

// The better of two timings, wall and CPU each.
timing best_of(timing a, timing b) { return {std::min(a.wall, b.wall), std::min(a.cpu, b.cpu)}; }

struct peer_run {
    const char* mode;
    const char* what;
    bool exact;  // compared with vidata's exact reader (else with its keyframe reader)
    int rounds;  // how many turns it takes (see random_access)
};

void random_access(const video_file& v, const char* sample_name, const std::vector<std::int64_t>& indices, const bench::options& o,
                   double& exact_cpu) {
    std::printf("%s, %s: frames %s\n", v.label.c_str(), sample_name, join(indices).c_str());
    // vidata and the PyAV peers take turns, three times, and each keeps its best time: a burst of load from this
    // shared machine's neighbours (it has stretched single runs by 10-25 %) then reaches both sides, not only the
    // one that happened to run through it. OpenCV's per-frame seeks, 10-50x slower, take one turn.
    constexpr int rounds = 3;
    const peer_run peers[] = {{"pyav_accurate", "PyAV, MMAction2 PyAVDecode accurate (decode to max+2, all to RGB)", true, rounds},
                              {"opencv_seek", "OpenCV, MMAction2 OpenCVDecode (POS_FRAMES per frame)", true, 1},
                              {"pyav_efficient", "PyAV, MMAction2 PyAVDecode efficient (keyframe seek per frame)", false, rounds}};
    std::vector<std::string> exact_md5, key_md5;
    vidata::decode_stats exact_stats, key_stats;
    timing exact, keyframe;
    std::vector<std::optional<timing>> peer_time(std::size(peers));
    std::vector<std::vector<std::string>> peer_md5(std::size(peers));
    for (int round = 0; round < rounds; ++round) {
        exact = best_of(exact, time_reads<vidata::video_reader>(v.path, indices, o.reps, exact_md5, exact_stats));
        keyframe = best_of(keyframe, time_reads<vidata::keyframe_video_reader>(v.path, indices, o.reps, key_md5, key_stats));
        for (std::size_t k = 0; o.peer && k < std::size(peers); ++k) {
            if (round >= peers[k].rounds) continue;
            const auto r = bench::run_peer("decode_peer.py", {peers[k].mode, v.path.string(), join(indices), std::to_string(o.reps), "1"});
            if (!r) continue;
            const timing t{(*r)["seconds"].get<double>(), (*r)["cpu_seconds"].get<double>()};
            peer_time[k] = peer_time[k] ? best_of(*peer_time[k], t) : t;
            peer_md5[k] = (*r)["md5"].get<std::vector<std::string>>();
        }
    }
    exact_cpu = exact.cpu;
    print_timing("vidata exact_seek, file open included (a final read)", exact);
    std::printf("  %-66s %4zu seeks, %4zu packets sent, %4zu pictures decoded\n", "", exact_stats.seeks, exact_stats.packets_sent,
                exact_stats.frames_decoded);
    print_timing("vidata keyframe_seek (approximate), file open included (final)", keyframe);
    std::printf("  %-66s %4zu seeks, %4zu packets sent, %4zu pictures decoded\n", "", key_stats.seeks, key_stats.packets_sent,
                key_stats.frames_decoded);
    std::int64_t last = 0;
    for (const auto i : indices) last = std::max(last, i);
    const timing floor = ffmpeg_decode(v.path, 1, o.reps, static_cast<long>(last + 1));
    print_timing("floor: ffmpeg -benchmark decode of frames 0..last wanted (no open)", floor);
    std::printf("  %-66s %10.2f x wall %10.2f x CPU\n", "vidata exact / floor (goal <= 1.10)", exact.wall / floor.wall, exact.cpu / floor.cpu);
    const timing bound = exact_decoding_bound(v.path, indices, o.reps);
    if (bound.cpu > 0) {
        print_timing("bound: decode of the pictures any exact reader needs (no open, no RGB)", bound);
        std::printf("  %-66s %10.2f x wall %10.2f x CPU\n", "vidata exact / bound", exact.wall / bound.wall, exact.cpu / bound.cpu);
    }
    for (std::size_t k = 0; k < std::size(peers); ++k) {
        if (!peer_time[k]) continue;
        const auto& p = peers[k];
        const timing t = *peer_time[k];
        const auto& md5 = peer_md5[k];
        const auto& ours = p.exact ? exact_md5 : key_md5;
        const timing& mine = p.exact ? exact : keyframe;
        std::size_t same = 0;
        for (std::size_t i = 0; i < md5.size() && i < ours.size(); ++i) same += md5[i] == ours[i];
        print_timing(p.what, t);
        // Three decimals: a goal line is not to be crossed by rounding.
        std::printf("  %-66s %10.3f x wall %10.3f x CPU   (frames equal to vidata's: %zu/%zu)\n",
                    p.exact ? "  / vidata exact (goal >= 2)" : "  / vidata keyframe", t.wall / mine.wall, t.cpu / mine.cpu, same,
                    indices.size());
        if (p.exact && bound.cpu > 0)
            std::printf("  %-66s %10.2f x wall %10.2f x CPU\n", "  / bound: the most any exact reader could reach", t.wall / bound.wall,
                        t.cpu / bound.cpu);
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
    std::printf("\n== dense (GOP 16) against GOP 250, vidata exact, CPU time\n");
    bench::print_ratio("TSN 8x1: GOP 250 / GOP 16", tsn_gop250 / tsn_dense);
    bench::print_ratio("32x2x1: GOP 250 / GOP 16", clip_gop250 / clip_dense);
    return 0;
}
