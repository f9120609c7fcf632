// ItemTable: a list of people in a record (a client's parents or carers, a
// case's persons complained about, its children) as a small table with a
// column per field (by its label), a row per person, and Add and Remove.
// Choices are picked from a list; numbers and text are typed.
//
// Thread-safety: GUI thread only.
#ifndef KLUIS_CLIENT_DESKTOP_ITEM_TABLE_H_
#define KLUIS_CLIENT_DESKTOP_ITEM_TABLE_H_

#include <google/protobuf/message.h>

#include <QPushButton>
#include <QTableWidget>
#include <QWidget>
#include <string>
#include <vector>

namespace kluis::desktop {

class ItemTable : public QWidget {
  Q_OBJECT

 public:
  // `list` is a repeated message field (Client.guardians); the table shows
  // the items it holds in `m`.
  ItemTable(const google::protobuf::Message& m,
            const google::protobuf::FieldDescriptor* list,
            QWidget* parent = nullptr);

  // Replaces the list in `m` with the table's rows (rows left empty are
  // skipped).
  void Store(google::protobuf::Message* m) const;
  // A new empty row; its index.
  int AddRow();
  void RemoveSelected();
  // A cell's text, by row and field name (a choice: its label).
  QString Cell(int row, const std::string& field) const;
  void SetCell(int row, const std::string& field, const QString& text);
  QTableWidget* table() { return table_; }
  QPushButton* add_button() { return add_; }
  QPushButton* remove_button() { return remove_; }

 private:
  int Column(const std::string& field) const;
  const google::protobuf::FieldDescriptor* list_;
  std::vector<const google::protobuf::FieldDescriptor*> columns_;
  QTableWidget* table_;
  QPushButton* add_;
  QPushButton* remove_;
};

}  // namespace kluis::desktop

#endif  // KLUIS_CLIENT_DESKTOP_ITEM_TABLE_H_
