// SPDX-License-Identifier: Apache-2.0
// vidata::datasets::thumos14 against the official temporal annotation files: one file per class plus Ambiguous.
#include "datasets_support.hpp"

#include <vidata/datasets/thumos14.hpp>
#include <vidata/formats/thumos14_annotation.hpp>

#include <filesystem>
#include <set>
#include <string>

namespace thumos14_test {

using vidata::datasets::thumos14;
namespace fm = vidata::formats;

TEST_CASE("datasets/thumos14: the annotation archives hold num_classes classes and Ambiguous", "[datasets][thumos14][fixtures]") {
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    for (auto [pattern, fixture] : {std::pair{"annotations_val/*_val.txt", "thumos14_ssn/temporal_annotations_validation"},
                                    std::pair{"annotations_test/*_test.txt", "thumos14_ssn/temporal_annotations_test"}}) {
        INFO(pattern);
        const auto& file = vidata::test::official<thumos14>(pattern);
        REQUIRE(file.format == fm::thumos14_annotation::name);
        const std::string suffix(vidata::test::base_name(file.path).substr(1));  // "*_val.txt" → "_val.txt"
        std::set<std::string> classes;
        bool ambiguous = false;
        for (const auto& entry : std::filesystem::directory_iterator(*dir / fixture)) {
            const std::string name = entry.path().filename().string();
            REQUIRE(name.ends_with(suffix));
            const auto segments = vidata::read_annotations<fm::thumos14_annotation>(entry.path());
            REQUIRE_FALSE(segments.empty());
            if (segments.front().label == thumos14::ambiguous_class) ambiguous = true;
            else classes.insert(segments.front().label);
        }
        CHECK(ambiguous);
        CHECK(classes.size() == static_cast<std::size_t>(thumos14::num_classes));
    }
    // the layout's per-subset annotation directory is the one the official pattern lives in
    CHECK(vidata::datasets::fill(thumos14::layout.annotations, thumos14::layout.subsets[0]) == "annotations_val");
}

}  // namespace thumos14_test
