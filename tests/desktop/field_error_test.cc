// Which field a daemon error belongs to, table-driven.
#include "client/desktop/field_error.h"

#include <gtest/gtest.h>

#include "kluis/v1/errors.pb.h"

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

// kluisd's Refusal in the status details: every problem, with its rule
// id and limit; without details, the message's one field.
TEST(FieldErrorTest, ReadsEveryProblemOfARefusal) {
  kluis::v1::Refusal r;
  r.set_kind(kluis::v1::Refusal::KIND_INVALID);
  kluis::v1::Problem* a = r.add_problems();
  a->set_field("client.name");
  a->set_rule("required");
  a->set_text("is required");
  kluis::v1::Problem* b = r.add_problems();
  b->set_field("client.guardians[0].phone");
  b->set_rule("max_chars");
  b->set_limit(40);
  std::vector<FieldError> all =
      FieldErrors("client.name: is required; …", r.SerializeAsString());
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].field, "name");
  EXPECT_EQ(all[0].rule_id, "required");
  EXPECT_EQ(all[1].field, "guardians");
  EXPECT_EQ(all[1].path, "guardians[0].phone");
  EXPECT_EQ(all[1].limit, 40u);
  std::vector<FieldError> old =
      FieldErrors("client.iban: not a valid IBAN", "");
  ASSERT_EQ(old.size(), 1u);
  EXPECT_EQ(old[0].field, "iban");
  EXPECT_EQ(old[0].rule_id, "");
  EXPECT_TRUE(FieldErrors("vault is locked", "").empty());
}

}  // namespace
}  // namespace kluis::desktop
