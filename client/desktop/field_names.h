// How proto names read in the window: a field ("birth_date" → "Birth date",
// translated where the translator knows it) and an enum value
// (DIRECTION_INCOMING → "incoming"). One place for forms, timeline and
// history.
//
// Thread-safety: pure functions.
#ifndef KLUIS_CLIENT_DESKTOP_FIELD_NAMES_H_
#define KLUIS_CLIENT_DESKTOP_FIELD_NAMES_H_

#include <google/protobuf/descriptor.h>

#include <QString>
#include <string>

namespace kluis::desktop {

QString FieldLabel(const std::string& field_name);
// Without the enum's prefix (what precedes UNSPECIFIED in its value 0).
QString EnumLabel(const google::protobuf::EnumValueDescriptor* value);

}  // namespace kluis::desktop

#endif  // KLUIS_CLIENT_DESKTOP_FIELD_NAMES_H_
