#include "model/disposition.h"

namespace iraed::model {

std::string_view ToString(Disposition d) {
  switch (d) {
    case Disposition::kAccepted:
      return "accepted";
    case Disposition::kDuplicate:
      return "duplicate";
    case Disposition::kRejected:
      return "rejected";
    case Disposition::kUnavailable:
      return "unavailable";
  }
  return "unavailable";
}

}  // namespace iraed::model
