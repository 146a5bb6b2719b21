#include "console/alert_action.h"

#include "ingest/proto_submission.h"
#include "iraed/v1/ingest.pb.h"

namespace iraed::console {

model::Submission BuildConsoleAction(std::int64_t alert_id,
                                     ConsoleAction action,
                                     const std::string& user,
                                     const std::string& note,
                                     const std::string& nonce,
                                     const std::string& peer, UnixMillis now) {
  const std::string actor = "console:" + user;
  iraed::v1::Envelope env;
  // No sent_at: the same form gives the same bytes, so a second click is
  // a plain duplicate (a different note under the same id is told apart).
  env.set_message_id(
      "console-" + std::to_string(alert_id) +
      (action == ConsoleAction::kResolve ? "-resolve-" : "-acknowledge-") +
      nonce);
  env.set_source(std::string(kConsoleSource));
  auto* a = env.mutable_alert_action();
  a->set_alert_id(static_cast<std::uint64_t>(alert_id));
  a->set_kind(action == ConsoleAction::kResolve
                  ? iraed::v1::ALERT_ACTION_KIND_RESOLVE
                  : iraed::v1::ALERT_ACTION_KIND_ACKNOWLEDGE);
  a->set_by(actor);
  a->set_note(note);
  model::Submission s = ingest::BuildProtoSubmission(env.SerializeAsString(),
                                                     "console " + peer, now);
  s.actor = actor;
  return s;
}

}  // namespace iraed::console
