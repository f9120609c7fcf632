// What every kluis subcommand shares: the connection, the exit code to
// return, and the two ways of printing (human text, or --json).
#ifndef KLUIS_CLIENT_CLI_CLI_CONTEXT_H_
#define KLUIS_CLIENT_CLI_CLI_CONTEXT_H_

#include <google/protobuf/message.h>
#include <grpcpp/grpcpp.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/status/status.h"
#include "kluis/v1/records.pb.h"

namespace kluis::cli {

struct Context {
  std::string socket_flag;
  int exit_code = 0;
  // The dossier as the person typed it: the same words in a RECORD
  // argument mean the dossier's head record.
  std::string dossier_as_typed;
  std::shared_ptr<grpc::Channel> Channel();

 private:
  std::shared_ptr<grpc::Channel> channel_;
};

// A client context with a deadline generous enough for an unlock's scrypt.
std::unique_ptr<grpc::ClientContext> Call();
// For work that grows with the vault (a backup of many gigabytes, a deep
// check): twelve hours.
std::unique_ptr<grpc::ClientContext> LongCall();

// Prints "kluis: error: <message>" (and a hint when the daemon is not
// reachable) to stderr and returns the documented exit code.
int Report(const grpc::Status& status);
int Report(const absl::Status& status);

// Proto3 JSON on stdout, empty lists and zero values included.
void PrintJson(const google::protobuf::Message& message);
// After a call: reports a failure (setting the exit code), or prints
// `response` as JSON when `json`. True when the caller prints its text.
bool ShowText(Context& ctx, const grpc::Status& status,
              const google::protobuf::Message& response, bool json);

// Replaces `*ref`, a dossier as the person typed it (a name, or the start
// of an id), with the id of the one dossier it names. When it names none or
// several, prints why (listing the candidates) to stderr, sets the exit
// code, and returns false: the command then does nothing.
bool ResolveDossierArg(Context& ctx, std::string* ref);
// Adds the positional "dossier" to `cmd`, taken as ResolveDossierArg takes
// it, before the command's callback runs. When it names no single dossier
// the parse stops with CLI::RuntimeError(exit code).
CLI::Option* AddDossierArg(CLI::App* cmd, Context& ctx, std::string* dest);

// The first 8 characters of an id: what a person reads (--json keeps the
// whole id; every command takes the start of an id back).
std::string ShortId(const std::string& id);

// The order of every record list a person sees, and so of the numbers
// that point into it: oldest first (then by id), so a new record never
// moves another one's number.
void InListOrder(std::vector<kluis::v1::Record>* records);

// Every organisation's id → its name, to show names where records link to
// one; empty when they cannot be listed (locked vault).
std::map<std::string, std::string> OrganisationNamesOf(Context& ctx);

// The records of a dossier (empty: the practice), of one kind or all, in
// list order. Reports a failure (setting the exit code) and returns false.
bool ListInOrder(Context& ctx, const std::string& dossier_id,
                 kluis::v1::RecordKind kind,
                 std::vector<kluis::v1::Record>* out);

// Which list a record number counts in.
struct RecordScope {
  // A kind: the numbers of `kluis <kind> list`. Unspecified: every record
  // of the dossier, numbered as `kluis client show` (or case show) lists
  // them.
  kluis::v1::RecordKind kind = kluis::v1::RECORD_KIND_UNSPECIFIED;
  // Also records that only history knows (deleted ones), by id.
  bool with_history = false;
};
// Replaces `*ref` (a number in the list, 4 or more characters of the id,
// an organisation's name, or the dossier as it was named: its head record)
// with the record's whole id. `dossier_id` empty: the practice's records.
// When it names none or several, prints why (the candidates by number,
// short id, kind and date) to stderr, sets the exit code (2 for several or
// a bad reference, 4 for none) and returns false: change nothing then.
bool ResolveRecordArg(Context& ctx, const std::string& dossier_id,
                      const RecordScope& scope, std::string* ref);
// Replaces `*ref`, a version as typed (7 or more characters of a commit
// id, or a day as YYYY-MM-DD or DD-MM-YYYY: the last version made before
// that day ended, local time), with the whole commit id. `field` names the
// argument in errors. Prints and sets the exit code as above.
bool ResolveVersionArg(Context& ctx, const char* field, std::string* ref);
// The links in a record body typed as a person would (an organisation's
// name or number in kluis org list, a consent's or an attachment's number
// or id start, a dossier's name) replaced by whole ids; whole ids stay.
// Prints and sets the exit code as ResolveRecordArg when one names no
// single record.
bool ResolveLinks(Context& ctx, const std::string& dossier_id,
                  google::protobuf::Message* body);
// Normalises a typed day (YYYY-MM-DD or DD-MM-YYYY) to YYYY-MM-DD; empty
// stays empty. Prints and sets the exit code (2) when it is no day.
bool ResolveDayArg(Context& ctx, const char* field, std::string* day);

// Writes `data` to a new file of mode 0600, never over an existing one;
// prints the error and returns false when it cannot.
bool WriteNewFile(const std::string& path, const std::string& data);

void AddVaultCommands(CLI::App& app, Context& ctx);
// After AddRecordCommands: kluis register, breach assess-lost-target,
// hours report, annual-report, agenda archive.
void AddRegisterCommands(CLI::App& app, Context& ctx);
void AddDossierCommands(CLI::App& app, Context& ctx);
void AddRecordCommands(CLI::App& app, Context& ctx);
// After AddRecordCommands: kluis invoice pdf.
void AddInvoiceCommands(CLI::App& app, Context& ctx);
void AddAttachmentCommands(CLI::App& app, Context& ctx);
void AddImportCommands(CLI::App& app, Context& ctx);
void AddAuditCommands(CLI::App& app, Context& ctx);
void AddHistoryCommands(CLI::App& app, Context& ctx);
void AddBackupCommands(CLI::App& app, Context& ctx);
void AddRetentionCommands(CLI::App& app, Context& ctx);
// After AddRetentionCommands: kluis erase, kluis retention
// apply|erased|invoices.
void AddErasureCommands(CLI::App& app, Context& ctx);
void AddExportCommands(CLI::App& app, Context& ctx);
// kluis restore --from: runs kluisd's restore mode (restore_command.cc).
struct VaultRestoreArgs {
  std::string from, vault, at;
};
void RestoreVaultFrom(Context& ctx, const VaultRestoreArgs& args);
// For kluis status: no target, or one overdue, said prominently.
void PrintBackupWarnings(Context& ctx);
// One ImportDossier JSON object per line; returns the exit code.
int ImportJsonLines(Context& ctx, const std::string& path,
                    const std::string& reason);

}  // namespace kluis::cli

#endif  // KLUIS_CLIENT_CLI_CLI_CONTEXT_H_
