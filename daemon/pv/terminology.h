// File: pv/terminology.h
//
// What a pharmacovigilance export says about a graded term beside iraed's
// own columns: the CTCAE system organ class (SOC) of the term and the
// MedDRA version its LLT code is keyed to. CTCAE v5.0 is keyed to MedDRA
// 20.1 and CTCAE v6.0 to MedDRA 28.0; the SOCs are those of the CTCAE
// workbooks (sources named in terminology.cc). Pure.
#ifndef IRAED_PV_TERMINOLOGY_H_
#define IRAED_PV_TERMINOLOGY_H_

#include <string_view>

namespace iraed::pv {

inline constexpr std::string_view kCtcae5Meddra = "20.1";
inline constexpr std::string_view kCtcae6Meddra = "28.0";

struct TermCoding {
  std::string_view soc;             // "" when unknown
  std::string_view meddra_version;  // "" when there is no code
  // Whose term gave the SOC and version: "CTCAE 5.0", "CTCAE 6.0", or ""
  // (none).
  std::string_view source;
  // The MedDRA LLT code: the finding's, or for a finding without one, the
  // code of the CTCAE term that gave the SOC; "" when neither has one.
  std::string_view meddra_code;
};

// The coding of a finding's term under its grading system. A CTCAE 5.0 or
// 6.0 row takes its version's SOC and MedDRA version. A row of another
// grading system (ASTCT 2019, ASCO 2021, EHA/EBMT ICAHT 2023) that carries
// the LLT code of a CTCAE v5.0 term (Cytokine release syndrome under ASTCT,
// Hypothyroidism under ASCO) takes that CTCAE term's SOC and MedDRA 20.1;
// one without a code takes the CTCAE v6.0 term of the same name, code
// included (ICANS 10083347 and Hepatitis 10019717, Diabetes mellitus
// 10012601: terms v6 added), MedDRA 28.0; ICAHT has none.
TermCoding CodingOf(std::string_view grading_system, std::string_view term,
                    std::string_view meddra_code);

}  // namespace iraed::pv

#endif  // IRAED_PV_TERMINOLOGY_H_
