// SPDX-License-Identifier: Apache-2.0
// The standard trees, build_file_list and check_layout: an include list (see docs/layout.md).
#pragma once

#include <vidata/layout/build_file_list.hpp>
#include <vidata/layout/check_layout.hpp>
#include <vidata/layout/parse_directory.hpp>
#include <vidata/layout/python_random.hpp>
#include <vidata/layout/split_rules.hpp>
#include <vidata/layout/standard_tree.hpp>
