// kluis import clients | organisations FILE.csv: the rows of a spreadsheet
// become dossiers or organisations. kluisd checks the whole file first and
// nothing is written unless every row passes, or --skip-invalid leaves the
// refused rows out. Cells are personal data: reports name the row, the line
// and the rule, never a value.
#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/types/span.h"
#include "client/cli/cli_context.h"
#include "client/cli/csv.h"
#include "client/cli/record_fields.h"
#include "client/common/connection.h"
#include "client/common/dutch_date.h"
#include "kluis/v1/vault.grpc.pb.h"

namespace kluis::cli {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using kluis::v1::ImportDossiersResponse;

// kluisd takes at most 5000 items and 8 MiB per request.
constexpr size_t kMaxItemsPerRequest = 5000;
constexpr size_t kMaxRequestBytes = 4 << 20;

// A CSV column: the proto field it fills, whose name is also its header;
// any case, and the Dutch aliases, are accepted too.
struct Column {
  const char* field;
  const char* aliases;  // '|'-separated
};

constexpr Column kClientColumns[] = {
    {"name", "naam"},
    {"birth_date", "geboortedatum"},
    {"address", "adres"},
    {"postcode", ""},
    {"city", "plaats|woonplaats"},
    {"email", "e-mail"},
    {"phone", "telefoon"},
    {"iban", ""},
};
constexpr Column kOrganisationColumns[] = {
    {"name", "naam"},
    {"type", ""},
    {"contact_person", "contactpersoon"},
    {"email", "e-mail"},
    {"address", "adres"},
    {"postcode", ""},
    {"city", "plaats"},
    {"phone", "telefoon"},
};

struct Kind {
  const char* command;      // "clients"
  const char* singular;     // "client"
  const char* item_prefix;  // how kluisd names an item in a refusal
  absl::Span<const Column> columns;
  bool organisations;
};
const Kind kClients{"clients", "client", "dossiers", kClientColumns, false};
const Kind kOrganisations{"organisations", "organisation", "organisations",
                          kOrganisationColumns, true};

struct ImportFlags {
  std::string file;
  std::string reason;
  bool skip_invalid = false;
};

// A data row to send. Rows count records below the header, not lines.
struct Item {
  size_t row = 0;
  size_t line = 0;                       // where the record starts in the file
  kluis::v1::ImportDossier dossier;      // personal data; clients
  kluis::v1::Organisation organisation;  // personal data; organisations
};

struct Refusal {
  size_t row = 0;
  size_t line = 0;
  std::string error;  // the field and the rule, never the value
};

const char* Noun(const Kind& kind, size_t n) {
  return n == 1 ? kind.singular : kind.command;
}

std::string ColumnList(const Kind& kind) {
  return absl::StrJoin(kind.columns, ", ",
                       [](std::string* out, const Column& c) {
                         absl::StrAppend(out, c.field);
                         if (*c.aliases) absl::StrAppend(out, "|", c.aliases);
                       });
}

// Headers are not personal data, but keep control characters off the
// terminal.
std::string Printable(absl::string_view header) {
  std::string out(absl::StripAsciiWhitespace(header));
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
  }
  return out;
}

bool IsBlank(absl::Span<const std::string> fields) {
  return std::all_of(fields.begin(), fields.end(), [](const std::string& f) {
    return absl::StripAsciiWhitespace(f).empty();
  });
}

const Column* FindColumn(const Kind& kind, absl::string_view header) {
  const std::string key =
      absl::AsciiStrToLower(absl::StripAsciiWhitespace(header));
  for (const Column& col : kind.columns) {
    if (key == col.field) return &col;
    for (absl::string_view alias :
         absl::StrSplit(col.aliases, '|', absl::SkipEmpty())) {
      if (key == alias) return &col;
    }
  }
  return nullptr;
}

// The field each column fills, by position; nullptr for an empty column
// without a header. Errors (kInvalidArgument) name the header, never a
// cell; a first row without any known name is probably data, so it is not
// echoed.
absl::StatusOr<std::vector<const FieldDescriptor*>> MapHeader(
    const Kind& kind, const google::protobuf::Descriptor& type,
    const std::vector<CsvRow>& rows) {
  const std::vector<std::string>& header = rows.front().fields;
  std::vector<const FieldDescriptor*> fields(header.size(), nullptr);
  std::vector<std::string> unknown;
  size_t known = 0;
  for (size_t i = 0; i < header.size(); ++i) {
    const std::string column = absl::StrCat("column ", i + 1);
    if (absl::StripAsciiWhitespace(header[i]).empty()) {
      for (const CsvRow& row : rows) {
        if (i < row.fields.size() &&
            !absl::StripAsciiWhitespace(row.fields[i]).empty()) {
          return absl::InvalidArgumentError(
              absl::StrCat(column, " has data but no header"));
        }
      }
      continue;
    }
    const Column* col = FindColumn(kind, header[i]);
    if (col == nullptr) {
      unknown.push_back(
          absl::StrCat("\"", Printable(header[i]), "\" (", column, ")"));
      continue;
    }
    ++known;
    fields[i] = type.FindFieldByName(col->field);
    if (fields[i] == nullptr) {
      return absl::InternalError(absl::StrCat("no field ", col->field));
    }
    for (size_t j = 0; j < i; ++j) {
      if (fields[j] == fields[i]) {
        return absl::InvalidArgumentError(
            absl::StrCat(column, " \"", Printable(header[i]), "\": column ",
                         j + 1, " already is the ", col->field, " column"));
      }
    }
  }
  if (known == 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "the first row must name the columns (", ColumnList(kind), ")"));
  }
  if (!unknown.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("unknown column ", absl::StrJoin(unknown, ", "),
                     "; known columns: ", ColumnList(kind)));
  }
  if (std::none_of(fields.begin(), fields.end(), [](const FieldDescriptor* f) {
        return f != nullptr && f->name() == "name";
      })) {
    return absl::InvalidArgumentError("no name (naam) column");
  }
  return fields;
}

std::optional<kluis::v1::OrganisationType> ParseOrganisationType(
    absl::string_view value) {
  const std::string v = absl::AsciiStrToLower(value);
  if (v == "company" || v == "bedrijf") {
    return kluis::v1::ORGANISATION_TYPE_COMPANY;
  }
  if (v == "school") return kluis::v1::ORGANISATION_TYPE_SCHOOL;
  if (v == "other" || v == "anders") return kluis::v1::ORGANISATION_TYPE_OTHER;
  return std::nullopt;
}

// Copies the row's cells, trimmed, into `target`. Returns why the row
// cannot be sent, or nullopt.
std::optional<std::string> FillItem(
    const std::vector<const FieldDescriptor*>& fields,
    const std::vector<std::string>& header, const CsvRow& row,
    Message* target) {
  const std::string count_error = absl::StrCat(
      row.fields.size(), " fields where the header has ", fields.size());
  if (row.fields.size() < fields.size()) return count_error;
  // Trailing empty cells are what some spreadsheets add.
  if (!IsBlank(absl::MakeConstSpan(row.fields).subspan(fields.size()))) {
    return count_error;
  }
  const google::protobuf::Reflection* reflection = target->GetReflection();
  for (size_t i = 0; i < fields.size(); ++i) {
    if (fields[i] == nullptr) continue;
    std::string value(absl::StripAsciiWhitespace(row.fields[i]));
    if (value.empty()) continue;
    if (fields[i]->type() != FieldDescriptor::TYPE_ENUM) {
      if (IsDate(fields[i])) {
        // Dutch spreadsheets write dates day first (1-4-1990, 01/04/1990).
        absl::StatusOr<std::string> iso = client::ParseDutchDate(value);
        if (!iso.ok()) {
          return absl::StrCat(
              absl::AsciiStrToLower(target->GetDescriptor()->name()), ".",
              fields[i]->name(), " (column ", i + 1,
              "): ", iso.status().message());
        }
        value = *std::move(iso);
      }
      reflection->SetString(target, fields[i], std::move(value));
      continue;
    }
    // The only enum column: an organisation's type.
    std::optional<kluis::v1::OrganisationType> type =
        ParseOrganisationType(value);
    if (!type) {
      return absl::StrCat(Printable(header[i]),
                          ": not company (bedrijf), school or other (anders)");
    }
    reflection->SetEnumValue(target, fields[i], *type);
  }
  return std::nullopt;
}

std::optional<size_t> ItemIndex(const Kind& kind, absl::string_view item) {
  size_t index = 0;
  if (!absl::ConsumePrefix(&item, kind.item_prefix) ||
      !absl::ConsumePrefix(&item, "[") ||
      !absl::SimpleAtoi(item.substr(0, item.find(']')), &index)) {
    return std::nullopt;
  }
  return index;
}

// Sends the items in as few requests as kluisd's limits allow; `done` gets
// each response and the index of the request's first item.
grpc::Status Send(
    Context& ctx, const Kind& kind, const std::vector<const Item*>& items,
    const std::string& reason, bool validate_only,
    const std::function<void(size_t, const ImportDossiersResponse&)>& done) {
  auto stub = kluis::v1::Dossiers::NewStub(ctx.Channel());
  for (size_t first = 0; first < items.size();) {
    kluis::v1::ImportDossiersRequest req;
    req.set_reason(reason);
    req.set_validate_only(validate_only);
    size_t bytes = 0, end = first;
    for (; end < items.size() && end - first < kMaxItemsPerRequest; ++end) {
      const Message& item =
          kind.organisations
              ? static_cast<const Message&>(items[end]->organisation)
              : items[end]->dossier;
      bytes += item.ByteSizeLong();
      if (end > first && bytes > kMaxRequestBytes) break;
      if (kind.organisations) {
        *req.add_organisations() = items[end]->organisation;
      } else {
        *req.add_dossiers() = items[end]->dossier;
      }
    }
    ImportDossiersResponse resp;
    grpc::Status s = stub->ImportDossiers(Call().get(), req, &resp);
    if (!s.ok()) return s;
    done(first, resp);
    first = end;
  }
  return grpc::Status::OK;
}

absl::Status FileError(absl::string_view message) {
  return absl::InvalidArgumentError(absl::StrCat("import file: ", message));
}

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

// The whole file. Errors: kInvalidArgument with the system's reason.
absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
  if (file == nullptr) return FileError(std::strerror(errno));
  std::string text;
  char buffer[1 << 16];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof(buffer), file.get())) > 0) {
    text.append(buffer, n);
  }
  // e.g. EISDIR
  if (std::ferror(file.get())) return FileError(std::strerror(errno));
  return text;
}

// The rows below the header that can be sent, and why the others cannot.
// Blank rows are left out, but still counted.
void BuildItems(const Kind& kind, const std::vector<CsvRow>& rows,
                const std::vector<const FieldDescriptor*>& fields,
                std::vector<Item>* items, std::vector<Refusal>* refused) {
  items->reserve(rows.size());
  for (size_t r = 1; r < rows.size(); ++r) {
    if (IsBlank(rows[r].fields)) continue;
    Item item;
    item.row = r;
    item.line = rows[r].line;
    Message* target = kind.organisations
                          ? static_cast<Message*>(&item.organisation)
                          : item.dossier.mutable_client();
    if (std::optional<std::string> error =
            FillItem(fields, rows.front().fields, rows[r], target)) {
      refused->push_back({item.row, item.line, *std::move(error)});
    } else {
      items->push_back(std::move(item));
    }
  }
}

// Has kluisd check every item without writing anything; clears good[i] and
// adds a refusal for each item it refuses.
grpc::Status Validate(Context& ctx, const Kind& kind, const std::string& reason,
                      const std::vector<Item>& items, std::vector<bool>* good,
                      std::vector<Refusal>* refused) {
  std::vector<const Item*> all;
  for (const Item& item : items) all.push_back(&item);
  good->assign(items.size(), true);
  bool unplaced = false;
  grpc::Status s =
      Send(ctx, kind, all, reason, /*validate_only=*/true,
           [&](size_t first, const ImportDossiersResponse& resp) {
             for (const kluis::v1::ImportRefusal& r : resp.refused()) {
               std::optional<size_t> i = ItemIndex(kind, r.item());
               if (!i || first + *i >= items.size()) {
                 unplaced = true;
                 continue;
               }
               (*good)[first + *i] = false;
               const Item& item = items[first + *i];
               refused->push_back({item.row, item.line, r.error()});
             }
           });
  if (s.ok() && unplaced) {
    return grpc::Status(grpc::StatusCode::INTERNAL,
                        "kluisd refused items this client did not send");
  }
  return s;
}

// Imports the items and prints their new ids. Each request is its own
// commit, so after a failure the earlier requests' items stay imported.
int Write(Context& ctx, const Kind& kind, const std::string& reason,
          const std::vector<const Item*>& items, size_t skipped) {
  size_t imported = 0;
  grpc::Status s = Send(ctx, kind, items, reason, /*validate_only=*/false,
                        [&](size_t, const ImportDossiersResponse& resp) {
                          for (const std::string& id :
                               kind.organisations ? resp.organisation_ids()
                                                  : resp.dossier_ids()) {
                            std::printf("%s\n", id.c_str());
                            ++imported;
                          }
                        });
  std::fflush(stdout);
  if (!s.ok()) {
    const int code = Report(s);
    if (imported > 0 && imported < items.size()) {
      std::fprintf(stderr,
                   "kluis: %zu %s imported before the error (ids on stdout); "
                   "from row %zu on, nothing was\n",
                   imported, Noun(kind, imported), items[imported]->row);
    }
    return code;
  }
  std::fprintf(stderr, "kluis: imported %zu %s", imported,
               Noun(kind, imported));
  if (skipped > 0) {
    std::fprintf(stderr, ", skipped %zu refused %s", skipped,
                 skipped == 1 ? "row" : "rows");
  }
  std::fputc('\n', stderr);
  return client::kExitOk;
}

int Import(Context& ctx, const Kind& kind, const ImportFlags& flags) {
  absl::StatusOr<std::string> text = ReadFile(flags.file);
  if (!text.ok()) return Report(text.status());
  absl::StatusOr<std::vector<CsvRow>> rows = ParseCsv(*text);
  if (!rows.ok()) return Report(FileError(rows.status().message()));
  if (rows->empty()) return Report(FileError("empty; a header row is needed"));
  const google::protobuf::Descriptor& type =
      kind.organisations ? *kluis::v1::Organisation::descriptor()
                         : *kluis::v1::Client::descriptor();
  absl::StatusOr<std::vector<const FieldDescriptor*>> fields =
      MapHeader(kind, type, *rows);
  if (!fields.ok()) return Report(FileError(fields.status().message()));

  std::vector<Item> items;
  std::vector<Refusal> refused;
  BuildItems(kind, *rows, *fields, &items, &refused);
  const size_t total = items.size() + refused.size();
  if (total == 0) return Report(FileError("no rows below the header"));
  std::vector<bool> good;
  grpc::Status s = Validate(ctx, kind, flags.reason, items, &good, &refused);
  if (!s.ok()) return Report(s);

  std::stable_sort(
      refused.begin(), refused.end(),
      [](const Refusal& a, const Refusal& b) { return a.row < b.row; });
  for (const Refusal& r : refused) {
    std::fprintf(stderr, "row %zu (line %zu): %s\n", r.row, r.line,
                 r.error.c_str());
  }
  if (!refused.empty() && (!flags.skip_invalid || refused.size() == total)) {
    std::fprintf(stderr,
                 "kluis: error: %zu of %zu rows refused; nothing imported%s\n",
                 refused.size(), total,
                 flags.skip_invalid
                     ? ""
                     : " (fix them, or leave them out with --skip-invalid)");
    return client::kExitInvalid;
  }
  std::vector<const Item*> to_import;
  for (size_t i = 0; i < items.size(); ++i) {
    if (good[i]) to_import.push_back(&items[i]);
  }
  return Write(ctx, kind, flags.reason, to_import, refused.size());
}

void AddImportCommand(CLI::App* import, Context& ctx, const Kind& kind) {
  auto flags = std::make_shared<ImportFlags>();
  CLI::App* cmd = import->add_subcommand(
      kind.command, absl::StrCat("Import ", kind.command, " from a CSV file"));
  cmd->add_option("file", flags->file,
                  "CSV file (',' or ';'), header row first")
      ->required();
  cmd->add_flag("--skip-invalid", flags->skip_invalid,
                "Import the rows kluisd accepts and report the others "
                "(default: import nothing when any row is refused)");
  cmd->add_option("--reason", flags->reason, "Why (kept with every record)");
  std::string footer = absl::StrCat(
      "Columns (any case, any order; name is required): ", ColumnList(kind),
      ".\nA file of more than 5000 rows is written in several commits.");
  if (kind.organisations) {
    absl::StrAppend(&footer,
                    "\ntype: company (bedrijf), school or other (anders).");
  }
  cmd->footer(footer);
  cmd->callback(
      [&ctx, &kind, flags] { ctx.exit_code = Import(ctx, kind, *flags); });
}

}  // namespace

void AddImportCommands(CLI::App& app, Context& ctx) {
  CLI::App* import = app.add_subcommand(
      "import", "Import clients or organisations from a spreadsheet (CSV)");
  import->require_subcommand(1);
  AddImportCommand(import, ctx, kClients);
  AddImportCommand(import, ctx, kOrganisations);
}

}  // namespace kluis::cli
