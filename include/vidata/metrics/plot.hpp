// SPDX-License-Identifier: Apache-2.0
// The plots of metrics/: an include list. PNG output (plot/png.hpp, plot/save.hpp) needs stb and is included on purpose.
#pragma once

#include <vidata/metrics/plot/charts.hpp>
#include <vidata/metrics/plot/color.hpp>
#include <vidata/metrics/plot/heat_map.hpp>
#include <vidata/metrics/plot/line_chart.hpp>
#include <vidata/metrics/plot/raster.hpp>
#include <vidata/metrics/plot/svg.hpp>
