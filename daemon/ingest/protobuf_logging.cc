#include "ingest/protobuf_logging.h"

#include <google/protobuf/stubs/logging.h>

#include "common/logging.h"

namespace iraed::ingest {
namespace {

void Handle(google::protobuf::LogLevel level, const char* filename, int line,
            const std::string& message) {
  auto log = Logger("protobuf");
  switch (level) {
    case google::protobuf::LOGLEVEL_INFO:
    case google::protobuf::LOGLEVEL_WARNING:
    case google::protobuf::LOGLEVEL_ERROR:
      log->debug("{} ({}:{})", message, filename, line);
      break;
    case google::protobuf::LOGLEVEL_FATAL:
      log->critical("{} ({}:{})", message, filename, line);
      break;
  }
}

}  // namespace

void RouteProtobufLogs() { google::protobuf::SetLogHandler(&Handle); }

}  // namespace iraed::ingest
