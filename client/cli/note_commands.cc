// kluis note add | list
#include <cstdio>
#include <iostream>
#include <iterator>

#include "client/cli/cli_context.h"
#include "client/common/connection.h"
#include "kluis/v1/vault.grpc.pb.h"

namespace kluis::cli {

void AddNoteCommands(CLI::App& app, Context& ctx) {
  struct Args {
    std::string dossier, text, date, reason;
    bool is_private = false, text_given = false, json = false;
  };
  auto a = std::make_shared<Args>();
  CLI::App* note = app.add_subcommand("note", "Notes in a dossier");
  note->require_subcommand(1);

  CLI::App* add =
      note->add_subcommand("add", "Add a note (text from --text or stdin)");
  add->add_option("dossier", a->dossier, "Dossier id")->required();
  add->add_option("--text", a->text, "The note; without it, read from stdin");
  add->add_option("--date", a->date, "YYYY-MM-DD (default today)");
  add->add_flag("--private", a->is_private,
                "A working note: yours only, never in an access export");
  add->add_option("--reason", a->reason, "Why this note is added");
  add->callback([&ctx, a, add] {
    if (add->count("--text") == 0) {
      a->text.assign(std::istreambuf_iterator<char>(std::cin),
                     std::istreambuf_iterator<char>());
    }
    kluis::v1::CreateRecordRequest req;
    req.set_dossier_id(a->dossier);
    kluis::v1::Note* n = req.mutable_record()->mutable_note();
    n->set_text(a->text);
    n->set_date(a->date);
    n->set_is_private(a->is_private);
    req.set_reason(a->reason);
    kluis::v1::CreateRecordResponse resp;
    grpc::Status s = kluis::v1::Records::NewStub(ctx.Channel())
                         ->CreateRecord(Call().get(), req, &resp);
    ctx.exit_code = Report(s);
    if (s.ok()) std::printf("%s\n", resp.record_id().c_str());
  });

  CLI::App* list = note->add_subcommand("list", "List a dossier's notes");
  list->add_option("dossier", a->dossier, "Dossier id")->required();
  list->add_flag("--json", a->json, "Print JSON");
  list->callback([&ctx, a] {
    kluis::v1::ListRecordsRequest req;
    req.set_dossier_id(a->dossier);
    req.set_kind(kluis::v1::RECORD_KIND_NOTE);
    kluis::v1::ListRecordsResponse resp;
    grpc::Status s = kluis::v1::Records::NewStub(ctx.Channel())
                         ->ListRecords(Call().get(), req, &resp);
    ctx.exit_code = Report(s);
    if (!s.ok()) return;
    if (a->json) {
      PrintJson(resp);
      return;
    }
    for (const kluis::v1::Record& r : resp.records()) {
      std::printf("%s  %s%s\n%s\n\n", r.note().date().c_str(), r.id().c_str(),
                  r.note().is_private() ? "  [private]" : "",
                  r.note().text().c_str());
    }
  });
}

}  // namespace kluis::cli
