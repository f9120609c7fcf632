#include "daemon/core/document.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"

namespace kluis::core {
namespace {

std::string Escape(const std::string& s) {
  return absl::StrReplaceAll(
      s, {{"&", "&amp;"}, {"<", "&lt;"}, {">", "&gt;"}, {"\"", "&quot;"}});
}

// A table cell: a pipe would end it, a newline the row.
std::string Cell(const std::string& s) {
  return absl::StrReplaceAll(s, {{"|", "\\|"}, {"\n", " "}});
}

}  // namespace

void Document::Heading(std::string text) {
  blocks_.push_back({Kind::kHeading, {std::move(text)}, {}});
}
void Document::Paragraph(std::string text) {
  blocks_.push_back({Kind::kParagraph, {std::move(text)}, {}});
}
void Document::List(std::vector<std::string> items) {
  blocks_.push_back({Kind::kList, std::move(items), {}});
}
void Document::Table(std::vector<std::string> header,
                     std::vector<std::vector<std::string>> rows) {
  blocks_.push_back({Kind::kTable, std::move(header), std::move(rows)});
}

std::string Document::Markdown() const {
  std::string out = absl::StrCat("# ", title_, "\n");
  for (const Block& b : blocks_) {
    out += "\n";
    switch (b.kind) {
      case Kind::kHeading:
        absl::StrAppend(&out, "## ", b.items[0], "\n");
        break;
      case Kind::kParagraph:
        absl::StrAppend(&out, b.items[0], "\n");
        break;
      case Kind::kList:
        if (b.items.empty()) absl::StrAppend(&out, "- ", none_, "\n");
        for (const std::string& i : b.items) {
          absl::StrAppend(&out, "- ", absl::StrReplaceAll(i, {{"\n", " "}}),
                          "\n");
        }
        break;
      case Kind::kTable: {
        std::vector<std::string> cells;
        for (const std::string& h : b.items) cells.push_back(Cell(h));
        absl::StrAppend(&out, "| ", absl::StrJoin(cells, " | "), " |\n|");
        for (size_t i = 0; i < b.items.size(); ++i) out += " --- |";
        out += "\n";
        for (const std::vector<std::string>& row : b.rows) {
          cells.clear();
          for (const std::string& c : row) cells.push_back(Cell(c));
          absl::StrAppend(&out, "| ", absl::StrJoin(cells, " | "), " |\n");
        }
        break;
      }
    }
  }
  return out;
}

std::string Document::Html() const {
  std::string out = absl::StrCat(
      "<!DOCTYPE html>\n<html lang=\"", Escape(lang_),
      "\">\n<head><meta charset=\"utf-8\">"
      "<title>",
      Escape(title_),
      "</title>\n<style>body{font-family:sans-serif;max-width:50em;margin:"
      "2em auto;line-height:1.4}table{border-collapse:collapse}td,th{border:"
      "1px solid #999;padding:.2em .6em;text-align:left}</style></head>\n"
      "<body>\n<h1>",
      Escape(title_), "</h1>\n");
  for (const Block& b : blocks_) {
    switch (b.kind) {
      case Kind::kHeading:
        absl::StrAppend(&out, "<h2>", Escape(b.items[0]), "</h2>\n");
        break;
      case Kind::kParagraph:
        absl::StrAppend(
            &out, "<p>",
            absl::StrReplaceAll(Escape(b.items[0]), {{"\n", "<br>\n"}}),
            "</p>\n");
        break;
      case Kind::kList:
        out += "<ul>\n";
        if (b.items.empty()) {
          absl::StrAppend(&out, "<li>", Escape(none_), "</li>\n");
        }
        for (const std::string& i : b.items) {
          absl::StrAppend(&out, "<li>", Escape(i), "</li>\n");
        }
        out += "</ul>\n";
        break;
      case Kind::kTable:
        out += "<table>\n<tr>";
        for (const std::string& h : b.items) {
          absl::StrAppend(&out, "<th>", Escape(h), "</th>");
        }
        out += "</tr>\n";
        for (const std::vector<std::string>& row : b.rows) {
          out += "<tr>";
          for (const std::string& c : row) {
            absl::StrAppend(&out, "<td>", Escape(c), "</td>");
          }
          out += "</tr>\n";
        }
        out += "</table>\n";
        break;
    }
  }
  out += "</body>\n</html>\n";
  return out;
}

absl::StatusOr<std::string> Render(const Document& doc,
                                   const std::string& format) {
  if (format.empty() || format == "md") return doc.Markdown();
  if (format == "html") return doc.Html();
  if (format == "pdf") return doc.Pdf();
  return absl::InvalidArgumentError("format: must be md, html, pdf or json");
}

}  // namespace kluis::core
