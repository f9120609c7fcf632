// Vault exports for people: the anonymised intervision summary, and the
// client's access and portability package.
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "daemon/core/access_export.h"
#include "daemon/core/intervision.h"
#include "daemon/core/tar.h"
#include "daemon/core/vault.h"
#include "google/protobuf/util/json_util.h"

namespace kluis::core {

absl::StatusOr<std::string> Vault::IntervisionExport(
    absl::string_view dossier_id, const i18n::Translator& t) {
  absl::StatusOr<Store*> store = Ready();
  if (!store.ok()) return store.status();
  absl::StatusOr<DossierView> view = GetDossier(dossier_id);
  if (!view.ok()) return view.status();
  const std::map<std::string, std::string> organisations =
      OrganisationNames(view->entry);
  std::string out =
      IntervisionSummary(view->head, view->records, organisations, Today(), t);
  // Handed out only once the export is journalled.
  absl::Status journalled = Journal(*store, "export", view->entry.id, "ok",
                                    "anonymised intervision summary");
  if (!journalled.ok()) return journalled;
  return out;
}

std::map<std::string, std::string> Vault::OrganisationNames(
    const DossierEntry& entry) const {
  std::map<std::string, std::string> out;
  for (const std::string& id : entry.organisation_ids) {
    out[id] = OrganisationName(id);
  }
  return out;
}

namespace {

// A file name that stays a file name on every system.
std::string SafeName(const std::string& name) {
  std::string out;
  for (char c : name) {
    out += absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '.' ||
                   c == '-' || c == '_'
               ? c
               : '_';
    if (out.size() == 50) break;
  }
  if (out.empty() || out[0] == '.') out.insert(out.begin(), '_');
  return out;
}

}  // namespace

absl::StatusOr<std::string> Vault::AccessExport(absl::string_view dossier_id,
                                                const i18n::Translator& t) {
  absl::StatusOr<Store*> store = Ready();
  if (!store.ok()) return store.status();
  absl::StatusOr<DossierView> view = GetDossier(dossier_id);
  if (!view.ok()) return view.status();
  const std::string today = Today();
  const std::string dir =
      absl::StrCat("kluis-access-", view->entry.id.substr(0, 8));
  kluis::v1::AccessExport e;
  e.set_schema(kAccessSchemaId);
  e.set_dossier_id(view->entry.id);
  e.set_exported_date(today);
  std::vector<TarFile> files;
  std::vector<kluis::v1::Record> shown;
  kluis::v1::Record head = view->head;
  head.clear_facts();  // derived; would name withheld notes
  *e.add_records() = head;
  for (const kluis::v1::Record& r : view->records) {
    // A working note is the practitioner's memory aid until it expires.
    if (r.has_note() && r.note().working() &&
        (r.note().expires().empty() || r.note().expires() >= today)) {
      e.set_withheld_working_notes(e.withheld_working_notes() + 1);
      continue;
    }
    shown.push_back(r);
    *e.add_records() = r;
    if (!r.has_attachment()) continue;
    absl::StatusOr<AttachmentDownload> a =
        OpenAttachment(view->entry.id, r.id());
    if (!a.ok()) return a.status();
    std::string data;
    char buf[65536];
    for (;;) {
      absl::StatusOr<size_t> n = a->content->Read(buf, sizeof(buf));
      if (!n.ok()) return n.status();
      if (*n == 0) break;
      data.append(buf, *n);
    }
    const std::string path = absl::StrCat("attachments/", r.id().substr(0, 8),
                                          "-", SafeName(r.attachment().name()));
    (*e.mutable_attachment_files())[r.id()] = path;
    files.push_back({absl::StrCat(dir, "/", path), std::move(data)});
  }
  const std::map<std::string, std::string> organisations =
      OrganisationNames(view->entry);
  std::optional<kluis::v1::PracticeProfile> profile;
  {
    absl::MutexLock lock(&profile_mu_);
    if (profile_.has_value()) profile = profile_->practice_profile();
  }
  *e.mutable_information() = AccessInformationFor(
      view->head, shown, profile.has_value() ? &*profile : nullptr,
      RetentionOf(view->entry, Terms()), organisations, t);
  std::string json;
  google::protobuf::util::JsonPrintOptions opts;
  opts.add_whitespace = true;
  if (!google::protobuf::util::MessageToJsonString(e, &json, opts).ok()) {
    return absl::InternalError("export: cannot encode");
  }
  files.insert(
      files.begin(),
      {{absl::StrCat(dir, "/index.html"), AccessHtml(e, organisations, t)},
       {absl::StrCat(dir, "/data.json"), std::move(json)},
       {absl::StrCat(dir, "/schema.json"), AccessSchema()}});
  absl::StatusOr<std::string> tar =
      TarArchive(files, absl::ToUnixSeconds(clock_->Now()));
  for (TarFile& f : files) std::fill(f.data.begin(), f.data.end(), '\0');
  if (!tar.ok()) return tar.status();
  // Handed out only once the export is journalled.
  absl::Status journalled =
      Journal(*store, "export", view->entry.id, "ok",
              "access and portability export (GDPR art. 15, 20)");
  if (!journalled.ok()) {
    std::fill(tar->begin(), tar->end(), '\0');
    return journalled;
  }
  return tar;
}

}  // namespace kluis::core
