// UnixServer: a gRPC server with no listening port of its own. We accept on
// our Unix socket, check the peer's uid with SO_PEERCRED, and hand only the
// owner's connections to gRPC (AddInsecureChannelFromFd); anyone else is
// closed before a byte of gRPC is spoken. gRPC 1.51 exposes no peer uid.
//
// Thread-safety: Start/Shutdown from the main thread; the accept loop runs on
// its own thread.
#ifndef KLUIS_DAEMON_SERVICE_UNIX_SERVER_H_
#define KLUIS_DAEMON_SERVICE_UNIX_SERVER_H_

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "daemon/platform/scoped_fd.h"

namespace kluis::service {

class UnixServer {
 public:
  // `services` must outlive the server.
  explicit UnixServer(std::vector<grpc::Service*> services)
      : services_(std::move(services)) {}
  ~UnixServer();

  // Errors: from the socket (kAlreadyExists when a daemon answers on it).
  absl::Status Start(const std::string& socket_path);
  void Shutdown();
  uint64_t refused() const { return refused_.load(); }

 private:
  void AcceptLoop();

  std::vector<grpc::Service*> services_;
  std::unique_ptr<grpc::Server> server_;
  platform::ScopedFd listen_fd_;
  std::string socket_path_;
  std::thread acceptor_;
  std::atomic<bool> stopping_{false};
  std::atomic<uint64_t> refused_{0};
};

}  // namespace kluis::service

#endif  // KLUIS_DAEMON_SERVICE_UNIX_SERVER_H_
