#include "daemon/core/tar.h"

#include <cstdio>
#include <cstring>

#include "absl/strings/match.h"

namespace kluis::core {
namespace {

constexpr size_t kBlock = 512;

// An octal field of `width` bytes: digits, then NUL.
void Octal(char* field, size_t width, uint64_t value) {
  std::snprintf(field, width, "%0*llo", static_cast<int>(width - 1),
                static_cast<unsigned long long>(value));
}

}  // namespace

absl::StatusOr<std::string> TarArchive(const std::vector<TarFile>& files,
                                       int64_t mtime) {
  std::string out;
  for (const TarFile& f : files) {
    if (f.path.empty() || f.path.size() > 100 || f.path[0] == '/' ||
        absl::StrContains(f.path, "..")) {
      return absl::InvalidArgumentError(
          "path: must be relative, without .., at most 100 bytes");
    }
    char h[kBlock];
    std::memset(h, 0, sizeof(h));
    std::memcpy(h, f.path.data(), f.path.size());  // name[100]
    Octal(h + 100, 8, 0600);                       // mode
    Octal(h + 108, 8, 0);                          // uid
    Octal(h + 116, 8, 0);                          // gid
    Octal(h + 124, 12, f.data.size());             // size
    Octal(h + 136, 12, static_cast<uint64_t>(mtime));
    std::memset(h + 148, ' ', 8);  // chksum, as spaces while summing
    h[156] = '0';                  // typeflag: regular file
    std::memcpy(h + 257, "ustar", 6);
    std::memcpy(h + 263, "00", 2);
    unsigned sum = 0;
    for (unsigned char c : h) sum += c;
    std::snprintf(h + 148, 8, "%06o", sum);
    h[155] = ' ';
    out.append(h, sizeof(h));
    out.append(f.data);
    out.append((kBlock - f.data.size() % kBlock) % kBlock, '\0');
  }
  out.append(2 * kBlock, '\0');
  return out;
}

}  // namespace kluis::core
