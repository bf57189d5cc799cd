// SPDX-License-Identifier: Apache-2.0
// vidata::datasets::ucf101_24 against the corrected UCF101-24 test list: its classes.
#include "datasets_support.hpp"

#include <vidata/datasets/ucf101_24.hpp>
#include <vidata/datasets/ucf101.hpp>

#include <set>
#include <sstream>
#include <string>

namespace ucf101_24_test {

namespace ds = vidata::datasets;

TEST_CASE("datasets/ucf101_24: the test list's videos come from num_classes classes, a subset of UCF-101's",
          "[datasets][ucf101_24][fixtures]") {
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    std::istringstream list(vidata::test::read_file(*dir / "ucf101_24/testlist01.txt"));
    std::set<std::string> classes;
    std::size_t videos = 0;
    for (std::string line; std::getline(list, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) continue;
        const std::size_t slash = line.find('/');
        REQUIRE(slash != std::string::npos);
        classes.insert(line.substr(0, slash));
        ++videos;
    }
    CHECK(videos == 910);
    CHECK(classes.size() == static_cast<std::size_t>(ds::ucf101_24::num_classes));
    CHECK(ds::ucf101_24::num_classes < ds::ucf101::num_classes);
}

}  // namespace ucf101_24_test
