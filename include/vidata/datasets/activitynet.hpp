// SPDX-License-Identifier: Apache-2.0
// vidata::datasets::activitynet: ActivityNet v1.3 as MMAction2's guide prepares it (200 classes, untrimmed).
#pragma once

#include <vidata/datasets/descriptor.hpp>

#include <array>
#include <string_view>

namespace vidata::datasets {

/// ActivityNet v1.3: ~20k untrimmed YouTube videos with temporal segments of 200 activities. The guide prepares
/// it for temporal action localization (BSN/BMN on 100-step features) and for recognition fine-tuning (TSN on
/// video- or clip-level rawframe lists). source: tools/data/activitynet/README.md@0.x, download_annotations.sh,
/// download.py, process_annotations.py, generate_rawframes_filelist.py (all @0.x)
struct activitynet {
    static constexpr std::string_view name = "activitynet";
    static constexpr std::string_view title = "ActivityNet v1.3";
    static constexpr int num_classes = 200;  // source: tools/data/activitynet/action_name.csv, TSN configs num_classes=200
    static constexpr int num_splits = 1;     // training / validation / testing

    // source: configs/recognition/tsn/tsn_r50_320p_1x1x8_50e_activitynet_{video,clip}_rgb.py: filename_tmpl=
    // 'image_{:05d}.jpg', start_index=0 (the flow configs: flow_{}_{:05d}.jpg). The guide's tree draws
    // img_00000.jpg instead (guide_tree_rgb): the two disagree on the RGB prefix, and agree on the index 0.
    static constexpr frame_naming frames{"image_{:05d}.jpg", "flow_x_{:05d}.jpg", "flow_y_{:05d}.jpg", 0};
    // source: the guide's tree: everything directly under data/ActivityNet (no annotations/ directory)
    static constexpr layout_names layout{"data/ActivityNet", "videos", "rawframes", ""};

    // source: download_annotations.sh fetches BSN's preprocessed files; download_features.sh the BSN features
    static constexpr std::array official_files{
        official_file{"anet_anno_action.json", "anet_mmaction_json",
                      "BSN's annotations keyed 'v_<youtube id>': duration, frames, segments with labels"},
        official_file{"video_info_new.csv", "bsn_video_info", "BSN's video table: video,numFrame,seconds,fps,rfps,subset,featureFrame"},
        official_file{"activitynet_feature_cuhk/csv_mean_100/*.csv", "anet_feature_csv",
                      "one CSV per video: 100 temporal steps x 400 features (option 1 of the guide)"},
    };
    // source: process_annotations.py (anet_anno_{train,val,test,full}.json) and generate_rawframes_filelist.py
    // (anet_{train,val}_video.txt: 'dir nframes label'; anet_{train,val}_clip.txt: 'dir offset nframes label')
    static constexpr std::array lists{
        list_file{"anet_anno_train.json", "anet_mmaction_json", "train"},
        list_file{"anet_anno_val.json", "anet_mmaction_json", "val"},
        list_file{"anet_anno_test.json", "anet_mmaction_json", "test"},
        list_file{"anet_anno_full.json", "anet_mmaction_json", ""},
        list_file{"anet_train_video.txt", "rawframe_list", "train"},
        list_file{"anet_val_video.txt", "rawframe_list", "val"},
        list_file{"anet_train_clip.txt", "rawframe_list", "train"},
        list_file{"anet_val_clip.txt", "rawframe_list", "val"},
    };
    // source: configs/localization/{bsn,bmn}/..._activitynet_feature.py: metrics=['AR@AN'];
    // the TSN fine-tuning configs: metrics=['top_k_accuracy', 'mean_class_accuracy']
    static constexpr std::array metrics{metric_kind::ar_at_an, metric_kind::top_k_accuracy, metric_kind::mean_class_accuracy};

    static constexpr std::string_view mmaction2_label_map = "tools/data/activitynet/label_map.txt";
    /// The RGB frame name the guide's tree draws (`img_00000.jpg`), where the configs read `image_{:05d}.jpg`.
    static constexpr std::string_view guide_tree_rgb = "img_{:05d}.jpg";
    /// Video ids are the YouTube id with this prefix (`v___c8enCfzqw.mp4`); MMAction2's metric strips it again.
    static constexpr std::string_view video_id_prefix = "v_";
    /// The BSN/BMN feature shape per video: temporal steps x channels (RGB 200 ‖ flow 200).
    static constexpr int feature_temporal_steps = 100;
    static constexpr int feature_channels = 400;
    /// The official ActivityNet release file (not fetched by the guide): the `anet_json` format reads it, and the
    /// official-policy metrics take it as ground truth.
    static constexpr std::string_view official_release_json = "activity_net.v1-3.min.json";
};

static_assert(dataset_descriptor<activitynet>);

}  // namespace vidata::datasets
