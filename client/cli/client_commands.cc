// kluis client add | show | list | update
#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/time_util.h>

#include <cstdio>
#include <fstream>
#include <optional>

#include "client/cli/cli_context.h"
#include "client/common/connection.h"
#include "kluis/v1/vault.grpc.pb.h"

namespace kluis::cli {
namespace {

struct ClientFlags {
  std::optional<std::string> name, email, phone, birth_date, address, postcode,
      city;
  std::string reason;
  bool json = false;
  std::string dossier;
  std::string query;
  uint32_t limit = 0;
};

void AddClientFields(CLI::App* cmd, ClientFlags& f) {
  cmd->add_option("--name", f.name, "Full name");
  cmd->add_option("--email", f.email, "E-mail address");
  cmd->add_option("--phone", f.phone, "Phone number");
  cmd->add_option("--birth-date", f.birth_date, "Birth date, YYYY-MM-DD");
  cmd->add_option("--address", f.address, "Street and number");
  cmd->add_option("--postcode", f.postcode, "Postcode, 1234 AB");
  cmd->add_option("--city", f.city, "City");
  cmd->add_option("--reason", f.reason,
                  "Why this change is made (kept with it)");
}

void Apply(const ClientFlags& f, kluis::v1::Client* c) {
  if (f.name) c->set_name(*f.name);
  if (f.email) c->set_email(*f.email);
  if (f.phone) c->set_phone(*f.phone);
  if (f.birth_date) c->set_birth_date(*f.birth_date);
  if (f.address) c->set_address(*f.address);
  if (f.postcode) c->set_postcode(*f.postcode);
  if (f.city) c->set_city(*f.city);
}

void PrintField(const char* label, const std::string& value) {
  if (!value.empty()) std::printf("  %-11s %s\n", label, value.c_str());
}

std::string FirstLine(const std::string& text, size_t max) {
  std::string line = text.substr(0, text.find('\n'));
  if (line.size() > max) line = line.substr(0, max) + "…";
  return line;
}

void PrintDossier(const kluis::v1::GetDossierResponse& d) {
  const kluis::v1::Client& c = d.client().client();
  std::printf("Dossier %s\n", d.client().dossier_id().c_str());
  PrintField("Name", c.name());
  PrintField("Birth date", c.birth_date());
  PrintField("Address", c.address());
  PrintField("Postcode", c.postcode());
  PrintField("City", c.city());
  PrintField("E-mail", c.email());
  PrintField("Phone", c.phone());
  std::printf("Notes (%d)\n", d.records_size());
  for (const kluis::v1::Record& r : d.records()) {
    if (!r.has_note()) continue;
    std::printf("  %s  %s%s\n", r.note().date().c_str(),
                r.note().is_private() ? "[private] " : "",
                FirstLine(r.note().text(), 70).c_str());
  }
}

// One ImportDossier per line, as proto3 JSON; batches of 1000 per request.
int Import(Context& ctx, const std::string& path, const std::string& reason) {
  std::ifstream in(path);
  if (!in) {
    std::fprintf(stderr, "kluis: error: import file: cannot open\n");
    return client::kExitInvalid;
  }
  auto stub = kluis::v1::Dossiers::NewStub(ctx.Channel());
  kluis::v1::ImportDossiersRequest req;
  req.set_reason(reason);
  size_t line_no = 0, imported = 0;
  std::string line;
  auto flush = [&]() -> int {
    if (req.dossiers_size() == 0) return 0;
    kluis::v1::ImportDossiersResponse resp;
    grpc::Status s = stub->ImportDossiers(Call().get(), req, &resp);
    if (!s.ok()) return Report(s);
    for (const std::string& id : resp.dossier_ids())
      std::printf("%s\n", id.c_str());
    imported += static_cast<size_t>(resp.dossier_ids_size());
    req.clear_dossiers();
    return 0;
  };
  while (std::getline(in, line)) {
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    if (!google::protobuf::util::JsonStringToMessage(line, req.add_dossiers())
             .ok()) {
      // Never echo the line: it holds personal data.
      std::fprintf(
          stderr,
          "kluis: error: import file line %zu: not an ImportDossier JSON "
          "object (nothing from this batch was imported)\n",
          line_no);
      return client::kExitInvalid;
    }
    if (req.dossiers_size() == 1000) {
      if (int rc = flush(); rc != 0) return rc;
    }
  }
  if (int rc = flush(); rc != 0) return rc;
  std::fprintf(stderr, "kluis: imported %zu dossiers\n", imported);
  return 0;
}

}  // namespace

void AddClientCommands(CLI::App& app, Context& ctx) {
  auto f = std::make_shared<ClientFlags>();
  CLI::App* client = app.add_subcommand("client", "Clients and their dossiers");
  client->require_subcommand(1);

  CLI::App* add = client->add_subcommand("add", "Add a client (a new dossier)");
  AddClientFields(add, *f);
  add->get_option("--name")->required();
  add->callback([&ctx, f] {
    kluis::v1::CreateDossierRequest req;
    Apply(*f, req.mutable_client());
    req.set_reason(f->reason);
    kluis::v1::CreateDossierResponse resp;
    grpc::Status s = kluis::v1::Dossiers::NewStub(ctx.Channel())
                         ->CreateDossier(Call().get(), req, &resp);
    ctx.exit_code = Report(s);
    if (s.ok()) std::printf("%s\n", resp.dossier_id().c_str());
  });

  CLI::App* show = client->add_subcommand("show", "Show a client's dossier");
  show->add_option("dossier", f->dossier, "Dossier id")->required();
  show->add_flag("--json", f->json, "Print JSON");
  show->callback([&ctx, f] {
    kluis::v1::GetDossierRequest req;
    req.set_dossier_id(f->dossier);
    kluis::v1::GetDossierResponse resp;
    grpc::Status s = kluis::v1::Dossiers::NewStub(ctx.Channel())
                         ->GetDossier(Call().get(), req, &resp);
    ctx.exit_code = Report(s);
    if (!s.ok()) return;
    if (f->json) {
      PrintJson(resp);
    } else {
      PrintDossier(resp);
    }
  });

  CLI::App* list = client->add_subcommand("list", "List or search clients");
  list->add_option("query", f->query, "Part of a name (empty: all)");
  list->add_option("--limit", f->limit, "At most this many");
  list->add_flag("--json", f->json, "Print JSON");
  list->callback([&ctx, f] {
    kluis::v1::ListDossiersRequest req;
    req.set_query(f->query);
    req.set_limit(f->limit);
    kluis::v1::ListDossiersResponse resp;
    grpc::Status s = kluis::v1::Dossiers::NewStub(ctx.Channel())
                         ->ListDossiers(Call().get(), req, &resp);
    ctx.exit_code = Report(s);
    if (!s.ok()) return;
    if (f->json) {
      PrintJson(resp);
      return;
    }
    for (const kluis::v1::DossierSummary& d : resp.dossiers()) {
      std::printf("%s  %-40s %4u records  %s\n", d.dossier_id().c_str(),
                  d.name().c_str(), d.records(),
                  d.updated().substr(0, 10).c_str());
    }
  });

  CLI::App* import = client->add_subcommand(
      "import",
      "Import clients from a JSON-lines file (one ImportDossier each)");
  import->add_option("file", f->dossier, "The file")->required();
  import->add_option("--reason", f->reason, "Why (kept with every record)");
  import->callback([&ctx, f] { ctx.exit_code = Import(ctx, f->dossier, f->reason);
});

CLI::App* update =
    client->add_subcommand("update", "Change a client's details");
update->add_option("dossier", f->dossier, "Dossier id")->required();
AddClientFields(update, *f);
update->callback([&ctx, f] {
  auto dossiers = kluis::v1::Dossiers::NewStub(ctx.Channel());
  kluis::v1::GetDossierRequest get;
  get.set_dossier_id(f->dossier);
  kluis::v1::GetDossierResponse current;
  grpc::Status s = dossiers->GetDossier(Call().get(), get, &current);
  if (!s.ok()) {
    ctx.exit_code = Report(s);
    return;
  }
  kluis::v1::UpdateRecordRequest req;
  req.set_dossier_id(f->dossier);
  *req.mutable_record() = current.client();
  Apply(*f, req.mutable_record()->mutable_client());
  // Refused if someone else changed the client in between.
  req.set_expected_updated(
      google::protobuf::util::TimeUtil::ToString(current.client().updated()));
  req.set_reason(f->reason);
  kluis::v1::Record updated;
  s = kluis::v1::Records::NewStub(ctx.Channel())
          ->UpdateRecord(Call().get(), req, &updated);
  ctx.exit_code = Report(s);
});
}  // namespace kluis::cli

}  // namespace kluis::cli
