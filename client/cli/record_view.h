// How the CLI shows records: the body of a Record by kind, a one-line
// summary for lists, and the full view.
#ifndef KLUIS_CLIENT_CLI_RECORD_VIEW_H_
#define KLUIS_CLIENT_CLI_RECORD_VIEW_H_

#include <google/protobuf/message.h>

#include <string>

#include "kluis/v1/records.pb.h"

namespace kluis::cli {

// The body message of `record` (its oneof), or nullptr when unset.
const google::protobuf::Message* BodyOf(const kluis::v1::Record& record);
google::protobuf::Message* MutableBody(kluis::v1::Record* record,
                                       const std::string& field);
// "session_report" → "session report".
std::string KindLabel(const kluis::v1::Record& record);
// id, kind and the first few set fields, cut to fit a line.
std::string SummaryLine(const kluis::v1::Record& record);
void PrintRecord(const kluis::v1::Record& record);

}  // namespace kluis::cli

#endif  // KLUIS_CLIENT_CLI_RECORD_VIEW_H_
