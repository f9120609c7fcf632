// Document: a small structured text (headings, paragraphs, lists, tables)
// that the registers and reports are built as, rendered to Markdown or to
// a self-contained HTML page. One model, so every format says the same.
//
// Thread-safety: a value type; render functions are pure.
#ifndef KLUIS_DAEMON_CORE_DOCUMENT_H_
#define KLUIS_DAEMON_CORE_DOCUMENT_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "daemon/i18n/translator.h"

namespace kluis::core {

class Document {
 public:
  // English.
  explicit Document(std::string title) : title_(std::move(title)) {}
  // In t's language: <html lang>, and the words the renderers add ("none"
  // for an empty list).
  Document(std::string title, const i18n::Translator& t)
      : title_(std::move(title)), lang_(t.lang()), none_(t.Tr("none")) {}

  void Heading(std::string text);  // a section
  void Paragraph(std::string text);
  void List(std::vector<std::string> items);
  // `rows` each as wide as `header`.
  void Table(std::vector<std::string> header,
             std::vector<std::vector<std::string>> rows);

  std::string Markdown() const;
  std::string Html() const;
  // A4 pages, laid out with Pango and drawn by cairo into memory (no temp
  // file). Errors: kInternal when cairo fails.
  absl::StatusOr<std::string> Pdf() const;

 private:
  enum class Kind { kHeading, kParagraph, kList, kTable };
  struct Block {
    Kind kind;
    std::vector<std::string> items;  // text / list items / table header
    std::vector<std::vector<std::string>> rows;
  };
  std::string title_;
  std::string lang_ = "en";
  std::string none_ = "none";
  std::vector<Block> blocks_;
};

// "md" (or ""), "html", "pdf": the rendered document; "json" is the
// caller's (the proto's JSON form). Errors: kInvalidArgument "format: …".
absl::StatusOr<std::string> Render(const Document& doc,
                                   const std::string& format);

}  // namespace kluis::core

#endif  // KLUIS_DAEMON_CORE_DOCUMENT_H_
