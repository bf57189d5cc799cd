// SPDX-License-Identifier: Apache-2.0
// The pickle opcodes of protocols 0-5 (CPython's pickletools lists and documents them) and their names.
#pragma once

#include <cstdint>
#include <string>

namespace vidata::pickle::detail {

namespace op {
inline constexpr unsigned char mark = '(', stop = '.', pop = '0', pop_mark = '1', dup = '2', float_text = 'F',
    int_text = 'I', binint = 'J', binint1 = 'K', long_text = 'L', binint2 = 'M', none = 'N', persid = 'P',
    binpersid = 'Q', reduce = 'R', string = 'S', binstring = 'T', short_binstring = 'U', unicode = 'V',
    binunicode = 'X', append = 'a', build = 'b', global = 'c', dict = 'd', empty_dict = '}', appends = 'e',
    get = 'g', binget = 'h', inst = 'i', long_binget = 'j', list = 'l', empty_list = ']', obj = 'o', put = 'p',
    binput = 'q', long_binput = 'r', setitem = 's', tuple = 't', empty_tuple = ')', setitems = 'u', binfloat = 'G',
    proto = 0x80, newobj = 0x81, ext1 = 0x82, ext2 = 0x83, ext4 = 0x84, tuple1 = 0x85, tuple2 = 0x86,
    tuple3 = 0x87, newtrue = 0x88, newfalse = 0x89, long1 = 0x8a, long4 = 0x8b, binbytes = 'B',
    short_binbytes = 'C', short_binunicode = 0x8c, binunicode8 = 0x8d, binbytes8 = 0x8e, empty_set = 0x8f,
    additems = 0x90, frozenset = 0x91, newobj_ex = 0x92, stack_global = 0x93, memoize = 0x94, frame = 0x95,
    bytearray8 = 0x96, next_buffer = 0x97, readonly_buffer = 0x98;
}  // namespace op

/// pickletools' name of an opcode ("BINUNICODE"), or "opcode 0xNN" for a byte that is none.
[[nodiscard]] inline std::string opcode_name(unsigned char c) {
    switch (c) {
    case op::mark: return "MARK";
    case op::stop: return "STOP";
    case op::pop: return "POP";
    case op::pop_mark: return "POP_MARK";
    case op::dup: return "DUP";
    case op::float_text: return "FLOAT";
    case op::int_text: return "INT";
    case op::binint: return "BININT";
    case op::binint1: return "BININT1";
    case op::long_text: return "LONG";
    case op::binint2: return "BININT2";
    case op::none: return "NONE";
    case op::persid: return "PERSID";
    case op::binpersid: return "BINPERSID";
    case op::reduce: return "REDUCE";
    case op::string: return "STRING";
    case op::binstring: return "BINSTRING";
    case op::short_binstring: return "SHORT_BINSTRING";
    case op::unicode: return "UNICODE";
    case op::binunicode: return "BINUNICODE";
    case op::append: return "APPEND";
    case op::build: return "BUILD";
    case op::global: return "GLOBAL";
    case op::dict: return "DICT";
    case op::empty_dict: return "EMPTY_DICT";
    case op::appends: return "APPENDS";
    case op::get: return "GET";
    case op::binget: return "BINGET";
    case op::inst: return "INST";
    case op::long_binget: return "LONG_BINGET";
    case op::list: return "LIST";
    case op::empty_list: return "EMPTY_LIST";
    case op::obj: return "OBJ";
    case op::put: return "PUT";
    case op::binput: return "BINPUT";
    case op::long_binput: return "LONG_BINPUT";
    case op::setitem: return "SETITEM";
    case op::tuple: return "TUPLE";
    case op::empty_tuple: return "EMPTY_TUPLE";
    case op::setitems: return "SETITEMS";
    case op::binfloat: return "BINFLOAT";
    case op::proto: return "PROTO";
    case op::newobj: return "NEWOBJ";
    case op::ext1: return "EXT1";
    case op::ext2: return "EXT2";
    case op::ext4: return "EXT4";
    case op::tuple1: return "TUPLE1";
    case op::tuple2: return "TUPLE2";
    case op::tuple3: return "TUPLE3";
    case op::newtrue: return "NEWTRUE";
    case op::newfalse: return "NEWFALSE";
    case op::long1: return "LONG1";
    case op::long4: return "LONG4";
    case op::binbytes: return "BINBYTES";
    case op::short_binbytes: return "SHORT_BINBYTES";
    case op::short_binunicode: return "SHORT_BINUNICODE";
    case op::binunicode8: return "BINUNICODE8";
    case op::binbytes8: return "BINBYTES8";
    case op::empty_set: return "EMPTY_SET";
    case op::additems: return "ADDITEMS";
    case op::frozenset: return "FROZENSET";
    case op::newobj_ex: return "NEWOBJ_EX";
    case op::stack_global: return "STACK_GLOBAL";
    case op::memoize: return "MEMOIZE";
    case op::frame: return "FRAME";
    case op::bytearray8: return "BYTEARRAY8";
    case op::next_buffer: return "NEXT_BUFFER";
    case op::readonly_buffer: return "READONLY_BUFFER";
    default: {
        constexpr char hex[] = "0123456789abcdef";
        return std::string("opcode 0x") + hex[c >> 4] + hex[c & 15];
    }
    }
}

}  // namespace vidata::pickle::detail
