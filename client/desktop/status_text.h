// The status strip's words: locked or unlocked, the backup (overdue, or
// the last good run), and what is due: retention, requests of data
// subjects, breaches whose 72 hours run. From the daemon's answers only.
//
// Thread-safety: pure function.
#ifndef KLUIS_CLIENT_DESKTOP_STATUS_TEXT_H_
#define KLUIS_CLIENT_DESKTOP_STATUS_TEXT_H_

#include <QString>
#include <QStringList>

#include "kluis/v1/backup.pb.h"
#include "kluis/v1/vault.pb.h"

namespace kluis::desktop {

// Each part of the strip; the ones that need action first.
QStringList StatusParts(const kluis::v1::StatusResponse& status,
                        const kluis::v1::BackupStatusResponse& backups);

}  // namespace kluis::desktop

#endif  // KLUIS_CLIENT_DESKTOP_STATUS_TEXT_H_
