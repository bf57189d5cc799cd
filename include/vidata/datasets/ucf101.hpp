// SPDX-License-Identifier: Apache-2.0
// vidata::datasets::ucf101: UCF-101 as MMAction2's guide prepares it (101 classes, 3 splits).
#pragma once

#include <vidata/datasets/descriptor.hpp>

#include <array>
#include <string_view>

namespace vidata::datasets {

/// UCF-101: 13,320 trimmed YouTube clips of 101 actions, three official train/test splits.
/// source: tools/data/ucf101/README.md@0.x (tree, scripts), tools/data/ucf101/download_annotations.sh@0.x,
/// tools/data/parse_file_list.py@0.x (parse_ucf101_splits).
struct ucf101 {
    static constexpr std::string_view name = "ucf101";
    static constexpr std::string_view title = "UCF-101";
    static constexpr int num_classes = 101;  // source: classInd.txt of UCF101TrainTestSplits-RecognitionTask.zip
    static constexpr int num_splits = 3;     // source: trainlist01..03 / testlist01..03

    // source: the guide's tree (img_00001.jpg, flow_x_00001.jpg, flow_y_00001.jpg); RawframeDataset's default start_index 1
    static constexpr frame_naming frames{"img_{:05d}.jpg", "flow_x_{:05d}.jpg", "flow_y_{:05d}.jpg", 1};
    static constexpr layout_names layout{"data/ucf101", "videos", "rawframes", "annotations"};

    // source: download_annotations.sh unzips the split archive flat (`unzip -j`) into annotations/
    static constexpr std::array official_files{
        official_file{"annotations/classInd.txt", "ucf101_classind", "the 1-based class index: '1 ApplyEyeMakeup'"},
        official_file{"annotations/trainlist0{}.txt", "ucf101_split", "the training videos of split {}, with 1-based labels"},
        official_file{"annotations/testlist0{}.txt", "ucf101_split", "the test videos of split {}, without labels"},
    };
    // source: the guide's tree; build_file_list.py --num-split 3 writes {ds}_{train,val}_split_{i}_{format}.txt
    static constexpr std::array lists{
        list_file{"ucf101_train_split_{}_rawframes.txt", "rawframe_list", "train"},
        list_file{"ucf101_val_split_{}_rawframes.txt", "rawframe_list", "val"},
        list_file{"ucf101_train_split_{}_videos.txt", "video_list", "train"},
        list_file{"ucf101_val_split_{}_videos.txt", "video_list", "val"},
    };
    // source: configs/recognition/*/..._ucf101_*.py: evaluation metrics=['top_k_accuracy', 'mean_class_accuracy']
    static constexpr std::array metrics{metric_kind::top_k_accuracy, metric_kind::mean_class_accuracy};

    /// MMAction2's one-name-per-line class list, in the repository (read with the `label_map` format).
    static constexpr std::string_view mmaction2_label_map = "tools/data/ucf101/label_map.txt";
};

static_assert(dataset_descriptor<ucf101>);

}  // namespace vidata::datasets
