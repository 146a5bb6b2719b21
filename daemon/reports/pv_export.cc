#include "reports/pv_export.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <utility>
#include <vector>

#include "grading/syndromes.h"
#include "pv/age_band.h"
#include "pv/period_summary.h"
#include "pv/terminology.h"
#include "pv/therapy_class.h"
#include "reports/pv_data.h"

namespace iraed::reports {
namespace {

struct ColumnSpec {
  const char* name;
  const char* type;  // "text", "integer", "number", "date-time", "0/1"
  const char* meaning;
};

// The columns both levels share, after the level's own: the patient, the
// term and its coding.
const std::vector<ColumnSpec>& PatientAndTermColumns() {
  static const std::vector<ColumnSpec> kColumns = {
      {"patient", "text",
       "the patient identifier as sent, or its keyed pseudonym (PSN-...) "
       "with --pseudonym-key-file"},
      {"assigning_authority", "text",
       "the site or assigning authority of the identifier (kept under "
       "pseudonyms)"},
      {"sex", "text",
       "female, male, other or unknown, when the feed gave it (HL7 PID-8, "
       "native PatientId.sex); empty otherwise"},
      {"age_band", "text",
       "ICH E2B(R3) age group at onset (episode) or observation (finding): "
       "neonate 0-27 days, infant 28 days-23 months, child 2-11 years, "
       "adolescent 12-17, adult 18-64, elderly 65 and over; empty without a "
       "birth date"},
      {"term", "text",
       "the graded term (CTCAE term name, or the grading system's own: "
       "Cytokine release syndrome, Immune effector cell-associated "
       "neurotoxicity syndrome, Early ICAHT, Hepatitis)"},
      {"grading_system", "text",
       "CTCAE 5.0, CTCAE 6.0, ASTCT 2019, ASCO 2021 or EHA/EBMT ICAHT 2023"},
      {"meddra_llt_code", "text",
       "MedDRA lowest level term code as CTCAE gives it (a string: keep it "
       "as text); empty when no CTCAE term has one"},
      {"meddra_version", "text",
       "the MedDRA version the code is keyed to: 20.1 for CTCAE 5.0, 28.0 "
       "for CTCAE 6.0"},
      {"soc", "text",
       "the CTCAE system organ class of the term (empty for terms no CTCAE "
       "version has: Early ICAHT, Late ICAHT, ASCO Nephritis)"},
      {"coding_source", "text",
       "the CTCAE version whose term gave the code, MedDRA version and SOC: "
       "the row's own for CTCAE rows; for other grading systems the CTCAE "
       "5.0 term with the finding's code (CRS, Hypothyroidism), else the "
       "CTCAE 6.0 term of the same name (ICANS, Hepatitis, Diabetes "
       "mellitus)"}};
  return kColumns;
}

// The columns both levels end with: the therapy in force at the moment.
const std::vector<ColumnSpec>& TherapyColumns() {
  static const std::vector<ColumnSpec> kColumns = {
      {"therapy_class", "text",
       "checkpoint inhibitor (PD-1|PD-L1|CTLA-4|LAG-3), CAR-T cell therapy "
       "or bispecific T-cell engager: the regimen of the latest monitored "
       "dose at or before the moment (every dose of that calendar day: a "
       "combination reads 'checkpoint inhibitor (CTLA-4 + PD-1)'); empty "
       "when none came before it"},
      {"active_ingredient", "text",
       "generic names of the regimen (pembrolizumab; nivolumab;ipilimumab), "
       "';'-joined; empty when iraed does not know the product"},
      {"product", "text",
       "the product texts the sender gave (RXA-5), ';'-joined"},
      {"first_dose_at", "date-time",
       "the first dose or infusion of any of the regimen's active "
       "ingredients"},
      {"latest_dose_at", "date-time",
       "the latest dose or infusion at or before the moment"},
      {"latest_dose", "number or text",
       "its dose, when the administration gave one (a number); for a "
       "combination each dose of that day in infusion order, ';'-joined "
       "(text; empty where one was not sent)"},
      {"latest_dose_unit", "text",
       "the dose's unit as sent (';'-joined like latest_dose)"},
      {"day_of_therapy", "integer",
       "calendar day of the moment counted from the first dose, in the "
       "export's time zone: day 1 = the first dose's day"},
      {"days_since_latest_dose", "integer",
       "calendar days from the latest dose's day to the moment's day (0 on "
       "the day of the dose)"}};
  return kColumns;
}

const std::vector<ColumnSpec>& EpisodeColumns() {
  static const std::vector<ColumnSpec> kColumns = {
      {"episode_id", "integer",
       "the id of the finding that opened the episode (stable for the "
       "database as it stands: a late result can open it earlier)"},
      {"baseline_grade", "integer",
       "the grade in force at the patient's first monitored dose (0 when "
       "none)"},
      {"onset_at", "date-time",
       "the first finding above the baseline grade after the first dose"},
      {"onset_grade", "integer", "its grade"},
      {"worst_grade", "integer", "the highest grade of the episode"},
      {"worst_grade_at", "date-time", "when that grade was first reached"},
      {"end_at", "date-time",
       "when the grade went back to baseline for good (see "
       "--episode-end-days), the death, or the end of the grading system's "
       "monitoring (CRS and ICANS: the ASTCT window after the infusion; "
       "early ICAHT day 30, late day 100); empty while it has not ended"},
      {"outcome", "text",
       "recovered, recovering, ongoing (at the end of the period or the "
       "export, whichever is earlier), fatal (the patient died with the "
       "grade above baseline; causality not assessed) or unknown "
       "(monitoring ended with the grade above baseline)"},
      {"severe", "0/1", "1 when the worst grade is 3 or above"},
      {"provisional", "0/1", "1 when any finding of the episode was"},
      {"findings", "integer", "how many findings the episode holds"},
      {"finding_ids", "text", "their ids, ';'-separated, in time order"},
      {"rule_versions", "text",
       "the rule versions that graded them, ';'-separated"},
      {"died_at", "date-time",
       "the patient's death when the feed gave one (HL7 PID-29, native "
       "PatientId.died_at); findings after it are not read"}};
  return kColumns;
}

const std::vector<ColumnSpec>& FindingColumns() {
  static const std::vector<ColumnSpec> kColumns = {
      {"finding_id", "integer", "the finding's id"},
      {"observed_at", "date-time", "when the graded data was observed"},
      {"grade", "integer", "the grade (0: back to normal or to baseline)"},
      {"previous_grade", "integer", "the grade in force before it"},
      {"severe", "0/1", "1 when the grade is 3 or above"},
      {"provisional", "0/1",
       "1 when the grade rests on an assumption the finding's evidence "
       "names"},
      {"rule_version", "text", "the rule version that graded it"}};
  return kColumns;
}

const std::vector<ColumnSpec>& SummaryColumns() {
  static const std::vector<ColumnSpec> kColumns = {
      {"therapy_class", "text",
       "the therapy class in force at the episodes' onset"},
      {"term", "text", "the graded term"},
      {"grading_system", "text", "its grading system"},
      {"worst_grade", "integer", "the episodes' worst grade"},
      {"episodes", "integer",
       "episodes begun in the period with this worst grade"},
      {"patients", "integer",
       "patients whose worst episode of the term begun in the period "
       "reached this grade (each patient once per class, term and grading "
       "system)"},
      {"patients_at_risk", "integer",
       "patients with a dose or infusion of the class before the end of the "
       "period, not dead before its start"},
      {"incidence_percent", "number",
       "patients / patients_at_risk x 100, to one decimal"}};
  return kColumns;
}

// A level's columns in the order rows are built: its id, the patient and
// term, its own columns, the therapy.
std::vector<const ColumnSpec*> LevelColumns(
    const std::vector<ColumnSpec>& own) {
  std::vector<const ColumnSpec*> out{&own.front()};
  for (const ColumnSpec& c : PatientAndTermColumns()) out.push_back(&c);
  for (std::size_t i = 1; i < own.size(); ++i) out.push_back(&own[i]);
  for (const ColumnSpec& c : TherapyColumns()) out.push_back(&c);
  return out;
}

std::vector<std::string> ColumnNames(const std::vector<ColumnSpec>& own) {
  std::vector<std::string> out;
  for (const ColumnSpec* c : LevelColumns(own)) out.emplace_back(c->name);
  return out;
}

Cell TextOrNull(const std::string& s) {
  return s.empty() ? Cell::Null() : Cell::Text(s);
}

Cell Time(const TimeZone& zone, UnixMillis at) {
  return Cell::Text(zone.FormatLocal(at));
}

Cell TimeOrNull(const TimeZone& zone, const std::optional<UnixMillis>& at) {
  return at ? Time(zone, *at) : Cell::Null();
}

// Renders the shared leading cells of a row.
void AppendPatientAndTerm(std::vector<Cell>& r, const PvExportOptions& o,
                          const PvPatient& p, const PvFinding& f,
                          UnixMillis at) {
  r.push_back(
      Cell::Text(o.pseudonym_key.empty()
                     ? p.identifier
                     : Pseudonym(o.pseudonym_key, p.authority, p.identifier)));
  r.push_back(TextOrNull(p.authority));
  r.push_back(TextOrNull(p.sex));
  const auto band = pv::AgeBand(p.birth_date, o.zone.LocalDayNumber(at));
  r.push_back(band ? Cell::Text(std::string(*band)) : Cell::Null());
  r.push_back(Cell::Text(f.term));
  r.push_back(Cell::Text(f.system));
  const pv::TermCoding coding = pv::CodingOf(f.system, f.term, f.meddra);
  r.push_back(TextOrNull(std::string(coding.meddra_code)));
  r.push_back(TextOrNull(std::string(coding.meddra_version)));
  r.push_back(TextOrNull(std::string(coding.soc)));
  r.push_back(TextOrNull(std::string(coding.source)));
}

// The regimen's distinct values of one field, sorted and ';'-joined.
std::string JoinedOf(const PvRegimen& r, std::string (*field)(const PvDose&)) {
  std::set<std::string> values;  // sorted: one regimen, one text
  for (const PvDose* d : r.doses) {
    if (std::string v = field(*d); !v.empty()) values.insert(std::move(v));
  }
  std::string out;
  for (const std::string& v : values) out += (out.empty() ? "" : ";") + v;
  return out;
}

// One dose: a number and its unit; a combination: each dose's number and
// unit ';'-joined in dose order (empty where one was not sent).
void AppendDoses(std::vector<Cell>& r, const PvRegimen& regimen) {
  if (regimen.doses.size() == 1) {
    const PvDose& d = *regimen.doses.front();
    r.push_back(d.dose ? Cell::Real(*d.dose) : Cell::Null());
    r.push_back(TextOrNull(d.dose_unit));
    return;
  }
  std::string doses, units;
  bool any = false;
  for (std::size_t i = 0; i < regimen.doses.size(); ++i) {
    const PvDose& d = *regimen.doses[i];
    any = any || d.dose.has_value();
    doses += (i > 0 ? ";" : "") + (d.dose ? Cell::Real(*d.dose).text : "");
    units += (i > 0 ? ";" : "") + d.dose_unit;
  }
  r.push_back(any ? Cell::Text(doses) : Cell::Null());
  r.push_back(any ? Cell::Text(units) : Cell::Null());
}

void AppendTherapy(std::vector<Cell>& r, const PvExportOptions& o,
                   const std::vector<PvDose>* doses, UnixMillis at) {
  std::optional<PvRegimen> c;
  if (doses != nullptr) c = RegimenAt(*doses, at, o.zone);
  if (!c) {
    r.insert(r.end(), TherapyColumns().size(), Cell::Null());
    return;
  }
  r.push_back(Cell::Text(RegimenClass(c->doses)));
  r.push_back(
      TextOrNull(JoinedOf(*c, [](const PvDose& d) { return d.ingredient; })));
  r.push_back(
      TextOrNull(JoinedOf(*c, [](const PvDose& d) { return d.product; })));
  r.push_back(Time(o.zone, c->first_dose_at));
  r.push_back(Time(o.zone, c->latest_dose_at));
  AppendDoses(r, *c);
  r.push_back(Cell::Number(c->day_of_therapy));
  r.push_back(Cell::Number(c->days_since_latest));
}

// Whether a finding's grading system and term are exported under the
// --ctcae-version choice: the chosen version's rows, and the terms iraed
// grades under the other version only (a 6.0 export keeps the v5-only
// terms, a 5.0 export the v6-only ones); the CTCAE 5.0 CRS scale
// (reference 10.6) is the only CTCAE CRS grade iraed records: in every
// export. Other grading systems are always in.
bool Selected(const PvExportOptions& o, const PvFinding& f) {
  if (!o.ctcae || f.term == grading::kCrsTerm) return true;
  if (f.system == grading::CtcaeSystemOf(grading::CtcaeVersion::kV6) &&
      grading::Ctcae6TermWithoutV5Counterpart(f.term)) {
    return true;
  }
  return grading::CtcaeFindingPages(f.system, f.term, *o.ctcae);
}

const PvPatient& PatientOf(const PvData& data, std::int64_t id) {
  static const PvPatient kUnknown;
  auto it = data.patients.find(id);
  return it == data.patients.end() ? kUnknown : it->second;
}

const std::vector<PvDose>* DosesOf(const PvData& data, std::int64_t id) {
  auto it = data.doses.find(id);
  return it == data.doses.end() ? nullptr : &it->second;
}

std::string Joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ";") + s;
  return out;
}

// The episode's own cells.
void AppendEpisode(std::vector<Cell>& r, const PvExportOptions& o,
                   const pv::Episode& e,
                   const std::vector<std::string>& rule_versions) {
  r.push_back(Cell::Number(e.baseline_grade));
  r.push_back(Time(o.zone, e.onset));
  r.push_back(Cell::Number(e.onset_grade));
  r.push_back(Cell::Number(e.worst_grade));
  r.push_back(Time(o.zone, e.worst_at));
  r.push_back(TimeOrNull(o.zone, e.end));
  r.push_back(Cell::Text(std::string(pv::OutcomeName(e.outcome))));
  r.push_back(Cell::Number(e.worst_grade >= 3 ? 1 : 0));
  r.push_back(Cell::Number(e.provisional ? 1 : 0));
  r.push_back(Cell::Number(static_cast<std::int64_t>(e.finding_ids.size())));
  std::vector<std::string> ids;
  for (std::int64_t id : e.finding_ids) ids.push_back(std::to_string(id));
  r.push_back(Cell::Text(Joined(ids)));
  r.push_back(Cell::Text(Joined(rule_versions)));
}

void AppendDeath(std::vector<Cell>& r, const PvExportOptions& o,
                 const PvPatient& p) {
  r.push_back(p.died_at ? Time(o.zone, *p.died_at) : Cell::Null());
}

}  // namespace

std::string Pseudonym(const std::string& key, const std::string& authority,
                      const std::string& id) {
  const std::string data = authority + "|" + id;
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac,
       &len);
  static const char kHex[] = "0123456789abcdef";
  std::string out = "PSN-";
  for (unsigned int i = 0; i < 16 && i < len; ++i) {
    out.push_back(kHex[mac[i] >> 4]);
    out.push_back(kHex[mac[i] & 0xF]);
  }
  return out;
}

Result<Table> EpisodesExport(store::Database& db, const PvExportOptions& o) {
  ASSIGN_OR_RETURN(PvData data,
                   LoadPvData(db, {o.as_of + 1, std::nullopt}, o.drugs));
  Table t;
  t.columns = ColumnNames(EpisodeColumns());
  std::vector<PvEpisode> episodes =
      DeriveAllEpisodes(data, o.as_of, o.episodes);
  std::stable_sort(episodes.begin(), episodes.end(),
                   [](const PvEpisode& a, const PvEpisode& b) {
                     return a.episode.onset != b.episode.onset
                                ? a.episode.onset < b.episode.onset
                                : a.opening->id < b.opening->id;
                   });
  for (const PvEpisode& ep : episodes) {
    const pv::Episode& e = ep.episode;
    if (!Selected(o, *ep.opening)) continue;
    if (e.onset >= o.to || (e.end && *e.end < o.from)) continue;
    const std::int64_t patient = ep.opening->patient;
    std::vector<Cell> r{Cell::Number(ep.opening->id)};
    AppendPatientAndTerm(r, o, PatientOf(data, patient), *ep.opening, e.onset);
    AppendEpisode(r, o, e, ep.rule_versions);
    AppendDeath(r, o, PatientOf(data, patient));
    AppendTherapy(r, o, DosesOf(data, patient), e.onset);
    t.rows.push_back(std::move(r));
  }
  return t;
}

Result<Table> FindingsExport(store::Database& db, const PvExportOptions& o) {
  ASSIGN_OR_RETURN(PvData data, LoadPvData(db, {o.to, std::nullopt}, o.drugs));
  std::vector<const PvFinding*> rows;
  for (const PvFinding& f : data.findings) {
    if (f.at >= o.from && Selected(o, f)) rows.push_back(&f);
  }
  std::stable_sort(rows.begin(), rows.end(), [](const auto* a, const auto* b) {
    return a->at != b->at ? a->at < b->at : a->id < b->id;
  });
  Table t;
  t.columns = ColumnNames(FindingColumns());
  for (const PvFinding* f : rows) {
    std::vector<Cell> r{Cell::Number(f->id)};
    AppendPatientAndTerm(r, o, PatientOf(data, f->patient), *f, f->at);
    r.push_back(Time(o.zone, f->at));
    r.push_back(Cell::Number(f->grade));
    r.push_back(f->previous_grade ? Cell::Number(*f->previous_grade)
                                  : Cell::Null());
    r.push_back(Cell::Number(f->grade >= 3 ? 1 : 0));
    r.push_back(Cell::Number(f->provisional ? 1 : 0));
    r.push_back(Cell::Text(f->rule_version));
    AppendTherapy(r, o, DosesOf(data, f->patient), f->at);
    t.rows.push_back(std::move(r));
  }
  return t;
}

namespace {

// Patients with a dose of each therapy class before `to`, alive at `from`;
// and on any class.
std::map<std::string, std::set<std::int64_t>> PatientsAtRisk(
    const PvData& data, const PvExportOptions& o) {
  std::map<std::string, std::set<std::int64_t>> out;
  for (const auto& [patient, doses] : data.doses) {
    const PvPatient& p = PatientOf(data, patient);
    if (p.died_at && *p.died_at < o.from) continue;
    for (std::size_t i = 0; i < doses.size() && doses[i].at < o.to; ++i) {
      out[""].insert(patient);  // any class
      const bool last_of_day = i + 1 == doses.size() ||
                               doses[i + 1].at >= o.to ||
                               o.zone.LocalDayNumber(doses[i + 1].at) !=
                                   o.zone.LocalDayNumber(doses[i].at);
      if (!last_of_day) continue;
      // The regimen of the day (a combination is its own class).
      if (auto regimen = RegimenAt(doses, doses[i].at, o.zone)) {
        out[RegimenClass(regimen->doses)].insert(patient);
      }
    }
  }
  return out;
}

}  // namespace

Result<PvSummary> SummaryExport(store::Database& db, const PvExportOptions& o) {
  ASSIGN_OR_RETURN(PvData data,
                   LoadPvData(db, {o.as_of + 1, std::nullopt}, o.drugs));
  std::vector<pv::EpisodeForSummary> episodes;
  for (const PvEpisode& ep : DeriveAllEpisodes(data, o.as_of, o.episodes)) {
    const pv::Episode& e = ep.episode;
    if (!Selected(o, *ep.opening) || e.onset < o.from || e.onset >= o.to) {
      continue;
    }
    pv::EpisodeForSummary s;
    s.patient = ep.opening->patient;
    if (const std::vector<PvDose>* doses = DosesOf(data, s.patient)) {
      if (auto c = RegimenAt(*doses, e.onset, o.zone)) {
        s.therapy_class = RegimenClass(c->doses);
      }
    }
    s.term = ep.opening->term;
    s.grading_system = ep.opening->system;
    s.worst_grade = e.worst_grade;
    episodes.push_back(std::move(s));
  }
  auto at_risk = PatientsAtRisk(data, o);
  PvSummary out;
  for (const ColumnSpec& c : SummaryColumns()) {
    out.table.columns.emplace_back(c.name);
  }
  for (const pv::SummaryRow& r : pv::Summarise(episodes, at_risk)) {
    out.table.rows.push_back(
        {Cell::Text(r.therapy_class), Cell::Text(r.term),
         Cell::Text(r.grading_system), Cell::Number(r.worst_grade),
         Cell::Number(r.episodes), Cell::Number(r.patients),
         Cell::Number(r.patients_at_risk),
         Cell::Real(std::round(r.incidence_percent * 10) / 10)});
  }
  const std::int64_t any = static_cast<std::int64_t>(at_risk[""].size());
  out.svg = pv::IncidencePlotSvg(
      episodes, any,
      o.zone.FormatLocal(o.from) + " to " + o.zone.FormatLocal(o.to));
  return out;
}

Table ExportDictionary() {
  Table t;
  t.columns = {"level", "column", "type", "meaning"};
  auto add = [&t](const char* level, const ColumnSpec& c) {
    t.rows.push_back({Cell::Text(level), Cell::Text(c.name), Cell::Text(c.type),
                      Cell::Text(c.meaning)});
  };
  for (const ColumnSpec* c : LevelColumns(EpisodeColumns())) add("episode", *c);
  for (const ColumnSpec* c : LevelColumns(FindingColumns())) add("finding", *c);
  for (const ColumnSpec& c : SummaryColumns()) add("summary", c);
  return t;
}

}  // namespace iraed::reports
