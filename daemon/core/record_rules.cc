#include "daemon/core/record_rules.h"

#include <google/protobuf/descriptor.h>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "daemon/core/bsn.h"
#include "daemon/core/ids.h"
#include "daemon/core/refusal.h"
#include "daemon/core/validation.h"
#include "kluis/v1/rules.pb.h"

namespace kluis::core {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;
using kluis::v1::FieldRule;
using kluis::v1::Format;

const FieldRule& RuleOf(const FieldDescriptor* f) {
  return f->options().GetExtension(kluis::v1::rule);
}

absl::Status Invalid(const std::string& field, absl::string_view rule_id,
                     absl::string_view text, uint64_t limit = 0) {
  return InvalidField(field, rule_id, text, limit);
}

// "YYYY-MM-DD" in shape, whether or not the day exists.
bool HasDateShape(absl::string_view v) {
  if (v.size() != 10 || v[4] != '-' || v[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!absl::ascii_isdigit(v[i])) return false;
  }
  return true;
}

absl::Status CheckDate(const std::string& field, const std::string& v) {
  if (IsValidDate(v)) return absl::OkStatus();
  if (HasDateShape(v)) {
    return Invalid(field, rule::kDateNotFound, N_("that day does not exist"));
  }
  return Invalid(field, rule::kFormat, N_("must be a date as YYYY-MM-DD"));
}

std::string NormalizeString(const std::string& v, Format format) {
  switch (format) {
    case kluis::v1::FORMAT_TEXT:
      // Trailing whitespace is not content; leading indentation may be.
      return std::string(absl::StripTrailingAsciiWhitespace(v));
    case kluis::v1::FORMAT_EMAIL:
      return absl::AsciiStrToLower(absl::StripAsciiWhitespace(v));
    case kluis::v1::FORMAT_POSTCODE:
      return NormalizePostcode(v);
    case kluis::v1::FORMAT_IBAN:
      return NormalizeIban(v);
    default:
      return std::string(absl::StripAsciiWhitespace(v));
  }
}

bool ScansForBsn(Format format) {
  return format == kluis::v1::FORMAT_LINE || format == kluis::v1::FORMAT_TEXT ||
         format == kluis::v1::FORMAT_EMAIL ||
         format == kluis::v1::FORMAT_PHONE ||
         format == kluis::v1::FORMAT_FILE_NAME;
}

absl::Status CheckString(const std::string& field, const std::string& v,
                         const FieldRule& rule, const RuleContext& ctx) {
  const Format format = rule.format();
  if (!IsValidUtf8(v))
    return Invalid(field, rule::kFormat, N_("not valid UTF-8 text"));
  const bool text = format == kluis::v1::FORMAT_TEXT;
  if (HasControlChars(v, text)) {
    return Invalid(field, rule::kFormat,
                   text ? N_("contains control characters")
                        : N_("must be one line without control characters"));
  }
  if (text && rule.max_chars() == 0 && v.size() > kMaxTextBytes) {
    return Invalid(field, rule::kMaxChars, N_("longer than 64 KiB"),
                   kMaxTextBytes);
  }
  const size_t max_chars =
      rule.max_chars() != 0 ? rule.max_chars() : (text ? 0 : kMaxLineChars);
  if (max_chars != 0 && CodePoints(v) > max_chars) {
    return Invalid(field, rule::kMaxChars,
                   absl::StrCat("longer than ", max_chars, " characters"),
                   max_chars);
  }
  if (ScansForBsn(format) && ContainsBsn(v)) {
    return Invalid(field, rule::kBsn,
                   N_("looks like a BSN (citizen service number); kluis never "
                      "stores a BSN"));
  }
  switch (format) {
    case kluis::v1::FORMAT_LINE:
    case kluis::v1::FORMAT_TEXT:
      return absl::OkStatus();
    case kluis::v1::FORMAT_DATE:
      return CheckDate(field, v);
    case kluis::v1::FORMAT_PAST_DATE: {
      absl::Status s = CheckDate(field, v);
      if (!s.ok()) return s;
      if (v > ctx.Today()) {
        return Invalid(field, rule::kFuture, N_("must not be in the future"));
      }
      if (v < "1900-01-01") {
        return Invalid(field, rule::kFormat, N_("must be after 1900-01-01"));
      }
      return absl::OkStatus();
    }
    case kluis::v1::FORMAT_TIME:
      if (!IsValidTime(v))
        return Invalid(field, rule::kFormat, N_("must be a time as HH:MM"));
      return absl::OkStatus();
    case kluis::v1::FORMAT_EMAIL:
      if (!IsValidEmail(v))
        return Invalid(field, rule::kFormat, N_("not an e-mail address"));
      return absl::OkStatus();
    case kluis::v1::FORMAT_PHONE:
      if (!IsValidPhone(v)) {
        return Invalid(field, rule::kFormat,
                       N_("must be 6 to 15 digits, with only spaces, + - ( )"));
      }
      return absl::OkStatus();
    case kluis::v1::FORMAT_POSTCODE:
      if (!IsValidDutchPostcode(v)) {
        return Invalid(field, rule::kFormat,
                       N_("must be a Dutch postcode like 1234 AB"));
      }
      return absl::OkStatus();
    case kluis::v1::FORMAT_IBAN: {
      const std::string problem = IbanProblem(v);
      if (!problem.empty())
        return Invalid(field, rule::kFormat, "not an IBAN: " + problem);
      return absl::OkStatus();
    }
    case kluis::v1::FORMAT_ID:
      if (!IsValidId(v))
        return Invalid(field, rule::kFormat,
                       N_("not a kluis id (32 hex digits)"));
      return absl::OkStatus();
    case kluis::v1::FORMAT_MEDIA_TYPE:
      if (!IsValidMediaType(v)) {
        return Invalid(field, rule::kFormat,
                       N_("must be a media type like application/pdf"));
      }
      return absl::OkStatus();
    case kluis::v1::FORMAT_SHA256:
      if (v.size() != 64 ||
          v.find_first_not_of("0123456789abcdef") != std::string::npos) {
        return Invalid(field, rule::kFormat,
                       N_("must be 64 lowercase hex digits"));
      }
      return absl::OkStatus();
    case kluis::v1::FORMAT_FILE_NAME:
      if (!IsValidFileName(v)) {
        return Invalid(field, rule::kFormat,
                       N_("must be a file name without '/' or '\\'"));
      }
      return absl::OkStatus();
    default:
      return Invalid(field, rule::kFormat,
                     N_("has a rule this kluisd does not know"));
  }
}

absl::Status CheckScalar(const Message& m, const FieldDescriptor* f,
                         const std::string& field, int index,
                         const RuleContext& ctx) {
  const Reflection* r = m.GetReflection();
  const FieldRule& rule = RuleOf(f);
  const bool rep = f->is_repeated();
  switch (f->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING: {
      const std::string v =
          rep ? r->GetRepeatedString(m, f, index) : r->GetString(m, f);
      if (v.empty()) {
        return rule.required() || rep
                   ? Invalid(field, rule::kRequired, N_("is required"))
                   : absl::OkStatus();
      }
      return CheckString(field, v, rule, ctx);
    }
    case FieldDescriptor::CPPTYPE_ENUM: {
      const int v =
          rep ? r->GetRepeatedEnumValue(m, f, index) : r->GetEnumValue(m, f);
      if (f->enum_type()->FindValueByNumber(v) == nullptr) {
        std::vector<std::string> allowed;
        for (int i = 1; i < f->enum_type()->value_count(); ++i) {
          allowed.push_back(f->enum_type()->value(i)->name());
        }
        return InvalidField(field, rule::kAllowedValues, N_("unknown value"), 0,
                            std::move(allowed));
      }
      if (v == 0 && rule.required()) {
        return Invalid(field, rule::kRequired, N_("is required"));
      }
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_UINT32:
    case FieldDescriptor::CPPTYPE_UINT64: {
      const uint64_t v =
          f->cpp_type() == FieldDescriptor::CPPTYPE_UINT32
              ? (rep ? r->GetRepeatedUInt32(m, f, index) : r->GetUInt32(m, f))
              : (rep ? r->GetRepeatedUInt64(m, f, index) : r->GetUInt64(m, f));
      if (rule.max_value() != 0 && v > rule.max_value()) {
        return Invalid(field, rule::kMaxValue,
                       absl::StrCat("at most ", rule.max_value()),
                       rule.max_value());
      }
      return absl::OkStatus();
    }
    default:
      return absl::OkStatus();
  }
}

// Every problem of `m` and its sub-messages, not only the first: a person
// fixes a form once, not once per missing field.
void CollectProblems(const Message& m, const std::string& path,
                     const RuleContext& ctx, Problems* problems) {
  const Reflection* r = m.GetReflection();
  const google::protobuf::Descriptor* d = m.GetDescriptor();
  for (int i = 0; i < d->field_count(); ++i) {
    const FieldDescriptor* f = d->field(i);
    if (f->is_map() || RuleOf(f).output_only()) continue;
    const std::string field = absl::StrCat(path, ".", f->name());
    if (f->is_repeated()) {
      const int n = r->FieldSize(m, f);
      if (n > static_cast<int>(kMaxRepeated)) {
        problems->Add(field, rule::kMaxEntries,
                      absl::StrCat("at most ", kMaxRepeated, " entries"),
                      kMaxRepeated);
        continue;
      }
      for (int k = 0; k < n; ++k) {
        const std::string item = absl::StrCat(field, "[", k, "]");
        if (f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
          CollectProblems(r->GetRepeatedMessage(m, f, k), item, ctx, problems);
        } else {
          problems->Merge(CheckScalar(m, f, item, k, ctx));
        }
      }
    } else if (f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      if (r->HasField(m, f)) {
        CollectProblems(r->GetMessage(m, f), field, ctx, problems);
      } else if (RuleOf(f).required()) {
        problems->Add(field, rule::kRequired, N_("is required"));
      }
    } else {
      problems->Merge(CheckScalar(m, f, field, -1, ctx));
    }
  }
}

}  // namespace

std::string RuleContext::Today() const {
  return absl::FormatTime("%Y-%m-%d", now, zone);
}

void NormalizeFields(Message* m) {
  const Reflection* r = m->GetReflection();
  const google::protobuf::Descriptor* d = m->GetDescriptor();
  for (int i = 0; i < d->field_count(); ++i) {
    const FieldDescriptor* f = d->field(i);
    if (f->is_map()) continue;
    if (RuleOf(f).output_only()) {
      r->ClearField(m, f);
      continue;
    }
    const Format format = RuleOf(f).format();
    if (f->cpp_type() == FieldDescriptor::CPPTYPE_STRING) {
      if (f->is_repeated()) {
        for (int k = 0; k < r->FieldSize(*m, f); ++k) {
          r->SetRepeatedString(
              m, f, k, NormalizeString(r->GetRepeatedString(*m, f, k), format));
        }
      } else {
        r->SetString(m, f, NormalizeString(r->GetString(*m, f), format));
      }
    } else if (f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      if (f->is_repeated()) {
        for (int k = 0; k < r->FieldSize(*m, f); ++k) {
          NormalizeFields(r->MutableRepeatedMessage(m, f, k));
        }
      } else if (r->HasField(*m, f)) {
        NormalizeFields(r->MutableMessage(m, f));
      }
    }
  }
}

absl::Status ValidateFields(const Message& m, const std::string& path,
                            const RuleContext& ctx) {
  Problems problems;
  CollectProblems(m, path, ctx, &problems);
  return problems.ToStatus();
}

}  // namespace kluis::core
