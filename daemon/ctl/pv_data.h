// File: ctl/pv_data.h
//
// What the pharmacovigilance export reads from a database, loaded once per
// export: the patients, their monitored therapy doses (live ones only: not
// entered in error nor withdrawn), and the graded findings that are adverse
// events (every grading system but the CAR-HEMATOTOX risk score). Also the
// therapy context of a moment, as the export's columns give it.
#ifndef IRAED_CTL_PV_DATA_H_
#define IRAED_CTL_PV_DATA_H_

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

namespace iraed::ctl {

struct PvPatient {
  std::string authority, identifier;
  std::string birth_date;  // "YYYY-MM-DD" or ""
  std::string sex;         // "female", "male", "other", "unknown" or ""
  std::optional<UnixMillis> died_at;
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
  std::map<std::int64_t, std::vector<PvDose>> doses;  // by patient, in time
  // Ordered by patient, term, grading system, observed time, id.
  std::vector<PvFinding> findings;
};

// Findings observed before `until` (and every patient and dose).
Result<PvData> LoadPvData(store::Database& db, UnixMillis until,
                          const grading::DrugCatalog& drugs);

// One adverse-event episode of a series (one patient, term and grading
// system) with the finding that opened it and the rule versions of its
// findings (sorted, distinct).
struct PvEpisode {
  const PvFinding* opening = nullptr;
  pv::Episode episode;
  std::vector<std::string> rule_versions;
};
// Every episode of every series; a patient without a monitored dose on
// record has none (an adverse event follows a therapy). Findings observed
// after `as_of` are not read.
std::vector<PvEpisode> DeriveAllEpisodes(const PvData& data, UnixMillis as_of,
                                         const pv::EpisodeRules& rules);

// The therapy in force at a moment: the latest dose at or before it, the
// first dose of the same active ingredient (of the same kind and product
// when the ingredient is unknown), and the calendar days between in the
// export's time zone (day 1 = the first dose's day; 0 days since the
// latest dose on its own day).
struct PvTherapyContext {
  const PvDose* latest = nullptr;
  const PvDose* first = nullptr;
  std::int64_t day_of_therapy = 0;
  std::int64_t days_since_latest = 0;
};
std::optional<PvTherapyContext> TherapyContextAt(
    const std::vector<PvDose>& doses, UnixMillis at, const TimeZone& zone);

}  // namespace iraed::ctl

#endif  // IRAED_CTL_PV_DATA_H_
