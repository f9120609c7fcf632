#include "daemon/core/record_codec.h"

#include <google/protobuf/util/json_util.h>

namespace kluis::core {

using kluis::v1::Record;

absl::StatusOr<std::string> EncodeRecord(const Record& record) {
  std::string json;
  google::protobuf::util::JsonPrintOptions opts;
  opts.add_whitespace = false;
  if (!google::protobuf::util::MessageToJsonString(record, &json, opts).ok()) {
    return absl::InternalError("record: cannot encode");
  }
  return json;
}

absl::StatusOr<Record> DecodeRecord(absl::string_view json) {
  Record record;
  google::protobuf::util::JsonParseOptions opts;
  opts.ignore_unknown_fields = true;  // written by a newer kluis
  // The parser's own message may quote the input: report our own.
  if (!google::protobuf::util::JsonStringToMessage(
           google::protobuf::StringPiece(json.data(), json.size()), &record,
           opts)
           .ok()) {
    return absl::DataLossError("record: stored form does not parse");
  }
  return record;
}

google::protobuf::Timestamp ToProtoTime(absl::Time t) {
  google::protobuf::Timestamp ts;
  const int64_t ns = absl::ToUnixNanos(t);
  ts.set_seconds(ns / 1000000000);
  ts.set_nanos(static_cast<int32_t>(ns % 1000000000));
  return ts;
}

absl::Time FromProtoTime(const google::protobuf::Timestamp& t) {
  return absl::FromUnixSeconds(t.seconds()) + absl::Nanoseconds(t.nanos());
}

std::string ToRfc3339(absl::Time t) {
  return absl::FormatTime(absl::RFC3339_full, t, absl::UTCTimeZone());
}

}  // namespace kluis::core
