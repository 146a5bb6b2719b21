// File: reports/pv_data.h
//
// What the pharmacovigilance export reads from a database, loaded once per
// export: the patients, their monitored therapy doses (live ones only: not
// entered in error nor withdrawn), and the graded findings that are adverse
// events (every grading system but the CAR-HEMATOTOX risk score). A patient
// merged into another (ADT^A40) is read as the survivor: its findings and
// doses join the survivor's. Also the episodes of every series and the
// therapy in force at a moment, as the export's columns give them.
#ifndef IRAED_REPORTS_PV_DATA_H_
#define IRAED_REPORTS_PV_DATA_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "common/time_zone.h"
#include "grading/drug_catalog.h"
#include "pv/episodes.h"
#include "store/sqlite_db.h"

namespace iraed::reports {

struct PvPatient {
  std::string authority, identifier;
  std::string birth_date;  // "YYYY-MM-DD" or ""
  std::string sex;         // "female", "male", "other", "unknown" or ""
  std::optional<UnixMillis> died_at;
  std::optional<std::int64_t> merged_into;
};

// One live dose or infusion of a monitored therapy.
struct PvDose {
  std::string kind;        // therapies.kind
  std::string target;      // "PD-1", ... or ""
  std::string product;     // the product text as sent
  std::string ingredient;  // generic name, "" when iraed does not know it
  UnixMillis at = 0;
  std::optional<double> dose;  // from the administration, when sent
  std::string dose_unit;
};

struct PvFinding {
  std::int64_t id = 0, patient = 0, message = 0;
  std::string term, meddra, system, rule_version;
  UnixMillis at = 0;
  int grade = 0;
  std::optional<std::int64_t> previous_grade;
  bool provisional = false;
};

struct PvData {
  std::map<std::int64_t, PvPatient> patients;
  // By surviving patient, in time.
  std::map<std::int64_t, std::vector<PvDose>> doses;
  // Ordered by surviving patient, term, grading system, observed time, id.
  std::vector<PvFinding> findings;
};

struct PvLoad {
  UnixMillis until = 0;  // findings observed before it
  // Only rows of messages up to this id (replay compares a prefix of the
  // stored messages); nullopt: all.
  std::optional<std::int64_t> last_message;
};
Result<PvData> LoadPvData(store::Database& db, const PvLoad& load,
                          const grading::DrugCatalog& drugs);

// One adverse-event episode of a series (one patient, term and grading
// system) with the finding that opened it and the rule versions of its
// findings (sorted, distinct).
struct PvEpisode {
  const PvFinding* opening = nullptr;
  pv::Episode episode;
  std::vector<std::string> rule_versions;
};
struct PvEpisodeSettings {
  pv::EpisodeRules rules;
  // How long ASTCT grading (CRS, ICANS, and the CTCAE CRS scale) goes on
  // after the latest CAR-T infusion or bispecific dose (the daemon's
  // astct_window_days); 0: no limit. Early ICAHT stops after day 30 and
  // late ICAHT after day 100 of the infusion (31 and 101 days after it).
  std::int64_t astct_window_ms = 30LL * 24 * 60 * 60 * 1000;
};
// Every episode of every series; a patient without a monitored dose on
// record has none (an adverse event follows a therapy). Findings observed
// after `as_of` are not read.
std::vector<PvEpisode> DeriveAllEpisodes(const PvData& data, UnixMillis as_of,
                                         const PvEpisodeSettings& settings);

// The therapy in force at a moment: every dose given on the local calendar
// day of the latest dose at or before it (a combination such as nivolumab
// with ipilimumab is one regimen), in time order; the first dose of any of
// their active ingredients (of the same kind and product when the
// ingredient is unknown); and the calendar days in the export's time zone
// (day 1 = the first dose's day; 0 days since the latest dose on its own
// day).
struct PvRegimen {
  std::vector<const PvDose*> doses;
  UnixMillis first_dose_at = 0, latest_dose_at = 0;
  std::int64_t day_of_therapy = 0;
  std::int64_t days_since_latest = 0;
};
std::optional<PvRegimen> RegimenAt(const std::vector<PvDose>& doses,
                                   UnixMillis at, const TimeZone& zone);

// The regimen's class in words: "checkpoint inhibitor (PD-1)", a
// combination's targets sorted and joined ("checkpoint inhibitor (CTLA-4 +
// PD-1)"), other classes joined with " + ".
std::string RegimenClass(const std::vector<const PvDose*>& doses);

}  // namespace iraed::reports

#endif  // IRAED_REPORTS_PV_DATA_H_
