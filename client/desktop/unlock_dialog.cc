#include "client/desktop/unlock_dialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QPushButton>
#include <QVBoxLayout>

namespace kluis::desktop {

UnlockDialog::UnlockDialog(DaemonApi* api, QWidget* parent)
    : QDialog(parent), api_(api) {
  setWindowTitle(tr("Unlock the vault"));
  auto* layout = new QVBoxLayout(this);
  tabs_ = new QTabWidget(this);
  auto* normal = new QWidget(this);
  auto* f1 = new QFormLayout(normal);
  passphrase_ = new QLineEdit(normal);
  passphrase_->setEchoMode(QLineEdit::Password);
  f1->addRow(tr("&Passphrase"), passphrase_);
  tabs_->addTab(normal, tr("Passphrase"));
  auto* recover = new QWidget(this);
  auto* f2 = new QFormLayout(recover);
  recovery_ = new QPlainTextEdit(recover);
  recovery_->setPlaceholderText(tr("The recovery key you printed at init"));
  recovery_->setTabChangesFocus(true);
  new_passphrase_ = new QLineEdit(recover);
  new_passphrase_->setEchoMode(QLineEdit::Password);
  f2->addRow(tr("&Recovery key"), recovery_);
  f2->addRow(tr("&New passphrase"), new_passphrase_);
  tabs_->addTab(recover, tr("Forgot the passphrase"));
  layout->addWidget(tabs_);
  error_ = new QLabel(this);
  error_->setWordWrap(true);
  error_->setStyleSheet("color: #b00020");
  layout->addWidget(error_);
  auto* buttons =
      new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
  buttons->button(QDialogButtonBox::Ok)->setText(tr("Unlock"));
  buttons->button(QDialogButtonBox::Ok)->setDefault(true);  // Enter unlocks
  buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
  layout->addWidget(buttons);
  connect(buttons, &QDialogButtonBox::accepted, this, [this] {
    if (Submit()) accept();
  });
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

bool UnlockDialog::Submit() {
  grpc::Status s;
  if (tabs_->currentIndex() == 0) {
    s = api_->Unlock(passphrase_->text().toStdString());
  } else {
    s = api_->Recover(recovery_->toPlainText().toStdString(),
                      new_passphrase_->text().toStdString());
  }
  passphrase_->clear();
  new_passphrase_->clear();
  if (s.ok()) {
    recovery_->clear();
    error_->clear();
    return true;
  }
  error_->setText(QString::fromStdString(s.error_message()));
  return false;
}

}  // namespace kluis::desktop
