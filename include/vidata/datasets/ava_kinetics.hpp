// SPDX-License-Identifier: Apache-2.0
// vidata::datasets::ava_kinetics: AVA-Kinetics v1.0 as MMAction2's guide prepares it (AVA's 80 classes, 60 evaluated).
#pragma once

#include <vidata/datasets/descriptor.hpp>

#include <array>
#include <string_view>

namespace vidata::datasets {

/// AVA-Kinetics v1.0: AVA's boxes and action vocabulary on one keyframe per clip of Kinetics-700, merged with AVA
/// v2.2. source: tools/data/ava_kinetics/README.md (MMAction2 1.x; 0.x has no AVA-Kinetics guide),
/// cut_kinetics.py, prepare_annotation.py, merge_annotations.py
struct ava_kinetics {
    static constexpr std::string_view name = "ava_kinetics";
    static constexpr std::string_view title = "AVA-Kinetics";
    static constexpr int num_classes = 80;            // AVA's action vocabulary
    static constexpr int num_evaluated_classes = 60;  // AVA's evaluated subset
    static constexpr int num_splits = 1;

    // source: the guide's step 4 (extract_rgb_frames.py: ffmpeg -r 30 ... img_%05d.jpg, as AVA's
    // extract_rgb_frames_ffmpeg.sh; the stored version of the script omits the '/' between the frame directory and
    // img_, which a port must not copy)
    static constexpr frame_naming frames{"img_{:05d}.jpg", "", "", 1};
    // source: cut_kinetics.py writes the cut clips to videos/, extract_rgb_frames.py frames to rawframes/, and
    // step 7 copies AVA's annotations/ beside them
    static constexpr layout_names layout{"data/ava_kinetics", "videos", "rawframes", "annotations"};

    // The release archive ava_kinetics_v1_0.tar.gz. The guide unpacks it beside its scripts
    // (tools/data/ava_kinetics/ava_kinetics_v1_0) and passes that directory as --avakinetics_anotation; the path
    // here places it under the dataset root.
    static constexpr std::array official_files{
        official_file{"ava_kinetics_v1_0/kinetics_train_v1.0.csv", "ava_kinetics_csv",
                      "youtube_id,timestamp (fractional s),x1,y1,x2,y2,action_id of the Kinetics clips"},
        official_file{"ava_kinetics_v1_0/kinetics_val_v1.0.csv", "ava_kinetics_csv", "the validation Kinetics keyframes"},
        official_file{"ava_kinetics_v1_0/ava_train_v2.2.csv", "ava_csv", "AVA v2.2's training boxes, as in the AVA release"},
        official_file{"ava_kinetics_v1_0/ava_val_v2.2.csv", "ava_csv", "AVA v2.2's validation boxes"},
    };
    // source: prepare_annotation.py writes kinetics_train.csv (AVA's columns, the clip's path as video id, person id
    // -1), fetch_proposal.py kinetics_proposal.pkl; merge_annotations.py appends both to AVA's files in annotations/
    static constexpr std::array lists{
        list_file{"kinetics_train.csv", "ava_csv", "train"},
        list_file{"kinetics_proposal.pkl", "ava_proposals_pkl", "train"},
        list_file{"annotations/ava_train_v2.2.csv", "ava_csv", "train"},
        list_file{"annotations/ava_dense_proposals_train.FAIR.recall_93.9.pkl", "ava_proposals_pkl", "train"},
    };
    // source: configs/detection/slowonly/*ava-kinetics*.py: AVAMetric (frame-mAP@0.5IoU over the 60 classes)
    static constexpr std::array metrics{metric_kind::ava_frame_map};

    /// The frame rate cut_kinetics.py re-encodes the clips to.
    static constexpr int fps = 30;
    /// The Kinetics part: the Kinetics-700 training list it is cut from.
    static constexpr std::string_view kinetics_list = "data/kinetics700/kinetics700_train_list_videos.txt";
};

static_assert(dataset_descriptor<ava_kinetics>);

}  // namespace vidata::datasets
