// File: reports/pv_export.h
//
// iraectl export: adverse-event episodes (pv/episodes.h) or graded
// findings for pharmacovigilance, with the therapy, terminology and patient
// columns an analyst needs; and the data dictionary of both
// (`export --describe`). README "Pharmacovigilance" shows both files.
#ifndef IRAED_REPORTS_PV_EXPORT_H_
#define IRAED_REPORTS_PV_EXPORT_H_

#include <optional>
#include <string>

#include "common/clock.h"
#include "common/status.h"
#include "common/time_zone.h"
#include "grading/ctcae6_labs.h"
#include "grading/drug_catalog.h"
#include "pv/episodes.h"
#include "reports/pv_data.h"
#include "reports/table.h"
#include "store/sqlite_db.h"

namespace iraed::reports {

struct PvExportOptions {
  // The period [from, to); episodes are read as of its last instant or
  // now, whichever is earlier (`as_of` = min(to - 1, now)).
  UnixMillis from = 0, to = 0, as_of = 0;
  // Non-empty: patients as keyed pseudonyms (HMAC-SHA256).
  std::string pseudonym_key;
  // The CTCAE version whose rows are exported; nullopt: both.
  std::optional<grading::CtcaeVersion> ctcae;
  // Local times and calendar days are the site's.
  TimeZone zone = TimeZone::Utc();
  PvEpisodeSettings episodes;
  grading::DrugCatalog drugs = grading::DrugCatalog::Defaults();
};

// One row per episode that overlaps the period: begun before `to` and not
// ended before `from`.
Result<Table> EpisodesExport(store::Database& db, const PvExportOptions& o);
// One row per finding observed in the period.
Result<Table> FindingsExport(store::Database& db, const PvExportOptions& o);
// The period summary (pv/period_summary.h): episodes begun in the period by
// therapy class, term, grading system and worst grade, with the patients
// at risk on the class; and the incidence plot (SVG).
struct PvSummary {
  Table table;
  std::string svg;
};
Result<PvSummary> SummaryExport(store::Database& db, const PvExportOptions& o);

// Every column of both levels: level, column, type, meaning.
Table ExportDictionary();

// A patient key as the export writes it under a pseudonym key:
// "PSN-" and the first 16 bytes of HMAC-SHA256(key, authority "|" id) in
// hex.
std::string Pseudonym(const std::string& key, const std::string& authority,
                      const std::string& id);

}  // namespace iraed::reports

#endif  // IRAED_REPORTS_PV_EXPORT_H_
