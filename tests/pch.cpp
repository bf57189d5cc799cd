// SPDX-License-Identifier: Apache-2.0
// The translation unit that owns the tests' precompiled header (see tests/CMakeLists.txt); it has no code.
