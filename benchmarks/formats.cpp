// SPDX-License-Identifier: Apache-2.0
// Benchmark: the annotation-format readers, file to records, on files the size of the real ones, against what
// MMAction2's tools do in Python on the same files (csv module, str.split per line, json.load).
//
//   vidata_bench_formats [--dir DIR] [--reps N] [--no-peer]
//
// Writes, from a fixed seed, into DIR:
//   train_rawframes.txt     250,000 lines `class/video_000012_000022 300 17` (MMAction2's rawframe list)
//   train_videos.txt        250,000 lines `class/video_000012_000022.mp4 17` (its video list)
//   kinetics400_train.csv   246,534 rows `label,youtube_id,time_start,time_end,split` (Kinetics-400 train's
//                           size), sorted by label; labels with a space quoted as in the official file, a few
//                           with a comma
//   ava_train_v2.2.csv      1,000,000 rows `video,0902,x1,y1,x2,y2,action,person` (AVA train is ~840k), some
//                           keyframes without boxes (`video,0902`)
//   HVU_Train_V1.0.csv      481,418 rows `tag|tag|...,youtube_id,start,end` (HVU train's size), ~12.5 tags a row
//   activity_net.v1-3.json  the official ActivityNet v1.3 shape (version, taxonomy of 272 nodes, videos with subset,
//                           duration, resolution, url and segments written as json.dump writes doubles), ~10 MB as
//                           the issue sizes it (36,550 videos; the real file has 19,994)
//   something-something-v2-train.json   168,913 items `{"id","label","template","placeholders"}` (SSv2 train)
//   something-something-v2-labels.json  its 174 templates (8 KB: timed, but too small for a MB/s goal)
// For each format it prints:
// - file to records in this process, best of N, the file in the page cache (what read_annotations does: map the
//   file, parse, build the records), with MB/s, records/s and the goal (lists and CSVs >= 300 MB/s, JSON >= 200
//   MB/s). The allocator keeps freed memory here (mallopt), so repetitions after the first measure the reader, not
//   the kernel's first touches of fresh pages;
// - the same read once in a fresh process (what `vidata inspect` pays), with the first touches it took and what
//   they cost at the per-page cost measured at the start (tens of microseconds on this project's VM), and that
//   process's peak RSS against the file's size (goal: <= 3x);
// - benchmarks/python/formats_peer.py on the same files in the same run (what MMAction2's tools do: csv.reader,
//   line.split(), json.load, building a record per row; best of min(N, 3)), the ratios against both vidata times,
//   and whether both sides count the same records and the same inner items (labels, rows with a box, tags, ...).
#include <vidata/core/rng.hpp>
#include <vidata/formats/anet_json.hpp>
#include <vidata/formats/ava_csv.hpp>
#include <vidata/formats/format.hpp>
#include <vidata/formats/hvu_csv.hpp>
#include <vidata/formats/kinetics_csv.hpp>
#include <vidata/formats/rawframe_list.hpp>
#include <vidata/formats/sthv2_json.hpp>
#include <vidata/formats/sthv2_labels.hpp>
#include <vidata/formats/video_list.hpp>
#include <vidata/io/read_file.hpp>
#include <vidata/io/detail/mapped_text.hpp>

#include "support.hpp"

#include <nlohmann/json.hpp>

#include <malloc.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace {

constexpr std::uint64_t seed = 20240615;
constexpr int list_lines = 250'000;
constexpr int kinetics_rows = 246'534;      // Kinetics-400 train.csv
constexpr int ava_target_rows = 1'000'000;  // AVA v2.2 train: ~840k rows; a round million
constexpr int hvu_rows = 481'418;           // HVU_Train_V1.0.csv
// ActivityNet v1.3 has 19,994 videos, 5.5 MB in this shape; the issue sizes its file at ~10 MB, which this many make.
constexpr int anet_videos = 36'550;
constexpr int sthv2_items = 168'913;        // Something-Something V2 train
constexpr int sthv2_templates = 174;

using namespace vidata::bench;
using vidata::rng;

constexpr char id_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string youtube_id(rng& g) {
    std::string id(11, ' ');
    for (char& c : id) c = id_alphabet[g.uniform_int<int>(0, 63)];
    return id;
}

template <class T, std::size_t N>
const T& pick(rng& g, const std::array<T, N>& from) {
    return from[static_cast<std::size_t>(g.uniform_int<int>(0, static_cast<int>(N) - 1))];
}

// Kinetics-like class names: "verb object" pairs (quoted in the CSV, as Kinetics-400 quotes every label with a
// space), one-word ones, and a few with a comma and parentheses (Kinetics-700 has "(not ...)" labels).
std::vector<std::string> kinetics_classes() {
    static constexpr std::array<const char*, 20> verbs{"playing", "riding", "making", "cleaning", "throwing", "catching",
                                                       "washing", "cutting", "eating", "drinking", "pushing", "pulling",
                                                       "folding", "carving", "brushing", "juggling", "shooting", "tying",
                                                       "peeling", "climbing"};
    static constexpr std::array<const char*, 20> objects{"guitar", "bicycle", "tea", "windows", "discus", "fish", "dishes",
                                                         "watermelon", "burger", "beer", "car", "rope", "napkins",
                                                         "pumpkin", "hair", "balls", "goal (soccer)", "bow tie",
                                                         "apple", "tree"};
    static constexpr std::array<const char*, 12> single{"abseiling", "bowling", "breakdancing", "headbanging", "hurdling",
                                                        "kitesurfing", "parasailing", "sneezing", "snowkiting",
                                                        "somersaulting", "yawning", "zumba"};
    std::set<std::string> names(single.begin(), single.end());
    for (const char* v : verbs)
        for (const char* o : objects)
            if (names.size() < 392) names.insert(std::string(v) + " " + o);
    for (const char* odd : {"petting animal (not cat)", "dancing (ballet, tap)", "tasting food, wine", "shaking hands, hugging",
                            "passing ball (not soccer, basketball)", "tying knot (not on a tie)", "cooking egg", "dunking basketball"})
        names.insert(odd);
    return {names.begin(), names.end()};  // sorted, as the official files are
}

std::string underscored(std::string s) {
    for (char& c : s)
        if (c == ' ' || c == ',' || c == '(' || c == ')') c = '_';
    return s;
}

// MMAction2's lists: `class/{id}_{start:06d}_{end:06d} total_frames label` and the .mp4 form.
void write_lists(const std::filesystem::path& dir, const std::vector<std::string>& classes) {
    std::ofstream raw(dir / "train_rawframes.txt", std::ios::binary), vid(dir / "train_videos.txt", std::ios::binary);
    char line[256];
    for (int i = 0; i < list_lines; ++i) {
        rng g = rng::for_item(seed, 10, static_cast<std::uint64_t>(i));
        const int label = g.uniform_int<int>(0, static_cast<int>(classes.size()) - 1);
        const std::string dirname = underscored(classes[static_cast<std::size_t>(label)]);
        const std::string id = youtube_id(g);
        const int start = g.uniform_int<int>(0, 600);
        const int frames = g.uniform_int<int>(240, 300);
        std::snprintf(line, sizeof line, "%s/%s_%06d_%06d", dirname.c_str(), id.c_str(), start, start + 10);
        raw << line << ' ' << frames << ' ' << label << '\n';
        vid << line << ".mp4 " << label << '\n';
    }
}

void write_kinetics(const std::filesystem::path& path, const std::vector<std::string>& classes) {
    std::ofstream out(path, std::ios::binary);
    out << "label,youtube_id,time_start,time_end,split\n";
    char times[64];
    for (int i = 0; i < kinetics_rows; ++i) {
        rng g = rng::for_item(seed, 11, static_cast<std::uint64_t>(i));
        // Rows sorted by label, ~616 a class.
        const auto c = static_cast<std::size_t>(static_cast<long long>(i) * static_cast<long long>(classes.size()) / kinetics_rows);
        const std::string& label = classes[c];
        if (label.find(' ') != std::string::npos || label.find(',') != std::string::npos) out << '"' << label << '"';
        else out << label;
        const int start = g.uniform_int<int>(0, 900);
        std::snprintf(times, sizeof times, ",%d,%d,train\n", start, start + 10);
        out << ',' << youtube_id(g) << times;
    }
}

// AVA: 235 videos x keyframes 0902-1798, 0-4 people a keyframe, 1-3 actions a person (one row each).
int write_ava(const std::filesystem::path& path) {
    std::ofstream out(path, std::ios::binary);
    char line[160];
    int rows = 0;
    for (int v = 0; rows < ava_target_rows; ++v) {
        rng name = rng::for_item(seed, 12, static_cast<std::uint64_t>(v));
        const std::string video = youtube_id(name);
        for (int ts = 902; ts <= 1798 && rows < ava_target_rows; ++ts) {
            rng g = rng::for_item(seed, 13, static_cast<std::uint64_t>(v) * 1000 + static_cast<std::uint64_t>(ts));
            const int people = g.uniform_int<int>(0, 4);
            if (people == 0) {
                std::snprintf(line, sizeof line, "%s,%04d\n", video.c_str(), ts);
                out << line;
                ++rows;
                continue;
            }
            for (int p = 0; p < people; ++p) {
                const double x1 = g.uniform_real(0.0, 0.6), y1 = g.uniform_real(0.0, 0.4);
                const double x2 = std::min(1.0, x1 + g.uniform_real(0.1, 0.4)), y2 = std::min(1.0, y1 + g.uniform_real(0.3, 0.6));
                const int actions = g.uniform_int<int>(1, 3);
                for (int a = 0; a < actions; ++a) {
                    std::snprintf(line, sizeof line, "%s,%04d,%.3f,%.3f,%.3f,%.3f,%d,%d\n", video.c_str(), ts, x1, y1, x2, y2,
                                  g.uniform_int<int>(1, 80), p);
                    out << line;
                    ++rows;
                }
            }
        }
    }
    return rows;
}

// HVU: 3,000 tags of one to three words (9.5 bytes on average, one in seven longer than 15, as in HVU's tag list),
// 4-21 of them a row (12.7 in HVU_Val); times in half seconds ("101.5", "182").
void write_hvu(const std::filesystem::path& path) {
    static constexpr std::array<const char*, 32> words{"play", "water", "sport", "crowd", "tree", "lawn", "combat", "martial",
                                                       "arts", "music", "drum", "swim", "pool", "leisure", "venue", "road",
                                                       "asphalt", "snare", "dobok", "team", "indoor", "games", "house",
                                                       "estate", "sky", "fun", "skin", "head", "cymbal", "plant", "soil", "grass"};
    std::vector<std::string> tags;
    for (int t = 0; t < 3000; ++t) {
        rng g = rng::for_item(seed, 14, static_cast<std::uint64_t>(t));
        const int draw = g.uniform_int<int>(0, 99);
        std::string tag = pick(g, words);
        for (int k = draw < 55 ? 0 : draw < 93 ? 1 : 2; k > 0; --k) (tag += '_') += pick(g, words);
        tags.push_back(tag);
    }
    std::ofstream out(path, std::ios::binary);
    out << "Tags,youtube_id,time_start,time_end\n";
    for (int i = 0; i < hvu_rows; ++i) {
        rng g = rng::for_item(seed, 15, static_cast<std::uint64_t>(i));
        const int n = g.uniform_int<int>(4, 21);
        for (int k = 0; k < n; ++k) out << (k ? "|" : "") << tags[static_cast<std::size_t>(g.uniform_int<int>(0, 2999))];
        const int half = g.uniform_int<int>(0, 400);
        const auto time = [](int halves) { return halves % 2 ? std::to_string(halves / 2) + ".5" : std::to_string(halves / 2); };
        out << ',' << youtube_id(g) << ',' << time(half) << ',' << time(half + 4) << '\n';
    }
}

// The shortest text that reads back as `v` (what Python's json.dump writes for a float).
std::string repr(double v) {
    char buffer[32];
    const auto r = std::to_chars(buffer, buffer + sizeof buffer, v);
    std::string s(buffer, r.ptr);
    if (s.find_first_of(".e") == std::string::npos) s += ".0";
    return s;
}

// ActivityNet v1.3 as json.dump writes it (", ", ": "): segment bounds are full doubles in the official file.
void write_anet(const std::filesystem::path& path) {
    static constexpr std::array<const char*, 3> subsets{"training", "validation", "testing"};
    static constexpr std::array<const char*, 4> resolutions{"1280x720", "640x360", "1920x1080", "480x360"};
    std::ofstream out(path, std::ios::binary);
    out << R"({"version": "VERSION 1.3", "taxonomy": [{"parentName": null, "nodeName": "Root", "nodeId": 0, "parentId": null})";
    for (int n = 1; n < 272; ++n)
        out << R"(, {"parentName": "Group )" << (n - 1) / 8 << R"(", "nodeName": "Activity )" << n << R"(", "nodeId": )" << n
            << R"(, "parentId": )" << (n - 1) / 8 << '}';
    out << R"(], "database": {)";
    for (int v = 0; v < anet_videos; ++v) {
        rng g = rng::for_item(seed, 16, static_cast<std::uint64_t>(v));
        const std::string id = youtube_id(g);
        const double duration = std::round(g.uniform_real(10.0, 240.0) * 100.0) / 100.0;
        const int draw = g.uniform_int<int>(0, 3);
        const char* subset = subsets[draw < 2 ? 0 : static_cast<std::size_t>(draw - 1)];
        out << (v ? ", " : "") << '"' << id << R"(": {"duration": )" << repr(duration) << R"(, "subset": ")" << subset
            << R"(", "resolution": ")" << pick(g, resolutions) << R"(", "url": "https://www.youtube.com/watch?v=)" << id
            << R"(", "annotations": [)";
        const int segments = std::string_view(subset) == "testing" ? 0 : g.uniform_int<int>(1, 3);
        for (int s = 0; s < segments; ++s) {
            const double start = g.uniform_real(0.0, duration * 0.7);
            const double end = std::min(duration, start + g.uniform_real(1.0, duration * 0.5));
            out << (s ? ", " : "") << R"({"segment": [)" << repr(start) << ", " << repr(end) << R"(], "label": "Activity )"
                << g.uniform_int<int>(1, 200) << R"("})";
        }
        out << "]}";
    }
    out << "}}";
}

// Something-Something V2: templates with one to three placeholders, objects from a vocabulary; the official
// layout (one compact object a line, CRLF).
void write_sthv2(const std::filesystem::path& train, const std::filesystem::path& labels) {
    static constexpr std::array<const char*, 16> verbs{"Putting", "Pushing", "Moving", "Holding", "Turning", "Pretending to put",
                                                       "Taking", "Showing", "Covering", "Dropping", "Lifting", "Tearing",
                                                       "Spinning", "Squeezing", "Throwing", "Wiping"};
    static constexpr std::array<const char*, 12> tails{"", " on a surface", " next to [something]", " into [something]",
                                                       " behind [something]", " from left to right", " upside down",
                                                       " so that it falls over", " onto [something]", " with [something]",
                                                       " off of [something]", " in front of [something]"};
    static constexpr std::array<const char*, 16> objects{"cube", "a cup", "clay box", "wallet", "scissors", "vicks vaporub bottle",
                                                         "pen", "a paper", "remote control", "phone", "book", "spoon",
                                                         "a bottle of water", "keys", "tissue", "mug"};
    std::vector<std::string> templates;
    for (const char* v : verbs)
        for (const char* t : tails)
            if (templates.size() < static_cast<std::size_t>(sthv2_templates)) templates.push_back(std::string(v) + " [something]" + t);
    {
        std::ofstream out(labels, std::ios::binary);
        out << "{\r\n";
        for (std::size_t i = 0; i < templates.size(); ++i)
            out << (i ? ",\r\n" : "") << " \"" << vidata::formats::sthv2_template_key(templates[i]) << "\":\"" << i << '"';
        out << "\r\n}\r\n";
    }
    std::ofstream out(train, std::ios::binary);
    out << "[\r\n";
    for (int i = 0; i < sthv2_items; ++i) {
        rng g = rng::for_item(seed, 17, static_cast<std::uint64_t>(i));
        const std::string& t = templates[static_cast<std::size_t>(g.uniform_int<int>(0, sthv2_templates - 1))];
        std::string label, placeholders;
        std::size_t from = 0;
        for (std::size_t at; (at = t.find("[something]", from)) != std::string::npos; from = at + 11) {
            const std::string object = pick(g, objects);
            label += t.substr(from, at - from) + object;
            placeholders += (placeholders.empty() ? "\"" : ",\"") + object + '"';
        }
        label += t.substr(from);
        label[0] = static_cast<char>(label[0] - 'A' + 'a');
        out << (i ? ",\r\n" : "") << R"({"id":")" << 1 + i * 13 % 220'847 << R"(","label":")" << label << R"(","template":")" << t
            << R"(","placeholders":[)" << placeholders << "]}";
    }
    out << "\r\n]\r\n";
}

// One reader under test: its file, its goal, how to read the file to records (kept alive by the handle it returns,
// so that destroying them is not timed), and how to count the records and the inner items the peer also counts.
struct reader_case {
    std::string format;
    std::string file;
    double goal_mbps;
    std::function<std::shared_ptr<const void>(const std::filesystem::path&)> read;
    std::function<std::array<std::size_t, 2>(const void*)> count;
    const char* inner;  // what the second count counts
    std::function<std::shared_ptr<const void>(std::string_view text)> parse;  // the same from a text in memory
};

// The records of format F as an untyped handle (whatever F's reader returns: a std::vector of records, or a
// record_table), and their counts.
template <class F>
using records_of = decltype(vidata::read_annotations<F>(std::filesystem::path()));

template <class F>
std::shared_ptr<const void> hold(records_of<F>&& records) {
    return std::make_shared<const records_of<F>>(std::move(records));
}

template <class F, class Inner>
std::function<std::array<std::size_t, 2>(const void*)> counter(Inner inner) {
    return [inner](const void* p) {
        const auto& records = *static_cast<const records_of<F>*>(p);
        std::size_t n = 0;
        for (const auto& r : records) n += inner(r);
        return std::array{static_cast<std::size_t>(records.size()), n};
    };
}

template <class F>
std::function<std::shared_ptr<const void>(const std::filesystem::path&)> reader() {
    return [](const std::filesystem::path& p) { return hold<F>(vidata::read_annotations<F>(p)); };
}

template <class F>
std::function<std::shared_ptr<const void>(std::string_view)> parser() {
    return [](std::string_view text) { return hold<F>(F::parse(text, "bench")); };
}

std::vector<reader_case> cases(const std::filesystem::path& dir) {
    namespace f = vidata::formats;
    const auto labels = [](const vidata::video_record& r) { return r.labels.size(); };
    auto sthv2_labels = std::make_shared<const std::vector<f::sthv2_label>>(
        vidata::read_annotations<f::sthv2_labels>(dir / "something-something-v2-labels.json"));
    return {
        {"rawframe_list", "train_rawframes.txt", 300, reader<f::rawframe_list>(), counter<f::rawframe_list>(labels), "labels",
         parser<f::rawframe_list>()},
        {"video_list", "train_videos.txt", 300, reader<f::video_list>(), counter<f::video_list>(labels), "labels",
         parser<f::video_list>()},
        {"kinetics_csv", "kinetics400_train.csv", 300, reader<f::kinetics_csv>(),
         counter<f::kinetics_csv>([](const f::kinetics_csv_row& r) { return r.label && r.label->find(',') != std::string::npos ? 1 : 0; }),
         "labels with a comma (quoted)", parser<f::kinetics_csv>()},
        {"ava_csv", "ava_train_v2.2.csv", 300, reader<f::ava_csv>(),
         counter<f::ava_csv>([](const vidata::box_record& r) { return f::ava_csv::empty_frame(r) ? 0 : 1; }), "rows with a box",
         parser<f::ava_csv>()},
        {"hvu_csv", "HVU_Train_V1.0.csv", 300, reader<f::hvu_csv>(),
         counter<f::hvu_csv>([](const f::hvu_csv_row& r) { return r.tags ? r.tags->size() : 0; }), "tags", parser<f::hvu_csv>()},
        {"anet_json", "activity_net.v1-3.json", 200, reader<f::anet_json>(),
         counter<f::anet_json>([](const f::anet_video& v) { return v.video.annotations.size(); }), "segments", parser<f::anet_json>()},
        // With the labels file, as MMAction2's build_file_list reads it (each template resolved to its class), the file
        // read as read_annotations reads a streaming format: a mapping, a window of it resident.
        {"sthv2_json", "something-something-v2-train.json", 200,
         [sthv2_labels](const std::filesystem::path& p) {
             vidata::detail::mapped_text file(p);
             return hold<f::sthv2_json>(f::sthv2_json::parse(file.text(), p.string(), *sthv2_labels, vidata::detail::read_progress(file)));
         },
         counter<f::sthv2_json>([](const f::sthv2_item& i) { return i.placeholders.size(); }), "placeholders",
         [sthv2_labels](std::string_view text) { return hold<f::sthv2_json>(f::sthv2_json::parse(text, "bench", *sthv2_labels)); }},
        {"sthv2_labels", "something-something-v2-labels.json", 0, reader<f::sthv2_labels>(),
         counter<f::sthv2_labels>([](const f::sthv2_label&) { return std::size_t{1}; }), "templates", parser<f::sthv2_labels>()},
    };
}

// --measure-rss FORMAT FILE: one read in a fresh process; its record count is the value checked. The records live
// on after the measurement (their destruction is not part of a read).
int measure_rss(const std::string& format, const std::filesystem::path& file) {
    static std::shared_ptr<const void> kept;
    for (const reader_case& c : cases(file.parent_path()))
        if (c.format == format)
            return measure_once([&] {
                kept = c.read(file);
                return static_cast<double>(c.count(kept.get())[0]);
            });
    std::fprintf(stderr, "no format %s\n", format.c_str());
    return 2;
}

struct measured {
    double seconds = 0;
    std::array<std::size_t, 2> counts{};
    double fresh_seconds = 0;  // one read in a fresh process
    long long fresh_faults = 0;
};

// What a first touch of a fresh page costs here: it decides how much a one-shot read pays beyond the reader's own
// work (on this project's VM it is tens of microseconds, against well under one on bare metal).
double microseconds_per_fresh_page() {
    constexpr std::size_t bytes = std::size_t{64} << 20;
    std::vector<char> probe;
    const long long before = minor_faults();
    const auto t0 = clock_type::now();
    probe.resize(bytes, 1);
    const double seconds = seconds_since(t0);
    return seconds * 1e6 / static_cast<double>(std::max(1LL, minor_faults() - before));
}

}  // namespace

int main(int argc, char** argv) {
    if (argc == 4 && std::string(argv[1]) == "--measure-rss") return measure_rss(argv[2], argv[3]);
    const auto parsed = parse_options(argc, argv, {std::filesystem::temp_directory_path() / "vidata-bench-formats", 5});
    if (!parsed) return 2;
    const std::filesystem::path& dir = parsed->dir;
    const int reps = parsed->reps;

    const auto classes = kinetics_classes();
    write_lists(dir, classes);
    write_kinetics(dir / "kinetics400_train.csv", classes);
    const int ava_rows = write_ava(dir / "ava_train_v2.2.csv");
    write_hvu(dir / "HVU_Train_V1.0.csv");
    write_anet(dir / "activity_net.v1-3.json");
    write_sthv2(dir / "something-something-v2-train.json", dir / "something-something-v2-labels.json");
    const double fault_us = microseconds_per_fresh_page();
    std::printf("formats: file to records, seed %llu, files in %s (%d AVA rows); a first touch of a fresh page costs %.1f us here\n",
                static_cast<unsigned long long>(seed), dir.c_str(), ava_rows, fault_us);
    // In this process freed memory stays with the allocator, so that repetitions after the first measure the reader
    // and not the kernel's first touches of fresh pages; the fresh-process run below measures those too.
    // (No mmap for large blocks, no trimming, no fastbins: a freed chunk merges with its neighbours when freed, untimed,
    // rather than in the next large malloc.)
    ::mallopt(M_MMAP_MAX, 0);
    ::mallopt(M_TRIM_THRESHOLD, std::numeric_limits<int>::max());
    ::mallopt(M_MXFAST, 0);

    const std::vector<reader_case> all = cases(dir);
    std::vector<measured> mine(all.size());
    bool ok = true;
    for (std::size_t i = 0; i < all.size(); ++i) {
        const reader_case& c = all[i];
        const std::filesystem::path path = dir / c.file;
        // Each repetition's records are destroyed before the next starts, untimed; the first run puts the file in the
        // page cache and warms the allocator.
        std::shared_ptr<const void> records = c.read(path);
        mine[i].seconds = best_of(reps, [&] { records = c.read(path); }, [&] { records.reset(); });
        const double cpu_seconds = best_cpu_of(reps, [&] { records = c.read(path); }, [&] { records.reset(); });
        mine[i].counts = c.count(records.get());
        records.reset();
        const std::string text = vidata::read_file(path);
        const double t_parse = best_of(reps, [&] { records = c.parse(text); }, [&] { records.reset(); });
        records.reset();
        int status = 0;
        const std::string self = std::filesystem::read_symlink("/proc/self/exe").string();
        const std::string out = run(shell_quote(self) + " --measure-rss " + c.format + " " + shell_quote(path.string()), status);
        if (status != 0) {
            std::printf("%s: the fresh process failed (status %d): %s\n", c.format.c_str(), status, out.c_str());
            return 1;
        }
        const auto m = nlohmann::json::parse(out);
        mine[i].fresh_seconds = m["seconds"].get<double>();
        mine[i].fresh_faults = m["minor_faults"].get<long long>();
        if (m["value"].get<double>() != static_cast<double>(mine[i].counts[0])) {
            std::printf("%s: the fresh process read %.0f records, not %zu\n", c.format.c_str(), m["value"].get<double>(), mine[i].counts[0]);
            ok = false;
        }
        const auto bytes = static_cast<double>(std::filesystem::file_size(path));
        const double peak = m["peak"].get<double>(), before = m["rss_before"].get<double>();
        std::printf("%s: %s, %.2f MB, %zu records, %zu %s\n", c.format.c_str(), c.file.c_str(), bytes / 1e6, mine[i].counts[0],
                    mine[i].counts[1], c.inner);
        const double mbps = bytes / 1e6 / mine[i].seconds;
        char what[128];
        if (c.goal_mbps > 0) std::snprintf(what, sizeof what, "vidata: file to records, best of %d (goal: >= %.0f MB/s)", reps, c.goal_mbps);
        else std::snprintf(what, sizeof what, "vidata: file to records, best of %d (no goal: a fixed cost)", reps);
        std::printf("  %-66s %10.3f ms %8.1f MB/s %s\n", what, mine[i].seconds * 1e3, mbps,
                    c.goal_mbps <= 0 ? "" : mbps >= c.goal_mbps ? "met" : "MISSED");
        std::printf("  %-66s %10.2f M records/s\n", "", static_cast<double>(mine[i].counts[0]) / mine[i].seconds / 1e6);
        std::printf("  %-66s %10.3f ms %8.1f MB/s %s\n", "  the same in CPU time (best; what other processes' load inflates least)",
                    cpu_seconds * 1e3, bytes / 1e6 / cpu_seconds,
                    c.goal_mbps <= 0 ? "" : bytes / 1e6 / cpu_seconds >= c.goal_mbps ? "met" : "MISSED");
        std::printf("  %-66s %10.3f ms %8.1f MB/s\n", "  of which the parse (the text already in memory)", t_parse * 1e3, bytes / 1e6 / t_parse);
        std::snprintf(what, sizeof what, "once in a fresh process (%lld first touches, ~%.0f ms of them)", mine[i].fresh_faults,
                      static_cast<double>(mine[i].fresh_faults) * fault_us / 1e3);
        std::printf("  %-66s %10.3f ms %8.1f MB/s\n", what, mine[i].fresh_seconds * 1e3, bytes / 1e6 / mine[i].fresh_seconds);
        std::printf("  %-66s %10.1f MB %7.2f x  %s (%.2f x beyond the %.1f MB of the process before)\n",
                    "peak RSS of that process, / file size (goal: <= 3 x)", peak / 1e6, peak / bytes,
                    c.goal_mbps <= 0 ? "" : peak <= 3 * bytes ? "met" : "MISSED", (peak - before) / bytes, before / 1e6);
    }

    if (!parsed->peer) return ok ? 0 : 1;
    std::vector<std::string> args{std::to_string(std::min(reps, 3))};
    for (const reader_case& c : all) args.push_back(c.format + "=" + (dir / c.file).string());
    std::string command = shell_quote(VIDATA_BENCH_PYTHON3) + " " + shell_quote(std::string(VIDATA_BENCH_PYTHON_DIR) + "/formats_peer.py");
    for (const std::string& a : args) command += " " + shell_quote(a);
    int status = 0;
    const std::string output = run(command, status);
    if (status != 0) {
        std::printf("peer: %s failed (status %d)\n%s\n", command.c_str(), status, output.c_str());
        return 1;
    }
    const auto peer = nlohmann::json::parse(output);
    std::printf("peer: what MMAction2's tools do in Python %s (best of %s), same files, same run\n",
                peer["python"].get<std::string>().c_str(), args[0].c_str());
    std::printf("  %-16s %-38s %9s %9s %7s %9s %7s  %s\n", "format", "peer", "peer ms", "vidata", "ratio", "fresh", "ratio",
                "records / inner items agree");
    for (std::size_t i = 0; i < all.size(); ++i) {
        const auto& p = peer["formats"][all[i].format];
        const double t = p["seconds"].get<double>();
        const bool same = p["records"].get<std::size_t>() == mine[i].counts[0] && p["inner"].get<std::size_t>() == mine[i].counts[1];
        ok = ok && same;
        std::printf("  %-16s %-38s %9.1f %9.1f %6.1fx %9.1f %6.1fx  %s (%zu / %zu)\n", all[i].format.c_str(),
                    p["how"].get<std::string>().c_str(), t * 1e3, mine[i].seconds * 1e3, t / mine[i].seconds, mine[i].fresh_seconds * 1e3,
                    t / mine[i].fresh_seconds, same ? "yes" : "NO", p["records"].get<std::size_t>(), p["inner"].get<std::size_t>());
    }
    return ok ? 0 : 1;
}
