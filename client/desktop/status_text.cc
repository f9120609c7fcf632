#include "client/desktop/status_text.h"

#include <QObject>

namespace kluis::desktop {

QStringList StatusParts(const kluis::v1::StatusResponse& st,
                        const kluis::v1::BackupStatusResponse& backups) {
  QStringList urgent, rest;
  if (!st.initialized()) {
    return {QObject::tr("No vault yet: run kluis init")};
  }
  rest << (st.unlocked() ? QObject::tr("Unlocked · %n dossier(s)", "",
                                       static_cast<int>(st.dossiers()))
                         : QObject::tr("Locked"));
  for (const kluis::v1::BreachDeadline& b : st.breaches()) {
    urgent << (b.minutes_left() < 0
                   ? QObject::tr("Breach: the 72 hours ENDED %1")
                         .arg(QString::fromStdString(b.deadline()))
                   : QObject::tr("Breach: %1 h left to notify the AP")
                         .arg(b.minutes_left() / 60));
  }
  if (st.requests_overdue() > 0) {
    urgent << QObject::tr("%n request(s) past their deadline", "",
                          static_cast<int>(st.requests_overdue()));
  }
  if (st.requests_due_soon() > 0) {
    rest << QObject::tr("%n request(s) due within 7 days", "",
                        static_cast<int>(st.requests_due_soon()));
  }
  if (st.retention_due() > 0) {
    rest << QObject::tr("%n item(s) past their retention term", "",
                        static_cast<int>(st.retention_due()));
  }
  if (backups.targets().empty()) {
    urgent << QObject::tr("No backup drive yet");
  }
  for (const kluis::v1::BackupTarget& t : backups.targets()) {
    const QString name = QString::fromStdString(t.name());
    if (t.overdue()) {
      urgent << QObject::tr("Backup to %1 OVERDUE").arg(name);
    } else {
      rest << QObject::tr("Last backup to %1: %2")
                  .arg(name,
                       QString::fromStdString(t.last_good_run()).left(10));
    }
  }
  return urgent + rest;
}

}  // namespace kluis::desktop
