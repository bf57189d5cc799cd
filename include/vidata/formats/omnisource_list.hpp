// SPDX-License-Identifier: Apache-2.0
// vidata::formats::omnisource_list: the file lists of the OmniSource release (web images/videos and raw Kinetics clips).
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/formats/detail/labelled_list.hpp>
#include <vidata/formats/detail/unique_keys.hpp>
#include <vidata/formats/format.hpp>
#include <vidata/io/line_reader.hpp>

#include <cstdint>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vidata::formats {

/// One line of an OmniSource list: an item and its (single) Mini-Kinetics label, and for the raw-video lists the
/// number of 10-second parts the video was cut into (`part_{i}.mp4`, trim_raw_video.py) and the parts the teacher
/// model kept. `num_clips` is −1 in the two-column lists.
struct omnisource_entry {
    std::string path;
    int label = 0;
    std::int64_t num_clips = -1;
    std::vector<int> positive_clips;

    friend bool operator==(const omnisource_entry&, const omnisource_entry&) = default;
};

template <class Json>
void to_json(Json& j, const omnisource_entry& e) {
    j = Json::object();
    j["path"] = e.path;
    j["label"] = e.label;
    if (e.num_clips >= 0) {
        j["num_clips"] = e.num_clips;
        j["positive_clips"] = e.positive_clips;
    }
}

/// The text lists of OmniSource (tools/data/omnisource; configs/recognition/omnisource):
///
///   000/00/000001.jpg 0                          images (ImageDataset): tsn_8seg_googleimage_200_wodup.txt, ...
///   000/abseil/B00arxogubl.mp4 0                 videos (VideoDataset): k200_train.txt, slowonly_8x8_insvideo_200_wodup.txt
///   pref_/___dTOdxzXY 17 7 0 3 4                 raw videos (RawVideoDataset): video_dir label num_clips positive_part...
///
/// A line of two fields is `path label`; a longer one is a raw-video line. Labels are single (OmniSource's
/// datasets are single-label; RawVideoDataset refuses multi-class), parts lie in [0, num_clips). Whitespace split,
/// blank lines skipped. The writer writes the fields joined by one space, "\n"-terminated.
/// (The JSON form of the raw-video list, slowonly_8x8_kinetics_raw_200.json, is not read by this format.)
struct omnisource_list : text_format<omnisource_list> {
    using record_type = omnisource_entry;
    static constexpr std::string_view name = "omnisource_list";

    [[nodiscard]] static std::vector<omnisource_entry> parse(std::string_view text, std::string_view source) {
        std::vector<omnisource_entry> out;
        out.reserve(detail::count_newlines(text) + 1);
        field_list f;
        line_reader reader(text, std::string(source));
        text_line line;
        while (reader.next(line)) {
            line.fields(f);
            if (f.empty()) continue;
            f.expect_at_least(2, "path label, or video_dir label num_clips positive_part...");
            omnisource_entry e;
            e.path = f[0].text;
            e.label = f.value<int>(1, "an integer label");
            if (f.size() > 2) {
                e.num_clips = f.integer(2, "a number of clips");
                if (e.num_clips < 0) throw f.error(2, "a non-negative number of clips");
                for (std::size_t i = 3; i < f.size(); ++i) {
                    const int part = f.value<int>(i, "a clip index");
                    if (part < 0 || part >= e.num_clips) throw f.error(i, "a clip index in [0, num_clips)");
                    e.positive_clips.push_back(part);
                }
            }
            out.push_back(std::move(e));
        }
        return out;
    }

    static void write(std::ostream& out, std::span<const omnisource_entry> entries) {
        if (!entries.empty()) detail::refuse_leading_bom(entries.front().path, name);
        std::string text;
        for (const omnisource_entry& e : entries) {
            if (e.path.empty() || e.path.find_first_of(" \t\n\v\f\r") != std::string::npos)
                throw invalid_argument("vidata::formats::omnisource_list::write: path '" + e.path + "' is empty or has blanks");
            if (e.num_clips < 0 && !e.positive_clips.empty())
                throw invalid_argument("vidata::formats::omnisource_list::write: '" + e.path + "' has positive clips but no num_clips");
            text += e.path;
            text += ' ';
            detail::append_integer(text, e.label);
            if (e.num_clips >= 0) {
                text += ' ';
                detail::append_integer(text, e.num_clips);
                for (const int part : e.positive_clips) {
                    if (part < 0 || part >= e.num_clips)
                        throw invalid_argument("vidata::formats::omnisource_list::write: '" + e.path + "' has a clip index outside [0, num_clips)");
                    text += ' ';
                    detail::append_integer(text, part);
                }
            }
            text += '\n';
        }
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
    }
};

}  // namespace vidata::formats
