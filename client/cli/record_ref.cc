// kluis takes a record the way a person points at it: its number in the
// list she looked at, or the first characters of its id; an organisation
// also by its name. A version is the start of its commit id (7 or more
// characters, as git takes them) or a day: the last version at the end of
// that day, local time. The lists come from the daemon's list RPCs: all
// resolution happens here, in the client.
#include <google/protobuf/util/time_util.h>

#include <algorithm>
#include <cstdio>
#include <tuple>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "client/cli/cli_context.h"
#include "client/cli/record_view.h"
#include "client/common/connection.h"
#include "client/common/dutch_date.h"
#include "client/common/local_time.h"
#include "kluis/v1/vault.grpc.pb.h"

namespace kluis::cli {
namespace {

using kluis::v1::Record;

bool IsHex(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return absl::ascii_isxdigit(static_cast<unsigned char>(c));
  });
}

bool IsDigits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return absl::ascii_isdigit(static_cast<unsigned char>(c));
  });
}

bool Fail(Context& ctx, int code, const std::string& message) {
  std::fprintf(stderr, "kluis: error: %s\n", message.c_str());
  ctx.exit_code = code;
  return false;
}

// A candidate: a listed record (position > 0) or one that only history
// knows (a deleted record; position 0).
struct Candidate {
  std::string id;
  int position = 0;
  const Record* record = nullptr;
};

std::string Describe(const Candidate& c) {
  if (c.record == nullptr) {
    return absl::StrCat("  -   ", ShortId(c.id), "  (deleted; in history)");
  }
  return absl::StrCat(
      "  ", c.position, std::string(c.position < 10 ? 3 : 2, ' '),
      ShortId(c.id), "  ", KindLabel(*c.record), ", ",
      client::LocalTimeOfSeconds(c.record->created().seconds()));
}

}  // namespace

namespace {

grpc::Status ListQuietly(Context& ctx, const std::string& dossier_id,
                         kluis::v1::RecordKind kind, std::vector<Record>* out) {
  kluis::v1::ListRecordsRequest req;
  req.set_dossier_id(dossier_id);
  req.set_kind(kind);
  kluis::v1::ListRecordsResponse resp;
  grpc::Status s = kluis::v1::Records::NewStub(ctx.Channel())
                       ->ListRecords(Call().get(), req, &resp);
  out->clear();
  if (!s.ok()) return s;
  for (const Record& r : resp.records()) {
    // The head is the dossier itself: it has no number of its own.
    if (!dossier_id.empty() && (r.has_client() || r.has_adviser_case())) {
      continue;
    }
    out->push_back(r);
  }
  InListOrder(out);
  return grpc::Status::OK;
}

}  // namespace

bool ListInOrder(Context& ctx, const std::string& dossier_id,
                 kluis::v1::RecordKind kind, std::vector<Record>* out) {
  grpc::Status s = ListQuietly(ctx, dossier_id, kind, out);
  if (!s.ok()) ctx.exit_code = Report(s);
  return s.ok();
}

namespace {

std::string NameKey(const std::string& s) {
  return absl::AsciiStrToLower(absl::StripAsciiWhitespace(s));
}

// The kind a link field points at, and whether it lives in the dossier.
struct LinkTarget {
  const char* field;
  kluis::v1::RecordKind kind;
  bool in_dossier;
};
constexpr LinkTarget kLinks[] = {
    {"organisation_id", kluis::v1::RECORD_KIND_ORGANISATION, false},
    {"processor_id", kluis::v1::RECORD_KIND_PROCESSOR, false},
    {"consent_id", kluis::v1::RECORD_KIND_CONSENT, true},
    {"attachment_ids", kluis::v1::RECORD_KIND_ATTACHMENT, true},
};

bool IsWholeId(const std::string& s) { return s.size() == 32 && IsHex(s); }

// Records only history still knows (deleted ones), as candidates without a
// number.
void AddHistoryOnly(Context& ctx, const std::string& dossier_id,
                    std::vector<Candidate>* all) {
  kluis::v1::ListVersionsRequest req;
  req.set_dossier_id(dossier_id);
  kluis::v1::ListVersionsResponse resp;
  if (!kluis::v1::History::NewStub(ctx.Channel())
           ->ListVersions(Call().get(), req, &resp)
           .ok()) {
    return;  // the listed records still resolve
  }
  for (const kluis::v1::Version& v : resp.versions()) {
    if (std::none_of(all->begin(), all->end(), [&](const Candidate& c) {
          return c.id == v.record_id();
        })) {
      all->push_back({v.record_id(), 0, nullptr});
    }
  }
}

}  // namespace

std::string ShortId(const std::string& id) { return id.substr(0, 8); }

std::map<std::string, std::string> OrganisationNamesOf(Context& ctx) {
  kluis::v1::ListRecordsRequest req;
  req.set_kind(kluis::v1::RECORD_KIND_ORGANISATION);
  kluis::v1::ListRecordsResponse resp;
  std::map<std::string, std::string> names;
  if (kluis::v1::Records::NewStub(ctx.Channel())
          ->ListRecords(Call().get(), req, &resp)
          .ok()) {
    for (const Record& r : resp.records()) {
      names[r.id()] = r.organisation().name();
    }
  }
  return names;
}

void InListOrder(std::vector<Record>* records) {
  std::stable_sort(
      records->begin(), records->end(), [](const Record& a, const Record& b) {
        return std::make_tuple(a.created().seconds(), a.created().nanos(),
                               a.id()) < std::make_tuple(b.created().seconds(),
                                                         b.created().nanos(),
                                                         b.id());
      });
}

bool ResolveRecordArg(Context& ctx, const std::string& dossier_id,
                      const RecordScope& scope, std::string* ref) {
  const std::string typed(absl::StripAsciiWhitespace(*ref));
  const std::string lower = absl::AsciiStrToLower(typed);
  std::vector<Record> records;
  // A deleted dossier lists nothing, but its history still names records.
  grpc::Status listed = ListQuietly(ctx, dossier_id, scope.kind, &records);
  if (!listed.ok() && !(scope.with_history &&
                        listed.error_code() == grpc::StatusCode::NOT_FOUND)) {
    ctx.exit_code = Report(listed);
    return false;
  }
  const char* hint = scope.kind == kluis::v1::RECORD_KIND_UNSPECIFIED
                         ? "kluis client show (or case show) numbers them"
                         : "its list command numbers them";
  std::vector<Candidate> all;
  for (size_t i = 0; i < records.size(); ++i) {
    all.push_back({records[i].id(), static_cast<int>(i + 1), &records[i]});
  }
  if (scope.with_history && !dossier_id.empty() && IsHex(typed)) {
    AddHistoryOnly(ctx, dossier_id, &all);
  }
  std::vector<Candidate> hits;
  if (typed.size() >= 4 && IsHex(typed)) {
    for (const Candidate& c : all) {
      if (absl::StartsWith(c.id, lower)) hits.push_back(c);
    }
  }
  if (hits.empty() && IsDigits(typed) && typed.size() <= 6) {
    const int n = std::stoi(typed);
    if (n >= 1 && n <= static_cast<int>(records.size())) {
      *ref = records[n - 1].id();
      return true;
    }
    return Fail(ctx, client::kExitNotFound,
                absl::StrCat("record: there is no number ", n, " in the list (",
                             records.size(), " there; ", hint, ")"));
  }
  // An organisation is also known by its name: a whole name wins.
  if (hits.empty() && scope.kind == kluis::v1::RECORD_KIND_ORGANISATION) {
    for (const Candidate& c : all) {
      const std::string name = NameKey(c.record->organisation().name());
      if (name == NameKey(typed)) {
        hits = {c};
        break;
      }
      if (absl::StrContains(name, NameKey(typed))) hits.push_back(c);
    }
  }
  // The head record is the dossier itself, named as the dossier was.
  if (hits.empty() && !dossier_id.empty() &&
      scope.kind == kluis::v1::RECORD_KIND_UNSPECIFIED &&
      (typed == ctx.dossier_as_typed ||
       (typed.size() >= 4 && IsHex(typed) &&
        absl::StartsWith(dossier_id, lower)))) {
    kluis::v1::GetDossierRequest req;
    req.set_dossier_id(dossier_id);
    kluis::v1::GetDossierResponse d;
    grpc::Status s = kluis::v1::Dossiers::NewStub(ctx.Channel())
                         ->GetDossier(Call().get(), req, &d);
    if (s.ok()) {
      *ref = d.client().id();
      return true;
    }
  }
  if (hits.size() == 1) {
    *ref = hits[0].id;
    return true;
  }
  if (hits.empty()) {
    if ((!IsHex(typed) || typed.size() < 4) &&
        scope.kind != kluis::v1::RECORD_KIND_ORGANISATION) {
      return Fail(ctx, client::kExitInvalid,
                  absl::StrCat("record: give its number in the list or at "
                               "least 4 characters of its id (",
                               hint, ")"));
    }
    return Fail(
        ctx, client::kExitNotFound,
        absl::StrCat("record: none has that number, name or id (", hint, ")"));
  }
  std::fprintf(stderr,
               "kluis: error: record: %zu records match; give more of the id, "
               "or the number:\n",
               hits.size());
  for (const Candidate& c : hits) {
    std::fprintf(stderr, "%s\n", Describe(c).c_str());
  }
  ctx.exit_code = client::kExitInvalid;
  return false;
}
bool ResolveVersionArg(Context& ctx, const char* field, std::string* ref) {
  const std::string typed(absl::StripAsciiWhitespace(*ref));
  const std::string lower = absl::AsciiStrToLower(typed);
  if (typed.size() == 40 && IsHex(typed)) {
    *ref = lower;
    return true;
  }
  const bool is_prefix = typed.size() >= 7 && IsHex(typed);
  absl::StatusOr<std::string> day = client::ParseDutchDate(typed);
  if (!is_prefix && !day.ok()) {
    if (typed.size() >= 4 && typed.size() < 7 && IsHex(typed)) {
      return Fail(ctx, client::kExitInvalid,
                  absl::StrCat(field,
                               ": give at least 7 characters of a version "
                               "(kluis history lists them), or a day"));
    }
    const std::string why(day.status().message());
    return Fail(ctx, client::kExitInvalid,
                why != client::kDateNotADate
                    ? absl::StrCat(field, ": ", why)
                    : absl::StrCat(field,
                                   ": give a version (7 or more characters "
                                   "from kluis history) or a day as ",
                                   client::kDateForms));
  }
  kluis::v1::ListVersionsRequest req;
  req.set_all(true);
  kluis::v1::ListVersionsResponse resp;
  grpc::Status s = kluis::v1::History::NewStub(ctx.Channel())
                       ->ListVersions(Call().get(), req, &resp);
  if (!s.ok()) {
    ctx.exit_code = Report(s);
    return false;
  }
  if (is_prefix) {
    std::vector<const kluis::v1::Version*> hits;
    for (const kluis::v1::Version& v : resp.versions()) {
      if (absl::StartsWith(v.version(), lower)) hits.push_back(&v);
    }
    if (hits.size() == 1) {
      *ref = hits[0]->version();
      return true;
    }
    if (hits.empty() && !day.ok()) {
      return Fail(ctx, client::kExitNotFound,
                  absl::StrCat(field,
                               ": no version starts so (kluis history "
                               "lists them)"));
    }
    if (hits.size() > 1) {
      std::fprintf(stderr,
                   "kluis: error: %s: %zu versions start so; give more of "
                   "it:\n",
                   field, hits.size());
      for (const kluis::v1::Version* v : hits) {
        std::fprintf(stderr, "  %s  %s\n", v->version().substr(0, 12).c_str(),
                     client::LocalTime(v->time()).c_str());
      }
      ctx.exit_code = client::kExitInvalid;
      return false;
    }
  }
  // A day: the newest version made before that day ended, local time.
  const absl::Time end = client::EndOfLocalDay(*day);
  for (const kluis::v1::Version& v : resp.versions()) {  // newest first
    absl::StatusOr<absl::Time> t = client::ParseRfc3339(v.time());
    if (t.ok() && *t <= end) {
      *ref = v.version();
      return true;
    }
  }
  return Fail(ctx, client::kExitNotFound,
              absl::StrCat(field,
                           ": the vault has no version from that day "
                           "or before"));
}

bool ResolveLinks(Context& ctx, const std::string& dossier_id,
                  google::protobuf::Message* body) {
  const google::protobuf::Reflection* r = body->GetReflection();
  const google::protobuf::Descriptor* d = body->GetDescriptor();
  auto resolve = [&](const std::string& owner, kluis::v1::RecordKind kind,
                     std::string* value) {
    if (value->empty() || IsWholeId(*value)) return true;
    return ResolveRecordArg(ctx, owner, {kind, false}, value);
  };
  for (const LinkTarget& link : kLinks) {
    const google::protobuf::FieldDescriptor* f = d->FindFieldByName(link.field);
    if (f == nullptr) continue;
    const std::string owner = link.in_dossier ? dossier_id : "";
    if (f->is_repeated()) {
      for (int i = 0; i < r->FieldSize(*body, f); ++i) {
        std::string v = r->GetRepeatedString(*body, f, i);
        if (!resolve(owner, link.kind, &v)) return false;
        r->SetRepeatedString(body, f, i, v);
      }
    } else {
      std::string v = r->GetString(*body, f);
      if (!resolve(owner, link.kind, &v)) return false;
      r->SetString(body, f, v);
    }
  }
  // A subject request names its dossier like any command does.
  if (const google::protobuf::FieldDescriptor* f =
          d->FindFieldByName("dossier_id")) {
    std::string v = r->GetString(*body, f);
    if (!v.empty() && !IsWholeId(v)) {
      if (!ResolveDossierArg(ctx, &v)) return false;
      r->SetString(body, f, v);
    }
  }
  return true;
}

bool ResolveDayArg(Context& ctx, const char* field, std::string* day) {
  if (day->empty()) return true;
  absl::StatusOr<std::string> iso = client::ParseDutchDate(*day);
  if (!iso.ok()) {
    return Fail(ctx, client::kExitInvalid,
                absl::StrCat(field, ": ", iso.status().message()));
  }
  *day = *iso;
  return true;
}

}  // namespace kluis::cli
