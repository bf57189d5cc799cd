// SPDX-License-Identifier: Apache-2.0
// vidata::datasets::diving48: Diving48 (V2 annotations) as MMAction2's guide prepares it (48 dive classes).
#pragma once

#include <vidata/datasets/descriptor.hpp>

#include <array>
#include <string_view>

namespace vidata::datasets {

/// Diving48: 18k trimmed clips of 48 competitive dives, each class a combination of take-off, somersault, twist
/// and flight position. source: tools/data/diving48/README.md@0.x, parse_file_list.py@0.x (parse_diving48_splits)
struct diving48 {
    static constexpr std::string_view name = "diving48";
    static constexpr std::string_view title = "Diving48";
    static constexpr int num_classes = 48;
    static constexpr int num_splits = 1;

    // source: the guide's tree (img_00001.jpg, flow_x_00001.jpg, flow_y_00001.jpg; download_frames.sh)
    static constexpr frame_naming frames{"img_{:05d}.jpg", "flow_x_{:05d}.jpg", "flow_y_{:05d}.jpg", 1};
    static constexpr layout_names layout{"data/diving48", "videos", "rawframes", "annotations"};

    // source: the guide's tree (annotations/Diving48_V2_{train,test}.json, Diving48_vocab.json)
    static constexpr std::array official_files{
        official_file{"annotations/Diving48_V2_train.json", "diving48_json", "[{vid_name, label, start_frame, end_frame}] per training clip"},
        official_file{"annotations/Diving48_V2_test.json", "diving48_json", "the test clips, same fields (MMAction2's val list)"},
        official_file{"annotations/Diving48_vocab.json", "diving48_vocab", "each class as its four dive attributes"},
    };
    // source: the guide's tree (diving48_{train,val}_list_{rawframes,videos}.txt)
    static constexpr std::array lists{
        list_file{"diving48_train_list_rawframes.txt", "rawframe_list", "train"},
        list_file{"diving48_val_list_rawframes.txt", "rawframe_list", "val"},
        list_file{"diving48_train_list_videos.txt", "video_list", "train"},
        list_file{"diving48_val_list_videos.txt", "video_list", "val"},
    };
    // source: configs/recognition/tsm/tsm_r50_video_1x1x8_50e_diving48_rgb.py
    static constexpr std::array metrics{metric_kind::top_k_accuracy, metric_kind::mean_class_accuracy};

    /// MMAction2's class list: each class's four attributes joined by '+' (`Back+15som+05Twis+FREE`).
    static constexpr std::string_view mmaction2_label_map = "tools/data/diving48/label_map.txt";
};

static_assert(dataset_descriptor<diving48>);

}  // namespace vidata::datasets
