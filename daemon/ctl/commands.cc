#include "ctl/commands.h"

#include <sys/stat.h>

#include <iostream>
#include <string>

#include "auth/audit_key.h"
#include "common/clock.h"
#include "ctl/daemon_client.h"
#include "ctl/exit_status.h"
#include "ctl/follow.h"
#include "ctl/tokens.h"
#include "ctl/users.h"

namespace iraed::ctl {
namespace {

// Acknowledges or resolves an alert through the daemon.
int AlertAction(const CtlOptions& o, iraed::v1::AlertActionKind kind) {
  iraed::v1::Envelope env;
  // A caller-chosen id makes a retry after a lost answer safe: the daemon
  // answers the repeat as a duplicate and applies it no second time.
  env.set_message_id(o.message_id.empty() ? NewMessageId() : o.message_id);
  env.set_source(CommandSource());
  auto* a = env.mutable_alert_action();
  a->set_alert_id(static_cast<std::uint64_t>(o.id));
  a->set_kind(kind);
  a->set_by(o.by);
  a->set_note(o.note);
  auto ack = SendToDaemon(o.connect, env);
  if (!ack.ok()) return Fail(ack.status().message(), kExitUnreachable);
  if (!AckStored(*ack)) {
    return Fail("alert " + std::to_string(o.id) + ": " + DescribeAck(*ack),
                ack->status() == iraed::v1::ACK_STATUS_REJECTED
                    ? ExitStatusForRefusal(ack->refusal())
                    : kExitFailed);
  }
  std::cout << "alert " << o.id << " "
            << (kind == iraed::v1::ALERT_ACTION_KIND_RESOLVE ? "resolved"
                                                             : "acknowledged")
            << " by " << o.by << "\n";
  return kExitOk;
}

int CreateTokenCommand(const CtlOptions& o) {
  auto token = CreateToken(o.tokens, o.name, o.role, RealClock().NowMillis());
  if (!token.ok()) {
    const bool usage = token.status().code() == StatusCode::kInvalidArgument;
    return Fail(token.status().message(), usage ? kExitUsage : kExitFailed);
  }
  std::cerr << "token " << o.name << " added to " << o.tokens
            << "; it is shown once, below: keep it where only its holder "
               "can read it\n";
  struct stat st {};
  if (::stat(o.tokens.c_str(), &st) == 0 && (st.st_mode & 0040) == 0) {
    std::cerr << "note: " << o.tokens
              << " is not readable by its group; the daemon (user iraed) "
                 "reads it: chown root:iraed "
              << o.tokens << " && chmod 0640 " << o.tokens << "\n";
  }
  std::cout << *token << "\n";
  return kExitOk;
}

int RevokeTokenCommand(const CtlOptions& o) {
  if (Status s = RevokeToken(o.tokens, o.name); !s.ok()) {
    return Fail(s.message(), s.code() == StatusCode::kNotFound ? kExitNotFound
                                                               : kExitFailed);
  }
  std::cout << "token " << o.name << " revoked in " << o.tokens
            << " (the daemon refuses it from its next check)\n";
  return kExitOk;
}

int UsersCommand(Command command, const CtlOptions& o) {
  auto exit_for = [](const Status& s) {
    switch (s.code()) {
      case StatusCode::kInvalidArgument:
        return kExitUsage;
      case StatusCode::kNotFound:
        return kExitNotFound;
      default:
        return kExitFailed;
    }
  };
  Status s = Status::Ok();
  if (command == Command::kUsersList) {
    s = ListUsers(o.users, o.json, std::cout);
  } else if (command == Command::kUsersRemove) {
    s = RemoveUser(o.users, o.name);
    if (s.ok())
      std::cout << "user " << o.name << " removed from " << o.users << "\n";
  } else {
    auto password = ReadNewPassword(o.password_stdin, std::cin);
    if (!password.ok()) return Fail(password.status().message(), kExitUsage);
    if (command == Command::kUsersAdd) {
      s = AddUser(o.users, o.name, o.role, *password, RealClock().NowMillis());
      if (s.ok()) {
        std::cout << "user " << o.name << " (" << o.role << ") added to "
                  << o.users << "\n";
      }
    } else {
      s = SetUserPassword(o.users, o.name, *password);
      if (s.ok()) std::cout << "password of " << o.name << " changed\n";
    }
  }
  if (!s.ok()) return Fail(s.message(), exit_for(s));
  return kExitOk;
}

int AuditKeygen(const CtlOptions& o) {
  if (Status s = auth::WriteNewAuditKeyFile(o.file); !s.ok()) {
    return Fail(s.message(), kExitFailed);
  }
  std::cout << "audit key written to " << o.file
            << " (mode 0600); give it to iraed as audit { key_file }\n";
  return kExitOk;
}

// How iraectl reaches the daemon: TLS and the API token.
int SetUpDaemonClient(const CtlOptions& o) {
  if (!o.tls_ca.empty()) {
    SetClientTls(ClientTls{o.tls_ca, o.tls_cert, o.tls_key});
  }
  auto token = ReadClientToken(o.auth_token_file);
  if (!token.ok()) return Fail(token.status().message(), kExitUsage);
  SetClientAuthToken(std::move(token).value());
  return kExitOk;
}

}  // namespace

int Fail(const std::string& message, int status) {
  std::cerr << "iraectl: " << message << "\n";
  return status;
}

int RunCommand(Command command, const CtlOptions& o) {
  if (int s = SetUpDaemonClient(o); s != kExitOk) return s;
  switch (command) {
    case Command::kAlertAck:
      return AlertAction(o, iraed::v1::ALERT_ACTION_KIND_ACKNOWLEDGE);
    case Command::kAlertResolve:
      return AlertAction(o, iraed::v1::ALERT_ACTION_KIND_RESOLVE);
    case Command::kAlertConfirm:
      return ConfirmDelivery(o.connect, o.consumer, o.id);
    case Command::kTokenCreate:
      return CreateTokenCommand(o);
    case Command::kTokenList:
      if (Status s = ListTokens(o.tokens, o.json, std::cout); !s.ok()) {
        return Fail(s.message(), kExitFailed);
      }
      return kExitOk;
    case Command::kTokenRevoke:
      return RevokeTokenCommand(o);
    case Command::kAuditKeygen:
      return AuditKeygen(o);
    case Command::kUsersAdd:
    case Command::kUsersList:
    case Command::kUsersPasswd:
    case Command::kUsersRemove:
      return UsersCommand(command, o);
    case Command::kNone:
      return Fail("a command is required (see --help)", kExitUsage);
    case Command::kExport:
      if (o.describe) return DescribeExport(o);  // needs no database
      break;
    default:
      break;
  }
  if (o.db.empty()) return Fail("--db PATH is required", kExitUsage);
  if (command == Command::kReplay) return RunReplayCommand(o);
  return RunDatabaseCommand(command, o);
}

}  // namespace iraed::ctl
