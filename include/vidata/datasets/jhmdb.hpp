// SPDX-License-Identifier: Apache-2.0
// vidata::datasets::jhmdb: J-HMDB-21 spatio-temporal detection as MMAction2's guide lays it out (21 classes, 3 splits).
#pragma once

#include <vidata/datasets/descriptor.hpp>

#include <array>
#include <string_view>

namespace vidata::datasets {

/// J-HMDB-21: 928 trimmed HMDB clips of 21 actions with a person box in every frame, three splits. The guide
/// downloads MOC's (ACT-detector's) archive: frames, Brox flow images and the tube ground truth JHMDB-GT.pkl.
/// source: tools/data/jhmdb/README.md@0.x
struct jhmdb {
    static constexpr std::string_view name = "jhmdb";
    static constexpr std::string_view title = "J-HMDB-21";
    static constexpr int num_classes = 21;  // source: the guide: "labels (list): List of the 21 labels"
    static constexpr int num_splits = 3;    // JHMDB-GT.pkl's train_videos / test_videos hold three splits

    // source: the guide's tree: Frames/<class>/<video>/00001.png. Flow is one 3-channel Brox image per frame
    // (FlowBrox04/<class>/<video>/00001.jpg), not the x/y pair: see brox_flow.
    static constexpr frame_naming frames{"{:05d}.png", "", "", 1};
    static constexpr layout_names layout{"data/jhmdb", "", "Frames", ""};

    static constexpr std::array official_files{
        official_file{"JHMDB-GT.pkl", "tube_gt_pkl", "labels, gttubes, nframes, train_videos, test_videos, resolution"},
    };
    static constexpr std::array<list_file, 0> lists{};
    // ACT / MOC evaluate frame-mAP@0.5 and video-mAP (0.x has no evaluation code for JHMDB: spec §1.9)
    static constexpr std::array metrics{metric_kind::frame_map, metric_kind::video_map};

    /// The Brox optical-flow images: their directory and file template (the guide's tree).
    static constexpr std::string_view brox_flow_dir = "FlowBrox04";
    static constexpr std::string_view brox_flow = "{:05d}.jpg";
};

static_assert(dataset_descriptor<jhmdb>);

}  // namespace vidata::datasets
