#include "server/command_line.h"

#include <map>

#include "common/logging.h"
#include "net/endpoint.h"

namespace iraed::server {

std::string UsageText() {
  return R"(Usage: iraed [OPTIONS]

iraed watches patients on immunotherapy for immune-related toxicity. It
ingests observations, medication administrations and therapy events over TCP,
stores every message durably in SQLite, and acknowledges a message only after
it is committed.

Options (override the config file):
  --config FILE          settings in protobuf text format; see
                         deploy/iraed.conf for every setting and its default.
                         Without it, the built-in defaults are used.
  --db PATH              SQLite database file (default var/iraed.db; its
                         folder is created when missing)
  --proto-listen H:P     native protocol listener (default 127.0.0.1:7570;
                         port 0 picks a free port, reported in the ready file)
  --mllp-listen H:P      HL7 v2 over MLLP listener (default 127.0.0.1:2575;
                         "" turns it off; port 0 picks a free port; see
                         README "HL7 v2 over MLLP")
  --http-listen H:P      operations listener: /metrics (Prometheus),
                         /healthz, /readyz (default 127.0.0.1:9570; ""
                         turns it off; port 0 picks a free port)
  --ready-file PATH      once every listener is bound, write a JSON file:
                         {"pid":N,"proto_listen":"127.0.0.1:40123",
                          "proto_port":40123,"mllp_port":40124,
                          "http_port":40125,"db":"..."}
                         (mllp_port, http_port null when that listener is
                         off)
                         and remove it at exit
  --log-level LEVEL      trace, debug, info (default), warn, error, critical,
                         off. Patient identifiers never appear at info or
                         above.
  --log-format FORMAT    text: "2026-11-26T14:54:14.123Z info store: ...";
                         journal: "<6>store: ..." (syslog priorities that
                         journald reads: debug 7, info 6, notice 5, warn 4,
                         error 3, critical 2); json: one object per line
                         {"time","level","priority","component","message"};
                         auto (default): journal when stderr is the systemd
                         journal, text otherwise
  --synchronous MODE     SQLite synchronous level: FULL (default, durable
                         across power loss), NORMAL, OFF, EXTRA
  --help                 print this text and exit
  --version              print the version and exit

Signals: SIGTERM or SIGINT stop accepting, finish the commits and
acknowledgements in flight (up to shutdown_grace_seconds), close the database
and exit 0. A second signal exits at once with status 1. SIGHUP reloads the
configuration (the same --config file and options): grading, alerting and
escalation (for alerts raised from then on), code map, site drugs, consumer
lag limits, the audit key, log level and format, HL7 reading rules (new
connections) apply at once; storage and listener settings, the ready file
and the audit witness interval are named in the log as needing a restart.
An invalid new configuration is refused with the same message as at
start-up and the running one stays in force. Every reload that takes effect
is a config_loaded entry in the audit trail.

Under systemd (Type=notify) iraed reports READY=1, STATUS= and STOPPING=1
and feeds the watchdog while its store thread makes progress.

One daemon per database: iraed locks "<database>.lock" (flock) while it
runs; a second iraed on the same database exits 2 at start-up, naming the
pid of the running one. Readers (iraectl) are not affected.

Exit status: 0 after a clean stop, 1 when start-up fails (storage or
listener), 2 for a bad command line or configuration, another iraed running
on the same database, or a database newer than this iraed.
)";
}

Result<CommandLine> ParseCommandLine(const std::vector<std::string>& args) {
  CommandLine cl;
  const std::map<std::string, std::optional<std::string> CommandLine::*>
      valued = {
          {"--config", &CommandLine::config_path},
          {"--db", &CommandLine::db_path},
          {"--proto-listen", &CommandLine::proto_listen},
          {"--mllp-listen", &CommandLine::mllp_listen},
          {"--ready-file", &CommandLine::ready_file},
          {"--log-level", &CommandLine::log_level},
          {"--log-format", &CommandLine::log_format},
          {"--http-listen", &CommandLine::http_listen},
          {"--synchronous", &CommandLine::synchronous},
      };
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string name = args[i];
    std::optional<std::string> inline_value;
    if (auto eq = name.find('=');
        name.rfind("--", 0) == 0 && eq != std::string::npos) {
      inline_value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    if (name == "--help" || name == "-h") {
      cl.help = true;
      continue;
    }
    if (name == "--version") {
      cl.version = true;
      continue;
    }
    auto it = valued.find(name);
    if (it == valued.end()) {
      if (name.rfind('-', 0) == 0) {
        return Status::InvalidArgument("unknown option " + name +
                                       " (see --help)");
      }
      return Status::InvalidArgument("unexpected argument '" + name +
                                     "' (see --help)");
    }
    std::string value;
    if (inline_value) {
      value = *inline_value;
    } else if (i + 1 < args.size()) {
      value = args[++i];
    } else {
      return Status::InvalidArgument(name + " needs a value");
    }
    cl.*(it->second) = value;
  }
  return cl;
}

Result<Config> ResolveConfig(const CommandLine& cl) {
  Config config;
  if (cl.config_path) {
    RETURN_IF_ERROR(config::LoadConfigFile(*cl.config_path, config));
  }
  for (const auto& [flag, value] :
       {std::pair{"--proto-listen", cl.proto_listen},
        std::pair{"--mllp-listen", cl.mllp_listen},
        std::pair{"--http-listen", cl.http_listen}}) {
    if (!value || value->empty()) continue;
    if (auto ep = net::ParseEndpoint(*value); !ep.ok()) {
      return Status::InvalidArgument(std::string(flag) + ": " +
                                     ep.status().message());
    }
  }
  if (cl.log_level && !IsValidLogLevel(*cl.log_level)) {
    return Status::InvalidArgument("--log-level: '" + *cl.log_level +
                                   "' is not one of trace, debug, info, warn, "
                                   "error, critical, off");
  }
  if (cl.db_path) config.db_path = *cl.db_path;
  if (cl.proto_listen) config.proto_listener.listen = *cl.proto_listen;
  if (cl.mllp_listen) config.mllp_listener.listen = *cl.mllp_listen;
  if (cl.http_listen) config.http_listener.listen = *cl.http_listen;
  if (cl.ready_file) config.ready_file = *cl.ready_file;
  if (cl.log_level) config.log_level = *cl.log_level;
  if (cl.log_format) {
    if (!ParseLogFormat(*cl.log_format).ok()) {
      return Status::InvalidArgument("--log-format: '" + *cl.log_format +
                                     "' is not one of text, journal, json, "
                                     "auto");
    }
    config.log_format = *cl.log_format;
  }
  if (cl.synchronous) {
    auto s = config::ParseSynchronous(*cl.synchronous);
    if (!s.ok()) {
      return Status::InvalidArgument("--synchronous: " + s.status().message());
    }
    config.synchronous = *s;
  }
  RETURN_IF_ERROR(config::ValidateConfig(
      config, cl.config_path ? *cl.config_path + " with options"
                             : std::string("options")));
  return config;
}

}  // namespace iraed::server
