// SPDX-License-Identifier: Apache-2.0
// vidata::datasets::hmdb51: HMDB51 as MMAction2's guide prepares it (51 classes, 3 splits).
#pragma once

#include <vidata/datasets/descriptor.hpp>

#include <array>
#include <string_view>

namespace vidata::datasets {

/// HMDB51: 6,766 clips of 51 actions from movies and web videos, three official 70/30 splits.
/// source: tools/data/hmdb51/README.md@0.x, tools/data/hmdb51/download_annotations.sh@0.x,
/// tools/data/parse_file_list.py@0.x (parse_hmdb51_split).
struct hmdb51 {
    static constexpr std::string_view name = "hmdb51";
    static constexpr std::string_view title = "HMDB51";
    static constexpr int num_classes = 51;
    static constexpr int num_splits = 3;  // source: testTrainMulti_7030_splits, <class>_test_split{1,2,3}.txt

    // source: the guide's tree (img_00001.jpg, flow_x_00001.jpg, flow_y_00001.jpg)
    static constexpr frame_naming frames{"img_{:05d}.jpg", "flow_x_{:05d}.jpg", "flow_y_{:05d}.jpg", 1};
    static constexpr layout_names layout{"data/hmdb51", "videos", "rawframes", "annotations"};

    // source: download_annotations.sh moves testTrainMulti_7030_splits/*.txt into annotations/
    static constexpr std::array official_files{
        official_file{"annotations/*_test_split{}.txt", "hmdb51_split",
                      "one file per class and split: '<video>.avi <tag> ' (1 train, 2 test, 0 unused in that split)"},
    };
    // source: parse_hmdb51_split generates a UCF-101-style class index and split lists from the official files
    // (class ids 1-based in sorted directory order), then build_file_list.py writes the MMAction2 lists.
    static constexpr std::array lists{
        list_file{"annotations/classInd.txt", "ucf101_classind", ""},
        list_file{"annotations/trainlist0{}.txt", "ucf101_split", "train"},
        list_file{"annotations/testlist0{}.txt", "ucf101_split", "test"},
        list_file{"hmdb51_train_split_{}_rawframes.txt", "rawframe_list", "train"},
        list_file{"hmdb51_val_split_{}_rawframes.txt", "rawframe_list", "val"},
        list_file{"hmdb51_train_split_{}_videos.txt", "video_list", "train"},
        list_file{"hmdb51_val_split_{}_videos.txt", "video_list", "val"},
    };
    // source: configs/recognition/tsn/tsn_r50_1x1x8_50e_hmdb51_*_rgb.py
    static constexpr std::array metrics{metric_kind::top_k_accuracy, metric_kind::mean_class_accuracy};

    /// MMAction2's one-name-per-line class list, in the repository (read with the `label_map` format).
    static constexpr std::string_view mmaction2_label_map = "tools/data/hmdb51/label_map.txt";
    /// The tag of a video the official split files put in the training part, the test part, or neither.
    static constexpr int split_tag_train = 1;
    static constexpr int split_tag_test = 2;
    static constexpr int split_tag_unused = 0;
};

static_assert(dataset_descriptor<hmdb51>);

}  // namespace vidata::datasets
