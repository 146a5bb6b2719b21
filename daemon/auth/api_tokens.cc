#include "auth/api_tokens.h"

#include <fcntl.h>
#include <openssl/rand.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>

#include "auth/digest.h"

namespace iraed::auth {
namespace {

constexpr std::string_view kTokenPrefix = "iraed-";

bool IsLowerHex(std::string_view s, std::size_t length) {
  if (s.size() != length) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

// "2026-12-03T08:00:00Z": digits where the pattern has digits.
bool IsUtcTime(std::string_view s) {
  constexpr std::string_view kPattern = "0000-00-00T00:00:00Z";
  if (s.size() != kPattern.size()) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const bool digit = s[i] >= '0' && s[i] <= '9';
    if (kPattern[i] == '0' ? !digit : s[i] != kPattern[i]) return false;
  }
  return true;
}

std::vector<std::string_view> SplitWhitespace(std::string_view line) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    const std::size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
    if (i > start) words.push_back(line.substr(start, i - start));
  }
  return words;
}

}  // namespace

bool IsValidTokenName(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                    (c >= '0' && c <= '9') || c == '.' || c == '_' ||
                    c == '@' || c == '-';
    if (!ok) return false;
  }
  return true;
}

Result<std::vector<ApiToken>> ParseTokensFile(std::string_view text,
                                              const std::string& origin) {
  std::vector<ApiToken> tokens;
  std::set<std::string, std::less<>> names;
  std::size_t line_number = 0;
  while (!text.empty()) {
    ++line_number;
    const std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text =
        nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const auto words = SplitWhitespace(line);
    if (words.empty() || words[0].front() == '#') continue;
    auto fail = [&](const std::string& problem) {
      return Status::InvalidArgument(
          origin + ":" + std::to_string(line_number) + ": " + problem);
    };
    if (words.size() != 4) {
      return fail("expected NAME ROLES SHA256 CREATED, found " +
                  std::to_string(words.size()) + " fields");
    }
    if (!IsValidTokenName(words[0])) {
      return fail("token name must be 1 to 64 of [A-Za-z0-9._@-]");
    }
    if (!names.insert(std::string(words[0])).second) {
      return fail("token name " + std::string(words[0]) + " appears twice");
    }
    auto roles = ParseRoles(words[1]);
    if (!roles.ok()) return fail(roles.status().message());
    if (!IsLowerHex(words[2], 64)) {
      return fail("SHA256 must be 64 lower-case hex digits");
    }
    if (!IsUtcTime(words[3])) {
      return fail("CREATED must read like 2026-12-03T08:00:00Z");
    }
    tokens.push_back(ApiToken{std::string(words[0]), std::move(roles).value(),
                              std::string(words[2]), std::string(words[3])});
  }
  return tokens;
}

std::string FormatTokensFile(const std::vector<ApiToken>& tokens) {
  std::string out =
      "# iraed API tokens: NAME ROLES SHA256 CREATED (one per line).\n"
      "# Only hashes are kept; manage with iraectl token create|list|revoke.\n";
  for (const ApiToken& t : tokens) {
    out += t.name + " " + FormatRoles(t.roles) + " " + t.sha256 + " " +
           t.created + "\n";
  }
  return out;
}

Result<std::vector<ApiToken>> ReadTokensFile(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return std::vector<ApiToken>{};
    return Status::Unavailable("cannot read " + path + ": " +
                               std::strerror(errno));
  }
  if ((st.st_mode & 0022) != 0) {
    return Status::FailedPrecondition(
        path +
        " is writable by group or others (whoever can write it can "
        "add tokens); chmod go-w it");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status::Unavailable("cannot read " + path + ": " +
                               std::strerror(errno));
  }
  std::ostringstream text;
  text << in.rdbuf();
  return ParseTokensFile(text.str(), path);
}

Status WriteTokensFile(const std::string& path,
                       const std::vector<ApiToken>& tokens) {
  struct stat old {};
  const bool existed = ::stat(path.c_str(), &old) == 0;
  std::string temp = path + ".XXXXXX";
  const int fd = ::mkostemp(temp.data(), O_CLOEXEC);  // 0600, new
  if (fd < 0) {
    return Status::Unavailable("cannot create a file beside " + path + ": " +
                               std::strerror(errno));
  }
  const std::string text = FormatTokensFile(tokens);
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

Status UpdateTokensFile(
    const std::string& path,
    const std::function<Status(std::vector<ApiToken>&)>& edit) {
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
  } else {
    auto tokens = ReadTokensFile(path);
    if (!tokens.ok()) {
      result = tokens.status();
    } else if (result = edit(*tokens); result.ok()) {
      result = WriteTokensFile(path, *tokens);
    }
  }
  ::close(lock);  // releases the lock
  return result;
}

Result<std::string> NewTokenText() {
  unsigned char random[32];
  if (RAND_bytes(random, sizeof random) != 1) {
    return Status::Internal("no random bytes for a new token");
  }
  return std::string(kTokenPrefix) + HexLower(random, sizeof random);
}

std::string TokenSha256(std::string_view token) { return Sha256Hex(token); }

}  // namespace iraed::auth
