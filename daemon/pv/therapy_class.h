// File: pv/therapy_class.h
//
// The monitored therapy as a pharmacovigilance analyst reads it: its class
// in words instead of iraed's storage names. Pure.
#ifndef IRAED_PV_THERAPY_CLASS_H_
#define IRAED_PV_THERAPY_CLASS_H_

#include <string>
#include <string_view>

namespace iraed::pv {

// From therapies.kind and therapies.target:
//   checkpoint_inhibitor_dose -> "checkpoint inhibitor (PD-1)" (the target
//     in brackets: PD-1, PD-L1, CTLA-4, LAG-3; "checkpoint inhibitor"
//     when the target is unknown);
//   car_t_infusion -> "CAR-T cell therapy";
//   bispecific_t_cell_engager -> "bispecific T-cell engager";
// anything else is returned as stored.
std::string TherapyClassLabel(std::string_view kind, std::string_view target);

}  // namespace iraed::pv

#endif  // IRAED_PV_THERAPY_CLASS_H_
