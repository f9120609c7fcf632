// kluis invoice pdf DOSSIER INVOICE -o FILE [--lang nl|en] [--force]: the
// invoice as a PDF for the party billed, made by the daemon from the
// practice profile in the user's language (document_lang.h) and kept in
// the dossier as an attachment; here it is
// written to a private file (mode 0600), over an existing one only with
// --force. The other invoice commands are record_commands.cc's.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "client/cli/cli_context.h"
#include "client/cli/document_lang.h"
#include "client/common/connection.h"
#include "kluis/v1/registers.grpc.pb.h"

namespace kluis::cli {
namespace {

struct Args {
  std::string dossier, invoice, out, lang;
  bool force = false, json = false;
};

bool Exists(const std::string& path) {
  struct stat st;
  return ::lstat(path.c_str(), &st) == 0;
}

// Replaces `path` as a whole: a private temporary file beside it, synced,
// then renamed over it, so a reader never sees half an invoice.
bool ReplaceFile(const std::string& path, const std::string& data) {
  const std::string tmp = absl::StrCat(path, ".kluis-tmp");
  ::unlink(tmp.c_str());  // a leftover of an earlier, interrupted run
  if (!WriteNewFile(tmp, data)) return false;
  const int fd = ::open(tmp.c_str(), O_RDONLY | O_CLOEXEC);
  const bool synced = fd >= 0 && ::fsync(fd) == 0;
  if (fd >= 0) ::close(fd);
  if (!synced || ::rename(tmp.c_str(), path.c_str()) != 0) {
    std::fprintf(stderr, "kluis: error: out: %s\n", std::strerror(errno));
    ::unlink(tmp.c_str());
    return false;
  }
  return true;
}

void InvoicePdf(Context& ctx, Args a) {
  if (!ResolveRecordArg(ctx, a.dossier, {kluis::v1::RECORD_KIND_INVOICE},
                        &a.invoice)) {
    return;
  }
  if (!a.force && Exists(a.out)) {
    std::fprintf(stderr,
                 "kluis: error: out: the file exists; choose another name, "
                 "or --force to replace it\n");
    ctx.exit_code = client::kExitInvalid;
    return;
  }
  kluis::v1::InvoicePdfRequest req;
  req.set_dossier_id(a.dossier);
  req.set_invoice_id(a.invoice);
  req.set_lang(DocumentLang(a.lang));
  kluis::v1::InvoicePdfResponse resp;
  grpc::Status st = kluis::v1::Registers::NewStub(ctx.Channel())
                        ->InvoicePdf(Call().get(), req, &resp);
  ctx.exit_code = Report(st);
  if (!st.ok()) return;
  const std::string& pdf = resp.document().text();
  if (!(a.force ? ReplaceFile(a.out, pdf) : WriteNewFile(a.out, pdf))) {
    ctx.exit_code = client::kExitError;
    return;
  }
  if (a.json) {
    resp.mutable_document()->clear_text();  // the file has it
    PrintJson(resp);
    return;
  }
  std::printf("%s\n", a.out.c_str());
  std::fprintf(stderr, "kept in the dossier as attachment %s\n",
               resp.attachment_id().substr(0, 8).c_str());
}

}  // namespace

void AddInvoiceCommands(CLI::App& app, Context& ctx) {
  auto a = std::make_shared<Args>();
  CLI::App* invoice = app.get_subcommand("invoice");
  CLI::App* pdf = invoice->add_subcommand(
      "pdf",
      "The invoice as a PDF for the organisation or client billed, from the "
      "practice profile (kept in the dossier as an attachment)");
  AddDossierArg(pdf, ctx, &a->dossier)->required();
  pdf->add_option("invoice", a->invoice,
                  "The invoice: its number in kluis invoice list, or the "
                  "start of its id")
      ->required();
  pdf->add_option("-o,--out,--output", a->out,
                  "The PDF file to write (mode 0600)")
      ->required();
  AddLangOption(pdf, &a->lang);
  pdf->add_flag("--force", a->force, "Replace the file if it exists");
  pdf->add_flag("--json", a->json,
                "Print the attachment id as JSON (the PDF goes to the file)");
  pdf->callback([&ctx, a] { InvoicePdf(ctx, *a); });
}

}  // namespace kluis::cli
