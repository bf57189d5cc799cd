// SPDX-License-Identifier: Apache-2.0
// The pipeline area: compile-time composition of sampler, source and transforms, and the parallel loader. A plain include list.
#pragma once

#include <vidata/pipeline/loader.hpp>
#include <vidata/pipeline/pipeline.hpp>
#include <vidata/pipeline/pipeline_error.hpp>
#include <vidata/pipeline/source_stage.hpp>
#include <vidata/pipeline/value_bytes.hpp>
