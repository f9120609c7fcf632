// Command-line options made from a record kind's proto fields, so that
// every kind gets the same flags for the same shapes: `--birth-date`,
// `--reporter-name` (a nested message), `--categories a --categories b`
// (a repeated string), `--child name=Ella,age=9` (a repeated message),
// `--working` / `--no-working` (a bool). A text field given as "-" is read
// from stdin, and `--edit` opens $EDITOR on it. A date is taken day first
// (12-05-1988) or as ISO and sent as ISO; an amount in euro cents is the
// option `--amount` in euros (client/common/dutch_date.h, money.h).
//
// Thread-safety: used by the one CLI thread.
#ifndef KLUIS_CLIENT_CLI_RECORD_FIELDS_H_
#define KLUIS_CLIENT_CLI_RECORD_FIELDS_H_

#include <google/protobuf/message.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace kluis::cli {

class FieldOptions {
 public:
  // Adds an option per writable field of `type` to `cmd`.
  FieldOptions(CLI::App* cmd, const google::protobuf::Descriptor* type);

  // Writes the options given on the command line into `message` (other
  // fields keep their value). Errors: kInvalidArgument naming the option.
  absl::Status Apply(google::protobuf::Message* message) const;
  // The first free-text field, which stdin and --edit fill.
  const google::protobuf::FieldDescriptor* main_text() const {
    return main_text_;
  }

 private:
  struct Slot {
    const google::protobuf::FieldDescriptor* field;
    std::vector<const google::protobuf::FieldDescriptor*> path;  // parents
    std::string flag;
    std::vector<std::string> values;
    bool set_true = false, set_false = false;
    CLI::Option* option = nullptr;
    CLI::Option* negation = nullptr;
  };
  void AddFields(CLI::App* cmd, const google::protobuf::Descriptor* type,
                 std::vector<const google::protobuf::FieldDescriptor*> path,
                 const std::string& prefix);

  CLI::App* cmd_;
  std::vector<std::unique_ptr<Slot>> slots_;
  const google::protobuf::FieldDescriptor* main_text_ = nullptr;
  bool edit_ = false;
};

// "--some-field" for field some_field.
std::string FlagName(const std::string& prefix, const std::string& field);
// An enum value from its short spelling ("pupil-staff" for
// CASE_RELATION_PUPIL_STAFF), case-insensitive; nullptr when none fits.
const google::protobuf::EnumValueDescriptor* ParseEnum(
    const google::protobuf::EnumDescriptor* type, const std::string& text);
std::string ShortEnumName(const google::protobuf::EnumValueDescriptor* v);

// A string field with a date rule (FORMAT_DATE, FORMAT_PAST_DATE).
bool IsDate(const google::protobuf::FieldDescriptor* f);
// An int64 field with the euro_cents rule: typed and shown in euros.
bool IsEuros(const google::protobuf::FieldDescriptor* f);

// Rewrites every date field set in `message` and its sub-messages (a
// FORMAT_DATE or FORMAT_PAST_DATE rule) from a Dutch day-first form to ISO,
// for input that does not come through FieldOptions (an import file).
// `path` prefixes the field in errors. Errors: kInvalidArgument
// "<path>.<field>: <rule>" (client::ParseDutchDate's rules), never the value.
absl::Status NormalizeDates(google::protobuf::Message* message,
                            const std::string& path);

// Human-readable lines for every set field, indented; an amount in euro
// cents as "€ 450,00".
void PrintMessage(const google::protobuf::Message& message, int indent);

// Reads all of stdin. Opens $EDITOR (else vi) on `initial` in a private
// temporary file on a RAM file system, and returns the result; the file is
// removed afterwards. Errors: kFailedPrecondition without a RAM directory.
std::string ReadStdin();
absl::StatusOr<std::string> EditText(const std::string& initial);

}  // namespace kluis::cli

#endif  // KLUIS_CLIENT_CLI_RECORD_FIELDS_H_
