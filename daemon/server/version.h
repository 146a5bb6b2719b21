// File: server/version.h
#ifndef IRAED_SERVER_VERSION_H_
#define IRAED_SERVER_VERSION_H_

namespace iraed::server {
inline constexpr const char* kVersion = IRAED_VERSION;
}  // namespace iraed::server

#endif  // IRAED_SERVER_VERSION_H_
