// SPDX-License-Identifier: Apache-2.0
// Second of two translation units that include the whole core.
#include <vidata/vidata.hpp>

int odr_second_unit() { return 2; }
