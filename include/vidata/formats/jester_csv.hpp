// SPDX-License-Identifier: Apache-2.0
// vidata::formats::jester_csv: the Jester train/validation/test lists (`jester-v1-train.csv`: `id;label`).
#pragma once

#include <vidata/formats/detail/id_label_csv.hpp>

#include <string_view>

namespace vidata::formats {

/// The Jester lists: `9223;Thumb Up` per line (train, validation), the id alone in the test list.
/// Despite the .csv name they are ';'-separated and unquoted. Records keep the class name as written; the
/// overload taking the labels file (jester_labels) also resolves `label_id` and rejects an unknown name.
///
///   const auto labels = vidata::read_annotations<vidata::formats::jester_labels>("jester-v1-labels.csv");
///   const auto rows = vidata::formats::jester_csv::parse(text, "jester-v1-train.csv", labels);
struct jester_csv : detail::id_label_csv_format<jester_csv> {
    static constexpr std::string_view name = "jester_csv";
    static constexpr std::string_view file_stem = "jester-v1";
};

}  // namespace vidata::formats
