// SPDX-License-Identifier: Apache-2.0
// vidata::datasets::gym99: FineGYM's Gym99 element set as MMAction2's guide prepares it (99 classes).
#pragma once

#include <vidata/datasets/descriptor.hpp>

#include <array>
#include <string_view>

namespace vidata::datasets {

/// FineGYM, Gym99: gymnastics element clips ("sub-actions") of 99 classes, cut in two stages from the YouTube
/// videos: videos → events (`<vid>_E_<s>_<e>.mp4`) → sub-actions (`<event>_A_<s>_<e>.mp4`).
/// source: tools/data/gym/README.md@0.x, download_annotations.sh, trim_event.py, trim_subaction.py,
/// generate_file_list.py (all @0.x)
struct gym99 {
    static constexpr std::string_view name = "gym99";
    static constexpr std::string_view title = "FineGYM (Gym99)";
    static constexpr int num_classes = 99;
    static constexpr int num_splits = 1;

    // source: extract_frames.sh (denseflow, rgb and tvl1 flow) into subaction_frames/; generate_file_list.py counts
    // a directory's frames as len(listdir) // 3 (img_, flow_x_, flow_y_)
    static constexpr frame_naming frames{"img_{:05d}.jpg", "flow_x_{:05d}.jpg", "flow_y_{:05d}.jpg", 1};
    // The clips a model reads are the sub-actions; the guide's tree also has videos/ and events/.
    static constexpr layout_names layout{"data/gym", "subactions", "subaction_frames", "annotations"};

    // source: download_annotations.sh saves the FineGYM release files under these names
    static constexpr std::array official_files{
        official_file{"annotations/annotation.json", "gym_annotation_json",
                      "video → events → elements with timestamps (finegym_annotation_info_v1.0.json)"},
        official_file{"annotations/gym99_train_org.txt", "gym_element_list", "'<element id> <label>' (gym99_train_element_v1.0.txt)"},
        official_file{"annotations/gym99_val_org.txt", "gym_element_list", "'<element id> <label>' (gym99_val_element.txt)"},
    };
    // source: generate_file_list.py keeps the elements whose clip was cut and writes these
    static constexpr std::array lists{
        list_file{"annotations/gym99_train.txt", "video_list", "train"},
        list_file{"annotations/gym99_val.txt", "video_list", "val"},
        list_file{"annotations/gym99_train_frame.txt", "rawframe_list", "train"},
        list_file{"annotations/gym99_val_frame.txt", "rawframe_list", "val"},
    };
    // source: configs/recognition/slowonly/slowonly_imagenet_pretrained_r50_4x16x1_120e_gym99_rgb.py (its lists are
    // annotations/gym99_{train,val}_frame.txt over subaction_frames/); the FineGYM paper reports mean class accuracy
    static constexpr std::array metrics{metric_kind::top_k_accuracy, metric_kind::mean_class_accuracy};

    static constexpr std::string_view mmaction2_label_map = "tools/data/gym/label_map.txt";
    /// The directories of the whole videos and of the event clips cut from them (the guide's tree).
    static constexpr std::string_view videos_dir = "videos";
    static constexpr std::string_view events_dir = "events";
};

static_assert(dataset_descriptor<gym99>);

}  // namespace vidata::datasets
