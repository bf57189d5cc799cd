// SPDX-License-Identifier: Apache-2.0
// vidata::datasets::gym99 against FineGYM's release: the Gym99 class list and element lists.
#include "datasets_support.hpp"

#include <vidata/datasets/gym.hpp>
#include <vidata/formats/gym_categories.hpp>
#include <vidata/formats/gym_element_list.hpp>

#include <algorithm>
#include <filesystem>
#include <set>
#include <utility>

namespace gym_test {

using vidata::datasets::gym99;
namespace fm = vidata::formats;

TEST_CASE("datasets/gym: gym99_categories.txt has num_classes classes; the element lists' labels are among them",
          "[datasets][gym][fixtures]") {
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    const auto classes = vidata::read_annotations<fm::gym_categories>(*dir / "finegym/gym99_categories.txt");
    REQUIRE(classes.size() == static_cast<std::size_t>(gym99::num_classes));
    std::set<int> clabels;
    for (const auto& c : classes) clabels.insert(c.clabel);
    CHECK(clabels.size() == classes.size());
    CHECK(*clabels.begin() == 0);
    CHECK(*clabels.rbegin() == gym99::num_classes - 1);

    // gym99_train_org.txt and gym99_val_org.txt are the release's element lists, read with the format named.
    for (auto [path, fixture] : {std::pair{"annotations/gym99_train_org.txt", "finegym/gym99_train_element_v1.1.head500.txt"},
                                 std::pair{"annotations/gym99_val_org.txt", "finegym/gym99_val_element.head500.txt"}}) {
        INFO(path);
        REQUIRE(vidata::test::official<gym99>(path).format == fm::gym_element_list::name);
        const auto elements = vidata::read_annotations<fm::gym_element_list>(*dir / fixture);
        REQUIRE(elements.size() == 500);
        CHECK(std::all_of(elements.begin(), elements.end(), [&](const auto& e) {
            return e.labels.size() == 1 && clabels.count(e.labels[0]) == 1;
        }));
    }
}

}  // namespace gym_test
