#include "grading/checkpoint_target.h"

namespace iraed::grading {

std::string_view CheckpointTargetName(CheckpointTarget t) {
  switch (t) {
    case CheckpointTarget::kPd1:
      return "PD-1";
    case CheckpointTarget::kPdL1:
      return "PD-L1";
    case CheckpointTarget::kCtla4:
      return "CTLA-4";
    case CheckpointTarget::kLag3:
      return "LAG-3";
    case CheckpointTarget::kNone:
      return "";
  }
  return "";
}

std::optional<CheckpointTarget> CheckpointTargetFromName(
    std::string_view name) {
  for (CheckpointTarget t : {CheckpointTarget::kNone, CheckpointTarget::kPd1,
                             CheckpointTarget::kPdL1, CheckpointTarget::kCtla4,
                             CheckpointTarget::kLag3}) {
    if (name == CheckpointTargetName(t)) return t;
  }
  return std::nullopt;
}

}  // namespace iraed::grading
