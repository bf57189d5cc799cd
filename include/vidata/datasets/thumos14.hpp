// SPDX-License-Identifier: Apache-2.0
// vidata::datasets::thumos14: THUMOS'14 temporal action detection as MMAction2's guide prepares it (20 classes).
#pragma once

#include <vidata/datasets/descriptor.hpp>

#include <array>
#include <string_view>

namespace vidata::datasets {

/// THUMOS'14 (temporal detection track): untrimmed validation (200) and test (213) videos with segments of 20
/// sports actions; models train on validation and are evaluated on test.
/// source: tools/data/thumos14/README.md@0.x, download_annotations.sh, denormalize_proposal_file.py (all @0.x)
struct thumos14 {
    static constexpr std::string_view name = "thumos14";
    static constexpr std::string_view title = "THUMOS'14";
    static constexpr int num_classes = 20;  // source: TH14_Temporal_annotations_*: one <Class>_{val,test}.txt per class
    static constexpr int num_splits = 1;    // validation / test

    // source: the guide's tree (img_00001.jpg, flow_x_00001.jpg, flow_y_00001.jpg)
    static constexpr frame_naming frames{"img_{:05d}.jpg", "flow_x_{:05d}.jpg", "flow_y_{:05d}.jpg", 1};
    // source: the guide's tree: videos/{val,test}/, rawframes/{val,test}/, annotations_{val,test}/
    static constexpr layout_names layout{"data/thumos14", "videos/{}", "rawframes/{}", "annotations_{}", {"val", "test"}};

    // source: download_annotations.sh unzips TH14_Temporal_annotations_{validation,test}.zip flat into these
    static constexpr std::array official_files{
        official_file{"annotations_val/*_val.txt", "thumos14_annotation",
                      "one file per class (and Ambiguous): '<video>  <start s> <end s>' per segment"},
        official_file{"annotations_test/*_test.txt", "thumos14_annotation", "the test segments, same form"},
    };
    // source: fetch_tag_proposals.sh (SSN's TAG proposals) and denormalize_proposal_file.sh, which writes the file
    // name without 'normalized_' with bounds in frames of the local rawframes
    static constexpr std::array lists{
        list_file{"proposals/thumos14_tag_val_normalized_proposal_list.txt", "proposal_list", "val"},
        list_file{"proposals/thumos14_tag_test_normalized_proposal_list.txt", "proposal_list", "test"},
        list_file{"proposals/thumos14_tag_val_proposal_list.txt", "proposal_list", "val"},
        list_file{"proposals/thumos14_tag_test_proposal_list.txt", "proposal_list", "test"},
    };
    // source: configs/localization/ssn/ssn_r50_450e_thumos14_rgb_test.py: SSNDataset.evaluate('mAP',
    // eval_dataset='thumos14') at tIoU 0.1, 0.2, ..., 0.9
    static constexpr std::array metrics{metric_kind::temporal_detection_map};

    /// The extra class of the annotation archives: segments left out of the evaluation.
    static constexpr std::string_view ambiguous_class = "Ambiguous";
    /// The tIoU thresholds of the SSN evaluation, in tenths: 0.1 ... 0.9.
    static constexpr std::array<int, 9> detection_tiou_tenths{1, 2, 3, 4, 5, 6, 7, 8, 9};
};

static_assert(dataset_descriptor<thumos14>);

}  // namespace vidata::datasets
