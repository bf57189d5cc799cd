// SPDX-License-Identifier: Apache-2.0
// Every transform of transforms/ (geometric with lazy mode and fuse, photometric, formatting, pose): an include list.
#pragma once

#include <vidata/transforms/center_crop.hpp>
#include <vidata/transforms/color_jitter.hpp>
#include <vidata/transforms/flip.hpp>
#include <vidata/transforms/format_gcn_input.hpp>
#include <vidata/transforms/format_shape.hpp>
#include <vidata/transforms/fuse.hpp>
#include <vidata/transforms/generate_pose_target.hpp>
#include <vidata/transforms/geometric_value.hpp>
#include <vidata/transforms/interpolation.hpp>
#include <vidata/transforms/joint_to_bone.hpp>
#include <vidata/transforms/layout_tensor.hpp>
#include <vidata/transforms/lazy.hpp>
#include <vidata/transforms/lazy_clip.hpp>
#include <vidata/transforms/multi_scale_crop.hpp>
#include <vidata/transforms/normalize.hpp>
#include <vidata/transforms/normalize_format.hpp>
#include <vidata/transforms/pose_compact.hpp>
#include <vidata/transforms/pose_normalize.hpp>
#include <vidata/transforms/random_crop.hpp>
#include <vidata/transforms/random_resized_crop.hpp>
#include <vidata/transforms/resample.hpp>
#include <vidata/transforms/resize.hpp>
#include <vidata/transforms/ten_crop.hpp>
#include <vidata/transforms/three_crop.hpp>
#include <vidata/transforms/video_sample.hpp>
