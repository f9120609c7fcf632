#include "daemon/core/intervision.h"

#include <algorithm>
#include <optional>
#include <regex>
#include <set>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/substitute.h"
#include "absl/time/civil_time.h"
#include "daemon/core/record_labels.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/reflection.h"

namespace kluis::core {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using kluis::v1::Record;

namespace {

// Fields whose value identifies someone, with the placeholder that takes
// its place; a person's name by the message that holds it.
const char* PlaceholderText(const FieldDescriptor* f);

std::string PlaceholderFor(const FieldDescriptor* f,
                           const i18n::Translator& t) {
  return t.Tr(PlaceholderText(f));
}

const char* PlaceholderText(const FieldDescriptor* f) {
  static const auto* fields = new std::map<std::string, const char*>{
      {"email", N_("[e-mail]")},        {"contact_email", N_("[e-mail]")},
      {"phone", N_("[phone]")},         {"contact_phone", N_("[phone]")},
      {"address", N_("[address]")},     {"postcode", N_("[postcode]")},
      {"city", N_("[place]")},          {"place", N_("[place]")},
      {"iban", N_("[iban]")},           {"reference", N_("[number]")},
      {"number", N_("[number]")},       {"group", N_("[group]")},
      {"commissioner", N_("[person]")}, {"contact_person", N_("[person]")},
      {"recipient", N_("[recipient]")}, {"subject", N_("[subject]")},
  };
  if (f->name() == "name") {
    const std::string& holder = f->containing_type()->name();
    if (holder == "Client") return N_("[client]");
    if (holder == "Guardian") return N_("[guardian]");
    if (holder == "Reporter") return N_("[reporter]");
    if (holder == "Accused") return N_("[accused]");
    if (holder == "Child") return N_("[child]");
    return N_("[person]");
  }
  auto it = fields->find(f->name());
  return it == fields->end() ? "" : it->second;
}

bool IsNameParticle(const std::string& lower) {
  static const auto* particles = new std::set<std::string>{
      "van", "de", "der", "den", "het",   "ter", "ten",
      "von", "la", "le",  "mr.", "mevr.", "dhr."};
  return particles->count(lower) > 0;
}

void Collect(const Message& m, const i18n::Translator& t,
             std::map<std::string, std::string>* known) {
  const google::protobuf::Reflection* r = m.GetReflection();
  std::vector<const FieldDescriptor*> fields;
  r->ListFields(m, &fields);
  for (const FieldDescriptor* f : fields) {
    if (f->type() == FieldDescriptor::TYPE_MESSAGE) {
      if (f->is_repeated()) {
        for (int i = 0; i < r->FieldSize(m, f); ++i) {
          Collect(r->GetRepeatedMessage(m, f, i), t, known);
        }
      } else {
        Collect(r->GetMessage(m, f), t, known);
      }
      continue;
    }
    if (f->type() != FieldDescriptor::TYPE_STRING || f->is_repeated()) continue;
    const std::string placeholder = PlaceholderFor(f, t);
    const std::string value(absl::StripAsciiWhitespace(r->GetString(m, f)));
    if (placeholder.empty() || value.size() < 2) continue;
    known->emplace(value, placeholder);
    if (f->name() != "name" && f->name() != "commissioner" &&
        f->name() != "contact_person" && f->name() != "recipient") {
      continue;
    }
    // Each part of a name on its own: "Joris" and "Timmer" of "Joris Timmer".
    for (absl::string_view part :
         absl::StrSplit(value, ' ', absl::SkipEmpty())) {
      const std::string p(part);
      if (p.size() >= 3 && !IsNameParticle(absl::AsciiStrToLower(p))) {
        known->emplace(p, placeholder);
      }
    }
  }
}

bool IsWordChar(char c) {
  return absl::ascii_isalnum(static_cast<unsigned char>(c)) ||
         (static_cast<unsigned char>(c) & 0x80) != 0;
}

std::string ReplaceKnown(std::string text,
                         const std::map<std::string, std::string>& known) {
  std::vector<std::pair<std::string, std::string>> byLength(known.begin(),
                                                            known.end());
  std::sort(byLength.begin(), byLength.end(), [](const auto& a, const auto& b) {
    return a.first.size() > b.first.size();
  });
  for (const auto& [value, placeholder] : byLength) {
    const std::string needle = absl::AsciiStrToLower(value);
    std::string lower = absl::AsciiStrToLower(text);
    size_t at = 0;
    while ((at = lower.find(needle, at)) != std::string::npos) {
      const size_t end = at + needle.size();
      const bool whole = (at == 0 || !IsWordChar(lower[at - 1])) &&
                         (end == lower.size() || !IsWordChar(lower[end]));
      if (!whole) {
        at = end;
        continue;
      }
      text.replace(at, needle.size(), placeholder);
      lower.replace(at, needle.size(), placeholder);
      at += placeholder.size();
    }
  }
  return text;
}

std::string ReplacePatterns(std::string text, const i18n::Translator& t) {
  static const auto* patterns =
      new std::vector<std::pair<std::regex, const char*>>{
          {std::regex(R"([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})"),
           N_("[e-mail]")},
          {std::regex(R"(\b[A-Z]{2}[0-9]{2} ?[A-Z]{4}(?: ?[0-9]{2,4}){2,5}\b)"),
           N_("[iban]")},
          {std::regex(R"(\b\d{4}-\d{1,2}-\d{1,2}\b)"), N_("[date]")},
          {std::regex(R"(\b\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}\b)"), N_("[date]")},
          {std::regex(
               R"(\b\d{1,2} (januari|februari|maart|april|mei|juni|juli|)"
               R"(augustus|september|oktober|november|december|january|)"
               R"(february|march|may|june|july|august|october)\b)",
               std::regex::icase),
           N_("[date]")},
          {std::regex(R"(\b\d{4} ?[A-Z]{2}\b)"), N_("[postcode]")},
          {std::regex(R"(\+?\d(?:[ .-]?\d){4,})"), N_("[number]")},
          {std::regex(R"(\b(?:19|20)\d{2}\b)"), N_("[year]")},
      };
  for (const auto& [re, placeholder] : *patterns) {
    text = std::regex_replace(text, re, t.Tr(placeholder));
  }
  return text;
}

std::optional<absl::CivilDay> Day(const std::string& date) {
  absl::CivilDay d;
  if (date.size() != 10 || !absl::ParseCivilTime(date, &d)) return std::nullopt;
  return d;
}

std::string AgeBand(const std::string& birth, const std::string& today,
                    const i18n::Translator& t) {
  std::optional<absl::CivilDay> b = Day(birth), now = Day(today);
  if (!b || !now) return t.Tr("age unknown");
  int age = static_cast<int>(now->year() - b->year());
  if (now->month() < b->month() ||
      (now->month() == b->month() && now->day() < b->day())) {
    --age;
  }
  if (age < 12) return t.Tr("a child under 12");
  if (age < 18) return t.Tr("a minor of 12–17");
  if (age < 30) return t.Tr("an adult of 18–29");
  if (age >= 60) return t.Tr("an adult of 60 or older");
  const int decade = age / 10 * 10;
  return absl::Substitute(t.Tr("an adult of $0–$1"), decade, decade + 9);
}

std::string ChildAge(uint32_t age, const i18n::Translator& t) {
  if (age == 0) return t.Tr("age not given");
  if (age <= 3) return t.Tr("under 4");
  if (age <= 12) return t.Tr("primary school age");
  if (age <= 17) return t.Tr("secondary school age");
  return t.Tr("a young adult");
}

std::string Months(const std::string& from, const std::string& to,
                   const std::string& today, const i18n::Translator& t) {
  std::optional<absl::CivilDay> a = Day(from), b = Day(to.empty() ? today : to);
  if (!a || !b) return t.Tr("unknown");
  const int64_t months = (*b - *a) / 30;
  const std::string len =
      months < 1 ? t.Tr("less than a month")
                 : absl::Substitute(t.TrN("about $0 month", "about $0 months",
                                          static_cast<uint64_t>(months)),
                                    months);
  return to.empty() ? absl::Substitute(t.Tr("$0 so far"), len) : len;
}

}  // namespace

std::string Scrub(absl::string_view text,
                  const std::map<std::string, std::string>& known,
                  const i18n::Translator& t) {
  return ReplacePatterns(ReplaceKnown(std::string(text), known), t);
}

std::string IntervisionSummary(
    const Record& head, const std::vector<Record>& records,
    const std::map<std::string, std::string>& organisations,
    const std::string& today, const i18n::Translator& t) {
  std::map<std::string, std::string> known;
  Collect(head, t, &known);
  for (const Record& r : records) Collect(r, t, &known);
  for (const auto& [id, name] : organisations) {
    if (name.size() >= 2) known.emplace(name, t.Tr("[organisation]"));
  }
  auto s = [&](const std::string& text) { return Scrub(text, known, t); };
  // "- label: value" lines of the Markdown.
  auto item = [&](std::string* to, const char* label, const std::string& v) {
    absl::StrAppend(to, "- ", t.Tr(label), ": ", v, "\n");
  };
  std::string out = absl::StrCat(
      "# ", t.Tr("Intervision summary (anonymised)"), "\n\n",
      t.Tr("Names, contact data, organisations, numbers and dates that kluis "
           "knows of are replaced; ages are bands and periods are lengths. "
           "Read the text before you share it: kluis cannot know every name "
           "written in it."),
      "\n\n");
  std::map<std::string, int> left_out;
  int session = 0, note = 0;
  std::string body;
  if (head.has_client()) {
    const kluis::v1::Client& c = head.client();
    absl::StrAppend(&out, "## ", t.Tr("Client"), "\n\n- ",
                    c.birth_date().empty() ? t.Tr("age not given")
                                           : AgeBand(c.birth_date(), today, t),
                    "\n");
    if (c.guardians_size() > 0) {
      item(&out, N_("guardians involved"), absl::StrCat(c.guardians_size()));
    }
  } else if (head.has_adviser_case()) {
    const kluis::v1::AdviserCase& k = head.adviser_case();
    absl::StrAppend(&out, "## ", t.Tr("Confidential-adviser case"), "\n\n");
    if (k.categories_size() > 0) {
      item(&out, N_("nature"), s(absl::StrJoin(k.categories(), ", ")));
    }
    if (k.relation() != kluis::v1::CASE_RELATION_UNSPECIFIED) {
      item(&out, N_("relation"),
           EnumLabel(kluis::v1::CaseRelation_descriptor()->FindValueByNumber(
                         k.relation()),
                     t));
    }
    if (!k.reporter().role().empty()) {
      item(&out, N_("reported by"), s(k.reporter().role()));
    }
    for (const kluis::v1::Accused& a : k.accused()) {
      item(&out, N_("concerns"), s(a.role()));
    }
    for (const kluis::v1::Child& c : k.children()) {
      absl::StrAppend(
          &out, "- ",
          absl::Substitute(t.Tr("a child of $0"), ChildAge(c.age(), t)), "\n");
    }
    item(&out, N_("duration"),
         Months(k.opened_date(), k.closed_date(), today, t));
    if (!k.outcome().empty()) {
      absl::StrAppend(&out, "\n### ", t.Tr("Outcome"), "\n\n", s(k.outcome()),
                      "\n");
    }
    if (!k.advice().empty()) {
      absl::StrAppend(&out, "\n### ", t.Tr("Advice"), "\n\n", s(k.advice()),
                      "\n");
    }
  }
  int contacts = 0;
  for (const Record& r : records) {
    switch (r.body_case()) {
      case Record::kAgreement: {
        const kluis::v1::Agreement& a = r.agreement();
        absl::StrAppend(&body, "\n## ", t.Tr("Agreement"), "\n\n");
        item(&body, N_("length"),
             Months(a.start_date(), a.end_date(), today, t));
        item(&body, N_("question"), s(a.question()));
        if (!a.background().empty()) {
          item(&body, N_("background"), s(a.background()));
        }
        if (!a.goals().empty()) item(&body, N_("goals"), s(a.goals()));
        break;
      }
      case Record::kSessionReport:
        absl::StrAppend(&body, "\n## ",
                        absl::Substitute(t.Tr("Session $0"), ++session), "\n\n",
                        s(r.session_report().text()), "\n");
        break;
      case Record::kNote:
        if (r.note().working()) {
          ++left_out[t.Tr("working notes (the practitioner's own memory aid)")];
        } else {
          absl::StrAppend(&body, "\n## ",
                          absl::Substitute(t.Tr("Note $0"), ++note), "\n\n",
                          s(r.note().text()), "\n");
        }
        break;
      case Record::kEarlierTrajectory:
        absl::StrAppend(&body, "\n## ", t.Tr("Earlier trajectory"), "\n\n- ",
                        s(r.earlier_trajectory().form()), ": ",
                        s(r.earlier_trajectory().result()), "\n");
        break;
      case Record::kContactMoment:
        ++contacts;
        if (!r.contact_moment().summary().empty()) {
          absl::StrAppend(&body, "\n## ",
                          absl::Substitute(t.Tr("Contact $0"), contacts),
                          "\n\n", s(r.contact_moment().summary()), "\n");
        }
        break;
      case Record::kHealth:
        ++left_out[t.Tr("health information (special category)")];
        break;
      case Record::kPersonalMoment:
        ++left_out[t.Tr("personal moments")];
        break;
      case Record::kInvoice:
        ++left_out[t.Tr("invoices")];
        break;
      case Record::kCorrespondence:
        ++left_out[t.Tr("e-mails")];
        break;
      case Record::kAppointment:
        ++left_out[t.Tr("appointments")];
        break;
      case Record::kAttachment:
        ++left_out[t.Tr("attachments")];
        break;
      case Record::kCommission:
        ++left_out[t.Tr("the commissioning organisation")];
        break;
      default:
        ++left_out[t.Tr("other records (consents, disclosures)")];
    }
  }
  absl::StrAppend(&out, body);
  if (!left_out.empty()) {
    absl::StrAppend(&out, "\n## ", t.Tr("Left out"), "\n\n");
    for (const auto& [what, n] : left_out) {
      absl::StrAppend(&out, "- ", what, ": ", n, "\n");
    }
  }
  return out;
}

}  // namespace kluis::core
