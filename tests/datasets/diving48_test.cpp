// SPDX-License-Identifier: Apache-2.0
// vidata::datasets::diving48 against MMAction2's class list: 48 classes, each four dive attributes.
#include "datasets_support.hpp"

#include <vidata/datasets/diving48.hpp>
#include <vidata/formats/label_map.hpp>

#include <algorithm>
#include <set>
#include <string>

namespace diving48_test {

using vidata::datasets::diving48;
namespace fm = vidata::formats;

TEST_CASE("datasets/diving48: num_classes distinct classes, each a combination of the four attributes",
          "[datasets][diving48][fixtures]") {
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    const auto classes = vidata::read_annotations<fm::label_map>(*vidata::test::tools_data_fixture(*dir, diving48::mmaction2_label_map));
    std::set<std::string> names;
    for (const auto& c : classes) {
        INFO(c.name);
        CHECK(std::count(c.name.begin(), c.name.end(), '+') == 3);  // take-off + somersault + twist + flight
        names.insert(c.name);
    }
    CHECK(names.size() == static_cast<std::size_t>(diving48::num_classes));
}

}  // namespace diving48_test
