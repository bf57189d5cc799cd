// SPDX-License-Identifier: Apache-2.0
// First of two translation units that include the whole core: together they must link without duplicates.
#include <vidata/vidata.hpp>

int odr_second_unit();

int main() { return odr_second_unit() == 2 ? 0 : 1; }
