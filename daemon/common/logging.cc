#include "common/logging.h"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>

#include "common/json.h"
#include "common/time_format.h"

namespace iraed {
namespace {

constexpr std::array<std::string_view, 7> kLevels = {
    "trace", "debug", "info", "warn", "error", "critical", "off"};

std::mutex& RegistryMutex() {
  static std::mutex* mu = new std::mutex();
  return *mu;
}

spdlog::level::level_enum& CurrentLevel() {
  static spdlog::level::level_enum level = spdlog::level::info;
  return level;
}

// Set by LogNotice around its call: the formatters run on the logging
// thread (the sinks are synchronous), so they see it.
thread_local bool g_notice = false;

int SyslogPriority(spdlog::level::level_enum level) {
  if (g_notice) return 5;
  switch (level) {
    case spdlog::level::trace:
    case spdlog::level::debug:
      return 7;
    case spdlog::level::info:
      return 6;
    case spdlog::level::warn:
      return 4;
    case spdlog::level::err:
      return 3;
    default:
      return 2;
  }
}

std::string_view LevelName(spdlog::level::level_enum level) {
  if (g_notice) return "notice";
  const auto& name = spdlog::level::to_string_view(level);
  return std::string_view(name.data(), name.size());
}

// text, journal and json in one formatter (see logging.h).
class LineFormatter final : public spdlog::formatter {
 public:
  explicit LineFormatter(LogFormat format) : format_(format) {}

  void format(const spdlog::details::log_msg& msg,
              spdlog::memory_buf_t& dest) override {
    const std::string_view text(msg.payload.data(), msg.payload.size());
    const std::string_view component(msg.logger_name.data(),
                                     msg.logger_name.size());
    std::string line;
    if (format_ == LogFormat::kJournal) {
      line = "<" + std::to_string(SyslogPriority(msg.level)) + ">" +
             std::string(component) + ": " + std::string(text);
    } else {
      const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                          msg.time.time_since_epoch())
                          .count();
      const std::string time = FormatUtcMillis(ms);
      if (format_ == LogFormat::kJson) {
        Json j = Json::object();
        j["time"] = time;
        j["level"] = LevelName(msg.level);
        j["priority"] = SyslogPriority(msg.level);
        j["component"] = component;
        j["message"] = text;
        line = DumpJson(j);
      } else {
        line = time + " " + std::string(LevelName(msg.level)) + " " +
               std::string(component) + ": " + std::string(text);
      }
    }
    line += '\n';
    dest.append(line.data(), line.data() + line.size());
  }

  std::unique_ptr<spdlog::formatter> clone() const override {
    return std::make_unique<LineFormatter>(format_);
  }

 private:
  LogFormat format_;
};

spdlog::sink_ptr SharedSink() {
  static spdlog::sink_ptr sink = [] {
    auto s = std::make_shared<spdlog::sinks::stderr_sink_mt>();
    s->set_formatter(std::make_unique<LineFormatter>(LogFormat::kText));
    return s;
  }();
  return sink;
}

// True when stderr is the stream systemd connected to the journal.
bool StderrIsJournal() {
  const char* stream = std::getenv("JOURNAL_STREAM");
  if (stream == nullptr) return false;
  unsigned long long dev = 0, ino = 0;
  if (std::sscanf(stream, "%llu:%llu", &dev, &ino) != 2) return false;
  struct stat st;
  if (::fstat(STDERR_FILENO, &st) != 0) return false;
  return static_cast<unsigned long long>(st.st_dev) == dev &&
         static_cast<unsigned long long>(st.st_ino) == ino;
}

}  // namespace

bool IsValidLogLevel(std::string_view level) {
  for (auto l : kLevels) {
    if (l == level) return true;
  }
  return false;
}

std::shared_ptr<spdlog::logger> Logger(std::string_view component) {
  std::lock_guard<std::mutex> lock(RegistryMutex());
  std::string name(component);
  if (auto existing = spdlog::get(name)) return existing;
  auto logger = std::make_shared<spdlog::logger>(name, SharedSink());
  logger->set_level(CurrentLevel());
  logger->flush_on(spdlog::level::warn);
  spdlog::register_logger(logger);
  return logger;
}

Status SetLogLevel(std::string_view level) {
  if (!IsValidLogLevel(level)) {
    return Status::InvalidArgument("unknown log level '" + std::string(level) +
                                   "' (trace, debug, info, warn, error, "
                                   "critical, off)");
  }
  std::lock_guard<std::mutex> lock(RegistryMutex());
  CurrentLevel() = spdlog::level::from_str(std::string(level));
  spdlog::apply_all(
      [](const std::shared_ptr<spdlog::logger>& l) {
        l->set_level(CurrentLevel());
      });
  return Status::Ok();
}

Result<LogFormat> ParseLogFormat(std::string_view name) {
  if (name == "text") return LogFormat::kText;
  if (name == "journal") return LogFormat::kJournal;
  if (name == "json") return LogFormat::kJson;
  if (name == "auto") {
    return StderrIsJournal() ? LogFormat::kJournal : LogFormat::kText;
  }
  return Status::InvalidArgument("unknown log format '" + std::string(name) +
                                 "' (text, journal, json, auto)");
}

void SetLogFormat(LogFormat format) {
  std::lock_guard<std::mutex> lock(RegistryMutex());
  SharedSink()->set_formatter(std::make_unique<LineFormatter>(format));
}

void LogNotice(std::string_view component, std::string_view message) {
  auto logger = Logger(component);
  g_notice = true;
  logger->info("{}", message);
  g_notice = false;
}

}  // namespace iraed
