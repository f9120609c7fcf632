#include "daemon/store/loose_objects.h"

#include <dirent.h>
#include <fcntl.h>
#include <git2.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "daemon/platform/scoped_fd.h"
#include "daemon/store/git_handles.h"

namespace kluis::store {
namespace {

bool IsHex(absl::string_view s) {
  for (char c : s) {
    if (!absl::ascii_isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

std::vector<std::string> Names(const std::string& dir) {
  std::vector<std::string> out;
  DIR* d = ::opendir(dir.c_str());
  if (d == nullptr) return out;
  while (dirent* e = ::readdir(d)) {
    const absl::string_view name = e->d_name;
    if (name != "." && name != "..") out.emplace_back(name);
  }
  ::closedir(d);
  return out;
}

// Inflates the loose object at `path` and checks it is what its name
// says: "<type> <size>\0" and exactly that many bytes, hashing to `hex`.
// (Not through libgit2: its 1.5 reader loops forever on a file cut short.)
bool IsSound(const std::string& path, const std::string& hex) {
  constexpr size_t kMaxObject = size_t{1} << 30;  // larger goes to packs
  platform::ScopedFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  struct stat st;
  if (!fd.valid() || ::fstat(fd.get(), &st) != 0 || st.st_size == 0 ||
      static_cast<uint64_t>(st.st_size) > kMaxObject) {
    return false;
  }
  std::string packed(static_cast<size_t>(st.st_size), '\0');
  if (::read(fd.get(), packed.data(), packed.size()) !=
      static_cast<ssize_t>(packed.size())) {
    return false;
  }
  z_stream z{};
  if (inflateInit(&z) != Z_OK) return false;
  z.next_in = reinterpret_cast<Bytef*>(packed.data());
  z.avail_in = static_cast<uInt>(packed.size());
  std::string out;
  int rc = Z_OK;
  char buf[65536];
  while (rc == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof(buf);
    rc = inflate(&z, Z_NO_FLUSH);
    out.append(buf, sizeof(buf) - z.avail_out);
    if (rc == Z_BUF_ERROR || out.size() > kMaxObject + 64) break;
  }
  inflateEnd(&z);
  if (rc != Z_STREAM_END) return false;
  const size_t nul = out.find('\0');
  const size_t space = out.find(' ');
  if (nul == std::string::npos || space == std::string::npos || space > nul) {
    return false;
  }
  const std::string type_name = out.substr(0, space);
  uint64_t size = 0;
  for (size_t i = space + 1; i < nul; ++i) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(out[i]))) return false;
    size = size * 10 + static_cast<uint64_t>(out[i] - '0');
  }
  if (size != out.size() - nul - 1) return false;
  const git_object_t type = git_object_string2type(type_name.c_str());
  if (type == GIT_OBJECT_INVALID) return false;
  git_oid want, got;
  if (git_oid_fromstr(&want, hex.c_str()) != 0 ||
      git_odb_hash(&got, out.data() + nul + 1, size, type) != 0) {
    return false;
  }
  return git_oid_equal(&want, &got) != 0;
}

}  // namespace

absl::StatusOr<int> RemoveDamagedLooseObjects(const std::string& git_dir) {
  InitLibgit2();
  const std::string objects = git_dir + "/objects";
  int removed = 0;
  bool failed = false;
  auto remove = [&](const std::string& path) {
    if (::unlink(path.c_str()) == 0) {
      ++removed;
    } else {
      failed = true;
    }
  };
  for (const std::string& name : Names(objects)) {
    const std::string path = absl::StrCat(objects, "/", name);
    if (absl::StartsWith(name, "tmp_")) {
      remove(path);
      continue;
    }
    if (name.size() != 2 || !IsHex(name)) continue;
    const int before = removed;
    for (const std::string& file : Names(path)) {
      const std::string file_path = absl::StrCat(path, "/", file);
      if (absl::StartsWith(file, "tmp_")) {
        remove(file_path);
        continue;
      }
      if (file.size() != GIT_OID_HEXSZ - 2 || !IsHex(file)) continue;
      if (!IsSound(file_path, name + file)) remove(file_path);
    }
    git_error_clear();
    if (removed != before) {
      platform::ScopedFd dfd(
          ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
      if (!dfd.valid() || ::fsync(dfd.get()) != 0) failed = true;
    }
  }
  if (failed) {
    return absl::UnavailableError(
        "repository: a damaged object file left by a crash cannot be removed");
  }
  return removed;
}

}  // namespace kluis::store
