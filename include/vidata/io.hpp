// SPDX-License-Identifier: Apache-2.0
// Every low-level reader and writer of io/: lines and fields, CSV, JSON, atomic files, .npy and pickle.
// An include list; include the single header you need to keep compile times down.
#pragma once

#include <vidata/io/atomic_file.hpp>
#include <vidata/io/csv.hpp>
#include <vidata/io/fields.hpp>
#include <vidata/io/json.hpp>
#include <vidata/io/line_reader.hpp>
#include <vidata/io/ndarray.hpp>
#include <vidata/io/npy.hpp>
#include <vidata/io/pickle.hpp>
#include <vidata/io/read_file.hpp>
