// SPDX-License-Identifier: Apache-2.0
// The README's main job: a miniature UCF-101 round trip through vidata, from videos to metrics, printing each step.
//
//  1. write a miniature dataset's official annotation files (classInd.txt, trainlist0{1,2,3}.txt, testlist0{1,2,3}.txt,
//     named as vidata::datasets::ucf101 says);
//  2. encode its videos with vidata::video_writer: a coloured square moving across a noisy background, its colour
//     and direction depending on the class, the rest (start, speed, jitter, noise) from the video's own rng stream;
//  3. read the annotations back through vidata's format readers into video_records, and write MMAction2's video
//     lists (ucf101_{train,val}_split_1_videos.txt), read back to the same records;
//  4. prepare it as MMAction2's tools/data/ucf101 scripts do: extract the RGB frames with vidata::prepare::build_rawframes
//     (2 workers; a rerun with --resume skips every finished video), build the rawframe lists of the 3 splits with
//     vidata::layouts::build_file_list, check their frame counts, compare the tree with the guide's (check_layout), and
//     write the keyframe-dense copy of the videos (resize_videos --dense);
//  5. sample one video as the TSN test pipeline does, and have `vidata sample` and `vidata decode --md5` agree;
//  6. load every video through a TSN test pipeline (SampleFrames test mode -> decode -> Resize -> CenterCrop ->
//     Normalize -> FormatShape NCHW) with the parallel loader on 2 threads, and compute simple clip features
//     (colour and motion) from the model-ready tensors;
//  7. score the test split with a nearest-class-mean classifier fitted on the train split;
//  8. evaluate the scores: top-1/top-3 accuracy, mean class accuracy and the confusion matrix (plotted);
//  9. save the scores as MMAction2's tools/test.py --out does (results.pkl) and as scores.npy;
// 10. read both back through the safe readers and check them bit for bit; let Python (pickle + numpy)
//     read them too and recompute the accuracies independently;
// 11. a miniature ActivityNet: write the official ground-truth JSON and a method's proposals and detections,
//     read them back, evaluate AR@AN + AUC and detection mAP per tIoU, plot the AR-AN curve, and have
//     `vidata eval ar-an` / `vidata eval tdet` compute the same numbers from the files;
// 12. show the annotation files (their formats detected) and the classification outputs with `vidata inspect`.
// Usage: vidata_demo [--vidata PATH_TO_CLI] [OUTPUT_DIR]
// stb_image_write's functions (the PNG plots, stb JPEG frames) are compiled in stb_image_write.cpp.
#include <vidata/core/rng.hpp>
#include <vidata/core/video_record.hpp>
#include <vidata/datasets/ucf101.hpp>
#include <vidata/formats/format.hpp>
#include <vidata/formats/ucf101_classind.hpp>
#include <vidata/formats/ucf101_split.hpp>
#include <vidata/formats/video_list.hpp>
#include <vidata/io/atomic_file.hpp>
#include <vidata/io/ffmpeg/md5.hpp>
#include <vidata/io/video/video_reader.hpp>
#include <vidata/io/video/video_writer.hpp>
#include <vidata/layout/build_file_list.hpp>
#include <vidata/layout/check_layout.hpp>
#include <vidata/formats/rawframe_list.hpp>
#include <vidata/io/ndarray.hpp>
#include <vidata/io/npy.hpp>
#include <vidata/io/pickle/dump.hpp>
#include <vidata/io/pickle/load.hpp>
#include <vidata/io/read_file.hpp>
#include <vidata/metrics/activitynet_inputs.hpp>
#include <vidata/metrics/average_recall.hpp>
#include <vidata/metrics/confusion_matrix.hpp>
#include <vidata/metrics/plot/charts.hpp>
#include <vidata/metrics/plot/save.hpp>
#include <vidata/metrics/temporal_detection.hpp>
#include <vidata/metrics/mean_class_accuracy.hpp>
#include <vidata/metrics/top_k_accuracy.hpp>
#include <vidata/pipeline/loader.hpp>
#include <vidata/pipeline/mmaction.hpp>
#include <vidata/pipeline/pipeline.hpp>
#include <vidata/prepare/build_rawframes.hpp>
#include <vidata/prepare/resize_videos.hpp>
#include <vidata/sampling/segment_sampler.hpp>
#include <vidata/transforms/center_crop.hpp>
#include <vidata/transforms/format_shape.hpp>
#include <vidata/transforms/resize.hpp>
#include <vidata/version.hpp>

#include <Eigen/Core>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

// The first five classes of UCF-101, as classInd.txt numbers them (1-based).
constexpr std::array<const char*, 5> class_names{"ApplyEyeMakeup", "ApplyLipstick", "Archery", "BabyCrawling", "BalanceBeam"};
constexpr std::uint64_t seed = 2026;

// The synthetic videos: 96x72 at 25 fps, 40 frames. Each class has a square colour and a direction of motion (in
// degrees, y pointing down); pairs of classes share a colour or a direction, so neither feature alone separates them,
// and each video jitters both, so that some test videos land nearer another class's mean.
constexpr int video_width = 96;
constexpr int video_height = 72;
constexpr int video_frames = 40;
constexpr double video_fps = 25.0;
struct class_look {
    std::array<int, 3> rgb;
    double direction;
};
constexpr std::array<class_look, 5> class_looks{{
    {{215, 55, 55}, 0.0},    // ApplyEyeMakeup: red, moving right
    {{200, 70, 95}, 180.0},  // ApplyLipstick: red-pink, moving left
    {{60, 195, 70}, 90.0},   // Archery: green, moving down
    {{140, 195, 55}, 20.0},  // BabyCrawling: yellow-green, moving right and a little down
    {{70, 90, 215}, 270.0},  // BalanceBeam: blue, moving up
}};
// Per-video variation: colour +-colour_jitter per channel, direction +-direction_jitter degrees, noise +-noise_amplitude.
constexpr int colour_jitter = 45;
constexpr double direction_jitter = 40.0;
constexpr int noise_amplitude = 24;

// The TSN test pipeline's sampling: 8 segments, one frame each (MMAction2's SampleFrames(1, 1, 8, test_mode=True)).
constexpr vidata::segment_sampler tsn_sampler{.clip_len = 1, .frame_interval = 1, .num_clips = 8, .test_mode = true};

std::string video_name(int cls, int group, int clip) {
    char buf[128];
    std::snprintf(buf, sizeof buf, "%s/v_%s_g%02d_c%02d.avi", class_names[static_cast<std::size_t>(cls)],
                  class_names[static_cast<std::size_t>(cls)], group, clip);
    return buf;
}

// Every video of the miniature dataset, as (class, group, clip): UCF-101's split 1 puts groups 1-7 in the test list
// and 8-25 in the train list; the demo keeps a few of each.
struct video_id {
    int cls, group, clip;
    [[nodiscard]] bool test(int split = 1) const { return group > 7 * (split - 1) && group <= 7 * split; }
    // The video's rng stream: its content depends on its name only, not on the order in which videos are written.
    [[nodiscard]] std::uint64_t stream() const { return static_cast<std::uint64_t>(cls * 10000 + group * 100 + clip); }
};

std::vector<video_id> all_videos() {
    std::vector<video_id> ids;
    for (int c = 0; c < static_cast<int>(class_names.size()); ++c) {
        for (int g = 8; g <= 11; ++g)
            for (int k = 1; k <= 3; ++k) ids.push_back({c, g, k});
        for (int g = 1; g <= 3; ++g)
            for (int k = 1; k <= 2; ++k) ids.push_back({c, g, k});
    }
    return ids;
}

// The dataset's files, named as its descriptor says (split 1): annotations/classInd.txt, trainlist01.txt, ...
using ucf101 = vidata::datasets::ucf101;
const std::string class_index_file = std::string(ucf101::official_files[0].path);
const std::string train_split_file = vidata::datasets::fill(ucf101::official_files[1].path, 1);
const std::string test_split_file = vidata::datasets::fill(ucf101::official_files[2].path, 1);

void write_official_files(const fs::path& root) {
    std::vector<vidata::formats::ucf101_class> classes;
    for (std::size_t c = 0; c < class_names.size(); ++c) classes.push_back({static_cast<int>(c) + 1, class_names[c]});
    // The writers write what the official archive holds (CRLF lines), each file atomically.
    vidata::write_annotations<vidata::formats::ucf101_classind>(root / class_index_file, classes);
    // The three official splits hold out groups 1-7, 8-14 and 15-21: here split 1 tests groups 1-3, split 2 groups
    // 8-11, and split 3 has no test video (the demo has no group past 11).
    for (int split = 1; split <= ucf101::num_splits; ++split) {
        std::vector<vidata::formats::ucf101_split_entry> train, test;
        for (const auto& v : all_videos()) {
            if (v.test(split)) test.push_back({video_name(v.cls, v.group, v.clip), std::nullopt});  // the official test lists carry no label
            else train.push_back({video_name(v.cls, v.group, v.clip), v.cls + 1});
        }
        vidata::write_annotations<vidata::formats::ucf101_split>(root / vidata::datasets::fill(ucf101::official_files[1].path, split), train);
        vidata::write_annotations<vidata::formats::ucf101_split>(root / vidata::datasets::fill(ucf101::official_files[2].path, split), test);
    }
}

// A split list read through the ucf101_split format, checked against classInd.txt, into MMAction2's records:
// label = class index - 1, the test list's label taken from the class directory, as build_file_list does.
std::vector<vidata::video_record> read_split(const fs::path& list, const std::vector<vidata::formats::ucf101_class>& classes) {
    const std::string text = vidata::read_file(list);
    std::vector<vidata::video_record> records;
    for (const auto& entry : vidata::formats::ucf101_split::parse(text, list.string(), classes)) {
        vidata::video_record r;
        r.path = entry.path;
        int index = entry.label.value_or(0);
        for (const auto& c : classes)
            if (!entry.label && c.name == entry.class_name()) index = c.index;
        r.labels = {index - 1};
        records.push_back(std::move(r));
    }
    return records;
}

// One synthetic video as RGB24 frames: a square of the class's colour (jittered) moving in the class's direction
// (jittered) at 0.8-1.3 pixels per frame, over a grey background of random level with fresh noise in every frame.
// The start point keeps the whole path inside the picture.
vidata::clip synthesize_video(const video_id& id) {
    auto g = vidata::rng::for_item(seed, 3, id.stream());
    const auto& look = class_looks[static_cast<std::size_t>(id.cls)];
    std::array<int, 3> colour{};
    for (std::size_t c = 0; c < 3; ++c) colour[c] = std::clamp(look.rgb[c] + g.uniform_int(-colour_jitter, colour_jitter), 0, 255);
    const double angle = (look.direction + g.uniform_real(-direction_jitter, direction_jitter)) * M_PI / 180.0;
    const double speed = g.uniform_real(0.8, 1.3);
    const int side = g.uniform_int(14, 18);
    const double vx = speed * std::cos(angle), vy = speed * std::sin(angle);
    const double travel_x = vx * (video_frames - 1), travel_y = vy * (video_frames - 1);
    const double x0 = g.uniform_real(std::max(0.0, -travel_x), video_width - side - std::max(0.0, travel_x));
    const double y0 = g.uniform_real(std::max(0.0, -travel_y), video_height - side - std::max(0.0, travel_y));
    const int background = g.uniform_int(50, 100);
    vidata::clip frames(video_frames, video_height, video_width, 3);
    std::uint64_t bits = 0;
    int bytes_left = 0;
    for (std::size_t t = 0; t < frames.frames(); ++t) {
        const int left = static_cast<int>(std::lround(x0 + vx * static_cast<double>(t)));
        const int top = static_cast<int>(std::lround(y0 + vy * static_cast<double>(t)));
        for (std::size_t y = 0; y < frames.height(); ++y)
            for (std::size_t x = 0; x < frames.width(); ++x) {
                if (bytes_left == 0) {  // one 64-bit draw gives eight pixels' noise
                    bits = g.next_u64();
                    bytes_left = 8;
                }
                const int noise = static_cast<int>(bits & 0xFF) * (2 * noise_amplitude + 1) / 256 - noise_amplitude;
                bits >>= 8;
                --bytes_left;
                const int xi = static_cast<int>(x), yi = static_cast<int>(y);
                const bool inside = xi >= left && xi < left + side && yi >= top && yi < top + side;
                for (std::size_t c = 0; c < 3; ++c)
                    frames(t, y, x, c) = static_cast<std::uint8_t>(std::clamp((inside ? colour[c] : background) + noise, 0, 255));
            }
    }
    return frames;
}

// Clip features from the pipeline's model-ready tensor (NCHW: segments x channels x height x width, normalized):
//  - colour: each channel's mean minus the mean over channels (the grey background adds about the same to each
//    channel, the square does not), over all segments;
//  - motion: the displacement per segment of the salient region's centroid, where a pixel's saliency is its squared
//    distance from its frame's mean colour, above a threshold that the background's noise stays under.
constexpr int feature_dim = 5;

Eigen::VectorXd clip_features(const vidata::tensor<float>& x) {
    const std::size_t n = x.extent(0), channels = x.extent(1), h = x.extent(2), w = x.extent(3);
    const float* data = x.data();
    const auto at = [&](std::size_t s, std::size_t c, std::size_t y, std::size_t xx) { return data[((s * channels + c) * h + y) * w + xx]; };
    Eigen::VectorXd f = Eigen::VectorXd::Zero(feature_dim);
    std::vector<std::array<double, 2>> centroids;
    for (std::size_t s = 0; s < n; ++s) {
        std::array<double, 3> mean{};
        for (std::size_t c = 0; c < channels; ++c) {
            for (std::size_t y = 0; y < h; ++y)
                for (std::size_t xx = 0; xx < w; ++xx) mean[c] += at(s, c, y, xx);
            mean[c] /= static_cast<double>(h * w);
            f(static_cast<Eigen::Index>(c)) += mean[c] / static_cast<double>(n);
        }
        double total = 0.0, cx = 0.0, cy = 0.0;
        for (std::size_t y = 0; y < h; ++y)
            for (std::size_t xx = 0; xx < w; ++xx) {
                double d = 0.0;
                for (std::size_t c = 0; c < channels; ++c) d += (at(s, c, y, xx) - mean[c]) * (at(s, c, y, xx) - mean[c]);
                const double weight = std::max(0.0, d - 1.0);
                total += weight;
                cx += weight * static_cast<double>(xx);
                cy += weight * static_cast<double>(y);
            }
        if (total > 0.0) centroids.push_back({cx / total, cy / total});
    }
    const double grey = (f(0) + f(1) + f(2)) / 3.0;
    for (Eigen::Index c = 0; c < 3; ++c) f(c) -= grey;
    if (centroids.size() >= 2) {
        f(3) = (centroids.back()[0] - centroids.front()[0]) / static_cast<double>(centroids.size() - 1);
        f(4) = (centroids.back()[1] - centroids.front()[1]) / static_cast<double>(centroids.size() - 1);
    }
    return f;
}

std::string run(const std::string& command) {
    std::string out;
    FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
    if (pipe == nullptr) return "(could not run: " + command + ")";
    char buffer[4096];
    std::size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
    const int status = ::pclose(pipe);
    if (status != 0) out += "(exit status " + std::to_string(status) + ")\n";
    return out;
}

// Python's own pickle and numpy read what vidata wrote: the independent check on the writers.
constexpr const char* python_check = R"PY(
import pickle, sys, numpy as np
results = pickle.load(open(sys.argv[1], 'rb'))
scores = np.load(sys.argv[2])
labels = np.loadtxt(sys.argv[3], dtype=np.int64)
top1, top3, mca = (float(x) for x in sys.argv[4:7])
assert isinstance(results, list) and all(isinstance(r, np.ndarray) and r.dtype == np.float32 for r in results)
assert np.array_equal(np.stack(results), scores), 'results.pkl and scores.npy differ'
# The accuracies again, from the definitions: label among the k best scores; per-class recall averaged.
order = np.argsort(-scores, axis=1, kind='stable')
py_top = [float(np.mean([labels[i] in order[i, :k] for i in range(len(labels))])) for k in (1, 3)]
pred = order[:, 0]
py_mca = float(np.mean([np.mean(pred[labels == c] == c) for c in np.unique(labels)]))
for name, ours, theirs in (('top-1', top1, py_top[0]), ('top-3', top3, py_top[1]), ('mean class accuracy', mca, py_mca)):
    assert abs(ours - theirs) < 1e-12, f'{name}: vidata {ours} != numpy {theirs}'
print(f'python {sys.version.split()[0]} / numpy {np.__version__}: {len(results)} score arrays of shape {results[0].shape}, '
      f'{scores.dtype} {scores.shape}; identical; top-1 {py_top[0]:.4f}, top-3 {py_top[1]:.4f}, '
      f'mean class accuracy {py_mca:.4f}: the same as vidata')
)PY";

// A miniature ActivityNet v1.3 validation set: untrimmed videos with 1-3 labelled segments each, written in the
// official ground-truth form, and a method's output: proposals around the true segments (jittered, so some miss
// at high tIoU) plus background proposals, scored by how well they fit; detections are the proposals with a
// label that is right most of the time. Everything comes from per-video rng streams.
constexpr std::array<const char*, 3> activity_names{"Long jump", "Pole vault", "Triple jump"};

void write_mini_activitynet(const fs::path& gt_path, const fs::path& proposals_path, const fs::path& detections_path) {
    nlohmann::ordered_json database = nlohmann::ordered_json::object();
    nlohmann::ordered_json proposals = nlohmann::ordered_json::object();
    nlohmann::ordered_json detections = nlohmann::ordered_json::object();
    for (std::uint64_t v = 0; v < 40; ++v) {
        auto g = vidata::rng::for_item(seed, 2, v);
        char id[32];
        std::snprintf(id, sizeof id, "demo%07llu", static_cast<unsigned long long>(v));
        const double duration = std::round(g.uniform_real(60.0, 240.0) * 100.0) / 100.0;
        nlohmann::ordered_json annotations = nlohmann::ordered_json::array();
        nlohmann::ordered_json video_proposals = nlohmann::ordered_json::array();
        nlohmann::ordered_json video_detections = nlohmann::ordered_json::array();
        const auto segments = g.uniform_int(1, 3);
        for (std::int64_t k = 0; k < segments; ++k) {
            const double length = g.uniform_real(0.1, 0.3) * duration;
            const double start = std::round(g.uniform_real(0.0, duration - length) * 100.0) / 100.0;
            const double end = std::round((start + length) * 100.0) / 100.0;
            const auto label = static_cast<std::size_t>(g.uniform_int(0, 2));
            annotations.push_back({{"segment", {start, end}}, {"label", activity_names[label]}});
            for (int p = 0; p < 6; ++p) {  // jittered copies: the better the fit, the higher the score
                const double jitter = g.uniform_real(0.0, 0.35);
                const double s = std::max(0.0, start + g.uniform_real(-jitter, jitter) * length);
                const double e = std::min(duration, end + g.uniform_real(-jitter, jitter) * length);
                const double score = std::round((1.0 - jitter) * g.uniform_real(0.7, 1.0) * 1e4) / 1e4;
                video_proposals.push_back({{"segment", {s, e}}, {"score", score}});
                const std::size_t predicted = g.uniform_real() < 0.8 ? label : static_cast<std::size_t>(g.uniform_int(0, 2));
                video_detections.push_back({{"segment", {s, e}}, {"score", score}, {"label", activity_names[predicted]}});
            }
        }
        for (int p = 0; p < 10; ++p) {  // background: anywhere, low scores
            const double s = g.uniform_real(0.0, duration * 0.9);
            const double e = std::min(duration, s + g.uniform_real(0.05, 0.4) * duration);
            const double score = std::round(g.uniform_real(0.0, 0.5) * 1e4) / 1e4;
            video_proposals.push_back({{"segment", {s, e}}, {"score", score}});
            video_detections.push_back({{"segment", {s, e}}, {"score", score}, {"label", activity_names[static_cast<std::size_t>(g.uniform_int(0, 2))]}});
        }
        database[id] = {{"subset", "validation"}, {"duration", duration}, {"url", ""}, {"annotations", annotations}};
        proposals[id] = video_proposals;
        detections[id] = video_detections;
    }
    vidata::write_file_atomically(gt_path, nlohmann::ordered_json{{"version", "VERSION 1.3"}, {"database", database}}.dump());
    vidata::write_file_atomically(proposals_path, nlohmann::ordered_json{{"version", "VERSION 1.3"}, {"results", proposals}, {"external_data", nlohmann::ordered_json::object()}}.dump());
    vidata::write_file_atomically(detections_path, nlohmann::ordered_json{{"version", "VERSION 1.3"}, {"results", detections}, {"external_data", nlohmann::ordered_json::object()}}.dump());
}

// The CLI computes the same number from the files (compared to the last bit through %.17g JSON doubles).
void check_cli_agrees(const std::string& cli, const std::string& arguments, const char* key, double expected) {
    const std::string text = run(cli + " " + arguments + " --json");
    const auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.contains(key) || j[key].get<double>() != expected)
        throw std::runtime_error("`vidata " + arguments + "` disagrees with the library on " + key + ": " + text);
}

void evaluate_temporal(const fs::path& out, const std::string& cli) {
    const fs::path dir = out / "activitynet";
    fs::create_directories(dir);
    const fs::path gt_path = dir / "activity_net.v1-3.min.json";
    const fs::path proposals_path = dir / "proposals.json";
    const fs::path detections_path = dir / "detections.json";
    write_mini_activitynet(gt_path, proposals_path, detections_path);
    const auto gt = vidata::read_activitynet_ground_truth(gt_path);
    const auto proposals = vidata::read_temporal_results(proposals_path);
    const auto detections = vidata::read_temporal_results(detections_path);
    std::size_t segments = 0;
    for (const auto& v : gt.videos) segments += v.annotations.size();
    std::cout << "      " << gt.videos.size() << " validation videos, " << segments << " segments of " << gt.labels.size()
              << " activities; " << proposals.total_segments() << " proposals, " << detections.total_segments() << " detections\n";

    const auto ar = vidata::average_recall_at_avg_proposals(gt.videos, proposals);
    const auto det = vidata::temporal_detection_map(gt.videos, detections);
    std::cout << std::fixed << std::setprecision(4) << "      AR@1 " << ar.ar_at(1) << ", AR@5 " << ar.ar_at(5) << ", AR@10 " << ar.ar_at(10)
              << ", AR@100 " << ar.ar_at(100) << ", AUC " << ar.auc << "\n      detection mAP@0.50 " << det.mean_ap.front()
              << ", mAP@0.95 " << det.mean_ap.back() << ", average mAP (0.50:0.95) " << det.average_mean_ap << '\n';
    std::cout.unsetf(std::ios::floatfield);
    std::cout << std::setprecision(6);
    const auto ar_plot = vidata::plot::save_plot(out / "plots" / "ar_an", vidata::plot::ar_an_chart(ar.avg_proposals, ar.tious, ar.recall, ar.average_recall));
    std::cout << "      plot: " << ar_plot.png.string() << " (and .svg)\n";
    if (!cli.empty()) {
        check_cli_agrees(cli, "eval ar-an --gt " + gt_path.string() + " --proposals " + proposals_path.string(), "auc", ar.auc);
        check_cli_agrees(cli, "eval tdet --gt " + gt_path.string() + " --pred " + detections_path.string(), "average_mAP", det.average_mean_ap);
        std::cout << "      vidata eval ar-an / tdet on the files: the same AUC and average mAP\n";
    }
}

// Step 4: what MMAction2's tools/data/ucf101 scripts do after the download, through vidata::prepare and
// vidata::layouts: extract the RGB frames (extract_rgb_frames_opencv.sh: build_rawframes.py --task rgb --level 2
// --ext avi), show that a second run with --resume skips every finished video, build the rawframe lists of the three
// splits (build_file_list.py ucf101 --format rawframes), check that each line's frame count is the video's, and
// compare the whole tree with the guide's.
void prepare_dataset(const fs::path& out, const std::string& cli) {
    namespace vp = vidata::prepare;
    const fs::path videos = out / ucf101::layout.videos;
    const fs::path rawframes = out / ucf101::layout.rawframes;
    vp::rawframes_options options;
    options.level = 2;
    options.ext = "avi";
    options.num_worker = 2;
    const auto extracted = vp::build_rawframes(videos, rawframes, options);
    const auto& t = extracted.totals;
    std::cout << "      build_rawframes (2 workers): " << t.extracted << " videos, " << t.frames << " frames, " << t.bytes << " bytes of "
              << (vp::jpeg_encoder_is_turbojpeg() ? "libjpeg-turbo" : "stb") << " JPEG in " << std::fixed << std::setprecision(2) << t.seconds
              << " s (" << std::setprecision(0) << static_cast<double>(t.frames) / t.seconds << " frames/s), " << t.failed << " failed\n";
    std::cout.unsetf(std::ios::floatfield);
    std::cout << std::setprecision(6) << "      " << (rawframes / "<Class>" / "v_<Class>_gXX_cYY" / "img_00001.jpg").string() << " ...; report "
              << extracted.report_file.string() << "\n";
    if (t.failed != 0 || t.extracted != all_videos().size()) throw std::runtime_error("build_rawframes did not extract every video");

    // Killed or not, a rerun with --resume picks up where the last one stopped: here every video is done.
    options.resume = true;
    const auto resumed = vp::build_rawframes(videos, rawframes, options).totals;
    std::cout << "      again with --resume: " << resumed.skipped << " videos skipped, " << resumed.extracted << " extracted\n";
    if (resumed.skipped != all_videos().size()) throw std::runtime_error("a resumed run extracted again");

    vidata::layouts::build_file_list_options list_options;
    list_options.format = vidata::media_kind::rawframes;
    list_options.annotations = out / ucf101::layout.annotations;
    const auto lists = vidata::layouts::build_file_list(ucf101::name, rawframes, list_options);
    std::size_t lines = 0;
    for (const auto& l : lists) {
        vidata::write_file_atomically(out / l.name, l.text);
        lines += l.lines.size();
    }
    const fs::path val_list = out / vidata::datasets::fill(ucf101::lists[1].path, 1);  // ucf101_val_split_1_rawframes.txt
    const auto val = vidata::read_annotations<vidata::formats::rawframe_list>(val_list);
    bool counts_match = !val.empty();
    for (const auto& r : val) counts_match = counts_match && r.total_frames == video_frames;
    std::cout << "      build_file_list ucf101 --format rawframes: " << lists.size() << " lists, " << lines << " lines (" << val_list.filename().string()
              << ": " << val.size() << " frame directories, each " << video_frames << " frames as the videos hold: " << (counts_match ? "yes" : "NO") << ")\n";
    if (!counts_match) throw std::runtime_error("the rawframe lists' frame counts differ from the videos'");

    const auto differences = vidata::layouts::check_layout(ucf101::name, out);
    std::cout << "      check_layout ucf101: " << differences.size() << " differences from the guide's tree";
    if (!cli.empty()) {
        const auto report = nlohmann::json::parse(run(cli + " check-layout ucf101 " + out.string() + " --json"), nullptr, false);
        if (report.is_discarded() || !report.contains("differences") || report["differences"].size() != differences.size())
            throw std::runtime_error("`vidata check-layout` disagrees with the library's check_layout");
        std::cout << " (`vidata check-layout ucf101 " << out.string() << " --json`: the same)";
    }
    std::cout << "\n";
    for (const auto& d : differences) std::cout << "        " << d.path << ": " << d.problem << " (expected " << d.expected << ", found " << d.found << ")\n";
    if (!differences.empty()) throw std::runtime_error("the prepared tree differs from the guide's");

    // The keyframe-dense copy MMAction2's resize_videos.py --dense writes for fast random access (the Kinetics guide's
    // *_256p_dense_cache): short side 64 here (the videos are 96x72), libx264 with a keyframe every 16 frames.
    const fs::path dense = out / "videos_64p_dense_cache";
    vp::resize_options resize;
    resize.ext = "avi";
    resize.to_mp4 = true;
    resize.scale = 64;
    resize.dense = true;
    resize.num_worker = 2;
    const auto resized = vp::resize_videos(videos, dense, resize);
    std::cout << "      resize_videos --dense --scale 64 (2 workers): " << resized.totals.written << " videos, " << resized.totals.units
              << " frames (" << resized.codec << ", a keyframe every 16 frames) in " << std::fixed << std::setprecision(2) << resized.totals.seconds
              << " s, " << resized.totals.failed << " failed: " << (dense / "<Class>" / "v_<Class>_gXX_cYY.mp4").string() << "\n";
    std::cout.unsetf(std::ios::floatfield);
    std::cout << std::setprecision(6);
    if (resized.totals.failed != 0 || resized.totals.written != all_videos().size()) throw std::runtime_error("resize_videos did not write every video");
    const fs::path first = fs::path(class_names[0]) / (std::string("v_") + class_names[0] + "_g01_c01");
    vidata::video_reader original(videos / (first.string() + ".avi"));
    vidata::video_reader small(dense / (first.string() + ".mp4"));
    std::cout << "      " << first.string() << ": " << original.width() << "x" << original.height() << ", " << original.frame_count() << " frames -> "
              << small.width() << "x" << small.height() << ", " << small.frame_count() << " frames\n";
    if (small.frame_count() != original.frame_count() || small.height() != 64) throw std::runtime_error("the dense copy lost frames or has the wrong size");
}

}  // namespace

int main(int argc, char** argv) try {
    std::string cli;
    fs::path out = "_demo";
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--vidata") == 0 && i + 1 < argc) cli = argv[++i];
        else out = argv[i];
    }
    const auto start = std::chrono::steady_clock::now();
    // libx264 reports each file's statistics at FFmpeg's default log level; the demo prints its own summary.
    av_log_set_level(AV_LOG_WARNING);
    fs::create_directories(out / ucf101::layout.annotations);
    std::cout << "vidata " << vidata::version_string << " demo: output in " << fs::absolute(out).string() << "\n\n";

    std::cout << "[1/12] writing a miniature UCF-101 (" << class_names.size() << " classes) in its official layout\n";
    write_official_files(out);
    std::cout << "      " << (out / class_index_file).string() << ", " << (out / train_split_file).string() << ", "
              << (out / test_split_file).string() << "\n      (names from vidata::datasets::" << ucf101::name << ": " << ucf101::title << ", "
              << ucf101::num_classes << " classes and " << ucf101::num_splits << " splits in full; its guide evaluates with";
    for (const auto m : ucf101::metrics)
        std::cout << (m == ucf101::metrics.front() ? " " : ", ") << vidata::datasets::to_string_view(m) << " (`vidata eval "
                  << vidata::datasets::eval_command(m) << "`)";
    std::cout << ")\n";

    // The archive unpacks to UCF-101/<Class>/v_<Class>_gXX_cYY.avi; MMAction2's download_videos.sh renames UCF-101/
    // to videos/, the guide's tree.
    const fs::path videos = out / ucf101::layout.videos;
    std::cout << "[2/12] encoding its videos with vidata::video_writer: " << video_width << "x" << video_height << ", "
              << video_frames << " frames at " << video_fps << " fps; a square whose colour and direction depend on the class\n";
    {
        const auto t0 = std::chrono::steady_clock::now();
        std::uintmax_t bytes = 0;
        std::size_t count = 0;
        std::string codec;
        vidata::video_writer_options options;
        // MPEG-4 part 2 in AVI, as UCF-101's own videos (Xvid). Also for reproducibility: libavcodec's mpeg4 encoder gives
        // the same bytes on every run, while libx264 (this machine's, one thread) gave a few videos a different frame
        // from one run of the demo to the next, and the features with them.
        options.codec = "mpeg4";
        options.qscale = 8;  // coarse: the noise is not worth the bytes
        options.durable = false;  // a demo's scratch files: the rename keeps them whole, no need to wait for the disk
        vidata::video_writer writer;
        for (const auto& v : all_videos()) {
            const fs::path file = videos / video_name(v.cls, v.group, v.clip);
            fs::create_directories(file.parent_path());
            writer.open(file, video_width, video_height, video_fps, options);
            writer.write(synthesize_video(v));
            writer.finish();
            codec = writer.codec_name();
            bytes += fs::file_size(file);
            ++count;
        }
        const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        std::cout << "      " << count << " videos, " << count * static_cast<std::size_t>(video_frames) << " frames, " << bytes
                  << " bytes (" << codec << ", yuv420p) in " << std::fixed << std::setprecision(2) << seconds << " s\n";
        std::cout.unsetf(std::ios::floatfield);
        std::cout << std::setprecision(6) << "      " << (videos / "<Class>" / "v_<Class>_gXX_cYY.avi").string() << "\n";
    }

    std::cout << "[3/12] reading the annotations back through vidata's format readers; writing MMAction2's video lists\n";
    const auto classes = vidata::read_annotations<vidata::formats::ucf101_classind>(out / class_index_file);
    const auto train = read_split(out / train_split_file, classes);
    const auto test = read_split(out / test_split_file, classes);
    std::cout << "      " << classes.size() << " classes, " << train.size() << " train videos, " << test.size()
              << " test videos (first: " << test.front().path << ", label " << test.front().label() << ")\n";
    // What tools/data/build_file_list.py ucf101 --format videos writes, and reads back to the same records.
    const fs::path train_list = out / vidata::datasets::fill(ucf101::lists[2].path, 1);  // ucf101_train_split_1_videos.txt
    const fs::path val_list = out / vidata::datasets::fill(ucf101::lists[3].path, 1);    // ucf101_val_split_1_videos.txt
    vidata::write_annotations<vidata::formats::video_list>(train_list, train);
    vidata::write_annotations<vidata::formats::video_list>(val_list, test);
    const bool lists_round_trip = vidata::read_annotations<vidata::formats::video_list>(train_list) == train &&
                                  vidata::read_annotations<vidata::formats::video_list>(val_list) == test;
    std::cout << "      " << train_list.string() << ", " << val_list.string() << " (read back to the same records: "
              << (lists_round_trip ? "yes" : "NO") << ")\n";
    if (!lists_round_trip) throw std::runtime_error("the video lists did not read back to what was written");

    std::cout << "[4/12] preparing it as MMAction2's tools/data/ucf101 scripts do: RGB frames, rawframe lists, the layout check, a keyframe-dense copy\n";
    prepare_dataset(out, cli);

    std::cout << "[5/12] sampling one video as the TSN test pipeline does (SampleFrames 1x1x" << tsn_sampler.num_clips << ", test mode)\n";
    {
        const fs::path file = videos / test.front().path;
        vidata::video_reader reader(file);
        auto g = vidata::rng::for_item(seed, 0, 0);
        const auto indices = tsn_sampler.sample(reader.frame_count(), g);
        std::string list;
        for (const auto i : indices.flat()) list += (list.empty() ? "" : ",") + std::to_string(i);
        std::cout << "      " << file.string() << ": " << reader.frame_count() << " frames (counted by demuxing), " << reader.width()
                  << "x" << reader.height() << " at " << reader.fps().value_or(0.0) << " fps; frames " << list << "\n";
        if (!cli.empty()) {
            // The CLI samples the same indices, and decodes the same pixels as the library (the MD5 of each RGB24 frame).
            const auto sampled = nlohmann::json::parse(run(cli + " sample --sampler segments --total-frames " + std::to_string(reader.frame_count()) +
                                                           " --num-clips " + std::to_string(tsn_sampler.num_clips) + " --test-mode --json"),
                                                       nullptr, false);
            if (sampled.is_discarded() || sampled["frame_inds"] != nlohmann::json(std::vector<std::int64_t>(indices.flat().begin(), indices.flat().end())))
                throw std::runtime_error("`vidata sample` disagrees with the library's sampler");
            const auto frames = reader.read(indices);
            const auto decoded = nlohmann::json::parse(run(cli + " decode " + file.string() + " --frames " + list + " --md5 --json"), nullptr, false);
            bool same = !decoded.is_discarded() && decoded["frames"].size() == frames.frames();
            for (std::size_t i = 0; same && i < frames.frames(); ++i)
                same = decoded["frames"][i]["md5"] == vidata::ffmpeg::md5_hex(frames.frame_pixels(i));
            if (!same) throw std::runtime_error("`vidata decode --md5` disagrees with the library's reader");
            std::cout << "      `vidata sample --sampler segments --total-frames " << reader.frame_count() << " --num-clips "
                      << tsn_sampler.num_clips << " --test-mode`: the same frames; `vidata decode --frames " << list
                      << " --md5`: the same pixels (first frame's MD5 " << vidata::ffmpeg::md5_hex(frames.frame_pixels(0)) << ")\n";
        }
    }

    std::cout << "[6/12] loading every video through a TSN test pipeline on 2 threads: decode -> Resize(-1, 64) -> CenterCrop 64 -> "
                 "Normalize -> FormatShape NCHW\n";
    namespace vt = vidata::transforms;
    const auto tsn_test = vidata::pipeline(tsn_sampler, vidata::open_at<vidata::video_reader>(videos), vt::resize{{-1, 64}},
                                           vt::center_crop{64}, vidata::mmaction::kinetics_normalize(), vt::format_shape<vidata::layouts::nchw>{});
    std::vector<vidata::video_record> everything = train;
    everything.insert(everything.end(), test.begin(), test.end());
    Eigen::MatrixXd features(static_cast<Eigen::Index>(everything.size()), feature_dim);
    {
        const auto t0 = std::chrono::steady_clock::now();
        vidata::loader load(tsn_test, everything, {.batch_size = 10, .threads = 2, .prefetch_batches = 2, .seed = seed});
        std::vector<std::size_t> shape;
        while (auto batch = load.next_batch()) {
            for (std::size_t i = 0; i < batch->size(); ++i) {
                const auto& x = batch->values[i];
                shape.assign(x.shape().begin(), x.shape().end());
                features.row(static_cast<Eigen::Index>(batch->record_indices[i])) = clip_features(x).transpose();
            }
        }
        const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        const auto& stats = load.stats();
        const auto items = static_cast<double>(stats.delivered);
        std::cout << "      " << stats.delivered << " clips of shape " << shape[0] << "x" << shape[1] << "x" << shape[2] << "x" << shape[3]
                  << " (float32) in " << std::fixed << std::setprecision(3) << seconds << " s: " << std::setprecision(1) << items / seconds
                  << " videos/s, " << items * static_cast<double>(tsn_sampler.num_clips) / seconds << " frames decoded and transformed/s\n";
        std::cout.unsetf(std::ios::floatfield);
        std::cout << std::setprecision(6) << "      loader memory: at most " << stats.max_in_flight << " items in flight, peak "
                  << stats.peak_in_flight << " items holding " << stats.peak_in_flight_bytes << " bytes (largest value of one item "
                  << stats.peak_item_bytes << " bytes)\n";
    }
    fs::create_directories(out / "results");
    const fs::path features_npy = out / "results" / "features.npy";
    vidata::save_npy(features_npy, vidata::ndarray::from_eigen(features));
    std::cout << "      features per clip: colour (3: channel mean minus grey) and motion (2: the salient region's "
                 "displacement per segment, in pixels): "
              << features_npy.string() << " (train rows, then test rows)\n";

    std::cout << "[7/12] scoring the test split with a nearest-class-mean classifier fitted on the train split "
                 "(features standardized on train; softmax of -distance^2)\n";
    const auto num_classes = static_cast<Eigen::Index>(classes.size());
    const auto num_train = static_cast<Eigen::Index>(train.size());
    const Eigen::RowVectorXd centre = features.topRows(num_train).colwise().mean();
    const Eigen::RowVectorXd spread =
        ((features.topRows(num_train).rowwise() - centre).array().square().colwise().sum() / static_cast<double>(num_train)).sqrt().max(1e-9);
    const Eigen::MatrixXd standardized = (features.rowwise() - centre).array().rowwise() / spread.array();
    Eigen::MatrixXd means = Eigen::MatrixXd::Zero(num_classes, feature_dim);
    Eigen::VectorXd counts = Eigen::VectorXd::Zero(num_classes);
    for (std::size_t i = 0; i < train.size(); ++i) {
        means.row(train[i].label()) += standardized.row(static_cast<Eigen::Index>(i));
        counts(train[i].label()) += 1.0;
    }
    means.array().colwise() /= counts.array();
    Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> scores(static_cast<Eigen::Index>(test.size()), num_classes);
    for (std::size_t i = 0; i < test.size(); ++i) {
        const Eigen::RowVectorXd f = standardized.row(num_train + static_cast<Eigen::Index>(i));
        const Eigen::VectorXd logits = -(means.rowwise() - f).rowwise().squaredNorm();
        const Eigen::VectorXd p = (logits.array() - logits.maxCoeff()).exp();
        scores.row(static_cast<Eigen::Index>(i)) = (p / p.sum()).cast<float>().transpose();
    }

    std::cout << "[8/12] evaluating the test split\n";
    std::vector<std::int64_t> labels;
    for (const auto& r : test) labels.push_back(r.label());
    const auto top = vidata::top_k_accuracy(scores, labels, {1, 3});
    const double mca = vidata::mean_class_accuracy(scores, labels);
    std::vector<std::int64_t> predicted(labels.size());
    for (Eigen::Index i = 0; i < scores.rows(); ++i) scores.row(i).maxCoeff(&predicted[static_cast<std::size_t>(i)]);
    const auto cm = vidata::confusion_matrix(predicted, labels);
    std::cout << std::fixed << std::setprecision(4) << "      top-1 " << top[0] << ", top-3 " << top[1] << ", mean class accuracy " << mca
              << "\n      confusion matrix (rows: true class, columns: predicted):\n";
    for (Eigen::Index r = 0; r < cm.matrix.rows(); ++r) {
        std::cout << "      " << std::setw(16) << std::left << class_names[static_cast<std::size_t>(cm.labels[static_cast<std::size_t>(r)])] << std::right;
        for (Eigen::Index c = 0; c < cm.matrix.cols(); ++c) std::cout << std::setw(4) << static_cast<int>(cm.matrix(r, c));
        std::cout << '\n';
    }
    std::cout.unsetf(std::ios::floatfield);
    std::cout << std::setprecision(6);
    fs::create_directories(out / "plots");
    const std::vector<std::string> names(class_names.begin(), class_names.end());
    const auto confusion_plot = vidata::plot::save_plot(out / "plots" / "confusion_matrix", vidata::plot::confusion_heat_map(cm, names));
    std::cout << "      plot: " << confusion_plot.png.string() << " (and .svg)\n";

    std::cout << "[9/12] saving the scores as MMAction2's tools/test.py --out does, and as .npy\n";
    std::vector<vidata::pickle::value> per_video;
    for (Eigen::Index i = 0; i < scores.rows(); ++i) {
        const Eigen::RowVectorXf row = scores.row(i);
        per_video.emplace_back(vidata::ndarray::from_values<float>({num_classes}, std::span<const float>(row.data(), static_cast<std::size_t>(row.size()))));
    }
    const fs::path results_pkl = out / "results" / "results.pkl";
    const fs::path scores_npy = out / "results" / "scores.npy";
    vidata::write_file_atomically(results_pkl, vidata::pickle::dump(vidata::pickle::value::list(std::move(per_video))));
    vidata::save_npy(scores_npy, vidata::ndarray::from_eigen(scores));
    {
        vidata::atomic_file label_file(out / "results" / "test_labels.txt");
        for (const auto& r : test) label_file.stream() << r.label() << '\n';
        label_file.commit();
    }
    std::cout << "      " << results_pkl.string() << " (" << fs::file_size(results_pkl) << " bytes), " << scores_npy.string() << " ("
              << fs::file_size(scores_npy) << " bytes), " << (out / "results" / "test_labels.txt").string() << "\n";

    std::cout << "[10/12] reading both back through vidata's safe readers\n";
    const auto loaded = vidata::pickle::load_file(results_pkl);
    const auto loaded_npy = vidata::load_npy(scores_npy).to_matrix<float>();
    bool identical = loaded.is_list() && loaded.size() == test.size() && loaded_npy == scores;
    for (std::size_t i = 0; identical && i < loaded.size(); ++i) {
        const auto row = loaded[i].as_ndarray().to_vector<float>();
        identical = std::memcmp(row.data(), scores.row(static_cast<Eigen::Index>(i)).data(), row.size() * sizeof(float)) == 0;
    }
    std::cout << "      results.pkl: " << loaded.type_name() << " of " << loaded.size() << " float32 arrays; scores.npy: "
              << loaded_npy.rows() << "x" << loaded_npy.cols() << "; bit-identical to what was written: " << (identical ? "yes" : "NO") << "\n";
    if (!identical) throw std::runtime_error("read-back differs from what was written");

    const fs::path python = "/usr/bin/python3";
    if (fs::exists(python) && run(python.string() + " -c 'import numpy'").empty()) {
        const fs::path script = out / "results" / "check_with_python.py";
        vidata::write_file_atomically(script, python_check);
        char metrics[96];
        std::snprintf(metrics, sizeof metrics, " %.17g %.17g %.17g", top[0], top[1], mca);
        const std::string verdict = run(python.string() + " " + script.string() + " " + results_pkl.string() + " " + scores_npy.string() + " " +
                                        (out / "results" / "test_labels.txt").string() + metrics);
        std::cout << "      " << verdict;
        if (verdict.find("the same as vidata") == std::string::npos) throw std::runtime_error("the Python check disagrees");
    } else {
        std::cout << "      (python3 with numpy not found: skipping the independent Python check)\n";
    }

    std::cout << "[11/12] a miniature ActivityNet: temporal proposals and detections\n";
    evaluate_temporal(out, cli);

    std::cout << "[12/12] vidata inspect\n";
    if (!cli.empty()) {
        // The format of each annotation file is detected from its name and content.
        for (const fs::path& file : {out / class_index_file, out / test_split_file, val_list})
            std::cout << run(cli + " inspect " + file.string());
        std::cout << run(cli + " inspect " + results_pkl.string()) << run(cli + " inspect " + scores_npy.string());
    } else {
        std::cout << "      (pass --vidata PATH to show the CLI's view)\n";
    }

    const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << "\ndemo finished in " << seconds << " s\n"
              << "files: " << fs::absolute(out).string() << "\n";
    return 0;
} catch (const std::exception& e) {
    std::cerr << "demo failed: " << e.what() << '\n';
    return 1;
}
