#include "client/desktop/attachment_files.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
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

AttachmentFiles::~AttachmentFiles() { RemoveAll(); }

QString AttachmentFiles::Decrypt(const std::string& dossier_id,
                                 const std::string& record_id, QString* error) {
  if (folder_.isEmpty()) {
    QTemporaryDir dir(RamBase() + "/kluis-desktop-XXXXXX");
    if (!dir.isValid()) {
      *error = QObject::tr("no private folder in RAM for the file");
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
  const QString path =
      folder_ + "/" + QString::fromStdString(record.attachment().name());
  QFile f(path);
  if (!f.open(QIODevice::WriteOnly | QIODevice::NewOnly) ||
      !f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner) ||
      f.write(data.data(), static_cast<qint64>(data.size())) !=
          static_cast<qint64>(data.size())) {
    *error =
        QObject::tr("the file could not be written: %1").arg(f.errorString());
    std::fill(data.begin(), data.end(), '\0');
    return QString();
  }
  f.close();
  std::fill(data.begin(), data.end(), '\0');
  files_.push_back(path);
  return path;
}

void AttachmentFiles::RemoveAll() {
  for (const QString& path : files_) {
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
    QFile::remove(path);
  }
  files_.clear();
  if (!folder_.isEmpty()) QDir(folder_).removeRecursively();
  folder_.clear();
}

}  // namespace kluis::desktop
