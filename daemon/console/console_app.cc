#include "console/console_app.h"

#include <future>
#include <optional>

#include "auth/api_tokens.h"
#include "auth/digest.h"
#include "auth/password_hash.h"
#include "common/json.h"
#include "common/logging.h"
#include "console/board.h"
#include "console/html.h"
#include "console/live_feed.h"
#include "console/pages.h"
#include "console/static_files.h"
#include "console/user_directory.h"
#include "console/worker.h"
#include "http/form.h"
#include "store/sqlite_db.h"

namespace iraed::console {
namespace {

constexpr std::string_view kSessionCookie = "iraed_session";
constexpr std::string_view kSignInCookie = "iraed_signin";
constexpr auto kAuditWait = std::chrono::seconds(10);
// What an audit entry keeps of a name typed at sign-in.
constexpr std::size_t kMaxNameKept = 64;

using http::HeaderList;
using http::Request;
using http::Responder;
using http::Response;

// Every page: no framing, no referrer, no script or style from elsewhere.
Response Html(int status, std::string body, HeaderList extra = {}) {
  extra.emplace_back("Content-Security-Policy",
                     std::string(kContentSecurityPolicy));
  extra.emplace_back("X-Frame-Options", "DENY");
  extra.emplace_back("Referrer-Policy", "no-referrer");
  return Response{status, "text/html; charset=utf-8", std::move(body),
                  std::move(extra)};
}

Response Redirect(const std::string& location, HeaderList extra = {}) {
  extra.emplace_back("Location", location);
  return Response{303, "text/plain; charset=utf-8", "see " + location + "\n",
                  std::move(extra)};
}

Response PlainText(int status, std::string text) {
  return Response{status, "text/plain; charset=utf-8", std::move(text), {}};
}

std::string Cookie(std::string_view name, std::string_view value,
                   std::string_view path, bool secure, bool expire = false) {
  std::string c = std::string(name) + "=" + std::string(value) +
                  "; Path=" + std::string(path) + "; HttpOnly; SameSite=Strict";
  if (secure) c += "; Secure";
  if (expire) c += "; Max-Age=0";
  return c;
}

Result<std::string> RandomToken() {
  // A token as the API tokens are made (256 random bits), without prefix.
  ASSIGN_OR_RETURN(std::string text, auth::NewTokenText());
  return text.substr(text.find('-') + 1);
}

}  // namespace

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

  // Chains an access entry into the audit trail and waits until it is
  // committed (or kAuditWait passes): the worker takes no other request
  // meanwhile, so a flood of requests cannot queue audit work without
  // bound in front of the store.
  Status Audit(std::string kind, const Json& detail) {
    if (opt.store == nullptr) return Status::Ok();
    auto done = std::make_shared<std::promise<Status>>();
    std::future<Status> result = done->get_future();
    opt.store->RecordAccess(std::move(kind), DumpJson(detail), Now(),
                            [done](const Status& s) { done->set_value(s); });
    if (result.wait_for(kAuditWait) != std::future_status::ready) {
      return Status::Unavailable("the audit trail did not answer in time");
    }
    return result.get();
  }

  static Json Who(const Request& r, std::string_view user,
                  std::string_view role) {
    Json j = Json::object();
    j["user"] = std::string(user);
    if (!role.empty()) j["role"] = std::string(role);
    j["from"] = r.peer;
    return j;
  }

  Viewer ViewerOf(const ConsoleSession& s) const {
    return Viewer{s.user, std::string(auth::ConsoleRoleName(s.role)), s.csrf};
  }
};

bool ConsoleApp::Serves(std::string_view path) {
  return path != "/metrics" && path != "/healthz" && path != "/readyz";
}

bool ConsoleApp::Impl::SameOrigin(const Request& r) const {
  const std::string_view origin = r.Header("origin");
  if (origin.empty()) return true;  // not sent: SameSite and the token rule
  if (!opt.external_url.empty()) {
    // Behind a reverse proxy: the address the browsers use.
    std::string_view external = opt.external_url;
    const auto scheme_end = external.find("://");
    const auto path = external.find(
        '/', scheme_end == std::string_view::npos ? 0 : scheme_end + 3);
    if (origin == external.substr(0, path)) return true;
  }
  const std::string_view host = r.Header("host");
  if (host.empty()) return false;
  const std::string expected =
      std::string(r.secure ? "https://" : "http://") + std::string(host);
  return origin == expected;
}

std::optional<ConsoleSession> ConsoleApp::Impl::SessionOf(const Request& r,
                                                          bool activity) {
  const auto token = http::CookieValue(r.Header("cookie"), kSessionCookie);
  if (!token) return std::nullopt;
  auto s = sessions.Touch(*token, Now(), activity);
  if (!s) return std::nullopt;
  // Removed, or given another role, since signing in: signed out.
  const auto user = users.Find(s->user);
  if (!user || user->role != s->role ||
      !ConstantTimeEquals(CredentialOf(*user), s->credential)) {
    sessions.EndUser(s->user);
    return std::nullopt;
  }
  return s;
}

Response ConsoleApp::Impl::ServeStatic(std::string_view name) {
  for (const StaticFile& f : StaticFiles()) {
    if (name == f.name) {
      return Response{200,
                      std::string(f.content_type),
                      std::string(f.text),
                      {{"Cache-Control", "no-cache"}}};
    }
  }
  return PlainText(404, "not found\n");
}

Response ConsoleApp::Impl::SignInForm(const Request& r) {
  if (SessionOf(r, true)) return Redirect("/board");
  auto token = RandomToken();
  if (!token.ok()) return PlainText(500, "no randomness\n");
  return Html(200, RenderSignIn(opt.zone, *token, "", ""),
              {{"Set-Cookie",
                Cookie(kSignInCookie, *token, "/signin", SecureCookies())}});
}

void ConsoleApp::Impl::Handle(const Request& r,
                              const std::shared_ptr<Responder>& responder) {
  const std::string_view path = r.Path();
  const bool post = r.method == "POST";
  if (path.substr(0, 8) == "/static/" && !post) {
    return responder->Reply(ServeStatic(path.substr(8)));
  }
  if (post && !SameOrigin(r)) {
    Logger("console")->warn("refused a form posted from another origin");
    return OnWorker(responder, [this, r, responder] {
      Json detail = Who(r, "", "");
      detail["path"] = std::string(r.Path());
      detail["reason"] = "posted from another origin";
      (void)Audit("console_csrf_refused", detail);  // refused either way
      responder->Reply(
          PlainText(403, "refused: the form was not sent from this console\n"));
    });
  }
  if (path == "/signin") {
    if (!post) return responder->Reply(SignInForm(r));
    return OnWorker(responder, [this, r, responder] { SignIn(r, responder); });
  }
  const bool fragment = path == "/board/rows" || path == "/events";
  auto session = SessionOf(r, /*activity=*/!fragment);
  if (!session) {
    if (fragment || post) {
      return responder->Reply(PlainText(401, "signed out\n"));
    }
    return responder->Reply(Redirect("/signin"));
  }
  if (post) {
    const auto form = http::ParseForm(r.body);
    const auto csrf = form ? http::FormValue(*form, "csrf") : std::nullopt;
    if (!csrf || !ConstantTimeEquals(*csrf, session->csrf)) {
      return RefuseForm(r, *session, responder);
    }
  }
  HandleSignedIn(r, *session, responder);
}

void ConsoleApp::Impl::RefuseForm(const Request& r, const ConsoleSession& s,
                                  const std::shared_ptr<Responder>& responder) {
  OnWorker(responder, [this, r, s, responder] {
    Json detail = Who(r, s.user, auth::ConsoleRoleName(s.role));
    detail["path"] = std::string(r.Path());
    detail["reason"] = "CSRF token missing or wrong";
    (void)Audit("console_csrf_refused", detail);  // refused either way
    responder->Reply(
        Html(403, RenderProblem("Refused", ViewerOf(s), opt.zone,
                                "This form has expired or did not come from "
                                "this console. Nothing was changed: go back, "
                                "reload and try again.")));
  });
}

void ConsoleApp::Impl::HandleSignedIn(
    const Request& r, const ConsoleSession& s,
    const std::shared_ptr<Responder>& responder) {
  const std::string_view path = r.Path();
  const bool post = r.method == "POST";
  if (path == "/signout" && post) {
    return OnWorker(responder,
                    [this, r, s, responder] { SignOut(r, s, responder); });
  }
  if (path == "/events" && !post) {
    auto stream = responder->ReplyEventStream({{"X-Accel-Buffering", "no"}});
    live->Add(
        std::move(stream),
        http::CookieValue(r.Header("cookie"), kSessionCookie).value_or(""));
    return;
  }
  if ((path == "/board" || path == "/board/rows") && !post) {
    return OnWorker(responder, [this, r, s, responder] {
      ShowBoard(r, s, r.Path() == "/board/rows", responder);
    });
  }
  if (path == "/" && !post) return responder->Reply(Redirect("/board"));
  responder->Reply(Html(404, RenderProblem("Not found", ViewerOf(s), opt.zone,
                                           "There is no such page.")));
}

store::Database* ConsoleApp::Impl::Db() {
  if (!db) {
    auto opened =
        store::Database::Open(opt.db_path, store::Database::Mode::kReadOnly);
    if (!opened.ok()) return nullptr;
    (void)opened->Exec("PRAGMA busy_timeout = 2000");
    db.emplace(std::move(opened).value());
  }
  return &*db;
}

void ConsoleApp::Impl::RefuseSignIn(
    const Request& r, const std::string& name, const std::string& reason,
    const std::string& shown, const std::shared_ptr<Responder>& responder) {
  auto fresh = RandomToken();
  if (!fresh.ok()) return responder->Reply(PlainText(500, "no randomness\n"));
  Json detail = Who(r, KeptName(name), "");
  detail["reason"] = reason;
  if (!Audit("console_sign_in_failed", detail).ok()) {
    return responder->Reply(
        PlainText(503, "the sign-in attempt cannot be recorded: try again\n"));
  }
  responder->Reply(Html(401, RenderSignIn(opt.zone, *fresh, shown, name),
                        {{"Set-Cookie", Cookie(kSignInCookie, *fresh, "/signin",
                                               SecureCookies())}}));
}

void ConsoleApp::Impl::SignIn(const Request& r,
                              const std::shared_ptr<Responder>& responder) {
  const auto form = http::ParseForm(r.body);
  auto field = [&form](const char* name) {
    return form ? http::FormValue(*form, name).value_or("") : std::string();
  };
  const std::string name = field("name");
  const std::string token = field("csrf");
  const auto cookie = http::CookieValue(r.Header("cookie"), kSignInCookie);
  if (!cookie || token.empty() || !ConstantTimeEquals(*cookie, token)) {
    return RefuseSignIn(r, name, "sign-in form token missing or wrong",
                        "The sign-in form expired. Please sign in again.",
                        responder);
  }
  const UnixMillis now = Now();
  const std::string key = ThrottleKey(name);
  if (auto until = throttle.LockedUntil(key, now)) {
    return RefuseSignIn(r, name, "locked out after repeated failures",
                        LockedText(*until), responder);
  }
  const auto user =
      auth::IsValidTokenName(name) ? users.Find(name) : std::nullopt;
  // An unknown name costs the same Argon2id check as a known one.
  const bool verified =
      auth::VerifyPassword(field("password"),
                           user ? user->password_hash : dummy_hash) &&
      user.has_value();
  if (verified) {
    throttle.Succeeded(key);
    return Admit(r, *user, responder);
  }
  if (auto until = throttle.Failed(key, now)) {
    Logger("console")->warn("a console user name is locked out until {}",
                            LocalMinute(opt.zone, *until));
    return RefuseSignIn(r, name, "wrong name or password; now locked out",
                        LockedText(*until), responder);
  }
  RefuseSignIn(r, name, user ? "wrong password" : "unknown user",
               "Name or password not recognised.", responder);
}

void ConsoleApp::Impl::Admit(const Request& r, const auth::ConsoleUser& user,
                             const std::shared_ptr<Responder>& responder) {
  auto session =
      sessions.Create(user.name, user.role, CredentialOf(user), Now());
  if (!session.ok()) {
    return responder->Reply(PlainText(500, "cannot start a session\n"));
  }
  if (!Audit("console_sign_in",
             Who(r, user.name, auth::ConsoleRoleName(user.role)))
           .ok()) {
    sessions.End(session->token);
    return responder->Reply(
        PlainText(503,
                  "the sign-in cannot be recorded in the audit trail, so it is "
                  "refused: try again\n"));
  }
  // A session the browser still held ends (one browser, one session).
  if (auto old = http::CookieValue(r.Header("cookie"), kSessionCookie)) {
    sessions.End(*old);
  }
  responder->Reply(Redirect(
      "/board", {{"Set-Cookie",
                  Cookie(kSessionCookie, session->token, "/", SecureCookies())},
                 {"Set-Cookie", Cookie(kSignInCookie, "", "/signin",
                                       SecureCookies(), true)}}));
}

void ConsoleApp::Impl::SignOut(const Request& r, const ConsoleSession& s,
                               const std::shared_ptr<Responder>& responder) {
  sessions.End(s.token);
  // Signed out whatever the audit trail says (the store logs a failure).
  (void)Audit("console_sign_out",
              Who(r, s.user, auth::ConsoleRoleName(s.role)));
  responder->Reply(Redirect(
      "/signin", {{"Set-Cookie",
                   Cookie(kSessionCookie, "", "/", SecureCookies(), true)}}));
}

void ConsoleApp::Impl::ShowBoard(const Request& r, const ConsoleSession& s,
                                 bool rows_only,
                                 const std::shared_ptr<Responder>& responder) {
  BoardFilter filter;
  if (auto q = http::ParseForm(r.Query())) {
    filter.syndrome = http::FormValue(*q, "syndrome").value_or("");
  }
  store::Database* database = Db();
  auto board = database ? ReadBoard(*database, filter)
                        : Result<Board>(Status::Unavailable("no database"));
  if (!board.ok()) {
    db.reset();
    Logger("console")->error("console board: {}", board.status().ToString());
    return responder->Reply(
        rows_only ? PlainText(503, "the alerts cannot be read\n")
                  : Html(503, RenderProblem("Alert board unavailable",
                                            ViewerOf(s), opt.zone,
                                            "The alerts cannot be read now. "
                                            "Use the pager and try again.")));
  }
  const UnixMillis now = Now();
  if (rows_only) {
    return responder->Reply(Html(200, RenderBoardRows(*board, now, opt.zone)));
  }
  Json detail = Who(r, s.user, auth::ConsoleRoleName(s.role));
  detail["page"] = "board";
  detail["alerts_shown"] = board->alerts.size();
  if (!Audit("console_view", detail).ok()) {
    return responder->Reply(Html(
        503, RenderProblem("Alert board unavailable", ViewerOf(s), opt.zone,
                           "This view cannot be recorded in the audit "
                           "trail, so it is not shown.")));
  }
  responder->Reply(
      Html(200, RenderPage("Alert board", ViewerOf(s), opt.zone,
                           RenderBoardMain(*board, filter, now, opt.zone))));
}

ConsoleApp::ConsoleApp(ConsoleOptions options)
    : impl_(std::make_unique<Impl>(std::move(options))) {}

ConsoleApp::~ConsoleApp() { Stop(); }

void ConsoleApp::Handle(const http::Request& request,
                        const std::shared_ptr<http::Responder>& responder) {
  impl_->Handle(request, responder);
}

void ConsoleApp::Stop() {
  impl_->live->Stop();
  // The worker's database connection closes with the worker, before the
  // store's last checkpoint.
  impl_->worker->Post([impl = impl_.get()] { impl->db.reset(); });
  impl_->worker->Stop();
}

std::size_t ConsoleApp::live_streams() const { return impl_->live->streams(); }

}  // namespace iraed::console
