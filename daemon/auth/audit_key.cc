#include "auth/audit_key.h"

#include <fcntl.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "auth/digest.h"

namespace iraed::auth {
namespace {

std::string_view Trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r\n");
  return s.substr(first, last - first + 1);
}

}  // namespace

std::string AuditKey::Fingerprint() const {
  return Sha256Hex(bytes).substr(0, 16);
}

Result<AuditKey> ReadAuditKeyFile(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    return Status::InvalidArgument("audit key file " + path + ": " +
                                   std::strerror(errno));
  }
  if (!S_ISREG(st.st_mode)) {
    return Status::InvalidArgument("audit key file " + path +
                                   ": not a regular file");
  }
  if ((st.st_mode & 0007) != 0) {
    return Status::InvalidArgument(
        "audit key file " + path +
        ": others may read or write it (chmod o-rwx; 0600 or 0640)");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status::InvalidArgument("audit key file " + path +
                                   ": cannot be read");
  }
  std::ostringstream text;
  text << in.rdbuf();
  AuditKey key;
  key.bytes = std::string(Trim(text.str()));
  if (key.bytes.size() < kMinAuditKeyBytes) {
    return Status::InvalidArgument(
        "audit key file " + path + ": holds " +
        std::to_string(key.bytes.size()) + " bytes, at least " +
        std::to_string(kMinAuditKeyBytes) +
        " needed (iraectl audit keygen FILE writes one)");
  }
  return key;
}

Status WriteNewAuditKeyFile(const std::string& path) {
  unsigned char random[32];
  if (RAND_bytes(random, sizeof random) != 1) {
    return Status::Internal("no random bytes for a new audit key");
  }
  const std::string text = HexLower(random, sizeof random) + "\n";
  const int fd =
      ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    return Status::FailedPrecondition(
        "cannot create " + path + ": " + std::strerror(errno) +
        (errno == EEXIST ? " (an existing key is never overwritten)" : ""));
  }
  const bool written = ::write(fd, text.data(), text.size()) ==
                           static_cast<ssize_t>(text.size()) &&
                       ::fchmod(fd, 0600) == 0 && ::fsync(fd) == 0;
  ::close(fd);
  if (!written) {
    ::unlink(path.c_str());
    return Status::Unavailable("cannot write " + path);
  }
  return Status::Ok();
}

std::string AuditEntryMac(const AuditKey& key, std::string_view entry_sha256) {
  const std::string data = "iraed-audit-mac-v1|" + std::string(entry_sha256);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.bytes.data(), static_cast<int>(key.bytes.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac,
       &len);
  return HexLower(mac, len);
}

}  // namespace iraed::auth
