#include "daemon/store/git_blob_stream.h"

#include <git2/sys/odb_backend.h>

#include <algorithm>
#include <cstring>

#include "daemon/store/git_handles.h"

namespace kluis::store {
namespace {

absl::StatusOr<RepoPtr> OpenHandle(const std::string& path) {
  git_repository* raw = nullptr;
  int rc = git_repository_open_bare(&raw, path.c_str());
  if (rc != 0) return GitError(rc, "open repository");
  return RepoPtr(raw);
}

class GitBlobWriter : public core::BlobWriter {
 public:
  GitBlobWriter(RepoPtr repo, git_writestream* stream)
      : repo_(std::move(repo)), stream_(stream) {}
  ~GitBlobWriter() override {
    if (stream_ != nullptr) stream_->free(stream_);
  }

  absl::Status Write(absl::string_view data) override {
    if (stream_ == nullptr) return absl::FailedPreconditionError("blob: done");
    int rc = stream_->write(stream_, data.data(), data.size());
    if (rc != 0) return GitError(rc, "write object");
    return absl::OkStatus();
  }

  absl::StatusOr<std::string> Finish() override {
    if (stream_ == nullptr) return absl::FailedPreconditionError("blob: done");
    git_oid oid;
    git_writestream* s = stream_;
    stream_ = nullptr;  // the commit call frees it, whatever it returns
    int rc = git_blob_create_from_stream_commit(&oid, s);
    if (rc != 0) return GitError(rc, "write object");
    char hex[GIT_OID_HEXSZ + 1];
    git_oid_tostr(hex, sizeof(hex), &oid);
    return std::string(hex);
  }

 private:
  RepoPtr repo_;
  git_writestream* stream_;
};

class GitBlobReader : public core::ByteSource {
 public:
  GitBlobReader(RepoPtr repo, OdbPtr odb)
      : repo_(std::move(repo)), odb_(std::move(odb)) {}
  ~GitBlobReader() override {
    if (stream_ != nullptr) git_odb_stream_free(stream_);
  }

  absl::Status Open(const git_oid& id) {
    size_t len = 0;
    git_object_t type;
    if (git_odb_open_rstream(&stream_, &len, &type, odb_.get(), &id) == 0) {
      if (type != GIT_OBJECT_BLOB) {
        return absl::NotFoundError("repository: path is not a file");
      }
      return absl::OkStatus();
    }
    stream_ = nullptr;
    git_error_clear();
    git_blob* b = nullptr;
    int rc = git_blob_lookup(&b, repo_.get(), &id);
    if (rc != 0) return GitError(rc, "read object");
    blob_.reset(b);
    return absl::OkStatus();
  }

  absl::StatusOr<size_t> Read(char* buf, size_t max) override {
    if (stream_ != nullptr) {
      const size_t want = std::min<size_t>(max, 1 << 20);
      int n = git_odb_stream_read(stream_, buf, want);
      if (n < 0) return GitError(n, "read object");
      return static_cast<size_t>(n);
    }
    const size_t size = static_cast<size_t>(git_blob_rawsize(blob_.get()));
    const size_t n = std::min(max, size - pos_);
    std::memcpy(
        buf, static_cast<const char*>(git_blob_rawcontent(blob_.get())) + pos_,
        n);
    pos_ += n;
    return n;
  }

 private:
  RepoPtr repo_;
  OdbPtr odb_;
  git_odb_stream* stream_ = nullptr;
  BlobPtr blob_;
  size_t pos_ = 0;
};

}  // namespace

absl::StatusOr<std::unique_ptr<core::BlobWriter>> NewGitBlobWriter(
    const std::string& repo_path) {
  absl::StatusOr<RepoPtr> repo = OpenHandle(repo_path);
  if (!repo.ok()) return repo.status();
  git_writestream* stream = nullptr;
  int rc = git_blob_create_from_stream(&stream, repo->get(), nullptr);
  if (rc != 0) return GitError(rc, "start object");
  return std::make_unique<GitBlobWriter>(std::move(*repo), stream);
}

absl::StatusOr<std::unique_ptr<core::ByteSource>> NewGitBlobReader(
    const std::string& repo_path, const git_oid& id) {
  absl::StatusOr<RepoPtr> repo = OpenHandle(repo_path);
  if (!repo.ok()) return repo.status();
  git_odb* raw = nullptr;
  int rc = git_repository_odb(&raw, repo->get());
  if (rc != 0) return GitError(rc, "open object database");
  auto reader = std::make_unique<GitBlobReader>(std::move(*repo), OdbPtr(raw));
  absl::Status s = reader->Open(id);
  if (!s.ok()) return s;
  return reader;
}

}  // namespace kluis::store
