// SPDX-License-Identifier: Apache-2.0
// The safe pickle reader and the pickle writer: an include list of io/pickle/*.hpp.
#pragma once

#include <vidata/io/pickle/big_int.hpp>
#include <vidata/io/pickle/describe.hpp>
#include <vidata/io/pickle/dump.hpp>
#include <vidata/io/pickle/json.hpp>
#include <vidata/io/pickle/load.hpp>
#include <vidata/io/pickle/load_options.hpp>
#include <vidata/io/pickle/repr.hpp>
#include <vidata/io/pickle/value.hpp>
