#include "auth/secret_file.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace iraed::auth {

std::vector<SecretRecord> SplitRecords(std::string_view text) {
  std::vector<SecretRecord> records;
  std::size_t line_number = 0;
  while (!text.empty()) {
    ++line_number;
    const std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text =
        nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    SecretRecord record{line_number, {}};
    std::size_t i = 0;
    while (i < line.size()) {
      while (i < line.size() &&
             (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) {
        ++i;
      }
      const std::size_t start = i;
      while (i < line.size() && line[i] != ' ' && line[i] != '\t' &&
             line[i] != '\r') {
        ++i;
      }
      if (i > start) record.words.push_back(line.substr(start, i - start));
    }
    if (record.words.empty() || record.words[0].front() == '#') continue;
    records.push_back(std::move(record));
  }
  return records;
}

bool IsUtcSecond(std::string_view s) {
  constexpr std::string_view kPattern = "0000-00-00T00:00:00Z";
  if (s.size() != kPattern.size()) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const bool digit = s[i] >= '0' && s[i] <= '9';
    if (kPattern[i] == '0' ? !digit : s[i] != kPattern[i]) return false;
  }
  return true;
}

Result<std::optional<std::string>> ReadSecretFile(const std::string& path,
                                                  const std::string& what) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return std::optional<std::string>();
    return Status::Unavailable("cannot read " + path + ": " +
                               std::strerror(errno));
  }
  if ((st.st_mode & 0022) != 0) {
    return Status::FailedPrecondition(
        path +
        " is writable by group or others (whoever can write it can add " +
        what + "); chmod go-w it");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status::Unavailable("cannot read " + path + ": " +
                               std::strerror(errno));
  }
  std::ostringstream text;
  text << in.rdbuf();
  return std::optional<std::string>(text.str());
}

Status ReplaceSecretFile(const std::string& path, const std::string& text) {
  struct stat old {};
  const bool existed = ::stat(path.c_str(), &old) == 0;
  std::string temp = path + ".XXXXXX";
  const int fd = ::mkostemp(temp.data(), O_CLOEXEC);  // 0600, new
  if (fd < 0) {
    return Status::Unavailable("cannot create a file beside " + path + ": " +
                               std::strerror(errno));
  }
  std::string problem;
  if (::write(fd, text.data(), text.size()) !=
      static_cast<ssize_t>(text.size())) {
    problem = std::strerror(errno);
  } else if (existed) {
    // Keep who may read it (e.g. root:iraed 0640); never widen writing.
    if (::fchown(fd, old.st_uid, old.st_gid) != 0 &&
        ::fchown(fd, static_cast<uid_t>(-1), old.st_gid) != 0) {
      problem = "cannot keep its group (" + std::string(std::strerror(errno)) +
                "): run as its owner or root";
    } else if (::fchmod(fd, old.st_mode & 0750) != 0) {
      problem = std::strerror(errno);
    }
  }
  if (problem.empty() && ::fsync(fd) != 0) problem = std::strerror(errno);
  ::close(fd);
  if (problem.empty() && ::rename(temp.c_str(), path.c_str()) != 0) {
    problem = std::strerror(errno);
  }
  if (!problem.empty()) {
    ::unlink(temp.c_str());
    return Status::Unavailable("cannot write " + path + ": " + problem);
  }
  // The rename itself survives a power cut only with its folder synced.
  const std::size_t slash = path.rfind('/');
  const std::string folder =
      slash == std::string::npos ? "." : path.substr(0, slash + 1);
  if (int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
      dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return Status::Ok();
}

Status UpdateSecretFile(
    const std::string& path, const std::string& what,
    const std::function<Result<std::string>(const std::optional<std::string>&)>&
        edit) {
  const std::string lock_path = path + ".lock";
  const int lock = ::open(lock_path.c_str(),
                          O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (lock < 0) {
    return Status::Unavailable("cannot open " + lock_path + ": " +
                               std::strerror(errno));
  }
  Status result = Status::Ok();
  if (::flock(lock, LOCK_EX) != 0) {
    result = Status::Unavailable("cannot lock " + lock_path + ": " +
                                 std::strerror(errno));
  } else if (auto text = ReadSecretFile(path, what); !text.ok()) {
    result = text.status();
  } else if (auto next = edit(*text); !next.ok()) {
    result = next.status();
  } else {
    result = ReplaceSecretFile(path, *next);
  }
  ::close(lock);  // releases the lock
  return result;
}

}  // namespace iraed::auth
