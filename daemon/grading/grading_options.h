// File: grading/grading_options.h
//
// A site's settings of the grading steps (config `grading { }`, documented
// in deploy/iraed.conf). Clinical thresholds are not here: they come from
// the clinical reference and live beside their rule tables in grading/.
// What is here are the site's codes and limits, and the choices the
// reference leaves open (marked UNVERIFIED or not stated there), each with
// the default iraed ships.
#ifndef IRAED_GRADING_GRADING_OPTIONS_H_
#define IRAED_GRADING_GRADING_OPTIONS_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "grading/analytes.h"
#include "grading/car_hematotox.h"
#include "grading/ctcae6_labs.h"
#include "grading/drug_catalog.h"
#include "grading/icaht.h"
#include "grading/rule_set.h"
#include "grading/units.h"

namespace iraed::grading {

inline constexpr std::int64_t kMinuteMs = 60LL * 1000;
inline constexpr std::int64_t kHourMs = 60 * kMinuteMs;
inline constexpr std::int64_t kDayMs = 24 * kHourMs;

struct GradingOptions {
  // The rule set graded with: the current one, or an older one this build
  // still carries (replay --rules); rules added later are off under it.
  RuleSet rule_set = kCurrentRuleSet;
  AnalyteCatalog analytes = AnalyteCatalog::Defaults();
  DrugCatalog drugs = DrugCatalog::Defaults();
  // How far before the first therapy a value still counts as baseline.
  std::int64_t baseline_lookback_ms = 30 * kDayMs;
  // Limits for results sent without a reference range, by analyte and unit.
  struct Limits {
    std::optional<double> low;
    std::optional<double> high;
  };
  std::map<std::pair<Analyte, Unit>, Limits> default_limits;
  // Troponin MI cut-offs by assay code (system, code), in `unit`.
  struct Cutoff {
    Unit unit;
    double value;
  };
  std::map<std::pair<std::string, std::string>, Cutoff> mi_cutoffs;

  // --- ASTCT CRS and ICANS (AstctGradingStep) ---
  // How long a charted value stays current, per concept. A value older
  // than this at the moment graded is not used (the domain is unknown,
  // never normal). Defaults are iraed's, not the reference's: vital signs
  // every 4 h with slack (6 h), oxygen support 12 h, ICE and level of
  // consciousness 12 h (ICE is charted every 8-12 h), seizure and motor
  // findings 24 h, imaging 72 h.
  std::map<Analyte, std::int64_t> freshness_ms = {
      {Analyte::kBodyTemperature, 6 * kHourMs},
      {Analyte::kSystolicBp, 6 * kHourMs},
      {Analyte::kHypotension, 6 * kHourMs},
      {Analyte::kOxygenDevice, 12 * kHourMs},
      {Analyte::kOxygenFlow, 12 * kHourMs},
      {Analyte::kIceScore, 12 * kHourMs},
      {Analyte::kConsciousness, 12 * kHourMs},
      {Analyte::kSedation, 12 * kHourMs},
      {Analyte::kSeizure, 24 * kHourMs},
      {Analyte::kMotorWeakness, 24 * kHourMs},
      {Analyte::kCerebralEdema, 72 * kHourMs},
      // A documented other cause counts for the fever it explains: as long
      // as a temperature stays current (reference 10.4).
      {Analyte::kFeverOtherCause, 6 * kHourMs},
      // From iraed-rules-4: the CAPD score like ICE, the inspired oxygen
      // fraction like the device it is given with.
      {Analyte::kCapd, 12 * kHourMs},
      {Analyte::kInspiredOxygen, 12 * kHourMs},
  };
  // A running vasopressor infusion with no update (start, rate change)
  // for this long is no longer counted as running.
  std::int64_t vasopressor_freshness_ms = 24 * kHourMs;
  // Hypotension for CRS grade 2 from a systolic pressure below this
  // (mm[Hg]). ASTCT defines no number; "SBP < 90" is an adaptation the
  // reference calls site policy (PMC8021214, PMC9978889). nullopt: only a
  // charted hypotension flag counts.
  std::optional<double> hypotension_systolic_below = 90.0;
  // Which drugs mask fever (LEE-CRS) and for how long after a dose given
  // while the patient had CRS. The reference states no duration ("once
  // given"): iraed's defaults, UNVERIFIED, are 24 h for antipyretics and
  // 72 h for tocilizumab, anakinra and corticosteroids.
  FeverMaskingPolicy fever_masking;
  std::map<DrugClass, std::int64_t> masking_ms = {
      {DrugClass::kAntipyretic, 24 * kHourMs},
      {DrugClass::kTocilizumab, 72 * kHourMs},
      {DrugClass::kAnakinra, 72 * kHourMs},
      {DrugClass::kCorticosteroid, 72 * kHourMs},
  };
  // CRS and ICANS are graded for this long after the latest CAR-T
  // infusion or bispecific dose (0: no limit). Site policy; default 30
  // days, the usual post-infusion monitoring period.
  std::int64_t astct_window_ms = 30 * kDayMs;

  // --- Cytopenias after CAR-T (reference sections 4 and 10.1) ---
  // From the CAR-T infusion (day 0) through this day, neutropenia pages by
  // early ICAHT (grade >= 3) and platelets only at CTCAE grade 4; CTCAE
  // neutrophil, white cell, lymphocyte and anemia findings page nobody.
  // Site policy (section 10.1), 0..30, default 30 (the early ICAHT
  // window; a longer one would leave neutropenia paging nobody).
  int icaht_window_days = 30;
  // How early ICAHT counts neutropenic days: a versioned rule parameter
  // (section 4 addendum), default cumulative.
  IcahtCounting icaht_counting = IcahtCounting::kCumulative;
  // The late ICAHT nadir table (PARTIAL; `late_icaht { }`, from
  // iraed-rules-4).
  LateIcahtBands late_icaht;

  // --- Febrile neutropenia (reference 5.4 and 10.2) ---
  // How long a neutrophil count stays current for febrile neutropenia
  // (the temperature's is freshness_ms[kBodyTemperature]). iraed's
  // default, UNVERIFIED (the reference states none): 24 h, counts being
  // drawn daily.
  std::int64_t fn_anc_freshness_ms = 24 * kHourMs;

  // --- CTCAE 5.0 and 6.0 side by side (rule sets from iraed-rules-4) ---
  // Both versions' lab terms are graded and recorded; the findings of this
  // one page (site setting `ctcae_alert_version`, "5.0" until a site
  // switches). Under an older rule set only v5 exists and pages.
  CtcaeVersion ctcae_alert_version = CtcaeVersion::kV5;

  // --- CAR-HEMATOTOX (reference 4 addendum; rule sets from iraed-rules-4)
  // The score's cut-offs: PARTIAL, shipped with the reference's values
  // (config `hematotox { }`), named in every finding's evidence.
  HematotoxCutoffs hematotox;
  // How long before lymphodepletion (or the infusion) a value still counts
  // as its pre-treatment value; and how long before the infusion a
  // lymphodepletion dose belongs to it. iraed's defaults (UNVERIFIED: the
  // reference names none): 30 days and 14 days.
  std::int64_t hematotox_lookback_ms = 30 * kDayMs;
  std::int64_t lymphodepletion_window_ms = 14 * kDayMs;
  CtcaeVersion AlertingCtcae() const {
    return rule_set >= RuleSet::kRules4 ? ctcae_alert_version
                                        : CtcaeVersion::kV5;
  }
};

}  // namespace iraed::grading

#endif  // IRAED_GRADING_GRADING_OPTIONS_H_
