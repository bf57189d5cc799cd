// SPDX-License-Identifier: Apache-2.0
// Registers with `vidata inspect` the "lists" formats: the intermediate files MMAction2's tools write and read.
#include "inspect_formats.hpp"

#include <vidata/formats/anet_feature_csv.hpp>
#include <vidata/formats/anet_mmaction_json.hpp>
#include <vidata/formats/audio_feature_list.hpp>
#include <vidata/formats/audio_list.hpp>
#include <vidata/formats/bsn_video_info.hpp>
#include <vidata/formats/hvu_json.hpp>
#include <vidata/formats/label_map.hpp>
#include <vidata/formats/minikinetics_mapping_json.hpp>
#include <vidata/formats/omnisource_list.hpp>
#include <vidata/formats/proposal_list.hpp>
#include <vidata/formats/rawframe_list.hpp>
#include <vidata/formats/video_list.hpp>

namespace {

namespace f = vidata::formats;

const bool registered_lists_formats =
    vidata::cli::register_formats<f::rawframe_list, f::video_list, f::audio_list, f::audio_feature_list, f::proposal_list, f::hvu_json,
                                  f::anet_mmaction_json, f::bsn_video_info, f::anet_feature_csv, f::label_map, f::omnisource_list,
                                  f::minikinetics_mapping_json>();

}  // namespace
