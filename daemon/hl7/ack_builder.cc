#include "hl7/ack_builder.h"

#include "hl7/hl7_time.h"

namespace iraed::hl7 {
namespace {

// Escapes text for a field in the sender's delimiters.
std::string Escape(const Delimiters& d, std::string_view text) {
  if (d.escape == '\0') {
    std::string out;
    for (char c : text) {
      out.push_back(c == d.field || c == d.component || c == d.repetition ||
                            c == d.subcomponent || c == '\r' || c == '\n'
                        ? ' '
                        : c);
    }
    return out;
  }
  std::string out;
  for (char c : text) {
    const char e = d.escape;
    if (c == d.field) {
      out += std::string{e, 'F', e};
    } else if (c == d.component) {
      out += std::string{e, 'S', e};
    } else if (c == d.repetition) {
      out += std::string{e, 'R', e};
    } else if (c == e) {
      out += std::string{e, 'E', e};
    } else if (d.subcomponent != '\0' && c == d.subcomponent) {
      out += std::string{e, 'T', e};
    } else if (c == '\r' || c == '\n') {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

bool Wants(const std::string& type, bool success) {
  if (type == "AL") return true;
  if (type == "NE") return false;
  if (type == "ER") return !success;
  if (type == "SU") return success;
  return true;  // an unknown value: answer rather than stay silent
}

}  // namespace

std::string BuildAck(const AckContext& ctx, std::string_view code,
                     const std::optional<Hl7Error>& error,
                     std::string_view text, std::string_view ack_control_id,
                     UnixMillis now) {
  const Delimiters d = ctx.msh_readable ? ctx.delimiters : Delimiters{};
  const char f = d.field;
  const char c = d.component;
  std::string out = "MSH";
  out.push_back(f);
  out += ctx.msh_readable ? ctx.delimiters.encoding_characters : "^~\\&";
  const std::string trigger = ctx.trigger.empty() ? "" : ctx.trigger;
  for (const std::string& v :
       {ctx.receiving_application, ctx.receiving_facility,
        ctx.sending_application, ctx.sending_facility, FormatHl7Time(now),
        std::string(),
        std::string("ACK") + (trigger.empty() ? ""
                                              : std::string(1, c) + trigger +
                                                    std::string(1, c) + "ACK"),
        std::string(ack_control_id),
        ctx.processing_id.empty() ? std::string("P") : ctx.processing_id,
        ctx.version.empty() ? std::string("2.5.1") : ctx.version}) {
    out.push_back(f);
    out += v;
  }
  out += "\rMSA";
  out.push_back(f);
  out += code;
  out.push_back(f);
  out += ctx.control_id;  // verbatim, never truncated
  if (!text.empty()) {
    out.push_back(f);
    out += Escape(d, text.substr(0, 80));
  }
  out.push_back('\r');
  if (error) {
    out += "ERR";
    out.push_back(f);
    out.push_back(f);
    // ERL "PID^1^3" in the sender's component separator.
    std::string location = error->location;
    for (char& ch : location) {
      if (ch == '^') ch = c;
    }
    out += location;
    out.push_back(f);
    out += error->code;
    out.push_back(c);
    out += Escape(d, error->code_text);
    out.push_back(c);
    out += "HL70357";
    out.push_back(f);
    out += "E";
    for (int i = 5; i <= 7; ++i) out.push_back(f);
    out.push_back(f);
    out += Escape(d, error->text);
    out.push_back('\r');
  }
  return out;
}

std::vector<std::string> AcksFor(const AckContext& ctx,
                                 const model::Outcome& outcome,
                                 std::string_view ack_control_id,
                                 UnixMillis now) {
  // The answer in application terms.
  std::string app_code = "AA";
  std::string commit_code = "CA";
  std::optional<Hl7Error> error = ctx.error;
  std::string text;
  switch (outcome.disposition) {
    case model::Disposition::kAccepted:
      break;
    case model::Disposition::kDuplicate:
      text = "duplicate of a message already accepted; not applied again";
      break;
    case model::Disposition::kRejected:
      if (!error) {
        // Filed as rejected by the store itself: an internal problem.
        error = Hl7Error{"207", "Application internal error", "",
                         outcome.reason, true};
      }
      app_code = error->reject ? "AR" : "AE";
      commit_code = error->reject ? "CR" : "CE";
      break;
    case model::Disposition::kUnavailable: {
      // The store's reasons already say "resend later": said once.
      constexpr std::string_view kResend = "resend later";
      const std::string& why = outcome.reason;
      const bool says_resend = why.size() >= kResend.size() &&
                               why.compare(why.size() - kResend.size(),
                                           kResend.size(), kResend) == 0;
      error = Hl7Error{
          "207", "Application internal error", "",
          "not stored: " + why + (says_resend ? "" : "; resend later"), true};
      app_code = "AR";
      commit_code = "CR";
      break;
    }
  }
  const bool success = app_code == "AA";
  std::vector<std::string> acks;
  const bool enhanced =
      !ctx.accept_ack_type.empty() || !ctx.application_ack_type.empty();
  if (!enhanced || !ctx.msh_readable) {
    acks.push_back(BuildAck(ctx, app_code, success ? std::nullopt : error, text,
                            ack_control_id, now));
    return acks;
  }
  // One answer per message on the connection (senders read one): the
  // commit ack when MSH-15 asks for it, else the application ack when
  // MSH-16 does. The commit ack follows full processing, so it carries the
  // application result too (CE/CR with ERR on errors).
  if (Wants(ctx.accept_ack_type.empty() ? "NE" : ctx.accept_ack_type,
            success)) {
    acks.push_back(BuildAck(ctx, commit_code, success ? std::nullopt : error,
                            text, ack_control_id, now));
  } else if (Wants(ctx.application_ack_type.empty() ? "NE"
                                                    : ctx.application_ack_type,
                   success)) {
    acks.push_back(BuildAck(ctx, app_code, success ? std::nullopt : error, text,
                            ack_control_id, now));
  }
  return acks;
}

}  // namespace iraed::hl7
