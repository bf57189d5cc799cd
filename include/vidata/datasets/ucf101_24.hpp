// SPDX-License-Identifier: Apache-2.0
// vidata::datasets::ucf101_24: UCF101-24 spatio-temporal detection as MMAction2's guide lays it out (24 classes).
#pragma once

#include <vidata/datasets/descriptor.hpp>

#include <array>
#include <string_view>

namespace vidata::datasets {

/// UCF101-24: the untrimmed UCF-101 videos of 24 actions with person tubes (gurkirt's corrected annotations),
/// one split. The guide downloads MOC's archive: frames, Brox flow images and UCF101v2-GT.pkl.
/// source: tools/data/ucf101_24/README.md@0.x
struct ucf101_24 {
    static constexpr std::string_view name = "ucf101_24";
    static constexpr std::string_view title = "UCF101-24";
    static constexpr int num_classes = 24;  // source: the guide: "labels (list): List of the 24 labels"
    static constexpr int num_splits = 1;    // the guide: train_videos / test_videos have nsplits=1 elements

    // source: the guide's tree: rgb-images/<class>/<video>/00001.jpg; flow is one Brox image per frame (brox_flow)
    static constexpr frame_naming frames{"{:05d}.jpg", "", "", 1};
    static constexpr layout_names layout{"data/ucf101_24", "", "rgb-images", ""};

    static constexpr std::array official_files{
        official_file{"UCF101v2-GT.pkl", "tube_gt_pkl", "labels, gttubes, nframes, train_videos, test_videos, resolution"},
    };
    static constexpr std::array<list_file, 0> lists{};
    // ACT / MOC evaluate frame-mAP@0.5 and video-mAP (0.x has no evaluation code for UCF101-24: spec §1.9)
    static constexpr std::array metrics{metric_kind::frame_map, metric_kind::video_map};

    /// The Brox optical-flow images: their directory and file template (the guide's tree).
    static constexpr std::string_view brox_flow_dir = "brox-images";
    static constexpr std::string_view brox_flow = "{:05d}.jpg";
};

static_assert(dataset_descriptor<ucf101_24>);

}  // namespace vidata::datasets
