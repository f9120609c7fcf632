// Exports, made and journalled by the daemon:
//   kluis export intervision DOSSIER [--out FILE]   anonymised case summary
//   kluis export access DOSSIER --out FILE [--passphrase-file F]
//                                                   the client's own data
// --out writes a new file, mode 0600, never over an existing one.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include "client/cli/cli_context.h"
#include "client/cli/document_lang.h"
#include "client/common/terminal.h"
#include "kluis/v1/export.grpc.pb.h"

namespace kluis::cli {

void AddExportCommands(CLI::App& app, Context& ctx) {
  struct Args {
    std::string dossier, out, passphrase_file, lang;
  };
  auto a = std::make_shared<Args>();
  CLI::App* exp = app.add_subcommand("export", "Exports for people");
  exp->require_subcommand(1);
  CLI::App* intervision = exp->add_subcommand(
      "intervision",
      "An anonymised case summary to discuss with colleagues (Markdown)");
  AddDossierArg(intervision, ctx, &a->dossier)->required();
  intervision->add_option("--out", a->out,
                          "New file (mode 0600; never overwritten); default "
                          "stdout");
  AddLangOption(intervision, &a->lang);
  intervision->callback([&ctx, a] {
    kluis::v1::IntervisionRequest req;
    req.set_dossier_id(a->dossier);
    req.set_lang(DocumentLang(a->lang));
    kluis::v1::IntervisionResponse resp;
    grpc::Status s = kluis::v1::Exports::NewStub(ctx.Channel())
                         ->Intervision(Call().get(), req, &resp);
    ctx.exit_code = Report(s);
    if (!s.ok()) return;
    if (a->out.empty()) {
      std::fwrite(resp.markdown().data(), 1, resp.markdown().size(), stdout);
    } else if (!WriteNewFile(a->out, resp.markdown())) {
      ctx.exit_code = 1;
    }
  });

  CLI::App* access = exp->add_subcommand(
      "access",
      "The client's access and portability package (GDPR art. 15, 20): "
      "HTML, JSON with its schema, attachments");
  AddDossierArg(access, ctx, &a->dossier)->required();
  access->add_option("--out", a->out, "New file (mode 0600; never overwritten)")
      ->required();
  access->add_option("--passphrase-file", a->passphrase_file,
                     "The passphrase agreed with the client (- for stdin): "
                     "the package becomes one age file");
  AddLangOption(access, &a->lang);
  access->callback([&ctx, a] {
    kluis::v1::AccessRequest req;
    req.set_dossier_id(a->dossier);
    req.set_lang(DocumentLang(a->lang));
    if (!a->passphrase_file.empty()) {
      absl::StatusOr<std::string> p =
          client::ReadSecretLine(a->passphrase_file);
      if (!p.ok()) {
        ctx.exit_code = Report(p.status());
        return;
      }
      req.set_passphrase(*p);
      client::Wipe(&*p);
    }
    auto call = LongCall();
    std::unique_ptr<grpc::ClientReader<kluis::v1::AccessChunk>> reader =
        kluis::v1::Exports::NewStub(ctx.Channel())->Access(call.get(), req);
    std::string data;
    kluis::v1::AccessChunk chunk;
    while (reader->Read(&chunk)) data += chunk.data();
    grpc::Status s = reader->Finish();
    ctx.exit_code = Report(s);
    if (!s.ok()) return;
    if (!WriteNewFile(a->out, data)) {
      ctx.exit_code = 1;
      return;
    }
    std::printf("%s: %s\n", a->out.c_str(),
                req.passphrase().empty()
                    ? "a tar package (tar -xf); not encrypted: hand it over "
                      "in person"
                    : "one age file: age -d -o package.tar FILE, with the "
                      "agreed passphrase");
  });
}

}  // namespace kluis::cli
