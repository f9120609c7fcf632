// RecordForm: the form for one record of any kind, made from the kind's
// proto fields: text, yes/no, choice and number fields; the fields of a
// nested message (a case's reporter) as rows of their own; a list of words
// comma-separated; a date with a calendar (typed day first, sent as ISO);
// free text in a large editor that grows with the window; a list of people
// (guardians, accused, children) as a small table with Add and Remove. Saving
// sends the record to kluisd; a refusal is shown at the field it names, with
// the daemon's rule ("a BSN typed into a note is refused with the policy").
//
// Thread-safety: GUI thread only.
#ifndef KLUIS_CLIENT_DESKTOP_RECORD_FORM_H_
#define KLUIS_CLIENT_DESKTOP_RECORD_FORM_H_

#include <QComboBox>
#include <QDialog>
#include <QFormLayout>
#include <QLabel>
#include <map>
#include <string>

#include "client/desktop/daemon_api.h"
#include "client/desktop/field_error.h"

namespace kluis::desktop {

class RecordForm : public QDialog {
  Q_OBJECT

 public:
  // `record` holds the body to edit (set, even if empty, to choose the
  // kind); without an id it is created, in `dossier_id` ("" for a new
  // dossier or a practice record).
  RecordForm(DaemonApi* api, std::string dossier_id, kluis::v1::Record record,
             QWidget* parent = nullptr);

  // Sizes the form for a screen whose free area is `available`: tall when
  // it has a text to write (a note, a report), which grows with it.
  void FitTo(const QRect& available);
  void done(int result) override;  // remembers the size per kind
  // Sends the form. False (and the error shown) when kluisd refused it.
  bool Submit();
  // The input widget and the error shown under a body field ("iban").
  QWidget* Input(const std::string& field) const;
  QString ErrorAt(const std::string& field) const;
  QString GeneralError() const { return general_->text(); }
  // After a successful Submit: the dossier (new or given) and record ids.
  const std::string& dossier_id() const { return dossier_id_; }

 private:
  struct Row {
    // The singular message field it sits in (a case's reporter), if any.
    const google::protobuf::FieldDescriptor* parent;
    const google::protobuf::FieldDescriptor* field;
    QWidget* input;
    QLabel* error;
  };
  void Build();
  bool CheckDates();
  QString GeometryKey() const;
  // Organisations by name (an organisation_id field).
  QComboBox* OrganisationChoice(const std::string& current);
  void AddRows(QFormLayout* form, const google::protobuf::Message& m,
               const google::protobuf::FieldDescriptor* parent);
  void Read(google::protobuf::Message* body) const;
  void ShowError(const grpc::Status& status);
  QString RuleText(const FieldError& e,
                   const google::protobuf::FieldDescriptor* f) const;
  google::protobuf::Message* Body(kluis::v1::Record* record) const;

  DaemonApi* api_;
  std::string dossier_id_;
  kluis::v1::Record record_;
  const google::protobuf::FieldDescriptor* body_field_ = nullptr;
  std::map<std::string, Row> rows_;
  QLabel* general_ = nullptr;
  int text_fields_ = 0;
};

}  // namespace kluis::desktop

#endif  // KLUIS_CLIENT_DESKTOP_RECORD_FORM_H_
