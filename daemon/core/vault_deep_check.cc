// Vault::DeepCheck: every encrypted file of a copy of the repository (a
// backup's mirror) decrypted with this vault's keys, the way a restore
// would need them; nothing decrypted is kept.
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "daemon/core/ids.h"
#include "daemon/core/vault.h"

namespace kluis::core {

namespace {

// FNV-1a: a stable choice of files for a sample.
uint64_t Fnv(absl::string_view s, uint64_t seed) {
  uint64_t h = 1469598103934665603ull ^ seed;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace

absl::StatusOr<DeepCheckReport> Vault::DeepCheck(Store* copy,
                                                 int sample_percent,
                                                 uint64_t rotation) {
  absl::Status ready = Ready().status();
  if (!ready.ok()) return ready;
  DeepCheckReport out;
  auto check_dir = [&](const std::string& dir,
                       const std::string& key_id) -> absl::Status {
    absl::StatusOr<std::map<std::string, std::string>> files =
        copy->FilesAt("", dir);
    if (!files.ok()) return files.status();
    for (const auto& [name, blob] : *files) {
      const std::string path = absl::StrCat(dir, "/", name);
      if (sample_percent < 100 &&
          Fnv(path, rotation) % 100 >= static_cast<uint64_t>(sample_percent)) {
        ++out.skipped;
        continue;
      }
      absl::StatusOr<std::string> sealed = copy->ReadBlob(blob);
      absl::StatusOr<std::string> plain =
          sealed.ok() ? keys_->Open(key_id, *sealed) : sealed.status();
      if (plain.ok()) {
        std::fill(plain->begin(), plain->end(), '\0');
        ++out.checked;
      } else if (absl::IsNotFound(plain.status()) && sealed.ok()) {
        ++out.erased;  // the dossier's key is gone: unreadable by design
      } else {
        ++out.failed;
        if (out.first_failure.empty()) out.first_failure = path;
      }
    }
    return absl::OkStatus();
  };
  absl::Status s =
      check_dir(std::string(kPracticeRoot), std::string(kPracticeKeyId));
  if (!s.ok()) return s;
  absl::StatusOr<std::vector<std::string>> shards = copy->List(kDossiersRoot);
  if (!shards.ok()) return shards.status();
  for (const std::string& shard : *shards) {
    absl::StatusOr<std::vector<std::string>> ids =
        copy->List(absl::StrCat(kDossiersRoot, "/", shard));
    if (!ids.ok()) return ids.status();
    for (const std::string& id : *ids) {
      if (!IsValidId(id)) continue;
      s = check_dir(DossierDir(id), id);
      if (!s.ok()) return s;
    }
  }
  return out;
}

}  // namespace kluis::core
