#include "client/desktop/record_form.h"

#include <QCalendarWidget>
#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QKeyEvent>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "client/desktop/date_field.h"
#include "client/desktop/field_error.h"
#include "client/desktop/field_names.h"
#include "client/desktop/item_table.h"
#include "client/desktop/window_size.h"
#include "kluis/v1/rules.pb.h"

namespace kluis::desktop {
namespace {

using google::protobuf::FieldDescriptor;

const kluis::v1::FieldRule& RuleOf(const FieldDescriptor* f) {
  return f->options().GetExtension(kluis::v1::rule);
}

QString Label(const FieldDescriptor* f) { return FieldLabel(f->name()); }

bool IsDate(const FieldDescriptor* f) {
  const kluis::v1::Format format = RuleOf(f).format();
  return format == kluis::v1::FORMAT_DATE ||
         format == kluis::v1::FORMAT_PAST_DATE;
}

}  // namespace

RecordForm::RecordForm(DaemonApi* api, std::string dossier_id,
                       kluis::v1::Record record, QWidget* parent)
    : QDialog(parent),
      api_(api),
      dossier_id_(std::move(dossier_id)),
      record_(std::move(record)) {
  const google::protobuf::OneofDescriptor* oneof =
      kluis::v1::Record::descriptor()->FindOneofByName("body");
  body_field_ =
      record_.GetReflection()->GetOneofFieldDescriptor(record_, oneof);
  Build();
  if (!RestoreGeometry(this, GeometryKey())) FitTo(AvailableArea(this));
}

QString RecordForm::GeometryKey() const {
  return "form-" + QString::fromStdString(body_field_->name());
}

void RecordForm::FitTo(const QRect& available) {
  // A form with a report or a note to write gets a tall window.
  resize(FitSize(this, 46, text_fields_ > 0 ? 40 : 30, available));
}

void RecordForm::done(int result) {
  SaveGeometry(this, GeometryKey());
  QDialog::done(result);
}

google::protobuf::Message* RecordForm::Body(kluis::v1::Record* r) const {
  return r->GetReflection()->MutableMessage(r, body_field_);
}

void RecordForm::Build() {
  setWindowTitle(record_.id().empty()
                     ? tr("New %1").arg(Label(body_field_).toLower())
                     : tr("Edit %1").arg(Label(body_field_).toLower()));
  auto* layout = new QVBoxLayout(this);
  general_ = new QLabel(this);
  general_->setWordWrap(true);
  general_->setStyleSheet("color: #b00020");
  general_->hide();
  layout->addWidget(general_);
  auto* form = new QFormLayout();
  layout->addLayout(form);
  AddRows(form, *Body(&record_), nullptr);
  auto* buttons =
      new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel);
  buttons->button(QDialogButtonBox::Save)->setText(tr("&Save"));
  buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
  layout->addWidget(buttons);
  connect(buttons, &QDialogButtonBox::accepted, this, [this] {
    if (Submit()) accept();
  });
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void RecordForm::AddRows(QFormLayout* form, const google::protobuf::Message& m,
                         const FieldDescriptor* parent) {
  const google::protobuf::Reflection* refl = m.GetReflection();
  const google::protobuf::Descriptor* d = m.GetDescriptor();
  for (int i = 0; i < d->field_count(); ++i) {
    const FieldDescriptor* f = d->field(i);
    if (RuleOf(f).output_only()) continue;
    if (f->message_type() != nullptr && !f->is_repeated()) {
      if (parent == nullptr) AddRows(form, refl->GetMessage(m, f), f);
      continue;  // deeper nesting: the command line
    }
    QWidget* input = nullptr;
    QString hint;
    if (f->is_repeated() && f->message_type() != nullptr) {
      input = new ItemTable(m, f, this);
    } else if (f->is_repeated()) {
      if (f->cpp_type() != FieldDescriptor::CPPTYPE_STRING) continue;
      QStringList items;
      for (int k = 0; k < refl->FieldSize(m, f); ++k) {
        items << QString::fromStdString(refl->GetRepeatedString(m, f, k));
      }
      auto* line = new QLineEdit(items.join(", "), this);
      line->setPlaceholderText(tr("separated by commas"));
      input = line;
    } else {
      switch (f->cpp_type()) {
        case FieldDescriptor::CPPTYPE_STRING:
          if (f->name() == "organisation_id") {
            input = OrganisationChoice(refl->GetString(m, f));
          } else if (IsDate(f)) {
            input = new DateField(QString::fromStdString(refl->GetString(m, f)),
                                  this);
          } else if (RuleOf(f).format() == kluis::v1::FORMAT_TEXT) {
            // Room for a session report: it grows with the window.
            auto* t = new QPlainTextEdit(
                QString::fromStdString(refl->GetString(m, f)), this);
            t->setTabChangesFocus(true);
            t->setMinimumHeight(6 * fontMetrics().height());
            t->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
            input = t;
            ++text_fields_;
          } else {
            input = new QLineEdit(QString::fromStdString(refl->GetString(m, f)),
                                  this);
          }
          break;
        case FieldDescriptor::CPPTYPE_BOOL: {
          auto* c = new QCheckBox(this);
          c->setChecked(refl->GetBool(m, f));
          input = c;
          break;
        }
        case FieldDescriptor::CPPTYPE_ENUM: {
          auto* c = new QComboBox(this);
          for (int v = 0; v < f->enum_type()->value_count(); ++v) {
            c->addItem(
                v == 0 ? tr("(choose)") : EnumLabel(f->enum_type()->value(v)),
                f->enum_type()->value(v)->number());
          }
          c->setCurrentIndex(c->findData(refl->GetEnumValue(m, f)));
          input = c;
          break;
        }
        case FieldDescriptor::CPPTYPE_UINT32: {
          auto* sb = new QSpinBox(this);
          const uint32_t max = RuleOf(f).max_value();
          sb->setRange(0, max == 0 ? 1000000 : static_cast<int>(max));
          sb->setValue(static_cast<int>(refl->GetUInt32(m, f)));
          input = sb;
          break;
        }
        default:
          continue;  // amounts in cents and the like: the command line
      }
    }
    const std::string key =
        parent == nullptr ? f->name() : parent->name() + "." + f->name();
    input->setObjectName(QString::fromStdString(key));
    auto* error = new QLabel(this);
    error->setWordWrap(true);
    error->setStyleSheet("color: #b00020");
    error->hide();
    auto* cell = new QWidget(this);
    cell->setSizePolicy(input->sizePolicy());
    auto* v = new QVBoxLayout(cell);
    v->setContentsMargins(0, 0, 0, 0);
    v->addWidget(input);
    v->addWidget(error);
    QString label = Label(f);
    if (parent != nullptr) label = Label(parent) + ": " + label.toLower();
    form->addRow(label + (RuleOf(f).required() ? " *" : ""), cell);
    rows_[key] = {parent, f, input, error};
  }
}

QComboBox* RecordForm::OrganisationChoice(const std::string& current) {
  auto* c = new QComboBox(this);
  c->addItem(tr("(none)"), QString());
  kluis::v1::ListRecordsResponse orgs;
  if (api_->Organisations(&orgs).ok()) {
    for (const kluis::v1::Record& o : orgs.records()) {
      c->addItem(QString::fromStdString(o.organisation().name()),
                 QString::fromStdString(o.id()));
    }
  }
  c->setCurrentIndex(std::max(0, c->findData(QString::fromStdString(current))));
  return c;
}

void RecordForm::Read(google::protobuf::Message* body) const {
  for (const auto& [name, row] : rows_) {
    google::protobuf::Message* m =
        row.parent == nullptr
            ? body
            : body->GetReflection()->MutableMessage(body, row.parent);
    const google::protobuf::Reflection* refl = m->GetReflection();
    const FieldDescriptor* f = row.field;
    if (f->is_repeated()) {
      refl->ClearField(m, f);
      if (f->message_type() != nullptr) {
        qobject_cast<ItemTable*>(row.input)->Store(m);
        continue;
      }
      const QString text = qobject_cast<QLineEdit*>(row.input)->text();
      for (const QString& item : text.split(',', Qt::SkipEmptyParts)) {
        if (!item.trimmed().isEmpty()) {
          refl->AddString(m, f, item.trimmed().toStdString());
        }
      }
    } else if (auto* date = qobject_cast<DateField*>(row.input)) {
      // Checked before sending (CheckDates): ISO, or "" when empty.
      refl->SetString(m, f, date->Iso().value_or(""));
    } else if (auto* line = qobject_cast<QLineEdit*>(row.input)) {
      refl->SetString(m, f, line->text().toStdString());
    } else if (auto* text = qobject_cast<QPlainTextEdit*>(row.input)) {
      refl->SetString(m, f, text->toPlainText().toStdString());
    } else if (auto* check = qobject_cast<QCheckBox*>(row.input)) {
      refl->SetBool(m, f, check->isChecked());
    } else if (auto* combo = qobject_cast<QComboBox*>(row.input)) {
      if (f->cpp_type() == FieldDescriptor::CPPTYPE_STRING) {
        refl->SetString(m, f, combo->currentData().toString().toStdString());
      } else {
        refl->SetEnumValue(m, f, combo->currentData().toInt());
      }
    } else if (auto* spin = qobject_cast<QSpinBox*>(row.input)) {
      refl->SetUInt32(m, f, static_cast<uint32_t>(spin->value()));
    }
  }
}

// A rule in the user's language, with the field's format for "format";
// an unknown rule keeps the daemon's English text.
QString RecordForm::RuleText(const FieldError& e,
                             const FieldDescriptor* f) const {
  const std::string& id = e.rule_id;
  if (id == "required") return tr("is required");
  if (id == "date_not_found") return tr("that day does not exist");
  if (id == "future") return tr("may not lie in the future");
  if (id == "bsn") {
    return tr(
        "looks like a BSN (citizen service number); kluis never stores "
        "a BSN");
  }
  if (id == "max_chars") return tr("at most %1 characters").arg(e.limit);
  if (id == "max_value") return tr("at most %1").arg(e.limit);
  if (id == "max_entries") return tr("at most %1 entries").arg(e.limit);
  if (id == "allowed_values") {
    QStringList allowed;
    for (const std::string& a : e.allowed) allowed << QString::fromStdString(a);
    return tr("choose one of: %1").arg(allowed.join(", "));
  }
  if (id == "consent") {
    return tr("needs a consent in force for this recipient and purpose");
  }
  if (id == "accused") {
    return tr("may not name a person complained about");
  }
  if (id == "changed_since_read") {
    return tr(
        "someone changed this record since you opened it: close the "
        "form and open it again");
  }
  if (id == "format" && f != nullptr) {
    switch (RuleOf(f).format()) {
      case kluis::v1::FORMAT_EMAIL:
        return tr("not an e-mail address");
      case kluis::v1::FORMAT_PHONE:
        return tr("not a phone number (6 to 15 digits)");
      case kluis::v1::FORMAT_POSTCODE:
        return tr("not a Dutch postcode (1234 AB)");
      case kluis::v1::FORMAT_IBAN:
        return tr("not a valid IBAN (check the number)");
      case kluis::v1::FORMAT_TIME:
        return tr("not a time (HH:MM)");
      case kluis::v1::FORMAT_DATE:
      case kluis::v1::FORMAT_PAST_DATE:
        return tr(
            "not a date: write it as DD-MM-YYYY (day first), e.g. "
            "12-05-1988");
      default:
        break;
    }
  }
  return QString::fromStdString(e.rule);
}

void RecordForm::ShowError(const grpc::Status& status) {
  for (auto& [name, row] : rows_) row.error->hide();
  general_->hide();
  QStringList elsewhere;
  bool focused = false;
  for (const FieldError& e :
       FieldErrors(status.error_message(), status.error_details())) {
    // "reporter.name" is a row of its own; "guardians[0].email" shows at
    // the guardians' list.
    auto it = rows_.end();
    if (e.body == body_field_->name()) {
      it = rows_.find(e.path);
      if (it == rows_.end()) it = rows_.find(e.field);
    }
    const FieldDescriptor* f = FieldAt(e.body + "." + e.path);
    if (it == rows_.end()) {
      elsewhere << PathLabel(e.body.empty() ? e.path : e.body + "." + e.path) +
                       ": " + RuleText(e, f);
      continue;
    }
    it->second.error->setText(RuleText(e, f));
    it->second.error->show();
    if (!focused) it->second.input->setFocus();
    focused = true;
  }
  if (!focused && elsewhere.isEmpty()) {
    elsewhere << QString::fromStdString(status.error_message());
  }
  if (elsewhere.isEmpty()) return;
  general_->setText(elsewhere.join("\n"));
  general_->show();
}

// Dates are typed day first; one that cannot be read stops the save with
// the rule at its field (the daemon only ever gets ISO).
bool RecordForm::CheckDates() {
  bool ok = true;
  for (auto& [name, row] : rows_) {
    auto* date = qobject_cast<DateField*>(row.input);
    if (date == nullptr || date->Iso().has_value()) continue;
    row.error->setText(
        tr("not a date: write it as DD-MM-YYYY (day first), e.g. 12-05-1988"));
    row.error->show();
    ok = false;
  }
  return ok;
}

bool RecordForm::Submit() {
  for (auto& [name, row] : rows_) row.error->hide();
  if (!CheckDates()) return false;
  kluis::v1::Record next = record_;
  Read(Body(&next));
  grpc::Status s;
  if (next.id().empty()) {
    std::string id;
    s = api_->Create(dossier_id_, next, &id);
    if (s.ok() && dossier_id_.empty() &&
        (next.has_client() || next.has_adviser_case())) {
      dossier_id_ = id;
    }
  } else {
    kluis::v1::Record saved;
    s = api_->Update(dossier_id_, next, &saved);
    if (s.ok()) record_ = saved;
  }
  if (!s.ok()) {
    ShowError(s);
    return false;
  }
  for (auto& [name, row] : rows_) row.error->hide();
  general_->hide();
  return true;
}

QWidget* RecordForm::Input(const std::string& field) const {
  auto it = rows_.find(field);
  return it == rows_.end() ? nullptr : it->second.input;
}

QString RecordForm::ErrorAt(const std::string& field) const {
  auto it = rows_.find(field);
  if (it == rows_.end() || it->second.error->isHidden()) return QString();
  return it->second.error->text();
}

}  // namespace kluis::desktop
