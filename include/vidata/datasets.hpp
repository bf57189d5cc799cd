// SPDX-License-Identifier: Apache-2.0
// The dataset descriptors: an include list, and all_datasets, the tuple of every descriptor.
#pragma once

#include <vidata/datasets/activitynet.hpp>
#include <vidata/datasets/ava.hpp>
#include <vidata/datasets/ava_kinetics.hpp>
#include <vidata/datasets/descriptor.hpp>
#include <vidata/datasets/diving48.hpp>
#include <vidata/datasets/gym.hpp>
#include <vidata/datasets/hmdb51.hpp>
#include <vidata/datasets/hvu.hpp>
#include <vidata/datasets/jester.hpp>
#include <vidata/datasets/jhmdb.hpp>
#include <vidata/datasets/kinetics.hpp>
#include <vidata/datasets/mit.hpp>
#include <vidata/datasets/mmit.hpp>
#include <vidata/datasets/ntu_rgbd.hpp>
#include <vidata/datasets/omnisource.hpp>
#include <vidata/datasets/something_something.hpp>
#include <vidata/datasets/thumos14.hpp>
#include <vidata/datasets/ucf101.hpp>
#include <vidata/datasets/ucf101_24.hpp>

#include <tuple>

namespace vidata::datasets {

/// Every dataset descriptor vidata ships, in alphabetical order of their names: for code that visits them all
/// (`std::apply`, a fold over `std::tuple_element_t`), such as a tool listing the datasets it knows.
using all_datasets = std::tuple<activitynet, ava, ava_kinetics, diving48, gym99, hmdb51, hvu, jester, jhmdb, kinetics400,
                                kinetics600, kinetics700, mit, mmit, ntu120, ntu60, omnisource, sthv1, sthv2, thumos14,
                                ucf101, ucf101_24>;

}  // namespace vidata::datasets
