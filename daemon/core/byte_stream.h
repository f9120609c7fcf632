// Byte streams between the layers, so that an attachment of any size
// passes from the socket through encryption into the repository (and
// back) a chunk at a time: core defines them, crypto and store implement
// them.
//
// Thread-safety: a stream is used by one thread at a time.
#ifndef KLUIS_DAEMON_CORE_BYTE_STREAM_H_
#define KLUIS_DAEMON_CORE_BYTE_STREAM_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace kluis::core {

class ByteSink {
 public:
  virtual ~ByteSink() = default;
  // Takes all of `data` or fails.
  virtual absl::Status Write(absl::string_view data) = 0;
};

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Reads up to `max` bytes into `buf`; 0 only at the end.
  virtual absl::StatusOr<size_t> Read(char* buf, size_t max) = 0;
};

// What a sealed stream held: the plaintext's size and SHA-256 (hex).
struct ContentDigest {
  uint64_t size = 0;
  std::string sha256;
};

// Encrypts what is written to it into a ByteSink.
class ContentSealer : public ByteSink {
 public:
  // Ends the encrypted stream. No Write after Finish.
  virtual absl::StatusOr<ContentDigest> Finish() = 0;
};

// A blob being written into the store; its id is known at the end.
class BlobWriter : public ByteSink {
 public:
  // Makes the blob and returns its id (for StoreChange::blob_id).
  virtual absl::StatusOr<std::string> Finish() = 0;
};

}  // namespace kluis::core

#endif  // KLUIS_DAEMON_CORE_BYTE_STREAM_H_
