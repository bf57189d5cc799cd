// SPDX-License-Identifier: Apache-2.0
// vidata::prepare::ava_kinetics_merge: the AVA-Kinetics guide's merge_annotations.py: the Kinetics part's box CSV
// and person proposals merged into AVA's training annotations.
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/formats/ava_csv.hpp>
#include <vidata/formats/ava_proposals_pkl.hpp>
#include <vidata/formats/detail/pickle_fields.hpp>
#include <vidata/io/atomic_file.hpp>
#include <vidata/io/pickle/dump.hpp>
#include <vidata/io/pickle/load.hpp>
#include <vidata/io/pickle/value.hpp>
#include <vidata/io/read_file.hpp>

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>
#include <unordered_map>
#include <utility>

// What the script does (MMAction2's tools/data/ava_kinetics/merge_annotations.py, step 7 of the guide), and where
// vidata differs:
// - The CSV: the lines of `<root>/kinetics_train.csv` (prepare_annotation.py's rows
//   `video_path,second,x1,y1,x2,y2,action,-1`) followed by the lines of `<root>/annotations/ava_train_v2.2.csv`,
//   written over the AVA file. A Kinetics file whose last line has no newline would be glued to AVA's first row
//   there; vidata puts a newline between them. Both files are read as ava_csv first, so that a malformed row is
//   reported with its file, line and column before anything is written.
// - The proposals: `lookup = load(kinetics_proposal.pkl); lookup.update(load(ava_dense_proposals_train.FAIR.
//   recall_93.9.pkl))`, dumped over the AVA file: the Kinetics keys in their order, each with AVA's value where AVA
//   has the key too, then AVA's other keys in their order. The values are copied untouched (dtype, shape); both
//   files are checked as ava_proposals_pkl first (a dict `video_id,timestamp` -> N x 4|5 array), and the result
//   is a protocol-4 pickle as Python 3.8's pickle.dump writes by default.
// - Both outputs are written atomically. The script merges again when run twice (the Kinetics rows twice);
//   vidata sees an AVA CSV that already starts with the Kinetics file's rows and leaves it as it is. The proposal
//   merge gives the same dict when repeated, so an interrupted run can simply be run again.

namespace vidata::prepare {

/// The four inputs and two outputs of the merge.
struct ava_kinetics_merge_paths {
    std::filesystem::path kinetics_csv;
    std::filesystem::path ava_csv;
    std::filesystem::path kinetics_proposals;
    std::filesystem::path ava_proposals;
    std::filesystem::path out_csv;        ///< the script: ava_csv (in place)
    std::filesystem::path out_proposals;  ///< the script: ava_proposals (in place)
};

/// The script's paths under the AVA-Kinetics root (`--avakinetics_root`), outputs over the AVA files.
[[nodiscard]] inline ava_kinetics_merge_paths ava_kinetics_default_paths(const std::filesystem::path& root) {
    ava_kinetics_merge_paths p;
    p.kinetics_csv = root / "kinetics_train.csv";
    p.ava_csv = root / "annotations" / "ava_train_v2.2.csv";
    p.kinetics_proposals = root / "kinetics_proposal.pkl";
    p.ava_proposals = root / "annotations" / "ava_dense_proposals_train.FAIR.recall_93.9.pkl";
    p.out_csv = p.ava_csv;
    p.out_proposals = p.ava_proposals;
    return p;
}

/// The merged CSV and what went into it.
struct ava_kinetics_csv_merge {
    std::string text;
    std::size_t kinetics_rows = 0;
    std::size_t ava_rows = 0;
    bool already_merged = false;  ///< `ava` already started with the Kinetics rows: `text` is `ava` as it was
};

/// The merged CSV text: `kinetics` then `ava` (a newline between them where `kinetics` does not end with one), or
/// `ava` itself when it already starts with the Kinetics rows (an earlier merge). Both texts are parsed as ava_csv
/// first: a bad row is a parse_error naming its source, line and column.
[[nodiscard]] inline ava_kinetics_csv_merge merge_ava_kinetics_csv(std::string_view kinetics, std::string_view kinetics_source,
                                                                   std::string_view ava, std::string_view ava_source) {
    ava_kinetics_csv_merge m;
    m.kinetics_rows = formats::ava_csv::parse(kinetics, kinetics_source).size();
    m.ava_rows = formats::ava_csv::parse(ava, ava_source).size();
    std::string head(kinetics);
    if (!head.empty() && head.back() != '\n') head += '\n';
    m.already_merged = m.kinetics_rows > 0 && ava.starts_with(head);
    if (m.already_merged) m.text = std::string(ava);
    else m.text = head + std::string(ava);
    return m;
}

/// The merged proposal dict: `kinetics.update(ava)` (see the notes at the top of this header). Both must be dicts
/// with str keys, compared as text (merge_ava_kinetics checks the files as ava_proposals_pkl before); `*_source`
/// name them in errors.
[[nodiscard]] inline pickle::value merge_ava_kinetics_proposals(const pickle::value& kinetics, const std::string& kinetics_source,
                                                                const pickle::value& ava, const std::string& ava_source) {
    if (!kinetics.is_dict()) throw vidata::detail::pickle_error(kinetics_source, "/", "a dict 'video_id,timestamp' -> array", kinetics.type_name());
    if (!ava.is_dict()) throw vidata::detail::pickle_error(ava_source, "/", "a dict 'video_id,timestamp' -> array", ava.type_name());
    pickle::dict_items items;
    items.reserve(kinetics.as_dict().size() + ava.as_dict().size());
    std::unordered_map<std::string, std::size_t> position;
    const auto add = [&](const pickle::value& dict, const std::string& source) {
        for (const auto& [key, value] : dict.as_dict()) {
            const std::string text = vidata::detail::pickle_text(key, source, "/", "keys 'video_id,timestamp' (str)");
            const auto [it, inserted] = position.try_emplace(text, items.size());
            if (inserted) items.emplace_back(key, value);
            else items[it->second].second = value;  // dict.update: the key keeps its place, the value is replaced
        }
    };
    add(kinetics, kinetics_source);
    add(ava, ava_source);
    return pickle::value::dict(std::move(items));
}

/// What merge_ava_kinetics did.
struct ava_kinetics_merge_summary {
    std::size_t kinetics_rows = 0;
    std::size_t ava_rows = 0;
    std::size_t merged_rows = 0;
    bool csv_already_merged = false;  ///< the AVA CSV already started with the Kinetics rows: left as it was
    std::size_t kinetics_keyframes = 0;
    std::size_t ava_keyframes = 0;
    std::size_t merged_keyframes = 0;  ///< keys of the merged proposal dict
};

/// merge_annotations.py over explicit paths (ava_kinetics_default_paths gives the script's): checks all four
/// inputs, then writes the merged CSV and the merged proposals, each atomically. Throws parse_error naming the
/// file (and line, or pickle key) of a bad input, io_error when a file cannot be read or written.
inline ava_kinetics_merge_summary merge_ava_kinetics(const ava_kinetics_merge_paths& p) {
    const std::string kinetics_text = read_file(p.kinetics_csv);
    const std::string ava_text = read_file(p.ava_csv);
    const std::string kinetics_bytes = read_file(p.kinetics_proposals);
    const std::string ava_bytes = read_file(p.ava_proposals);

    const auto csv = merge_ava_kinetics_csv(kinetics_text, p.kinetics_csv.string(), ava_text, p.ava_csv.string());
    // The format's checks (dict, keys, N x 4|5 finite arrays) with their messages, then the values to merge.
    (void)formats::ava_proposals_pkl::parse(kinetics_bytes, p.kinetics_proposals.string());
    (void)formats::ava_proposals_pkl::parse(ava_bytes, p.ava_proposals.string());
    const pickle::value kinetics = pickle::load(kinetics_bytes, p.kinetics_proposals.string());
    const pickle::value ava = pickle::load(ava_bytes, p.ava_proposals.string());
    const pickle::value merged = merge_ava_kinetics_proposals(kinetics, p.kinetics_proposals.string(), ava, p.ava_proposals.string());

    ava_kinetics_merge_summary s;
    s.kinetics_rows = csv.kinetics_rows;
    s.ava_rows = csv.ava_rows;
    s.csv_already_merged = csv.already_merged;
    s.merged_rows = csv.already_merged ? csv.ava_rows : csv.kinetics_rows + csv.ava_rows;
    s.kinetics_keyframes = kinetics.as_dict().size();
    s.ava_keyframes = ava.as_dict().size();
    s.merged_keyframes = merged.as_dict().size();

    std::error_code ec;
    const bool csv_in_place = p.out_csv == p.ava_csv || std::filesystem::equivalent(p.out_csv, p.ava_csv, ec);
    if (!(csv.already_merged && csv_in_place)) write_file_atomically(p.out_csv, csv.text);
    pickle::save_file(p.out_proposals, merged);
    return s;
}

}  // namespace vidata::prepare
