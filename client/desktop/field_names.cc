#include "client/desktop/field_names.h"

#include <QCoreApplication>

namespace kluis::desktop {

QString FieldLabel(const std::string& field_name) {
  QString s = QString::fromStdString(field_name).replace('_', ' ');
  if (!s.isEmpty()) s[0] = s[0].toUpper();
  return QCoreApplication::translate("fields", s.toUtf8().constData());
}

QString EnumLabel(const google::protobuf::EnumValueDescriptor* v) {
  const std::string prefix =
      v->type()->value_count() > 0 ? v->type()->value(0)->name() : "";
  std::string name = v->name();
  const size_t cut = prefix.rfind("UNSPECIFIED");
  if (cut != std::string::npos && name.compare(0, cut, prefix, 0, cut) == 0) {
    name = name.substr(cut);
  }
  return QString::fromStdString(name).toLower().replace('_', ' ');
}

}  // namespace kluis::desktop
