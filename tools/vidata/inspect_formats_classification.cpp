// SPDX-License-Identifier: Apache-2.0
// Registers with `vidata inspect` the "classification" formats: the official annotation files of trimmed-video classification datasets.
#include "inspect_formats.hpp"

#include <vidata/formats/diving48_json.hpp>
#include <vidata/formats/diving48_vocab.hpp>
#include <vidata/formats/hmdb51_split.hpp>
#include <vidata/formats/jester_csv.hpp>
#include <vidata/formats/jester_labels.hpp>
#include <vidata/formats/kinetics_csv.hpp>
#include <vidata/formats/kinetics_json.hpp>
#include <vidata/formats/sthv1_csv.hpp>
#include <vidata/formats/sthv1_labels.hpp>
#include <vidata/formats/sthv2_json.hpp>
#include <vidata/formats/sthv2_labels.hpp>
#include <vidata/formats/ucf101_classind.hpp>
#include <vidata/formats/ucf101_split.hpp>

namespace {

namespace f = vidata::formats;

const bool registered_classification_formats =
    vidata::cli::register_formats<f::ucf101_classind, f::ucf101_split, f::hmdb51_split, f::kinetics_csv, f::kinetics_json, f::sthv1_csv,
                                  f::sthv1_labels, f::sthv2_json, f::sthv2_labels, f::jester_csv, f::jester_labels, f::diving48_json,
                                  f::diving48_vocab>();

}  // namespace
