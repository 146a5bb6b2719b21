#include "net/proto_session.h"

#include <algorithm>
#include <cstring>

#include "common/logging.h"
#include "ingest/ack_encoder.h"
#include "ingest/delimited_frame.h"
#include "net/endpoint.h"
#include "net/submission_builder.h"

namespace iraed::net {

namespace {
constexpr std::size_t kReadChunk = 64 * 1024;
constexpr std::size_t kMaxHeaderBytes = 10;
}  // namespace

ProtoSession::ProtoSession(asio::ip::tcp::socket socket, std::uint64_t id,
                           SessionHost& host)
    : socket_(std::move(socket)),
      id_(id),
      host_(host),
      opts_(host.session_options()),
      frame_timer_(socket_.get_executor()),
      write_timer_(socket_.get_executor()) {
  asio::error_code ec;
  auto remote = socket_.remote_endpoint(ec);
  peer_ = ec ? std::string("unknown") : FormatEndpoint(remote);
  socket_.set_option(asio::ip::tcp::no_delay(true), ec);
}

void ProtoSession::Start() {
  Logger("net")->info("[conn={}] opened peer={}", id_, peer_);
  buf_.resize(kReadChunk);
  DoRead();
}

void ProtoSession::Stop() {
  if (closed_) return;
  reading_done_ = true;
  if (read_pending_) {
    // Wakes the pending read with EOF without touching pending writes.
    asio::error_code ec;
    socket_.shutdown(asio::ip::tcp::socket::shutdown_receive, ec);
  }
  MaybeClose();
}

void ProtoSession::Abort() { Close("aborted at shutdown deadline"); }

bool ProtoSession::ReadingPaused() const {
  return slots_.size() >= opts_.max_in_flight;
}

void ProtoSession::DoRead() {
  if (closed_ || reading_done_ || read_pending_ || ReadingPaused()) return;
  // Keep room for one whole frame after the unconsumed bytes.
  if (begin_ > 0 && (begin_ == end_ || buf_.size() - end_ < kReadChunk)) {
    std::memmove(buf_.data(), buf_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (buf_.size() - end_ < kReadChunk) {
    const std::size_t cap =
        opts_.max_frame_bytes + kMaxHeaderBytes + kReadChunk;
    buf_.resize(std::min(cap, std::max(buf_.size() * 2, end_ + kReadChunk)));
  }
  read_pending_ = true;
  socket_.async_read_some(
      asio::buffer(buf_.data() + end_, buf_.size() - end_),
      [self = shared_from_this()](const asio::error_code& ec, std::size_t n) {
        self->OnRead(ec, n);
      });
}

void ProtoSession::OnRead(const asio::error_code& ec, std::size_t n) {
  read_pending_ = false;
  if (closed_) return;
  if (ec) {
    if (ec != asio::error::eof && ec != asio::error::operation_aborted) {
      Logger("net")->info("[conn={}] read error: {}", id_, ec.message());
    }
    if (end_ > begin_ && !reading_done_) {
      Logger("net")->info(
          "[conn={}] peer closed inside a frame; {} bytes discarded, not "
          "acknowledged",
          id_, end_ - begin_);
    }
    reading_done_ = true;
    MaybeClose();
    return;
  }
  end_ += n;
  if (!reading_done_ && ProcessBuffer()) DoRead();
  MaybeClose();
}

bool ProtoSession::ProcessBuffer() {
  while (!ReadingPaused()) {
    std::string_view data(buf_.data() + begin_, end_ - begin_);
    auto h = ingest::ParseFrameHeader(data, opts_.max_frame_bytes);
    switch (h.kind) {
      case ingest::FrameHeader::Kind::kNeedMore:
        if (data.empty()) {
          frame_timer_.cancel();
          frame_timer_armed_ = false;
        } else {
          ArmFrameTimer();
        }
        return true;
      case ingest::FrameHeader::Kind::kFrame: {
        SubmitFrame(data.substr(h.header_bytes, h.payload_bytes));
        begin_ += h.header_bytes + h.payload_bytes;
        // The next frame, if it has begun, gets a fresh deadline.
        frame_timer_.cancel();
        frame_timer_armed_ = false;
        break;
      }
      case ingest::FrameHeader::Kind::kOversized:
        RejectFraming(h.payload_bytes,
                      "frame of " + std::to_string(h.payload_bytes) +
                          " bytes exceeds the limit of " +
                          std::to_string(opts_.max_frame_bytes) +
                          " bytes; connection closed");
        return false;
      case ingest::FrameHeader::Kind::kMalformed:
        RejectFraming(0,
                      "frame length is not a valid varint (more than 10 "
                      "bytes); connection closed");
        return false;
    }
  }
  return true;  // paused: resumes when acks drain
}

void ProtoSession::ArmFrameTimer() {
  if (frame_timer_armed_) return;
  frame_timer_armed_ = true;
  frame_timer_.expires_after(opts_.frame_timeout);
  frame_timer_.async_wait([self =
                               shared_from_this()](const asio::error_code& ec) {
    if (ec || self->closed_ || !self->frame_timer_armed_) return;
    Logger("net")->warn(
        "[conn={}] frame not completed within {} ms; {} bytes discarded, "
        "connection closed",
        self->id_, self->opts_.frame_timeout.count(),
        self->end_ - self->begin_);
    self->begin_ = self->end_;
    self->reading_done_ = true;
    if (self->read_pending_) {
      asio::error_code ignored;
      self->socket_.shutdown(asio::ip::tcp::socket::shutdown_receive, ignored);
    }
    self->MaybeClose();
  });
}

void ProtoSession::SubmitFrame(std::string_view payload) {
  store::Submission s =
      BuildProtoSubmission(payload, peer_, host_.clock().NowMillis());
  if (!s.rejection.ok()) {
    Logger("net")->info("[conn={}] frame {} rejected: {}", id_,
                        next_frame_number_, s.rejection.message());
  }
  std::string message_id = s.message_id;
  Submit(std::move(s), std::move(message_id));
}

void ProtoSession::RejectFraming(std::uint64_t announced,
                                 std::string_view what) {
  Logger("net")->warn("[conn={}] frame {} rejected: {}", id_,
                      next_frame_number_, what);
  // The oversized body is never read; the header bytes are kept.
  std::string_view data(buf_.data() + begin_, end_ - begin_);
  store::Submission s = BuildFramingRejection(
      data.substr(0, std::min(data.size(), kMaxHeaderBytes)), announced,
      std::string(what), peer_, host_.clock().NowMillis());
  begin_ = end_;
  reading_done_ = true;
  frame_timer_.cancel();
  frame_timer_armed_ = false;
  Submit(std::move(s), "");
}

void ProtoSession::Submit(store::Submission submission,
                          std::string message_id) {
  const std::uint64_t frame_number = next_frame_number_++;
  slots_.push_back(Slot{frame_number, std::move(message_id), std::nullopt});
  auto executor = socket_.get_executor();
  host_.store().Submit(
      std::move(submission), [self = shared_from_this(), executor,
                              frame_number](model::Outcome outcome) mutable {
        asio::post(executor, [self = std::move(self), frame_number,
                              outcome = std::move(outcome)]() mutable {
          self->Complete(frame_number, std::move(outcome));
        });
      });
}

void ProtoSession::Complete(std::uint64_t frame_number,
                            model::Outcome outcome) {
  if (slots_.empty() || frame_number < slots_.front().frame_number) return;
  const std::size_t index = frame_number - slots_.front().frame_number;
  if (index >= slots_.size()) return;
  slots_[index].outcome = std::move(outcome);
  Flush();
}

void ProtoSession::Flush() {
  const bool was_paused = ReadingPaused();
  while (!slots_.empty() && slots_.front().outcome) {
    const Slot& s = slots_.front();
    if (!closed_) {
      ingest::AppendAckFrame(s.message_id, *s.outcome, s.frame_number, out_);
    }
    slots_.pop_front();
  }
  if (closed_) return;
  DoWrite();
  if (was_paused && !ReadingPaused()) MaybeResumeReading();
  MaybeClose();
}

void ProtoSession::MaybeResumeReading() {
  if (reading_done_ || closed_) return;
  // Frames may already be buffered behind the ones that filled the window.
  if (ProcessBuffer()) DoRead();
}

void ProtoSession::DoWrite() {
  if (write_pending_ || out_.empty() || closed_) return;
  writing_.swap(out_);
  out_.clear();
  write_pending_ = true;
  write_timer_.expires_after(opts_.write_timeout);
  write_timer_.async_wait(
      [self = shared_from_this()](const asio::error_code& ec) {
        if (ec || !self->write_pending_) return;
        self->Close("acknowledgement write timed out");
      });
  asio::async_write(
      socket_, asio::buffer(writing_),
      [self = shared_from_this()](const asio::error_code& ec, std::size_t) {
        self->write_pending_ = false;
        self->write_timer_.cancel();
        if (self->closed_) return;
        if (ec) {
          self->Close("acknowledgement write failed: " + ec.message());
          return;
        }
        self->writing_.clear();
        self->DoWrite();
        self->MaybeClose();
      });
}

void ProtoSession::MaybeClose() {
  if (closed_ || !reading_done_ || read_pending_ || !slots_.empty() ||
      write_pending_ || !out_.empty()) {
    return;
  }
  Close("done");
}

void ProtoSession::Close(std::string_view why) {
  if (closed_) return;
  closed_ = true;
  frame_timer_.cancel();
  write_timer_.cancel();
  asio::error_code ec;
  socket_.shutdown(asio::ip::tcp::socket::shutdown_both, ec);
  socket_.close(ec);
  if (!slots_.empty()) {
    Logger("net")->info("[conn={}] closed with {} frames not acknowledged", id_,
                        slots_.size());
  }
  Logger("net")->info("[conn={}] closed: {}", id_, why);
  host_.OnSessionClosed(id_);
}

}  // namespace iraed::net
