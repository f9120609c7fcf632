// kluis retention report [--as-of DATE] [--json]: what must be erased now
// and in the coming 30 and 90 days, each with its rule, legal basis and
// dates. Ids only, so the report can be kept with the practice's papers.
#include <cstdio>
#include <string>

#include "client/cli/cli_context.h"
#include "client/common/connection.h"
#include "kluis/v1/retention.grpc.pb.h"

namespace kluis::cli {
namespace {

const char* KindName(kluis::v1::RetentionItemKind k) {
  switch (k) {
    case kluis::v1::RETENTION_ITEM_KIND_COACHING_DOSSIER:
      return "coaching dossier";
    case kluis::v1::RETENTION_ITEM_KIND_CASE_DOSSIER:
      return "case dossier";
    case kluis::v1::RETENTION_ITEM_KIND_WORKING_NOTE:
      return "working note";
    case kluis::v1::RETENTION_ITEM_KIND_CORRESPONDENCE:
      return "e-mail";
    case kluis::v1::RETENTION_ITEM_KIND_PROCESSOR_COPY:
      return "copy at a processor, disclosure";
    case kluis::v1::RETENTION_ITEM_KIND_INVOICES:
      return "kept invoices";
    default:
      return "item";
  }
}

void PrintItems(
    const char* heading,
    const google::protobuf::RepeatedPtrField<kluis::v1::RetentionItem>& items) {
  std::printf("%s: %d\n", heading, items.size());
  for (const kluis::v1::RetentionItem& i : items) {
    std::printf("  %s %s%s%s\n", KindName(i.kind()),
                ShortId(i.dossier_id()).c_str(),
                i.record_id().empty() ? "" : " record ",
                ShortId(i.record_id()).c_str());
    std::printf("    due %s (%s from %s)\n", i.due_date().c_str(),
                i.rule().c_str(), i.reference_date().c_str());
    std::printf("    basis: %s\n", i.legal_basis().c_str());
  }
}

}  // namespace

void AddRetentionCommands(CLI::App& app, Context& ctx) {
  struct Args {
    std::string as_of;
    bool json = false;
  };
  auto a = std::make_shared<Args>();
  CLI::App* retention = app.add_subcommand(
      "retention", "Retention terms: what is due for erasure, and why");
  retention->require_subcommand(1);
  CLI::App* report = retention->add_subcommand(
      "report", "What is due now and in the next 30 and 90 days");
  report->add_option("--as-of", a->as_of,
                     "As on this day (YYYY-MM-DD) instead of today");
  report->add_flag("--json", a->json, "Print JSON");
  report->callback([&ctx, a] {
    if (!ResolveDayArg(ctx, "as-of", &a->as_of)) return;
    kluis::v1::RetentionReportRequest req;
    req.set_as_of(a->as_of);
    kluis::v1::RetentionReportResponse resp;
    grpc::Status s = kluis::v1::Retention::NewStub(ctx.Channel())
                         ->Report(Call().get(), req, &resp);
    if (!ShowText(ctx, s, resp, a->json)) return;
    std::printf("retention as of %s\n", resp.as_of().c_str());
    PrintItems("due now", resp.due());
    PrintItems("due within 30 days", resp.next_30());
    PrintItems("due within 90 days", resp.next_90());
  });
}

}  // namespace kluis::cli
