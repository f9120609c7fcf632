#include "client/desktop/record_form.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QVBoxLayout>

#include "client/desktop/field_error.h"
#include "kluis/v1/rules.pb.h"

namespace kluis::desktop {
namespace {

using google::protobuf::FieldDescriptor;

const kluis::v1::FieldRule& RuleOf(const FieldDescriptor* f) {
  return f->options().GetExtension(kluis::v1::rule);
}

// "birth_date" → "Birth date".
QString Label(const FieldDescriptor* f) {
  QString s = QString::fromStdString(f->name()).replace('_', ' ');
  if (!s.isEmpty()) s[0] = s[0].toUpper();
  return s;
}

// An enum value as the person reads it: DIRECTION_INCOMING → "incoming".
QString ValueLabel(const google::protobuf::EnumValueDescriptor* v) {
  const std::string prefix =
      v->type()->value_count() > 0 ? v->type()->value(0)->name() : "";
  std::string name = v->name();
  const size_t cut = prefix.rfind("UNSPECIFIED");
  if (cut != std::string::npos && name.compare(0, cut, prefix, 0, cut) == 0) {
    name = name.substr(cut);
  }
  return QString::fromStdString(name).toLower().replace('_', ' ');
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
  const google::protobuf::Message& body = *Body(&record_);
  const google::protobuf::Reflection* refl = body.GetReflection();
  const google::protobuf::Descriptor* d = body.GetDescriptor();
  for (int i = 0; i < d->field_count(); ++i) {
    const FieldDescriptor* f = d->field(i);
    if (f->is_repeated() || f->message_type() != nullptr ||
        RuleOf(f).output_only()) {
      continue;
    }
    QWidget* input = nullptr;
    switch (f->cpp_type()) {
      case FieldDescriptor::CPPTYPE_STRING:
        if (RuleOf(f).format() == kluis::v1::FORMAT_TEXT) {
          auto* t = new QPlainTextEdit(
              QString::fromStdString(refl->GetString(body, f)), this);
          t->setTabChangesFocus(true);
          input = t;
        } else {
          input = new QLineEdit(
              QString::fromStdString(refl->GetString(body, f)), this);
        }
        break;
      case FieldDescriptor::CPPTYPE_BOOL: {
        auto* c = new QCheckBox(this);
        c->setChecked(refl->GetBool(body, f));
        input = c;
        break;
      }
      case FieldDescriptor::CPPTYPE_ENUM: {
        auto* c = new QComboBox(this);
        for (int v = 0; v < f->enum_type()->value_count(); ++v) {
          c->addItem(
              v == 0 ? tr("(choose)") : ValueLabel(f->enum_type()->value(v)),
              f->enum_type()->value(v)->number());
        }
        c->setCurrentIndex(c->findData(refl->GetEnumValue(body, f)));
        input = c;
        break;
      }
      case FieldDescriptor::CPPTYPE_UINT32: {
        auto* s = new QSpinBox(this);
        const uint32_t max = RuleOf(f).max_value();
        s->setRange(0, max == 0 ? 1000000 : static_cast<int>(max));
        s->setValue(static_cast<int>(refl->GetUInt32(body, f)));
        input = s;
        break;
      }
      default:
        continue;  // amounts in cents and the like: the command line
    }
    input->setObjectName(QString::fromStdString(f->name()));
    auto* error = new QLabel(this);
    error->setWordWrap(true);
    error->setStyleSheet("color: #b00020");
    error->hide();
    auto* cell = new QWidget(this);
    auto* v = new QVBoxLayout(cell);
    v->setContentsMargins(0, 0, 0, 0);
    v->addWidget(input);
    v->addWidget(error);
    form->addRow(Label(f) + (RuleOf(f).required() ? " *" : ""), cell);
    rows_[f->name()] = {f, input, error};
  }
  auto* buttons =
      new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel);
  layout->addWidget(buttons);
  connect(buttons, &QDialogButtonBox::accepted, this, [this] {
    if (Submit()) accept();
  });
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void RecordForm::Read(google::protobuf::Message* body) const {
  const google::protobuf::Reflection* refl = body->GetReflection();
  for (const auto& [name, row] : rows_) {
    const FieldDescriptor* f = row.field;
    if (auto* line = qobject_cast<QLineEdit*>(row.input)) {
      refl->SetString(body, f, line->text().toStdString());
    } else if (auto* text = qobject_cast<QPlainTextEdit*>(row.input)) {
      refl->SetString(body, f, text->toPlainText().toStdString());
    } else if (auto* check = qobject_cast<QCheckBox*>(row.input)) {
      refl->SetBool(body, f, check->isChecked());
    } else if (auto* combo = qobject_cast<QComboBox*>(row.input)) {
      refl->SetEnumValue(body, f, combo->currentData().toInt());
    } else if (auto* spin = qobject_cast<QSpinBox*>(row.input)) {
      refl->SetUInt32(body, f, static_cast<uint32_t>(spin->value()));
    }
  }
}

void RecordForm::ShowError(const std::string& message) {
  for (auto& [name, row] : rows_) row.error->hide();
  general_->hide();
  const std::optional<FieldError> e = ParseFieldError(message);
  if (e.has_value() && e->body == body_field_->name()) {
    auto it = rows_.find(e->field);
    if (it != rows_.end()) {
      it->second.error->setText(QString::fromStdString(e->rule));
      it->second.error->show();
      it->second.input->setFocus();
      return;
    }
  }
  general_->setText(QString::fromStdString(message));
  general_->show();
}

bool RecordForm::Submit() {
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
    ShowError(s.error_message());
    return false;
  }
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
