// What every kluis subcommand shares: the connection, the exit code to
// return, and the two ways of printing (human text, or --json).
#ifndef KLUIS_CLIENT_CLI_CLI_CONTEXT_H_
#define KLUIS_CLIENT_CLI_CLI_CONTEXT_H_

#include <google/protobuf/message.h>
#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

#include "CLI/CLI.hpp"
#include "absl/status/status.h"

namespace kluis::cli {

struct Context {
  std::string socket_flag;
  int exit_code = 0;
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

// Writes `data` to a new file of mode 0600, never over an existing one;
// prints the error and returns false when it cannot.
bool WriteNewFile(const std::string& path, const std::string& data);

void AddVaultCommands(CLI::App& app, Context& ctx);
// After AddRecordCommands: kluis register, breach assess-lost-target,
// hours report, annual-report, agenda archive.
void AddRegisterCommands(CLI::App& app, Context& ctx);
void AddDossierCommands(CLI::App& app, Context& ctx);
void AddRecordCommands(CLI::App& app, Context& ctx);
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
