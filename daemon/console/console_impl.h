// File: console/console_impl.h
//
// Inside the console (console_app.h): the state its routes share and the
// answers they build. Only console/*.cc include this.
#ifndef IRAED_CONSOLE_CONSOLE_IMPL_H_
#define IRAED_CONSOLE_CONSOLE_IMPL_H_

#include <atomic>
#include <chrono>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "auth/api_tokens.h"
#include "auth/console_users.h"
#include "auth/digest.h"
#include "auth/password_hash.h"
#include "common/json.h"
#include "common/logging.h"
#include "console/alert_action.h"
#include "console/console_app.h"
#include "console/html.h"
#include "console/live_feed.h"
#include "console/pages.h"
#include "console/role_pages.h"
#include "console/sessions.h"
#include "console/sign_in_throttle.h"
#include "console/user_directory.h"
#include "console/worker.h"
#include "http/http_server.h"
#include "model/disposition.h"
#include "reports/pv_export.h"
#include "store/sqlite_db.h"

namespace iraed::console {

using http::HeaderList;
using http::Request;
using http::Responder;
using http::Response;

inline constexpr std::string_view kSessionCookie = "iraed_session";
inline constexpr std::string_view kSignInCookie = "iraed_signin";
inline constexpr auto kAuditWait = std::chrono::seconds(10);
inline constexpr auto kActionWait = std::chrono::seconds(30);
// What an audit entry keeps of a name typed at sign-in.
inline constexpr std::size_t kMaxNameKept = 64;

// Every page: no framing, no referrer, no script or style from elsewhere.
Response Html(int status, std::string body, HeaderList extra = {});
Response Redirect(const std::string& location, HeaderList extra = {});
Response PlainText(int status, std::string text);
std::string Cookie(std::string_view name, std::string_view value,
                   std::string_view path, bool secure, bool expire = false);
// 256 random bits as 64 hex digits.
Result<std::string> RandomToken();

struct ConsoleApp::Impl {
  explicit Impl(ConsoleOptions o)
      : opt(std::move(o)),
        users(opt.users_file),
        sessions(opt.sessions),
        throttle(opt.throttle),
        worker(std::make_shared<Worker>()) {
    LiveFeedOptions lo;
    lo.db_path = opt.db_path;
    lo.poll = opt.live_poll;
    lo.signed_in = [this](const std::string& token) {
      return sessions.Touch(token, Now(), /*activity=*/false).has_value();
    };
    live = std::make_unique<LiveFeed>(std::move(lo));
    // Ready before the first sign-in: an unknown name then costs the same
    // as a known one from the start.
    worker->Post([this] {
      auto random = RandomToken();
      auto hash = auth::HashPassword("iraed-no-such-user-" +
                                     (random.ok() ? *random : "x"));
      if (hash.ok()) dummy_hash = *hash;
    });
  }

  ConsoleOptions opt;
  UserDirectory users;
  SessionTable sessions;
  SignInThrottle throttle;
  std::shared_ptr<Worker> worker;
  std::unique_ptr<LiveFeed> live;
  // Worker thread only:
  std::optional<store::Database> db;
  std::string dummy_hash;  // verified for unknown names: same cost

  UnixMillis Now() const { return opt.clock->NowMillis(); }
  bool SecureCookies() const {
    return opt.secure_cookies || opt.external_url.rfind("https://", 0) == 0;
  }
  // What identifies a user's password now: a session signed in under an
  // older one ends (`iraectl users passwd` signs everyone out).
  static std::string CredentialOf(const auth::ConsoleUser& user) {
    return auth::Sha256Hex(user.password_hash);
  }
  // A name as typed, for the audit trail: at most kMaxNameKept bytes.
  static std::string KeptName(const std::string& name) {
    if (name.size() <= kMaxNameKept) return name;
    return name.substr(0, kMaxNameKept) + "... (" +
           std::to_string(name.size()) + " bytes)";
  }
  // Failures of names that cannot be an account count together.
  static std::string ThrottleKey(const std::string& name) {
    return auth::IsValidTokenName(name) ? name : std::string("(invalid name)");
  }

  // --- on the HTTP thread -------------------------------------------------

  void Handle(const Request& r, const std::shared_ptr<Responder>& responder);
  // The pages that need a session; `s` is the viewer's.
  void HandleSignedIn(const Request& r, const ConsoleSession& s,
                      const std::shared_ptr<Responder>& responder);
  // /alerts/ID[/acknowledge|/resolve] and /patients/AUTHORITY/ID: false
  // when `r` is neither (nothing answered).
  bool RouteRecordPages(const Request& r, const ConsoleSession& s,
                        const std::shared_ptr<Responder>& responder);
  static Response ServeStatic(std::string_view name);
  Response SignInForm(const Request& r);
  // A POST without the session's CSRF token: refused, audited.
  void RefuseForm(const Request& r, const ConsoleSession& s,
                  const std::shared_ptr<Responder>& responder);
  // The signed-in session of `r`, its user still holding the same role.
  std::optional<ConsoleSession> SessionOf(const Request& r, bool activity);
  bool SameOrigin(const Request& r) const;

  // Runs `task` on the worker; a worker that has stopped answers 503.
  void OnWorker(const std::shared_ptr<Responder>& responder,
                std::function<void()> task) {
    if (!worker->Post(std::move(task))) {
      busy.fetch_add(1, std::memory_order_relaxed);
      responder->Reply(
          PlainText(503, "the console is busy or stopping: try again\n"));
    }
  }

  // --- on the worker thread -----------------------------------------------

  void SignIn(const Request& r, const std::shared_ptr<Responder>& responder);
  // A refused sign-in: audited with `reason`, answered 401 with `shown` and
  // a fresh form.
  void RefuseSignIn(const Request& r, const std::string& name,
                    const std::string& reason, const std::string& shown,
                    const std::shared_ptr<Responder>& responder);
  // A right sign-in: a session, audited, then the board.
  void Admit(const Request& r, const auth::ConsoleUser& user,
             const std::shared_ptr<Responder>& responder);
  std::string LockedText(UnixMillis until) const {
    return "Too many failed sign-ins for this name: try again after " +
           LocalMinute(opt.zone, until) + " or ask an administrator.";
  }
  void SignOut(const Request& r, const ConsoleSession& s,
               const std::shared_ptr<Responder>& responder);
  void ShowBoard(const Request& r, const ConsoleSession& s, bool rows_only,
                 const std::shared_ptr<Responder>& responder);
  store::Database* Db();
  // GET /alerts/ID: the alert explained, with the forms to act on it.
  void ShowAlert(const Request& r, const ConsoleSession& s, std::int64_t id,
                 const std::shared_ptr<Responder>& responder);
  // GET /patients/AUTHORITY/ID: the patient's course.
  void ShowPatient(const Request& r, const ConsoleSession& s,
                   const std::string& authority, const std::string& identifier,
                   const std::shared_ptr<Responder>& responder);
  // POST /alerts/ID/acknowledge|resolve, through the store's pipeline.
  void ActOnAlert(const Request& r, const ConsoleSession& s, std::int64_t id,
                  ConsoleAction action,
                  const std::shared_ptr<Responder>& responder);
  // A page the viewer's role may not open: 403, audited
  // (console_page_refused).
  void RefusePage(const Request& r, const ConsoleSession& s,
                  const std::shared_ptr<Responder>& responder);
  // GET /findings[?from=D&through=D]: the period's episodes and downloads.
  void ShowFindings(const Request& r, const ConsoleSession& s,
                    const std::shared_ptr<Responder>& responder);
  // GET /findings/export?level=L&format=F&from=D&through=D: a download,
  // audited (console_export) before it is sent.
  void ExportFindings(const Request& r, const ConsoleSession& s,
                      const std::shared_ptr<Responder>& responder);
  reports::PvExportOptions ExportOptions(const FindingsPeriod& period) const;
  // The CTCAE version the site pages by ("5.0", "6.0").
  std::string SiteCtcae() const;
  // GET /operations: feeds, consumers, rejected messages, data quality,
  // unmapped codes.
  void ShowOperations(const Request& r, const ConsoleSession& s,
                      const std::shared_ptr<Responder>& responder);
  // Files `submission` and waits for its outcome (kUnavailable after
  // kActionWait).
  model::Outcome SubmitAndWait(model::Submission submission);

  // Chains an access entry into the audit trail and waits until it is
  // committed (or kAuditWait passes): the worker takes no other request
  // meanwhile, so a flood of requests cannot queue audit work without
  // bound in front of the store.
  Status Audit(std::string kind, const Json& detail) {
    CountRefusal(kind);
    if (opt.store == nullptr) return Status::Ok();
    auto done = std::make_shared<std::promise<Status>>();
    std::future<Status> result = done->get_future();
    opt.store->RecordAccess(std::move(kind), DumpJson(detail), Now(),
                            [done](const Status& s) { done->set_value(s); });
    if (result.wait_for(kAuditWait) != std::future_status::ready) {
      audit_failures.fetch_add(1, std::memory_order_relaxed);
      return Status::Unavailable("the audit trail did not answer in time");
    }
    Status s = result.get();
    if (!s.ok()) audit_failures.fetch_add(1, std::memory_order_relaxed);
    return s;
  }

  // Counters for /metrics (ConsoleCounters), bumped on the worker thread
  // and read from the HTTP thread.
  std::atomic<std::uint64_t> refused_csrf{0};
  std::atomic<std::uint64_t> refused_role{0};
  std::atomic<std::uint64_t> sign_in_failures{0};
  std::atomic<std::uint64_t> busy{0};
  std::atomic<std::uint64_t> audit_failures{0};
  void CountRefusal(std::string_view kind) {
    if (kind == "console_csrf_refused") {
      refused_csrf.fetch_add(1, std::memory_order_relaxed);
    } else if (kind == "console_page_refused" ||
               kind == "console_action_refused") {
      refused_role.fetch_add(1, std::memory_order_relaxed);
    } else if (kind == "console_sign_in_failed") {
      sign_in_failures.fetch_add(1, std::memory_order_relaxed);
    }
  }

  static Json Who(const Request& r, std::string_view user,
                  std::string_view role) {
    Json j = Json::object();
    j["user"] = std::string(user);
    if (!role.empty()) j["role"] = std::string(role);
    j["from"] = r.peer;
    return j;
  }

  // The 503 page of a view whose audit entry could not be committed: the
  // page is not shown.
  Response ViewNotRecorded(const ConsoleSession& s,
                           const std::string& title) const {
    return Html(503, RenderProblem(title, ViewerOf(s), opt.zone,
                                   "This view cannot be recorded in the audit "
                                   "trail, so it is not shown."));
  }

  Viewer ViewerOf(const ConsoleSession& s) const {
    return Viewer{s.user, std::string(auth::ConsoleRoleName(s.role)), s.csrf};
  }
};

}  // namespace iraed::console

#endif  // IRAED_CONSOLE_CONSOLE_IMPL_H_
