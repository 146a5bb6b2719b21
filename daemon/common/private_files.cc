#include "common/private_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace iraed {

unsigned RestrictNewFilesToOwner() { return ::umask(0077); }

Status CreatePrivateFolders(const std::string& folder) {
  if (folder.empty()) return Status::Ok();
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::is_directory(folder, ec)) return Status::Ok();
  const fs::path parent = fs::path(folder).parent_path();
  if (!parent.empty() && parent != fs::path(folder)) {
    RETURN_IF_ERROR(CreatePrivateFolders(parent.string()));
  }
  if (::mkdir(folder.c_str(), 0700) != 0 && errno != EEXIST) {
    return Status::Unavailable("cannot create folder " + folder + ": " +
                               std::strerror(errno));
  }
  return Status::Ok();
}

Result<std::vector<TightenedFile>> TightenToOwner(
    const std::vector<std::string>& paths) {
  std::vector<TightenedFile> changed;
  for (const std::string& path : paths) {
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) {
      if (errno == ENOENT) continue;
      return Status::Unavailable("cannot read the mode of " + path + ": " +
                                 std::strerror(errno));
    }
    if (!S_ISREG(st.st_mode)) continue;
    const unsigned mode = st.st_mode & 07777;
    if ((mode & 0077) == 0) continue;
    if (::chmod(path.c_str(), mode & ~0077u) != 0) {
      return Status::Unavailable(
          "cannot make " + path + " readable by its owner only (mode " +
          FormatMode(mode) + "): " + std::strerror(errno));
    }
    changed.push_back({path, mode});
  }
  return changed;
}

Status WriteOwnerOnlyFile(const std::string& path, std::string_view content) {
  const int fd =
      ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) {
    return Status::Unavailable("cannot create " + path + ": " +
                               std::strerror(errno));
  }
  Status result = Status::Ok();
  if (::fchmod(fd, 0600) != 0) {
    result = Status::Unavailable("cannot make " + path +
                                 " owner-only: " + std::strerror(errno));
  }
  std::size_t done = 0;
  while (result.ok() && done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      result = Status::Unavailable("cannot write " + path + ": " +
                                   std::strerror(errno));
      break;
    }
    done += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0 && result.ok()) {
    result = Status::Unavailable("cannot write " + path + ": " +
                                 std::strerror(errno));
  }
  return result;
}

std::vector<std::string> DatabaseFiles(const std::string& db_path) {
  return {db_path, db_path + "-wal", db_path + "-shm", db_path + "-journal"};
}

std::string FormatMode(unsigned mode) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04o", mode & 07777);
  return buf;
}

}  // namespace iraed
