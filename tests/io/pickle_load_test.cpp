// SPDX-License-Identifier: Apache-2.0
// vidata::pickle::load against Python's own pickle.load (every type, dtype and protocol 2-5) and on real fixtures.
#include <vidata/io/pickle/json.hpp>
#include <vidata/io/pickle/load.hpp>
#include <vidata/io/pickle/repr.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using vidata::pickle::value;

// The Python-side type tree of tests/python/pickle_convention.py, rebuilt from a value.
std::string signature(const value& v) {
    std::string t = v.type_name();
    if (v.is_ndarray()) {
        const auto& a = v.as_ndarray();
        std::string shape = "[";
        for (std::size_t i = 0; i < a.shape().size(); ++i) shape += (i ? ", " : "") + std::to_string(a.shape()[i]);
        return t + "<" + a.type().str() + "," + shape + "]," + (a.fortran_order() && a.ndim() >= 2 ? "F" : "C") + ">";
    }
    if (v.is_dict()) {
        if (v.flavor() == vidata::pickle::dict_flavor::defaultdict) t += "[" + v.default_factory() + "]";
        t += "{";
        bool first = true;
        for (const auto& [k, x] : v.as_dict()) {
            t += (first ? "" : ",") + signature(k) + ":" + signature(x);
            first = false;
        }
        return t + "}";
    }
    if (v.is_container()) {
        t += "[";
        bool first = true;
        for (const auto& x : v.elements()) {
            t += (first ? "" : ",") + signature(x);
            first = false;
        }
        return t + "]";
    }
    return t;
}

// Compares to_json output with Python's expectation; {"__float__": repr} nodes compare a float
// bit-exactly through Python's repr. Returns "" or the path of the first difference.
std::string json_difference(const nlohmann::json& actual, const nlohmann::json& expected, const std::string& path = "") {
    if (expected.is_object() && expected.size() == 1 && expected.contains("__float__")) {
        if (!actual.is_number_float()) return path + ": expected a float, got " + actual.dump();
        const std::string got = vidata::pickle::float_repr(actual.get<double>());
        return got == expected["__float__"].get<std::string>() ? "" : path + ": float " + got + " != " + expected["__float__"].dump();
    }
    if (expected.is_object()) {
        if (!actual.is_object() || actual.size() != expected.size()) return path + ": expected " + expected.dump().substr(0, 200) + ", got " + actual.dump().substr(0, 200);
        for (const auto& [k, x] : expected.items()) {
            if (!actual.contains(k)) return path + ": missing key " + k;
            if (auto d = json_difference(actual[k], x, path + "/" + k); !d.empty()) return d;
        }
        return "";
    }
    if (expected.is_array()) {
        if (!actual.is_array() || actual.size() != expected.size()) return path + ": expected " + expected.dump().substr(0, 200) + ", got " + actual.dump().substr(0, 200);
        for (std::size_t i = 0; i < expected.size(); ++i)
            if (auto d = json_difference(actual[i], expected[i], path + "/" + std::to_string(i)); !d.empty()) return d;
        return "";
    }
    if (expected.is_number_integer() && !actual.is_number_integer()) return path + ": expected the integer " + expected.dump() + ", got " + actual.dump();
    return actual == expected ? "" : path + ": expected " + expected.dump() + ", got " + actual.dump();
}

nlohmann::json read_json(const fs::path& p) {
    std::ifstream in(p);
    return nlohmann::json::parse(in);
}

// A byte string literal with embedded NULs.
template <std::size_t N>
std::string bin(const char (&s)[N]) {
    return std::string(s, N - 1);
}

std::vector<fs::path> files_with_extension(const fs::path& dir, const std::string& ext) {
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().extension() == ext) out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST_CASE("pickle load: every type, dtype and protocol 2-5 reads as Python's pickle.load does", "[pickle][python]") {
    if (!vidata::test::python_oracle_available()) return;
    vidata::test::temp_dir dir;
    const auto made = vidata::test::run_python("pickle_make_cases.py", vidata::test::shell_quote(dir.path().string()));
    REQUIRE(made.status == 0);
    const auto expectations = files_with_extension(dir.path() / "cases", ".json");
    REQUIRE(expectations.size() >= 200);
    std::size_t compared = 0;
    for (const auto& json_path : expectations) {
        const auto pkl = fs::path(json_path).replace_extension(".pkl");
        INFO(pkl.filename().string());
        const auto expected = read_json(json_path);
        const value v = vidata::pickle::load_file(pkl);
        CHECK(json_difference(vidata::pickle::to_json(v), expected["json"]) == "");
        CHECK(signature(v) == expected["signature"].get<std::string>());
        ++compared;
    }
    CHECK(compared == expectations.size());
}

TEST_CASE("pickle load: arrays, dtypes and numpy types Python pickled are refused with the reason", "[pickle][python]") {
    if (!vidata::test::python_oracle_available()) return;
    vidata::test::temp_dir dir;
    REQUIRE(vidata::test::run_python("pickle_make_cases.py", vidata::test::shell_quote(dir.path().string())).status == 0);
    const auto refused = files_with_extension(dir.path() / "refused", ".pkl");
    REQUIRE(refused.size() >= 10);
    for (const auto& pkl : refused) {
        INFO(pkl.filename().string());
        const std::string expect = vidata::test::read_file(fs::path(pkl).replace_extension(".expect"));
        try {
            (void)vidata::pickle::load_file(pkl);
            FAIL("loaded although it should be refused");
        } catch (const vidata::error& e) {
            CHECK_THAT(e.what(), Catch::Contains(expect));
        }
    }
}

TEST_CASE("pickle load: typed access to what the reader returns", "[pickle]") {
    // pickletools.optimize(pickle.dumps({'a': [1, 2.5, 'x', None], 'b': (True, b'\x00')}, protocol=2))
    const auto bytes = bin("\x80\x02}(X\x01\x00\x00\x00" "a](K\x01G@\x04\x00\x00\x00\x00\x00\x00X\x01\x00\x00\x00xNeX\x01\x00\x00\x00" "b\x88" "c_codecs\x0a" "encode\x0aX\x01\x00\x00\x00\x00X\x06\x00\x00\x00latin1\x86R\x86u.");
    const value v = vidata::pickle::load(bytes, "hand.pkl");
    REQUIRE(v.is_dict());
    CHECK(v.type_name() == "dict");
    CHECK(v.size() == 2);
    const auto& a = v.get("a");
    REQUIRE(a.is_list());
    CHECK(a.size() == 4);
    CHECK(a[0].as_int() == 1);
    CHECK(a[1].as_float() == 2.5);
    CHECK(a[2].as_str() == "x");
    CHECK(a[3].is_none());
    const auto& b = v["b"];
    REQUIRE(b.is_tuple());
    CHECK(b[0].as_bool());
    CHECK(b[1].is_bytes());
    CHECK(b[1].as_bytes() == std::string(1, '\0'));
    CHECK(v.find("missing") == nullptr);
    CHECK_THROWS_AS(v.get("missing"), vidata::invalid_argument);
    CHECK_THROWS_AS(a.as_dict(), vidata::invalid_argument);
    CHECK_THROWS_AS(a[4], vidata::invalid_argument);
    CHECK(v.find(value("a")) == &a);
}

TEST_CASE("pickle load: int widths, protocol 0 text opcodes and Python 2 strings", "[pickle]") {
    using vidata::pickle::load;
    CHECK(load("I42\n.").as_int() == 42);
    CHECK(load("I01\n.").as_bool());
    CHECK(load("I00\n.").is_bool());
    CHECK(load("L-1267650600228229401496703205376L\n.").as_big_int().to_string() == "-1267650600228229401496703205376");
    CHECK(load("L12L\n.").kind() == vidata::pickle::value_kind::integer);
    CHECK(load("F0.25\n.").as_float() == 0.25);
    CHECK(std::isinf(load("Finf\n.").as_float()));
    // Python 2 'str' literals decode as latin-1, their escapes as codecs.escape_decode does
    // (expected values from pickle.loads(..., encoding='latin1')).
    CHECK(load("S'a\\x41\\n\\'\\101\\xe9'\n.").as_str() == "aA\n'A\xc3\xa9");
    CHECK(load(bin("U\x03\xe9\x00z.")).as_str() == std::string("\xc3\xa9\x00z", 4));
    CHECK(load("Vcaf\\u00e9 \\\\u0041 \\U0001f600\n.").as_str() == "caf\xc3\xa9 \\\\u0041 \xf0\x9f\x98\x80");
    // BININT is signed, BININT1/2 are unsigned; LONG1 is two's complement.
    CHECK(load(bin("J\xff\xff\xff\xff.")).as_int() == -1);
    CHECK(load(bin("M\xff\xff.")).as_int() == 65535);
    CHECK(load(bin("\x8a\x01\x80.")).as_int() == -128);
    CHECK(load(bin("\x8a\x02\x80\x00.")).as_int() == 128);
    CHECK(load(bin("\x8a\x00.")).as_int() == 0);
    const auto u64max = load(bin("\x8a\x09\xff\xff\xff\xff\xff\xff\xff\xff\x00."));
    CHECK(u64max.kind() == vidata::pickle::value_kind::big_integer);
    CHECK(u64max.as_big_int().to_uint64() == std::optional<std::uint64_t>(18446744073709551615ull));
    CHECK_THROWS_AS(u64max.as_int(), vidata::invalid_argument);
    // ([1, 2, {'k': 3}], 7) through MARK/LIST/DICT, PUT/GET by text, DUP, POP and POP_MARK.
    const auto v = load("((lp0\nI1\naI2\na(dp1\nS'k'\np2\nI3\nsaI7\n20(I9\n1tp3\n0g3\n.");
    REQUIRE(v.is_tuple());
    REQUIRE(v.size() == 2);
    CHECK(v[1].as_int() == 7);
    REQUIRE(v[0].size() == 3);
    CHECK(v[0][2].get("k").as_int() == 3);
}

TEST_CASE("pickle load: memo references share objects and see later mutation", "[pickle]") {
    // x = []; d = {'a': x, 'b': x}, then x.append(1) through the memo: Python gives {'a': [1], 'b': [1]}.
    const auto bytes = bin("\x80\x02]q\x00}q\x01(X\x01\x00\x00\x00" "ah\x00X\x01\x00\x00\x00" "bh\x00u0K\x01" "a0h\x01.");
    const auto v = vidata::pickle::load(bytes);
    REQUIRE(v.is_dict());
    CHECK(v.get("a").size() == 1);
    CHECK(v.get("b").size() == 1);
    CHECK(v.get("a").identity() == v.get("b").identity());
}

TEST_CASE("pickle load: duplicate keys and set elements merge as in Python", "[pickle]") {
    // SETITEMS with 1, 1.0, True, 'k', 'k': Python gives {1: 'c', 'k': 2}; ADDITEMS 1, 1.0, 2 gives {1, 2}.
    const auto d = bin("\x80\x04}(K\x01\x8c\x01" "aG\x3f\xf0\x00\x00\x00\x00\x00\x00\x8c\x01" "b\x88\x8c\x01" "c\x8c\x01kK\x01\x8c\x01kK\x02u.");
    const auto v = vidata::pickle::load(d);
    REQUIRE(v.size() == 2);
    CHECK(v.as_dict()[0].first.kind() == vidata::pickle::value_kind::integer);
    CHECK(v.as_dict()[0].first.as_int() == 1);
    CHECK(v.as_dict()[0].second.as_str() == "c");
    CHECK(v.get("k").as_int() == 2);
    CHECK(vidata::pickle::load(bin("\x80\x04\x8f(K\x01G\x3f\xf0\x00\x00\x00\x00\x00\x00K\x02\x90.")).size() == 2);
}

TEST_CASE("pickle load: trailing bytes after STOP are an error unless allowed", "[pickle]") {
    const auto two = bin("N.K\x01.");
    try {
        (void)vidata::pickle::load(two, "two.pkl");
        FAIL("accepted trailing data");
    } catch (const vidata::parse_error& e) {
        CHECK(e.offset() == 2);
        CHECK(e.file() == "two.pkl");
    }
    vidata::pickle::load_options options;
    options.allow_trailing_data = true;
    CHECK(vidata::pickle::load(two, "two.pkl", options).is_none());
}

TEST_CASE("pickle load_file: a missing file is an io_error naming it", "[pickle]") {
    vidata::test::temp_dir dir;
    try {
        (void)vidata::pickle::load_file(dir / "missing.pkl");
        FAIL("no error");
    } catch (const vidata::io_error& e) {
        CHECK_THAT(e.what(), Catch::Contains("missing.pkl"));
    }
}

TEST_CASE("pickle load: real MMAction2 and UCF101-24 fixtures", "[pickle][fixtures]") {
    const auto fixtures = vidata::test::fixtures();
    if (!fixtures) return;
    const auto& root = *fixtures;

    SECTION("mmaction2/annotations/sample.pkl (PoseC3D list, protocol 2)") {
        const auto v = vidata::pickle::load_file(root / "mmaction2/annotations/sample.pkl");
        REQUIRE(v.is_list());
        REQUIRE(v.size() == 100);
        const auto& first = v[0];
        std::vector<std::string> keys;
        for (const auto& [k, x] : first.as_dict()) keys.push_back(k.as_str());
        CHECK(keys == std::vector<std::string>{"filename", "label", "frame_dir", "img_shape", "original_shape", "frame_inds", "box_score",
                                                "valid@0.5", "valid@0.6", "valid@0.7", "valid@0.8", "valid@0.9", "total_frames"});
        CHECK(first.get("filename").as_str() == "jf7RDuUTrsQ.pkl");
        CHECK(first.get("label").as_int() == 325);
        CHECK(first.get("img_shape").is_tuple());
        CHECK(first.get("img_shape")[0].as_int() == 320);
        CHECK(first.get("img_shape")[1].as_int() == 570);
        const auto& inds = first.get("frame_inds").as_ndarray();
        CHECK(inds.type().str() == "<i2");
        CHECK(inds.shape() == std::vector<std::int64_t>{260});
        CHECK(inds.at<int>(0) == 1);
        CHECK(inds.at<int>(2) == 3);
        CHECK(inds.at<int>(259) == 299);
        const auto& score = first.get("box_score").as_ndarray();
        CHECK(score.type().str() == "<f2");
        CHECK(score.at<double>(0) == 0.9541015625);
        CHECK(score.at<double>(1) == 0.74267578125);
        CHECK(score.at<double>(259) == 0.56005859375);
        CHECK(first.get("valid@0.9").as_int() == 137);
        CHECK(first.get("total_frames").as_int() == 300);
        CHECK(v[99].get("frame_dir").as_str() == "8CdUbOHDtes");
        CHECK(v[99].get("label").as_int() == 222);
    }
    SECTION("mmaction2/ava_dataset/ava_proposals_sample.pkl (protocol 4)") {
        const auto v = vidata::pickle::load_file(root / "mmaction2/ava_dataset/ava_proposals_sample.pkl");
        REQUIRE(v.size() == 3);
        const auto& a = v.get("_-Z6wFjXtGQ,0902").as_ndarray();
        CHECK(a.type().str() == "<f8");
        CHECK(a.shape() == std::vector<std::int64_t>{3, 5});
        const auto m = a.to_matrix<double>();
        CHECK(m(0, 0) == 0.202);
        CHECK(m(0, 4) == 0.281325);
        CHECK(m(2, 4) == 0.996238);
        CHECK(v.get("0f39OWEqJ24,0903").as_ndarray().to_vector<double>() == std::vector<double>{0.035, 0.177, 0.692, 0.98, 0.997048});
    }
    SECTION("mmaction2/eval_detection/proposal.pkl") {
        const auto v = vidata::pickle::load_file(root / "mmaction2/eval_detection/proposal.pkl");
        REQUIRE(v.size() == 3);
        CHECK(v.as_dict()[0].first.as_str() == "3reY9zJKhqN,1774");
        const auto m = v.get("HmR8SmNIoxu,1384").as_ndarray().to_matrix<double>();
        CHECK(m.rows() == 10);
        CHECK(m.cols() == 5);
        CHECK(m(0, 0) == 0.152);
        CHECK(m(9, 2) == 0.907);
        CHECK_FALSE(v.get("HmR8SmNIoxu,1384").as_ndarray().fortran_order());
    }
    SECTION("ucf101_24 pickles (protocol 3, numpy.str_ keys, numpy scalar frame counts)") {
        const auto v = vidata::pickle::load_file(root / "ucf101_24/pyannot.first150_plus50test.pkl");
        REQUIRE(v.size() == 200);
        const auto& [key, entry] = v.as_dict()[0];
        CHECK(key.type_name() == "numpy.str_");
        CHECK(key.as_str() == "Skijet/v_Skijet_g10_c04");
        CHECK(entry.get("numf").type_name() == "numpy.uint8");
        CHECK(entry.get("numf").as_int() == 164);
        CHECK(entry.get("label").as_int() == 17);
        const auto& ann = entry.get("annotations")[0];
        CHECK(ann.get("sf").as_int() == 0);
        CHECK(ann.get("ef").as_int() == 164);
        const auto& boxes = ann.get("boxes").as_ndarray();
        CHECK(boxes.type().str() == "|u1");
        CHECK(boxes.shape() == std::vector<std::int64_t>{164, 4});
        CHECK(boxes.at<int>(0) == 177);
        CHECK(boxes.at<int>(163 * 4 + 3) == 29);
        CHECK(v.get("SoccerJuggling/v_SoccerJuggling_g11_c06").get("numf").type_name() == "numpy.uint16");
        CHECK(v.as_dict()[199].first.as_str() == "Diving/v_Diving_g05_c05");

        const auto w = vidata::pickle::load_file(root / "ucf101_24/pyannot_with_class_names.db200.pkl");
        CHECK(w.get("db").size() == 200);
        CHECK(w.get("trainvideos").size() == 2290);
        CHECK(w.get("trainvideos")[2289].as_str() == "WalkingWithDog/v_WalkingWithDog_g25_c04");
        CHECK(w.get("classes").size() == 24);
        CHECK(w.get("classes")[0].as_str() == "Basketball");
    }
    SECTION("the legacy torch.save file is refused as PyTorch, not a plain pickle") {
        try {
            (void)vidata::pickle::load_file(root / "mmaction2/lfb/lfb_unittest.pkl");
            FAIL("loaded a torch.save file");
        } catch (const vidata::unsafe_input_error& e) {
            CHECK_THAT(e.what(), Catch::Contains("PyTorch") && Catch::Contains("torch.save"));
        }
    }
    SECTION("a pickle of torch tensors names the refused torch global") {
        try {
            (void)vidata::pickle::load_file(root / "mmaction2_main/eval_multisports/data_samples.pkl");
            FAIL("loaded torch tensors");
        } catch (const vidata::unsafe_input_error& e) {
            CHECK_THAT(e.what(), Catch::Contains("torch._utils._rebuild_tensor_v2") && Catch::Contains("PyTorch"));
            CHECK(e.where().offset == 216);
        }
    }
}

TEST_CASE("pickle load: every plain-pickle fixture matches a live Python load", "[pickle][fixtures][python]") {
    const auto fixtures = vidata::test::fixtures();
    if (!fixtures || !vidata::test::python_oracle_available()) return;
    vidata::test::temp_dir dir;
    std::size_t checked = 0;
    for (const auto& entry : fs::recursive_directory_iterator(*fixtures)) {
        if (entry.path().extension() != ".pkl") continue;
        const auto out = dir / "expected.json";
        const auto r = vidata::test::run_python("pickle_expect.py", vidata::test::shell_quote(entry.path().string()) + " " + vidata::test::shell_quote(out.string()));
        INFO(entry.path().string() << "\n" << r.output);
        if (r.output.find("NOT A PLAIN PICKLE") != std::string::npos) {
            CHECK_THROWS_AS(vidata::pickle::load_file(entry.path()), vidata::unsafe_input_error);
            continue;
        }
        REQUIRE(r.status == 0);
        const auto expected = read_json(out);
        const auto v = vidata::pickle::load_file(entry.path());
        CHECK(json_difference(vidata::pickle::to_json(v), expected["json"]) == "");
        CHECK(signature(v) == expected["signature"].get<std::string>());
        ++checked;
    }
    CHECK(checked >= 7);
}
