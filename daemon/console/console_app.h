// File: console/console_app.h
//
// The nurse console (README "Nurse console"), served on the HTTP listener
// beside the operations endpoints:
//   GET  /signin, POST /signin, POST /signout
//   GET  /board[?ward=W&syndrome=S] the alert board (ward "-": none given)
//   GET  /board/rows[?ward=W&syndrome=S] its rows (the live refresh)
//   GET  /alerts/ID                 one alert explained, with the forms to
//                                   acknowledge and resolve it
//   POST /alerts/ID/acknowledge|resolve   (nurse, physician)
//   GET  /patients/AUTHORITY/ID     the patient's course (percent-encoded)
//   GET  /findings[?from=D&through=D]   episodes of a period and downloads
//   GET  /findings/export?level=episode|finding|dictionary&format=csv|json
//        &from=D&through=D          (pharmacovigilance)
//   GET  /operations                feeds, consumers and lag, rejected
//                                   messages, data quality, unmapped
//                                   codes (admin)
//   GET  /events                    server-sent events: "alert" when the
//                                   feed moves, "trouble" when it cannot
//                                   be read
//   GET  /static/console.css|console.js
// Every page but sign-in needs a session (console/sessions.h): without
// one a page redirects to /signin and a fragment answers 401. Each role
// opens its own pages (auth/console_users.h): another answers 403 and is
// audited (console_page_refused); "/" and a sign-in lead to the role's
// home page. Every POST
// but sign-in must carry the session's CSRF token, and a request whose
// Origin is not this server is refused (403). Sign-ins, failed sign-ins,
// sign-outs, refused forms, page views and exports are entries in the audit
// trail (kinds console_sign_in, console_sign_in_failed, console_sign_out,
// console_csrf_refused, console_view, console_export,
// console_action_refused, console_page_refused), each committed before the
// answer:
// when it cannot be recorded the page is not shown.
//
// Password checks and database reads run on the console's worker thread
// (console/worker.h), never on the HTTP thread.
#ifndef IRAED_CONSOLE_CONSOLE_APP_H_
#define IRAED_CONSOLE_CONSOLE_APP_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/time_zone.h"
#include "console/sessions.h"
#include "console/sign_in_throttle.h"
#include "grading/grading_options.h"
#include "http/http_server.h"
#include "store/store_worker.h"

namespace iraed::console {

struct ConsoleOptions {
  std::string users_file;
  SessionLimits sessions;
  ThrottleLimits throttle;
  std::string db_path;
  TimeZone zone = TimeZone::Utc();
  store::StoreWorker* store = nullptr;  // audit entries (and actions)
  const Clock* clock = &RealClock();
  // Set the Secure attribute on cookies (the listener has TLS).
  bool secure_cookies = false;
  // The address browsers use when a reverse proxy stands in front
  // ("https://iraed.hospital.example"; "" for none): forms posted from its
  // origin are accepted, and an https one makes cookies Secure.
  std::string external_url;
  std::chrono::milliseconds live_poll{250};
  // The site's grading settings: what each lab code measures, default
  // limits, the rule set and the CTCAE version that pages (the patient
  // page's values and grade bands).
  grading::GradingOptions grading;
};

// What /metrics says of the console (README "Monitoring"), so that
// operations learns when the console stops working, not only the pager.
struct ConsoleCounters {
  std::size_t live_streams = 0;
  bool feed_readable = true;           // the live updates read the alert feed
  std::uint64_t refused_csrf = 0;      // forms without token or origin
  std::uint64_t refused_role = 0;      // pages and actions outside the role
  std::uint64_t sign_in_failures = 0;  // wrong, unknown, locked, expired
  std::uint64_t busy = 0;              // answered 503: worker queue full
  std::uint64_t audit_failures = 0;    // entries not committed: refused
};

class ConsoleApp {
 public:
  explicit ConsoleApp(ConsoleOptions options);
  ~ConsoleApp();  // Stop()
  ConsoleApp(const ConsoleApp&) = delete;
  ConsoleApp& operator=(const ConsoleApp&) = delete;

  // Whether `path` is the console's (everything but the operations
  // endpoints /metrics, /healthz, /readyz).
  static bool Serves(std::string_view path);
  // Called on the HTTP thread; answers on the worker thread.
  void Handle(const http::Request& request,
              const std::shared_ptr<http::Responder>& responder);
  // Ends the live streams, finishes the queued requests and joins the
  // threads. Idempotent.
  void Stop();

  std::size_t live_streams() const;
  ConsoleCounters counters() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace iraed::console

#endif  // IRAED_CONSOLE_CONSOLE_APP_H_
