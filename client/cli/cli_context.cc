#include "client/cli/cli_context.h"

#include <fcntl.h>
#include <google/protobuf/util/json_util.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>

#include "client/cli/refusal_text.h"
#include "client/common/connection.h"
#include "daemon/i18n/language.h"
#include "daemon/i18n/translator.h"

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
    return code;
  }
  // A refusal kluisd explained: in Dutch on a Dutch locale, one line per
  // problem. (The rest of the CLI is still English: there the daemon's own
  // English text stays, as scripts have read it so far.)
  std::optional<kluis::v1::Refusal> refusal = client::RefusalOf(status);
  const std::string lang = i18n::LanguageFromEnvironment();
  if (refusal.has_value() && refusal->problems_size() > 0 && lang == "nl") {
    for (const std::string& line :
         RefusalLines(*refusal, i18n::Translator::Dutch())) {
      std::fprintf(stderr, "kluis: fout: %s\n", line.c_str());
    }
    return code;
  }
  std::fprintf(stderr, "kluis: error: %s\n", status.error_message().c_str());
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

bool WriteNewFile(const std::string& path, const std::string& data) {
  const int fd =
      ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    std::fprintf(stderr, "kluis: error: out: %s\n", std::strerror(errno));
    return false;
  }
  size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      std::fprintf(stderr, "kluis: error: out: %s\n", std::strerror(errno));
      ::close(fd);
      return false;
    }
    done += static_cast<size_t>(n);
  }
  return ::close(fd) == 0;
}

}  // namespace kluis::cli
