// The alert's page and the staff actions taken on it (console_app.h).
#include <tuple>

#include "console/alert_detail.h"
#include "console/console_impl.h"
#include "console/pages.h"
#include "http/form.h"

namespace iraed::console {
namespace {

constexpr std::size_t kMaxNote = 4096;  // AlertAction.note's limit
constexpr std::string_view kNotConfirmed = "the store did not answer in time";

bool IsNonce(std::string_view text) {
  return text.size() == 64 &&
         text.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

// The outcome line the page shows after an action (?done=...&again=1).
std::pair<std::string, bool> Notice(const Request& r) {
  const auto q = http::ParseForm(r.Query());
  if (!q) return {"", false};
  const std::string done = http::FormValue(*q, "done").value_or("");
  const bool again = http::FormValue(*q, "again").has_value();
  std::string text;
  if (done == "acknowledged") {
    text = "Acknowledged: escalation has stopped.";
  } else if (done == "resolved") {
    text = "Resolved: the alert is closed.";
  }
  if (!text.empty() && again) {
    text += " (This form was sent more than once; it was applied once.)";
  }
  return {text, false};
}

}  // namespace

model::Outcome ConsoleApp::Impl::SubmitAndWait(model::Submission submission) {
  if (opt.store == nullptr) return model::Outcome{};
  auto done = std::make_shared<std::promise<model::Outcome>>();
  std::future<model::Outcome> result = done->get_future();
  opt.store->Submit(std::move(submission), [done](model::Outcome o) {
    done->set_value(std::move(o));
  });
  if (result.wait_for(kActionWait) != std::future_status::ready) {
    model::Outcome late;
    late.reason = std::string(kNotConfirmed);
    return late;
  }
  return result.get();
}

void ConsoleApp::Impl::ShowAlert(const Request& r, const ConsoleSession& s,
                                 std::int64_t id,
                                 const std::shared_ptr<Responder>& responder) {
  store::Database* database = Db();
  auto detail = database
                    ? ReadAlertDetail(*database, id)
                    : Result<AlertDetail>(Status::Unavailable("no database"));
  if (!detail.ok()) {
    if (detail.status().code() == StatusCode::kNotFound) {
      return responder->Reply(Html(
          404, RenderProblem("No such alert", ViewerOf(s), opt.zone,
                             "There is no alert " + std::to_string(id) + ".")));
    }
    db.reset();
    Logger("console")->error("console alert page: {}",
                             detail.status().ToString());
    return responder->Reply(
        Html(503, RenderProblem("Alert unavailable", ViewerOf(s), opt.zone,
                                "The alert cannot be read now. Use the "
                                "pager and try again.")));
  }
  DetailActions actions;
  actions.may_act = auth::MayActOnAlerts(s.role);
  actions.csrf = s.csrf;
  auto ack = RandomToken();
  auto resolve = RandomToken();
  if (!ack.ok() || !resolve.ok()) {
    return responder->Reply(PlainText(500, "no randomness\n"));
  }
  actions.nonce_ack = *ack;
  actions.nonce_resolve = *resolve;
  std::tie(actions.notice, actions.notice_is_error) = Notice(r);
  // The outcome line comes from the redirect after an action; shown only
  // when the alert is in the state it names (a link cannot forge it).
  const bool says_acknowledged = actions.notice.rfind("Acknowledged", 0) == 0;
  if ((says_acknowledged && detail->state != "acknowledged") ||
      (!says_acknowledged && !actions.notice.empty() &&
       detail->state != "resolved")) {
    actions.notice.clear();
  }
  Json who = Who(r, s.user, auth::ConsoleRoleName(s.role));
  who["page"] = "alert";
  who["alert"] = id;
  who["patient"] = detail->patient_authority + "^" + detail->patient_identifier;
  if (!Audit("console_view", who).ok()) {
    return responder->Reply(ViewNotRecorded(s, "Alert unavailable"));
  }
  responder->Reply(Html(
      200, RenderPage("Alert " + std::to_string(id) + ": " + detail->syndrome,
                      ViewerOf(s), opt.zone,
                      RenderAlertDetail(*detail, actions, Now(), opt.zone))));
}

void ConsoleApp::Impl::ActOnAlert(const Request& r, const ConsoleSession& s,
                                  std::int64_t id, ConsoleAction action,
                                  const std::shared_ptr<Responder>& responder) {
  const std::string verb =
      action == ConsoleAction::kResolve ? "resolved" : "acknowledged";
  if (!auth::MayActOnAlerts(s.role)) {
    Json who = Who(r, s.user, auth::ConsoleRoleName(s.role));
    who["alert"] = id;
    who["reason"] = "this role may not act on alerts";
    (void)Audit("console_action_refused", who);  // refused either way
    return responder->Reply(Html(
        403, RenderProblem("Refused", ViewerOf(s), opt.zone,
                           "Nurses and physicians act on alerts; your role "
                           "may read them. Nothing was changed.")));
  }
  const auto form = http::ParseForm(r.body);
  const std::string nonce =
      form ? http::FormValue(*form, "nonce").value_or("") : "";
  const std::string note =
      form ? http::FormValue(*form, "note").value_or("") : "";
  if (!IsNonce(nonce) || note.size() > kMaxNote) {
    return responder->Reply(Html(
        400, RenderProblem("Not sent", ViewerOf(s), opt.zone,
                           note.size() > kMaxNote
                               ? "The note is longer than 4096 bytes. "
                                 "Nothing was changed."
                               : "The form is incomplete: reload the alert "
                                 "and try again. Nothing was changed.")));
  }
  const model::Outcome outcome = SubmitAndWait(
      BuildConsoleAction(id, action, s.user, note, nonce, r.peer, Now()));
  const std::string page = "/alerts/" + std::to_string(id);
  switch (outcome.disposition) {
    case model::Disposition::kAccepted:
      return responder->Reply(Redirect(page + "?done=" + verb));
    case model::Disposition::kDuplicate:
      if (!outcome.reason.empty()) {
        // The same form id with other content (an edited note): the first
        // stands, this one is not applied.
        return responder->Reply(
            Html(409, RenderProblem("Not applied", ViewerOf(s), opt.zone,
                                    "This form was already sent with other "
                                    "content; the first one stands. Reload the "
                                    "alert to see its state and act again.")));
      }
      return responder->Reply(Redirect(page + "?done=" + verb + "&again=1"));
    case model::Disposition::kRejected:
      return responder->Reply(
          Html(409, RenderProblem("Not done", ViewerOf(s), opt.zone,
                                  "iraed refused this: " + outcome.reason +
                                      ". Nothing was changed.")));
    case model::Disposition::kUnavailable:
      break;
  }
  Logger("console")->error("a console action could not be stored: {}",
                           outcome.reason);
  if (outcome.reason == kNotConfirmed) {
    // Still queued: it may yet be applied. Never say "nothing changed".
    return responder->Reply(Html(
        504, RenderProblem("Not confirmed yet", ViewerOf(s), opt.zone,
                           "iraed has not confirmed this action yet; it may "
                           "still be applied. Reload the alert to see its "
                           "state before acting again.")));
  }
  responder->Reply(Html(
      503,
      RenderProblem("Not stored", ViewerOf(s), opt.zone,
                    "iraed could not store this action (" + outcome.reason +
                        "). Nothing was changed: try again, and "
                        "use the pager or iraectl if it persists.")));
}

}  // namespace iraed::console
