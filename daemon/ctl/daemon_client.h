// File: ctl/daemon_client.h
//
// iraectl's write path: every change of state (acknowledging an alert,
// confirming delivery) is one iraed.v1.Envelope sent to the daemon's native
// listener, so it is stored, audited and answered like any other message.
// Blocking, one connection per command.
#ifndef IRAED_CTL_DAEMON_CLIENT_H_
#define IRAED_CTL_DAEMON_CLIENT_H_

#include <chrono>
#include <string>

#include "common/status.h"
#include "ctl/client_tls.h"
#include "iraed/v1/ingest.pb.h"

namespace iraed::ctl {

// TLS for every later SendToDaemon of this process (iraectl's --tls-*
// options); off by default.
void SetClientTls(ClientTls tls);

// The API token sent with every later SendToDaemon of this process
// (Envelope.auth_token; iraectl's --auth-token-file); "" (default): none.
void SetClientAuthToken(std::string token);

// A message_id unique to this process and moment ("iraectl-<ms>-<pid>-<n>").
std::string NewMessageId();

// The Envelope's source: "iraectl@<host name>".
std::string CommandSource();

// Sends `envelope` to `host_port` ("HOST:PORT", a name or an address) and
// returns the daemon's Ack. kUnavailable when the daemon cannot be reached
// (connecting, and then answering, each within `timeout`).
Result<iraed::v1::Ack> SendToDaemon(
    const std::string& host_port, const iraed::v1::Envelope& envelope,
    std::chrono::milliseconds timeout = std::chrono::seconds(30));

// An Ack as one line for a person: "accepted", "rejected: <reason>" ...
std::string DescribeAck(const iraed::v1::Ack& ack);

// True for ACCEPTED and DUPLICATE (the daemon has it).
bool AckStored(const iraed::v1::Ack& ack);

}  // namespace iraed::ctl

#endif  // IRAED_CTL_DAEMON_CLIENT_H_
