// Which field a daemon error belongs to, table-driven.
#include "client/desktop/field_error.h"

#include <gtest/gtest.h>

namespace kluis::desktop {
namespace {

TEST(FieldErrorTest, FindsTheFieldUnderTheBody) {
  struct Case {
    const char* message;
    const char* body;
    const char* field;
    const char* rule;
  };
  const Case cases[] = {
      {"client.iban: not a valid IBAN", "client", "iban", "not a valid IBAN"},
      {"client.guardians[0].email: not an e-mail address", "client",
       "guardians", "not an e-mail address"},
      {"note.text: looks like a BSN (citizen service number); kluis never "
       "stores a BSN",
       "note", "text",
       "looks like a BSN (citizen service number); kluis never stores a BSN"},
      {"reason: hours carry no free text", "", "reason",
       "hours carry no free text"},
  };
  for (const Case& c : cases) {
    std::optional<FieldError> e = ParseFieldError(c.message);
    ASSERT_TRUE(e.has_value()) << c.message;
    EXPECT_EQ(e->body, c.body);
    EXPECT_EQ(e->field, c.field);
    EXPECT_EQ(e->rule, c.rule);
  }
  EXPECT_EQ(ParseFieldError("adviser_case.reporter.name: is required")->path,
            "reporter.name");
  EXPECT_FALSE(ParseFieldError("vault is locked: run kluis unlock"));
  EXPECT_FALSE(ParseFieldError("no colon here"));
}

}  // namespace
}  // namespace kluis::desktop
