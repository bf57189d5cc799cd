// SPDX-License-Identifier: Apache-2.0
// Registers with `vidata inspect` the "spatial" formats: AVA, AVA-Kinetics, JHMDB / UCF101-24 tubes and skeletons.
#include "inspect_formats.hpp"

#include <vidata/formats/ava_csv.hpp>
#include <vidata/formats/ava_exclusions.hpp>
#include <vidata/formats/ava_kinetics_csv.hpp>
#include <vidata/formats/ava_pbtxt.hpp>
#include <vidata/formats/ava_proposals_pkl.hpp>
#include <vidata/formats/ntu_missing_list.hpp>
#include <vidata/formats/ntu_skeleton.hpp>
#include <vidata/formats/pose_pkl.hpp>
#include <vidata/formats/tube_gt_pkl.hpp>

namespace {

namespace f = vidata::formats;

const bool registered_spatial_formats = vidata::cli::register_formats<f::ava_csv, f::ava_exclusions, f::ava_pbtxt, f::ava_proposals_pkl, f::ava_kinetics_csv,
                                                      f::tube_gt_pkl, f::pose_pkl, f::ntu_skeleton, f::ntu_missing_list>();

}  // namespace
