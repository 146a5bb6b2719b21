#include "grading/format.h"

#include <cstdio>

namespace iraed::grading {

std::string FormatNumber(double v, int significant) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.*g", significant, v);
  return buf;
}

}  // namespace iraed::grading
