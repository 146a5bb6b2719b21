// File: surveillance/observation_analyte.h
//
// Which analyte or concept an observation measures: its code first, then
// its alternate codings in order (HL7 v2 OBX-3 alternate identifier).
#ifndef IRAED_SURVEILLANCE_OBSERVATION_ANALYTE_H_
#define IRAED_SURVEILLANCE_OBSERVATION_ANALYTE_H_

#include <optional>

#include "grading/analytes.h"
#include "model/message.h"

namespace iraed::surveillance {

inline std::optional<grading::Analyte> ObservationAnalyte(
    const grading::AnalyteCatalog& catalog, const model::Observation& o) {
  if (auto a = catalog.Find(o.code.system, o.code.code)) return a;
  for (const model::Code& alt : o.alternate_codes) {
    if (auto a = catalog.Find(alt.system, alt.code)) return a;
  }
  return std::nullopt;
}

}  // namespace iraed::surveillance

#endif  // IRAED_SURVEILLANCE_OBSERVATION_ANALYTE_H_
