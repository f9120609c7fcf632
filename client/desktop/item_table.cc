#include "client/desktop/item_table.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QVBoxLayout>

#include "client/desktop/field_names.h"

namespace kluis::desktop {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

ItemTable::ItemTable(const Message& m, const FieldDescriptor* list,
                     QWidget* parent)
    : QWidget(parent), list_(list) {
  const google::protobuf::Descriptor* item = list->message_type();
  QStringList headers;
  for (int i = 0; i < item->field_count(); ++i) {
    const FieldDescriptor* f = item->field(i);
    if (f->is_repeated() || f->message_type() != nullptr) continue;
    columns_.push_back(f);
    headers << FieldLabel(f->name());
  }
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  table_ = new QTableWidget(0, static_cast<int>(columns_.size()), this);
  table_->setHorizontalHeaderLabels(headers);
  table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
  table_->verticalHeader()->hide();
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setTabKeyNavigation(true);
  table_->setMinimumHeight(5 * fontMetrics().height());
  layout->addWidget(table_);
  auto* buttons = new QHBoxLayout();
  add_ = new QPushButton(tr("Add"), this);
  remove_ = new QPushButton(tr("Remove"), this);
  buttons->addWidget(add_);
  buttons->addWidget(remove_);
  buttons->addStretch(1);
  layout->addLayout(buttons);
  connect(add_, &QPushButton::clicked, this, [this] {
    const int row = AddRow();
    table_->setCurrentCell(row, 0);
    table_->editItem(table_->item(row, 0));
  });
  connect(remove_, &QPushButton::clicked, this, &ItemTable::RemoveSelected);

  const google::protobuf::Reflection* refl = m.GetReflection();
  for (int i = 0; i < refl->FieldSize(m, list); ++i) {
    const Message& it = refl->GetRepeatedMessage(m, list, i);
    const int row = AddRow();
    for (size_t c = 0; c < columns_.size(); ++c) {
      const FieldDescriptor* f = columns_[c];
      const google::protobuf::Reflection* r = it.GetReflection();
      if (f->cpp_type() == FieldDescriptor::CPPTYPE_ENUM) {
        auto* box = qobject_cast<QComboBox*>(
            table_->cellWidget(row, static_cast<int>(c)));
        box->setCurrentIndex(box->findData(r->GetEnumValue(it, f)));
      } else if (f->cpp_type() == FieldDescriptor::CPPTYPE_UINT32) {
        const uint32_t v = r->GetUInt32(it, f);
        table_->item(row, static_cast<int>(c))
            ->setText(v == 0 ? QString() : QString::number(v));
      } else if (f->cpp_type() == FieldDescriptor::CPPTYPE_STRING) {
        table_->item(row, static_cast<int>(c))
            ->setText(QString::fromStdString(r->GetString(it, f)));
      }
    }
  }
}

int ItemTable::AddRow() {
  const int row = table_->rowCount();
  table_->insertRow(row);
  for (size_t c = 0; c < columns_.size(); ++c) {
    const FieldDescriptor* f = columns_[c];
    if (f->cpp_type() == FieldDescriptor::CPPTYPE_ENUM) {
      auto* box = new QComboBox(table_);
      for (int v = 0; v < f->enum_type()->value_count(); ++v) {
        box->addItem(
            v == 0 ? tr("(choose)") : EnumLabel(f->enum_type()->value(v)),
            f->enum_type()->value(v)->number());
      }
      table_->setCellWidget(row, static_cast<int>(c), box);
    } else {
      table_->setItem(row, static_cast<int>(c), new QTableWidgetItem());
    }
  }
  return row;
}

void ItemTable::RemoveSelected() {
  const int row = table_->currentRow();
  if (row >= 0) table_->removeRow(row);
}

int ItemTable::Column(const std::string& field) const {
  for (size_t c = 0; c < columns_.size(); ++c) {
    if (columns_[c]->name() == field) return static_cast<int>(c);
  }
  return -1;
}

QString ItemTable::Cell(int row, const std::string& field) const {
  const int c = Column(field);
  if (c < 0 || row < 0 || row >= table_->rowCount()) return QString();
  if (auto* box = qobject_cast<QComboBox*>(table_->cellWidget(row, c))) {
    return box->currentIndex() == 0 ? QString() : box->currentText();
  }
  return table_->item(row, c)->text();
}

void ItemTable::SetCell(int row, const std::string& field,
                        const QString& text) {
  const int c = Column(field);
  if (c < 0 || row < 0 || row >= table_->rowCount()) return;
  if (auto* box = qobject_cast<QComboBox*>(table_->cellWidget(row, c))) {
    box->setCurrentIndex(std::max(0, box->findText(text)));
    return;
  }
  table_->item(row, c)->setText(text);
}

void ItemTable::Store(Message* m) const {
  const google::protobuf::Reflection* refl = m->GetReflection();
  refl->ClearField(m, list_);
  for (int row = 0; row < table_->rowCount(); ++row) {
    bool empty = true;
    for (size_t c = 0; c < columns_.size(); ++c) {
      if (!Cell(row, columns_[c]->name()).trimmed().isEmpty()) empty = false;
    }
    if (empty) continue;
    Message* item = refl->AddMessage(m, list_);
    const google::protobuf::Reflection* r = item->GetReflection();
    for (size_t c = 0; c < columns_.size(); ++c) {
      const FieldDescriptor* f = columns_[c];
      const QString text = Cell(row, f->name()).trimmed();
      if (f->cpp_type() == FieldDescriptor::CPPTYPE_ENUM) {
        auto* box = qobject_cast<QComboBox*>(
            table_->cellWidget(row, static_cast<int>(c)));
        r->SetEnumValue(item, f, box->currentData().toInt());
      } else if (f->cpp_type() == FieldDescriptor::CPPTYPE_UINT32) {
        r->SetUInt32(item, f, text.toUInt());
      } else if (f->cpp_type() == FieldDescriptor::CPPTYPE_STRING) {
        r->SetString(item, f, text.toStdString());
      }
    }
  }
}

}  // namespace kluis::desktop
