#include "net/framed_session.h"

#include <algorithm>
#include <cstring>

#include "common/logging.h"
#include "net/endpoint.h"
#include "net/staff_gate.h"

namespace iraed::net {

namespace {
constexpr std::size_t kReadChunk = std::size_t{64} * 1024;
}  // namespace

FramedSession::FramedSession(SessionStream stream, std::uint64_t id,
                             SessionHost& host,
                             std::unique_ptr<FrameCodec> codec)
    : stream_(std::move(stream)),
      id_(id),
      codec_(std::move(codec)),
      host_(host),
      opts_(host.session_options()),
      frame_timer_(stream_.get_executor()),
      write_timer_(stream_.get_executor()) {
  asio::error_code ec;
  auto remote = stream_.socket().remote_endpoint(ec);
  peer_ = ec ? std::string("unknown") : FormatEndpoint(remote);
  stream_.socket().set_option(asio::ip::tcp::no_delay(true), ec);
}

void FramedSession::Start() {
  if (stream_.tls()) {
    // The certificate subject names a system or a person, never a patient.
    Logger("net")->info("[conn={}] opened peer={} tls client={}", id_, peer_,
                        stream_.peer_subject().empty()
                            ? "(no certificate)"
                            : stream_.peer_subject());
  } else {
    Logger("net")->info("[conn={}] opened peer={}", id_, peer_);
  }
  buf_.resize(kReadChunk);
  DoRead();
}

void FramedSession::Stop() {
  if (closed_) return;
  reading_done_ = true;
  if (read_pending_) {
    // Wakes the pending read with EOF without touching pending writes.
    asio::error_code ec;
    stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_receive, ec);
  }
  MaybeClose();
}

void FramedSession::Abort() { Close("aborted at shutdown deadline"); }

bool FramedSession::ReadingPaused() const {
  return slots_.size() >= opts_.max_in_flight;
}

void FramedSession::DoRead() {
  if (closed_ || reading_done_ || read_pending_ || ReadingPaused()) return;
  // Keep room for one whole frame after the unconsumed bytes.
  if (begin_ > 0 && (begin_ == end_ || buf_.size() - end_ < kReadChunk)) {
    std::memmove(buf_.data(), buf_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (buf_.size() - end_ < kReadChunk) {
    const std::size_t cap = codec_->max_frame_buffer() + kReadChunk;
    buf_.resize(std::min(cap, std::max(buf_.size() * 2, end_ + kReadChunk)));
  }
  read_pending_ = true;
  stream_.AsyncReadSome(
      asio::buffer(buf_.data() + end_, buf_.size() - end_),
      [self = shared_from_this()](const asio::error_code& ec, std::size_t n) {
        self->OnRead(ec, n);
      });
}

void FramedSession::OnRead(const asio::error_code& ec, std::size_t n) {
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

bool FramedSession::ProcessBuffer() {
  while (!ReadingPaused()) {
    std::string_view data(buf_.data() + begin_, end_ - begin_);
    const FrameScan scan = codec_->Scan(data);
    if (scan.junk > 0) junk_bytes_ += scan.junk;
    switch (scan.kind) {
      case FrameScan::Kind::kNeedMore:
        begin_ += scan.consumed;  // junk only
        if (begin_ == end_) {
          frame_timer_.cancel();
          frame_timer_armed_ = false;
        } else {
          ArmFrameTimer();
        }
        return true;
      case FrameScan::Kind::kFrame:
        SubmitFrame(scan.payload);
        begin_ += scan.consumed;
        // The next frame, if it has begun, gets a fresh deadline.
        frame_timer_.cancel();
        frame_timer_armed_ = false;
        break;
      case FrameScan::Kind::kOversized:
      case FrameScan::Kind::kMalformed:
        RejectFraming(scan);
        return false;
    }
  }
  return true;  // paused: resumes when acks drain
}

void FramedSession::ArmFrameTimer() {
  if (frame_timer_armed_) return;
  frame_timer_armed_ = true;
  frame_timer_.expires_after(opts_.frame_timeout);
  frame_timer_.async_wait(
      [self = shared_from_this()](const asio::error_code& ec) {
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
          self->stream_.socket().shutdown(
              asio::ip::tcp::socket::shutdown_receive, ignored);
        }
        self->MaybeClose();
      });
}

void FramedSession::SubmitFrame(std::string_view payload) {
  DecodedFrame frame =
      codec_->Decode(payload, peer_, host_.clock().NowMillis());
  for (model::Submission& sub : frame.submissions) {
    GateStaffAction(host_.staff_authenticator(), stream_.peer_subject(), sub);
  }
  for (const model::Submission& sub : frame.submissions) {
    if (!sub.rejection.ok()) {
      Logger("net")->info("[conn={}] frame {} rejected: {}", id_,
                          next_frame_number_, sub.rejection.message());
    }
  }
  Submit(std::move(frame));
}

void FramedSession::RejectFraming(const FrameScan& scan) {
  Logger("net")->warn("[conn={}] frame {} rejected: {}; connection closed", id_,
                      next_frame_number_, scan.problem);
  DecodedFrame frame = codec_->Reject(scan, peer_, host_.clock().NowMillis());
  begin_ = end_;
  reading_done_ = true;
  frame_timer_.cancel();
  frame_timer_armed_ = false;
  Submit(std::move(frame));
}

void FramedSession::Submit(DecodedFrame frame) {
  const std::uint64_t frame_number = next_frame_number_++;
  const std::size_t n = frame.submissions.size();
  slots_.push_back(Slot{frame_number, std::move(frame.reply),
                        std::vector<model::Outcome>(n), n});
  auto executor = stream_.get_executor();
  for (std::size_t i = 0; i < n; ++i) {
    host_.sink().Submit(
        std::move(frame.submissions[i]),
        [self = shared_from_this(), executor, frame_number,
         i](model::Outcome outcome) mutable {
          asio::post(executor, [self = std::move(self), frame_number, i,
                                outcome = std::move(outcome)]() mutable {
            self->Complete(frame_number, i, std::move(outcome));
          });
        });
  }
  if (n == 0) Flush();  // nothing to wait for (an empty batch)
}

void FramedSession::Complete(std::uint64_t frame_number, std::size_t index,
                             model::Outcome outcome) {
  if (slots_.empty() || frame_number < slots_.front().frame_number) return;
  const std::size_t at = frame_number - slots_.front().frame_number;
  if (at >= slots_.size()) return;
  Slot& slot = slots_[at];
  if (index >= slot.outcomes.size() || slot.missing == 0) return;
  slot.outcomes[index] = std::move(outcome);
  --slot.missing;
  Flush();
}

void FramedSession::Flush() {
  const bool was_paused = ReadingPaused();
  while (!slots_.empty() && slots_.front().missing == 0) {
    Slot& s = slots_.front();
    if (!closed_) {
      s.reply->Append(s.outcomes, s.frame_number, host_.clock().NowMillis(),
                      out_);
    }
    slots_.pop_front();
  }
  if (closed_) return;
  DoWrite();
  if (was_paused && !ReadingPaused()) MaybeResumeReading();
  MaybeClose();
}

void FramedSession::MaybeResumeReading() {
  if (reading_done_ || closed_) return;
  // Frames may already be buffered behind the ones that filled the window.
  if (ProcessBuffer()) DoRead();
}

void FramedSession::DoWrite() {
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
  stream_.AsyncWrite(
      asio::buffer(writing_),
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

void FramedSession::MaybeClose() {
  if (closed_ || !reading_done_ || read_pending_ || !slots_.empty() ||
      write_pending_ || !out_.empty()) {
    return;
  }
  Close("done");
}

void FramedSession::Close(std::string_view why) {
  if (closed_) return;
  closed_ = true;
  frame_timer_.cancel();
  write_timer_.cancel();
  asio::error_code ec;
  stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ec);
  stream_.socket().close(ec);
  if (!slots_.empty()) {
    Logger("net")->info("[conn={}] closed with {} frames not acknowledged", id_,
                        slots_.size());
  }
  if (junk_bytes_ > 0) {
    Logger("net")->info("[conn={}] {} bytes outside any frame discarded", id_,
                        junk_bytes_);
  }
  Logger("net")->info("[conn={}] closed: {}", id_, why);
  host_.OnSessionClosed(id_);
}

}  // namespace iraed::net
