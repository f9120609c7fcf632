#include "client/cli/record_fields.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <iterator>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "client/common/dutch_date.h"
#include "client/common/money.h"
#include "kluis/v1/rules.pb.h"

namespace kluis::cli {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

const kluis::v1::FieldRule& RuleOf(const FieldDescriptor* f) {
  return f->options().GetExtension(kluis::v1::rule);
}

absl::Status Bad(const std::string& flag, absl::string_view rule) {
  return absl::InvalidArgumentError(absl::StrCat(flag, ": ", rule));
}

// The name a person sees: amount_cents is typed and shown as an amount in
// euros, so it is --amount and "amount".
std::string PersonName(const FieldDescriptor* f) {
  absl::string_view name = f->name();
  if (IsEuros(f)) absl::ConsumeSuffix(&name, "_cents");
  return std::string(name);
}

// Sets one scalar (or appends to a repeated scalar) from text.
absl::Status SetScalar(Message* m, const FieldDescriptor* f,
                       const std::string& text, const std::string& flag) {
  const Reflection* r = m->GetReflection();
  const bool rep = f->is_repeated();
  switch (f->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING: {
      std::string value = text;
      if (IsDate(f) && !text.empty()) {  // empty: clear it on an update
        absl::StatusOr<std::string> iso = client::ParseDutchDate(text);
        if (!iso.ok()) return Bad(flag, iso.status().message());
        value = *std::move(iso);
      }
      rep ? r->AddString(m, f, value) : r->SetString(m, f, value);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_ENUM: {
      const auto* v = ParseEnum(f->enum_type(), text);
      if (v == nullptr) {
        std::string names;
        for (int i = 1; i < f->enum_type()->value_count(); ++i) {
          absl::StrAppend(&names, i > 1 ? ", " : "",
                          ShortEnumName(f->enum_type()->value(i)));
        }
        return Bad(flag, absl::StrCat("must be one of: ", names));
      }
      rep ? r->AddEnum(m, f, v) : r->SetEnum(m, f, v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_UINT32: {
      uint32_t v;
      if (!absl::SimpleAtoi(text, &v)) return Bad(flag, "must be a number");
      rep ? r->AddUInt32(m, f, v) : r->SetUInt32(m, f, v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_UINT64: {
      uint64_t v;
      if (!absl::SimpleAtoi(text, &v)) return Bad(flag, "must be a number");
      rep ? r->AddUInt64(m, f, v) : r->SetUInt64(m, f, v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_INT64: {
      int64_t v;
      if (IsEuros(f)) {
        absl::StatusOr<int64_t> cents = client::ParseEuros(text);
        if (!cents.ok()) return Bad(flag, cents.status().message());
        v = *cents;
      } else if (!absl::SimpleAtoi(text, &v)) {
        return Bad(flag, "must be a number");
      }
      rep ? r->AddInt64(m, f, v) : r->SetInt64(m, f, v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_BOOL: {
      bool v;
      if (!absl::SimpleAtob(text, &v))
        return Bad(flag, "must be true or false");
      rep ? r->AddBool(m, f, v) : r->SetBool(m, f, v);
      return absl::OkStatus();
    }
    default:
      return Bad(flag, "cannot be set from the command line");
  }
}

// "name=Ella,age=9" into a new element of a repeated message field.
absl::Status AddItem(Message* m, const FieldDescriptor* f,
                     const std::string& text, const std::string& flag) {
  Message* item = m->GetReflection()->AddMessage(m, f);
  for (absl::string_view part : absl::StrSplit(text, ',', absl::SkipEmpty())) {
    std::pair<std::string, std::string> kv =
        absl::StrSplit(part, absl::MaxSplits('=', 1));
    const FieldDescriptor* sub =
        item->GetDescriptor()->FindFieldByName(absl::StrReplaceAll(
            absl::StripAsciiWhitespace(kv.first), {{"-", "_"}}));
    if (sub == nullptr || sub->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      return Bad(flag, "expects key=value pairs of its fields, e.g. name=…");
    }
    absl::Status s = SetScalar(item, sub, kv.second, flag);
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

void PrintValue(const std::string& label, const std::string& value,
                int indent) {
  if (value.find('\n') == std::string::npos) {
    std::printf("%*s%-22s %s\n", indent, "", (label + ":").c_str(),
                value.c_str());
    return;
  }
  std::printf("%*s%s:\n", indent, "", label.c_str());
  for (absl::string_view line : absl::StrSplit(value, '\n')) {
    std::printf("%*s  %.*s\n", indent, "", static_cast<int>(line.size()),
                line.data());
  }
}

std::string ScalarText(const Message& m, const FieldDescriptor* f, int i) {
  const Reflection* r = m.GetReflection();
  const bool rep = f->is_repeated();
  switch (f->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      return rep ? r->GetRepeatedString(m, f, i) : r->GetString(m, f);
    case FieldDescriptor::CPPTYPE_ENUM:
      return ShortEnumName(rep ? r->GetRepeatedEnum(m, f, i)
                               : r->GetEnum(m, f));
    case FieldDescriptor::CPPTYPE_UINT32:
      return absl::StrCat(rep ? r->GetRepeatedUInt32(m, f, i)
                              : r->GetUInt32(m, f));
    case FieldDescriptor::CPPTYPE_UINT64:
      return absl::StrCat(rep ? r->GetRepeatedUInt64(m, f, i)
                              : r->GetUInt64(m, f));
    case FieldDescriptor::CPPTYPE_INT64: {
      const int64_t v = rep ? r->GetRepeatedInt64(m, f, i) : r->GetInt64(m, f);
      return IsEuros(f) ? client::FormatEuros(v) : absl::StrCat(v);
    }
    case FieldDescriptor::CPPTYPE_BOOL:
      return (rep ? r->GetRepeatedBool(m, f, i) : r->GetBool(m, f)) ? "yes"
                                                                    : "no";
    default:
      return "";
  }
}

}  // namespace

bool IsEuros(const FieldDescriptor* f) {
  return f->cpp_type() == FieldDescriptor::CPPTYPE_INT64 &&
         RuleOf(f).euro_cents();
}

bool IsDate(const FieldDescriptor* f) {
  return f->cpp_type() == FieldDescriptor::CPPTYPE_STRING &&
         (RuleOf(f).format() == kluis::v1::FORMAT_DATE ||
          RuleOf(f).format() == kluis::v1::FORMAT_PAST_DATE);
}

std::string FlagName(const std::string& prefix, const std::string& field) {
  return absl::StrCat("--", prefix, absl::StrReplaceAll(field, {{"_", "-"}}));
}

std::string ShortEnumName(const google::protobuf::EnumValueDescriptor* v) {
  const std::string zero = v->type()->value(0)->name();  // X_UNSPECIFIED
  const std::string prefix = zero.substr(0, zero.rfind('_') + 1);
  std::string name = v->name();
  if (absl::StartsWith(name, prefix)) name = name.substr(prefix.size());
  return absl::StrReplaceAll(absl::AsciiStrToLower(name), {{"_", "-"}});
}

const google::protobuf::EnumValueDescriptor* ParseEnum(
    const google::protobuf::EnumDescriptor* type, const std::string& text) {
  const std::string want =
      absl::StrReplaceAll(absl::AsciiStrToLower(text), {{"_", "-"}});
  for (int i = 1; i < type->value_count(); ++i) {
    if (ShortEnumName(type->value(i)) == want) return type->value(i);
  }
  return nullptr;
}

FieldOptions::FieldOptions(CLI::App* cmd, const Descriptor* type) : cmd_(cmd) {
  AddFields(cmd, type, {}, "");
  if (main_text_ != nullptr) {
    cmd->add_flag("--edit", edit_,
                  FlagName("", main_text_->name()) +
                      ": write it in $EDITOR (a private file in RAM, removed "
                      "afterwards)");
  }
}

void FieldOptions::AddFields(CLI::App* cmd, const Descriptor* type,
                             std::vector<const FieldDescriptor*> path,
                             const std::string& prefix) {
  for (int i = 0; i < type->field_count(); ++i) {
    const FieldDescriptor* f = type->field(i);
    if (f->is_map() || RuleOf(f).output_only()) continue;
    if (f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE &&
        !f->is_repeated()) {
      std::vector<const FieldDescriptor*> sub = path;
      sub.push_back(f);
      AddFields(cmd, f->message_type(), sub,
                absl::StrCat(
                    prefix, absl::StrReplaceAll(f->name(), {{"_", "-"}}), "-"));
      continue;
    }
    auto slot = std::make_unique<Slot>();
    slot->field = f;
    slot->path = path;
    slot->flag = FlagName(prefix, PersonName(f));
    std::string help = absl::StrReplaceAll(PersonName(f), {{"_", " "}});
    if (RuleOf(f).required()) help += " (required)";
    if (f->cpp_type() == FieldDescriptor::CPPTYPE_ENUM) {
      help += ": ";
      for (int k = 1; k < f->enum_type()->value_count(); ++k) {
        absl::StrAppend(&help, k > 1 ? "|" : "",
                        ShortEnumName(f->enum_type()->value(k)));
      }
    }
    switch (RuleOf(f).format()) {
      case kluis::v1::FORMAT_DATE:
      case kluis::v1::FORMAT_PAST_DATE:
        absl::StrAppend(&help, ", ", client::kDateForms);
        break;
      case kluis::v1::FORMAT_TIME:
        help += ", HH:MM";
        break;
      case kluis::v1::FORMAT_TEXT:
        help += "; - reads stdin";
        if (main_text_ == nullptr && path.empty()) main_text_ = f;
        break;
      default:
        break;
    }
    if (IsEuros(f)) absl::StrAppend(&help, " ", client::kMoneyForms);
    if (f->is_repeated() && f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      help += "; repeat for more; key=value,… of its fields";
    } else if (f->is_repeated()) {
      help += "; repeat for more";
    }
    if (f->cpp_type() == FieldDescriptor::CPPTYPE_BOOL && !f->is_repeated()) {
      slot->option = cmd->add_flag(slot->flag, slot->set_true, help);
      slot->negation = cmd->add_flag(FlagName(prefix + "no-", f->name()),
                                     slot->set_false, "not " + help);
    } else {
      std::string names = slot->flag;
      if (f->is_repeated()) {
        // --child for children, --category for categories, ….
        std::string one = f->name();
        if (absl::EndsWith(one, "ren")) {
          one.resize(one.size() - 3);
        } else if (absl::EndsWith(one, "ies")) {
          one = one.substr(0, one.size() - 3) + "y";
        } else if (absl::EndsWith(one, "s") && !absl::EndsWith(one, "ss")) {
          one.pop_back();
        }
        if (one != f->name()) names += "," + FlagName(prefix, one);
      }
      slot->option = cmd->add_option(names, slot->values, help);
      if (!f->is_repeated()) slot->option->expected(1);
    }
    slots_.push_back(std::move(slot));
  }
}

absl::Status FieldOptions::Apply(Message* message) const {
  for (const auto& slot : slots_) {
    const bool given =
        slot->option->count() > 0 ||
        (slot->negation != nullptr && slot->negation->count() > 0);
    const bool wants_text = edit_ && slot->field == main_text_;
    if (!given && !wants_text) continue;
    Message* m = message;
    for (const FieldDescriptor* p : slot->path) {
      m = m->GetReflection()->MutableMessage(m, p);
    }
    const FieldDescriptor* f = slot->field;
    if (f->cpp_type() == FieldDescriptor::CPPTYPE_BOOL && !f->is_repeated()) {
      m->GetReflection()->SetBool(m, f, slot->set_true && !slot->set_false);
      continue;
    }
    if (wants_text) {
      absl::StatusOr<std::string> text =
          EditText(m->GetReflection()->GetString(*m, f));
      if (!text.ok()) return text.status();
      m->GetReflection()->SetString(m, f, *text);
      continue;
    }
    // Given again on an update: the list is replaced, not extended.
    if (f->is_repeated()) m->GetReflection()->ClearField(m, f);
    for (const std::string& v : slot->values) {
      absl::Status s;
      if (f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
        s = AddItem(m, f, v, slot->flag);
      } else if (v == "-" && RuleOf(f).format() == kluis::v1::FORMAT_TEXT) {
        s = SetScalar(m, f, ReadStdin(), slot->flag);
      } else {
        s = SetScalar(m, f, v, slot->flag);
      }
      if (!s.ok()) return s;
    }
  }
  return absl::OkStatus();
}

void PrintMessage(const Message& m, int indent) {
  const Reflection* r = m.GetReflection();
  std::vector<const FieldDescriptor*> fields;
  r->ListFields(m, &fields);
  for (const FieldDescriptor* f : fields) {
    if (f->is_map()) continue;
    const std::string label = absl::StrReplaceAll(PersonName(f), {{"_", " "}});
    if (f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      if (f->is_repeated()) {
        for (int i = 0; i < r->FieldSize(m, f); ++i) {
          std::printf("%*s%s %d:\n", indent, "", label.c_str(), i + 1);
          PrintMessage(r->GetRepeatedMessage(m, f, i), indent + 2);
        }
      } else {
        std::printf("%*s%s:\n", indent, "", label.c_str());
        PrintMessage(r->GetMessage(m, f), indent + 2);
      }
    } else if (f->is_repeated()) {
      std::string joined;
      for (int i = 0; i < r->FieldSize(m, f); ++i) {
        absl::StrAppend(&joined, i > 0 ? ", " : "", ScalarText(m, f, i));
      }
      PrintValue(label, joined, indent);
    } else {
      PrintValue(label, ScalarText(m, f, -1), indent);
    }
  }
}

absl::Status NormalizeDates(Message* message, const std::string& path) {
  const Reflection* r = message->GetReflection();
  std::vector<const FieldDescriptor*> fields;
  r->ListFields(*message, &fields);
  for (const FieldDescriptor* f : fields) {
    const std::string name =
        absl::StrCat(path, path.empty() ? "" : ".", f->name());
    const int n = f->is_repeated() ? r->FieldSize(*message, f) : 1;
    for (int i = 0; i < n; ++i) {
      const std::string at =
          f->is_repeated() ? absl::StrCat(name, "[", i, "]") : name;
      if (f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
        absl::Status s = NormalizeDates(
            f->is_repeated() ? r->MutableRepeatedMessage(message, f, i)
                             : r->MutableMessage(message, f),
            at);
        if (!s.ok()) return s;
        continue;
      }
      if (!IsDate(f)) continue;
      const std::string text = f->is_repeated()
                                   ? r->GetRepeatedString(*message, f, i)
                                   : r->GetString(*message, f);
      if (text.empty()) continue;
      absl::StatusOr<std::string> iso = client::ParseDutchDate(text);
      if (!iso.ok()) return Bad(at, iso.status().message());
      f->is_repeated() ? r->SetRepeatedString(message, f, i, *std::move(iso))
                       : r->SetString(message, f, *std::move(iso));
    }
  }
  return absl::OkStatus();
}

std::string ReadStdin() {
  return std::string(std::istreambuf_iterator<char>(std::cin),
                     std::istreambuf_iterator<char>());
}

absl::StatusOr<std::string> EditText(const std::string& initial) {
  // Plaintext must not reach a disk: only a RAM file system will do.
  const char* runtime = std::getenv("XDG_RUNTIME_DIR");
  std::string dir = runtime != nullptr ? runtime : "";
  if (dir.empty()) dir = "/dev/shm";
  std::string path = dir + "/kluis-edit-XXXXXX";
  const int fd = mkstemp(path.data());  // mode 0600
  if (fd < 0) {
    return absl::FailedPreconditionError(
        "--edit: no private RAM directory ($XDG_RUNTIME_DIR or /dev/shm)");
  }
  auto cleanup = [&] { unlink(path.c_str()); };
  if (write(fd, initial.data(), initial.size()) !=
      static_cast<ssize_t>(initial.size())) {
    close(fd);
    cleanup();
    return absl::UnavailableError("--edit: cannot write the temporary file");
  }
  close(fd);
  const char* editor = std::getenv("VISUAL");
  if (editor == nullptr || *editor == '\0') editor = std::getenv("EDITOR");
  if (editor == nullptr || *editor == '\0') editor = "vi";
  const pid_t pid = fork();
  if (pid == 0) {
    execlp("/bin/sh", "sh", "-c", "exec $0 \"$1\"", editor, path.c_str(),
           static_cast<char*>(nullptr));
    _exit(127);
  }
  int status = 0;
  while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  std::string text;
  if (FILE* f = std::fopen(path.c_str(), "r")) {
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof(buf), f)) > 0) text.append(buf, n);
    std::fclose(f);
  }
  cleanup();
  if (pid < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return absl::AbortedError("--edit: the editor did not exit cleanly");
  }
  return text;
}

}  // namespace kluis::cli
