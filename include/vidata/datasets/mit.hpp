// SPDX-License-Identifier: Apache-2.0
// vidata::datasets::mit: Moments in Time (v1) as MMAction2's guide prepares it (339 classes).
#pragma once

#include <vidata/datasets/descriptor.hpp>

#include <array>
#include <string_view>

namespace vidata::datasets {

/// Moments in Time: one million 3-second clips of 339 events, one label each.
/// source: tools/data/mit/README.md@0.x, preprocess_data.sh, generate_{rawframes,videos}_filelist.sh,
/// parse_file_list.py (parse_mit_splits), all @0.x
struct mit {
    static constexpr std::string_view name = "mit";
    static constexpr std::string_view title = "Moments in Time";
    static constexpr int num_classes = 339;  // source: configs/recognition/tsn/tsn_r50_1x1x6_100e_mit_rgb.py num_classes=339
    static constexpr int num_splits = 1;

    // source: the guide's tree (img_00001.jpg, flow_x_00001.jpg, flow_y_00001.jpg)
    static constexpr frame_naming frames{"img_{:05d}.jpg", "flow_x_{:05d}.jpg", "flow_y_{:05d}.jpg", 1};
    // source: the guide's tree: videos/{training,validation}/<class>/<clip>.mp4, rawframes likewise
    static constexpr layout_names layout{"data/mit", "videos/{}", "rawframes/{}", "annotations", {"training", "validation"}};

    // source: the guide's tree; preprocess_data.sh moves the release's *.txt and *.csv into annotations/
    static constexpr std::array official_files{
        official_file{"annotations/moments_categories.txt", "mit_categories", "'name,index' per class"},
        official_file{"annotations/trainingSet.csv", "mit_csv", "'path,label,agreed,disagreed' per training clip"},
        official_file{"annotations/validationSet.csv", "mit_csv", "the validation clips, same columns"},
    };
    // source: generate_*_filelist.sh: build_file_list.py mit ... --num-split 1 --subset {train,val}, the names the
    // configs read (the guide's tree shows older names, mit_{train,val}_{rawframe,video}_anno.txt)
    static constexpr std::array lists{
        list_file{"mit_train_list_rawframes.txt", "rawframe_list", "train"},
        list_file{"mit_val_list_rawframes.txt", "rawframe_list", "val"},
        list_file{"mit_train_list_videos.txt", "video_list", "train"},
        list_file{"mit_val_list_videos.txt", "video_list", "val"},
    };
    // source: configs/recognition/tsn/tsn_r50_1x1x6_100e_mit_rgb.py (BaseDataset.evaluate's defaults)
    static constexpr std::array metrics{metric_kind::top_k_accuracy, metric_kind::mean_class_accuracy};

    static constexpr std::string_view mmaction2_label_map = "tools/data/mit/label_map.txt";
    /// The MiT release has no test labels: parse_mit_splits uses the validation set as the test set.
    static constexpr bool test_is_validation = true;
};

static_assert(dataset_descriptor<mit>);

}  // namespace vidata::datasets
