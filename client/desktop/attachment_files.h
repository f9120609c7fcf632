// AttachmentFiles: an attachment opened in the system viewer, only after
// an explicit click. Its plaintext goes to a private file in RAM
// ($XDG_RUNTIME_DIR, else /dev/shm: a 0700 folder, 0600 files). A file
// is removed as soon as the viewer closes it (inotify: the first close
// after it was handed over; a viewer that keeps it open closes it when it
// closes), and every one when the vault locks and when the window closes.
// The window says so before the file is made.
//
// Thread-safety: GUI thread only.
#ifndef KLUIS_CLIENT_DESKTOP_ATTACHMENT_FILES_H_
#define KLUIS_CLIENT_DESKTOP_ATTACHMENT_FILES_H_

#include <QObject>
#include <QSocketNotifier>
#include <QString>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "client/desktop/daemon_api.h"

namespace kluis::desktop {

class AttachmentFiles : public QObject {
  Q_OBJECT

 public:
  explicit AttachmentFiles(DaemonApi* api);
  ~AttachmentFiles();  // RemoveAll()
  AttachmentFiles(const AttachmentFiles&) = delete;
  AttachmentFiles& operator=(const AttachmentFiles&) = delete;

  // Decrypts the attachment into a new private file named as the record
  // says; "" with `error` set when the daemon refused or the file failed.
  QString Decrypt(const std::string& dossier_id, const std::string& record_id,
                  QString* error);
  // Overwrites each file with zeros, then removes it and its folder.
  void RemoveAll();
  // From now on, the first close of `path` by anyone removes it.
  void RemoveWhenClosed(const QString& path);
  const std::vector<QString>& files() const { return files_; }
  QString folder() const { return folder_; }

 private:
  DaemonApi* api_;
  QString folder_;  // made on first use
  std::vector<QString> files_;
  int inotify_ = -1;
  std::unique_ptr<QSocketNotifier> notifier_;
  std::map<int, QString> watches_;  // inotify watch → file

  void OnInotify();
  static void Shred(const QString& path);
};

}  // namespace kluis::desktop

#endif  // KLUIS_CLIENT_DESKTOP_ATTACHMENT_FILES_H_
