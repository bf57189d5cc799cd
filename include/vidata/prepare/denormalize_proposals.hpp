// SPDX-License-Identifier: Apache-2.0
// vidata::prepare::denormalize_proposals: THUMOS'14 TAG proposals from fractions of a video to frame numbers, as
// MMAction2's tools/data/denormalize_proposal_file.py computes them.
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/formats/proposal_list.hpp>
#include <vidata/io/atomic_file.hpp>
#include <vidata/io/read_file.hpp>
#include <vidata/layout/parse_directory.hpp>

#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

// What the script does (reference-behaviour.md §1.10), and where vidata differs:
// - The frame directories come from parse_directory(data_prefix) at level 1 (key: the directory's name); a block's
//   frame count is its directory's number of `img_*` files (the RGB count).
// - Every ground-truth start/end and proposal start/end is `int(float(x) * num_frames)`: one correctly rounded
//   double product, truncated toward zero. Labels are integers; the two overlaps are kept and written '{:.04f}'.
// - Blocks are renumbered 0, 1, ... in file order (`# idx`), the video line is the directory's name, the next two
//   lines are num_frames and 1, then the counts and rows: '{} {} {}' for ground truth, '{} {:.04f} {:.04f} {} {}'
//   for proposals, every line "\n"-terminated.
// - The output is the input's name with 'normalized_' removed. The script replaces it anywhere in the path and, when
//   the name has none, overwrites its input; vidata removes it from the file name only and refuses to overwrite the
//   input. The output is written atomically (complete or absent).
// - A video without a frame directory is an error naming the block (the script raises KeyError); the input is read
//   by formats::proposal_list, which reports a malformed block at its line (the script reads it loosely).

namespace vidata::prepare {

namespace detail {

// Python's int(float(x) * n) for n a frame count: the product rounded once to double, then truncated.
[[nodiscard]] inline double denormalized_position(double fraction, std::int64_t num_frames, const std::string& where) {
    const double product = fraction * static_cast<double>(num_frames);
    if (!(std::fabs(product) < 9.0e15)) throw invalid_argument(where + ": a position times the frame count is out of range");
    return std::trunc(product);
}

// The double that "{:.04f}" text reads back as: proposal_list's writer then prints exactly that text.
[[nodiscard]] inline double rounded_to_4_decimals(double v) {
    char buffer[400];
    const auto r = std::to_chars(buffer, buffer + sizeof buffer, v, std::chars_format::fixed, 4);
    double back = 0.0;
    std::from_chars(buffer, r.ptr, back);
    return back;
}

}  // namespace detail

/// The blocks of a normalized proposal list in frames: each block's video looked up in `frames` (parse_directory
/// at level 1), its positions multiplied by the RGB frame count and truncated, its overlaps rounded to 4
/// decimals, blocks renumbered from 0. `source` names the input in errors.
/// Throws parse_error naming the block when its video has no frame directory.
[[nodiscard]] inline std::vector<formats::proposal_list_video> denormalize_proposals(std::span<const formats::proposal_list_video> normalized,
                                                                                     const layouts::frame_directory_map& frames,
                                                                                     std::string_view source) {
    std::vector<formats::proposal_list_video> out;
    out.reserve(normalized.size());
    std::int64_t index = 0;
    for (const formats::proposal_list_video& in : normalized) {
        const std::string where = std::string(source) + ": block '# " + std::to_string(in.index) + "' (video '" + in.video + "')";
        const auto found = frames.find(in.video);
        if (found == frames.end())
            throw parse_error(source_location{std::string(source), 0, 0, -1, {}},
                              "a frame directory named '" + in.video + "' under the data prefix (block '# " + std::to_string(in.index) + "')",
                              "none");
        const std::int64_t n = found->second.rgb_count;
        formats::proposal_list_video v;
        v.index = index++;
        v.video = found->second.path.filename().string();  // osp.basename(frame_info[0])
        v.frames = static_cast<double>(n);
        v.ratio = 1.0;
        v.normalized = false;
        v.ground_truth.reserve(in.ground_truth.size());
        for (const auto& g : in.ground_truth)
            v.ground_truth.push_back({g.label, detail::denormalized_position(g.start, n, where), detail::denormalized_position(g.end, n, where)});
        v.proposals.reserve(in.proposals.size());
        for (const auto& p : in.proposals)
            v.proposals.push_back({p.label, detail::rounded_to_4_decimals(p.best_iou), detail::rounded_to_4_decimals(p.overlap_self),
                                   detail::denormalized_position(p.start, n, where), detail::denormalized_position(p.end, n, where)});
        out.push_back(std::move(v));
    }
    return out;
}

/// The file the script writes for `normalized_file`: its name with every 'normalized_' removed, in the same directory.
[[nodiscard]] inline std::filesystem::path denormalized_proposal_path(const std::filesystem::path& normalized_file) {
    std::string name = normalized_file.filename().string();
    constexpr std::string_view tag = "normalized_";
    for (auto at = name.find(tag); at != std::string::npos; at = name.find(tag, at)) name.erase(at, tag.size());
    return normalized_file.parent_path() / name;
}

/// What denormalize_proposal_file did.
struct denormalize_summary {
    std::filesystem::path output;
    std::size_t videos = 0;
    std::size_t ground_truth = 0;
    std::size_t proposals = 0;
};

/// denormalize_proposal_file.py: reads `normalized_file` (formats::proposal_list), counts the frames of
/// `data_prefix`'s directories (level 1, `prefixes`), writes the list in frames to `output` (default:
/// denormalized_proposal_path) atomically. Throws parse_error (input, missing video), io_error (reading, writing),
/// invalid_argument when the output would be the input.
inline denormalize_summary denormalize_proposal_file(const std::filesystem::path& normalized_file, const std::filesystem::path& data_prefix,
                                                     std::filesystem::path output = {}, const layouts::frame_prefixes& prefixes = {}) {
    namespace fs = std::filesystem;
    if (output.empty()) output = denormalized_proposal_path(normalized_file);
    std::error_code ec;
    if (output == normalized_file || (fs::exists(output, ec) && fs::equivalent(output, normalized_file, ec)))
        throw invalid_argument("denormalize-proposals: the output " + output.string() +
                               " would overwrite the input (its name has no 'normalized_'); name an output");
    const std::string text = read_file(normalized_file);
    const auto normalized = formats::proposal_list::parse(text, normalized_file.string());
    const auto frames = layouts::parse_directory(data_prefix, prefixes, 1);
    const auto videos = denormalize_proposals(normalized, frames, normalized_file.string());
    std::ostringstream out;
    formats::proposal_list::write(out, videos);
    write_file_atomically(output, out.str());
    denormalize_summary s;
    s.output = output;
    s.videos = videos.size();
    for (const auto& v : videos) {
        s.ground_truth += v.ground_truth.size();
        s.proposals += v.proposals.size();
    }
    return s;
}

}  // namespace vidata::prepare
