// kluis: the command-line client of kluisd. A thin client: it holds no keys
// and never touches the vault's files; everything goes over the socket.
#include <cstdio>

#include "client/cli/cli_context.h"
#include "client/common/connection.h"

int main(int argc, char** argv) {
  kluis::cli::Context ctx;
  CLI::App app{"kluis: your encrypted dossier vault (talks to kluisd)"};
  app.set_version_flag("--version", "kluis 0.1.0");
  app.add_option("--socket", ctx.socket_flag,
                 "kluisd's socket (default: $KLUIS_SOCKET, else "
                 "$XDG_RUNTIME_DIR/kluis/kluisd.sock)");
  app.require_subcommand(1);
  kluis::cli::AddVaultCommands(app, ctx);
  kluis::cli::AddDossierCommands(app, ctx);
  kluis::cli::AddRecordCommands(app, ctx);
  kluis::cli::AddInvoiceCommands(app, ctx);
  kluis::cli::AddRegisterCommands(app, ctx);
  kluis::cli::AddAttachmentCommands(app, ctx);
  kluis::cli::AddImportCommands(app, ctx);
  kluis::cli::AddAuditCommands(app, ctx);
  kluis::cli::AddHistoryCommands(app, ctx);
  kluis::cli::AddBackupCommands(app, ctx);
  kluis::cli::AddRetentionCommands(app, ctx);
  kluis::cli::AddErasureCommands(app, ctx);
  kluis::cli::AddExportCommands(app, ctx);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::RuntimeError& e) {
    return e.get_exit_code();  // the cause is printed already
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "kluis: error: %s (see kluis --help)\n", e.what());
    return kluis::client::kExitInvalid;
  }
  return ctx.exit_code;
}
