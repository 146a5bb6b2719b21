// File: common/private_files.h
//
// Patient data at rest is readable by its owner only. iraed and iraectl
// call RestrictNewFilesToOwner() first thing, so everything they create
// (database, WAL, shared memory, lock, backups, exports, ready file) is
// 0600 and every folder they create 0700, whatever the caller's umask.
// SQLite gives the -wal and -shm files the mode of the database file.
#ifndef IRAED_COMMON_PRIVATE_FILES_H_
#define IRAED_COMMON_PRIVATE_FILES_H_

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace iraed {

// Sets the process umask to 0077. Returns the previous umask.
unsigned RestrictNewFilesToOwner();

// Creates `folder` and its missing parents with mode 0700. Existing folders
// are left as they are (a database may live in a shared folder).
Status CreatePrivateFolders(const std::string& folder);

// One file whose mode was tightened.
struct TightenedFile {
  std::string path;
  unsigned old_mode = 0;  // permission bits before, e.g. 0644
};

// For each existing regular file in `paths` that its group or others may
// read, write or execute, removes those bits (0644 -> 0600). Missing files
// are skipped. Returns the files changed; an error when a mode could not
// be changed (the caller must not serve patient data others can read).
Result<std::vector<TightenedFile>> TightenToOwner(
    const std::vector<std::string>& paths);

// Writes `content` to `path`, created or truncated, mode 0600 (an existing
// file is made 0600 before anything is written).
Status WriteOwnerOnlyFile(const std::string& path, std::string_view content);

// The database file and the files SQLite keeps beside it.
std::vector<std::string> DatabaseFiles(const std::string& db_path);

// Formats permission bits as four octal digits ("0644").
std::string FormatMode(unsigned mode);

}  // namespace iraed

#endif  // IRAED_COMMON_PRIVATE_FILES_H_
