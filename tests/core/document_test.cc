// One document, three renderings: Markdown tables that survive a pipe in a
// cell, HTML that escapes what it shows, and a PDF whose text layer says
// the same (read back with pdftotext).
#include "daemon/core/document.h"

#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "tests/support/test_support.h"

namespace kluis::core {
namespace {

Document Sample() {
  Document doc("Verslag <2025>");
  doc.Heading("Cijfers & trends");
  doc.Paragraph("Tellingen onder 3 zijn verborgen.");
  doc.List({"eerste", "tweede"});
  std::vector<std::vector<std::string>> rows;
  for (int i = 0; i < 80; ++i) rows.push_back({"rij", "a|b"});
  doc.Table({"Soort", "Aantal"}, rows);
  return doc;
}

TEST(DocumentTest, MarkdownAndHtmlSayTheSame) {
  const Document doc = Sample();
  const std::string md = doc.Markdown();
  EXPECT_TRUE(absl::StartsWith(md, "# Verslag <2025>\n"));
  EXPECT_TRUE(absl::StrContains(md, "| Soort | Aantal |\n| --- | --- |\n"));
  EXPECT_TRUE(absl::StrContains(md, "| rij | a\\|b |"));
  EXPECT_TRUE(absl::StrContains(md, "- tweede\n"));
  const std::string html = doc.Html();
  EXPECT_TRUE(absl::StrContains(html, "<h1>Verslag &lt;2025&gt;</h1>"));
  EXPECT_TRUE(absl::StrContains(html, "<h2>Cijfers &amp; trends</h2>"));
  EXPECT_FALSE(absl::StrContains(html, "<2025>"));
  EXPECT_EQ(Render(doc, "docx").status().message(),
            "format: must be md, html, pdf or json");
}

TEST(DocumentTest, APdfOverSeveralPagesKeepsItsText) {
  absl::StatusOr<std::string> pdf = Render(Sample(), "pdf");
  ASSERT_TRUE(pdf.ok()) << pdf.status();
  ASSERT_TRUE(absl::StartsWith(*pdf, "%PDF-"));
  kluis::testing::TempDir dir;
  const std::string path = dir.File("doc.pdf");
  kluis::testing::WriteFileOrDie(path, *pdf);
  kluis::testing::ProcessResult info =
      kluis::testing::RunCommand({"pdfinfo", path});
  ASSERT_EQ(info.exit_code, 0) << info.err;
  // pdfinfo pads its labels; compare with single spaces.
  std::string fields;
  for (absl::string_view word :
       absl::StrSplit(info.out, absl::ByAnyChar(" \n"), absl::SkipEmpty())) {
    absl::StrAppend(&fields, word, " ");
  }
  // 80 table rows do not fit on one A4 page (how many it takes depends on
  // the font's metrics).
  EXPECT_FALSE(absl::StrContains(fields, "Pages: 1 ")) << info.out;
  EXPECT_TRUE(absl::StrContains(fields, "Pages: ")) << info.out;
  EXPECT_TRUE(absl::StrContains(fields, "Title: Verslag <2025> "));
  kluis::testing::ProcessResult text =
      kluis::testing::RunCommand({"pdftotext", path, "-"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_TRUE(absl::StrContains(text.out, "Cijfers & trends"));
  EXPECT_TRUE(absl::StrContains(text.out, "Tellingen onder 3 zijn verborgen."));
  EXPECT_TRUE(absl::StrContains(text.out, "a|b"));
}

}  // namespace
}  // namespace kluis::core
