#include "client/cli/record_view.h"

#include <google/protobuf/util/time_util.h>

#include <cstdio>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "client/cli/record_fields.h"
#include "client/common/money.h"

namespace kluis::cli {

using google::protobuf::FieldDescriptor;
using kluis::v1::Record;

namespace {

const FieldDescriptor* BodyField(const Record& record) {
  return record.GetReflection()->GetOneofFieldDescriptor(
      record, Record::descriptor()->FindOneofByName("body"));
}

}  // namespace

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

std::string SummaryLine(const Record& record) {
  std::string line = absl::StrCat(record.id(), "  ", KindLabel(record));
  const google::protobuf::Message* body = BodyOf(record);
  if (body == nullptr) return line;
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

void PrintRecord(const Record& record) {
  std::printf("%s %s\n", KindLabel(record).c_str(), record.id().c_str());
  if (const google::protobuf::Message* body = BodyOf(record)) {
    PrintMessage(*body, 2);
  }
  std::printf(
      "  %-22s %s\n", "created:",
      google::protobuf::util::TimeUtil::ToString(record.created()).c_str());
  std::printf(
      "  %-22s %s\n", "updated:",
      google::protobuf::util::TimeUtil::ToString(record.updated()).c_str());
  if (!record.reason().empty()) {
    std::printf("  %-22s %s\n", "reason:", record.reason().c_str());
  }
}

}  // namespace kluis::cli
