# SPDX-License-Identifier: Apache-2.0
# conan create's check of the package: a program built with CMakeDeps + CMakeToolchain against vidata.
import os

from conan import ConanFile
from conan.tools.build import can_run
from conan.tools.cmake import CMake, CMakeDeps, CMakeToolchain, cmake_layout


class TestPackageConan(ConanFile):
    settings = "os", "arch", "compiler", "build_type"
    test_type = "explicit"

    def requirements(self):
        self.requires(self.tested_reference_str)

    def layout(self):
        cmake_layout(self)

    def generate(self):
        vidata = self.dependencies["vidata"]
        toolchain = CMakeToolchain(self)
        toolchain.cache_variables["VIDATA_TEST_WITH_FFMPEG"] = bool(vidata.options.with_ffmpeg)
        toolchain.cache_variables["VIDATA_TEST_WITH_IMAGE"] = bool(vidata.options.with_image)
        toolchain.cache_variables["VIDATA_TEST_VERSION"] = str(vidata.ref.version)
        toolchain.generate()
        CMakeDeps(self).generate()

    def build(self):
        cmake = CMake(self)
        cmake.configure()
        cmake.build()

    def test(self):
        if can_run(self):
            bin_path = os.path.join(self.cpp.build.bindir, "test_package")
            self.run(bin_path, env="conanrun")
