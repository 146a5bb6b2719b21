#include "server/instance_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <utility>

#include "common/private_files.h"

namespace iraed::server {

std::string InstanceLockPath(const std::string& db_path) {
  std::error_code ec;
  std::filesystem::path p = std::filesystem::weakly_canonical(db_path, ec);
  if (ec) p = std::filesystem::absolute(db_path, ec);
  return p.string() + ".lock";
}

Result<InstanceLock> InstanceLock::Acquire(const std::string& db_path) {
  const std::filesystem::path parent =
      std::filesystem::path(db_path).parent_path();
  (void)CreatePrivateFolders(parent.string());  // open() below reports
  const std::string path = InstanceLockPath(db_path);
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    return Status::Unavailable("cannot open the lock file " + path + ": " +
                               std::strerror(errno));
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    std::string holder;
    char buf[32] = {};
    const ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
    if (n > 0) {
      for (ssize_t i = 0; i < n && buf[i] >= '0' && buf[i] <= '9'; ++i) {
        holder.push_back(buf[i]);
      }
    }
    ::close(fd);
    if (err == EWOULDBLOCK) {
      return Status::FailedPrecondition(
          "another iraed" +
          (holder.empty() ? std::string() : " (pid " + holder + ")") +
          " is running on database " + db_path + " (lock " + path +
          "); one daemon per database: stop it first (readers such as "
          "iraectl are not affected)");
    }
    return Status::Unavailable("cannot lock " + path + ": " +
                               std::strerror(err));
  }
  const std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, pid.data(), pid.size(), 0) !=
                                     static_cast<ssize_t>(pid.size())) {
    // The lock holds regardless; only the pid in the message of a second
    // daemon would be missing.
  }
  return InstanceLock(fd, path);
}

InstanceLock::InstanceLock(InstanceLock&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), path_(std::move(other.path_)) {}

InstanceLock& InstanceLock::operator=(InstanceLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
    path_ = std::move(other.path_);
  }
  return *this;
}

InstanceLock::~InstanceLock() {
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace iraed::server
