// Records to and from their stored form: the canonical proto3 JSON of
// kluis.v1.Record (readable with age + a text editor in an emergency).
#ifndef KLUIS_DAEMON_CORE_RECORD_CODEC_H_
#define KLUIS_DAEMON_CORE_RECORD_CODEC_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "kluis/v1/records.pb.h"

namespace kluis::core {

inline constexpr uint32_t kRecordSchemaVersion = 1;

// Errors: kInternal.
absl::StatusOr<std::string> EncodeRecord(const kluis::v1::Record& record);
// Errors: kDataLoss "record: stored form does not parse" (never quoting it).
absl::StatusOr<kluis::v1::Record> DecodeRecord(absl::string_view json);

google::protobuf::Timestamp ToProtoTime(absl::Time t);
absl::Time FromProtoTime(const google::protobuf::Timestamp& t);
std::string ToRfc3339(absl::Time t);

}  // namespace kluis::core

#endif  // KLUIS_DAEMON_CORE_RECORD_CODEC_H_
