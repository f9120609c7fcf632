// How the CLI shows records: the body of a Record by kind, a one-line
// summary for lists, and the full view.
#ifndef KLUIS_CLIENT_CLI_RECORD_VIEW_H_
#define KLUIS_CLIENT_CLI_RECORD_VIEW_H_

#include <google/protobuf/message.h>

#include <map>
#include <memory>
#include <string>

#include "kluis/v1/records.pb.h"

namespace kluis::cli {

// The body message of `record` (its oneof), or nullptr when unset.
const google::protobuf::Message* BodyOf(const kluis::v1::Record& record);
google::protobuf::Message* MutableBody(kluis::v1::Record* record,
                                       const std::string& field);
// "session_report" → "session report".
std::string KindLabel(const kluis::v1::Record& record);
// Organisation id → its name: what a person reads where a record links to
// an organisation.
using OrganisationNames = std::map<std::string, std::string>;

// A copy of `body` for a person's eyes: every id it links to is the linked
// organisation's name (when `names` knows it) or a short id.
std::unique_ptr<google::protobuf::Message> ForDisplay(
    const google::protobuf::Message& body, const OrganisationNames* names);
// Short id, kind and the first few set fields, cut to fit a line.
std::string SummaryLine(const kluis::v1::Record& record,
                        const OrganisationNames* names = nullptr);
// A record's body, indented, with its links shown as ForDisplay does and a
// linked organisation as "organisation: <name>".
void PrintBody(const google::protobuf::Message& body,
               const OrganisationNames* names);
// An organisation in fixed columns: short id, name, type, contact person,
// city; "-" for what is not known.
std::string OrganisationLine(const kluis::v1::Record& record);
// The whole record: short id, fields, local times.
void PrintRecord(const kluis::v1::Record& record,
                 const OrganisationNames* names = nullptr);

}  // namespace kluis::cli

#endif  // KLUIS_CLIENT_CLI_RECORD_VIEW_H_
