// SPDX-License-Identifier: Apache-2.0
// vidata::formats::thumos14_annotation: THUMOS'14's per-class temporal annotation files (`<Class>_val.txt`, `<Class>_test.txt`).
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/formats/detail/leading_bom.hpp>
#include <vidata/formats/format.hpp>
#include <vidata/io/line_reader.hpp>
#include <vidata/io/pickle/repr.hpp>

#include <cmath>
#include <filesystem>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vidata::formats {

/// One annotated instance of a THUMOS'14 class: `video` holds it during [start, end] seconds. `label` is
/// the class, which the file name gives (`Ambiguous` marks spans excluded from evaluation).
struct thumos14_instance {
    std::string video;
    double start = 0.0;
    double end = 0.0;
    std::string label;

    friend bool operator==(const thumos14_instance&, const thumos14_instance&) = default;
};

template <class Json>
void to_json(Json& j, const thumos14_instance& r) {
    j = Json::object();
    j["video"] = r.video;
    j["segment"] = Json::array({r.start, r.end});
    j["label"] = r.label;
}

/// The class a THUMOS'14 annotation file is about: its file name without the extension and without a
/// final `_val`, `_validation` or `_test` ("…/BaseballPitch_val.txt" → "BaseballPitch"); the bare stem
/// when there is no such suffix, "" for an empty source.
[[nodiscard]] inline std::string thumos14_class_of(std::string_view source) {
    std::string stem = std::filesystem::path(source).stem().string();
    for (std::string_view suffix : {"_validation", "_val", "_test"}) {
        if (stem.size() > suffix.size() && stem.ends_with(suffix)) {
            stem.resize(stem.size() - suffix.size());
            break;
        }
    }
    return stem;
}

/// THUMOS'14 temporal annotations, one file per class (`temporal_annotations_validation/BaseballPitch_val.txt`,
/// `…_test/…_test.txt`, and `Ambiguous_*.txt`): one instance per line, the video, then start and end in
/// seconds, the official files separating the video by two spaces:
///   `video_validation_0000266  72.8 76.4`
/// Each line is one record; its `label` is thumos14_class_of(source).
///
/// Reading: whitespace-separated (CRLF, BOM, trailing blanks accepted), blank lines skipped; exactly 3
/// fields; times finite with start <= end:
///   BaseballPitch_val.txt:2:27: expected an end time in seconds (a number), got '7a'
/// Writing: `video  start end\n` with times as Python prints floats (`44.0`, `72.8`); all records must
/// carry the same label, since the file name holds it.
struct thumos14_annotation : text_format<thumos14_annotation> {
    using record_type = thumos14_instance;
    static constexpr std::string_view name = "thumos14_annotation";

    [[nodiscard]] static std::vector<thumos14_instance> parse(std::string_view text, std::string_view source) {
        const std::string label = thumos14_class_of(source);
        std::vector<thumos14_instance> out;
        out.reserve(text.size() / 32 + 1);  // a line is ~37 bytes: no regrowth copies
        field_list f;
        for (const text_line& line : lines(text, std::string(source))) {
            line.fields(f);
            if (f.empty()) continue;
            f.expect_count(3, "video start end");
            thumos14_instance r{std::string(f[0].text), f.number(1, "a start time in seconds (a number)"),
                                f.number(2, "an end time in seconds (a number)"), label};
            if (!std::isfinite(r.start)) throw f.error(1, "a finite start time in seconds");
            if (!std::isfinite(r.end) || r.end < r.start) throw f.error(2, "a finite end time in seconds, not before the start");
            out.push_back(std::move(r));
        }
        return out;
    }

    /// invalid_argument when the records carry different labels.
    static void write(std::ostream& out, std::span<const thumos14_instance> records) {
        if (!records.empty()) detail::refuse_leading_bom(records.front().video, name);
        std::string text;
        for (const thumos14_instance& r : records) {
            if (r.label != records.front().label)
                throw invalid_argument("vidata::formats::thumos14_annotation: one file holds one class, but the records have '" +
                                       records.front().label + "' and '" + r.label + "'");
            text += r.video;
            text += "  ";
            text += pickle::float_repr(r.start);
            text += ' ';
            text += pickle::float_repr(r.end);
            text += '\n';
        }
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
    }

    /// `<Class>_val.txt` / `<Class>_test.txt` whose first line reads `video_validation_…` or `video_test_…`.
    [[nodiscard]] static bool detect(const std::filesystem::path& path, std::string_view head) {
        const std::string file = path.filename().string();
        if (!(file.ends_with("_val.txt") || file.ends_with("_test.txt"))) return false;
        if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
        return head.starts_with("video_validation_") || head.starts_with("video_test_");
    }
};

}  // namespace vidata::formats
