// File: hl7/ack_builder.h
//
// HL7 v2 acknowledgements (hl7-mllp.md section 2): MSH MSA [ERR], in the
// sender's delimiters and version, sending and receiving application and
// facility swapped, MSA-2 = the original MSH-10 verbatim however long.
//
// Which acknowledgements a message gets (AcksFor), by the store's outcome:
//   original mode (MSH-15 and MSH-16 empty): one application ack, AA when
//     accepted (or a duplicate of an accepted one), AE for content errors
//     with ERR, AR for unsupported type/version/processing id and for
//     storage trouble (the sender resends);
//   enhanced mode: one answer per message on the connection (senders read
//     one): the commit ack CA/CE/CR, sent after the commit and so after
//     full processing, when MSH-15 asks for it (AL always, ER only on
//     error, SU only on success, NE never); otherwise the application ack
//     AA/AE/AR when MSH-16 asks for it; NE/NE gets no answer. An
//     application ack is not sent as a second message: the commit ack
//     already carries the application result.
// ERR: ERR-2 location, ERR-3 code from HL7 table 0357 (HL70357), ERR-4
// severity E, ERR-8 text for a person.
#ifndef IRAED_HL7_ACK_BUILDER_H_
#define IRAED_HL7_ACK_BUILDER_H_

#include <string>
#include <vector>

#include "common/clock.h"
#include "hl7/hl7_reader.h"
#include "model/disposition.h"

namespace iraed::hl7 {

// One ACK message (segments ended by CR). `code` is AA, AE, AR, CA, CE or
// CR; `error` fills ERR when set; `ack_control_id` is the ACK's own MSH-10.
std::string BuildAck(const AckContext& ctx, std::string_view code,
                     const std::optional<Hl7Error>& error,
                     std::string_view text, std::string_view ack_control_id,
                     UnixMillis now);

// The acknowledgements owed for a message given the store's outcome, in
// the order they are sent (possibly none: MSH-15/16 = NE/NE).
std::vector<std::string> AcksFor(const AckContext& ctx,
                                 const model::Outcome& outcome,
                                 std::string_view ack_control_id,
                                 UnixMillis now);

}  // namespace iraed::hl7

#endif  // IRAED_HL7_ACK_BUILDER_H_
