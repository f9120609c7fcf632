// The checksums git writes at the end of every pack and index file, read
// back to find a flipped bit on a drive without inflating every object
// (git fsck --full does that, in kluis backup verify).
#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <set>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "daemon/backup/git_cli.h"
#include "daemon/platform/fs.h"
#include "daemon/platform/scoped_fd.h"

namespace kluis::backup {

namespace {

// True when the SHA-1 of `path` without its last 20 bytes is those bytes
// (git's trailer on every .pack and .idx file).
bool TrailerMatches(const std::string& path) {
  platform::ScopedFd fd(open(path.c_str(), O_RDONLY | O_CLOEXEC));
  struct stat st;
  if (fd.get() < 0 || fstat(fd.get(), &st) != 0 || st.st_size < 20) {
    return false;
  }
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(),
                                                              &EVP_MD_CTX_free);
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha1(), nullptr) != 1) {
    return false;
  }
  const uint64_t body = static_cast<uint64_t>(st.st_size) - 20;
  std::vector<unsigned char> buf(1 << 20);
  unsigned char trailer[20];
  uint64_t done = 0;
  while (done < static_cast<uint64_t>(st.st_size)) {
    const ssize_t n = read(fd.get(), buf.data(), buf.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    const uint64_t got = static_cast<uint64_t>(n);
    const uint64_t hashed = done < body ? std::min(got, body - done) : 0;
    EVP_DigestUpdate(ctx.get(), buf.data(), hashed);
    for (uint64_t i = hashed; i < got; ++i) {
      trailer[done + i - body] = buf[i];
    }
    done += got;
  }
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  return EVP_DigestFinal_ex(ctx.get(), md, &len) == 1 && len == 20 &&
         std::memcmp(md, trailer, 20) == 0;
}

}  // namespace

uint64_t DamagedPackFiles(const std::string& repo,
                          std::set<std::string>* checked) {
  const std::string dir = repo + "/objects/pack";
  absl::StatusOr<std::vector<std::string>> names = platform::ListDir(dir);
  if (!names.ok()) return 1;
  std::set<std::string> all(names->begin(), names->end());
  uint64_t damaged = 0;
  for (const std::string& n : all) {
    const bool pack = absl::EndsWith(n, ".pack"),
               idx = absl::EndsWith(n, ".idx");
    if (!pack && !idx) continue;
    const std::string stem = n.substr(0, n.rfind('.'));
    if (all.count(stem + (pack ? ".idx" : ".pack")) == 0) {
      ++damaged;
      continue;
    }
    if (checked != nullptr && checked->count(n) > 0) continue;
    if (!TrailerMatches(absl::StrCat(dir, "/", n))) {
      ++damaged;
    } else if (checked != nullptr) {
      checked->insert(n);
    }
  }
  return damaged;
}

uint64_t LostPacks(const std::string& repo,
                   const kluis::v1::BackupManifest& last) {
  uint64_t lost = 0;
  for (const std::string& p : last.packs()) {
    if (p.find('/') != std::string::npos ||
        !platform::PathExists(absl::StrCat(repo, "/objects/pack/", p))) {
      ++lost;
    }
  }
  return lost;
}

}  // namespace kluis::backup
