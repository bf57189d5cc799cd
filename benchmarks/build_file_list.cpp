// SPDX-License-Identifier: Apache-2.0
// build_file_list on a Kinetics-like tree of N frame directories (default 100k: 400 classes x 250 videos, F frames
// each), against MMAction2's algorithm in Python (benchmarks/python/build_file_list_peer.py) on the same tree, in
// the same run. Both shuffle with seed 123, so their lists must be equal byte for byte, which is checked.
#include "support.hpp"

#include <vidata/layout/build_file_list.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

int main(int argc, char** argv) {
    using namespace vidata::bench;
    namespace fs = std::filesystem;
    int videos = 100000, frames = 3;
    const auto parsed = parse_options(argc, argv, {fs::temp_directory_path() / "vidata-bench-build-file-list", 3},
                                      {{"--videos", &videos}, {"--frames", &frames}});
    if (!parsed) return 2;
    const options& o = *parsed;
    const fs::path root = o.dir, ds = root / "data/kinetics400";
    fs::remove_all(ds);
    fs::create_directories(ds / "annotations");
    const int classes = 400;
    const auto t_make = clock_type::now();
    {
        std::ofstream csv(ds / "annotations/kinetics_train.csv");
        csv << "label,youtube_id,time_start,time_end,split\n";
        char video[64], frame[32];
        for (int i = 0; i < videos; ++i) {
            const std::string label = "class " + std::to_string(i % classes);
            std::snprintf(video, sizeof video, "yt%08d", i);
            csv << '"' << label << "\"," << video << ",10,20,train\n";
            if (i % 50 == 7) continue;  // listed, not extracted: a tree always misses some
            const fs::path dir = ds / "rawframes" / ("class_" + std::to_string(i % classes)) / (std::string(video) + "_000010_000020");
            fs::create_directories(dir);
            for (int f = 1; f <= frames; ++f) {
                std::snprintf(frame, sizeof frame, "img_%05d.jpg", f);
                std::ofstream(dir / frame).put('\0');
            }
        }
        std::ofstream(ds / "annotations/kinetics_val.csv") << "label,youtube_id,time_start,time_end,split\n";
    }
    std::printf("tree: %d listed videos, %d frame directories of %d frames (made in %.1f s) under %s\n", videos,
                videos - (videos + 42) / 50, frames, seconds_since(t_make), root.c_str());

    vidata::layouts::build_file_list_options options;
    options.out_root_path = root / "data";
    options.shuffle = true;
    options.seed = 123;
    std::size_t lines = 0;
    std::string text;
    const double vidata_s = best_of(o.reps, [&] {
        const auto lists = vidata::layouts::build_file_list("kinetics400", ds / "rawframes", options);
        vidata::layouts::write_file_lists(lists, "kinetics400", options.out_root_path);
        lines = lists[0].lines.size();
        text = lists[0].text;
    });
    std::printf("vidata build_file_list (scan + CSV + lines + shuffle + write): best of %d %.3f s, %zu lines\n", o.reps, vidata_s, lines);
    if (o.peer) {
        const auto peer = run_peer("build_file_list_peer.py", {std::to_string(o.reps), root.string()});
        if (peer) {
            const double py_s = (*peer)["seconds"].get<double>();
            std::printf("python %s, MMAction2's algorithm:                       best of %d %.3f s, %zu lines\n",
                        (*peer)["python"].get<std::string>().c_str(), o.reps, py_s, (*peer)["lines"].get<std::size_t>());
            std::printf("speed-up %.1fx; lists %s\n", py_s / vidata_s, (*peer)["text"].get<std::string>() == text ? "equal" : "DIFFER");
            if ((*peer)["text"].get<std::string>() != text) return 1;
        }
    }
    fs::remove_all(ds);
    return 0;
}
