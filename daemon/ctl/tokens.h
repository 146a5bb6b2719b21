// File: ctl/tokens.h
//
// `iraectl token create|list|revoke`: the API tokens file of the daemon's
// auth { tokens_file } (auth/api_tokens.h). Works on the file directly; the
// daemon notices a changed file at the next token it checks, so a revoked
// token stops working without a reload.
#ifndef IRAED_CTL_TOKENS_H_
#define IRAED_CTL_TOKENS_H_

#include <ostream>
#include <string>

#include "common/clock.h"
#include "common/status.h"

namespace iraed::ctl {

// Adds token `name` with `roles` ("staff"; "notifier" alone means
// notifier:NAME) created at `now`, and returns the token text (shown once:
// only its hash is kept). Refuses a name already in the file.
Result<std::string> CreateToken(const std::string& tokens_file,
                                const std::string& name,
                                const std::string& roles, UnixMillis now);

// Writes the tokens (name, roles, created, hash prefix) as a table, or as
// a JSON array.
Status ListTokens(const std::string& tokens_file, bool json, std::ostream& out);

// Removes token `name`; NotFound when there is none.
Status RevokeToken(const std::string& tokens_file, const std::string& name);

// The client's token: the first line of `file` ("": IRAED_AUTH_TOKEN from
// the environment, or none).
Result<std::string> ReadClientToken(const std::string& file);

}  // namespace iraed::ctl

#endif  // IRAED_CTL_TOKENS_H_
