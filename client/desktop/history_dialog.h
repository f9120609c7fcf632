// HistoryDialog: the versions of one record (or, with no record id, of
// every record of the dossier), newest first; the field-level changes from
// a chosen version to that record's current one; and "restore this
// version" (a new version; history keeps everything).
//
// Thread-safety: GUI thread only.
#ifndef KLUIS_CLIENT_DESKTOP_HISTORY_DIALOG_H_
#define KLUIS_CLIENT_DESKTOP_HISTORY_DIALOG_H_

#include <QDialog>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QTableWidget>
#include <string>

#include "client/desktop/daemon_api.h"

namespace kluis::desktop {

class HistoryDialog : public QDialog {
  Q_OBJECT

 public:
  HistoryDialog(DaemonApi* api, std::string dossier_id, std::string record_id,
                QWidget* parent = nullptr);

  void Reload();
  // Sizes the dialog for a screen whose free area is `available`.
  void FitTo(const QRect& available);
  QListWidget* versions() { return versions_; }
  QTableWidget* changes() { return diff_; }
  int VersionTextNeed() const;
  void done(int result) override;  // remembers the size
  int VersionCount() const { return versions_->count(); }
  // Shows what changed from version `row` to the current one.
  void SelectVersion(int row);
  // Each changed field as "field: old → new".
  QStringList Changes() const;
  bool RestoreSelected();
  bool RestoreEnabled() const { return restore_->isEnabled(); }

 private:
  static QString OperationLabel(const std::string& operation);
  std::string RecordOf(int row) const;
  // No later version of the same record in the list.
  bool IsNewest(int row) const;
  DaemonApi* api_;
  const std::string dossier_id_, record_id_;
  kluis::v1::ListVersionsResponse list_;
  QListWidget* versions_;
  QTableWidget* diff_;
  QPushButton* restore_;
  QLabel* error_;
};

}  // namespace kluis::desktop

#endif  // KLUIS_CLIENT_DESKTOP_HISTORY_DIALOG_H_
