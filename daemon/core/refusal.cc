#include "daemon/core/refusal.h"

#include <utility>

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"

namespace kluis::core {
namespace {

using kluis::v1::Refusal;

std::string MessageOf(const Refusal& r) {
  std::string out;
  for (const kluis::v1::Problem& p : r.problems()) {
    if (!out.empty()) out += "; ";
    out +=
        p.field().empty() ? p.text() : absl::StrCat(p.field(), ": ", p.text());
  }
  return out;
}

absl::Status WithRefusal(absl::StatusCode code, const Refusal& r) {
  absl::Status status(code, MessageOf(r));
  status.SetPayload(kRefusalPayload, absl::Cord(r.SerializeAsString()));
  return status;
}

absl::Status One(absl::StatusCode code, Refusal::Kind kind,
                 absl::string_view field, absl::string_view rule,
                 absl::string_view text) {
  Problems p;
  p.Add(field, rule, text);
  return p.ToStatus(code, kind);
}

}  // namespace

void Problems::Add(absl::string_view field, absl::string_view rule,
                   absl::string_view text, uint64_t limit,
                   std::vector<std::string> allowed) {
  kluis::v1::Problem* p = refusal_.add_problems();
  p->set_field(std::string(field));
  p->set_rule(std::string(rule));
  p->set_text(std::string(text));
  p->set_limit(limit);
  for (std::string& a : allowed) p->add_allowed(std::move(a));
}

void Problems::Merge(const absl::Status& status) {
  if (status.ok()) return;
  if (std::optional<Refusal> r = RefusalOf(status)) {
    for (const kluis::v1::Problem& p : r->problems()) {
      *refusal_.add_problems() = p;
    }
    return;
  }
  Add("", "", status.message());
}

absl::Status Problems::ToStatus(absl::StatusCode code,
                                Refusal::Kind kind) const {
  if (empty()) return absl::OkStatus();
  Refusal r = refusal_;
  r.set_kind(kind);
  return WithRefusal(code, r);
}

absl::Status InvalidField(absl::string_view field, absl::string_view rule,
                          absl::string_view text, uint64_t limit,
                          std::vector<std::string> allowed) {
  Problems p;
  p.Add(field, rule, text, limit, std::move(allowed));
  return p.ToStatus();
}

absl::Status RuleRefusal(absl::string_view field, absl::string_view rule,
                         absl::string_view text) {
  return One(absl::StatusCode::kFailedPrecondition, Refusal::KIND_RULE, field,
             rule, text);
}

absl::Status ChangedSinceRead(absl::string_view field, absl::string_view text) {
  return One(absl::StatusCode::kFailedPrecondition, Refusal::KIND_CONFLICT,
             field, rule::kChanged, text);
}

absl::Status LockedError() {
  return One(absl::StatusCode::kFailedPrecondition, Refusal::KIND_LOCKED, "",
             rule::kLocked, N_("vault is locked: run kluis unlock"));
}

absl::Status NoVaultError() {
  return One(absl::StatusCode::kFailedPrecondition, Refusal::KIND_NO_VAULT, "",
             rule::kNoVault, N_("vault is not initialised: run kluis init"));
}

std::optional<Refusal> RefusalOf(const absl::Status& status) {
  auto payload = status.GetPayload(kRefusalPayload);
  if (!payload.has_value()) return std::nullopt;
  Refusal r;
  if (!r.ParseFromString(std::string(*payload))) return std::nullopt;
  return r;
}

}  // namespace kluis::core
