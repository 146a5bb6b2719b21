#include "reports/pv_data.h"

#include <algorithm>
#include <limits>
#include <set>
#include <tuple>
#include <utility>

#include "grading/icaht.h"
#include "grading/syndromes.h"
#include "pv/therapy_class.h"

namespace iraed::reports {
namespace {

Status LoadPatients(store::Database& db, PvData& out) {
  // Birth dates came with schema 12, sex and death with 13: a database
  // the daemon has not upgraded yet has none.
  ASSIGN_OR_RETURN(std::int64_t version, db.QueryInt("PRAGMA user_version"));
  const std::string sql =
      std::string("SELECT id, assigning_authority, identifier, ") +
      (version >= 12 ? "coalesce(birth_date, '')" : "''") + ", " +
      (version >= 13 ? "coalesce(sex, ''), died_at_ms" : "'', NULL") +
      ", merged_into FROM patients";
  ASSIGN_OR_RETURN(store::Statement q, db.Prepare(sql));
  for (;;) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    PvPatient p{q.ColumnText(1), q.ColumnText(2), q.ColumnText(3),
                q.ColumnText(4), std::nullopt,    std::nullopt};
    if (!q.ColumnIsNull(5)) p.died_at = q.ColumnInt(5);
    if (!q.ColumnIsNull(6)) p.merged_into = q.ColumnInt(6);
    out.patients[q.ColumnInt(0)] = std::move(p);
  }
  return Status::Ok();
}

// Live therapy events (as store/sql_patient_timeline.cc counts them: not
// entered in error, not withdrawn by a later entered-in-error event with
// the same id), with the dose of the administration that made them.
Status LoadDoses(store::Database& db, const grading::DrugCatalog& drugs,
                 std::int64_t last_message, PvData& out) {
  ASSIGN_OR_RETURN(store::Statement q, db.Prepare(R"sql(
      SELECT t.patient, t.kind, t.target, t.product_system, t.product_code,
             t.product_name, t.administered_at_ms, m.drug_generic, m.dose,
             coalesce(m.dose_unit, '')
      FROM therapies t
      LEFT JOIN medication_administrations m
        ON m.id = (SELECT a.id FROM medication_administrations a
                   WHERE a.message = t.message AND a.patient = t.patient
                     AND t.event_id <> '' AND a.administration_id = t.event_id
                   ORDER BY a.id LIMIT 1)
      WHERE t.entered_in_error = 0 AND t.message <= ?1
        AND NOT EXISTS (SELECT 1 FROM therapies w
                        WHERE w.patient = t.patient AND w.entered_in_error = 1
                          AND t.event_id <> '' AND w.event_id = t.event_id
                          AND w.message <= ?1)
      ORDER BY t.patient, t.administered_at_ms, t.id)sql"));
  q.Bind(1, last_message);
  for (;;) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    PvDose d;
    d.kind = q.ColumnText(1);
    d.target = q.ColumnText(2);
    d.product = q.ColumnText(5);
    if (auto drug = drugs.Find(q.ColumnText(3), q.ColumnText(4), d.product)) {
      d.ingredient = drug->generic;
    } else if (!q.ColumnIsNull(7)) {
      d.ingredient = q.ColumnText(7);
    }
    d.at = q.ColumnInt(6);
    if (!q.ColumnIsNull(8)) d.dose = q.ColumnDouble(8);
    d.dose_unit = q.ColumnText(9);
    out.doses[q.ColumnInt(0)].push_back(std::move(d));
  }
  return Status::Ok();
}

Status LoadFindings(store::Database& db, UnixMillis until,
                    std::int64_t last_message, PvData& out) {
  ASSIGN_OR_RETURN(store::Statement q, db.Prepare(R"sql(
      SELECT id, patient_id, term, coalesce(meddra_code, ''), grading_system,
             rule_version, observed_at_ms, grade, previous_grade, provisional,
             message
      FROM findings
      WHERE observed_at_ms < ?1 AND message <= ?2
        AND grading_system <> 'CAR-HEMATOTOX 2021')sql"));
  q.Bind(1, until).Bind(2, last_message);
  for (;;) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    PvFinding f;
    f.id = q.ColumnInt(0);
    f.patient = q.ColumnInt(1);
    f.term = q.ColumnText(2);
    f.meddra = q.ColumnText(3);
    f.system = q.ColumnText(4);
    f.rule_version = q.ColumnText(5);
    f.at = q.ColumnInt(6);
    f.grade = static_cast<int>(q.ColumnInt(7));
    if (!q.ColumnIsNull(8)) f.previous_grade = q.ColumnInt(8);
    f.provisional = q.ColumnInt(9) != 0;
    f.message = q.ColumnInt(10);
    out.findings.push_back(std::move(f));
  }
  return Status::Ok();
}

bool SameDrug(const PvDose& a, const PvDose& b) {
  if (!a.ingredient.empty() || !b.ingredient.empty()) {
    return a.ingredient == b.ingredient;
  }
  return a.kind == b.kind && a.product == b.product;
}

bool SameSeries(const PvFinding& a, const PvFinding& b) {
  return a.patient == b.patient && a.term == b.term && a.system == b.system;
}

// The patient a merged patient now is (the end of its merged_into chain).
std::int64_t Survivor(const PvData& data, std::int64_t id) {
  for (int hops = 0; hops < 64; ++hops) {  // a cycle cannot hang the export
    auto it = data.patients.find(id);
    if (it == data.patients.end() || !it->second.merged_into) break;
    id = *it->second.merged_into;
  }
  return id;
}

// Findings and doses of merged patients under their survivor, in order.
void FoldMerges(PvData& data) {
  std::map<std::int64_t, std::vector<PvDose>> doses;
  for (auto& [patient, list] : data.doses) {
    auto& into = doses[Survivor(data, patient)];
    into.insert(into.end(), list.begin(), list.end());
  }
  for (auto& [patient, list] : doses) {
    std::stable_sort(
        list.begin(), list.end(),
        [](const PvDose& a, const PvDose& b) { return a.at < b.at; });
  }
  data.doses = std::move(doses);
  for (PvFinding& f : data.findings) f.patient = Survivor(data, f.patient);
  std::sort(data.findings.begin(), data.findings.end(),
            [](const PvFinding& a, const PvFinding& b) {
              return std::tie(a.patient, a.term, a.system, a.at, a.id) <
                     std::tie(b.patient, b.term, b.system, b.at, b.id);
            });
}

constexpr std::int64_t kDayMs = 24LL * 60 * 60 * 1000;

// The latest dose of `kinds` at or before `at`.
const PvDose* LatestOf(const std::vector<PvDose>& doses, UnixMillis at,
                       std::initializer_list<std::string_view> kinds) {
  const PvDose* latest = nullptr;
  for (const PvDose& d : doses) {
    if (d.at > at) break;
    for (std::string_view k : kinds) {
      if (d.kind == k) latest = &d;
    }
  }
  return latest;
}

// When the series' grading system stops grading it (PvEpisodeSettings).
std::optional<UnixMillis> MonitoringEnd(const PvFinding& head,
                                        UnixMillis last_seen,
                                        const std::vector<PvDose>& doses,
                                        const PvEpisodeSettings& s) {
  const bool astct =
      head.system == grading::kAstctSystem ||
      (head.term == grading::kCrsTerm && head.system == "CTCAE 5.0");
  if (astct && s.astct_window_ms > 0) {
    if (const PvDose* d =
            LatestOf(doses, last_seen,
                     {"car_t_infusion", "bispecific_t_cell_engager"})) {
      return d->at + s.astct_window_ms;
    }
  }
  const bool early = head.term == grading::kEarlyIcahtTerm;
  if (early || head.term == grading::kLateIcahtTerm) {
    if (const PvDose* d = LatestOf(doses, last_seen, {"car_t_infusion"})) {
      return d->at + (early ? grading::kEarlyIcahtLastDay + 1
                            : grading::kLateIcahtLastDay + 1) *
                         kDayMs;
    }
  }
  return std::nullopt;
}

// The episodes of findings [begin, end) of one series.
void AddSeriesEpisodes(const PvData& data, std::size_t begin, std::size_t end,
                       UnixMillis as_of, const PvEpisodeSettings& settings,
                       std::vector<PvEpisode>& out) {
  const PvFinding& head = data.findings[begin];
  auto doses = data.doses.find(head.patient);
  if (doses == data.doses.end() || doses->second.empty()) return;
  std::vector<pv::GradePoint> points;
  std::map<std::int64_t, const PvFinding*> by_id;
  for (std::size_t i = begin; i < end; ++i) {
    const PvFinding& f = data.findings[i];
    points.push_back({f.id, f.at, f.grade, f.provisional});
    by_id[f.id] = &f;
  }
  pv::SeriesContext context;
  context.therapy_start = doses->second.front().at;
  if (auto p = data.patients.find(head.patient); p != data.patients.end()) {
    context.death = p->second.died_at;
  }
  context.as_of = as_of;
  // A finding the grading system wrote is never dropped: monitoring lasts
  // at least until the series' last finding (the final early ICAHT grade
  // comes with the first count after day 30, whenever that is; a site's
  // ASTCT window may be longer than the export's setting).
  context.monitoring_end =
      MonitoringEnd(head, data.findings[end - 1].at, doses->second, settings);
  if (context.monitoring_end) {
    context.monitoring_end =
        std::max(*context.monitoring_end, data.findings[end - 1].at);
  }
  for (pv::Episode& e : pv::DeriveEpisodes(points, context, settings.rules)) {
    std::set<std::string> versions;
    for (std::int64_t id : e.finding_ids) {
      versions.insert(by_id[id]->rule_version);
    }
    PvEpisode ep;
    ep.opening = by_id[e.finding_ids.front()];
    ep.episode = std::move(e);
    ep.rule_versions.assign(versions.begin(), versions.end());
    out.push_back(std::move(ep));
  }
}

}  // namespace

std::vector<PvEpisode> DeriveAllEpisodes(const PvData& data, UnixMillis as_of,
                                         const PvEpisodeSettings& settings) {
  std::vector<PvEpisode> out;
  for (std::size_t begin = 0; begin < data.findings.size();) {
    std::size_t end = begin + 1;
    while (end < data.findings.size() &&
           SameSeries(data.findings[begin], data.findings[end])) {
      ++end;
    }
    AddSeriesEpisodes(data, begin, end, as_of, settings, out);
    begin = end;
  }
  return out;
}

Result<PvData> LoadPvData(store::Database& db, const PvLoad& load,
                          const grading::DrugCatalog& drugs) {
  const std::int64_t last =
      load.last_message.value_or(std::numeric_limits<std::int64_t>::max());
  PvData out;
  RETURN_IF_ERROR(LoadPatients(db, out));
  RETURN_IF_ERROR(LoadDoses(db, drugs, last, out));
  RETURN_IF_ERROR(LoadFindings(db, load.until, last, out));
  FoldMerges(out);
  return out;
}

std::optional<PvRegimen> RegimenAt(const std::vector<PvDose>& doses,
                                   UnixMillis at, const TimeZone& zone) {
  const PvDose* latest = nullptr;
  for (const PvDose& d : doses) {
    if (d.at > at) break;
    latest = &d;
  }
  if (latest == nullptr) return std::nullopt;
  PvRegimen r;
  const std::int64_t latest_day = zone.LocalDayNumber(latest->at);
  for (const PvDose& d : doses) {
    if (d.at > at) break;
    if (zone.LocalDayNumber(d.at) == latest_day) r.doses.push_back(&d);
  }
  r.latest_dose_at = latest->at;
  r.first_dose_at = latest->at;
  for (const PvDose& d : doses) {
    const bool in_regimen =
        std::any_of(r.doses.begin(), r.doses.end(),
                    [&d](const PvDose* x) { return SameDrug(d, *x); });
    if (in_regimen) {
      r.first_dose_at = d.at;
      break;
    }
  }
  const std::int64_t day = zone.LocalDayNumber(at);
  r.day_of_therapy = day - zone.LocalDayNumber(r.first_dose_at) + 1;
  r.days_since_latest = day - latest_day;
  return r;
}

std::string RegimenClass(const std::vector<const PvDose*>& doses) {
  std::vector<std::string> targets, others;
  auto add = [](std::vector<std::string>& list, std::string item) {
    if (std::find(list.begin(), list.end(), item) == list.end()) {
      list.push_back(std::move(item));
    }
  };
  bool checkpoint = false;
  for (const PvDose* d : doses) {
    if (d->kind == "checkpoint_inhibitor_dose") {
      checkpoint = true;
      if (!d->target.empty()) add(targets, d->target);
    } else {
      add(others, pv::TherapyClassLabel(d->kind, d->target));
    }
  }
  // Canonical order, whatever the order of infusion: one regimen, one label.
  std::sort(targets.begin(), targets.end());
  std::sort(others.begin(), others.end());
  std::string out;
  if (checkpoint) {
    std::string joined;
    for (const std::string& t : targets) {
      joined += (joined.empty() ? "" : " + ") + t;
    }
    out = pv::TherapyClassLabel("checkpoint_inhibitor_dose", joined);
  }
  for (const std::string& o : others) out += (out.empty() ? "" : " + ") + o;
  return out;
}

}  // namespace iraed::reports
