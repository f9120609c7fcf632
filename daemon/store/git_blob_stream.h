// Streaming blobs for GitStore: attachments are written into and read out
// of the object database a piece at a time, each stream on its own
// repository handle so that a slow upload never holds the store's lock.
//
// Thread-safety: a stream is used by one thread at a time; the object
// database itself is safe for concurrent use through separate handles.
#ifndef KLUIS_DAEMON_STORE_GIT_BLOB_STREAM_H_
#define KLUIS_DAEMON_STORE_GIT_BLOB_STREAM_H_

#include <git2.h>

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "daemon/core/byte_stream.h"

namespace kluis::store {

// A blob written through libgit2's write stream (a temporary file in the
// repository, hashed at the end). Errors: kUnavailable,
// kResourceExhausted.
absl::StatusOr<std::unique_ptr<core::BlobWriter>> NewGitBlobWriter(
    const std::string& repo_path);

// Reads blob `id`: a loose object is inflated as it is read; a packed one,
// which libgit2 cannot stream, is loaded whole. Errors: kNotFound.
absl::StatusOr<std::unique_ptr<core::ByteSource>> NewGitBlobReader(
    const std::string& repo_path, const git_oid& id);

}  // namespace kluis::store

#endif  // KLUIS_DAEMON_STORE_GIT_BLOB_STREAM_H_
