// SPDX-License-Identifier: Apache-2.0
// vidata::formats::ntu_missing_list: NTU RGB+D's lists of samples with missing skeletons (`NTU_RGBD*_samples_with_missing_skeletons.txt`).
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/formats/format.hpp>
#include <vidata/io/detail/parse_number.hpp>
#include <vidata/io/line_reader.hpp>

#include <cstddef>
#include <filesystem>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace vidata::formats {

/// One sample of a missing-skeleton list, `S001C002P005R002A008` (setup, camera, performer, replication,
/// action), with the text the file has before it (the official lists' prose header, on the first entry only),
/// so that the list writes back as it was.
struct ntu_missing_sample {
    std::string name;
    std::string preamble;  ///< lines before this entry, each with its "\n" ("302 of the captured samples ...\n...\n\n")

    friend bool operator==(const ntu_missing_sample&, const ntu_missing_sample&) = default;
};

template <class Json>
void to_json(Json& j, const ntu_missing_sample& s) {
    j = Json::object();
    j["name"] = s.name;
}

/// The samples NTU RGB+D leaves out of skeleton training and testing, one name per line:
///
///   302 of the captured samples in the "NTU RGB+D" dataset have missing or incomplete skeleton data.
///   If you are working on skeleton-based analysis, please ignore these files in your training and testing procedures.
///
///   S001C002P005R002A008
///   S001C002P006R001A008
///
/// The official repository's lists open with that header (kept as the first record's preamble); MMAction2's
/// copies (tools/data/skeleton/) have none. Reading: lines before the first sample name that are not sample
/// names are the header; blank lines are skipped; CRLF and a BOM are accepted; blanks around a name dropped.
/// Errors (parse_error, file:line:column): after the first name, a line that is not a name `SsssCcccPpppRrrrAaaa`
/// (letters and three digits each), and a name listed twice.
/// Writing: each record's preamble, then its name and "\n"; both published lists write back byte for byte.
struct ntu_missing_list : text_format<ntu_missing_list> {
    using record_type = ntu_missing_sample;
    static constexpr std::string_view name = "ntu_missing_list";

    /// Whether `s` is an NTU sample name: S, C, P, R, A each followed by three digits.
    [[nodiscard]] static constexpr bool sample_name(std::string_view s) noexcept {
        if (s.size() != 20) return false;
        constexpr std::string_view letters = "SCPRA";
        for (std::size_t i = 0; i < 5; ++i) {
            if (s[4 * i] != letters[i]) return false;
            for (std::size_t d = 1; d < 4; ++d)
                if (s[4 * i + d] < '0' || s[4 * i + d] > '9') return false;
        }
        return true;
    }

    [[nodiscard]] static std::vector<ntu_missing_sample> parse(std::string_view text, std::string_view source) {
        std::vector<ntu_missing_sample> out;
        std::unordered_map<std::string_view, std::size_t> line_of;
        std::string preamble;
        for (const auto& line : lines(text, std::string(source))) {
            const std::string_view s = vidata::detail::trim_ascii_space(line.text());
            if (out.empty() && !sample_name(s)) {
                // Trailing blanks dropped: a "\r" there would not survive a write and a read.
                std::string_view t = line.text();
                while (!t.empty() && vidata::detail::is_ascii_space(t.back())) t.remove_suffix(1);
                preamble.append(t).push_back('\n');
                continue;
            }
            if (s.empty()) continue;
            if (!sample_name(s)) throw line.error(1, "a sample name SsssCcccPpppRrrrAaaa (e.g. S001C002P005R002A008)", line.text());
            const auto [it, added] = line_of.emplace(s, line.number());
            if (!added) throw line.error(1, "a sample not listed before (it is on line " + std::to_string(it->second) + ")", s);
            out.push_back({std::string(s), std::move(preamble)});
            preamble.clear();
        }
        // A file of prose and no name is not a list: the header would be lost with no record to carry it.
        if (out.empty() && !vidata::detail::trim_ascii_space(preamble).empty())
            throw parse_error(source_location{std::string(source), 1, 1, -1, {}}, "at least one sample name SsssCcccPpppRrrrAaaa",
                              preamble.substr(0, preamble.find('\n')));
        return out;
    }

    static void write(std::ostream& out, std::span<const ntu_missing_sample> records) {
        std::string text;
        for (const auto& r : records) text.append(r.preamble).append(r.name).push_back('\n');
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
    }

    /// The official and MMAction2 names: `NTU_RGBD_samples_with_missing_skeletons.txt`, `NTU_RGBD120_...`.
    [[nodiscard]] static bool detect(const std::filesystem::path& path, std::string_view /*head*/) {
        return path.filename().string().ends_with("samples_with_missing_skeletons.txt");
    }
};

}  // namespace vidata::formats
