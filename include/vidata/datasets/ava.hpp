// SPDX-License-Identifier: Apache-2.0
// vidata::datasets::ava: AVA Actions (v2.1, v2.2) as MMAction2's guide prepares it (80 classes, 60 evaluated).
#pragma once

#include <vidata/datasets/descriptor.hpp>

#include <array>
#include <string_view>

namespace vidata::datasets {

/// AVA Actions: 430 15-minute movie segments, person boxes at 1 Hz keyframes labelled with 80 atomic actions, of
/// which the 60 with enough examples are evaluated (frame-mAP@0.5IoU). source: tools/data/ava/README.md@0.x,
/// cut_videos.sh, extract_rgb_frames_ffmpeg.sh, mmaction/datasets/ava_dataset.py (all @0.x)
struct ava {
    static constexpr std::string_view name = "ava";
    static constexpr std::string_view title = "AVA";
    static constexpr int num_classes = 80;            // source: ava_action_list_v2.x.pbtxt ids 1..80
    static constexpr int num_evaluated_classes = 60;  // source: ava_action_list_v2.1_for_activitynet_2018.pbtxt
    static constexpr int num_splits = 1;              // train / val / test

    // source: the guide's tree (rawframes/<video>/img_00001.jpg; extract_rgb_frames_ffmpeg.sh writes img_%05d.jpg,
    // 1-based); extract_frames.sh adds denseflow's flow_x_ / flow_y_
    static constexpr frame_naming frames{"img_{:05d}.jpg", "flow_x_{:05d}.jpg", "flow_y_{:05d}.jpg", 1};
    // The frames come from the cut videos (videos_15min); the tree also has the downloads in videos/.
    static constexpr layout_names layout{"data/ava", "videos_15min", "rawframes", "annotations"};

    // source: the guide's tree (the v2.1 release; `VERSION=2.2 bash download_annotations.sh` fetches the v2.2 files,
    // same names with v2.2) and fetch_ava_proposals.sh (FAIR's person proposals)
    static constexpr std::array official_files{
        official_file{"annotations/ava_train_v2.1.csv", "ava_csv", "video_id,timestamp,x1,y1,x2,y2,action_id,person_id per box and action"},
        official_file{"annotations/ava_val_v2.1.csv", "ava_csv", "the validation boxes, same columns"},
        official_file{"annotations/ava_train_excluded_timestamps_v2.1.csv", "ava_exclusions", "video_id,timestamp of keyframes left out"},
        official_file{"annotations/ava_val_excluded_timestamps_v2.1.csv", "ava_exclusions", "the validation keyframes left out"},
        official_file{"annotations/ava_action_list_v2.1_for_activitynet_2018.pbtxt", "ava_pbtxt", "the 60 evaluated classes, ids in 1..80"},
        official_file{"annotations/ava_dense_proposals_train.FAIR.recall_93.9.pkl", "ava_proposals_pkl",
                      "'video_id,timestamp' -> person boxes with scores"},
        official_file{"annotations/ava_dense_proposals_val.FAIR.recall_93.9.pkl", "ava_proposals_pkl", "the validation proposals"},
        official_file{"annotations/ava_dense_proposals_test.FAIR.recall_93.9.pkl", "ava_proposals_pkl", "the test proposals"},
    };
    // MMAction2 reads the official CSVs directly: the guide writes no lists.
    static constexpr std::array<list_file, 0> lists{};
    // source: configs/detection/ava/*.py: evaluation metrics=('mAP', ) → ava_eval's mAP@0.5IOU
    static constexpr std::array metrics{metric_kind::ava_frame_map};

    /// MMAction2's numbered class list of the 60 evaluated classes (`1: bend/bow (at the waist)`).
    static constexpr std::string_view mmaction2_label_map = "tools/data/ava/label_map.txt";
    /// The frame rate cut_videos.sh re-encodes to and extract_rgb_frames_ffmpeg.sh samples at.
    static constexpr int fps = 30;
    /// The 15-minute segment: seconds 900 to 1800 of each movie (cut_videos.sh `-ss 900 -t 901`); AVADataset's
    /// timestamp_start / timestamp_end.
    static constexpr int timestamp_start = 900;
    static constexpr int timestamp_end = 1800;
    /// The annotated keyframes: every second from 902 to 1798 inclusive (the first and last two seconds of the
    /// segment have no keyframe, so that a clip around each keyframe stays inside it).
    static constexpr int first_keyframe = 902;
    static constexpr int last_keyframe = 1798;
    /// AVADataset's class count: the 80 action ids index a vector whose slot 0 is unused.
    static constexpr int mmaction2_num_classes = 81;
    /// AVADataset's start_index: 0, because SampleAVAFrames already adds 1 when it maps a keyframe to its centre
    /// frame `(timestamp - 900) * 30 + 1` of the 1-based frame files.
    static constexpr int mmaction2_start_index = 0;
    /// The annotation releases the guide downloads (VERSION=2.1 or 2.2).
    static constexpr std::array<std::string_view, 2> versions{"2.1", "2.2"};
};

static_assert(dataset_descriptor<ava>);

}  // namespace vidata::datasets
