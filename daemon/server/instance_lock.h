// File: server/instance_lock.h
//
// One daemon per database. iraed holds an exclusive lock (flock(2)) on
// "<database>.lock", beside the database, for as long as it runs; a second
// iraed started on the same database (under any path that resolves to the
// same file) is refused at start-up, before it opens the database, with the
// pid of the one that runs. Readers such as iraectl never take the lock.
// The kernel releases it when the process ends, however it ends, so a
// crashed daemon never blocks its successor; the file itself stays (holding
// the last pid) and is owner-only (0600).
#ifndef IRAED_SERVER_INSTANCE_LOCK_H_
#define IRAED_SERVER_INSTANCE_LOCK_H_

#include <string>

#include "common/status.h"

namespace iraed::server {

class InstanceLock {
 public:
  // Takes the lock of the database at `db_path` (its folder is created when
  // missing). FailedPrecondition, naming the running daemon's pid, when
  // another process holds it; Unavailable when the lock file cannot be
  // opened.
  static Result<InstanceLock> Acquire(const std::string& db_path);

  InstanceLock(InstanceLock&& other) noexcept;
  InstanceLock& operator=(InstanceLock&& other) noexcept;
  InstanceLock(const InstanceLock&) = delete;
  InstanceLock& operator=(const InstanceLock&) = delete;
  ~InstanceLock();  // releases the lock

  const std::string& path() const { return path_; }

 private:
  InstanceLock(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  int fd_ = -1;
  std::string path_;
};

// The lock file of the database at `db_path`: its absolute, symlink-free
// path plus ".lock".
std::string InstanceLockPath(const std::string& db_path);

}  // namespace iraed::server

#endif  // IRAED_SERVER_INSTANCE_LOCK_H_
