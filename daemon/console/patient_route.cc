// The patient page's route (console_app.h): GET /patients/AUTHORITY/ID.
#include "console/console_impl.h"
#include "console/pages.h"
#include "console/patient_page.h"
#include "http/form.h"

namespace iraed::console {

void ConsoleApp::Impl::ShowPatient(
    const Request& r, const ConsoleSession& s, const std::string& authority,
    const std::string& identifier,
    const std::shared_ptr<Responder>& responder) {
  store::Database* database = Db();
  auto record = database ? ReadPatientRecord(*database, authority, identifier,
                                             opt.grading)
                         : Result<std::optional<PatientRecord>>(
                               Status::Unavailable("no database"));
  if (!record.ok()) {
    db.reset();
    Logger("console")->error("console patient page: {}",
                             record.status().ToString());
    return responder->Reply(
        Html(503, RenderProblem("Patient unavailable", ViewerOf(s), opt.zone,
                                "The patient's record cannot be read now. "
                                "Try again.")));
  }
  if (!record->has_value()) {
    return responder->Reply(
        Html(404, RenderProblem("No such patient", ViewerOf(s), opt.zone,
                                "iraed has no patient " + identifier + " (" +
                                    authority + ").")));
  }
  Json who = Who(r, s.user, auth::ConsoleRoleName(s.role));
  who["page"] = "patient";
  who["patient"] = authority + "^" + identifier;
  if (!Audit("console_view", who).ok()) {
    return responder->Reply(ViewNotRecorded(s, "Patient unavailable"));
  }
  responder->Reply(Html(
      200,
      RenderPage(
          "Patient " + ((*record)->name.empty() ? identifier : (*record)->name),
          ViewerOf(s), opt.zone,
          RenderPatientMain(**record, opt.grading, Now(), opt.zone))));
}

}  // namespace iraed::console
