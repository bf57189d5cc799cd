// SPDX-License-Identifier: Apache-2.0
// Every evaluation metric of metrics/: an include list.
#pragma once

#include <vidata/metrics/argsort.hpp>
#include <vidata/metrics/average_clips.hpp>
#include <vidata/metrics/average_precision.hpp>
#include <vidata/metrics/concepts.hpp>
#include <vidata/metrics/confusion_matrix.hpp>
#include <vidata/metrics/mean_class_accuracy.hpp>
#include <vidata/metrics/policy.hpp>
#include <vidata/metrics/score_matrix_ref.hpp>
#include <vidata/metrics/top_k_accuracy.hpp>
#include <vidata/metrics/top_k_classes.hpp>
