#include "client/cli/cli_context.h"

#include <google/protobuf/util/json_util.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "client/common/connection.h"

namespace kluis::cli {

std::shared_ptr<grpc::Channel> Context::Channel() {
  if (channel_ == nullptr) {
    absl::StatusOr<std::shared_ptr<grpc::Channel>> ch =
        client::ConnectToDaemon(client::ResolveSocketPath(socket_flag));
    if (!ch.ok()) {
      if (absl::IsUnavailable(ch.status())) {
        Report(grpc::Status(grpc::StatusCode::UNAVAILABLE, ""));
      } else {
        std::fprintf(stderr, "kluis: error: %s\n",
                     std::string(ch.status().message()).c_str());
      }
      std::exit(client::kExitUnreachable);
    }
    channel_ = std::move(*ch);
  }
  return channel_;
}

std::unique_ptr<grpc::ClientContext> Call() {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->set_deadline(std::chrono::system_clock::now() +
                    std::chrono::seconds(120));
  return ctx;
}

std::unique_ptr<grpc::ClientContext> LongCall() {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::hours(12));
  return ctx;
}

int Report(const grpc::Status& status) {
  if (status.ok()) return client::kExitOk;
  const int code = client::ExitCodeFor(status);
  if (code == client::kExitUnreachable) {
    std::fprintf(stderr,
                 "kluis: error: kluisd is not reachable (is it running, and "
                 "yours?); start it with: kluisd\n");
  } else {
    std::fprintf(stderr, "kluis: error: %s\n", status.error_message().c_str());
  }
  return code;
}

int Report(const absl::Status& status) {
  return Report(grpc::Status(static_cast<grpc::StatusCode>(status.code()),
                             std::string(status.message())));
}

void PrintJson(const google::protobuf::Message& message) {
  std::string out;
  google::protobuf::util::JsonPrintOptions opts;
  opts.add_whitespace = true;
  opts.always_print_primitive_fields = true;
  (void)google::protobuf::util::MessageToJsonString(message, &out, opts);
  std::fwrite(out.data(), 1, out.size(), stdout);
  if (out.empty() || out.back() != '\n') std::fputc('\n', stdout);
}

bool ShowText(Context& ctx, const grpc::Status& status,
              const google::protobuf::Message& response, bool json) {
  if (!status.ok()) {
    ctx.exit_code = Report(status);
    return false;
  }
  if (json) {
    PrintJson(response);
    return false;
  }
  return true;
}

}  // namespace kluis::cli
