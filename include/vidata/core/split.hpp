// SPDX-License-Identifier: Apache-2.0
// vidata::split: which part of a dataset a list describes, a subset and, where the dataset has several, a split number.
#pragma once

#include <string>

namespace vidata {

/// A part of a dataset: the subset (`"train"`, `"val"`, `"test"`) and, for datasets with several official
/// splits (UCF-101 and HMDB-51 have three), the 1-based split number; 0 where the dataset has one split.
/// MMAction2 names lists after both: `ucf101_train_split_1_rawframes.txt`, `kinetics400_val_list_videos.txt`.
struct split {
    std::string subset = "train";
    int number = 0;

    /// True for datasets that have numbered splits.
    [[nodiscard]] bool numbered() const noexcept { return number > 0; }

    friend bool operator==(const split&, const split&) = default;
};

}  // namespace vidata
