// Change history: the versions of a record (or of every record in a
// dossier) as git holds them, and the field-level difference between two
// versions. Values appear only in what the unlocked owner asks for, never
// in logs or errors.
//
// Thread-safety: DiffRecords is pure.
#ifndef KLUIS_DAEMON_CORE_HISTORY_H_
#define KLUIS_DAEMON_CORE_HISTORY_H_

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "kluis/v1/records.pb.h"

namespace kluis::core {

struct RecordVersion {
  std::string commit;  // the version's id
  absl::Time time;
  std::string record_id;
  std::string operation;  // "create", "update" or "delete"
  std::string author;     // who made the change (kluisd acts for its owner)
  kluis::v1::RecordKind kind = kluis::v1::RECORD_KIND_UNSPECIFIED;
  std::string reason;  // personal data possible
};

// One change anywhere in the vault, read from the commit alone (no
// decryption): its message holds ids and the operation, never content.
struct VaultChange {
  std::string commit;
  absl::Time time;
  std::string summary;  // "dossier 3f…: update record 9a…"
};

struct FieldChange {
  std::string field;                 // "client.guardians[0].email"
  std::string change;                // "changed", "added" or "removed"
  std::string old_value, new_value;  // personal data
};

// One value of a scalar field as text (element `i` of a repeated one):
// enums by name, booleans "true"/"false"; "" for a message field.
std::string FieldText(const google::protobuf::Message& m,
                      const google::protobuf::FieldDescriptor* f, int i);

// The fields of the two bodies that differ, in field order; a repeated
// field compares element by element. Errors only when the kinds differ.
std::vector<FieldChange> DiffRecords(const kluis::v1::Record& older,
                                     const kluis::v1::Record& newer);

}  // namespace kluis::core

#endif  // KLUIS_DAEMON_CORE_HISTORY_H_
