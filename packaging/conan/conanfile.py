# SPDX-License-Identifier: Apache-2.0
# Conan 2 recipe for vidata, written to conan-center-index's conventions for header-only libraries.
#
# It lives in the repository and packages the checkout it sits in: export_sources() takes the headers,
# the version-header template and LICENSE from two levels up, and set_version() reads the version from
# the top-level CMakeLists.txt, the project's one version source. From the repository root:
#     conan create packaging/conan                      # version taken from CMakeLists.txt
#     conan create packaging/conan --version 0.1.0      # the same; a different number is refused
# Publishing to conan-center-index would replace export_sources() by source() + conandata.yml
# (url, sha256 of a release archive) and set_version() by the version conandata names; nothing else.
import os
import re

from conan import ConanFile
from conan.errors import ConanException, ConanInvalidConfiguration
from conan.tools.build import check_min_cppstd
from conan.tools.files import copy, load, save
from conan.tools.layout import basic_layout
from conan.tools.scm import Version

required_conan_version = ">=2.0"


class VidataConan(ConanFile):
    name = "vidata"
    description = ("Header-only C++20 library for video datasets: annotation formats, sampling, decoding, "
                   "transforms, metrics, preparation")
    license = "Apache-2.0"
    url = "https://github.com/vidata/vidata"
    homepage = "https://github.com/vidata/vidata"
    topics = ("video", "dataset", "action-recognition", "computer-vision", "header-only")
    package_type = "header-library"
    settings = "os", "arch", "compiler", "build_type"
    options = {
        "with_ffmpeg": [True, False],
        "with_image": [True, False],
        # vidata::flow, optical flow for build_rawframes --task flow|both: OpenCV with its contrib optflow module.
        # Off by default: OpenCV is a large dependency that only flow extraction needs.
        "with_flow": [True, False],
        # vidata::mpi, build_rawframes across the ranks of an MPI job (vidata/prepare/mpi_shard.hpp): Open MPI.
        # Off by default: only jobs spread over several machines need it.
        "with_mpi": [True, False],
    }
    default_options = {
        "with_ffmpeg": True,
        "with_image": True,
        "with_flow": False,
        "with_mpi": False,
    }
    no_copy_source = True

    @property
    def _min_cppstd(self):
        return 20

    @property
    def _compilers_minimum_version(self):
        return {
            "gcc": "11",
            "clang": "14",
            "apple-clang": "14",
            "msvc": "193",
        }

    @property
    def _repository_root(self):
        # Only meaningful while exporting from a checkout (set_version, export_sources).
        return os.path.join(self.recipe_folder, os.pardir, os.pardir)

    def set_version(self):
        cmakelists = load(self, os.path.join(self._repository_root, "CMakeLists.txt"))
        match = re.search(r"project\s*\(\s*vidata\s+VERSION\s+(\d+\.\d+\.\d+)", cmakelists)
        if not match:
            raise ConanException("vidata: no 'project(vidata VERSION x.y.z' in the top-level CMakeLists.txt")
        if self.version and str(self.version) != match.group(1):
            raise ConanException(f"vidata: --version {self.version} disagrees with CMakeLists.txt, "
                                 f"which says {match.group(1)}; the version has one source")
        self.version = match.group(1)

    def export_sources(self):
        root = self._repository_root
        copy(self, "LICENSE", root, self.export_sources_folder)
        copy(self, "*.hpp", os.path.join(root, "include"), os.path.join(self.export_sources_folder, "include"))
        copy(self, "version.hpp.in", os.path.join(root, "cmake"), os.path.join(self.export_sources_folder, "cmake"))

    def layout(self):
        # The exported sources land at the root of the source folder, hence no "src" subfolder.
        basic_layout(self)

    def requirements(self):
        # Header-only: every dependency's headers are included by vidata's public headers (transitive).
        self.requires("eigen/3.4.0")
        self.requires("nlohmann_json/3.11.3")
        self.requires("range-v3/0.12.0")
        if self.options.with_ffmpeg:
            self.requires("ffmpeg/[>=5.1 <7]")
        if self.options.with_image:
            self.requires("stb/cci.20230920")
        if self.options.with_flow:
            self.requires("opencv/[>=4.5 <5]")
        if self.options.with_mpi:
            self.requires("openmpi/[>=4.1 <6]")

    def package_id(self):
        self.info.clear()

    def validate(self):
        check_min_cppstd(self, self._min_cppstd)
        minimum_version = self._compilers_minimum_version.get(str(self.settings.compiler), False)
        if minimum_version and Version(self.settings.compiler.version) < minimum_version:
            raise ConanInvalidConfiguration(
                f"{self.ref} requires C++{self._min_cppstd}, which {self.settings.compiler} "
                f"{self.settings.compiler.version} does not support (needs {minimum_version})")
        if self.options.with_ffmpeg:
            ffmpeg_options = self.dependencies["ffmpeg"].options
            missing = [lib for lib in ("avformat", "avcodec", "swscale", "swresample") if not ffmpeg_options.get_safe(lib)]
            if missing:
                raise ConanInvalidConfiguration(
                    f"{self.ref}:with_ffmpeg needs ffmpeg built with {', '.join(missing)} "
                    f"(-o ffmpeg/*:{missing[0]}=True), or -o vidata/*:with_ffmpeg=False")
        if self.options.with_flow:
            if not (self.options.with_ffmpeg and self.options.with_image):
                raise ConanInvalidConfiguration(f"{self.ref}:with_flow needs with_ffmpeg and with_image (flow is part of frame extraction)")
            opencv_options = self.dependencies["opencv"].options
            # The recipe has named the contrib module's switch both ways over its versions.
            if not (opencv_options.get_safe("optflow") or opencv_options.get_safe("contrib")):
                raise ConanInvalidConfiguration(
                    f"{self.ref}:with_flow needs OpenCV's contrib optflow module (-o opencv/*:optflow=True, or "
                    f"-o opencv/*:contrib=True in older recipes), or -o vidata/*:with_flow=False")
        if self.options.with_mpi and not (self.options.with_ffmpeg and self.options.with_image):
            raise ConanInvalidConfiguration(f"{self.ref}:with_mpi needs with_ffmpeg and with_image (it splits frame extraction between ranks)")

    def build(self):
        pass

    def package(self):
        copy(self, "LICENSE", self.source_folder, os.path.join(self.package_folder, "licenses"))
        copy(self, "*.hpp", os.path.join(self.source_folder, "include"), os.path.join(self.package_folder, "include"))
        self._write_version_header()

    def _write_version_header(self):
        # What CMake's configure_file(cmake/version.hpp.in ... @ONLY) makes, from the same template.
        template = load(self, os.path.join(self.source_folder, "cmake", "version.hpp.in"))
        version = Version(self.version)
        values = {
            "PROJECT_VERSION": str(self.version),
            "PROJECT_VERSION_MAJOR": str(version.major),
            "PROJECT_VERSION_MINOR": str(version.minor),
            "PROJECT_VERSION_PATCH": str(version.patch),
        }
        header = re.sub(r"@(\w+)@", lambda m: values[m.group(1)] if m.group(1) in values else m.group(0), template)
        leftover = re.search(r"@\w+@", header)
        if leftover:
            raise ConanException(f"vidata: cmake/version.hpp.in uses {leftover.group(0)}, which the recipe does not know")
        save(self, os.path.join(self.package_folder, "include", "vidata", "version.hpp"), header)

    def package_info(self):
        # The same names vidata's own CMake package uses: find_package(vidata), vidata::core/ffmpeg/image,
        # and vidata::vidata (Conan's root target) for all of them.
        self.cpp_info.set_property("cmake_file_name", "vidata")
        self.cpp_info.set_property("cmake_target_name", "vidata::vidata")
        self.cpp_info.set_property("pkg_config_name", "vidata")
        self.cpp_info.bindirs = []
        self.cpp_info.libdirs = []

        core = self.cpp_info.components["core"]
        core.set_property("cmake_target_name", "vidata::core")
        core.set_property("pkg_config_name", "vidata-core")
        core.bindirs = []
        core.libdirs = []
        core.requires = ["eigen::eigen", "nlohmann_json::nlohmann_json", "range-v3::range-v3"]

        if self.options.with_ffmpeg:
            ffmpeg = self.cpp_info.components["ffmpeg"]
            ffmpeg.set_property("cmake_target_name", "vidata::ffmpeg")
            ffmpeg.set_property("pkg_config_name", "vidata-ffmpeg")
            ffmpeg.bindirs = []
            ffmpeg.libdirs = []
            ffmpeg.requires = ["core", "ffmpeg::avformat", "ffmpeg::avcodec", "ffmpeg::swscale", "ffmpeg::swresample", "ffmpeg::avutil"]

        if self.options.with_image:
            image = self.cpp_info.components["image"]
            image.set_property("cmake_target_name", "vidata::image")
            image.set_property("pkg_config_name", "vidata-image")
            image.bindirs = []
            image.libdirs = []
            image.requires = ["core", "stb::stb"]
            # Conan's stb is header-only: the application's one translation unit that defines
            # STB_IMAGE_IMPLEMENTATION provides the code (vidata's headers never define it).
            image.defines = ["VIDATA_STB_HEADER_ONLY=1"]

        if self.options.with_ffmpeg and self.options.with_image:
            prepare = self.cpp_info.components["prepare"]  # frame extraction (vidata/prepare/)
            prepare.set_property("cmake_target_name", "vidata::prepare")
            prepare.set_property("pkg_config_name", "vidata-prepare")
            prepare.bindirs = []
            prepare.libdirs = []
            prepare.requires = ["ffmpeg", "image"]

            if self.options.with_flow:
                flow = self.cpp_info.components["flow"]  # optical flow through OpenCV (vidata/prepare/optical_flow.hpp)
                flow.set_property("cmake_target_name", "vidata::flow")
                flow.set_property("pkg_config_name", "vidata-flow")
                flow.bindirs = []
                flow.libdirs = []
                flow.requires = ["prepare", "opencv::opencv"]
                flow.defines = ["VIDATA_HAS_FLOW=1"]

            if self.options.with_mpi:
                mpi = self.cpp_info.components["mpi"]  # build_rawframes across MPI ranks (vidata/prepare/mpi_shard.hpp)
                mpi.set_property("cmake_target_name", "vidata::mpi")
                mpi.set_property("pkg_config_name", "vidata-mpi")
                mpi.bindirs = []
                mpi.libdirs = []
                mpi.requires = ["prepare", "openmpi::openmpi"]
                # vidata calls MPI's C API from C++: keep mpi.h from pulling in Open MPI's C++ bindings (libmpi_cxx).
                mpi.defines = ["OMPI_SKIP_MPICXX=1", "MPICH_SKIP_MPICXX=1"]
