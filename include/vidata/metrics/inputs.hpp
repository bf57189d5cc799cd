// SPDX-License-Identifier: Apache-2.0
// The metric inputs the `vidata eval` tools read: scores (.npy, results.pkl, JSON) and labels (label files, annotation lists, .npy, JSON, pickles).
#pragma once

#include <vidata/metrics/inputs/input_format.hpp>
#include <vidata/metrics/inputs/load_labels.hpp>
#include <vidata/metrics/inputs/load_scores.hpp>
