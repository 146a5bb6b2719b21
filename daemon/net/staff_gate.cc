#include "net/staff_gate.h"

#include <utility>
#include <variant>

namespace iraed::net {

void GateStaffAction(auth::StaffAuthenticator* auth,
                     const std::string& certificate_subject,
                     model::Submission& s) {
  const std::string token = std::exchange(s.auth_token, std::string());
  if (auth == nullptr || !s.rejection.ok() || !s.message) return;
  auth::StaffRequest request;
  if (std::holds_alternative<model::AlertAction>(s.message->body)) {
    request.kind = auth::StaffRequest::Kind::kAlertAction;
  } else if (const auto* c =
                 std::get_if<model::FeedConfirmation>(&s.message->body)) {
    request.kind = auth::StaffRequest::Kind::kFeedConfirmation;
    request.consumer = c->consumer;
  } else {
    return;
  }
  auto actor = auth->Decide(request, token, certificate_subject);
  if (!actor.ok()) {
    s.rejection = actor.status();
    s.message.reset();
    return;
  }
  s.actor = std::move(actor).value();
}

}  // namespace iraed::net
