#include "ctl/exit_status.h"

namespace iraed::ctl {

ExitStatus ExitStatusForRefusal(iraed::v1::Refusal refusal) {
  return refusal == iraed::v1::REFUSAL_NOT_FOUND ? kExitNotFound : kExitDiffers;
}

}  // namespace iraed::ctl
