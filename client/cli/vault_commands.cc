// kluis init | unlock | lock | status | change-passphrase
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>

#include "client/cli/cli_context.h"
#include "client/common/connection.h"
#include "client/common/terminal.h"
#include "kluis/v1/vault.grpc.pb.h"

namespace kluis::cli {
namespace {

absl::StatusOr<std::string> Passphrase(const std::string& file,
                                       const char* prompt, bool confirm) {
  return file.empty() ? client::PromptSecret(prompt, confirm)
                      : client::ReadSecretLine(file);
}

// Opened before the vault exists, so that a bad --recovery-out stops init
// instead of losing the only copy of the recovery key afterwards.
int OpenRecoveryFile(const std::string& path) {
  return ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
}

bool WriteAll(int fd, const std::string& text) {
  size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return ::fsync(fd) == 0;
}

struct Args {
  std::string passphrase_file, new_passphrase_file, recovery_out, recovery_key;
  bool json = false;
};

void PrintUnlocked(const kluis::v1::UnlockResponse& resp) {
  std::fprintf(stderr, "kluis: unlocked (%lu dossiers)\n",
               static_cast<unsigned long>(resp.dossiers()));
  if (resp.unreadable() > 0) {
    std::fprintf(stderr,
                 "kluis: warning: %lu dossier(s) could not be read (damaged or "
                 "missing files); their ids are in kluisd's log. Restore them "
                 "from a backup.\n",
                 static_cast<unsigned long>(resp.unreadable()));
  }
}

// kluis unlock --recovery-key FILE|-: the key from its file (or typed, as
// printed on paper), then a new passphrase, asked twice.
void RecoverVault(Context& ctx, const Args& args) {
  absl::StatusOr<std::string> key =
      args.recovery_key == "-"
          ? client::PromptSecret("Recovery key (AGE-SECRET-KEY-1…)", false)
          : client::ReadSecretFile(args.recovery_key, "recovery key file");
  absl::StatusOr<std::string> pass =
      key.ok() ? Passphrase(args.new_passphrase_file, "New passphrase", true)
               : key.status();
  if (!pass.ok()) {
    if (key.ok()) client::Wipe(&*key);
    ctx.exit_code = Report(pass.status());
    return;
  }
  kluis::v1::RecoverRequest req;
  req.set_recovery_identity(*key);
  req.set_new_passphrase(*pass);
  client::Wipe(&*key);
  client::Wipe(&*pass);
  kluis::v1::UnlockResponse resp;
  grpc::Status s = kluis::v1::Vault::NewStub(ctx.Channel())
                       ->Recover(Call().get(), req, &resp);
  client::Wipe(req.mutable_recovery_identity());
  client::Wipe(req.mutable_new_passphrase());
  ctx.exit_code = Report(s);
  if (!s.ok()) return;
  std::fprintf(stderr,
               "kluis: the new passphrase is set; the old one no longer "
               "works\n");
  PrintUnlocked(resp);
}

}  // namespace

void AddVaultCommands(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<Args>();

  CLI::App* init = app.add_subcommand("init", "Create a new vault");
  init->add_option("--passphrase-file", args->passphrase_file,
                   "Read the passphrase from this file's first line");
  init->add_option("--recovery-out", args->recovery_out,
                   "Write the recovery key (an age identity file) here");
  init->callback([&ctx, args] {
    int recovery_fd = -1;
    if (!args->recovery_out.empty()) {
      recovery_fd = OpenRecoveryFile(args->recovery_out);
      if (recovery_fd < 0) {
        std::fprintf(stderr,
                     "kluis: error: --recovery-out: cannot create the file (it "
                     "must not exist yet); no vault was created\n");
        ctx.exit_code = client::kExitInvalid;
        return;
      }
    }
    absl::StatusOr<std::string> pass =
        Passphrase(args->passphrase_file, "New vault passphrase", true);
    if (!pass.ok()) {
      if (recovery_fd >= 0) {
        ::close(recovery_fd);
        ::unlink(args->recovery_out.c_str());
      }
      ctx.exit_code = Report(pass.status());
      return;
    }
    kluis::v1::InitRequest req;
    req.set_passphrase(*pass);
    client::Wipe(&*pass);
    kluis::v1::InitResponse resp;
    auto stub = kluis::v1::Vault::NewStub(ctx.Channel());
    grpc::Status s = stub->Init(Call().get(), req, &resp);
    client::Wipe(req.mutable_passphrase());
    if (!s.ok()) {
      if (recovery_fd >= 0) {
        ::close(recovery_fd);
        ::unlink(args->recovery_out.c_str());
      }
      ctx.exit_code = Report(s);
      return;
    }
    const bool written =
        recovery_fd >= 0 && WriteAll(recovery_fd, resp.recovery_identity());
    if (recovery_fd >= 0) ::close(recovery_fd);
    if (written) {
      std::fprintf(stderr,
                   "kluis: vault created and unlocked. The recovery key is in "
                   "%s: print it, keep it in the safe, then delete the file.\n",
                   args->recovery_out.c_str());
    } else {
      // Never lose the only copy: show it when the file could not be written.
      if (recovery_fd >= 0) {
        std::fprintf(stderr, "kluis: warning: could not write %s.\n",
                     args->recovery_out.c_str());
      }
      std::fprintf(stderr,
                   "kluis: vault created and unlocked. This is your RECOVERY "
                   "KEY, shown once: print it and keep it in the safe.\n");
      std::fwrite(resp.recovery_identity().data(), 1,
                  resp.recovery_identity().size(), stdout);
    }
    client::Wipe(resp.mutable_recovery_identity());
  });

  CLI::App* unlock = app.add_subcommand("unlock", "Unlock the vault");
  unlock->add_option("--passphrase-file", args->passphrase_file,
                     "Read the passphrase from this file's first line");
  unlock->add_option("--recovery-key", args->recovery_key,
                     "Forgotten passphrase: unlock with the recovery key "
                     "(its file, or - to type it) and set a new passphrase");
  unlock->add_option("--new-passphrase-file", args->new_passphrase_file,
                     "With --recovery-key: the new passphrase's file");
  unlock->callback([&ctx, args] {
    if (!args->recovery_key.empty()) {
      RecoverVault(ctx, *args);
      return;
    }
    absl::StatusOr<std::string> pass =
        Passphrase(args->passphrase_file, "Vault passphrase", false);
    if (!pass.ok()) {
      ctx.exit_code = Report(pass.status());
      return;
    }
    kluis::v1::UnlockRequest req;
    req.set_passphrase(*pass);
    client::Wipe(&*pass);
    kluis::v1::UnlockResponse resp;
    grpc::Status s = kluis::v1::Vault::NewStub(ctx.Channel())
                         ->Unlock(Call().get(), req, &resp);
    client::Wipe(req.mutable_passphrase());
    ctx.exit_code = Report(s);
    if (!s.ok()) return;
    PrintUnlocked(resp);
  });

  app.add_subcommand("lock", "Lock the vault now")->callback([&ctx] {
    kluis::v1::LockResponse resp;
    ctx.exit_code = Report(kluis::v1::Vault::NewStub(ctx.Channel())
                               ->Lock(Call().get(), {}, &resp));
  });

  CLI::App* status = app.add_subcommand("status", "Show the vault's state");
  status->add_flag("--json", args->json, "Print JSON");
  status->callback([&ctx, args] {
    kluis::v1::StatusResponse resp;
    grpc::Status s = kluis::v1::Vault::NewStub(ctx.Channel())
                         ->Status(Call().get(), {}, &resp);
    if (!ShowText(ctx, s, resp, args->json)) return;
    std::printf("vault:     %s\n", !resp.initialized()
                                       ? "not initialised (run kluis init)"
                                   : resp.unlocked() ? "unlocked"
                                                     : "locked");
    if (resp.unlocked()) {
      std::printf("dossiers:  %lu\n",
                  static_cast<unsigned long>(resp.dossiers()));
    }
    if (!resp.head().empty())
      std::printf("head:      %s\n", ShortId(resp.head()).c_str());
    std::printf("idle lock: %u min\n", resp.idle_lock_minutes());
    if (!resp.write_problem().empty()) {
      std::printf("WARNING:   %s\n", resp.write_problem().c_str());
    }
    if (!resp.journal_problem().empty()) {
      std::printf("WARNING:   %s\n", resp.journal_problem().c_str());
    }
    if (!resp.history_problem().empty()) {
      std::printf("WARNING:   %s\n", resp.history_problem().c_str());
    }
    if (resp.working_notes_overdue() > 0) {
      std::printf(
          "warning:   %lu working note(s) kept past their expiry: destroy "
          "them or turn them into regular notes (kluis search shows the "
          "dossiers)\n",
          static_cast<unsigned long>(resp.working_notes_overdue()));
    }
    if (resp.retention_due() > 0) {
      std::printf(
          "warning:   %lu dossier(s) or record(s) past their retention term: "
          "see kluis retention report\n",
          static_cast<unsigned long>(resp.retention_due()));
    }
    if (resp.requests_overdue() > 0) {
      std::printf(
          "WARNING:   %lu request(s) of data subjects PAST THEIR DEADLINE: "
          "see kluis request list\n",
          static_cast<unsigned long>(resp.requests_overdue()));
    }
    if (resp.requests_due_soon() > 0) {
      std::printf(
          "warning:   %lu request(s) of data subjects due within 7 days: see "
          "kluis request list\n",
          static_cast<unsigned long>(resp.requests_due_soon()));
    }
    for (const kluis::v1::BreachDeadline& b : resp.breaches()) {
      const int64_t left = b.minutes_left();
      if (left < 0) {
        std::printf(
            "WARNING:   breach %s: the 72 hours to notify the AP ENDED at %s; "
            "notify now, or record why there is no risk (kluis breach "
            "update %s --notify not-required --not-notified-reason …)\n",
            ShortId(b.breach_id()).c_str(), b.deadline().c_str(),
            ShortId(b.breach_id()).c_str());
      } else {
        std::printf(
            "WARNING:   breach %s: %ld h %02ld min left to notify the AP "
            "(until %s), or to record why there is no risk\n",
            ShortId(b.breach_id()).c_str(), static_cast<long>(left / 60),
            static_cast<long>(left % 60), b.deadline().c_str());
      }
    }
    if (resp.initialized()) PrintBackupWarnings(ctx);
  });

  CLI::App* change =
      app.add_subcommand("change-passphrase", "Change the passphrase");
  change->add_option("--passphrase-file", args->passphrase_file,
                     "Current passphrase file");
  change->add_option("--new-passphrase-file", args->new_passphrase_file,
                     "New passphrase file");
  change->callback([&ctx, args] {
    absl::StatusOr<std::string> old_pass =
        Passphrase(args->passphrase_file, "Current passphrase", false);
    absl::StatusOr<std::string> new_pass =
        old_pass.ok()
            ? Passphrase(args->new_passphrase_file, "New passphrase", true)
            : old_pass;
    if (!new_pass.ok()) {
      ctx.exit_code = Report(new_pass.status());
      return;
    }
    kluis::v1::ChangePassphraseRequest req;
    req.set_old_passphrase(*old_pass);
    req.set_new_passphrase(*new_pass);
    client::Wipe(&*old_pass);
    client::Wipe(&*new_pass);
    kluis::v1::ChangePassphraseResponse resp;
    ctx.exit_code = Report(kluis::v1::Vault::NewStub(ctx.Channel())
                               ->ChangePassphrase(Call().get(), req, &resp));
    client::Wipe(req.mutable_old_passphrase());
    client::Wipe(req.mutable_new_passphrase());
  });
}

}  // namespace kluis::cli
