// SPDX-License-Identifier: Apache-2.0
// The sampling area: every frame sampler of MMAction2 0.x and the RNG policies they draw with.
#pragma once

#include <vidata/core/numpy_random.hpp>
#include <vidata/sampling/ava_sampler.hpp>
#include <vidata/sampling/concepts.hpp>
#include <vidata/sampling/dense_sampler.hpp>
#include <vidata/sampling/draw_traits.hpp>
#include <vidata/sampling/loop_padding_sampler.hpp>
#include <vidata/sampling/out_of_bound.hpp>
#include <vidata/sampling/proposal_sampler.hpp>
#include <vidata/sampling/segment_sampler.hpp>
#include <vidata/sampling/uniform_sampler.hpp>
#include <vidata/sampling/untrimmed_sampler.hpp>
