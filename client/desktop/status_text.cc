#include "client/desktop/status_text.h"

#include <QCoreApplication>

namespace kluis::desktop {

QStringList StatusParts(const kluis::v1::StatusResponse& st,
                        const kluis::v1::BackupStatusResponse& backups) {
  QStringList urgent, rest;
  if (!st.initialized()) {
    return {QCoreApplication::translate("kluis::desktop::StatusText",
                                        "No vault yet: run kluis init")};
  }
  // lupdate reads a count only as a plain name.
  const int dossiers = static_cast<int>(st.dossiers());
  const int overdue = static_cast<int>(st.requests_overdue());
  const int due_soon = static_cast<int>(st.requests_due_soon());
  const int retention_due = static_cast<int>(st.retention_due());
  rest << (st.unlocked() ? QCoreApplication::translate(
                               "kluis::desktop::StatusText",
                               "Unlocked · %n dossier(s)", "", dossiers)
                         : QCoreApplication::translate(
                               "kluis::desktop::StatusText", "Locked"));
  for (const kluis::v1::BreachDeadline& b : st.breaches()) {
    urgent << (b.minutes_left() < 0
                   ? QCoreApplication::translate(
                         "kluis::desktop::StatusText",
                         "Breach: the 72 hours ENDED %1")
                         .arg(QString::fromStdString(b.deadline()))
                   : QCoreApplication::translate(
                         "kluis::desktop::StatusText",
                         "Breach: %1 h left to notify the AP")
                         .arg(b.minutes_left() / 60));
  }
  if (st.requests_overdue() > 0) {
    urgent << QCoreApplication::translate("kluis::desktop::StatusText",
                                          "%n request(s) past their deadline",
                                          "", overdue);
  }
  if (st.requests_due_soon() > 0) {
    rest << QCoreApplication::translate("kluis::desktop::StatusText",
                                        "%n request(s) due within 7 days", "",
                                        due_soon);
  }
  if (st.retention_due() > 0) {
    rest << QCoreApplication::translate("kluis::desktop::StatusText",
                                        "%n item(s) past their retention term",
                                        "", retention_due);
  }
  if (backups.targets().empty()) {
    urgent << QCoreApplication::translate("kluis::desktop::StatusText",
                                          "No backup drive yet");
  }
  for (const kluis::v1::BackupTarget& t : backups.targets()) {
    const QString name = QString::fromStdString(t.name());
    if (t.overdue()) {
      urgent << QCoreApplication::translate("kluis::desktop::StatusText",
                                            "Backup to %1 OVERDUE")
                    .arg(name);
    } else {
      rest << QCoreApplication::translate("kluis::desktop::StatusText",
                                          "Last backup to %1: %2")
                  .arg(name,
                       QString::fromStdString(t.last_good_run()).left(10));
    }
  }
  return urgent + rest;
}

}  // namespace kluis::desktop
