#include "client/cli/record_view.h"

#include <cstdio>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "client/cli/cli_context.h"
#include "client/cli/record_fields.h"
#include "client/common/local_time.h"
#include "client/common/money.h"
#include "kluis/v1/rules.pb.h"

namespace kluis::cli {

using google::protobuf::FieldDescriptor;
using kluis::v1::Record;

namespace {

const FieldDescriptor* BodyField(const Record& record) {
  return record.GetReflection()->GetOneofFieldDescriptor(
      record, Record::descriptor()->FindOneofByName("body"));
}

bool IsIdField(const FieldDescriptor* f) {
  return f->cpp_type() == FieldDescriptor::CPPTYPE_STRING &&
         f->options().GetExtension(kluis::v1::rule).format() ==
             kluis::v1::FORMAT_ID;
}

std::string Shown(const std::string& id, const OrganisationNames* names) {
  if (names != nullptr) {
    auto it = names->find(id);
    if (it != names->end()) return it->second;
  }
  return ShortId(id);
}

}  // namespace

std::unique_ptr<google::protobuf::Message> ForDisplay(
    const google::protobuf::Message& body, const OrganisationNames* names) {
  std::unique_ptr<google::protobuf::Message> copy(body.New());
  copy->CopyFrom(body);
  const google::protobuf::Reflection* r = copy->GetReflection();
  std::vector<const FieldDescriptor*> fields;
  r->ListFields(*copy, &fields);
  for (const FieldDescriptor* f : fields) {
    if (!IsIdField(f)) continue;
    if (f->is_repeated()) {
      for (int i = 0; i < r->FieldSize(*copy, f); ++i) {
        r->SetRepeatedString(copy.get(), f, i,
                             Shown(r->GetRepeatedString(*copy, f, i), names));
      }
    } else {
      r->SetString(copy.get(), f, Shown(r->GetString(*copy, f), names));
    }
  }
  return copy;
}

const google::protobuf::Message* BodyOf(const Record& record) {
  const FieldDescriptor* f = BodyField(record);
  return f == nullptr ? nullptr
                      : &record.GetReflection()->GetMessage(record, f);
}

google::protobuf::Message* MutableBody(Record* record,
                                       const std::string& field) {
  const FieldDescriptor* f = Record::descriptor()->FindFieldByName(field);
  return record->GetReflection()->MutableMessage(record, f);
}

std::string KindLabel(const Record& record) {
  const FieldDescriptor* f = BodyField(record);
  return f == nullptr ? "record" : absl::StrReplaceAll(f->name(), {{"_", " "}});
}

std::string SummaryLine(const Record& record, const OrganisationNames* names) {
  std::string line =
      absl::StrCat(ShortId(record.id()), "  ", KindLabel(record));
  const google::protobuf::Message* original = BodyOf(record);
  if (original == nullptr) return line;
  std::unique_ptr<google::protobuf::Message> copy =
      ForDisplay(*original, names);
  const google::protobuf::Message* body = copy.get();
  std::vector<const FieldDescriptor*> fields;
  body->GetReflection()->ListFields(*body, &fields);
  int shown = 0;
  for (const FieldDescriptor* f : fields) {
    if (shown == 3) break;
    if (f->is_repeated() || f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      continue;
    }
    std::string v;
    if (f->cpp_type() == FieldDescriptor::CPPTYPE_STRING) {
      v = body->GetReflection()->GetString(*body, f);
    } else if (f->cpp_type() == FieldDescriptor::CPPTYPE_BOOL) {
      v = body->GetReflection()->GetBool(*body, f) ? f->name() : "";
    } else if (f->cpp_type() == FieldDescriptor::CPPTYPE_ENUM) {
      v = ShortEnumName(body->GetReflection()->GetEnum(*body, f));
    } else if (IsEuros(f)) {
      v = client::FormatEuros(body->GetReflection()->GetInt64(*body, f));
    } else {
      continue;
    }
    v = v.substr(0, v.find('\n'));
    if (v.size() > 48) v = v.substr(0, 47) + "…";
    if (v.empty()) continue;
    absl::StrAppend(&line, "  ", v);
    ++shown;
  }
  return line;
}

void PrintBody(const google::protobuf::Message& body,
               const OrganisationNames* names) {
  std::unique_ptr<google::protobuf::Message> shown = ForDisplay(body, names);
  // A linked organisation by its name, under a name a person reads.
  const FieldDescriptor* org =
      body.GetDescriptor()->FindFieldByName("organisation_id");
  if (org != nullptr && names != nullptr &&
      names->count(body.GetReflection()->GetString(body, org)) > 0) {
    std::printf("  %-22s %s\n", "organisation:",
                shown->GetReflection()->GetString(*shown, org).c_str());
    shown->GetReflection()->ClearField(shown.get(), org);
  }
  PrintMessage(*shown, 2);
}

std::string OrganisationLine(const Record& record) {
  const kluis::v1::Organisation& o = record.organisation();
  auto or_dash = [](const std::string& v) { return v.empty() ? "-" : v; };
  std::string type = "-";
  if (o.type() != kluis::v1::ORGANISATION_TYPE_UNSPECIFIED) {
    type = ShortEnumName(
        kluis::v1::OrganisationType_descriptor()->FindValueByNumber(o.type()));
  }
  return absl::StrFormat("%s  %-32s %-8s %-24s %s", ShortId(record.id()),
                         o.name(), type, or_dash(o.contact_person()),
                         or_dash(o.city()));
}

void PrintRecord(const Record& record, const OrganisationNames* names) {
  std::printf("%s %s\n", KindLabel(record).c_str(),
              ShortId(record.id()).c_str());
  if (const google::protobuf::Message* body = BodyOf(record)) {
    PrintBody(*body, names);
  }
  if (record.has_health()) {
    std::printf("  %-22s %s\n",
                "special category:", "yes: health data (GDPR art. 9)");
  }
  std::printf("  %-22s %s\n", "created:",
              client::LocalTimeOfSeconds(record.created().seconds()).c_str());
  std::printf("  %-22s %s\n", "updated:",
              client::LocalTimeOfSeconds(record.updated().seconds()).c_str());
  if (!record.reason().empty()) {
    std::printf("  %-22s %s\n", "reason:", record.reason().c_str());
  }
}

}  // namespace kluis::cli
