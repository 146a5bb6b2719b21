#include "config/policy_settings.h"

#include <cmath>
#include <cstdint>
#include <set>
#include <tuple>

#include "config/policy_settings.h"
#include "config/setting_checks.h"
#include "grading/analytes.h"
#include "grading/checkpoint_target.h"
#include "grading/clinical_states.h"
#include "grading/drug_catalog.h"
#include "grading/format.h"
#include "grading/units.h"

namespace iraed::config {
namespace {

namespace pb = ::iraed::config::v1;

Result<grading::Analyte> AnalyteSetting(const std::string& origin,
                                        const std::string& setting,
                                        const std::string& name) {
  auto a = grading::AnalyteFromName(name);
  if (!a) {
    return Status::InvalidArgument(origin + ": " + setting + ": '" + name +
                                   "' is not an analyte iraed grades (see "
                                   "config.proto CodeMapping.analyte)");
  }
  return *a;
}

Result<grading::Unit> UnitSetting(const std::string& origin,
                                  const std::string& setting,
                                  const std::string& text) {
  auto u = grading::ParseUnit(text);
  if (!u) {
    return Status::InvalidArgument(origin + ": " + setting + ": unit '" + text +
                                   "' is not one iraed grades in");
  }
  return *u;
}

Result<grading::DrugClass> DrugClassSetting(const std::string& origin,
                                            const std::string& setting,
                                            const std::string& name) {
  auto c = grading::DrugClassFromName(name);
  if (!c) {
    return Status::InvalidArgument(origin + ": " + setting + ": '" + name +
                                   "' is not a drug class (see config.proto "
                                   "SiteDrug.drug_class)");
  }
  return *c;
}

// `fever_masking { }`: which drug classes mask fever, for how long.
Status LoadFeverMasking(const pb::Grading& g, const std::string& origin,
                        grading::GradingOptions& out) {
  for (int i = 0; i < g.fever_masking_size(); ++i) {
    const auto& m = g.fever_masking(i);
    const std::string at = "grading.fever_masking[" + std::to_string(i) + "]";
    ASSIGN_OR_RETURN(
        grading::DrugClass c,
        DrugClassSetting(origin, at + ".drug_class", m.drug_class()));
    bool* masks = nullptr;
    switch (c) {
      case grading::DrugClass::kAntipyretic:
        masks = &out.fever_masking.antipyretics;
        break;
      case grading::DrugClass::kTocilizumab:
        masks = &out.fever_masking.tocilizumab;
        break;
      case grading::DrugClass::kCorticosteroid:
        masks = &out.fever_masking.corticosteroids;
        break;
      case grading::DrugClass::kAnakinra:
        masks = &out.fever_masking.anakinra;
        break;
      default:
        return Status::InvalidArgument(
            origin + ": " + at + ".drug_class: '" + m.drug_class() +
            "' cannot mask fever (antipyretic, tocilizumab, corticosteroid "
            "or anakinra)");
    }
    if (m.has_masks()) *masks = m.masks();
    if (m.has_hours()) {
      RETURN_IF_ERROR(CheckRange(origin, at + ".hours", m.hours(), 1, 720));
      out.masking_ms[c] = std::int64_t{m.hours()} * grading::kHourMs;
    }
  }
  return Status::Ok();
}

// `drugs { }`: the site's drug names and codes beside the catalogue.
Status LoadSiteDrugs(const pb::Grading& g, const std::string& origin,
                     grading::GradingOptions& out) {
  for (int i = 0; i < g.drugs_size(); ++i) {
    const auto& d = g.drugs(i);
    const std::string at = "grading.drugs[" + std::to_string(i) + "]";
    if (d.generic().empty()) {
      return Status::InvalidArgument(origin + ": " + at + ".generic: required");
    }
    ASSIGN_OR_RETURN(
        grading::DrugClass c,
        DrugClassSetting(origin, at + ".drug_class", d.drug_class()));
    auto target = grading::CheckpointTargetFromName(d.target());
    if (!target) {
      return Status::InvalidArgument(origin + ": " + at + ".target: '" +
                                     d.target() +
                                     "' is not PD-1, PD-L1, CTLA-4 or LAG-3");
    }
    const grading::Drug drug{d.generic(), c, *target};
    out.drugs.AddName(d.generic(), drug);
    for (const std::string& name : d.names()) out.drugs.AddName(name, drug);
    for (std::size_t j = 0; j < static_cast<std::size_t>(d.codes_size()); ++j) {
      const std::string& code = d.codes(static_cast<int>(j));
      const std::size_t bar = code.find('|');
      if (bar == std::string::npos || bar == 0 || bar + 1 == code.size()) {
        return Status::InvalidArgument(origin + ": " + at + ".codes[" +
                                       std::to_string(j) + "]: '" + code +
                                       "' is not SYSTEM|CODE");
      }
      out.drugs.AddCode(code.substr(0, bar), code.substr(bar + 1), drug);
    }
  }
  return Status::Ok();
}

// `hematotox { }`: the CAR-HEMATOTOX cut-offs (PARTIAL), each above 0 and
// at most a plausible maximum in its unit, the pairs in order.
Status LoadHematotox(const pb::Hematotox& h, const std::string& origin,
                     grading::HematotoxCutoffs& out) {
  for (const auto& [has, value, name, into, max] :
       {std::tuple{h.has_platelets_no_points_above(),
                   h.platelets_no_points_above(), "platelets_no_points_above",
                   &out.platelets_no_points_above, 1000.0},
        std::tuple{h.has_platelets_two_points_below(),
                   h.platelets_two_points_below(), "platelets_two_points_below",
                   &out.platelets_two_points_below, 1000.0},
        std::tuple{h.has_anc_point_below(), h.anc_point_below(),
                   "anc_point_below", &out.anc_point_below, 50.0},
        std::tuple{h.has_hemoglobin_point_below(), h.hemoglobin_point_below(),
                   "hemoglobin_point_below", &out.hemoglobin_point_below, 25.0},
        std::tuple{h.has_crp_point_from(), h.crp_point_from(), "crp_point_from",
                   &out.crp_point_from, 100.0},
        std::tuple{h.has_ferritin_point_from(), h.ferritin_point_from(),
                   "ferritin_point_from", &out.ferritin_point_from, 100000.0},
        std::tuple{h.has_ferritin_two_points_above(),
                   h.ferritin_two_points_above(), "ferritin_two_points_above",
                   &out.ferritin_two_points_above, 100000.0}}) {
    if (!has) continue;
    // A value above the maximum was given in another unit (ANC 1200 /uL).
    if (!std::isfinite(value) || !(value > 0) || value > max) {
      return Status::InvalidArgument(
          origin + ": grading.hematotox." + name +
          ": must be a number above 0 and at most " +
          grading::FormatNumber(max) +
          " in its unit (x10^9/L, g/dL, mg/dL, ng/mL)");
    }
    *into = value;
  }
  if (h.has_high_risk_from()) {
    RETURN_IF_ERROR(CheckRange(origin, "grading.hematotox.high_risk_from",
                               h.high_risk_from(), 1, 7));
    out.high_risk_from = static_cast<int>(h.high_risk_from());
  }
  if (out.platelets_two_points_below > out.platelets_no_points_above ||
      out.ferritin_point_from > out.ferritin_two_points_above) {
    return Status::InvalidArgument(
        origin +
        ": grading.hematotox: platelets_two_points_below must not exceed "
        "platelets_no_points_above, nor ferritin_point_from "
        "ferritin_two_points_above");
  }
  return Status::Ok();
}

// `icaht_window_days`, `icaht_counting`: cytopenias after CAR-T; the ANC
// freshness of febrile neutropenia; `ctcae_alert_version`.
Status LoadCarTCytopenias(const pb::Grading& g, const std::string& origin,
                          grading::GradingOptions& out) {
  if (g.has_icaht_window_days()) {
    RETURN_IF_ERROR(CheckRange(origin, "grading.icaht_window_days",
                               g.icaht_window_days(), 0, 30));
    out.icaht_window_days = static_cast<int>(g.icaht_window_days());
  }
  if (g.has_icaht_counting()) {
    auto c = grading::IcahtCountingFromName(g.icaht_counting());
    if (!c) {
      return Status::InvalidArgument(origin + ": grading.icaht_counting: '" +
                                     g.icaht_counting() +
                                     "' is not cumulative or longest_episode");
    }
    out.icaht_counting = *c;
  }
  if (g.has_ctcae_alert_version()) {
    auto v = grading::CtcaeVersionFromName(g.ctcae_alert_version());
    if (!v) {
      return Status::InvalidArgument(
          origin + ": grading.ctcae_alert_version: '" +
          g.ctcae_alert_version() + "' is not \"5.0\" or \"6.0\"");
    }
    out.ctcae_alert_version = *v;
  }
  if (g.has_late_icaht()) {
    const pb::LateIcaht& l = g.late_icaht();
    grading::LateIcahtBands& b = out.late_icaht;
    if (l.has_grade4_at_or_below())
      b.grade4_at_or_below = l.grade4_at_or_below();
    if (l.has_grade3_at_or_below())
      b.grade3_at_or_below = l.grade3_at_or_below();
    if (l.has_grade2_at_or_below())
      b.grade2_at_or_below = l.grade2_at_or_below();
    if (l.has_grade1_at_or_below())
      b.grade1_at_or_below = l.grade1_at_or_below();
    const double v[] = {b.grade4_at_or_below, b.grade3_at_or_below,
                        b.grade2_at_or_below, b.grade1_at_or_below};
    for (int i = 0; i < 4; ++i) {
      if (!std::isfinite(v[i]) || !(v[i] > 0) ||
          (i > 0 && !(v[i] > v[i - 1]))) {
        return Status::InvalidArgument(
            origin +
            ": grading.late_icaht: the limits must be numbers above 0 in "
            "increasing order from grade 4 to grade 1");
      }
    }
  }
  if (g.has_hematotox()) {
    RETURN_IF_ERROR(LoadHematotox(g.hematotox(), origin, out.hematotox));
  }
  if (g.has_febrile_neutropenia_anc_freshness_hours()) {
    RETURN_IF_ERROR(
        CheckRange(origin, "grading.febrile_neutropenia_anc_freshness_hours",
                   g.febrile_neutropenia_anc_freshness_hours(), 1, 168));
    out.fn_anc_freshness_ms =
        std::int64_t{g.febrile_neutropenia_anc_freshness_hours()} *
        grading::kHourMs;
  }
  return Status::Ok();
}

// The CRS/ICANS settings of `grading { }`, and the site's drugs.
Status LoadAstct(const pb::Grading& g, const std::string& origin,
                 grading::GradingOptions& out) {
  for (int i = 0; i < g.freshness_size(); ++i) {
    const auto& f = g.freshness(i);
    const std::string at = "grading.freshness[" + std::to_string(i) + "]";
    ASSIGN_OR_RETURN(grading::Analyte a,
                     AnalyteSetting(origin, at + ".analyte", f.analyte()));
    if (!grading::IsAstctInput(a)) {
      return Status::InvalidArgument(origin + ": " + at + ".analyte: '" +
                                     f.analyte() +
                                     "' is not a CRS or ICANS input");
    }
    RETURN_IF_ERROR(CheckRange(origin, at + ".minutes", f.minutes(), 1, 10080));
    out.freshness_ms[a] = std::int64_t{f.minutes()} * grading::kMinuteMs;
  }
  if (g.has_vasopressor_freshness_minutes()) {
    RETURN_IF_ERROR(CheckRange(origin, "grading.vasopressor_freshness_minutes",
                               g.vasopressor_freshness_minutes(), 1, 10080));
    out.vasopressor_freshness_ms =
        std::int64_t{g.vasopressor_freshness_minutes()} * grading::kMinuteMs;
  }
  if (g.has_hypotension_systolic_below_mm_hg()) {
    const double v = g.hypotension_systolic_below_mm_hg();
    if (!(v >= 0 && v <= 200)) {
      return Status::InvalidArgument(
          origin +
          ": grading.hypotension_systolic_below_mm_hg: must be 0..200");
    }
    if (v == 0) {
      out.hypotension_systolic_below.reset();
    } else {
      out.hypotension_systolic_below = v;
    }
  }
  RETURN_IF_ERROR(LoadFeverMasking(g, origin, out));
  if (g.has_astct_window_days()) {
    RETURN_IF_ERROR(CheckRange(origin, "grading.astct_window_days",
                               g.astct_window_days(), 0, 3650));
    out.astct_window_ms = std::int64_t{g.astct_window_days()} * grading::kDayMs;
  }
  RETURN_IF_ERROR(LoadSiteDrugs(g, origin, out));
  return LoadCarTCytopenias(g, origin, out);
}

}  // namespace

Status LoadGrading(const pb::Grading& g, const std::string& origin,
                   grading::GradingOptions& out) {
  if (g.has_baseline_lookback_days()) {
    RETURN_IF_ERROR(CheckRange(origin, "grading.baseline_lookback_days",
                               g.baseline_lookback_days(), 1, 365));
    out.baseline_lookback_ms =
        std::int64_t{g.baseline_lookback_days()} * 24 * 3600 * 1000;
  }
  for (int i = 0; i < g.code_map_size(); ++i) {
    const auto& m = g.code_map(i);
    const std::string at = "grading.code_map[" + std::to_string(i) + "]";
    if (m.system().empty() || m.code().empty()) {
      return Status::InvalidArgument(origin + ": " + at +
                                     ": system and code are required");
    }
    ASSIGN_OR_RETURN(grading::Analyte a,
                     AnalyteSetting(origin, at + ".analyte", m.analyte()));
    out.analytes.Add(m.system(), m.code(), a);
  }
  for (int i = 0; i < g.default_limits_size(); ++i) {
    const auto& l = g.default_limits(i);
    const std::string at = "grading.default_limits[" + std::to_string(i) + "]";
    ASSIGN_OR_RETURN(grading::Analyte a,
                     AnalyteSetting(origin, at + ".analyte", l.analyte()));
    ASSIGN_OR_RETURN(grading::Unit u,
                     UnitSetting(origin, at + ".unit", l.unit()));
    if (!l.has_low() && !l.has_high()) {
      return Status::InvalidArgument(origin + ": " + at +
                                     ": needs low and/or high");
    }
    if (l.has_low() && l.has_high() && l.low() > l.high()) {
      return Status::InvalidArgument(origin + ": " + at +
                                     ": low is above high");
    }
    grading::GradingOptions::Limits limits;
    if (l.has_low()) limits.low = l.low();
    if (l.has_high()) limits.high = l.high();
    out.default_limits[{a, u}] = limits;
  }
  for (int i = 0; i < g.troponin_mi_cutoffs_size(); ++i) {
    const auto& c = g.troponin_mi_cutoffs(i);
    const std::string at =
        "grading.troponin_mi_cutoffs[" + std::to_string(i) + "]";
    if (c.system().empty() || c.code().empty() || !(c.value() > 0)) {
      return Status::InvalidArgument(
          origin + ": " + at + ": system, code and a positive value needed");
    }
    ASSIGN_OR_RETURN(grading::Unit u,
                     UnitSetting(origin, at + ".unit", c.unit()));
    out.mi_cutoffs[{c.system(), c.code()}] = {u, c.value()};
  }
  return LoadAstct(g, origin, out);
}

namespace {

// One `escalation { }` entry; `at` names it ("alerting.escalation[2]").
Result<alerts::Escalation> ReadEscalation(const pb::EscalationPolicy& e,
                                          const std::string& origin,
                                          const std::string& at) {
  RETURN_IF_ERROR(CheckRange(origin, at + ".acknowledge_within_seconds",
                             e.acknowledge_within_seconds(), 0, 604800));
  RETURN_IF_ERROR(CheckRange(origin, at + ".repeat_every_seconds",
                             e.repeat_every_seconds(), 0, 604800));
  RETURN_IF_ERROR(CheckRange(origin, at + ".max_escalations",
                             e.max_escalations(), 0, 1000));
  if (e.route_size() < 1 || e.route_size() > 16) {
    return Status::InvalidArgument(origin + ": " + at +
                                   ".route: 1 to 16 roles required");
  }
  alerts::Escalation policy;
  policy.acknowledge_within_ms =
      static_cast<std::int64_t>(e.acknowledge_within_seconds()) * 1000;
  policy.repeat_every_ms =
      static_cast<std::int64_t>(e.repeat_every_seconds()) * 1000;
  policy.max_escalations = static_cast<int>(e.max_escalations());
  for (const std::string& role : e.route()) {
    if (role.empty() || role.size() > 250 ||
        role.find_first_of("\r\n") != std::string::npos) {
      return Status::InvalidArgument(
          origin + ": " + at +
          ".route: each role 1..250 bytes without line breaks");
    }
    policy.route.push_back(role);
  }
  return policy;
}

}  // namespace

Status LoadAlerting(const pb::Alerting& a, const std::string& origin,
                    alerts::AlertPolicy& out) {
  if (a.has_realert_min_interval_minutes()) {
    RETURN_IF_ERROR(CheckRange(origin, "alerting.realert_min_interval_minutes",
                               a.realert_min_interval_minutes(), 0, 10080));
    out.realert_min_interval_ms =
        static_cast<std::int64_t>(a.realert_min_interval_minutes()) * 60000;
  }
  if (a.has_consumer_max_lag_seconds()) {
    RETURN_IF_ERROR(CheckRange(origin, "alerting.consumer_max_lag_seconds",
                               a.consumer_max_lag_seconds(), 0, 86400));
    out.consumer_max_lag_ms =
        static_cast<std::int64_t>(a.consumer_max_lag_seconds()) * 1000;
  }
  for (int i = 0; i < a.consumer_max_lag_size(); ++i) {
    const pb::ConsumerMaxLag& c = a.consumer_max_lag(i);
    const std::string at =
        "alerting.consumer_max_lag[" + std::to_string(i) + "]";
    if (c.consumer().empty()) {
      return Status::InvalidArgument(origin + ": " + at +
                                     ".consumer: required");
    }
    RETURN_IF_ERROR(CheckRange(origin, at + ".seconds", c.seconds(), 0, 86400));
    if (!out.consumer_max_lag_by_name
             .emplace(c.consumer(),
                      static_cast<std::int64_t>(c.seconds()) * 1000)
             .second) {
      return Status::InvalidArgument(origin + ": " + at + ".consumer: '" +
                                     c.consumer() + "' is given twice");
    }
  }
  std::set<std::uint32_t> seen;
  for (int i = 0; i < a.escalation_size(); ++i) {
    const pb::EscalationPolicy& e = a.escalation(i);
    const std::string at = "alerting.escalation[" + std::to_string(i) + "]";
    RETURN_IF_ERROR(CheckRange(origin, at + ".grade", e.grade(), 1, 5));
    if (!seen.insert(e.grade()).second) {
      return Status::InvalidArgument(origin + ": " + at + ".grade: grade " +
                                     std::to_string(e.grade()) +
                                     " is given twice");
    }
    ASSIGN_OR_RETURN(alerts::Escalation policy, ReadEscalation(e, origin, at));
    out.by_grade[e.grade()] = std::move(policy);
  }
  return Status::Ok();
}

}  // namespace iraed::config
