// kluis audit signer | verify | log: tamper evidence for a third party
// (neither signer nor verify needs the passphrase), and the access journal.
#include <cstdio>

#include "client/cli/cli_context.h"
#include "client/common/connection.h"
#include "client/common/local_time.h"
#include "kluis/v1/vault.grpc.pb.h"

namespace kluis::cli {
namespace {

struct Args {
  bool allowed_signers = false, json = false;
  std::string dossier, since;
};

void PrintVerify(const kluis::v1::VerifyResponse& r) {
  if (r.failures() == 0) {
    std::printf(
        "ok: %lu commits, every one signed by this vault's key, one "
        "unbroken chain\n",
        static_cast<unsigned long>(r.commits()));
  } else {
    std::printf(
        "FAILED: %lu of %lu commits do not verify; the first is %s "
        "(%s)\n",
        static_cast<unsigned long>(r.failures()),
        static_cast<unsigned long>(r.commits()),
        ShortId(r.first_bad_commit()).c_str(), r.problem().c_str());
  }
  if (r.journal_failures() == 0) {
    std::printf(
        "ok: access journal of %lu entries, one unbroken chain (%lu "
        "written while locked, covered by later signatures)\n",
        static_cast<unsigned long>(r.journal_entries()),
        static_cast<unsigned long>(r.journal_unsigned()));
  } else {
    std::printf(
        "FAILED: access journal: %lu problem(s); the first at entry "
        "commit %s (%s)\n",
        static_cast<unsigned long>(r.journal_failures()),
        ShortId(r.journal_first_bad()).c_str(), r.journal_problem().c_str());
  }
}

}  // namespace

void AddAuditCommands(CLI::App& app, Context& ctx) {
  auto a = std::make_shared<Args>();
  CLI::App* audit =
      app.add_subcommand("audit", "Tamper evidence and the access journal");
  audit->require_subcommand(1);

  CLI::App* signer = audit->add_subcommand(
      "signer", "Print the public key that signs every commit");
  signer->add_flag("--allowed-signers", a->allowed_signers,
                   "As a line for git's gpg.ssh.allowedSignersFile");
  signer->callback([&ctx, a] {
    kluis::v1::SignerResponse resp;
    grpc::Status s = kluis::v1::Audit::NewStub(ctx.Channel())
                         ->Signer(Call().get(), {}, &resp);
    ctx.exit_code = Report(s);
    if (!s.ok()) return;
    std::printf("%s\n", a->allowed_signers ? resp.allowed_signers().c_str()
                                           : resp.public_key().c_str());
  });

  CLI::App* verify = audit->add_subcommand(
      "verify", "Check every commit's signature, the chain, and the journal");
  verify->add_flag("--json", a->json, "Print JSON");
  verify->callback([&ctx, a] {
    kluis::v1::VerifyResponse resp;
    grpc::Status s = kluis::v1::Audit::NewStub(ctx.Channel())
                         ->Verify(Call().get(), {}, &resp);
    ctx.exit_code = Report(s);
    if (!s.ok()) return;
    a->json ? PrintJson(resp) : PrintVerify(resp);
    if (resp.failures() > 0 || resp.journal_failures() > 0) {
      ctx.exit_code = client::kExitError;
    }
  });

  CLI::App* log = audit->add_subcommand(
      "log", "The access journal: unlocks, exports, restores, deletions");
  log->add_option("--dossier", a->dossier,
                  "Only this dossier (its name or the start of its id)");
  log->add_option("--since", a->since,
                  "From this day, YYYY-MM-DD or DD-MM-YYYY");
  log->add_flag("--json", a->json, "Print JSON");
  log->callback([&ctx, a] {
    if ((!a->dossier.empty() && !ResolveDossierArg(ctx, &a->dossier)) ||
        !ResolveDayArg(ctx, "since", &a->since)) {
      return;
    }
    kluis::v1::JournalRequest req;
    req.set_dossier_id(a->dossier);
    req.set_since(a->since);
    kluis::v1::JournalResponse resp;
    grpc::Status s = kluis::v1::Audit::NewStub(ctx.Channel())
                         ->Journal(Call().get(), req, &resp);
    ctx.exit_code = Report(s);
    if (!s.ok()) return;
    if (a->json) {
      PrintJson(resp);
      return;
    }
    for (const kluis::v1::JournalLine& e : resp.entries()) {
      std::printf("%5lu  %s  %-14s %-7s %s%s%s\n",
                  static_cast<unsigned long>(e.seq()),
                  client::LocalTime(e.time()).c_str(), e.action().c_str(),
                  e.outcome().c_str(), ShortId(e.dossier_id()).c_str(),
                  e.reason().empty() ? "" : "  ", e.reason().c_str());
    }
  });
}

}  // namespace kluis::cli
