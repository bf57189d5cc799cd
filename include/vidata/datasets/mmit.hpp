// SPDX-License-Identifier: Apache-2.0
// vidata::datasets::mmit: Multi-Moments in Time as MMAction2's guide prepares it (313 classes, multi-label).
#pragma once

#include <vidata/datasets/descriptor.hpp>

#include <array>
#include <string_view>

namespace vidata::datasets {

/// Multi-Moments in Time: the Moments in Time clips relabelled with every event they show (multi-label).
/// source: tools/data/mmit/README.md@0.x, preprocess_data.sh, parse_file_list.py (parse_mmit_splits), all @0.x
struct mmit {
    static constexpr std::string_view name = "mmit";
    static constexpr std::string_view title = "Multi-Moments in Time";
    static constexpr int num_classes = 313;  // source: configs/recognition/tsn/tsn_r101_1x1x5_50e_mmit_rgb.py num_classes=313
    static constexpr int num_splits = 1;

    // source: the guide's tree (img_00001.jpg, flow_x_00001.jpg, flow_y_00001.jpg)
    static constexpr frame_naming frames{"img_{:05d}.jpg", "flow_x_{:05d}.jpg", "flow_y_{:05d}.jpg", 1};
    static constexpr layout_names layout{"data/mmit", "videos", "rawframes", "annotations"};

    // source: the guide's tree (parse_mmit_splits opens the same lists as trainingSet.csv / validationSet.csv)
    static constexpr std::array official_files{
        official_file{"annotations/moments_categories.txt", "mit_categories", "'name,index' per class"},
        official_file{"annotations/trainingSet.txt", "mmit_list", "'path,label,label,...' per training clip"},
        official_file{"annotations/validationSet.txt", "mmit_list", "the validation clips, same columns"},
    };
    // source: configs/recognition/tsn/tsn_r101_1x1x5_50e_mmit_rgb.py reads mmit_{train,val}_list_videos.txt, the names
    // build_file_list.py --num-split 1 writes (the guide's tree shows mmit_{train,val}_{rawframes,videos}.txt)
    static constexpr std::array lists{
        list_file{"mmit_train_list_rawframes.txt", "rawframe_list", "train"},
        list_file{"mmit_val_list_rawframes.txt", "rawframe_list", "val"},
        list_file{"mmit_train_list_videos.txt", "video_list", "train"},
        list_file{"mmit_val_list_videos.txt", "video_list", "val"},
    };
    // source: tsn_r101_1x1x5_50e_mmit_rgb.py: evaluation metrics=['mmit_mean_average_precision']
    static constexpr std::array metrics{metric_kind::mmit_mean_average_precision};

    static constexpr std::string_view mmaction2_label_map = "tools/data/mmit/label_map.txt";
    /// Every clip may have several labels; the lists write them space-separated after the path.
    static constexpr bool multi_label = true;
    /// No test labels: parse_mmit_splits uses the validation set as the test set.
    static constexpr bool test_is_validation = true;
};

static_assert(dataset_descriptor<mmit>);

}  // namespace vidata::datasets
