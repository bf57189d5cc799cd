// SPDX-License-Identifier: Apache-2.0
// CSV reading and writing (RFC 4180, Python csv compatible): an include list of csv_reader.hpp and csv_writer.hpp.
#pragma once

#include <vidata/io/csv_reader.hpp>
#include <vidata/io/csv_writer.hpp>
