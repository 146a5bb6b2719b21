#include "alerts/escalation_schedule.h"

namespace iraed::alerts {

EscalationCatchUp CatchUpEscalation(const Escalation& policy,
                                    UnixMillis raised_at, int done,
                                    UnixMillis now) {
  EscalationCatchUp out;
  out.done = done;
  std::optional<EscalationStep> step =
      NextEscalation(policy, raised_at, out.done);
  int due = 0;
  while (step && step->due_at <= now) {
    out.page = step;
    ++due;
    out.done = step->number;
    step = NextEscalation(policy, raised_at, out.done);
  }
  out.missed = due > 0 ? due - 1 : 0;
  if (step) out.next_due = step->due_at;
  return out;
}

std::optional<UnixMillis> ScheduledEscalation(AlertState state,
                                              const Escalation& policy,
                                              UnixMillis raised_at, int done) {
  if (!Escalates(state)) return std::nullopt;
  auto step = NextEscalation(policy, raised_at, done);
  if (!step) return std::nullopt;
  return step->due_at;
}

std::string RouteToText(const std::vector<std::string>& route) {
  std::string out;
  for (const std::string& role : route) {
    out += (out.empty() ? "" : "\n") + role;
  }
  return out;
}

std::vector<std::string> RouteFromText(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (!text.empty() && start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    out.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

}  // namespace iraed::alerts
