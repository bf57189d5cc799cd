// SPDX-License-Identifier: Apache-2.0
// vidata::datasets::sthv1, sthv2: Something-Something V1 and V2 as MMAction2's guides prepare them (174 classes each).
#pragma once

#include <vidata/datasets/descriptor.hpp>

#include <array>
#include <string_view>

namespace vidata::datasets {

/// Something-Something V1: 108,499 clips of 174 template actions ("Putting something on a surface"), released
/// as JPEG frames only. source: tools/data/sthv1/README.md@0.x, parse_file_list.py@0.x (parse_sthv1_splits)
struct sthv1 {
    static constexpr std::string_view name = "sthv1";
    static constexpr std::string_view title = "Something-Something V1";
    static constexpr int num_classes = 174;
    static constexpr int num_splits = 1;

    // source: the guide: "the prefix of official JPGs is "%05d.jpg"", configs add filename_tmpl='{:05}.jpg';
    // extract_flow.sh adds denseflow's flow_x_ / flow_y_ beside them (the guide's tree)
    static constexpr frame_naming frames{"{:05d}.jpg", "flow_x_{:05d}.jpg", "flow_y_{:05d}.jpg", 1};
    static constexpr layout_names layout{"data/sthv1", "videos", "rawframes", "annotations"};

    // source: the guide (annotations downloaded by hand into data/sthv1/annotations) and parse_sthv1_splits
    static constexpr std::array official_files{
        official_file{"annotations/something-something-v1-labels.csv", "sthv1_labels", "the 174 templates, one per line, in class-id order"},
        official_file{"annotations/something-something-v1-train.csv", "sthv1_csv", "'id;template' per training clip"},
        official_file{"annotations/something-something-v1-validation.csv", "sthv1_csv", "'id;template' per validation clip"},
        official_file{"annotations/something-something-v1-test.csv", "sthv1_csv", "'id' per test clip"},
    };
    // source: the guide's tree; build_file_list.py --num-split 1 (level 1: the frame directory is the clip id)
    static constexpr std::array lists{
        list_file{"sthv1_train_list_rawframes.txt", "rawframe_list", "train"},
        list_file{"sthv1_val_list_rawframes.txt", "rawframe_list", "val"},
        list_file{"sthv1_train_list_videos.txt", "video_list", "train"},
        list_file{"sthv1_val_list_videos.txt", "video_list", "val"},
    };
    // source: configs/recognition/tsm/tsm_r50_1x1x8_50e_sthv1_rgb.py
    static constexpr std::array metrics{metric_kind::top_k_accuracy, metric_kind::mean_class_accuracy};

    static constexpr std::string_view mmaction2_label_map = "tools/data/sthv1/label_map.txt";
    /// The frame rate encode_videos.sh (build_videos.py) writes the frames back into mp4 videos with.
    static constexpr int encoded_video_fps = 12;
    /// Class pairs a horizontal flip turns into each other (left ↔ right), for Flip(flip_label_map=...).
    /// source: configs/recognition/tsm/tsm_r50_flip_1x1x8_50e_sthv1_rgb.py: sthv1_flip_label_map
    static constexpr std::array<std::array<int, 2>, 3> flip_label_pairs{{{2, 4}, {30, 41}, {52, 66}}};
};

/// Something-Something V2: 220,847 .webm clips of the same 174 templates.
/// source: tools/data/sthv2/README.md@0.x, parse_file_list.py@0.x (parse_sthv2_splits)
struct sthv2 {
    static constexpr std::string_view name = "sthv2";
    static constexpr std::string_view title = "Something-Something V2";
    static constexpr int num_classes = 174;
    static constexpr int num_splits = 1;

    // source: the guide's tree: frames extracted from the videos (img_00001.jpg, flow_x_00001.jpg, ...)
    static constexpr frame_naming frames{"img_{:05d}.jpg", "flow_x_{:05d}.jpg", "flow_y_{:05d}.jpg", 1};
    static constexpr layout_names layout{"data/sthv2", "videos", "rawframes", "annotations"};

    static constexpr std::array official_files{
        official_file{"annotations/something-something-v2-labels.json", "sthv2_labels", "{template: \"index\"} for the 174 templates"},
        official_file{"annotations/something-something-v2-train.json", "sthv2_json", "[{id, label, template, placeholders}] per training clip"},
        official_file{"annotations/something-something-v2-validation.json", "sthv2_json", "the validation clips, same fields"},
        official_file{"annotations/something-something-v2-test.json", "sthv2_json", "[{id}] per test clip"},
    };
    static constexpr std::array lists{
        list_file{"sthv2_train_list_rawframes.txt", "rawframe_list", "train"},
        list_file{"sthv2_val_list_rawframes.txt", "rawframe_list", "val"},
        list_file{"sthv2_train_list_videos.txt", "video_list", "train"},
        list_file{"sthv2_val_list_videos.txt", "video_list", "val"},
    };
    // source: configs/recognition/tsm/tsm_r50_1x1x8_50e_sthv2_rgb.py
    static constexpr std::array metrics{metric_kind::top_k_accuracy, metric_kind::mean_class_accuracy};

    static constexpr std::string_view mmaction2_label_map = "tools/data/sthv2/label_map.txt";
    /// Class pairs a horizontal flip turns into each other (left ↔ right), for Flip(flip_label_map=...).
    /// source: configs/recognition/tsm/tsm_r50_1x1x8_50e_sthv2_rgb.py: sthv2_flip_label_map
    static constexpr std::array<std::array<int, 2>, 3> flip_label_pairs{{{86, 87}, {93, 94}, {166, 167}}};
};

static_assert(dataset_descriptor<sthv1>);
static_assert(dataset_descriptor<sthv2>);

}  // namespace vidata::datasets
