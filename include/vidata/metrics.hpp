// SPDX-License-Identifier: Apache-2.0
// Every evaluation metric of metrics/, their input readers and the plots (SVG; PNG needs plot/png.hpp): an include list.
#pragma once

#include <vidata/metrics/activitynet_inputs.hpp>
#include <vidata/metrics/argsort.hpp>
#include <vidata/metrics/ava_frame_map.hpp>
#include <vidata/metrics/ava_inputs.hpp>
#include <vidata/metrics/average_clips.hpp>
#include <vidata/metrics/average_precision.hpp>
#include <vidata/metrics/average_recall.hpp>
#include <vidata/metrics/box_iou.hpp>
#include <vidata/metrics/classification_accuracy.hpp>
#include <vidata/metrics/concepts.hpp>
#include <vidata/metrics/confusion_matrix.hpp>
#include <vidata/metrics/frame_map.hpp>
#include <vidata/metrics/inputs.hpp>
#include <vidata/metrics/mean_class_accuracy.hpp>
#include <vidata/metrics/plot.hpp>
#include <vidata/metrics/policy.hpp>
#include <vidata/metrics/score_matrix_ref.hpp>
#include <vidata/metrics/temporal_detection.hpp>
#include <vidata/metrics/temporal_iou.hpp>
#include <vidata/metrics/temporal_results.hpp>
#include <vidata/metrics/top_k_accuracy.hpp>
#include <vidata/metrics/top_k_classes.hpp>
#include <vidata/metrics/tube_inputs.hpp>
#include <vidata/metrics/tube_iou.hpp>
#include <vidata/metrics/video_map.hpp>
#include <vidata/metrics/voc_average_precision.hpp>
