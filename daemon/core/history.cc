#include "daemon/core/history.h"

#include <google/protobuf/descriptor.h>

#include "absl/strings/str_cat.h"

namespace kluis::core {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

void Diff(const Message* a, const Message* b, const std::string& path,
          std::vector<FieldChange>* out);

// One value (a, or b, may be absent) of field f at `path`.
void DiffValue(const Message* a, const Message* b, const FieldDescriptor* f,
               int ia, int ib, const std::string& path,
               std::vector<FieldChange>* out) {
  if (f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
    const Message* ma = a == nullptr ? nullptr
                        : ia >= 0
                            ? &a->GetReflection()->GetRepeatedMessage(*a, f, ia)
                            : &a->GetReflection()->GetMessage(*a, f);
    const Message* mb = b == nullptr ? nullptr
                        : ib >= 0
                            ? &b->GetReflection()->GetRepeatedMessage(*b, f, ib)
                            : &b->GetReflection()->GetMessage(*b, f);
    Diff(ma, mb, path, out);
    return;
  }
  const std::string va = a == nullptr ? "" : FieldText(*a, f, ia);
  const std::string vb = b == nullptr ? "" : FieldText(*b, f, ib);
  if (a != nullptr && b != nullptr && va == vb) return;
  const char* change = a == nullptr   ? "added"
                       : b == nullptr ? "removed"
                                      : "changed";
  out->push_back({path, change, va, vb});
}

void Diff(const Message* a, const Message* b, const std::string& path,
          std::vector<FieldChange>* out) {
  const Message* any = a != nullptr ? a : b;
  if (any == nullptr) return;
  const auto* d = any->GetDescriptor();
  for (int i = 0; i < d->field_count(); ++i) {
    const FieldDescriptor* f = d->field(i);
    if (f->is_map()) continue;
    const std::string p = absl::StrCat(path, ".", f->name());
    if (f->is_repeated()) {
      const int na = a == nullptr ? 0 : a->GetReflection()->FieldSize(*a, f);
      const int nb = b == nullptr ? 0 : b->GetReflection()->FieldSize(*b, f);
      for (int k = 0; k < std::max(na, nb); ++k) {
        DiffValue(k < na ? a : nullptr, k < nb ? b : nullptr, f, k, k,
                  absl::StrCat(p, "[", k, "]"), out);
      }
      continue;
    }
    // proto3: a scalar "has" its field when it differs from the default.
    const bool ha = a != nullptr && a->GetReflection()->HasField(*a, f);
    const bool hb = b != nullptr && b->GetReflection()->HasField(*b, f);
    if (!ha && !hb) continue;
    DiffValue(ha ? a : nullptr, hb ? b : nullptr, f, -1, -1, p, out);
  }
}

const Message* Body(const kluis::v1::Record& r) {
  const FieldDescriptor* f = r.GetReflection()->GetOneofFieldDescriptor(
      r, kluis::v1::Record::descriptor()->FindOneofByName("body"));
  return f == nullptr ? nullptr : &r.GetReflection()->GetMessage(r, f);
}

std::string BodyName(const kluis::v1::Record& r) {
  const FieldDescriptor* f = r.GetReflection()->GetOneofFieldDescriptor(
      r, kluis::v1::Record::descriptor()->FindOneofByName("body"));
  return f == nullptr ? "record" : f->name();
}

}  // namespace

std::string FieldText(const Message& m, const FieldDescriptor* f, int i) {
  const auto* r = m.GetReflection();
  const bool rep = f->is_repeated();
  switch (f->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      return rep ? r->GetRepeatedString(m, f, i) : r->GetString(m, f);
    case FieldDescriptor::CPPTYPE_ENUM:
      return (rep ? r->GetRepeatedEnum(m, f, i) : r->GetEnum(m, f))->name();
    case FieldDescriptor::CPPTYPE_BOOL:
      return (rep ? r->GetRepeatedBool(m, f, i) : r->GetBool(m, f)) ? "true"
                                                                    : "false";
    case FieldDescriptor::CPPTYPE_UINT32:
      return absl::StrCat(rep ? r->GetRepeatedUInt32(m, f, i)
                              : r->GetUInt32(m, f));
    case FieldDescriptor::CPPTYPE_UINT64:
      return absl::StrCat(rep ? r->GetRepeatedUInt64(m, f, i)
                              : r->GetUInt64(m, f));
    case FieldDescriptor::CPPTYPE_INT64:
      return absl::StrCat(rep ? r->GetRepeatedInt64(m, f, i)
                              : r->GetInt64(m, f));
    case FieldDescriptor::CPPTYPE_INT32:
      return absl::StrCat(rep ? r->GetRepeatedInt32(m, f, i)
                              : r->GetInt32(m, f));
    default:
      return "";
  }
}

std::vector<FieldChange> DiffRecords(const kluis::v1::Record& older,
                                     const kluis::v1::Record& newer) {
  std::vector<FieldChange> out;
  if (older.body_case() != newer.body_case()) {
    out.push_back({"record", "changed", BodyName(older), BodyName(newer)});
    return out;
  }
  Diff(Body(older), Body(newer), BodyName(newer), &out);
  // Scalars that are empty on both sides are not a change.
  std::erase_if(out, [](const FieldChange& c) {
    return c.old_value.empty() && c.new_value.empty();
  });
  return out;
}

}  // namespace kluis::core
