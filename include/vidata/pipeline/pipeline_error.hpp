// SPDX-License-Identifier: Apache-2.0
// vidata::pipeline_error: a stage failed on one record; names the record and keeps the original exception.
#pragma once

#include <vidata/core/error.hpp>

#include <cstddef>
#include <exception>
#include <string>
#include <utility>

namespace vidata {

/// A pipeline stage threw while it worked on one record of a loader's list. The loader rethrows it on
/// the consumer's thread, in record order:
///
///   [vidata.pipeline_error] record 17 'v_ApplyEyeMakeup_g08_c01.avi': [vidata.io_error] ...: cannot open
///
/// `cause()` is the exception the stage threw (std::rethrow_exception(e.cause()) to handle it by type).
class pipeline_error : public error {
public:
    pipeline_error(std::size_t record_index, std::string record_path, std::exception_ptr cause)
        : error("vidata.pipeline_error", compose(record_index, record_path, cause)),
          record_index_(record_index), record_path_(std::move(record_path)), cause_(std::move(cause)) {}

    /// The record's position in the list the loader was given.
    [[nodiscard]] std::size_t record_index() const noexcept { return record_index_; }
    /// The record's path as the list wrote it (relative to the data prefix).
    [[nodiscard]] const std::string& record_path() const noexcept { return record_path_; }
    [[nodiscard]] const std::exception_ptr& cause() const noexcept { return cause_; }

private:
    static std::string compose(std::size_t index, const std::string& path, const std::exception_ptr& cause) {
        std::string out = "record " + std::to_string(index) + " '" + path + "': ";
        try {
            if (cause) std::rethrow_exception(cause);
            out += "unknown failure";
        } catch (const std::exception& e) {
            out += e.what();
        } catch (...) {
            out += "a stage threw something that is not a std::exception";
        }
        return out;
    }

    std::size_t record_index_;
    std::string record_path_;
    std::exception_ptr cause_;
};

}  // namespace vidata
