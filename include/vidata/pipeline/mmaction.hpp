// SPDX-License-Identifier: Apache-2.0
// The named MMAction2 0.x pipelines (TSN, I3D, SlowFast, PoseC3D). A plain include list.
#pragma once

#include <vidata/pipeline/mmaction/common.hpp>
#include <vidata/pipeline/mmaction/i3d.hpp>
#include <vidata/pipeline/mmaction/keypoint_geometry.hpp>
#include <vidata/pipeline/mmaction/posec3d.hpp>
#include <vidata/pipeline/mmaction/tsn.hpp>
