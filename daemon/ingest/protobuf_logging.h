// File: ingest/protobuf_logging.h
//
// Sends libprotobuf's own diagnostics (for example "String field ... contains
// invalid UTF-8 data") to the "protobuf" logger instead of raw stderr. They
// are caused by senders' bytes, so they are logged at debug level: the
// rejection itself is already reported per frame.
#ifndef IRAED_INGEST_PROTOBUF_LOGGING_H_
#define IRAED_INGEST_PROTOBUF_LOGGING_H_

namespace iraed::ingest {

// Installs the handler. Call once at start-up, before any thread decodes.
void RouteProtobufLogs();

}  // namespace iraed::ingest

#endif  // IRAED_INGEST_PROTOBUF_LOGGING_H_
