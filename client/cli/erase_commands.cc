// Erasure from the command line:
//   kluis erase DOSSIER --reason R [--dry-run]   an erasure request (art. 17)
//   kluis retention apply [--dry-run]            everything due today
//   kluis retention erased                       the tombstones
//   kluis retention invoices [--year Y]          invoice data kept by law
//   kluis compact --purge-erased                 history without them
// The daemon does the work; this prints what it did, ids only (the kept
// invoices are the exception: reading them is what the command is for).
#include <cstdio>
#include <string>

#include "client/cli/cli_context.h"
#include "client/common/money.h"
#include "kluis/v1/retention.grpc.pb.h"

namespace kluis::cli {
namespace {

void PrintErasure(const kluis::v1::ErasureResponse& r) {
  const char* verb = r.dry_run() ? "would erase" : "erased";
  std::printf("%s: %d\n", verb, r.erased_size());
  for (const kluis::v1::Tombstone& t : r.erased()) {
    if (t.kind() == kluis::v1::RETENTION_ITEM_KIND_INVOICES) {
      std::printf("  kept invoices of the fiscal year ending %s\n",
                  t.closing_date().c_str());
    } else if (t.record_id().empty()) {
      std::printf("  %s dossier %s\n", t.dossier_kind().c_str(),
                  ShortId(t.dossier_id()).c_str());
    } else {
      std::printf("  record %s of dossier %s\n", ShortId(t.record_id()).c_str(),
                  ShortId(t.dossier_id()).c_str());
    }
    std::printf("    rule: %s\n    basis: %s\n", t.rule().c_str(),
                t.legal_basis().c_str());
  }
  if (r.kept_size() > 0) {
    std::printf("%s by a legal duty: %d\n", r.dry_run() ? "would keep" : "kept",
                r.kept_size());
    for (const kluis::v1::KeptPart& k : r.kept()) {
      std::printf("  %s %s until %s (%s)\n", k.what().c_str(),
                  ShortId(k.record_id()).c_str(), k.keep_until().c_str(),
                  k.legal_basis().c_str());
    }
  }
  if (r.to_confirm_size() > 0) {
    std::printf(
        "to confirm with the processor (kluis disclosure update DOSSIER ID "
        "--processor-deleted-date DATE): %d\n",
        r.to_confirm_size());
    for (const kluis::v1::RetentionItem& i : r.to_confirm()) {
      std::printf("  disclosure %s of dossier %s: delete by %s\n",
                  ShortId(i.record_id()).c_str(),
                  ShortId(i.dossier_id()).c_str(), i.due_date().c_str());
    }
  }
  if (r.keys_destroyed() > 0) {
    std::printf(
        "keys destroyed: %u (backup drives lose them at their next run: "
        "kluis backup status)\n",
        r.keys_destroyed());
  }
}

}  // namespace

void AddErasureCommands(CLI::App& app, Context& ctx) {
  struct Args {
    std::string dossier, reason;
    bool dry_run = false, json = false;
    uint32_t year = 0;
  };
  auto a = std::make_shared<Args>();
  CLI::App* erase = app.add_subcommand(
      "erase",
      "Erase a dossier on the client's request (GDPR art. 17): its files "
      "leave the head and its key is destroyed; invoice data is kept");
  AddDossierArg(erase, ctx, &a->dossier)->required();
  erase
      ->add_option("--reason", a->reason,
                   "Why (journalled): the request, with its date")
      ->required();
  erase->add_flag("--dry-run", a->dry_run, "Say what would go; change nothing");
  erase->add_flag("--json", a->json, "Print JSON");
  erase->callback([&ctx, a] {
    kluis::v1::EraseRequest req;
    req.set_dossier_id(a->dossier);
    req.set_reason(a->reason);
    req.set_dry_run(a->dry_run);
    kluis::v1::ErasureResponse resp;
    grpc::Status s = kluis::v1::Retention::NewStub(ctx.Channel())
                         ->Erase(Call().get(), req, &resp);
    if (ShowText(ctx, s, resp, a->json)) PrintErasure(resp);
  });

  auto purge = std::make_shared<bool>(false);
  CLI::App* compact = app.add_subcommand(
      "compact",
      "Rewrite the history without erased dossiers and records (explicit; "
      "backup drives follow at their next run)");
  compact->add_flag("--purge-erased", *purge,
                    "Drop every erased path from every version");
  compact->callback([&ctx, purge] {
    kluis::v1::CompactRequest req;
    req.set_purge_erased(*purge);
    kluis::v1::CompactResponse resp;
    grpc::Status s = kluis::v1::Retention::NewStub(ctx.Channel())
                         ->Compact(LongCall().get(), req, &resp);
    ctx.exit_code = Report(s);
    if (!s.ok()) return;
    std::printf(
        "compacted: %lu versions rewritten without %u erased paths; backup "
        "drives follow at their next run\n",
        static_cast<unsigned long>(resp.commits_rewritten()),
        resp.paths_purged());
  });

  CLI::App* retention = app.get_subcommand("retention");
  CLI::App* apply = retention->add_subcommand(
      "apply", "Erase everything that is due today, leaving tombstones");
  apply->add_flag("--dry-run", a->dry_run, "Say what would go; change nothing");
  apply->add_flag("--json", a->json, "Print JSON");
  apply->callback([&ctx, a] {
    kluis::v1::RetentionApplyRequest req;
    req.set_dry_run(a->dry_run);
    kluis::v1::ErasureResponse resp;
    grpc::Status s = kluis::v1::Retention::NewStub(ctx.Channel())
                         ->Apply(LongCall().get(), req, &resp);
    if (ShowText(ctx, s, resp, a->json)) PrintErasure(resp);
  });

  CLI::App* erased = retention->add_subcommand(
      "erased", "What was erased, when, and on which rule (tombstones)");
  erased->add_flag("--json", a->json, "Print JSON");
  erased->callback([&ctx, a] {
    kluis::v1::ErasedResponse resp;
    grpc::Status s = kluis::v1::Retention::NewStub(ctx.Channel())
                         ->Erased(Call().get(), {}, &resp);
    if (!ShowText(ctx, s, resp, a->json)) return;
    std::printf("erased: %d\n", resp.tombstones_size());
    for (const kluis::v1::Tombstone& t : resp.tombstones()) {
      const std::string what =
          t.record_id().empty()
              ? t.dossier_kind() + " dossier " + ShortId(t.dossier_id())
              : "record " + ShortId(t.record_id());
      std::printf("  %s  %s  closed %s\n    rule: %s\n",
                  t.erased_date().c_str(), what.c_str(),
                  t.closing_date().empty() ? "-" : t.closing_date().c_str(),
                  t.rule().c_str());
    }
  });

  CLI::App* invoices = retention->add_subcommand(
      "invoices", "Invoice data kept after its dossier was erased");
  invoices->add_option("--year", a->year, "Only this fiscal year");
  invoices->add_flag("--json", a->json, "Print JSON");
  invoices->callback([&ctx, a] {
    kluis::v1::KeptInvoicesRequest req;
    req.set_fiscal_year(a->year);
    kluis::v1::KeptInvoicesResponse resp;
    grpc::Status s = kluis::v1::Retention::NewStub(ctx.Channel())
                         ->KeptInvoices(Call().get(), req, &resp);
    if (!ShowText(ctx, s, resp, a->json)) return;
    std::printf("kept invoices: %d\n", resp.invoices_size());
    for (const kluis::v1::KeptInvoice& k : resp.invoices()) {
      std::printf("  %s  %s  %s  %s, %s  (kept until %s)\n",
                  k.invoice().number().c_str(), k.invoice().date().c_str(),
                  client::FormatEuros(k.invoice().amount_cents()).c_str(),
                  k.addressee().c_str(), k.address().c_str(),
                  k.keep_until().c_str());
    }
  });
}

}  // namespace kluis::cli
