// File: console/user_directory.h
//
// The console's view of its users file: read again whenever the file
// changes (its inode, size or modification time), so that `iraectl users
// add|passwd|remove` takes effect at the next request without a reload.
// A file that can no longer be read (or parse) keeps the users last read,
// logged once per spell at error level: no one is signed out by a
// half-written edit, and the operator is told.
//
// Thread-safety: Find may be called from any thread.
#ifndef IRAED_CONSOLE_USER_DIRECTORY_H_
#define IRAED_CONSOLE_USER_DIRECTORY_H_

#include <ctime>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/console_users.h"

namespace iraed::console {

class UserDirectory {
 public:
  explicit UserDirectory(std::string path) : path_(std::move(path)) {}

  std::optional<auth::ConsoleUser> Find(std::string_view name);
  const std::string& path() const { return path_; }

 private:
  void Refresh();  // REQUIRES: mu_ held

  const std::string path_;
  std::mutex mu_;
  std::vector<auth::ConsoleUser> users_;
  bool read_once_ = false;
  bool failing_ = false;
  // What identified the file last read.
  unsigned long long inode_ = 0;
  long long size_ = -1;
  timespec mtime_{};
};

}  // namespace iraed::console

#endif  // IRAED_CONSOLE_USER_DIRECTORY_H_
