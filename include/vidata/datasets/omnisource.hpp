// SPDX-License-Identifier: Apache-2.0
// vidata::datasets::omnisource: the OmniSource web data release as MMAction2's guide lays it out (200 Mini-Kinetics classes).
#pragma once

#include <vidata/datasets/descriptor.hpp>

#include <array>
#include <string_view>

namespace vidata::datasets {

/// OmniSource: web images (Google, Instagram), Instagram videos and untrimmed Kinetics videos for the 200 classes of
/// Mini-Kinetics, with the Kinetics-200 clips, used to train recognition models webly supervised. The release
/// ships its own lists; the guide only unpacks volumes and cuts the raw videos into 10 s parts.
/// source: tools/data/omnisource/README.md@0.x, trim_raw_video.py@0.x
struct omnisource {
    static constexpr std::string_view name = "omnisource";
    static constexpr std::string_view title = "OmniSource";
    static constexpr int num_classes = 200;  // source: the guide: "the 200 classes in Mini-Kinetics"
    static constexpr int num_splits = 1;

    // No extracted frames: the sources are read as videos (VideoDataset, RawVideoDataset) and images (ImageDataset).
    static constexpr frame_naming frames{"", "", "", 0};
    // source: the guide's data/OmniSource tree (kinetics_200_{train,val}/<id>.mp4; the web sources have a directory
    // each, googleimage_200, insimage_200, insvideo_200, kinetics_raw_200_train)
    static constexpr layout_names layout{"data/OmniSource", "kinetics_200_{}", "", "annotations", {"train", "val"}};

    // source: the guide's trees. (The raw-clip list annotations/kinetics_raw_200/slowonly_8x8_kinetics_raw_200.json
    // is JSON for RawVideoDataset, which no vidata format reads; omnisource_list reads its text form.)
    static constexpr std::array official_files{
        official_file{"annotations/kinetics_200/k200_train.txt", "omnisource_list", "'<video> <label>' per Kinetics-200 training clip"},
        official_file{"annotations/kinetics_200/k200_val.txt", "omnisource_list", "the Kinetics-200 validation clips"},
        official_file{"annotations/googleimage_200/tsn_8seg_googleimage_200_wodup.txt", "omnisource_list",
                      "Google images kept by the TSN teacher, duplicates of val removed"},
        official_file{"annotations/insimage_200/tsn_8seg_insimage_200_wodup.txt", "omnisource_list", "Instagram images, likewise"},
        official_file{"annotations/insvideo_200/slowonly_8x8_insvideo_200_wodup.txt", "omnisource_list",
                      "Instagram videos kept by the SlowOnly teacher, likewise"},
        official_file{"annotations/webimage_200/tsn_8seg_webimage_200_wodup.txt", "omnisource_list",
                      "the union of the Google and Instagram image lists"},
        official_file{"annotations/k200_actions.txt", "label_map", "the 200 Mini-Kinetics class names"},
        official_file{"annotations/K400_to_MiniKinetics_classidx_mapping.json", "minikinetics_mapping_json",
                      "Kinetics-400 class index -> Mini-Kinetics index"},
    };
    // The release ships its lists; MMAction2 writes none.
    static constexpr std::array<list_file, 0> lists{};
    // source: configs/recognition/omnisource/*.py evaluate on k200_val: metrics=['top_k_accuracy', 'mean_class_accuracy']
    static constexpr std::array metrics{metric_kind::top_k_accuracy, metric_kind::mean_class_accuracy};

    /// trim_raw_video.py cuts each raw Kinetics video into parts of this many seconds, `<video>/part_{i}.mp4`.
    static constexpr int raw_video_part_seconds = 10;
    static constexpr std::string_view raw_video_part_template = "part_{}.mp4";
};

static_assert(dataset_descriptor<omnisource>);

}  // namespace vidata::datasets
