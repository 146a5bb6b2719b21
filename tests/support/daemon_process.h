// File: tests/support/daemon_process.h
//
// Runs the real iraed binary as a child process for integration tests: a
// fresh temporary folder, port 0, and the ready file to learn the port.
#ifndef IRAED_TESTS_SUPPORT_DAEMON_PROCESS_H_
#define IRAED_TESTS_SUPPORT_DAEMON_PROCESS_H_

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"

namespace iraed::testing {

// A folder under $TMPDIR (or /tmp) removed with everything in it when
// destroyed.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

class DaemonProcess {
 public:
  // Starts iraed with `args` plus --proto-listen 127.0.0.1:0 and
  // --mllp-listen 127.0.0.1:0 (unless args name them) and --ready-file in
  // `dir`, stderr to dir/iraed.log, and waits
  // for the ready file. Fails if the process exits first.
  // `launcher`, when given, is put before the binary (e.g. prlimit ... --).
  static Result<std::unique_ptr<DaemonProcess>> Start(
      const std::string& dir, const std::vector<std::string>& args,
      const std::vector<std::string>& launcher = {});
  ~DaemonProcess();  // SIGKILL if still running

  std::uint16_t port() const { return port_; }
  // The MLLP port when the daemon was started with --mllp-listen, else 0.
  std::uint16_t mllp_port() const { return mllp_port_; }
  // The operations HTTP port (0 when off).
  std::uint16_t http_port() const { return http_port_; }
  pid_t pid() const { return pid_; }
  // Sends `signo`.
  void Signal(int signo);
  // Waits for exit; returns the exit status (128+N for a signal), or
  // nullopt on timeout.
  std::optional<int> WaitExit(std::chrono::milliseconds timeout);
  // SIGTERM then WaitExit.
  std::optional<int> Terminate(
      std::chrono::milliseconds timeout = std::chrono::seconds(30));
  // SIGKILL and reap.
  void Kill();
  // Everything the daemon wrote to stderr so far.
  std::string Log() const;

 private:
  DaemonProcess() = default;
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
  std::uint16_t mllp_port_ = 0;
  std::uint16_t http_port_ = 0;
  std::string log_path_;
};

struct CommandResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

// Runs `argv` to completion (no shell) and captures its output.
CommandResult RunCommand(const std::vector<std::string>& argv);

// Reads a whole file; empty when missing.
std::string ReadFile(const std::string& path);

}  // namespace iraed::testing

#endif  // IRAED_TESTS_SUPPORT_DAEMON_PROCESS_H_
