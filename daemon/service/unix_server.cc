#include "daemon/service/unix_server.h"

#include <fcntl.h>
#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/server_posix.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>

#include "daemon/platform/log.h"
#include "daemon/platform/unix_socket.h"

namespace kluis::service {

using platform::Log;
using platform::LogLevel;

UnixServer::~UnixServer() { Shutdown(); }

absl::Status UnixServer::Start(const std::string& socket_path) {
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  for (grpc::Service* s : services_) builder.RegisterService(s);
  // Records are small; attachments will stream in chunks.
  builder.SetMaxReceiveMessageSize(8 << 20);
  server_ = builder.BuildAndStart();
  if (server_ == nullptr)
    return absl::InternalError("gRPC server did not start");
  absl::StatusOr<platform::ScopedFd> fd = platform::ListenUnix(socket_path);
  if (!fd.ok()) return fd.status();
  listen_fd_ = std::move(*fd);
  socket_path_ = socket_path;
  acceptor_ = std::thread([this] { AcceptLoop(); });
  return absl::OkStatus();
}

void UnixServer::AcceptLoop() {
  const uid_t owner = ::geteuid();
  while (!stopping_.load()) {
    absl::StatusOr<platform::Accepted> conn =
        platform::AcceptWithPeer(listen_fd_.get());
    if (!conn.ok()) {
      if (stopping_.load() || absl::IsCancelled(conn.status())) return;
      Log(LogLevel::kWarning, "accept_failed", {{"status", conn.status()}});
      // Out of descriptors: give in-flight requests time to finish instead
      // of spinning on accept.
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      continue;
    }
    if (conn->uid != owner) {
      refused_.fetch_add(1);
      Log(LogLevel::kWarning, "peer_refused",
          {{"peer_uid", static_cast<uint64_t>(conn->uid)}});
      continue;  // the ScopedFd closes it
    }
    const int flags = ::fcntl(conn->fd.get(), F_GETFL, 0);
    ::fcntl(conn->fd.get(), F_SETFL, flags | O_NONBLOCK);
    grpc::AddInsecureChannelFromFd(server_.get(), conn->fd.release());
  }
}

void UnixServer::Shutdown() {
  if (stopping_.exchange(true)) return;
  if (listen_fd_.valid()) ::shutdown(listen_fd_.get(), SHUT_RDWR);
  if (acceptor_.joinable()) acceptor_.join();
  listen_fd_.reset();
  if (server_ != nullptr) {
    server_->Shutdown(std::chrono::system_clock::now() +
                      std::chrono::seconds(5));
  }
  if (!socket_path_.empty()) ::unlink(socket_path_.c_str());
}

}  // namespace kluis::service
