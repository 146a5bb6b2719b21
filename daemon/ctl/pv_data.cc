#include "ctl/pv_data.h"

#include <set>
#include <utility>

namespace iraed::ctl {
namespace {

Status LoadPatients(store::Database& db, PvData& out) {
  // Birth dates came with schema 12, sex and death with 13: a database
  // the daemon has not upgraded yet has none.
  ASSIGN_OR_RETURN(std::int64_t version, db.QueryInt("PRAGMA user_version"));
  const std::string sql =
      std::string("SELECT id, assigning_authority, identifier, ") +
      (version >= 12 ? "coalesce(birth_date, '')" : "''") + ", " +
      (version >= 13 ? "coalesce(sex, ''), died_at_ms" : "'', NULL") +
      " FROM patients";
  ASSIGN_OR_RETURN(store::Statement q, db.Prepare(sql));
  for (;;) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    PvPatient p{q.ColumnText(1), q.ColumnText(2), q.ColumnText(3),
                q.ColumnText(4), std::nullopt};
    if (!q.ColumnIsNull(5)) p.died_at = q.ColumnInt(5);
    out.patients[q.ColumnInt(0)] = std::move(p);
  }
  return Status::Ok();
}

// Live therapy events (as store/sql_patient_timeline.cc counts them: not
// entered in error, not withdrawn by a later entered-in-error event with
// the same id), with the dose of the administration that made them.
Status LoadDoses(store::Database& db, const grading::DrugCatalog& drugs,
                 PvData& out) {
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
      WHERE t.entered_in_error = 0
        AND NOT EXISTS (SELECT 1 FROM therapies w
                        WHERE w.patient = t.patient AND w.entered_in_error = 1
                          AND t.event_id <> '' AND w.event_id = t.event_id)
      ORDER BY t.patient, t.administered_at_ms, t.id)sql"));
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

Status LoadFindings(store::Database& db, UnixMillis until, PvData& out) {
  ASSIGN_OR_RETURN(store::Statement q, db.Prepare(R"sql(
      SELECT id, patient_id, term, coalesce(meddra_code, ''), grading_system,
             rule_version, observed_at_ms, grade, previous_grade, provisional,
             message
      FROM findings
      WHERE observed_at_ms < ?1 AND grading_system <> 'CAR-HEMATOTOX 2021'
      ORDER BY patient_id, term, grading_system, observed_at_ms, id)sql"));
  q.Bind(1, until);
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

// The episodes of findings [begin, end) of one series.
void AddSeriesEpisodes(const PvData& data, std::size_t begin, std::size_t end,
                       UnixMillis as_of, const pv::EpisodeRules& rules,
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
  for (pv::Episode& e : pv::DeriveEpisodes(points, context, rules)) {
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
                                         const pv::EpisodeRules& rules) {
  std::vector<PvEpisode> out;
  for (std::size_t begin = 0; begin < data.findings.size();) {
    std::size_t end = begin + 1;
    while (end < data.findings.size() &&
           SameSeries(data.findings[begin], data.findings[end])) {
      ++end;
    }
    AddSeriesEpisodes(data, begin, end, as_of, rules, out);
    begin = end;
  }
  return out;
}

Result<PvData> LoadPvData(store::Database& db, UnixMillis until,
                          const grading::DrugCatalog& drugs) {
  PvData out;
  RETURN_IF_ERROR(LoadPatients(db, out));
  RETURN_IF_ERROR(LoadDoses(db, drugs, out));
  RETURN_IF_ERROR(LoadFindings(db, until, out));
  return out;
}

std::optional<PvTherapyContext> TherapyContextAt(
    const std::vector<PvDose>& doses, UnixMillis at, const TimeZone& zone) {
  PvTherapyContext c;
  for (const PvDose& d : doses) {
    if (d.at > at) break;
    c.latest = &d;
  }
  if (c.latest == nullptr) return std::nullopt;
  for (const PvDose& d : doses) {
    if (SameDrug(d, *c.latest)) {
      c.first = &d;
      break;
    }
  }
  const std::int64_t day = zone.LocalDayNumber(at);
  c.day_of_therapy = day - zone.LocalDayNumber(c.first->at) + 1;
  c.days_since_latest = day - zone.LocalDayNumber(c.latest->at);
  return c;
}

}  // namespace iraed::ctl
