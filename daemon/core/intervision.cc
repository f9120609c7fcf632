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
#include "absl/time/civil_time.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/reflection.h"

namespace kluis::core {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using kluis::v1::Record;

namespace {

// Fields whose value identifies someone, with the placeholder that takes
// its place; a person's name by the message that holds it.
std::string PlaceholderFor(const FieldDescriptor* f) {
  static const auto* fields = new std::map<std::string, std::string>{
      {"email", "[e-mail]"},        {"contact_email", "[e-mail]"},
      {"phone", "[phone]"},         {"contact_phone", "[phone]"},
      {"address", "[address]"},     {"postcode", "[postcode]"},
      {"city", "[place]"},          {"place", "[place]"},
      {"iban", "[iban]"},           {"reference", "[number]"},
      {"number", "[number]"},       {"group", "[group]"},
      {"commissioner", "[person]"}, {"contact_person", "[person]"},
      {"recipient", "[recipient]"}, {"subject", "[subject]"},
  };
  if (f->name() == "name") {
    const std::string& holder = f->containing_type()->name();
    if (holder == "Client") return "[client]";
    if (holder == "Guardian") return "[guardian]";
    if (holder == "Reporter") return "[reporter]";
    if (holder == "Accused") return "[accused]";
    if (holder == "Child") return "[child]";
    return "[person]";
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

void Collect(const Message& m, std::map<std::string, std::string>* known) {
  const google::protobuf::Reflection* r = m.GetReflection();
  std::vector<const FieldDescriptor*> fields;
  r->ListFields(m, &fields);
  for (const FieldDescriptor* f : fields) {
    if (f->type() == FieldDescriptor::TYPE_MESSAGE) {
      if (f->is_repeated()) {
        for (int i = 0; i < r->FieldSize(m, f); ++i) {
          Collect(r->GetRepeatedMessage(m, f, i), known);
        }
      } else {
        Collect(r->GetMessage(m, f), known);
      }
      continue;
    }
    if (f->type() != FieldDescriptor::TYPE_STRING || f->is_repeated()) continue;
    const std::string placeholder = PlaceholderFor(f);
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

std::string ReplacePatterns(std::string text) {
  static const auto* patterns =
      new std::vector<std::pair<std::regex, const char*>>{
          {std::regex(R"([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})"),
           "[e-mail]"},
          {std::regex(R"(\b[A-Z]{2}[0-9]{2} ?[A-Z]{4}(?: ?[0-9]{2,4}){2,5}\b)"),
           "[iban]"},
          {std::regex(R"(\b\d{4}-\d{1,2}-\d{1,2}\b)"), "[date]"},
          {std::regex(R"(\b\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}\b)"), "[date]"},
          {std::regex(
               R"(\b\d{1,2} (januari|februari|maart|april|mei|juni|juli|)"
               R"(augustus|september|oktober|november|december|january|)"
               R"(february|march|may|june|july|august|october)\b)",
               std::regex::icase),
           "[date]"},
          {std::regex(R"(\b\d{4} ?[A-Z]{2}\b)"), "[postcode]"},
          {std::regex(R"(\+?\d(?:[ .-]?\d){4,})"), "[number]"},
          {std::regex(R"(\b(?:19|20)\d{2}\b)"), "[year]"},
      };
  for (const auto& [re, placeholder] : *patterns) {
    text = std::regex_replace(text, re, placeholder);
  }
  return text;
}

// CASE_RELATION_PARENT_STAFF → "parent staff".
std::string RelationName(kluis::v1::CaseRelation r) {
  std::string name = kluis::v1::CaseRelation_Name(r);
  const std::string prefix = "CASE_RELATION_";
  if (name.rfind(prefix, 0) == 0) name = name.substr(prefix.size());
  std::replace(name.begin(), name.end(), '_', ' ');
  return absl::AsciiStrToLower(name);
}

std::optional<absl::CivilDay> Day(const std::string& date) {
  absl::CivilDay d;
  if (date.size() != 10 || !absl::ParseCivilTime(date, &d)) return std::nullopt;
  return d;
}

std::string AgeBand(const std::string& birth, const std::string& today) {
  std::optional<absl::CivilDay> b = Day(birth), t = Day(today);
  if (!b || !t) return "age unknown";
  int age = static_cast<int>(t->year() - b->year());
  if (t->month() < b->month() ||
      (t->month() == b->month() && t->day() < b->day())) {
    --age;
  }
  if (age < 12) return "a child under 12";
  if (age < 18) return "a minor of 12–17";
  if (age < 30) return "an adult of 18–29";
  if (age >= 60) return "an adult of 60 or older";
  const int decade = age / 10 * 10;
  return absl::StrCat("an adult of ", decade, "–", decade + 9);
}

std::string ChildAge(uint32_t age) {
  if (age == 0) return "age not given";
  if (age <= 3) return "under 4";
  if (age <= 12) return "primary school age";
  if (age <= 17) return "secondary school age";
  return "a young adult";
}

std::string Months(const std::string& from, const std::string& to,
                   const std::string& today) {
  std::optional<absl::CivilDay> a = Day(from), b = Day(to.empty() ? today : to);
  if (!a || !b) return "unknown";
  const int64_t months = (*b - *a) / 30;
  const std::string len = months < 1
                              ? "less than a month"
                              : absl::StrCat("about ", months, " months");
  return to.empty() ? absl::StrCat(len, " so far") : len;
}

}  // namespace

std::string Scrub(absl::string_view text,
                  const std::map<std::string, std::string>& known) {
  return ReplacePatterns(ReplaceKnown(std::string(text), known));
}

std::string IntervisionSummary(
    const Record& head, const std::vector<Record>& records,
    const std::map<std::string, std::string>& organisations,
    const std::string& today) {
  std::map<std::string, std::string> known;
  Collect(head, &known);
  for (const Record& r : records) Collect(r, &known);
  for (const auto& [id, name] : organisations) {
    if (name.size() >= 2) known.emplace(name, "[organisation]");
  }
  auto s = [&](const std::string& t) { return Scrub(t, known); };
  std::string out =
      "# Intervision summary (anonymised)\n\n"
      "Names, contact data, organisations, numbers and dates that kluis knows "
      "of are replaced; ages are bands and periods are lengths. Read the "
      "text before you share it: kluis cannot know every name written in "
      "it.\n\n";
  std::map<std::string, int> left_out;
  int session = 0, note = 0;
  std::string body;
  if (head.has_client()) {
    const kluis::v1::Client& c = head.client();
    absl::StrAppend(&out, "## Client\n\n- ",
                    c.birth_date().empty() ? "age not given"
                                           : AgeBand(c.birth_date(), today),
                    "\n");
    if (c.guardians_size() > 0) {
      absl::StrAppend(&out, "- guardians involved: ", c.guardians_size(), "\n");
    }
  } else if (head.has_adviser_case()) {
    const kluis::v1::AdviserCase& k = head.adviser_case();
    absl::StrAppend(&out, "## Confidential-adviser case\n\n");
    if (k.categories_size() > 0) {
      absl::StrAppend(
          &out, "- nature: ", s(absl::StrJoin(k.categories(), ", ")), "\n");
    }
    if (k.relation() != kluis::v1::CASE_RELATION_UNSPECIFIED) {
      absl::StrAppend(&out, "- relation: ", RelationName(k.relation()), "\n");
    }
    if (!k.reporter().role().empty()) {
      absl::StrAppend(&out, "- reported by: ", s(k.reporter().role()), "\n");
    }
    for (const kluis::v1::Accused& a : k.accused()) {
      absl::StrAppend(&out, "- concerns: ", s(a.role()), "\n");
    }
    for (const kluis::v1::Child& c : k.children()) {
      absl::StrAppend(&out, "- a child of ", ChildAge(c.age()), "\n");
    }
    absl::StrAppend(&out, "- duration: ",
                    Months(k.opened_date(), k.closed_date(), today), "\n");
    if (!k.outcome().empty()) {
      absl::StrAppend(&out, "\n### Outcome\n\n", s(k.outcome()), "\n");
    }
    if (!k.advice().empty()) {
      absl::StrAppend(&out, "\n### Advice\n\n", s(k.advice()), "\n");
    }
  }
  int contacts = 0;
  for (const Record& r : records) {
    switch (r.body_case()) {
      case Record::kAgreement: {
        const kluis::v1::Agreement& a = r.agreement();
        absl::StrAppend(&body, "\n## Agreement\n\n- length: ",
                        Months(a.start_date(), a.end_date(), today), "\n",
                        "- question: ", s(a.question()), "\n");
        if (!a.background().empty()) {
          absl::StrAppend(&body, "- background: ", s(a.background()), "\n");
        }
        if (!a.goals().empty()) {
          absl::StrAppend(&body, "- goals: ", s(a.goals()), "\n");
        }
        break;
      }
      case Record::kSessionReport:
        absl::StrAppend(&body, "\n## Session ", ++session, "\n\n",
                        s(r.session_report().text()), "\n");
        break;
      case Record::kNote:
        if (r.note().working()) {
          ++left_out["working notes (the practitioner's own memory aid)"];
        } else {
          absl::StrAppend(&body, "\n## Note ", ++note, "\n\n",
                          s(r.note().text()), "\n");
        }
        break;
      case Record::kEarlierTrajectory:
        absl::StrAppend(&body, "\n## Earlier trajectory\n\n- ",
                        s(r.earlier_trajectory().form()), ": ",
                        s(r.earlier_trajectory().result()), "\n");
        break;
      case Record::kContactMoment:
        ++contacts;
        if (!r.contact_moment().summary().empty()) {
          absl::StrAppend(&body, "\n## Contact ", contacts, "\n\n",
                          s(r.contact_moment().summary()), "\n");
        }
        break;
      case Record::kHealth:
        ++left_out["health information (special category)"];
        break;
      case Record::kPersonalMoment:
        ++left_out["personal moments"];
        break;
      case Record::kInvoice:
        ++left_out["invoices"];
        break;
      case Record::kCorrespondence:
        ++left_out["e-mails"];
        break;
      case Record::kAppointment:
        ++left_out["appointments"];
        break;
      case Record::kAttachment:
        ++left_out["attachments"];
        break;
      case Record::kCommission:
        ++left_out["the commissioning organisation"];
        break;
      default:
        ++left_out["other records (consents, disclosures)"];
    }
  }
  absl::StrAppend(&out, body);
  if (!left_out.empty()) {
    absl::StrAppend(&out, "\n## Left out\n\n");
    for (const auto& [what, n] : left_out) {
      absl::StrAppend(&out, "- ", what, ": ", n, "\n");
    }
  }
  return out;
}

}  // namespace kluis::core
