// SPDX-License-Identifier: Apache-2.0
// Registers with `vidata inspect` the "untrimmed" formats: the official files of MiT, M-MiT, HVU, FineGYM, ActivityNet, THUMOS'14.
#include "inspect_formats.hpp"

#include <vidata/formats/anet_json.hpp>
#include <vidata/formats/anet_results_json.hpp>
#include <vidata/formats/gym_annotation_json.hpp>
#include <vidata/formats/gym_categories.hpp>
#include <vidata/formats/gym_element_list.hpp>
#include <vidata/formats/hvu_categories.hpp>
#include <vidata/formats/hvu_csv.hpp>
#include <vidata/formats/mit_categories.hpp>
#include <vidata/formats/mit_csv.hpp>
#include <vidata/formats/mmit_list.hpp>
#include <vidata/formats/thumos14_annotation.hpp>

namespace {

namespace f = vidata::formats;

const bool registered_untrimmed_formats =
    vidata::cli::register_formats<f::mit_categories, f::mit_csv, f::mmit_list, f::hvu_csv, f::hvu_categories, f::gym_annotation_json,
                                  f::gym_element_list, f::gym_categories, f::anet_json, f::anet_results_json, f::thumos14_annotation>();

}  // namespace
