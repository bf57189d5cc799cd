// SPDX-License-Identifier: Apache-2.0
// vidata::datasets::kinetics400, kinetics600, kinetics700: the Kinetics family as MMAction2's guide prepares it.
#pragma once

#include <vidata/datasets/descriptor.hpp>

#include <array>
#include <string_view>

namespace vidata::datasets {

namespace detail {

// What the three Kinetics versions share: one guide (tools/data/kinetics/README.md@0.x, run with ${DATASET} set to
// kinetics400, kinetics600 or kinetics700), the same files and lists under data/${DATASET}/.
struct kinetics_common {
    // source: extract_rgb_frames.sh runs build_rawframes.py (--level 2 --task rgb --new-short 256): img_00001.jpg;
    // extract_frames.sh adds flow_x_ / flow_y_
    static constexpr frame_naming frames{"img_{:05d}.jpg", "flow_x_{:05d}.jpg", "flow_y_{:05d}.jpg", 1};
    static constexpr int num_splits = 1;  // one train/val/test partition
    // source: configs/recognition/*/..._kinetics400_*.py: metrics=['top_k_accuracy', 'mean_class_accuracy']
    static constexpr std::array metrics{metric_kind::top_k_accuracy, metric_kind::mean_class_accuracy};

    // source: download_annotations.sh renames the archive's train.csv / validate.csv / test.csv
    static constexpr std::array official_files{
        official_file{"annotations/kinetics_train.csv", "kinetics_csv", "label,youtube_id,time_start,time_end,split (train.csv)"},
        official_file{"annotations/kinetics_val.csv", "kinetics_csv", "the validation clips (validate.csv)"},
        official_file{"annotations/kinetics_test.csv", "kinetics_csv", "the test clips, without labels (test.csv)"},
    };

    /// A clip's file stem: youtube id, start and end in whole seconds (`0wR5jVB-WPk_000417_000427`).
    /// source: download.py via parse_file_list.py's parse_kinetics_splits: f'{ytid}_{int(s):06d}_{int(e):06d}'
    static constexpr std::string_view clip_name_template = "{}_{:06d}_{:06d}";
    /// Class directories (and class names in the lists) have spaces replaced by underscores and quotes removed:
    /// "air drumming" → air_drumming. source: rename_classnames.sh, parse_kinetics_splits' convert_label
    static constexpr bool class_names_underscored = true;
    /// Class ids are the positions of the class names in the sorted set of training labels (parse_kinetics_splits).
    static constexpr bool class_ids_sorted_by_name = true;
    /// The test list's label: the test CSV has none.
    static constexpr int test_label = -1;
};

// The tree of data/${DATASET}/: per-subset video and frame directories. source: the guide's "Folder Structure"
inline constexpr layout_names kinetics_layout(std::string_view root) {
    return layout_names{root, "videos_{}", "rawframes_{}", "annotations", {"train", "val"}};
}

}  // namespace detail

/// Kinetics-400: 400 human actions, ~10 s YouTube clips.
struct kinetics400 : detail::kinetics_common {
    static constexpr std::string_view name = "kinetics400";
    static constexpr std::string_view title = "Kinetics-400";
    static constexpr int num_classes = 400;
    static constexpr layout_names layout = detail::kinetics_layout("data/kinetics400");
    // source: the guide's tree; build_file_list.py --num-split 1 --subset {train,val} writes {ds}_{subset}_list_{format}.txt
    static constexpr std::array lists{
        list_file{"kinetics400_train_list_rawframes.txt", "rawframe_list", "train"},
        list_file{"kinetics400_val_list_rawframes.txt", "rawframe_list", "val"},
        list_file{"kinetics400_train_list_videos.txt", "video_list", "train"},
        list_file{"kinetics400_val_list_videos.txt", "video_list", "val"},
    };
    static constexpr std::string_view mmaction2_label_map = "tools/data/kinetics/label_map_k400.txt";
};

/// Kinetics-600: 600 human actions (a superset of most Kinetics-400 classes).
struct kinetics600 : detail::kinetics_common {
    static constexpr std::string_view name = "kinetics600";
    static constexpr std::string_view title = "Kinetics-600";
    static constexpr int num_classes = 600;
    static constexpr layout_names layout = detail::kinetics_layout("data/kinetics600");
    static constexpr std::array lists{
        list_file{"kinetics600_train_list_rawframes.txt", "rawframe_list", "train"},
        list_file{"kinetics600_val_list_rawframes.txt", "rawframe_list", "val"},
        list_file{"kinetics600_train_list_videos.txt", "video_list", "train"},
        list_file{"kinetics600_val_list_videos.txt", "video_list", "val"},
    };
    static constexpr std::string_view mmaction2_label_map = "tools/data/kinetics/label_map_k600.txt";
};

/// Kinetics-700: 700 human actions.
struct kinetics700 : detail::kinetics_common {
    static constexpr std::string_view name = "kinetics700";
    static constexpr std::string_view title = "Kinetics-700";
    static constexpr int num_classes = 700;
    static constexpr layout_names layout = detail::kinetics_layout("data/kinetics700");
    static constexpr std::array lists{
        list_file{"kinetics700_train_list_rawframes.txt", "rawframe_list", "train"},
        list_file{"kinetics700_val_list_rawframes.txt", "rawframe_list", "val"},
        list_file{"kinetics700_train_list_videos.txt", "video_list", "train"},
        list_file{"kinetics700_val_list_videos.txt", "video_list", "val"},
    };
    static constexpr std::string_view mmaction2_label_map = "tools/data/kinetics/label_map_k700.txt";
};

static_assert(dataset_descriptor<kinetics400>);
static_assert(dataset_descriptor<kinetics600>);
static_assert(dataset_descriptor<kinetics700>);

}  // namespace vidata::datasets
