// How the records' proto names read in the window, in the user's language:
// a field ("birth_date" → "Birth date", "Geboortedatum"), a record kind
// ("session_report" → "Session report"), a choice (DIRECTION_INCOMING →
// "incoming"), a field path from the daemon ("client.guardians[0].email" →
// "Parents or carers 1 · E-mail") and a value as the daemon's history
// spells it. The labels are in tables here, marked for Qt Linguist, so
// lupdate sees every one; a person never reads a proto name.
//
// Thread-safety: pure functions (they read the installed translators).
#ifndef KLUIS_CLIENT_DESKTOP_FIELD_NAMES_H_
#define KLUIS_CLIENT_DESKTOP_FIELD_NAMES_H_

#include <google/protobuf/descriptor.h>

#include <QString>
#include <string>

namespace kluis::desktop {

// A field of a record body, or a body (a record kind: "note").
QString FieldLabel(const std::string& field_name);
// True when the tables know `field_name` (tests: no proto name shows).
bool HasFieldLabel(const std::string& field_name);
QString EnumLabel(const google::protobuf::EnumValueDescriptor* value);
// By the value's proto name ("DIRECTION_INCOMING"); "" when unknown.
QString EnumLabel(const std::string& value_name);
// A path the daemon names ("client.reporter.name", "guardians[1].email"),
// with or without the body in front.
QString PathLabel(const std::string& path);
// The field a path names under Record, or nullptr.
const google::protobuf::FieldDescriptor* FieldAt(const std::string& path);
// A value as the daemon's history writes it (enum names, "true"), for the
// field at `path`.
QString ValueLabel(const std::string& path, const std::string& value);

}  // namespace kluis::desktop

#endif  // KLUIS_CLIENT_DESKTOP_FIELD_NAMES_H_
