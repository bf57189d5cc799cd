// SPDX-License-Identifier: Apache-2.0
// The umbrella header: vidata's light core (no FFmpeg, no image codecs, no MPI). A plain include list.
#pragma once

#include <vidata/version.hpp>
#include <vidata/core/error.hpp>
#include <vidata/io/ndarray.hpp>

#include <vidata/core/assert.hpp>
#include <vidata/core/box_record.hpp>
#include <vidata/core/clip.hpp>
#include <vidata/core/concepts.hpp>
#include <vidata/core/crop_plan.hpp>
#include <vidata/core/frame_indices.hpp>
#include <vidata/core/image_size.hpp>
#include <vidata/core/modality.hpp>
#include <vidata/core/numpy_random.hpp>
#include <vidata/core/rng.hpp>
#include <vidata/core/segment.hpp>
#include <vidata/core/skeleton_record.hpp>
#include <vidata/core/split.hpp>
#include <vidata/core/temporal_record.hpp>
#include <vidata/core/tensor.hpp>
#include <vidata/core/tube_ground_truth.hpp>
#include <vidata/core/video_record.hpp>
