// Reading the CSV files that spreadsheets export, for `kluis import`.
//
// The format is RFC 4180 as Excel and LibreOffice write it: fields separated
// by ',' or by ';' (what Dutch Excel writes), records ended by CRLF or LF,
// fields that contain a delimiter, a quote or a line break enclosed in '"',
// a quote inside such a field doubled (""). A UTF-8 byte order mark at the
// start is skipped; a final line break does not start another record.
//
// Cells hold personal data: error messages name the line and the rule that
// was broken, never what the line contains. Pure functions, thread-safe;
// results are owned by the caller.
#ifndef KLUIS_CLIENT_CLI_CSV_H_
#define KLUIS_CLIENT_CLI_CSV_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace kluis::cli {

struct CsvRow {
  // The physical line (1-based) the record starts on. A quoted field may
  // span lines, so this is not the record's index.
  size_t line = 0;
  // Personal data. A line break inside a quoted field is returned as "\n",
  // whatever the file used.
  std::vector<std::string> fields;
};

// The delimiter of a CSV file: whichever of ',' and ';' occurs more often
// outside quotes in the first record (the header); ',' when neither does
// or on a tie.
char DetectCsvDelimiter(absl::string_view text);

// Splits `text` into records with the delimiter DetectCsvDelimiter picks.
// An empty line is a record with one empty field, as RFC 4180 has it
// (callers that want to skip blank rows check for that); empty lines at the
// end of the file are dropped.
// Errors (all kInvalidArgument, "line N: <rule>"):
//   "unterminated quoted field"     a quote opened and never closed (N is
//                                   the line where it opened);
//   "text after a closing quote"    e.g. "ab"c;
//   "quote inside an unquoted field" e.g. ab"c; such a field must be quoted
//                                   and its quote doubled;
//   "not valid UTF-8"               e.g. a Windows-1252 export.
absl::StatusOr<std::vector<CsvRow>> ParseCsv(absl::string_view text);

}  // namespace kluis::cli

#endif  // KLUIS_CLIENT_CLI_CSV_H_
