// SPDX-License-Identifier: Apache-2.0
// vidata::datasets::hvu: Holistic Video Understanding as MMAction2's guide prepares it (3142 tags in 6 categories).
#pragma once

#include <vidata/datasets/descriptor.hpp>

#include <array>
#include <string_view>

namespace vidata::datasets {

/// HVU: ~572k YouTube clips, each tagged with any number of the 3142 tags of six categories (action, attribute,
/// concept, event, object, scene). MMAction2 trains one multi-label head per category.
/// source: tools/data/hvu/README.md@0.x, download_annotations.sh, parse_tag_list.py, generate_file_list.py,
/// generate_sub_file_list.py, mmaction/datasets/hvu_dataset.py (all @0.x)
struct hvu {
    static constexpr std::string_view name = "hvu";
    static constexpr std::string_view title = "HVU";
    static constexpr int num_classes = 3142;  // all tags: the sum of tag_category_nums
    static constexpr int num_splits = 1;

    // source: extract_frames.sh (denseflow, short edge 256) into rawframes_{train,val}; configs filename_tmpl='img_{:05d}.jpg'
    static constexpr frame_naming frames{"img_{:05d}.jpg", "flow_x_{:05d}.jpg", "flow_y_{:05d}.jpg", 1};
    // source: the guide's tree
    static constexpr layout_names layout{"data/hvu", "videos_{}", "rawframes_{}", "annotations", {"train", "val"}};

    // source: download_annotations.sh renames the release's CSVs
    static constexpr std::array official_files{
        official_file{"annotations/hvu_train.csv", "hvu_csv", "Tags,youtube_id,time_start,time_end (HVU_Train_V1.0.csv)"},
        official_file{"annotations/hvu_val.csv", "hvu_csv", "the validation clips (HVU_Val_V1.0.csv)"},
        official_file{"annotations/hvu_categories.csv", "hvu_categories", "Tag,Category for the 3142 tags (HVU_Tags_Categories_V1.0.csv)"},
    };
    // source: the guide's tree; generate_file_list.py writes JSON lists whose labels are {category: [tag index]}.
    // generate_sub_file_list.py writes per-category lists, hvu_<category>_{train,val}.json (tag_categories).
    static constexpr std::array lists{
        list_file{"hvu_train.json", "hvu_json", "train"},
        list_file{"hvu_val.json", "hvu_json", "val"},
        list_file{"hvu_train_video.json", "hvu_json", "train"},
        list_file{"hvu_val_video.json", "hvu_json", "val"},
    };
    // source: configs/recognition/tsn/hvu/tsn_r18_1x1x8_100e_hvu_*_rgb.py: metrics=['mean_average_precision'];
    // HVUDataset.evaluate reports it per category ({category}_mAP)
    static constexpr std::array metrics{metric_kind::mean_average_precision};

    /// The six tag categories, in the order of the configs' category_nums, and their tag counts.
    /// source: the hvu configs' category_nums; HVU_Tags_Categories_V1.0.csv
    static constexpr std::array<std::string_view, 6> tag_categories{"action", "attribute", "concept", "event", "object", "scene"};
    static constexpr std::array<int, 6> tag_category_nums{739, 117, 291, 69, 1678, 248};
    /// A tag's index is its position in its category's sorted tag list (parse_tag_list.py → hvu_tags.json).
    static constexpr bool tag_ids_sorted_by_name = true;
    /// A clip's file stem: youtube id, start and end in tenths of a second (unlike Kinetics' whole seconds).
    /// source: generate_file_list.py: f'{ytid}_{int(start * 10):06d}_{int(end * 10):06d}'
    static constexpr std::string_view clip_name_template = "{}_{:06d}_{:06d}";
    static constexpr int clip_time_units_per_second = 10;
    /// MMAction2's category → tag names map, in the repository (JSON).
    static constexpr std::string_view mmaction2_tag_map = "tools/data/hvu/label_map.json";
};

static_assert(dataset_descriptor<hvu>);

}  // namespace vidata::datasets
