// Every field and enum value a client's dossier can hold has a label in
// both languages, so a new field without its Dutch label fails here
// rather than showing "retention_objection_reason" to a client.
#include "daemon/core/record_labels.h"

#include <gtest/gtest.h>

#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "google/protobuf/descriptor.h"

namespace kluis::core {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;

// Words that are the same in Dutch and English.
const std::set<std::string>& SameInBoth() {
  static const auto* words =
      new std::set<std::string>{"e-mail", "postcode", "school", "status"};
  return *words;
}

void CheckMessage(const Descriptor* d, std::set<const Descriptor*>* seen) {
  if (!seen->insert(d).second) return;
  const i18n::Translator nl = i18n::Translator::Dutch();
  const i18n::Translator en = i18n::Translator::English();
  for (int i = 0; i < d->field_count(); ++i) {
    const FieldDescriptor* f = d->field(i);
    if (HiddenFromOutsiders(f)) continue;
    const std::string dutch = FieldLabel(f, nl);
    const std::string english = FieldLabel(f, en);
    EXPECT_FALSE(absl::StrContains(english, "_")) << f->full_name();
    EXPECT_TRUE(dutch != english || SameInBoth().count(dutch) > 0)
        << f->full_name() << " has no Dutch label (\"" << english << "\")";
    if (f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      CheckMessage(f->message_type(), seen);
    }
    if (f->cpp_type() != FieldDescriptor::CPPTYPE_ENUM) continue;
    for (int v = 1; v < f->enum_type()->value_count(); ++v) {
      for (const i18n::Translator& t : {nl, en}) {
        const std::string label = EnumLabel(f->enum_type()->value(v), t);
        EXPECT_EQ(label, absl::AsciiStrToLower(label))
            << f->enum_type()->value(v)->name();
        EXPECT_FALSE(absl::StrContains(label, "_"))
            << f->enum_type()->value(v)->name();
      }
    }
  }
}

TEST(RecordLabelsTest, EveryFieldOfADossierRecordHasBothLabels) {
  std::set<const Descriptor*> seen;
  const google::protobuf::OneofDescriptor* body =
      kluis::v1::Record::descriptor()->FindOneofByName("body");
  for (int i = 0; i < body->field_count(); ++i) {
    const FieldDescriptor* kind = body->field(i);
    // Practice records (30 and up: organisations, processors, breaches…)
    // are never part of a client's package.
    if (kind->number() >= 30) continue;
    EXPECT_NE(FieldLabel(kind, i18n::Translator::Dutch()),
              FieldLabel(kind, i18n::Translator::English()))
        << kind->name();
    CheckMessage(kind->message_type(), &seen);
  }
}

TEST(RecordLabelsTest, AnUnknownEnumValueLosesItsPrefix) {
  const auto* travel = kluis::v1::HoursActivity_descriptor()->FindValueByName(
      "HOURS_ACTIVITY_FOLLOW_UP");
  ASSERT_NE(travel, nullptr);
  EXPECT_EQ(EnumLabel(travel, i18n::Translator::English()), "follow up");
  EXPECT_EQ(EnumLabel(nullptr, i18n::Translator::Dutch()), "niet opgegeven");
}

}  // namespace
}  // namespace kluis::core
