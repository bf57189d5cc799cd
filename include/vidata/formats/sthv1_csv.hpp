// SPDX-License-Identifier: Apache-2.0
// vidata::formats::sthv1_csv: the Something-Something V1 train/validation/test lists (`something-something-v1-train.csv`: `id;label`).
#pragma once

#include <vidata/formats/detail/id_label_csv.hpp>

#include <string_view>

namespace vidata::formats {

/// The Something-Something V1 lists: `100218;Something falling like a feather or paper` per line (train, validation), the id alone in the test list.
/// Despite the .csv name they are ';'-separated and unquoted. Records keep the class name as written; the
/// overload taking the labels file (sthv1_labels) also resolves `label_id` and rejects an unknown name.
///
///   const auto labels = vidata::read_annotations<vidata::formats::sthv1_labels>("something-something-v1-labels.csv");
///   const auto rows = vidata::formats::sthv1_csv::parse(text, "something-something-v1-train.csv", labels);
struct sthv1_csv : detail::id_label_csv_format<sthv1_csv> {
    static constexpr std::string_view name = "sthv1_csv";
    static constexpr std::string_view file_stem = "something-something-v1";
};

}  // namespace vidata::formats
