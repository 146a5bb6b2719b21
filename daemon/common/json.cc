#include "common/json.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "common/utf8.h"

namespace iraed {

std::string DumpJson(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Result<Json> ParseJson(std::string_view text) {
  try {
    return Json::parse(ReplaceInvalidUtf8(text));
  } catch (const Json::parse_error& e) {
    return Status::InvalidArgument("not JSON at byte " +
                                   std::to_string(e.byte));
  }
}

Json JsonNumber(double v, int significant) {
  if (!std::isfinite(v)) return nullptr;  // JSON has no NaN or infinity
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.*g", significant, v);
  const double rounded = std::strtod(buf, nullptr);
  if (std::trunc(rounded) == rounded && std::fabs(rounded) < 9.0e15) {
    return static_cast<std::int64_t>(rounded);
  }
  return rounded;
}

Json JsonNumber(std::optional<double> v, int significant) {
  return v ? JsonNumber(*v, significant) : Json(nullptr);
}

std::string CanonicalJson(std::string_view text) {
  auto parsed = ParseJson(text);
  if (!parsed.ok()) return std::string(text);
  // nlohmann::json (not ordered_json) keeps object keys sorted.
  const nlohmann::json sorted = nlohmann::json::parse(DumpJson(*parsed));
  return sorted.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace iraed
