// SPDX-License-Identifier: Apache-2.0
// libjpeg-turbo's TurboJPEG API behind a handle that frees itself; compiled only where vidata::image found it.
#pragma once

#if VIDATA_HAS_TURBOJPEG

#include <turbojpeg.h>

#include <memory>

namespace vidata::detail {

struct tj_handle_deleter {
    void operator()(void* handle) const noexcept { tjDestroy(static_cast<tjhandle>(handle)); }
};

/// A TurboJPEG decompressor. One per decoder: a handle carries its error state and must not be shared
/// between threads.
using tj_decompressor = std::unique_ptr<void, tj_handle_deleter>;

}  // namespace vidata::detail

#endif
