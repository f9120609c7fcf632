// Vault::InvoicePdf: an invoice record as a PDF for the party billed, kept
// in its dossier as an attachment (one per invoice and language; a new
// version of it each time) and journalled as a document that left the
// vault.
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "daemon/core/ids.h"
#include "daemon/core/invoice_document.h"
#include "daemon/core/record_codec.h"
#include "daemon/core/vault.h"

namespace kluis::core {
namespace {

using kluis::v1::Record;

constexpr char kPdfType[] = "application/pdf";

InvoiceAddressee FromOrganisation(const kluis::v1::Organisation& o) {
  return {
      "organisation", o.name(), o.contact_person(), o.address(), o.postcode(),
      o.city(),       ""};
}

InvoiceAddressee FromClient(const kluis::v1::Client& c) {
  return {"client", c.name(), "", c.address(), c.postcode(), c.city(), ""};
}

// The organisation billed: the invoice's own, else the one of the
// dossier's newest commission, else an adviser case's. "" for the client.
std::string BilledOrganisation(const DossierView& view,
                               const kluis::v1::Invoice& invoice,
                               const kluis::v1::Commission** commission) {
  std::string org = invoice.organisation_id();
  for (const Record& r : view.records) {  // oldest first: the newest wins
    if (r.has_commission() &&
        (org.empty() || r.commission().organisation_id() == org)) {
      *commission = &r.commission();
    }
  }
  if (!org.empty()) return org;
  if (*commission != nullptr) return (*commission)->organisation_id();
  if (view.head.has_adviser_case()) {
    return view.head.adviser_case().organisation_id();
  }
  return "";
}

// The attachment that kept an earlier PDF of this invoice, if any.
std::string EarlierPdf(const DossierView& view, const std::string& name) {
  for (const Record& r : view.records) {
    if (r.has_attachment() && r.attachment().name() == name &&
        r.attachment().media_type() == kPdfType) {
      return r.id();
    }
  }
  return "";
}

}  // namespace

absl::StatusOr<kluis::v1::InvoicePdfResponse> Vault::InvoicePdf(
    absl::string_view dossier_id, absl::string_view invoice_id,
    absl::string_view lang) {
  absl::StatusOr<Store*> store = Ready();
  if (!store.ok()) return store.status();
  if (absl::Status s = CheckId("invoice_id", invoice_id); !s.ok()) return s;
  absl::StatusOr<i18n::Translator> words = i18n::Translator::For(lang);
  if (!words.ok()) return words.status();
  absl::StatusOr<DossierView> view = GetDossier(dossier_id);
  if (!view.ok()) return view.status();
  auto found = std::find_if(
      view->records.begin(), view->records.end(),
      [&](const Record& r) { return r.id() == invoice_id && r.has_invoice(); });
  if (found == view->records.end()) {
    return absl::NotFoundError("invoice_id: no such invoice in this dossier");
  }
  InvoiceInputs in;
  in.lang = std::string(lang);
  in.invoice = found->invoice();
  {
    absl::MutexLock lock(&profile_mu_);
    if (profile_.has_value()) in.practice = profile_->practice_profile();
  }
  const kluis::v1::Commission* commission = nullptr;
  const std::string org = BilledOrganisation(*view, in.invoice, &commission);
  if (!org.empty()) {
    absl::StatusOr<Record> o = GetRecord("", org);
    if (!o.ok() || !o->has_organisation()) {
      return absl::NotFoundError(
          "invoice.organisation_id: no such organisation");
    }
    in.addressee = FromOrganisation(o->organisation());
    if (commission != nullptr) {
      if (!commission->contact_person().empty()) {
        in.addressee.attention = commission->contact_person();
      }
      in.addressee.reference = commission->reference();
    }
  } else {
    in.addressee = FromClient(view->head.client());
  }
  absl::StatusOr<Document> doc = InvoiceDocument(in);
  if (!doc.ok()) return doc.status();
  kluis::v1::InvoicePdfResponse out;
  out.mutable_document()->set_format("pdf");
  absl::StatusOr<std::string> pdf = doc->Pdf();
  if (!pdf.ok()) return pdf.status();

  // The content, sealed to the dossier key before the write lock, as an
  // upload is.
  const std::string& dossier = view->entry.id;
  absl::StatusOr<std::unique_ptr<BlobWriter>> blob = (*store)->NewBlob();
  if (!blob.ok()) return blob.status();
  absl::StatusOr<std::unique_ptr<ContentSealer>> sealer =
      keys_->NewSealer(dossier, blob->get());
  if (!sealer.ok()) return sealer.status();
  absl::Status s = (*sealer)->Write(*pdf);
  if (!s.ok()) return s;
  absl::StatusOr<ContentDigest> digest = (*sealer)->Finish();
  if (!digest.ok()) return digest.status();
  absl::StatusOr<std::string> blob_id = (*blob)->Finish();
  if (!blob_id.ok()) return blob_id.status();

  const std::string name = InvoiceFileName(in.invoice.number(), *words);
  const std::string earlier = EarlierPdf(*view, name);
  constexpr absl::string_view kReason = "kluis invoice pdf";
  Record record;
  {
    absl::MutexLock lock(&write_mu_);
    if (absl::Status ready = Ready().status(); !ready.ok()) return ready;
    absl::StatusOr<Place> place = Locate(dossier);
    if (!place.ok()) return place.status();
    const absl::Time now = clock_->Now();
    absl::StatusOr<Record> old = absl::NotFoundError("no earlier pdf");
    if (!earlier.empty()) {
      old = ReadRecord(*store, place->key_id, place->Path(earlier));
    }
    if (!old.ok() && !absl::IsNotFound(old.status())) return old.status();
    const bool update = old.ok() && old->has_attachment();
    if (update) {  // a new version of the same attachment
      record = std::move(*old);
      const absl::Time prev = FromProtoTime(record.updated());
      *record.mutable_updated() =
          ToProtoTime(std::max(now, prev + absl::Microseconds(1)));
      record.set_reason(std::string(kReason));
    } else {
      kluis::v1::Attachment* a = record.mutable_attachment();
      a->set_name(name);
      a->set_media_type(kPdfType);
      a->set_description(InvoiceTitle(in.invoice.number(), *words));
      Stamp(&record, NewId(), dossier, now, kReason);
    }
    record.mutable_attachment()->set_size(digest->size);
    record.mutable_attachment()->set_sha256(digest->sha256);
    s = NormalizeAndValidate(&record);
    if (!s.ok()) return s;
    absl::StatusOr<std::string> sealed = SealRecord(place->key_id, record);
    if (!sealed.ok()) return sealed.status();
    absl::StatusOr<std::string> commit = (*store)->Commit(
        {{place->Path(record.id()), std::move(*sealed)},
         {AttachmentDataPath(dossier, record.id()), std::nullopt, *blob_id}},
        absl::StrCat(place->Label(), ": invoice pdf ", record.id()));
    if (!commit.ok()) return commit.status();
    Reindex(*place, &record, std::nullopt, update ? 0 : +1, now);
  }
  // Handed out only once journalled; the attachment stands either way.
  s = Journal(*store, "export", dossier, "ok",
              absl::StrCat("invoice pdf, attachment ", record.id()));
  if (!s.ok()) return Journalled(s);
  out.mutable_document()->set_text(std::move(*pdf));
  out.set_attachment_id(record.id());
  return out;
}

}  // namespace kluis::core
