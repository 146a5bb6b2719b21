#include "console/patient_page.h"

#include <algorithm>
#include <map>

#include "console/grade_bands.h"
#include "console/html.h"
#include "console/plot.h"
#include "grading/clinical_states.h"
#include "grading/units.h"
#include "model/message.h"
#include "surveillance/lab_assembly.h"

namespace iraed::console {
namespace {

using grading::Analyte;

constexpr std::string_view kPatientSql = R"sql(
    SELECT id, coalesce(sex, ''), coalesce(birth_date, ''),
           coalesce(name, ''), coalesce(ward, ''), coalesce(bed, '')
    FROM patients WHERE assigning_authority = ?1 AND identifier = ?2)sql";
constexpr std::string_view kTherapySql = R"sql(
    SELECT t.kind, t.product_name, t.target, t.administered_at_ms
    FROM therapies t
    WHERE t.patient = ?1 AND t.entered_in_error = 0
      AND NOT EXISTS (SELECT 1 FROM therapies w
                      WHERE w.patient = t.patient AND w.entered_in_error = 1
                        AND t.event_id <> '' AND w.event_id = t.event_id)
    ORDER BY t.administered_at_ms)sql";
constexpr std::string_view kSupportiveSql = R"sql(
    SELECT m.drug_class, m.drug_name, m.started_at_ms
    FROM medication_administrations m
    WHERE m.patient = ?1 AND m.drug_class IN ('tocilizumab', 'corticosteroid',
          'vasopressor', 'vasopressin', 'anakinra')
      AND m.status NOT IN ('not_given', 'entered_in_error')
      AND (m.administration_id = '' OR NOT EXISTS (
            SELECT 1 FROM medication_administrations n
            WHERE n.patient = m.patient
              AND n.administration_id = m.administration_id
              AND n.id > m.id))
    ORDER BY m.started_at_ms)sql";
constexpr std::string_view kStatesSql = R"sql(
    SELECT s.concept, s.observed_at_ms, s.value_numeric
    FROM clinical_states s
    WHERE s.patient = ?1 AND s.value_numeric IS NOT NULL
      AND (s.result_id = '' OR NOT EXISTS (
            SELECT 1 FROM clinical_states w
            WHERE w.patient = s.patient AND w.result_id = s.result_id
              AND w.concept = s.concept AND w.id > s.id))
    ORDER BY s.observed_at_ms, s.id)sql";
// What the lab step grades (sql_patient_timeline's kGradableLive): final
// or corrected, a number without comparator, the latest version of each
// result of each code (a correction replaces what it corrects; a
// cancelled or withdrawn result is not charted).
constexpr std::string_view kLabsSql = R"sql(
    SELECT o.code_system, o.code, o.value_numeric, o.unit, o.ref_low,
           o.ref_high, o.ref_text, o.observed_at_ms
    FROM observations o
    WHERE o.patient = ?1 AND o.value_numeric IS NOT NULL
      AND o.status IN ('final', 'corrected') AND o.comparator = ''
      AND (o.result_id = '' OR NOT EXISTS (
            SELECT 1 FROM observations w
            WHERE w.patient = o.patient AND w.result_id = o.result_id
              AND w.code = o.code AND w.id > o.id))
    ORDER BY o.observed_at_ms, o.id)sql";
constexpr std::string_view kAlertsSql = R"sql(
    SELECT a.id, a.syndrome, a.grade, coalesce(s.state, 'open'),
           a.raised_at_ms
    FROM alerts a LEFT JOIN alert_status s ON s.alert = a.id
    WHERE a.patient_id = ?1 ORDER BY a.raised_at_ms DESC, a.id DESC)sql";
constexpr std::string_view kFindingsSql = R"sql(
    SELECT term, grading_system, grade, observed_at_ms, provisional
    FROM findings WHERE patient_id = ?1
    ORDER BY observed_at_ms DESC, id DESC LIMIT 200)sql";

// The series the page plots, in order.
struct Series {
  Analyte analyte;
  const char* id;
  const char* title;
  enum class Bands { kNone, kCtcae, kIce, kCapd } bands;
};
constexpr Series kSeries[] = {
    {Analyte::kBodyTemperature, "temperature", "Temperature",
     Series::Bands::kCtcae},
    {Analyte::kSystolicBp, "systolic", "Systolic pressure",
     Series::Bands::kNone},
    {Analyte::kOxygenFlow, "oxygen-flow", "Oxygen flow", Series::Bands::kNone},
    {Analyte::kInspiredOxygen, "fio2", "Inspired oxygen", Series::Bands::kNone},
    {Analyte::kIceScore, "ice", "ICE score", Series::Bands::kIce},
    {Analyte::kCapd, "capd", "CAPD score", Series::Bands::kCapd},
    {Analyte::kAlt, "alt", "ALT", Series::Bands::kCtcae},
    {Analyte::kAst, "ast", "AST", Series::Bands::kCtcae},
    {Analyte::kBilirubinTotal, "bilirubin", "Total bilirubin",
     Series::Bands::kCtcae},
    {Analyte::kCreatinine, "creatinine", "Creatinine", Series::Bands::kCtcae},
    {Analyte::kNeutrophils, "anc", "Neutrophils (ANC)", Series::Bands::kCtcae},
    {Analyte::kPlatelets, "platelets", "Platelets", Series::Bands::kCtcae},
};

bool IsCount(Analyte a) {
  return a == Analyte::kNeutrophils || a == Analyte::kPlatelets;
}

std::optional<double> Opt(const store::Statement& q, int col) {
  if (q.ColumnIsNull(col)) return std::nullopt;
  return q.ColumnDouble(col);
}

std::string TherapyWords(const std::string& kind, const std::string& target) {
  if (kind == "car_t_infusion") return "CAR-T infusion (day 0)";
  if (kind == "bispecific_t_cell_engager") return "bispecific dose";
  return "checkpoint inhibitor dose" +
         (target.empty() ? std::string() : " (" + target + ")");
}

Status ReadEvents(store::Database& db, PatientRecord& p) {
  ASSIGN_OR_RETURN(store::Statement t, db.Prepare(kTherapySql));
  t.Bind(1, p.row);
  for (;;) {
    ASSIGN_OR_RETURN(bool row, t.Step());
    if (!row) break;
    p.events.push_back(PatientRecord::Event{
        t.ColumnInt(3), TherapyWords(t.ColumnText(0), t.ColumnText(2)),
        t.ColumnText(1)});
  }
  ASSIGN_OR_RETURN(store::Statement m, db.Prepare(kSupportiveSql));
  m.Bind(1, p.row);
  for (;;) {
    ASSIGN_OR_RETURN(bool row, m.Step());
    if (!row) break;
    p.events.push_back(
        PatientRecord::Event{m.ColumnInt(2), m.ColumnText(0), m.ColumnText(1)});
  }
  std::stable_sort(p.events.begin(), p.events.end(),
                   [](const auto& a, const auto& b) { return a.at < b.at; });
  return Status::Ok();
}

Status ReadValues(store::Database& db, const grading::GradingOptions& options,
                  PatientRecord& p) {
  ASSIGN_OR_RETURN(store::Statement s, db.Prepare(kStatesSql));
  s.Bind(1, p.row);
  for (;;) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    const auto analyte = grading::AnalyteFromName(s.ColumnText(0));
    if (!analyte) continue;
    p.values.push_back(PatientRecord::Value{
        *analyte, s.ColumnInt(1), s.ColumnDouble(2), "", {}, {}});
  }
  ASSIGN_OR_RETURN(store::Statement l, db.Prepare(kLabsSql));
  l.Bind(1, p.row);
  for (;;) {
    ASSIGN_OR_RETURN(bool row, l.Step());
    if (!row) break;
    const auto analyte =
        options.analytes.Find(l.ColumnText(0), l.ColumnText(1));
    // The ASTCT inputs come from clinical_states (normalised, as graded).
    if (!analyte || grading::IsAstctInput(*analyte)) continue;
    // The limits the lab step grades with: the numeric range, else its
    // text, else the site's default limits.
    model::Observation o;
    o.code = model::Code{l.ColumnText(0), l.ColumnText(1), ""};
    o.unit = l.ColumnText(3);
    o.reference_range =
        model::ReferenceRange{Opt(l, 4), Opt(l, 5), l.ColumnText(6)};
    const auto unit = grading::ParseUnit(o.unit);
    const surveillance::ResultLimits limits = surveillance::LimitsOf(
        o, *analyte, unit.value_or(grading::Unit::kNone), options);
    p.values.push_back(PatientRecord::Value{*analyte, l.ColumnInt(7),
                                            l.ColumnDouble(2), o.unit,
                                            limits.lln, limits.uln});
  }
  return Status::Ok();
}

Status ReadLists(store::Database& db, PatientRecord& p) {
  ASSIGN_OR_RETURN(store::Statement a, db.Prepare(kAlertsSql));
  a.Bind(1, p.row);
  for (;;) {
    ASSIGN_OR_RETURN(bool row, a.Step());
    if (!row) break;
    p.alerts.push_back(PatientRecord::AlertLine{
        a.ColumnInt(0), a.ColumnText(1), static_cast<int>(a.ColumnInt(2)),
        a.ColumnText(3), a.ColumnInt(4)});
  }
  ASSIGN_OR_RETURN(store::Statement f, db.Prepare(kFindingsSql));
  f.Bind(1, p.row);
  for (;;) {
    ASSIGN_OR_RETURN(bool row, f.Step());
    if (!row) break;
    p.findings.push_back(PatientRecord::FindingLine{
        f.ColumnText(0), f.ColumnText(1), static_cast<int>(f.ColumnInt(2)),
        f.ColumnInt(3), f.ColumnInt(4) != 0});
  }
  return Status::Ok();
}

// The plot of one series: its values in one unit, its bands, and what
// was left out.
struct BuiltPlot {
  PlotSpec spec;
  int other_units = 0;
};

// The unit a series is plotted in and the limits its bands assume: those
// of its latest value (counts in 10*9/L; clinical states in the unit
// clinical_states normalised them to).
BandContext ContextOf(const Series& series, const PatientRecord::Value& latest,
                      const grading::GradingOptions& options,
                      std::string& unit) {
  BandContext bc;
  bc.analyte = series.analyte;
  bc.version = options.AlertingCtcae();
  bc.rule_set = options.rule_set;
  const auto latest_unit = grading::ParseUnit(latest.unit);
  if (IsCount(series.analyte)) {
    unit = "10*9/L";
    bc.unit = grading::Unit::kGigaPerL;
    auto giga = [&](std::optional<double> v) -> std::optional<double> {
      if (!v || !latest_unit) return std::nullopt;
      return grading::CountToGigaPerL(*v, *latest_unit);
    };
    bc.uln = giga(latest.high);
    bc.lln = giga(latest.low);
    return bc;
  }
  unit = latest.unit;
  bc.unit = latest_unit.value_or(grading::Unit::kNone);
  bc.uln = latest.high;
  bc.lln = latest.low;
  if (latest.unit.empty()) {
    switch (series.analyte) {
      case Analyte::kBodyTemperature:
        unit = "Cel";
        bc.unit = grading::Unit::kCelsius;
        break;
      case Analyte::kSystolicBp:
        unit = "mm[Hg]";
        break;
      case Analyte::kOxygenFlow:
        unit = "L/min";
        break;
      case Analyte::kInspiredOxygen:
        unit = "%";
        break;
      default:
        unit = "points";
    }
  }
  return bc;
}

// The values of `mine` in the plot's unit; the others counted.
void CollectPoints(const Series& series,
                   const std::vector<const PatientRecord::Value*>& mine,
                   BuiltPlot& out) {
  const std::string& latest_unit = mine.back()->unit;
  for (const PatientRecord::Value* v : mine) {
    if (IsCount(series.analyte)) {
      const auto unit = grading::ParseUnit(v->unit);
      const auto giga =
          unit ? grading::CountToGigaPerL(v->value, *unit) : std::nullopt;
      if (!giga) {
        ++out.other_units;
        continue;
      }
      out.spec.points.push_back(PlotPoint{v->at, *giga});
    } else if (v->unit != latest_unit) {
      ++out.other_units;
    } else {
      out.spec.points.push_back(PlotPoint{v->at, v->value});
    }
  }
}

void SetBands(const Series& series, const BandContext& bc, PlotSpec& spec) {
  GradeOf grade_of;
  switch (series.bands) {
    case Series::Bands::kCtcae:
      grade_of = CtcaeGradeOf(bc);
      spec.bands_from = BandSource(bc, spec.unit);
      break;
    case Series::Bands::kIce:
      grade_of = IcansGradeOf(false);
      spec.bands_from = "ASTCT ICANS from the ICE score alone";
      spec.low = -0.5;
      spec.high = 10.5;
      break;
    case Series::Bands::kCapd:
      grade_of = IcansGradeOf(true);
      spec.bands_from = "ASTCT ICANS from the CAPD score alone (under 12)";
      spec.low = -0.5;
      spec.high = 32.5;
      break;
    case Series::Bands::kNone:
      break;
  }
  if (grade_of) spec.bands = BandsBySampling(spec.low, spec.high, grade_of);
}

BuiltPlot BuildPlot(const PatientRecord& p, const Series& series,
                    const grading::GradingOptions& options) {
  BuiltPlot out;
  out.spec.id = series.id;
  out.spec.title = series.title;
  std::vector<const PatientRecord::Value*> mine;
  for (const auto& v : p.values) {
    if (v.analyte == series.analyte) mine.push_back(&v);
  }
  if (mine.empty()) return out;
  const BandContext bc =
      ContextOf(series, *mine.back(), options, out.spec.unit);
  CollectPoints(series, mine, out);
  const auto [lo, hi] = ValueRange(out.spec.points, bc.uln);
  const bool non_negative =
      std::all_of(out.spec.points.begin(), out.spec.points.end(),
                  [](const PlotPoint& pt) { return pt.value >= 0; });
  out.spec.low = non_negative && lo < 0 ? 0 : lo;
  out.spec.high = hi;
  SetBands(series, bc, out.spec);
  return out;
}

std::string Timeline(const PatientRecord& p, const TimeZone& zone) {
  if (p.events.empty()) {
    return "<p>No therapy or supportive drug on record.</p>\n";
  }
  std::string html = "<ol class=\"timeline\" id=\"timeline\">";
  for (const auto& e : p.events) {
    html += "<li><time>" + LocalMinute(zone, e.at) + "</time> <strong>" +
            Escape(e.what) + "</strong> " + Escape(e.detail) + "</li>";
  }
  return html + "</ol>\n";
}

std::string Lists(const PatientRecord& p, const TimeZone& zone) {
  std::string html = "<h2>Alerts</h2>\n";
  if (p.alerts.empty()) html += "<p>No alert.</p>\n";
  html += "<ul class=\"alerts\">";
  for (const auto& a : p.alerts) {
    html += "<li><a href=\"/alerts/" + std::to_string(a.id) + "\">" +
            Escape(a.syndrome) + "</a> <span class=\"grade g" +
            std::to_string(a.grade) + "\">Grade " + std::to_string(a.grade) +
            " · " + std::string(GradeWord(a.grade)) + "</span> " +
            Escape(a.state) + ", raised " + LocalMinute(zone, a.raised_ms) +
            "</li>";
  }
  html +=
      "</ul>\n<h2>Findings</h2>\n<table class=\"findings\"><thead><tr>"
      "<th scope=\"col\">Observed</th><th scope=\"col\">Term</th>"
      "<th scope=\"col\">Grading system</th><th scope=\"col\">Grade</th>"
      "</tr></thead><tbody>";
  for (const auto& f : p.findings) {
    html += "<tr><td>" + LocalMinute(zone, f.observed_at_ms) + "</td><td>" +
            Escape(f.term) + "</td><td>" + Escape(f.system) + "</td><td>" +
            std::to_string(f.grade) + (f.provisional ? " (provisional)" : "") +
            "</td></tr>";
  }
  return html + "</tbody></table>\n";
}

}  // namespace

Result<std::optional<PatientRecord>> ReadPatientRecord(
    store::Database& db, const std::string& authority,
    const std::string& identifier, const grading::GradingOptions& options) {
  ASSIGN_OR_RETURN(store::Statement q, db.Prepare(kPatientSql));
  q.Bind(1, authority).Bind(2, identifier);
  ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return std::optional<PatientRecord>();
  PatientRecord p;
  p.row = q.ColumnInt(0);
  p.authority = authority;
  p.identifier = identifier;
  p.sex = q.ColumnText(1);
  p.birth_date = q.ColumnText(2);
  p.name = q.ColumnText(3);
  p.ward = q.ColumnText(4);
  p.bed = q.ColumnText(5);
  RETURN_IF_ERROR(ReadEvents(db, p));
  RETURN_IF_ERROR(ReadValues(db, options, p));
  RETURN_IF_ERROR(ReadLists(db, p));
  return std::optional<PatientRecord>(std::move(p));
}

std::string RenderPatientMain(const PatientRecord& p,
                              const grading::GradingOptions& options,
                              UnixMillis now, const TimeZone& zone) {
  // One time axis for every plot: the first event or value to now.
  UnixMillis from = now, to = now;
  for (const auto& e : p.events) from = std::min(from, e.at);
  for (const auto& v : p.values) {
    from = std::min(from, v.at);
    to = std::max(to, v.at);
  }
  from -= 6LL * 3600 * 1000;  // a little room before the first
  std::vector<PlotMarker> markers;
  for (const auto& e : p.events) {
    markers.push_back(PlotMarker{e.at, e.what + ": " + e.detail});
  }
  std::string html = "<dl class=\"facts\"><dt>Patient</dt><dd>" +
                     PatientText(p.name, p.identifier, p.authority) + "</dd>" +
                     WardFacts(p.ward, p.bed);
  if (!p.sex.empty()) html += "<dt>Sex</dt><dd>" + Escape(p.sex) + "</dd>";
  if (!p.birth_date.empty()) {
    html += "<dt>Born</dt><dd>" + Escape(p.birth_date) + "</dd>";
  }
  html += "</dl>\n<h2>Therapy</h2>\n" + Timeline(p, zone) +
          "<h2>Course</h2>\n<p class=\"help\">Vertical lines: the therapy "
          "and supportive drugs above. Shaded: the grade each value would "
          "get (1 lightest to 4 darkest, named in each band's tooltip).</p>\n";
  for (const Series& s : kSeries) {
    BuiltPlot built = BuildPlot(p, s, options);
    built.spec.from = from;
    built.spec.to = to;
    built.spec.markers = markers;
    html += RenderPlot(built.spec, zone);
    if (built.other_units > 0) {
      html += "<p class=\"notice\">" + std::to_string(built.other_units) +
              " value(s) in another unit are not plotted.</p>\n";
    }
  }
  return html + Lists(p, zone);
}

}  // namespace iraed::console
