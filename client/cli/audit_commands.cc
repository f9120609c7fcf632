// kluis audit signer | verify: tamper evidence for a third party. Neither
// needs the passphrase.
#include <cstdio>

#include "client/cli/cli_context.h"
#include "client/common/connection.h"
#include "kluis/v1/vault.grpc.pb.h"

namespace kluis::cli {

void AddAuditCommands(CLI::App& app, Context& ctx) {
  struct Args {
    bool allowed_signers = false, json = false;
  };
  auto a = std::make_shared<Args>();
  CLI::App* audit = app.add_subcommand(
      "audit", "Tamper evidence: the commit signer, and a full check");
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
      "verify", "Check every commit's signature and the chain of history");
  verify->add_flag("--json", a->json, "Print JSON");
  verify->callback([&ctx, a] {
    kluis::v1::VerifyResponse resp;
    grpc::Status s = kluis::v1::Audit::NewStub(ctx.Channel())
                         ->Verify(Call().get(), {}, &resp);
    ctx.exit_code = Report(s);
    if (!s.ok()) return;
    if (a->json) {
      PrintJson(resp);
    } else if (resp.failures() == 0) {
      std::printf(
          "ok: %lu commits, every one signed by this vault's key, "
          "one unbroken chain\n",
          static_cast<unsigned long>(resp.commits()));
    } else {
      std::printf(
          "FAILED: %lu of %lu commits do not verify; the first is "
          "%s (%s)\n",
          static_cast<unsigned long>(resp.failures()),
          static_cast<unsigned long>(resp.commits()),
          resp.first_bad_commit().c_str(), resp.problem().c_str());
    }
    if (resp.failures() > 0) ctx.exit_code = client::kExitError;
  });
}

}  // namespace kluis::cli
