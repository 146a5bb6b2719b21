#include "common/logging.h"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>

#include <array>
#include <mutex>
#include <string>

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

spdlog::sink_ptr SharedSink() {
  static spdlog::sink_ptr sink = [] {
    auto s = std::make_shared<spdlog::sinks::stderr_sink_mt>();
    s->set_formatter(std::make_unique<spdlog::pattern_formatter>(
        "%Y-%m-%dT%H:%M:%S.%eZ %l %n: %v", spdlog::pattern_time_type::utc));
    return s;
  }();
  return sink;
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
      [](std::shared_ptr<spdlog::logger> l) { l->set_level(CurrentLevel()); });
  return Status::Ok();
}

}  // namespace iraed
