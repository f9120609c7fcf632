// kluis client import FILE.jsonl: one ImportDossier (proto3 JSON) per
// line, sent in batches; each batch is all or nothing. Dates may be day
// first (12-05-1988), as everywhere a person types one.
#include <google/protobuf/util/json_util.h>

#include <cstdio>
#include <fstream>

#include "client/cli/cli_context.h"
#include "client/cli/record_fields.h"
#include "client/common/connection.h"
#include "kluis/v1/vault.grpc.pb.h"

namespace kluis::cli {

// One ImportDossier per line, as proto3 JSON; batches of 1000 per request.
int ImportJsonLines(Context& ctx, const std::string& path,
                    const std::string& reason) {
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
    kluis::v1::ImportDossier* last =
        req.mutable_dossiers(req.dossiers_size() - 1);
    if (absl::Status s = NormalizeDates(last, ""); !s.ok()) {
      // The field and the rule, never the date.
      std::fprintf(stderr,
                   "kluis: error: import file line %zu: %s (nothing from this "
                   "batch was imported)\n",
                   line_no, std::string(s.message()).c_str());
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

}  // namespace kluis::cli
