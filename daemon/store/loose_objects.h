// Loose objects a crash left damaged. libgit2 writes a loose object to a
// temporary file and links it into objects/xx/ without syncing it: the
// barrier before a ref moves makes every object a ref reaches durable, but
// a power cut before that barrier can leave an object file of zero length
// or cut short that no ref reaches. Harmless until the same object is
// written again: libgit2 skips an object whose file exists, and a commit
// would then point at the damaged copy. So they are removed at open.
//
// Thread-safety: call only while no one writes the repository (at open,
// under the vault's flock).
#ifndef KLUIS_DAEMON_STORE_LOOSE_OBJECTS_H_
#define KLUIS_DAEMON_STORE_LOOSE_OBJECTS_H_

#include <string>

#include "absl/status/statusor.h"

namespace kluis::store {

// Removes, under `git_dir`/objects, every loose object that does not
// inflate (zlib, not libgit2) to the object its name says, and every temporary
// object file
// ("tmp_…") a writer left. Returns how many files it removed.
// Errors: kUnavailable.
absl::StatusOr<int> RemoveDamagedLooseObjects(const std::string& git_dir);

}  // namespace kluis::store

#endif  // KLUIS_DAEMON_STORE_LOOSE_OBJECTS_H_
