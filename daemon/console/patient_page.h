// File: console/patient_page.h
//
// One patient's course on one page: the therapy time line (CAR-T day 0,
// checkpoint-inhibitor and bispecific doses, tocilizumab, corticosteroids,
// vasopressors, anakinra), plots over it of temperature, systolic
// pressure, oxygen flow and inspired oxygen, ICE and CAPD, and the key labs
// (ALT, AST, total bilirubin, creatinine, neutrophils, platelets), each
// with its grade bands behind it (console/grade_bands.h), then the
// patient's alerts and graded findings.
//
// A lab series is plotted in the unit of its latest value (counts in
// 10*9/L); values in another unit are counted under the plot, never
// silently left out.
#ifndef IRAED_CONSOLE_PATIENT_PAGE_H_
#define IRAED_CONSOLE_PATIENT_PAGE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "common/time_zone.h"
#include "grading/analytes.h"
#include "grading/ctcae6_labs.h"
#include "grading/grading_options.h"
#include "store/sqlite_db.h"

namespace iraed::console {

struct PatientRecord {
  std::int64_t row = 0;
  std::string authority;
  std::string identifier;
  std::string sex;
  std::string birth_date;
  std::string name;  // "" when no feed gave one
  std::string ward;  // likewise
  std::string bed;
  struct Event {  // a therapy or a supportive drug, on the time line
    UnixMillis at = 0;
    std::string what;    // "CAR-T infusion", "checkpoint inhibitor dose"
    std::string detail;  // the product or drug as sent
  };
  std::vector<Event> events;
  struct Value {  // a clinical state or a numeric lab result
    grading::Analyte analyte = grading::Analyte::kAlt;
    UnixMillis at = 0;
    double value = 0;
    std::string unit;  // as stored ("U/L"); clinical states: normalised
    // The limits the lab step grades with (range, its text, or the site's
    // default limits).
    std::optional<double> low, high;
  };
  std::vector<Value> values;
  struct AlertLine {
    std::int64_t id = 0;
    std::string syndrome;
    int grade = 0;
    std::string state;
    UnixMillis raised_ms = 0;
  };
  std::vector<AlertLine> alerts;
  struct FindingLine {
    std::string term;
    std::string system;
    int grade = 0;
    UnixMillis observed_at_ms = 0;
    bool provisional = false;
  };
  std::vector<FindingLine> findings;  // newest first, at most 200
};

// nullopt when the patient is not known. `options`: the site's grading
// settings (what each lab code measures, default limits), so that the
// values and limits are those the lab step grades with.
Result<std::optional<PatientRecord>> ReadPatientRecord(
    store::Database& db, const std::string& authority,
    const std::string& identifier, const grading::GradingOptions& options);

// The page's <main> content, its bands at the CTCAE version and rule set
// the site grades and pages by. Pure.
std::string RenderPatientMain(const PatientRecord& p,
                              const grading::GradingOptions& options,
                              UnixMillis now, const TimeZone& zone);

}  // namespace iraed::console

#endif  // IRAED_CONSOLE_PATIENT_PAGE_H_
