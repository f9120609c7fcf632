// kluis attach DOSSIER FILE, kluis fetch DOSSIER RECORD and kluis detach:
// files in a dossier, streamed in chunks both ways; the daemon never holds
// the whole file, and neither does this client.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "client/cli/cli_context.h"
#include "client/cli/record_view.h"
#include "client/common/connection.h"
#include "kluis/v1/vault.grpc.pb.h"

namespace kluis::cli {
namespace {

constexpr size_t kChunk = 256 * 1024;

std::string BaseName(const std::string& path) {
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string GuessMediaType(const std::string& name) {
  const std::string n = absl::AsciiStrToLower(name);
  static const std::pair<const char*, const char*> kTypes[] = {
      {".pdf", "application/pdf"},
      {".txt", "text/plain"},
      {".md", "text/markdown"},
      {".csv", "text/csv"},
      {".html", "text/html"},
      {".eml", "message/rfc822"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".json", "application/json"},
      {".odt", "application/vnd.oasis.opendocument.text"},
      {".docx",
       "application/vnd.openxmlformats-officedocument.wordprocessingml."
       "document"},
  };
  for (const auto& [ext, type] : kTypes) {
    if (absl::EndsWith(n, ext)) return type;
  }
  return "application/octet-stream";
}

struct Args {
  std::string dossier, record, file, name, media_type, description, reason, out;
  bool json = false;
};

int Attach(Context& ctx, const Args& a) {
  const int fd = open(a.file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    std::fprintf(stderr, "kluis: error: file: cannot open (%s)\n",
                 std::strerror(errno));
    return client::kExitInvalid;
  }
  auto stub = kluis::v1::Attachments::NewStub(ctx.Channel());
  grpc::ClientContext call;  // no deadline: a file may be large
  kluis::v1::UploadResponse resp;
  auto writer = stub->Upload(&call, &resp);
  kluis::v1::UploadRequest msg;
  kluis::v1::UploadStart* start = msg.mutable_start();
  start->set_dossier_id(a.dossier);
  kluis::v1::Attachment* att = start->mutable_attachment();
  att->set_name(a.name.empty() ? BaseName(a.file) : a.name);
  att->set_media_type(a.media_type.empty() ? GuessMediaType(att->name())
                                           : a.media_type);
  att->set_description(a.description);
  start->set_reason(a.reason);
  bool open_stream = writer->Write(msg);
  std::string buf(kChunk, '\0');
  while (open_stream) {
    const ssize_t n = read(fd, buf.data(), buf.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      close(fd);
      call.TryCancel();
      writer->Finish();
      std::fprintf(stderr, "kluis: error: file: read failed; nothing stored\n");
      return client::kExitError;
    }
    if (n == 0) break;
    msg.set_data(buf.data(), static_cast<size_t>(n));
    open_stream = writer->Write(msg);
  }
  close(fd);
  writer->WritesDone();
  grpc::Status st = writer->Finish();
  const int rc = Report(st);
  if (st.ok()) {
    if (a.json) {
      PrintJson(resp.record());
    } else {
      std::printf("%s\n", ShortId(resp.record().id()).c_str());
    }
  }
  return rc;
}

int Fetch(Context& ctx, const Args& a) {
  int fd = STDOUT_FILENO;
  if (!a.out.empty()) {
    // Plaintext on disk is the user's explicit choice: private, and never
    // over an existing file.
    fd = open(a.out.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
      std::fprintf(stderr, "kluis: error: -o: cannot create (%s)\n",
                   std::strerror(errno));
      return client::kExitInvalid;
    }
  }
  auto stub = kluis::v1::Attachments::NewStub(ctx.Channel());
  grpc::ClientContext call;
  kluis::v1::FetchRequest req;
  req.set_dossier_id(a.dossier);
  req.set_record_id(a.record);
  auto reader = stub->Fetch(&call, req);
  kluis::v1::FetchResponse msg;
  bool write_ok = true;
  while (reader->Read(&msg)) {
    const std::string& d = msg.data();
    for (size_t off = 0; write_ok && off < d.size();) {
      const ssize_t n = write(fd, d.data() + off, d.size() - off);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        write_ok = false;
        call.TryCancel();
        break;
      }
      off += static_cast<size_t>(n);
    }
  }
  grpc::Status st = reader->Finish();
  if (fd != STDOUT_FILENO) close(fd);
  if (!st.ok() || !write_ok) {
    if (!a.out.empty()) unlink(a.out.c_str());  // no half file
    if (!write_ok) {
      std::fprintf(stderr, "kluis: error: output: write failed\n");
      return client::kExitError;
    }
  }
  return Report(st);
}

}  // namespace

void AddAttachmentCommands(CLI::App& app, Context& ctx) {
  auto a = std::make_shared<Args>();
  CLI::App* attach = app.add_subcommand(
      "attach", "Store a file in a dossier (encrypted while it streams)");
  AddDossierArg(attach, ctx, &a->dossier)->required();
  attach->add_option("file", a->file, "The file")->required();
  attach->add_option("--name", a->name, "Name to keep (default: file name)");
  attach->add_option("--media-type", a->media_type,
                     "e.g. application/pdf (default: from the name)");
  attach->add_option("--description", a->description, "What it is");
  attach->add_option("--reason", a->reason, "Why (kept with it)");
  attach->add_flag("--json", a->json, "Print the record as JSON");
  attach->callback([&ctx, a] { ctx.exit_code = Attach(ctx, *a); });

  CLI::App* fetch = app.add_subcommand(
      "fetch", "Write an attachment's content to a file or stdout");
  AddDossierArg(fetch, ctx, &a->dossier)->required();
  fetch
      ->add_option("record", a->record,
                   "The attachment: its number in kluis client show, or the "
                   "start of its id")
      ->required();
  fetch->add_option("-o,--output", a->out,
                    "New file (mode 0600; never overwritten); default stdout");
  fetch->callback([&ctx, a] {
    if (!ResolveRecordArg(ctx, a->dossier, {}, &a->record)) return;
    ctx.exit_code = Fetch(ctx, *a);
  });

  CLI::App* detach = app.add_subcommand(
      "detach", "Delete an attachment and its content (history keeps it)");
  AddDossierArg(detach, ctx, &a->dossier)->required();
  detach
      ->add_option("record", a->record,
                   "The attachment: its number in kluis client show, or "
                   "the start of its id")
      ->required();
  detach->callback([&ctx, a] {
    if (!ResolveRecordArg(ctx, a->dossier, {}, &a->record)) return;
    kluis::v1::DeleteRecordRequest req;
    req.set_dossier_id(a->dossier);
    req.set_record_id(a->record);
    kluis::v1::DeleteRecordResponse resp;
    ctx.exit_code = Report(kluis::v1::Records::NewStub(ctx.Channel())
                               ->DeleteRecord(Call().get(), req, &resp));
  });
}

}  // namespace kluis::cli
