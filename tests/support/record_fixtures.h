// A valid record of every kind (invented people and organisations), for
// tests that must cover all kinds, plus the walk over every string field
// of a record body. Header-only; links kluis_proto.
#ifndef KLUIS_TESTS_SUPPORT_RECORD_FIXTURES_H_
#define KLUIS_TESTS_SUPPORT_RECORD_FIXTURES_H_

#include <google/protobuf/descriptor.h>
#include <google/protobuf/util/json_util.h>

#include <functional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "kluis/v1/records.pb.h"

namespace kluis::testing {

struct KindFixture {
  const char* field;  // the Record oneof field
  const char* json;   // a valid body; ORG stands for an organisation id
  bool head;          // a dossier's head record
  bool practice;      // lives outside dossiers
};

inline const std::vector<KindFixture>& KindFixtures() {
  static const auto* k = new std::vector<KindFixture>{
      {"client",
       R"({"name":"Fenna de Vries","birthDate":"2011-05-04",
           "address":"Lindelaan 4","postcode":"1234 AB","city":"Utrecht",
           "email":"fenna@example.org","phone":"030-1234567",
           "iban":"NL91ABNA0417164300",
           "guardians":[{"name":"Petra de Vries","role":"GUARDIAN_ROLE_PARENT",
             "email":"petra@example.org","phone":"06-98765432",
             "address":"Lindelaan 4","postcode":"1234 AB","city":"Utrecht"}]})",
       true, false},
      {"adviser_case",
       R"({"organisationId":"ORG","reporter":{"name":"Kees Bakker",
           "phone":"030-7654321","email":"kees@example.org","role":"ouder"},
           "accused":[{"role":"leerkracht","name":"Mr. Jansen"}],
           "children":[{"name":"Ella","age":9,"group":"groep 5"}],
           "categories":["bullying"],"relation":"CASE_RELATION_PARENT_STAFF",
           "openedDate":"2026-01-10","outcome":"Gesprek gevoerd",
           "advice":"Vertrouwenspersoon blijft betrokken"})",
       true, false},
      {"note", R"({"text":"Intake gehad.","date":"2026-01-12"})", false, false},
      {"commission",
       R"({"organisationId":"ORG","commissioner":"Anna Smit",
           "contactPerson":"Bert Kok","contactEmail":"bert@example.org",
           "contactPhone":"020-1234567","reference":"PO-77"})",
       false, false},
      {"agreement",
       R"({"question":"Hoe vind ik rust?","background":"Drukke baan",
           "goals":"Grenzen stellen","startDate":"2026-01-01",
           "endDate":"2026-06-30","retentionYears":5,
           "retentionDeviationReason":"Op verzoek van cliënt",
           "retentionAgreedDate":"2025-12-20"})",
       false, false},
      {"session_report",
       R"({"date":"2026-01-15","text":"Sessie over werkdruk.",
           "durationMinutes":60})",
       false, false},
      {"earlier_trajectory",
       R"({"form":"Loopbaancoaching","period":"2019","goal":"Nieuwe baan",
           "result":"Gevonden"})",
       false, false},
      {"health",
       R"({"currentTreatment":"Huisarts","medication":"Geen",
           "relevance":"Vermoeidheid","recordedDate":"2026-01-15"})",
       false, false},
      {"personal_moment",
       R"({"date":"2026-01-20","text":"Een moment van trots.",
           "sharedDate":"2026-01-21","processorDeletedDate":"2026-02-21"})",
       false, false},
      {"invoice",
       R"({"number":"2026-001","date":"2026-02-01","amountCents":"12100",
           "description":"Twee sessies","organisationId":"ORG",
           "paidDate":"2026-02-15"})",
       false, false},
      {"correspondence",
       R"({"date":"2026-01-05","direction":"DIRECTION_INCOMING",
           "subject":"Vraag over afspraak","body":"Kan het later?",
           "answeredDate":"2026-01-06"})",
       false, false},
      {"appointment",
       R"({"date":"2026-03-01","time":"10:30","durationMinutes":60,
           "place":"Praktijk"})",
       false, false},
      {"contact_moment",
       R"({"date":"2026-01-11","time":"14:00","durationMinutes":30,
           "channel":"CONTACT_CHANNEL_PHONE","summary":"Eerste contact"})",
       false, false},
      {"consent",
       R"({"recipient":"Bedrijfsarts De Wit","purpose":"Terugkoppeling",
           "givenDate":"2026-01-10","withdrawnDate":"2026-06-01"})",
       false, false},
      {"disclosure",
       R"({"to":"DISCLOSURE_RECIPIENT_THIRD_PARTY",
           "recipient":"Jeugdzorg Midden","what":"Zorgmelding",
           "date":"2026-01-12",
           "ground":"DISCLOSURE_GROUND_LEGAL_OBLIGATION",
           "legalGround":"Meldcode huiselijk geweld"})",
       false, false},
      {"organisation",
       R"({"name":"Basisschool De Linde","type":"ORGANISATION_TYPE_SCHOOL",
           "contactPerson":"Anna Smit","email":"info@delinde.example",
           "address":"Schoolstraat 1","postcode":"3511 AA","city":"Utrecht",
           "phone":"030-1112222"})",
       false, true},
      {"subject_request",
       R"({"type":"REQUEST_TYPE_ACCESS","receivedDate":"2026-01-05",
           "extendedDate":"2026-01-20","extensionReason":"Veel stukken",
           "completedDate":"2026-03-01"})",
       false, true},
      {"practice_profile",
       R"({"controllerName":"Praktijk Kompas","address":"Kade 2",
           "postcode":"3511 AB","city":"Utrecht","email":"info@kompas.example",
           "phone":"030-3334444","coachingRetentionYears":7,
           "caseRetentionYears":2})",
       false, true},
  };
  return *k;
}

// The fixture as a Record with only its body set.
inline kluis::v1::Record FixtureRecord(const KindFixture& k,
                                       const std::string& org_id = "") {
  const std::string json =
      absl::StrCat("{\"", k.field, "\":",
                   absl::StrReplaceAll(
                       k.json, {{"\"ORG\"", absl::StrCat("\"", org_id, "\"")}}),
                   "}");
  kluis::v1::Record r;
  google::protobuf::util::JsonParseOptions opts;
  opts.case_insensitive_enum_parsing = false;
  auto s = google::protobuf::util::JsonStringToMessage(json, &r, opts);
  if (!s.ok()) std::abort();  // a broken fixture
  return r;
}

// The body message of `r` (its oneof), which must be set.
inline google::protobuf::Message* MutableBodyOf(kluis::v1::Record* r) {
  const auto* f = r->GetReflection()->GetOneofFieldDescriptor(
      *r, kluis::v1::Record::descriptor()->FindOneofByName("body"));
  return r->GetReflection()->MutableMessage(r, f);
}

// Calls `visit(path, setter)` for every settable string field in `m`,
// recursing into set messages; `path` is "client.guardians[0].email". An
// empty repeated string field gets one element first when `fill` is set.
inline void ForEachStringField(
    google::protobuf::Message* m, const std::string& path,
    const std::function<void(const std::string&,
                             const std::function<void(const std::string&)>&)>&
        visit,
    bool fill = true) {
  using google::protobuf::FieldDescriptor;
  const auto* d = m->GetDescriptor();
  const auto* r = m->GetReflection();
  for (int i = 0; i < d->field_count(); ++i) {
    const FieldDescriptor* f = d->field(i);
    if (f->is_map()) continue;
    const std::string p = absl::StrCat(path, ".", f->name());
    if (f->cpp_type() == FieldDescriptor::CPPTYPE_STRING) {
      if (f->is_repeated()) {
        if (r->FieldSize(*m, f) == 0 && !fill) continue;
        if (r->FieldSize(*m, f) == 0) r->AddString(m, f, "x");
        visit(p + "[0]", [m, r, f](const std::string& v) {
          r->SetRepeatedString(m, f, 0, v);
        });
      } else {
        visit(p, [m, r, f](const std::string& v) { r->SetString(m, f, v); });
      }
    } else if (f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      if (f->is_repeated()) {
        if (r->FieldSize(*m, f) == 0) continue;
        ForEachStringField(r->MutableRepeatedMessage(m, f, 0), p + "[0]", visit,
                           fill);
      } else if (r->HasField(*m, f)) {
        ForEachStringField(r->MutableMessage(m, f), p, visit, fill);
      }
    }
  }
}

}  // namespace kluis::testing

#endif  // KLUIS_TESTS_SUPPORT_RECORD_FIXTURES_H_
