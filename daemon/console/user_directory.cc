#include "console/user_directory.h"

#include <sys/stat.h>

#include "common/logging.h"

namespace iraed::console {

void UserDirectory::Refresh() {
  struct stat st {};
  const bool exists = ::stat(path_.c_str(), &st) == 0;
  const unsigned long long inode = exists ? st.st_ino : 0;
  const long long size = exists ? static_cast<long long>(st.st_size) : -1;
  const timespec mtime = exists ? st.st_mtim : timespec{};
  if (read_once_ && inode == inode_ && size == size_ &&
      mtime.tv_sec == mtime_.tv_sec && mtime.tv_nsec == mtime_.tv_nsec) {
    return;
  }
  auto users = auth::ReadUsersFile(path_);
  if (!users.ok()) {
    if (!failing_) {
      Logger("console")->error(
          "console users file: {}; the users read before stay in force",
          users.status().ToString());
    }
    failing_ = true;
    return;  // tried again at the next request
  }
  if (failing_) Logger("console")->info("console users file read again");
  failing_ = false;
  users_ = std::move(users).value();
  read_once_ = true;
  inode_ = inode;
  size_ = size;
  mtime_ = mtime;
}

std::optional<auth::ConsoleUser> UserDirectory::Find(std::string_view name) {
  std::lock_guard<std::mutex> lock(mu_);
  Refresh();
  for (const auto& u : users_) {
    if (u.name == name) return u;
  }
  return std::nullopt;
}

}  // namespace iraed::console
