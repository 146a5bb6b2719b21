#include "console/console_app.h"

#include "console/board.h"
#include "console/console_impl.h"
#include "console/pages.h"
#include "console/static_files.h"
#include "http/form.h"

namespace iraed::console {

Response Html(int status, std::string body, HeaderList extra) {
  extra.emplace_back("Content-Security-Policy",
                     std::string(kContentSecurityPolicy));
  extra.emplace_back("X-Frame-Options", "DENY");
  extra.emplace_back("Referrer-Policy", "same-origin");
  return Response{status, "text/html; charset=utf-8", std::move(body),
                  std::move(extra)};
}

Response Redirect(const std::string& location, HeaderList extra) {
  extra.emplace_back("Location", location);
  return Response{303, "text/plain; charset=utf-8", "see " + location + "\n",
                  std::move(extra)};
}

Response PlainText(int status, std::string text) {
  return Response{status, "text/plain; charset=utf-8", std::move(text), {}};
}

std::string Cookie(std::string_view name, std::string_view value,
                   std::string_view path, bool secure, bool expire) {
  std::string c = std::string(name) + "=" + std::string(value) +
                  "; Path=" + std::string(path) + "; HttpOnly; SameSite=Strict";
  if (secure) c += "; Secure";
  if (expire) c += "; Max-Age=0";
  return c;
}

Result<std::string> RandomToken() { return auth::RandomHex256(); }

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
  if (auto s = SessionOf(r, true)) {
    return Redirect(std::string(auth::HomePage(s->role)));
  }
  // The browser's form token stays while it has one: two sign-in pages
  // (tabs, a reload) do not void each other's forms.
  auto token = RandomToken();
  if (const auto held = http::CookieValue(r.Header("cookie"), kSignInCookie);
      held && held->size() == 64 &&
      held->find_first_not_of("0123456789abcdef") == std::string::npos) {
    token = *held;
  }
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
  if (path == "/favicon.ico") return responder->Reply(PlainText(404, ""));
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

bool ConsoleApp::Impl::RouteRecordPages(
    const Request& r, const ConsoleSession& s,
    const std::shared_ptr<Responder>& responder) {
  const std::string_view path = r.Path();
  const bool post = r.method == "POST";
  if (path.substr(0, 8) == "/alerts/") {
    // /alerts/ID, /alerts/ID/acknowledge, /alerts/ID/resolve
    const std::string_view rest = path.substr(8);
    const std::string_view digits = rest.substr(0, rest.find('/'));
    const std::string_view verb =
        digits.size() < rest.size() ? rest.substr(digits.size() + 1) : "";
    std::int64_t id = 0;
    const bool numeric =
        !digits.empty() && digits.size() <= 18 &&
        digits.find_first_not_of("0123456789") == std::string_view::npos;
    if (numeric) id = std::stoll(std::string(digits));
    if (numeric && verb.empty() && !post) {
      OnWorker(responder,
               [this, r, s, id, responder] { ShowAlert(r, s, id, responder); });
      return true;
    }
    if (numeric && post && (verb == "acknowledge" || verb == "resolve")) {
      const ConsoleAction action = verb == "resolve"
                                       ? ConsoleAction::kResolve
                                       : ConsoleAction::kAcknowledge;
      OnWorker(responder, [this, r, s, id, action, responder] {
        ActOnAlert(r, s, id, action, responder);
      });
      return true;
    }
  }
  if (path.substr(0, 10) == "/patients/" && !post) {
    const std::string_view rest = path.substr(10);
    const auto slash = rest.find('/');
    const auto authority = http::PercentDecode(rest.substr(0, slash), false);
    const auto identifier =
        slash == std::string_view::npos
            ? std::nullopt
            : http::PercentDecode(rest.substr(slash + 1), false);
    if (authority && identifier && !identifier->empty()) {
      OnWorker(responder, [this, r, s, a = *authority, i = *identifier,
                           responder] { ShowPatient(r, s, a, i, responder); });
      return true;
    }
  }
  return false;
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
  const bool patient_data =
      path == "/events" || path == "/board" || path == "/board/rows" ||
      path.substr(0, 8) == "/alerts/" || path.substr(0, 10) == "/patients/";
  const bool findings = path == "/findings" || path == "/findings/export";
  if ((patient_data && !auth::MaySeePatients(s.role)) ||
      (findings && !auth::MayExportFindings(s.role)) ||
      (path == "/operations" && !auth::MaySeeOperations(s.role))) {
    return RefusePage(r, s, responder);
  }
  if (path == "/events" && !post) {
    auto stream = responder->ReplyEventStream({{"X-Accel-Buffering", "no"}});
    live->Add(
        std::move(stream),
        http::CookieValue(r.Header("cookie"), kSessionCookie).value_or(""));
    return;
  }
  if (path == "/findings/export" && r.method != "GET") {
    // HEAD would run and audit an export whose bytes are never sent.
    return responder->Reply(PlainText(405, "GET only\n"));
  }
  if (findings && !post) {
    return OnWorker(responder, [this, r, s, responder] {
      if (r.Path() == "/findings") return ShowFindings(r, s, responder);
      ExportFindings(r, s, responder);
    });
  }
  if (path == "/operations" && !post) {
    return OnWorker(responder, [this, r, s, responder] {
      ShowOperations(r, s, responder);
    });
  }
  if ((path == "/board" || path == "/board/rows") && !post) {
    return OnWorker(responder, [this, r, s, responder] {
      ShowBoard(r, s, r.Path() == "/board/rows", responder);
    });
  }
  if (RouteRecordPages(r, s, responder)) return;
  if (path == "/" && !post) {
    return responder->Reply(Redirect(std::string(auth::HomePage(s.role))));
  }
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
      std::string(auth::HomePage(user.role)),
      {{"Set-Cookie",
        Cookie(kSessionCookie, session->token, "/", SecureCookies())},
       {"Set-Cookie",
        Cookie(kSignInCookie, "", "/signin", SecureCookies(), true)}}));
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
    filter.ward = http::FormValue(*q, "ward").value_or("");
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
    return responder->Reply(ViewNotRecorded(s, "Alert board unavailable"));
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

ConsoleCounters ConsoleApp::counters() const {
  ConsoleCounters c;
  c.live_streams = impl_->live->streams();
  c.feed_readable = impl_->live->feed_readable();
  c.refused_csrf = impl_->refused_csrf.load(std::memory_order_relaxed);
  c.refused_role = impl_->refused_role.load(std::memory_order_relaxed);
  c.sign_in_failures = impl_->sign_in_failures.load(std::memory_order_relaxed);
  c.busy = impl_->busy.load(std::memory_order_relaxed);
  c.audit_failures = impl_->audit_failures.load(std::memory_order_relaxed);
  return c;
}

}  // namespace iraed::console
