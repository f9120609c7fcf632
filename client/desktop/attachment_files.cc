#include "client/desktop/attachment_files.h"

#include <sys/inotify.h>
#include <unistd.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <algorithm>
#include <memory>

namespace kluis::desktop {
namespace {

// RAM, not disk: the user's runtime directory, else /dev/shm.
QString RamBase() {
  const QByteArray runtime = qgetenv("XDG_RUNTIME_DIR");
  if (!runtime.isEmpty() && QFileInfo(QString(runtime)).isDir()) {
    return QString(runtime);
  }
  return "/dev/shm";
}

}  // namespace

AttachmentFiles::AttachmentFiles(DaemonApi* api) : api_(api) {}

AttachmentFiles::~AttachmentFiles() {
  RemoveAll();
  notifier_.reset();
  if (inotify_ >= 0) ::close(inotify_);
}

void AttachmentFiles::RemoveWhenClosed(const QString& path) {
  if (inotify_ < 0) {
    inotify_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (inotify_ < 0) return;  // lock and exit still remove it
    notifier_ =
        std::make_unique<QSocketNotifier>(inotify_, QSocketNotifier::Read);
    connect(notifier_.get(), &QSocketNotifier::activated, this,
            &AttachmentFiles::OnInotify);
  }
  const int wd = inotify_add_watch(inotify_, path.toLocal8Bit().constData(),
                                   IN_CLOSE_NOWRITE | IN_CLOSE_WRITE);
  if (wd >= 0) watches_[wd] = path;
}

void AttachmentFiles::OnInotify() {
  alignas(inotify_event) char buf[4096];
  for (;;) {
    const ssize_t n = ::read(inotify_, buf, sizeof buf);
    if (n <= 0) return;
    for (ssize_t at = 0; at < n;) {
      const auto* e = reinterpret_cast<const inotify_event*>(buf + at);
      auto it = watches_.find(e->wd);
      if (it != watches_.end() && (e->mask & IN_CLOSE) != 0) {
        const QString path = it->second;
        watches_.erase(it);
        inotify_rm_watch(inotify_, e->wd);
        Shred(path);
        files_.erase(std::remove(files_.begin(), files_.end(), path),
                     files_.end());
      }
      at += static_cast<ssize_t>(sizeof(inotify_event)) + e->len;
    }
  }
}

QString AttachmentFiles::Decrypt(const std::string& dossier_id,
                                 const std::string& record_id, QString* error) {
  if (folder_.isEmpty()) {
    QTemporaryDir dir(RamBase() + "/kluis-desktop-XXXXXX");
    if (!dir.isValid()) {
      *error = tr("no private folder in RAM for the file");
      return QString();
    }
    dir.setAutoRemove(false);
    folder_ = dir.path();
    QFile::setPermissions(folder_, QFileDevice::ReadOwner |
                                       QFileDevice::WriteOwner |
                                       QFileDevice::ExeOwner);
  }
  kluis::v1::Record record;
  std::string data;
  grpc::Status s = api_->Fetch(dossier_id, record_id, &record, &data);
  if (!s.ok()) {
    *error = QString::fromStdString(s.error_message());
    return QString();
  }
  // The daemon checked the name (a base name, no "/" or "..").
  const QString name = QString::fromStdString(record.attachment().name());
  QString path = folder_ + "/" + name;
  for (int i = 2; QFile::exists(path); ++i) {
    path = folder_ + "/" + QString::number(i) + "-" + name;
  }
  QFile f(path);
  if (!f.open(QIODevice::WriteOnly | QIODevice::NewOnly) ||
      !f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner) ||
      f.write(data.data(), static_cast<qint64>(data.size())) !=
          static_cast<qint64>(data.size())) {
    *error = tr("the file could not be written: %1").arg(f.errorString());
    std::fill(data.begin(), data.end(), '\0');
    return QString();
  }
  f.close();
  std::fill(data.begin(), data.end(), '\0');
  files_.push_back(path);
  return path;
}

void AttachmentFiles::RemoveAll() {
  for (const auto& [wd, path] : watches_) inotify_rm_watch(inotify_, wd);
  watches_.clear();
  for (const QString& path : files_) Shred(path);
  files_.clear();
  if (!folder_.isEmpty()) QDir(folder_).removeRecursively();
  folder_.clear();
}

void AttachmentFiles::Shred(const QString& path) {
  {
    QFile f(path);
    if (f.open(QIODevice::ReadWrite)) {
      const QByteArray zeros(
          static_cast<int>(std::min<qint64>(f.size(), 1 << 20)), '\0');
      for (qint64 left = f.size(); left > 0; left -= zeros.size()) {
        f.write(zeros.constData(), std::min<qint64>(left, zeros.size()));
      }
      f.flush();
      f.close();
    }
  }
  QFile::remove(path);
}

}  // namespace kluis::desktop
