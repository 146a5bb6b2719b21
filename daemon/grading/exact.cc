#include "grading/exact.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace iraed::grading {

double Round12(double x) {
  if (x == 0 || !std::isfinite(x)) return x;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.12g", x);
  return std::strtod(buf, nullptr);
}

double Times(double multiplier, double reference) {
  return Round12(multiplier * reference);
}

bool Gt(double a, double b) { return Round12(a) > Round12(b); }
bool Ge(double a, double b) { return Round12(a) >= Round12(b); }
bool Lt(double a, double b) { return Round12(a) < Round12(b); }
bool Le(double a, double b) { return Round12(a) <= Round12(b); }

}  // namespace iraed::grading
