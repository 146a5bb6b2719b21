// File: net/framed_session.h
//
// One TCP connection speaking a framed protocol (its FrameCodec: the native
// protocol or HL7 v2 over MLLP). Runs on the single IO thread (no locking).
// Concurrency structure:
//
//   reader:  async_read_some -> codec.Scan -> codec.Decode -> store.Submit()
//            (pauses while max_in_flight frames await their outcome)
//   store:   outcome callback (worker thread) -> post to the IO thread ->
//            fill the frame's slot
//   writer:  acks of the leading completed slots, in frame order, one
//            async_write at a time
//   timers:  frame timer (a started frame must complete in time), write
//            timer (an ack write must complete in time)
//
// An answer is written only after the store's outcome for its frame, so a
// positive acknowledgement always follows the commit. Oversized or
// unframeable input is answered negatively and the connection closed once
// that answer is written. Bytes outside any frame are discarded and
// counted (logged when the connection closes).
// Stop() ends reading and lets outstanding outcomes and acks finish; Abort()
// closes at once (what was committed stays committed, only its ack is lost).
#ifndef IRAED_NET_FRAMED_SESSION_H_
#define IRAED_NET_FRAMED_SESSION_H_

#include <asio.hpp>
#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "auth/staff_authenticator.h"
#include "common/clock.h"
#include "model/disposition.h"
#include "model/submission_sink.h"
#include "net/frame_codec.h"
#include "net/session_stream.h"

namespace iraed::net {

struct SessionOptions {
  std::uint32_t max_frame_bytes = 1 << 20;
  std::uint32_t max_in_flight = 256;
  std::chrono::milliseconds frame_timeout{30000};
  std::chrono::milliseconds write_timeout{30000};
};

class FramedSession;

// What a session needs from the listener that owns it. Outlives sessions.
class SessionHost {
 public:
  virtual ~SessionHost() = default;
  virtual model::SubmissionSink& sink() = 0;
  virtual const SessionOptions& session_options() const = 0;
  virtual Clock& clock() = 0;
  // Staff actions and feed confirmations are decided with this (null: not
  // checked; net/staff_gate.h). IO thread.
  virtual auth::StaffAuthenticator* staff_authenticator() = 0;
  // Called once, on the IO thread, when the session has closed its socket.
  virtual void OnSessionClosed(std::uint64_t id) = 0;
};

class FramedSession : public std::enable_shared_from_this<FramedSession> {
 public:
  FramedSession(SessionStream stream, std::uint64_t id, SessionHost& host,
                std::unique_ptr<FrameCodec> codec);
  FramedSession(const FramedSession&) = delete;
  FramedSession& operator=(const FramedSession&) = delete;

  void Start();
  // Graceful: no more reading; outstanding acks are still written.
  void Stop();
  // Closes the socket now.
  void Abort();

 private:
  struct Slot {
    std::uint64_t frame_number;
    std::unique_ptr<PendingReply> reply;
    std::vector<model::Outcome> outcomes;  // one per submission
    std::size_t missing = 0;               // outcomes still to come
  };

  void DoRead();
  void OnRead(const asio::error_code& ec, std::size_t n);
  // Handles every complete frame in the buffer; returns false when the
  // connection must stop reading (bad framing).
  bool ProcessBuffer();
  void SubmitFrame(std::string_view payload);
  void RejectFraming(const FrameScan& scan);
  void Submit(DecodedFrame frame);
  void Complete(std::uint64_t frame_number, std::size_t index,
                model::Outcome outcome);
  void Flush();
  void DoWrite();
  void ArmFrameTimer();
  void MaybeResumeReading();
  void MaybeClose();
  void Close(std::string_view why);
  bool ReadingPaused() const;

  SessionStream stream_;
  const std::uint64_t id_;
  std::unique_ptr<FrameCodec> codec_;
  std::uint64_t junk_bytes_ = 0;
  SessionHost& host_;
  const SessionOptions& opts_;
  std::string peer_;
  asio::steady_timer frame_timer_;
  asio::steady_timer write_timer_;

  std::vector<char> buf_;
  std::size_t begin_ = 0;  // first unconsumed byte
  std::size_t end_ = 0;    // one past the last received byte
  bool read_pending_ = false;
  bool reading_done_ = false;  // EOF, Stop() or bad framing
  bool frame_timer_armed_ = false;
  bool closed_ = false;

  std::uint64_t next_frame_number_ = 1;
  std::deque<Slot> slots_;  // frames awaiting their ack, in order
  std::string out_;         // acks ready to write
  std::string writing_;     // acks being written
  bool write_pending_ = false;
};

}  // namespace iraed::net

#endif  // IRAED_NET_FRAMED_SESSION_H_
