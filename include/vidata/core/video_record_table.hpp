// SPDX-License-Identifier: Apache-2.0
// vidata::video_record_table: the compact form of a file list, what the list formats read into.
#pragma once

#include <vidata/core/record_table.hpp>
#include <vidata/core/video_record.hpp>

#include <tuple>

namespace vidata {

template <>
struct table_columns<video_record> {
    static constexpr std::tuple members{&video_record::path,   &video_record::total_frames, &video_record::offset,
                                        &video_record::labels, &video_record::fps,          &video_record::duration};
};

/// The records of an MMAction2 file list, column by column (see record_table): what rawframe_list, video_list and
/// the other whitespace-separated lists read into.
///
///   const video_record_table list = read_annotations<formats::rawframe_list>("ucf101_train_split_1_rawframes.txt");
///   for (std::size_t i = 0; i < list.size(); ++i) use(list.view<&video_record::path>(i), list.view<&video_record::labels>(i));
using video_record_table = record_table<video_record>;

}  // namespace vidata
