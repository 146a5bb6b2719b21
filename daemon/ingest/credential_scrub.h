// File: ingest/credential_scrub.h
//
// Credentials are never stored: the raw bytes of a native-protocol frame
// are kept for audit without Envelope.auth_token (field 4).
#ifndef IRAED_INGEST_CREDENTIAL_SCRUB_H_
#define IRAED_INGEST_CREDENTIAL_SCRUB_H_

#include <string>
#include <string_view>

namespace iraed::ingest {

// The Envelope field that carries an API token.
inline constexpr int kAuthTokenField = 4;

// `payload` without its top-level auth_token fields (every copy; fields
// are skipped by wire type, groups included); every other byte is kept,
// in order, so the rest still decodes to the same Envelope. From a point
// where the bytes stop being protobuf wire format (a corrupt frame, kept
// for audit) the rest is kept up to any "iraed-" (the start of every token
// iraectl makes) and dropped from there; a token field cut short by the end
// of the frame is dropped with all after it. Messages.raw_size still says
// how many bytes came.
std::string WithoutAuthToken(std::string_view payload);

}  // namespace iraed::ingest

#endif  // IRAED_INGEST_CREDENTIAL_SCRUB_H_
