// SPDX-License-Identifier: Apache-2.0
// vidata::datasets::jester: 20BN-Jester V1 as MMAction2's guide prepares it (27 gestures).
#pragma once

#include <vidata/datasets/descriptor.hpp>

#include <array>
#include <string_view>

namespace vidata::datasets {

/// Jester V1: 148,092 clips of 27 hand gestures, released as JPEG frames only.
/// source: tools/data/jester/README.md@0.x, parse_file_list.py@0.x (parse_jester_splits)
struct jester {
    static constexpr std::string_view name = "jester";
    static constexpr std::string_view title = "Jester";
    static constexpr int num_classes = 27;
    static constexpr int num_splits = 1;

    // source: the guide: "the prefix of official JPGs is "%05d.jpg"" (filename_tmpl='{:05}.jpg'); extract_flow.sh
    // adds flow_x_ / flow_y_ (the guide's tree)
    static constexpr frame_naming frames{"{:05d}.jpg", "flow_x_{:05d}.jpg", "flow_y_{:05d}.jpg", 1};
    static constexpr layout_names layout{"data/jester", "videos", "rawframes", "annotations"};

    // source: parse_jester_splits reads data/jester/annotations/jester-v1-*.csv
    static constexpr std::array official_files{
        official_file{"annotations/jester-v1-labels.csv", "jester_labels", "the 27 gestures, one per line, in class-id order"},
        official_file{"annotations/jester-v1-train.csv", "jester_csv", "'id;label' per training clip"},
        official_file{"annotations/jester-v1-validation.csv", "jester_csv", "'id;label' per validation clip"},
        official_file{"annotations/jester-v1-test.csv", "jester_csv", "'id' per test clip"},
    };
    // source: the guide's tree (jester_{train,val}_list_{rawframes,videos}.txt)
    static constexpr std::array lists{
        list_file{"jester_train_list_rawframes.txt", "rawframe_list", "train"},
        list_file{"jester_val_list_rawframes.txt", "rawframe_list", "val"},
        list_file{"jester_train_list_videos.txt", "video_list", "train"},
        list_file{"jester_val_list_videos.txt", "video_list", "val"},
    };
    // source: configs/recognition/tsm/tsm_r50_1x1x8_50e_jester_rgb.py
    static constexpr std::array metrics{metric_kind::top_k_accuracy, metric_kind::mean_class_accuracy};

    static constexpr std::string_view mmaction2_label_map = "tools/data/jester/label_map.txt";
    /// The frame rate encode_videos.sh (build_videos.py) writes the frames back into mp4 videos with.
    static constexpr int encoded_video_fps = 12;
    /// Class pairs a horizontal flip turns into each other (left ↔ right), for Flip(flip_label_map=...).
    /// source: configs/recognition/tsm/tsm_r50_1x1x8_50e_jester_rgb.py: jester_flip_label_map
    static constexpr std::array<std::array<int, 2>, 2> flip_label_pairs{{{0, 1}, {6, 7}}};
};

static_assert(dataset_descriptor<jester>);

}  // namespace vidata::datasets
