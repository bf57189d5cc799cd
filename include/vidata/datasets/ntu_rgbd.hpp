// SPDX-License-Identifier: Apache-2.0
// vidata::datasets::ntu60, ntu120: NTU RGB+D 60 / 120 skeletons, raw and as PYSKL's PoseDataset pickles.
#pragma once

#include <vidata/datasets/descriptor.hpp>

#include <array>
#include <string_view>

namespace vidata::datasets {

namespace detail {

// What NTU RGB+D 60 and 120 share: the Kinect v2 skeleton files, the sample naming, the pickle layout.
// source: tools/data/skeleton/README.md@0.x and gen_ntu_rgbd_raw.py@0.x (MMAction2); PYSKL's tools/data/README.md
// and data_list.md (the pickles and their split names)
struct ntu_common {
    // Skeletons only: PoseDataset reads keypoints, no frames (its start_index is 0).
    static constexpr frame_naming frames{"", "", "", 0};
    // Two benchmarks, each its own train / val partition (ntu60: xsub, xview; ntu120: xsub, xset).
    static constexpr int num_splits = 2;
    // source: configs/skeleton/posec3d/*_ntu60_xsub_keypoint.py: metrics=['top_k_accuracy', 'mean_class_accuracy']
    static constexpr std::array metrics{metric_kind::top_k_accuracy, metric_kind::mean_class_accuracy};

    /// A sample's name: setup, camera, performer, replication, action, each 3 digits (`S001C001P001R001A001`);
    /// its label is the action number minus 1. source: gen_ntu_rgbd_raw.py
    static constexpr std::string_view sample_name_template = "S{:03d}C{:03d}P{:03d}R{:03d}A{:03d}";
    /// Joints per Kinect v2 body (the raw files and PYSKL's 3D pickles); PYSKL's 2D pickles hold HRNet's 17 COCO keypoints.
    static constexpr int num_joints = 25;
    static constexpr int num_joints_2d = 17;
    /// gen_ntu_rgbd_raw.py keeps the 2 most active of up to 4 bodies and pads sequences to 300 frames.
    static constexpr int max_persons = 2;
    static constexpr int max_frames = 300;
    /// The RGB videos' frame size (height, width): the pickles' img_shape.
    static constexpr std::array<int, 2> img_shape{1080, 1920};
    /// The cross-subject benchmark's training performers (source: gen_ntu_rgbd_raw.py training_subjects_60; NTU120's
    /// list extends it, ntu120::xsub_training_subjects).
    static constexpr std::array<int, 20> xsub_training_subjects_60{1, 2, 4, 5, 8, 9, 13, 14, 15, 16, 17, 18, 19, 25, 27, 28, 31, 34, 35, 38};
};

}  // namespace detail

/// NTU RGB+D 60: 56,880 samples of 60 actions, 40 performers, 3 cameras, setups S001–S017.
struct ntu60 : detail::ntu_common {
    static constexpr std::string_view name = "ntu60";
    static constexpr std::string_view title = "NTU RGB+D 60";
    static constexpr int num_classes = 60;  // actions A001–A060

    // PYSKL keeps its pickles and, for vidata, the raw release under data/nturgbd (MMAction2 1.x re-hosts the
    // pickles as data/skeleton/ntu60_2d.pkl and ntu60_3d.pkl).
    static constexpr layout_names layout{"data/nturgbd", "", "", ""};

    static constexpr std::array official_files{
        official_file{"nturgb+d_skeletons/*.skeleton", "ntu_skeleton", "Kinect v2 bodies per frame, one file per sample (S001–S017)"},
        official_file{"NTU_RGBD_samples_with_missing_skeletons.txt", "ntu_missing_list",
                      "the samples without usable skeletons, skipped by gen_ntu_rgbd_raw.py"},
    };
    // source: PYSKL data_list.md: {'split': {xsub_train, xsub_val, xview_train, xview_val}, 'annotations': [...]}
    static constexpr std::array lists{
        list_file{"ntu60_hrnet.pkl", "pose_pkl", ""},
        list_file{"ntu60_3danno.pkl", "pose_pkl", ""},
    };

    /// The benchmarks, each the prefix of a `<benchmark>_train` / `<benchmark>_val` split of the pickles.
    static constexpr std::array<std::string_view, 2> benchmarks{"xsub", "xview"};
    /// The cross-view benchmark trains on cameras 2 and 3 and evaluates on camera 1. source: gen_ntu_rgbd_raw.py
    static constexpr std::array<int, 2> xview_training_cameras{2, 3};
    static constexpr int num_setups = 17;
    static constexpr std::string_view mmaction2_label_map = "tools/data/skeleton/label_map_ntu60.txt";
};

/// NTU RGB+D 120: 114,480 samples of 120 actions (the 60 of NTU RGB+D 60 and 60 more), 106 performers, setups S001–S032.
struct ntu120 : detail::ntu_common {
    static constexpr std::string_view name = "ntu120";
    static constexpr std::string_view title = "NTU RGB+D 120";
    static constexpr int num_classes = 120;  // actions A001–A120

    static constexpr layout_names layout{"data/nturgbd", "", "", ""};

    static constexpr std::array official_files{
        official_file{"nturgb+d_skeletons/*.skeleton", "ntu_skeleton", "Kinect v2 bodies per frame, one file per sample (S001–S032)"},
        official_file{"NTU_RGBD120_samples_with_missing_skeletons.txt", "ntu_missing_list",
                      "the samples without usable skeletons, skipped by gen_ntu_rgbd_raw.py"},
    };
    // source: PYSKL data_list.md: {'split': {xsub_train, xsub_val, xset_train, xset_val}, 'annotations': [...]}
    static constexpr std::array lists{
        list_file{"ntu120_hrnet.pkl", "pose_pkl", ""},
        list_file{"ntu120_3danno.pkl", "pose_pkl", ""},
    };

    /// The benchmarks (gen_ntu_rgbd_raw.py calls the second one "xsetup").
    static constexpr std::array<std::string_view, 2> benchmarks{"xsub", "xset"};
    /// The cross-setup benchmark trains on the even setups, S002, S004, ..., S032. source: gen_ntu_rgbd_raw.py
    static constexpr std::array<int, 16> xset_training_setups{2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32};
    /// The cross-subject benchmark's training performers. source: gen_ntu_rgbd_raw.py training_subjects_120
    static constexpr std::array<int, 53> xsub_training_subjects{1,  2,  4,  5,  8,  9,  13, 14, 15, 16, 17, 18, 19, 25,
                                                                27, 28, 31, 34, 35, 38, 45, 46, 47, 49, 50, 52, 53, 54,
                                                                55, 56, 57, 58, 59, 70, 74, 78, 80, 81, 82, 83, 84, 85,
                                                                86, 89, 91, 92, 93, 94, 95, 97, 98, 100, 103};
    static constexpr int num_setups = 32;
};

static_assert(dataset_descriptor<ntu60>);
static_assert(dataset_descriptor<ntu120>);

}  // namespace vidata::datasets
