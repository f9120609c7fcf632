#include "client/desktop/timeline.h"

#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QLocale>
#include <QObject>
#include <QStringList>
#include <algorithm>
#include <vector>

#include "client/desktop/field_names.h"
#include "kluis/v1/rules.pb.h"

namespace kluis::desktop {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

const kluis::v1::FieldRule& RuleOf(const FieldDescriptor* f) {
  return f->options().GetExtension(kluis::v1::rule);
}

// An id as the name of what it points to; "" for an id the window does
// not know (it is then left out, never shown raw).
QString NameOf(const std::string& id, const NamesById& names) {
  auto it = names.find(id);
  return it == names.end() ? QString() : it->second;
}

// A day as its reader writes it: the pattern is a translation ("dd-MM-yyyy"
// in Dutch; ISO in English, where "5/12/88" would be read two ways). Not
// a day: as it is.
QString DayText(const QString& iso) {
  const QDate day = QDate::fromString(iso, Qt::ISODate);
  if (!day.isValid()) return iso;
  return day.toString(QCoreApplication::translate(
      "kluis::desktop::Timeline", "yyyy-MM-dd",
      "how a day is written: a QDate::toString pattern"));
}

// A size in bytes as a person reads it.
QString SizeText(uint64_t bytes) {
  return QLocale().formattedDataSize(static_cast<qint64>(bytes));
}

// "field: value" for every filled-in field, nested ones by their path.
void Fields(const Message& m, const QString& prefix, const NamesById& names,
            QStringList* out) {
  std::vector<const FieldDescriptor*> set;
  m.GetReflection()->ListFields(m, &set);
  for (const FieldDescriptor* f : set) {
    const kluis::v1::Format format = RuleOf(f).format();
    // Checksums and calendar UIDs are for machines.
    if (format == kluis::v1::FORMAT_SHA256 || f->name() == "calendar_uid") {
      continue;
    }
    const QString label = prefix + FieldLabel(f->name());
    if (f->message_type() != nullptr) {
      if (f->is_repeated()) {
        const int n = m.GetReflection()->FieldSize(m, f);
        for (int i = 0; i < n; ++i) {
          Fields(m.GetReflection()->GetRepeatedMessage(m, f, i),
                 label + QString(" %1 · ").arg(i + 1), names, out);
        }
      } else {
        Fields(m.GetReflection()->GetMessage(m, f), label + " · ", names, out);
      }
      continue;
    }
    QString value;
    if (f->is_repeated()) {
      QStringList items;
      const int n = m.GetReflection()->FieldSize(m, f);
      for (int i = 0; i < n; ++i) {
        if (f->cpp_type() != FieldDescriptor::CPPTYPE_STRING) continue;
        const std::string v = m.GetReflection()->GetRepeatedString(m, f, i);
        const QString item = format == kluis::v1::FORMAT_ID
                                 ? NameOf(v, names)
                                 : QString::fromStdString(v);
        if (!item.isEmpty()) items << item;
      }
      value = items.join(", ");
    } else {
      switch (f->cpp_type()) {
        case FieldDescriptor::CPPTYPE_STRING:
          value = QString::fromStdString(m.GetReflection()->GetString(m, f));
          if (format == kluis::v1::FORMAT_ID) {
            value = NameOf(value.toStdString(), names);
          } else if (format == kluis::v1::FORMAT_DATE ||
                     format == kluis::v1::FORMAT_PAST_DATE) {
            value = DayText(value);
          }
          break;
        case FieldDescriptor::CPPTYPE_BOOL:
          value = m.GetReflection()->GetBool(m, f)
                      ? QCoreApplication::translate("kluis::desktop::Timeline",
                                                    "yes")
                      : QCoreApplication::translate("kluis::desktop::Timeline",
                                                    "no");
          break;
        case FieldDescriptor::CPPTYPE_ENUM:
          value = EnumLabel(m.GetReflection()->GetEnum(m, f));
          break;
        case FieldDescriptor::CPPTYPE_UINT32:
          value = QString::number(m.GetReflection()->GetUInt32(m, f));
          break;
        case FieldDescriptor::CPPTYPE_INT64:
          value = RuleOf(f).euro_cents()
                      ? QLocale().toCurrencyString(
                            m.GetReflection()->GetInt64(m, f) / 100.0, "€ ")
                      : QString::number(m.GetReflection()->GetInt64(m, f));
          break;
        case FieldDescriptor::CPPTYPE_UINT64:
          value = SizeText(m.GetReflection()->GetUInt64(m, f));
          break;
        default:
          continue;
      }
    }
    if (value.isEmpty()) continue;
    out->append("<b>" + label.toHtmlEscaped() +
                "</b>: " + value.toHtmlEscaped().replace('\n', "<br>"));
  }
}

const Message* Body(const kluis::v1::Record& r, std::string* kind) {
  const FieldDescriptor* f = r.GetReflection()->GetOneofFieldDescriptor(
      r, kluis::v1::Record::descriptor()->FindOneofByName("body"));
  if (f == nullptr) return nullptr;
  *kind = f->name();
  return &r.GetReflection()->GetMessage(r, f);
}

// The day a record is about (its date field), else the day it was made.
std::string DayOf(const kluis::v1::Record& r) {
  std::string kind;
  const Message* body = Body(r, &kind);
  for (const char* name :
       {"date", "start_date", "opened_date", "given_date", "received_date"}) {
    const FieldDescriptor* f =
        body == nullptr ? nullptr
                        : body->GetDescriptor()->FindFieldByName(name);
    if (f != nullptr && f->cpp_type() == FieldDescriptor::CPPTYPE_STRING &&
        !f->is_repeated()) {
      const std::string v = body->GetReflection()->GetString(*body, f);
      if (!v.empty()) return v;
    }
  }
  return QDateTime::fromSecsSinceEpoch(r.created().seconds())
      .toString("yyyy-MM-dd")
      .toStdString();
}

}  // namespace

QString TimelineHtml(const kluis::v1::GetDossierResponse& d,
                     const NamesById& outside) {
  // What an id in this dossier may point to: an organisation, or one of
  // the dossier's own records (an attachment, a consent).
  NamesById names = outside;
  for (const kluis::v1::Record& r : d.records()) {
    if (r.has_attachment()) {
      names[r.id()] = QString::fromStdString(r.attachment().name());
    } else if (r.has_consent()) {
      names[r.id()] = QString::fromStdString(r.consent().recipient() + " (" +
                                             r.consent().given_date() + ")");
    }
  }
  QString html;
  std::string kind;
  const Message* head = Body(d.client(), &kind);
  QStringList lines;
  if (head != nullptr) Fields(*head, "", names, &lines);
  html += "<h2>" + QString::fromStdString(d.summary().name()).toHtmlEscaped() +
          "</h2><p>" + lines.join("<br>") + "<br><small><a href=\"history:" +
          QString::fromStdString(d.client().id()) + "\">" +
          QCoreApplication::translate("kluis::desktop::Timeline", "history")
              .toHtmlEscaped() +
          "</a></small></p>";
  std::vector<const kluis::v1::Record*> records;
  for (const kluis::v1::Record& r : d.records()) records.push_back(&r);
  std::stable_sort(records.begin(), records.end(),
                   [](const kluis::v1::Record* a, const kluis::v1::Record* b) {
                     return DayOf(*a) > DayOf(*b);
                   });
  for (const kluis::v1::Record* r : records) {
    const Message* body = Body(*r, &kind);
    if (body == nullptr) continue;
    QString title = FieldLabel(kind);
    if (body->GetDescriptor()
            ->options()
            .GetExtension(kluis::v1::kind_rule)
            .special_category()) {
      title +=
          " — " + QCoreApplication::translate("kluis::desktop::Timeline",
                                              "special category (GDPR art. 9)");
    }
    if (r->has_note() && r->note().working()) {
      title += " — " + QCoreApplication::translate("kluis::desktop::Timeline",
                                                   "working note: yours only");
    }
    const QString id = QString::fromStdString(r->id());
    QString links =
        "<a href=\"history:" + id + "\">" +
        QCoreApplication::translate("kluis::desktop::Timeline", "history")
            .toHtmlEscaped() +
        "</a>";
    if (r->has_attachment()) {
      links += " · <a href=\"open:" + id + "\">" +
               QCoreApplication::translate("kluis::desktop::Timeline",
                                           "open (decrypted temporarily)")
                   .toHtmlEscaped() +
               "</a>";
    }
    QStringList fields;
    Fields(*body, "", names, &fields);
    html += "<h3>" + title.toHtmlEscaped() + "</h3><p>" + fields.join("<br>") +
            "<br><small>" + links + "</small></p>";
  }
  return html;
}

}  // namespace kluis::desktop
