// Table-driven cases for the CSV reader behind `kluis import`.
#include "client/cli/csv.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "absl/strings/match.h"

namespace kluis::cli {
namespace {

using ::testing::ElementsAreArray;
using ::testing::StartsWith;

using Rows = std::vector<std::vector<std::string>>;

struct ParseCase {
  const char* name;
  std::string text;
  Rows rows;
  std::vector<size_t> lines;  // where each record starts
};

TEST(CsvTest, Parses) {
  const ParseCase cases[] = {
      {"comma",
       "name,city\nJan,Utrecht\n",
       {{"name", "city"}, {"Jan", "Utrecht"}},
       {1, 2}},
      {"semicolon with commas in the data",
       "naam;adres\nJan;Straat 1, Utrecht\n",
       {{"naam", "adres"}, {"Jan", "Straat 1, Utrecht"}},
       {1, 2}},
      {"no final line break", "a,b\n1,2", {{"a", "b"}, {"1", "2"}}, {1, 2}},
      {"crlf",
       "a;b\r\n1;2\r\n3;4\r\n",
       {{"a", "b"}, {"1", "2"}, {"3", "4"}},
       {1, 2, 3}},
      {"lone cr", "a,b\r1,2\r", {{"a", "b"}, {"1", "2"}}, {1, 2}},
      {"bom",
       "\xEF\xBB\xBFnaam;plaats\r\nJan;Zwolle\r\n",
       {{"naam", "plaats"}, {"Jan", "Zwolle"}},
       {1, 2}},
      {"quoted delimiter",
       "a,b\n\"Jansen, Jan\",x\n",
       {{"a", "b"}, {"Jansen, Jan", "x"}},
       {1, 2}},
      {"escaped quotes",
       "a\n\"say \"\"hi\"\"\"\n\"\"\"\"\n",
       {{"a"}, {"say \"hi\""}, {"\""}},
       {1, 2, 3}},
      {"empty quoted field", "a,b\n\"\",x\n", {{"a", "b"}, {"", "x"}}, {1, 2}},
      {"newline in quotes",
       "a,b\n\"line 1\nline 2\",c\nd,e\n",
       {{"a", "b"}, {"line 1\nline 2", "c"}, {"d", "e"}},
       {1, 2, 4}},
      {"crlf in quotes becomes lf",
       "a;b\r\n\"x\r\n\r\ny\";z\r\nd;e\r\n",
       {{"a", "b"}, {"x\n\ny", "z"}, {"d", "e"}},
       {1, 2, 5}},
      {"quoted header spanning lines",
       "\"first\nname\";city\nJan;Ede\n",
       {{"first\nname", "city"}, {"Jan", "Ede"}},
       {1, 3}},
      {"empty fields",
       "a,b,c\n,,\na,,\n",
       {{"a", "b", "c"}, {"", "", ""}, {"a", "", ""}},
       {1, 2, 3}},
      {"delimiter at the end of the file",
       "a;b\n1;",
       {{"a", "b"}, {"1", ""}},
       {1, 2}},
      {"blank line inside is a record",
       "a\n\nb\n",
       {{"a"}, {""}, {"b"}},
       {1, 2, 3}},
      {"blank lines at the end are dropped",
       "a\nb\n\n\r\n\n",
       {{"a"}, {"b"}},
       {1, 2}},
      {"spaces are kept", " a , b \n", {{" a ", " b "}}, {1}},
      {"utf-8",
       "naam\nZoë Çelik 🙂\n",
       {{"naam"}, {"Zoë Çelik 🙂"}},
       {1, 2}},
      {"empty", "", {}, {}},
      {"only a bom", "\xEF\xBB\xBF", {}, {}},
  };
  for (const ParseCase& c : cases) {
    SCOPED_TRACE(c.name);
    absl::StatusOr<std::vector<CsvRow>> rows = ParseCsv(c.text);
    ASSERT_TRUE(rows.ok()) << rows.status();
    Rows fields;
    std::vector<size_t> lines;
    for (const CsvRow& row : *rows) {
      fields.push_back(row.fields);
      lines.push_back(row.line);
    }
    EXPECT_THAT(fields, ElementsAreArray(c.rows));
    EXPECT_THAT(lines, ElementsAreArray(c.lines));
  }
}

TEST(CsvTest, DetectsDelimiterFromHeader) {
  const struct {
    const char* text;
    char delimiter;
  } cases[] = {
      {"a,b,c\n1;2;3;4;5\n", ','},
      {"a;b;c\n1,2,3,4,5\n", ';'},
      {"\xEF\xBB\xBFnaam;e-mail\r\n", ';'},
      {"\"a;b;c\",d\n", ','},     // ';' inside quotes does not count
      {"\"x\"\"y;z\",d\n", ','},  // nor after an escaped quote
      {"\"a\nb;c;d\",e\n", ','},  // nor in a header cell spanning lines
      {"a;b,c;d\n", ';'},         // the more frequent one
      {"a;b,c\n", ','},           // a tie
      {"naam\n1;2\n", ','},       // one column
      {"", ','},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(DetectCsvDelimiter(c.text), c.delimiter) << c.text;
  }
}

struct ErrorCase {
  std::string text;
  const char* error;
};

TEST(CsvTest, RefusesWithLineAndRuleButNoContent) {
  // Every case carries personal data that must not reach the message.
  const ErrorCase cases[] = {
      {"naam,plaats\nJansen,\"Utrecht\n\n",
       "line 2: unterminated quoted field"},
      {"naam\n\"x\ny\"\n\"Jansen", "line 4: unterminated quoted field"},
      {"naam;plaats\nJansen;\"Utrecht\"x\n",
       "line 2: text after a closing quote"},
      {"naam\n\"Jan\nJansen\" \n", "line 3: text after a closing quote"},
      {"naam\nJansen\"\n", "line 2: quote inside an unquoted field"},
      {"naam;plaats\r\nJansen; \"Ede\"\r\n",
       "line 2: quote inside an unquoted field"},
      {"naam\r\n\"a\r\nb\"\r\nJansen\"\r\n",
       "line 4: quote inside an unquoted field"},
      {"naam\nJansen\nZo\xEB\n", "line 3: not valid UTF-8"},  // Windows-1252
      {"naam\nJansen\xC0\xAF\n", "line 2: not valid UTF-8"},  // overlong
      {"naam\nJansen\xED\xA0\x80\n", "line 2: not valid UTF-8"},  // surrogate
      {"naam\nJansen\xF4\x90\x80\x80\n", "line 2: not valid UTF-8"},
      {"naam\nJansen\xE2\x82", "line 2: not valid UTF-8"},  // cut short
  };
  for (const ErrorCase& c : cases) {
    SCOPED_TRACE(c.error);
    absl::StatusOr<std::vector<CsvRow>> rows = ParseCsv(c.text);
    ASSERT_FALSE(rows.ok());
    EXPECT_EQ(rows.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(std::string(rows.status().message()), StartsWith(c.error));
    EXPECT_FALSE(absl::StrContains(rows.status().message(), "Jansen"));
    EXPECT_FALSE(absl::StrContains(rows.status().message(), "Utrecht"));
  }
}

}  // namespace
}  // namespace kluis::cli
