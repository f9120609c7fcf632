// kluis takes a dossier the way a person names it: the client's name (or a
// case reporter's), accents and case ignored, or the first characters of
// its id. The daemon finds the candidates; several are listed for the
// person to choose from, and nothing is done.
#include <cstdio>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "client/cli/cli_context.h"
#include "client/common/connection.h"
#include "kluis/v1/vault.grpc.pb.h"

namespace kluis::cli {

bool ResolveDossierArg(Context& ctx, std::string* ref) {
  kluis::v1::ResolveDossierRequest req;
  req.set_ref(*ref);
  kluis::v1::ResolveDossierResponse resp;
  grpc::Status s = kluis::v1::Dossiers::NewStub(ctx.Channel())
                       ->ResolveDossier(Call().get(), req, &resp);
  if (!s.ok()) {
    ctx.exit_code = Report(s);
    return false;
  }
  if (resp.matches_size() == 1) {
    *ref = resp.matches(0).dossier_id();
    return true;
  }
  if (resp.matches_size() == 0) {
    std::fprintf(stderr,
                 "kluis: error: dossier: no dossier has that name or id "
                 "(kluis search lists them)\n");
    ctx.exit_code = client::kExitNotFound;
    return false;
  }
  std::fprintf(stderr,
               "kluis: error: dossier: %d dossiers match; name one of them "
               "more fully, or by the start of its id:\n",
               resp.matches_size());
  for (const kluis::v1::DossierSummary& d : resp.matches()) {
    std::string where = d.city();
    if (where.empty()) where = absl::StrJoin(d.organisations(), ", ");
    std::fprintf(stderr, "  %-8s  %s%s\n", d.dossier_id().substr(0, 8).c_str(),
                 d.name().c_str(),
                 where.empty() ? "" : absl::StrCat(" (", where, ")").c_str());
  }
  ctx.exit_code = client::kExitInvalid;
  return false;
}

CLI::Option* AddDossierArg(CLI::App* cmd, Context& ctx, std::string* dest) {
  return cmd
      ->add_option("dossier", *dest,
                   "The dossier: the client's (or a case reporter's) name, "
                   "or the first 4 or more characters of its id")
      ->transform(
          [&ctx](std::string ref) {
            ctx.dossier_as_typed = ref;
            if (!ResolveDossierArg(ctx, &ref)) {
              throw CLI::RuntimeError(ctx.exit_code);
            }
            return ref;
          },
          "NAME|ID", "dossier");
}

}  // namespace kluis::cli
