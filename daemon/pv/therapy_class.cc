#include "pv/therapy_class.h"

namespace iraed::pv {

std::string TherapyClassLabel(std::string_view kind, std::string_view target) {
  if (kind == "checkpoint_inhibitor_dose") {
    return target.empty()
               ? std::string("checkpoint inhibitor")
               : "checkpoint inhibitor (" + std::string(target) + ")";
  }
  if (kind == "car_t_infusion") return "CAR-T cell therapy";
  if (kind == "bispecific_t_cell_engager") return "bispecific T-cell engager";
  return std::string(kind);
}

}  // namespace iraed::pv
