#include "support/daemon_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

namespace iraed::testing {

namespace fs = std::filesystem;

TempDir::TempDir() {
  const char* base = std::getenv("TMPDIR");
  std::string templ =
      std::string(base && *base ? base : "/tmp") + "/iraed-test-XXXXXX";
  char* made = ::mkdtemp(templ.data());
  path_ = made ? made : "";
}

TempDir::~TempDir() {
  std::error_code ec;
  if (!path_.empty()) fs::remove_all(path_, ec);
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

namespace {

int DecodeWaitStatus(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

pid_t Spawn(const std::vector<std::string>& argv, int out_fd, int err_fd) {
  std::vector<char*> cargv;
  for (const auto& a : argv) cargv.push_back(const_cast<char*>(a.c_str()));
  cargv.push_back(nullptr);
  pid_t pid = ::fork();
  if (pid == 0) {
    if (out_fd >= 0) ::dup2(out_fd, 1);
    if (err_fd >= 0) ::dup2(err_fd, 2);
    int devnull = ::open("/dev/null", O_RDONLY);
    if (devnull >= 0) ::dup2(devnull, 0);
    ::execv(cargv[0], cargv.data());
    ::_exit(127);
  }
  return pid;
}

}  // namespace

Result<std::unique_ptr<DaemonProcess>> DaemonProcess::Start(
    const std::string& dir, const std::vector<std::string>& args,
    const std::vector<std::string>& launcher) {
  auto d = std::unique_ptr<DaemonProcess>(new DaemonProcess());
  const std::string ready = dir + "/ready.json";
  fs::remove(ready);
  std::vector<std::string> argv = launcher;
  // IRAED_TEST_DAEMON runs another build's daemon (recording the replay
  // fixture with the release before a change: tests/fixtures/README.md).
  const char* other = std::getenv("IRAED_TEST_DAEMON");
  argv.push_back(other != nullptr && *other != '\0' ? other : IRAED_BINARY);
  bool has_listen = false;
  bool has_mllp = false;
  bool has_http = false;
  for (const auto& a : args) {
    if (a.rfind("--proto-listen", 0) == 0) has_listen = true;
    if (a.rfind("--mllp-listen", 0) == 0) has_mllp = true;
    if (a.rfind("--http-listen", 0) == 0) has_http = true;
    argv.push_back(a);
  }
  if (!has_listen) {
    argv.push_back("--proto-listen");
    argv.push_back("127.0.0.1:0");
  }
  if (!has_mllp) {  // never the default port: tests run side by side
    argv.push_back("--mllp-listen");
    argv.push_back("127.0.0.1:0");
  }
  if (!has_http) {
    argv.push_back("--http-listen");
    argv.push_back("127.0.0.1:0");
  }
  argv.push_back("--ready-file");
  argv.push_back(ready);
  d->log_path_ = dir + "/iraed.log";
  int log_fd = ::open(d->log_path_.c_str(),
                      O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  d->pid_ = Spawn(argv, -1, log_fd);
  ::close(log_fd);
  if (d->pid_ < 0) return Status::Internal("fork failed");
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::seconds(30);
  static const std::regex kPort("\"proto_port\":([0-9]+)");
  while (std::chrono::steady_clock::now() < deadline) {
    std::string json = ReadFile(ready);
    std::smatch m;
    if (std::regex_search(json, m, kPort)) {
      d->port_ = static_cast<std::uint16_t>(std::stoi(m[1]));
      static const std::regex kMllpPort("\"mllp_port\":([0-9]+)");
      if (std::regex_search(json, m, kMllpPort)) {
        d->mllp_port_ = static_cast<std::uint16_t>(std::stoi(m[1]));
      }
      static const std::regex kHttpPort("\"http_port\":([0-9]+)");
      if (std::regex_search(json, m, kHttpPort)) {
        d->http_port_ = static_cast<std::uint16_t>(std::stoi(m[1]));
      }
      return d;
    }
    int status = 0;
    if (::waitpid(d->pid_, &status, WNOHANG) == d->pid_) {
      d->pid_ = -1;
      return Status::FailedPrecondition(
          "iraed exited with status " +
          std::to_string(DecodeWaitStatus(status)) + ": " + d->Log());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return Status::Unavailable("iraed did not become ready: " + d->Log());
}

DaemonProcess::~DaemonProcess() { Kill(); }

void DaemonProcess::Signal(int signo) {
  if (pid_ > 0) ::kill(pid_, signo);
}

std::optional<int> DaemonProcess::WaitExit(std::chrono::milliseconds timeout) {
  if (pid_ <= 0) return std::nullopt;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    int status = 0;
    pid_t r = ::waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
      pid_ = -1;
      return DecodeWaitStatus(status);
    }
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

std::optional<int> DaemonProcess::Terminate(std::chrono::milliseconds timeout) {
  Signal(SIGTERM);
  return WaitExit(timeout);
}

void DaemonProcess::Kill() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
}

std::string DaemonProcess::Log() const { return ReadFile(log_path_); }

CommandResult RunCommand(const std::vector<std::string>& argv) {
  TempDir dir;
  const std::string out_path = dir.File("out");
  const std::string err_path = dir.File("err");
  int out_fd = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  int err_fd = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  pid_t pid = Spawn(argv, out_fd, err_fd);
  ::close(out_fd);
  ::close(err_fd);
  CommandResult r;
  int status = 0;
  if (pid > 0 && ::waitpid(pid, &status, 0) == pid) {
    r.exit_code = DecodeWaitStatus(status);
  }
  r.out = ReadFile(out_path);
  r.err = ReadFile(err_path);
  return r;
}

}  // namespace iraed::testing
