// File: server/command_line.h
//
// iraed's command line. Options override the config file.
#ifndef IRAED_SERVER_COMMAND_LINE_H_
#define IRAED_SERVER_COMMAND_LINE_H_

#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "config/config.h"

namespace iraed::server {

using config::Config;

struct CommandLine {
  bool help = false;
  bool version = false;
  std::optional<std::string> config_path;
  std::optional<std::string> db_path;
  std::optional<std::string> proto_listen;
  std::optional<std::string> mllp_listen;
  std::optional<std::string> ready_file;
  std::optional<std::string> log_level;
  std::optional<std::string> log_format;
  std::optional<std::string> http_listen;
  std::optional<std::string> synchronous;
};

// Accepts "--name VALUE" and "--name=VALUE". Unknown options, missing values
// and positional arguments fail with a message naming the option.
Result<CommandLine> ParseCommandLine(const std::vector<std::string>& args);

// Builds the effective configuration: defaults, then the config file (if
// any), then the options; validated.
Result<Config> ResolveConfig(const CommandLine& cl);

// The text printed by --help.
std::string UsageText();

}  // namespace iraed::server

#endif  // IRAED_SERVER_COMMAND_LINE_H_
