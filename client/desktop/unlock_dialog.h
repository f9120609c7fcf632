// UnlockDialog: the passphrase, or (second tab) the recovery key from the
// safe with a new passphrase. Secrets live in the line edits only as long
// as the dialog does, and are cleared once sent.
//
// Thread-safety: GUI thread only.
#ifndef KLUIS_CLIENT_DESKTOP_UNLOCK_DIALOG_H_
#define KLUIS_CLIENT_DESKTOP_UNLOCK_DIALOG_H_

#include <QDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTabWidget>

#include "client/desktop/daemon_api.h"

namespace kluis::desktop {

class UnlockDialog : public QDialog {
  Q_OBJECT

 public:
  explicit UnlockDialog(DaemonApi* api, QWidget* parent = nullptr);

  // Unlocks with what was typed (passphrase, or recovery key and new
  // passphrase); false with the daemon's message shown.
  bool Submit();
  QLineEdit* passphrase() { return passphrase_; }
  QPlainTextEdit* recovery_key() { return recovery_; }
  QLineEdit* new_passphrase() { return new_passphrase_; }
  QTabWidget* tabs() { return tabs_; }
  QString Error() const { return error_->text(); }

 private:
  DaemonApi* api_;
  QTabWidget* tabs_;
  QLineEdit* passphrase_;
  QPlainTextEdit* recovery_;
  QLineEdit* new_passphrase_;
  QLabel* error_;
};

}  // namespace kluis::desktop

#endif  // KLUIS_CLIENT_DESKTOP_UNLOCK_DIALOG_H_
