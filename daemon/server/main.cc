// iraed: argv -> Config -> Daemon -> Run(). Nothing else.
#include <iostream>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/logging.h"
#include "common/private_files.h"
#include "ingest/protobuf_logging.h"
#include "server/command_line.h"
#include "server/daemon.h"
#include "server/version.h"

int main(int argc, char** argv) {
  using namespace iraed;
  // Patient data at rest is the owner's only (common/private_files.h).
  RestrictNewFilesToOwner();
  std::vector<std::string> args(argv + 1, argv + argc);
  auto cl = server::ParseCommandLine(args);
  if (!cl.ok()) {
    std::cerr << "iraed: " << cl.status().message() << "\n";
    return 2;
  }
  if (cl->help) {
    std::cout << server::UsageText();
    return 0;
  }
  if (cl->version) {
    std::cout << "iraed " << server::kVersion << "\n";
    return 0;
  }
  auto config = server::ResolveConfig(*cl);
  if (!config.ok()) {
    std::cerr << "iraed: configuration error: " << config.status().message()
              << "\n";
    return 2;
  }
  (void)SetLogLevel(config->log_level);
  SetLogFormat(ParseLogFormat(config->log_format).value());
  ingest::RouteProtobufLogs();
  Logger("main")->info("iraed {} starting", server::kVersion);
  server::Daemon daemon(std::move(config).value(), RealClock());
  // SIGHUP reads the same file and options again.
  daemon.SetConfigSource([cl = *cl] { return server::ResolveConfig(cl); });
  if (Status s = daemon.Start(); !s.ok()) {
    Logger("main")->error("start-up failed: {}", s.ToString());
    return server::StartFailureExitStatus(s);
  }
  return daemon.Run();
}
