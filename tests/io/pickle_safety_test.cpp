// SPDX-License-Identifier: Apache-2.0
// vidata::pickle::load on hostile and corrupt input: refused globals, allocation bombs, truncation, deep nesting, cycles.
#include <vidata/io/pickle/dump.hpp>
#include <vidata/io/pickle/json.hpp>
#include <vidata/io/pickle/load.hpp>
#include <vidata/io/pickle/repr.hpp>

#include <catch2/catch.hpp>

#include "support.hpp"

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace {

using vidata::pickle::value;

template <std::size_t N>
std::string bin(const char (&s)[N]) {
    return std::string(s, N - 1);
}

std::string le64(std::uint64_t v) {
    std::string out;
    for (int k = 0; k < 8; ++k) out += static_cast<char>(v >> (8 * k));
    return out;
}

template <class Error>
std::string error_of(const std::string& bytes) {
    try {
        (void)vidata::pickle::load(bytes, "hostile.pkl");
    } catch (const Error& e) {
        return e.what();
    } catch (const std::exception& e) {
        return std::string("WRONG EXCEPTION TYPE: ") + e.what();
    }
    return "NO ERROR";
}

}  // namespace

TEST_CASE("pickle load refuses every global outside the allow-list, naming it and its offset", "[pickle][safety]") {
    struct refusal {
        const char* how;
        std::string bytes;
        const char* global;
        std::int64_t offset;
    };
    const std::vector<refusal> refusals = {
        {"GLOBAL protocol 0", bin("cos\x0asystem\x0a(S'echo pwned'\x0atR."), "os.system", 0},
        {"GLOBAL builtins.eval", bin("\x80\x02" "cbuiltins\x0a" "eval\x0aX\x03\x00\x00\x00" "1+1\x85R."), "builtins.eval", 2},
        {"GLOBAL __builtin__.eval", bin("\x80\x02" "c__builtin__\x0a" "eval\x0aX\x03\x00\x00\x00" "1+1\x85R."), "__builtin__.eval", 2},
        {"GLOBAL posix.system", bin("\x80\x02" "cposix\x0asystem\x0aX\x02\x00\x00\x00ls\x85R."), "posix.system", 2},
        {"GLOBAL nt.system", bin("\x80\x02" "cnt\x0asystem\x0aX\x02\x00\x00\x00ls\x85R."), "nt.system", 2},
        {"GLOBAL subprocess.Popen", bin("\x80\x02" "csubprocess\x0aPopen\x0aX\x02\x00\x00\x00ls\x85R."), "subprocess.Popen", 2},
        {"GLOBAL builtins.getattr", bin("\x80\x02" "cbuiltins\x0agetattr\x0aN\x85R."), "builtins.getattr", 2},
        {"STACK_GLOBAL os.system", bin("\x80\x04\x8c\x02os\x8c\x06system\x93\x8c\x02ls\x85R."), "os.system", 14},
        {"STACK_GLOBAL builtins.eval in a FRAME", bin("\x80\x04\x95\x15\x00\x00\x00\x00\x00\x00\x00\x8c\x08" "builtins\x94\x8c\x04" "eval\x94\x93\x94."), "builtins.eval", 29},
        {"STACK_GLOBAL subprocess.Popen", bin("\x80\x04\x8c\x0asubprocess\x8c\x05Popen\x93."), "subprocess.Popen", 21},
        {"INST os.system", bin("(S'ls'\x0aios\x0asystem\x0a."), "os.system", 7},
        {"INST posix.system", bin("(S'ls'\x0aiposix\x0asystem\x0a."), "posix.system", 7},
        {"OBJ of a refused class", bin("\x80\x02(cnt\x0asystem\x0aX\x02\x00\x00\x00lso."), "nt.system", 3},
        {"a numpy function that is not on the list", bin("\x80\x02" "cnumpy\x0aload\x0aX\x01\x00\x00\x00x\x85R."), "numpy.load", 2},
    };
    for (const auto& r : refusals) {
        INFO(r.how);
        try {
            (void)vidata::pickle::load(r.bytes, "hostile.pkl");
            FAIL("the global was not refused");
        } catch (const vidata::unsafe_input_error& e) {
            CHECK_THAT(e.what(), Catch::Contains(r.global) && Catch::Contains("hostile.pkl"));
            CHECK(e.where().offset == r.offset);
        }
    }
}

TEST_CASE("pickle load refuses persistent ids, the extension registry, out-of-band buffers and PyTorch files", "[pickle][safety]") {
    CHECK_THAT(error_of<vidata::unsafe_input_error>("Pfoo\n."), Catch::Contains("persistent"));
    CHECK_THAT(error_of<vidata::unsafe_input_error>(bin("\x80\x02X\x01\x00\x00\x00xQ.")), Catch::Contains("BINPERSID"));
    CHECK_THAT(error_of<vidata::unsafe_input_error>(bin("\x80\x02\x82\x01.")), Catch::Contains("extension registry"));
    CHECK_THAT(error_of<vidata::unsafe_input_error>(bin("\x80\x02\x83\x01\x00.")), Catch::Contains("EXT2"));
    CHECK_THAT(error_of<vidata::unsafe_input_error>(bin("\x80\x02\x84\x01\x00\x00\x00.")), Catch::Contains("EXT4"));
    CHECK_THAT(error_of<vidata::unsafe_input_error>(bin("\x80\x05\x97.")), Catch::Contains("out-of-band"));
    CHECK_THAT(error_of<vidata::unsafe_input_error>(bin("PK\x03\x04\x14\x00\x00\x00")), Catch::Contains("PyTorch") && Catch::Contains("zip"));
    // torch.save's legacy format starts with a pickle of the magic number 0x1950a86a20f9469cfc6c.
    CHECK_THAT(error_of<vidata::unsafe_input_error>(bin("\x80\x02\x8a\x0al\xfc\x9c" "F\xf9 j\xa8P\x19.\x80\x02M\xe9\x03.")),
               Catch::Contains("PyTorch") && Catch::Contains("torch.save"));
    // builtins.int is allowed only as a defaultdict factory, never called.
    CHECK_THAT(error_of<vidata::unsafe_input_error>(bin("\x80\x02" "c__builtin__\x0aint\x0aX\x01\x00\x00\x00" "5\x85R.")), Catch::Contains("default_factory"));
    // _reconstruct of anything but numpy.ndarray (a subclass) is refused.
    CHECK_THAT(error_of<vidata::unsafe_input_error>(bin("\x80\x02" "cnumpy.core.multiarray\x0a_reconstruct\x0a" "c__builtin__\x0alist\x0aK\x00\x85" "C\x01" "b\x87R.")),
               Catch::Contains("_reconstruct"));
}

TEST_CASE("pickle load refuses size claims before allocating", "[pickle][safety]") {
    const auto start = std::chrono::steady_clock::now();
    // An ndarray claiming 10^12 float64 elements with 8 bytes of data.
    const auto tera = bin("\x80\x02" "cnumpy.core.multiarray\x0a_reconstruct\x0a" "cnumpy\x0andarray\x0aK\x00\x85" "C\x01" "b\x87R(K\x01J@B\x0f\x00J@B\x0f\x00\x86" "cnumpy\x0a"
                          "dtype\x0aX\x02\x00\x00\x00" "f8\x89\x88\x87R(K\x03X\x01\x00\x00\x00<NNNJ\xff\xff\xff\xffJ\xff\xff\xff\xffK\x00tb\x89" "C\x08\x00\x00\x00\x00\x00\x00\x00\x00tb.");
    CHECK_THAT(error_of<vidata::parse_error>(tera), Catch::Contains("1000000000000 elements"));
    // A shape whose element count overflows 64 bits: (2^40, 2^40, 2^40).
    const auto overflow = bin("\x80\x02" "cnumpy.core.multiarray\x0a_reconstruct\x0a" "cnumpy\x0andarray\x0aK\x00\x85" "C\x01" "b\x87R(K\x01\x8a\x06\x00\x00\x00\x00\x00\x01\x8a\x06\x00\x00\x00\x00\x00\x01\x8a\x06\x00\x00\x00\x00\x00\x01\x87" "cnumpy\x0a"
                              "dtype\x0aX\x02\x00\x00\x00" "f8\x89\x88\x87R(K\x03X\x01\x00\x00\x00<NNNJ\xff\xff\xff\xffJ\xff\xff\xff\xffK\x00tb\x89" "C\x08\x00\x00\x00\x00\x00\x00\x00\x00tb.");
    CHECK_THAT(error_of<vidata::parse_error>(overflow), Catch::Contains("fits in 64 bits"));
    // The same pickle with shape (1,) loads: the checks are not simply refusing arrays.
    const auto ok = bin("\x80\x02" "cnumpy.core.multiarray\x0a_reconstruct\x0a" "cnumpy\x0andarray\x0aK\x00\x85" "C\x01" "b\x87R(K\x01K\x01\x85" "cnumpy\x0a" "dtype\x0aX\x02\x00\x00\x00"
                        "f8\x89\x88\x87R(K\x03X\x01\x00\x00\x00<NNNJ\xff\xff\xff\xffJ\xff\xff\xff\xffK\x00tb\x89" "C\x08\x00\x00\x00\x00\x00\x00\xf0\x3ftb.");
    CHECK(vidata::pickle::load(ok).as_ndarray().at<double>(0) == 1.0);
    // Protocol 5's _frombuffer with a 10^12-element shape over an 8-byte buffer.
    const auto frombuffer = bin("\x80\x05\x8c\x12numpy.core.numeric\x8c\x0b_frombuffer\x93(\x96\x08\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x8c\x05numpy\x8c\x05"
                                "dtype\x93\x8c\x02" "f8\x89\x88\x87R(K\x03\x8c\x01<NNNJ\xff\xff\xff\xffJ\xff\xff\xff\xffK\x00tbJ@B\x0f\x00J@B\x0f\x00\x86\x8c\x01" "CtR.");
    CHECK_THAT(error_of<vidata::parse_error>(frombuffer), Catch::Contains("1000000000000 elements"));
    // Length prefixes far beyond the input.
    CHECK_THAT(error_of<vidata::parse_error>(bin("\x80\x04\x8e") + le64(std::uint64_t{1} << 60) + "."), Catch::Contains("end of input"));
    CHECK_THAT(error_of<vidata::parse_error>(bin("\x80\x04\x8d") + le64(std::uint64_t{1} << 62) + "."), Catch::Contains("BINUNICODE8"));
    CHECK_THAT(error_of<vidata::parse_error>(bin("\x80\x05\x96") + le64(~std::uint64_t{0}) + "."), Catch::Contains("BYTEARRAY8"));
    CHECK_THAT(error_of<vidata::parse_error>(bin("\x80\x04\x95") + le64(std::uint64_t{1} << 40) + "N."), Catch::Contains("FRAME"));
    CHECK_THAT(error_of<vidata::parse_error>(bin("\x80\x02X\xff\xff\xff\xff" "ab.")), Catch::Contains("BINUNICODE"));
    CHECK_THAT(error_of<vidata::parse_error>(bin("\x80\x02\x8b\xff\xff\xff\x7f.")), Catch::Contains("at most 8192 bytes"));
    CHECK_THAT(error_of<vidata::parse_error>(bin("\x80\x02T\xff\xff\xff\xff.")), Catch::Contains("non-negative"));
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
}

TEST_CASE("pickle load caps data that memo references would multiply", "[pickle][safety]") {
    // b = 1 MiB of bytes, then bytearray(b) twenty times through the memo: 20 MiB from a 1 MiB file.
    std::string bytes = bin("\x80\x04\x8e") + le64(1 << 20) + std::string(1 << 20, 'x') + bin("\x94\x8c\x08" "builtins\x8c\x09" "bytearray\x93\x94");
    for (int i = 0; i < 20; ++i) bytes += bin("h\x01h\x00\x85R0");
    bytes += "N.";
    CHECK_THAT(error_of<vidata::parse_error>(bytes), Catch::Contains("8 times its size"));

    // A 60-level chain of (x, x) tuples shares everything: it loads, dumps small, and its JSON
    // (2^60 leaves) is refused by to_json's limit instead of exhausting memory.
    std::string chain = bin("\x80\x04]\x94");
    for (int i = 0; i < 60; ++i) chain += "0h" + std::string(1, static_cast<char>(i)) + "h" + std::string(1, static_cast<char>(i)) + bin("\x86\x94");
    chain += ".";
    const auto v = vidata::pickle::load(chain);
    CHECK(v.is_tuple());
    CHECK(vidata::pickle::dump(v).size() < 1000);
    CHECK_THROWS_AS(vidata::pickle::to_json(v), vidata::invalid_argument);
    CHECK(vidata::pickle::repr(v, 1000).size() == 1003);
}

TEST_CASE("pickle load: every truncation of a valid pickle is a parse_error", "[pickle][safety]") {
    std::vector<std::string> pickles;
    pickles.push_back(vidata::pickle::dump(value::dict(
        {{"a", value(vidata::ndarray::from_values<float>({2, 2}, std::vector<float>{1, 2, 3, 4}))}, {"b", value::list({1, "x", value::bytes("yz"), 2.5, value()})},
         {"c", value::ordered_dict({{"k", value::set({1, 2})}})}, {"d", value::numpy_scalar(std::uint8_t{9})}, {"e", value::defaultdict("list", {{1, value::tuple({})}})},
         {"f", value::numpy_str("s")}, {"g", value(*vidata::pickle::big_int::from_decimal("123456789012345678901234567890"))}})));
    pickles.push_back(bin("\x80\x02" "cnumpy.core.multiarray\x0a_reconstruct\x0a" "cnumpy\x0andarray\x0aK\x00\x85" "C\x01" "b\x87R(K\x01K\x01\x85" "cnumpy\x0a" "dtype\x0aX\x02\x00\x00\x00"
                          "f8\x89\x88\x87R(K\x03X\x01\x00\x00\x00<NNNJ\xff\xff\xff\xffJ\xff\xff\xff\xffK\x00tb\x89" "C\x08\x00\x00\x00\x00\x00\x00\xf0\x3ftb."));
    pickles.push_back("((lp0\nI1\naI2\na(dp1\nS'k'\np2\nI3\nsaI7\n20(I9\n1tp3\n0g3\n.");
    const std::size_t hand_written = pickles.size();
    if (const auto fixtures = vidata::test::fixtures()) {
        pickles.push_back(vidata::test::read_file(*fixtures / "mmaction2/ava_dataset/ava_proposals_sample.pkl"));
        pickles.push_back(vidata::test::read_file(*fixtures / "mmaction2/eval_detection/proposal.pkl"));
    }
    std::size_t prefixes = 0;
    for (const auto& p : pickles) {
        REQUIRE_NOTHROW(vidata::pickle::load(p));
        for (std::size_t n = 0; n < p.size(); ++n) {
            INFO("prefix of " << n << " bytes");
            const auto message = error_of<vidata::parse_error>(p.substr(0, n));
            if (message.starts_with("WRONG") || message == "NO ERROR") CHECK(message == "a parse_error");
            ++prefixes;
        }
    }
    // Guards against the loop silently testing nothing: the hand-written pickles alone give ~600 prefixes.
    CHECK(prefixes > (pickles.size() > hand_written ? 3000u : 500u));
}

TEST_CASE("pickle load: nesting is bounded and nothing recurses", "[pickle][safety]") {
    const std::size_t million = 1000000;
    std::string marks;
    for (std::size_t i = 0; i < million; ++i) marks += "(]";
    CHECK_THAT(error_of<vidata::parse_error>(marks + "."), Catch::Contains("nested MARKs"));
    // A million lists appended into each other (no MARK), a million nested 1-tuples.
    const std::string lists = bin("\x80\x02") + std::string(million, ']') + std::string(million - 1, 'a') + ".";
    CHECK_THAT(error_of<vidata::parse_error>(lists), Catch::Contains("nested at most 10000 deep"));
    const std::string tuples = bin("\x80\x02)") + std::string(million, '\x85') + ".";
    CHECK_THAT(error_of<vidata::parse_error>(tuples), Catch::Contains("nested at most 10000 deep"));

    // With the limit lifted, a 300,000-deep list (far beyond what recursion on an 8 MiB stack
    // survives) loads, compares, dumps, reloads, prints and converts; destruction is iterative too.
    const std::size_t depth = 300000;
    vidata::pickle::load_options options;
    options.max_depth = depth + 1;
    const std::string nested = bin("\x80\x02") + std::string(depth, ']') + std::string(depth - 1, 'a') + ".";
    const auto deep = vidata::pickle::load(nested, "deep", options);
    const auto again = vidata::pickle::load(vidata::pickle::dump(deep), "deep", options);
    CHECK(deep == again);
    CHECK(vidata::pickle::repr(deep, 100).size() == 103);
    const auto json = vidata::pickle::to_json(deep);
    CHECK(json.is_array());
}

TEST_CASE("pickle load: memo and dict keys the pickle chooses cannot make loading quadratic", "[pickle][safety]") {
    const auto le32 = [](std::uint32_t v) {
        std::string out;
        for (int k = 0; k < 4; ++k) out += static_cast<char>(v >> (8 * k));
        return out;
    };
    const auto start = std::chrono::steady_clock::now();
    // 100,000 int keys that are all multiples of 4096, as a fixed hash would bucket together.
    std::string dict = bin("\x80\x02}(");
    for (std::uint32_t i = 0; i < 100000; ++i) dict += "J" + le32(i << 12) + "N";
    dict += "u.";
    CHECK(vidata::pickle::load(dict).size() == 100000);
    // 100,000 sparse memo keys far beyond the input size, then a GET of one of them and a MEMOIZE.
    std::string memo = bin("\x80\x02N");
    for (std::uint32_t i = 0; i < 100000; ++i) memo += "r" + le32(0x10000000u + (i << 12));
    memo += "j" + le32(0x10000000u + (500u << 12)) + bin("\x94\x86.");
    const auto v = vidata::pickle::load(memo);
    CHECK(v.is_tuple());
    CHECK(v.size() == 2);
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(20));
}

TEST_CASE("pickle load refuses self-referencing containers", "[pickle][safety]") {
    CHECK_THAT(error_of<vidata::parse_error>(bin("\x80\x02]q\x00h\x00" "a.")), Catch::Contains("list that contains itself"));
    CHECK_THAT(error_of<vidata::parse_error>(bin("\x80\x02}q\x00X\x01\x00\x00\x00" "ah\x00s.")), Catch::Contains("contains itself"));
    CHECK_THAT(error_of<vidata::parse_error>(bin("\x80\x02]q\x00h\x00\x85q\x01" "a.")), Catch::Contains("contains itself"));
}

TEST_CASE("pickle load: corrupt input is a parse_error at the right offset", "[pickle][safety]") {
    const auto offset_of = [](const std::string& bytes) -> std::int64_t {
        try {
            (void)vidata::pickle::load(bytes);
        } catch (const vidata::parse_error& e) {
            return e.offset();
        }
        return -100;
    };
    CHECK(offset_of("") == 0);
    CHECK(offset_of(bin("\x80\x06N.")) == 0);
    CHECK(offset_of(bin("\x80\x02\xff.")) == 2);
    CHECK(offset_of(bin("\x80\x02NN.")) == 4);       // STOP with a leftover item
    CHECK(offset_of(bin("\x80\x02(N.")) == 4);       // STOP with an open MARK
    CHECK(offset_of(bin("\x80\x02N")) == 3);         // no STOP
    CHECK(offset_of(bin("\x80\x04\x8c\x02\xc3(.")) == 4);  // invalid UTF-8, at the bad byte
    CHECK(offset_of(bin("\x80\x04\x8c\x03\xed\xa0\x80.")) == 4);  // an encoded surrogate
    CHECK(offset_of(bin("\x80\x02K\x01K\x02" "a.")) == 6);  // APPEND to an int
    CHECK(offset_of(bin("\x80\x02]K\x01K\x02s.")) == 7);    // SETITEM on a list
    CHECK(offset_of(bin("\x80\x02h\x05.")) == 2);           // memo key never stored
    CHECK(offset_of(bin("\x80\x02" "0.")) == 2);            // POP on an empty stack
    CHECK(offset_of(bin("\x80\x02" "e.")) == 2);            // APPENDS without MARK
    CHECK(offset_of(bin("\x80\x02}]K\x01s.")) == 6);        // unhashable key
    CHECK(offset_of(bin("\x80\x02]K\x01" "b.")) == 5);      // BUILD state on a list
    CHECK(offset_of(bin("\x80\x04\x8c\x02os\x88\x93.")) == 7);  // STACK_GLOBAL name not a str
    CHECK(offset_of(bin("\x80\x04\x8c\x08" "builtins\x8c\x03set\x93K\x01R.")) == 20);  // REDUCE args not a tuple
    CHECK(offset_of("I12x\n.") == 0);
    CHECK(offset_of("S'unterminated\n.") == 0);
    CHECK(offset_of("Vbad \\u12\n.") == 0);
    CHECK_THAT(error_of<vidata::parse_error>(bin("\x80\x02\xff.")), Catch::Contains("opcode 0xff") && Catch::Contains("hostile.pkl (byte 2)"));
}
