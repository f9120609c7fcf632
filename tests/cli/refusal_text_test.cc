// A refusal as the CLI words it (client/cli/refusal_text.h): the option the
// user typed, the rule in Dutch or English, every problem on its line.
#include "client/cli/refusal_text.h"

#include <gtest/gtest.h>

namespace kluis::cli {
namespace {

TEST(RefusalTextTest, AFieldIsTheOptionThatSetIt) {
  const struct {
    const char* field;
    const char* option;
  } cases[] = {
      {"client.birth_date", "--birth-date"},
      {"adviser_case.categories[0]", "--categories"},
      {"client.guardians[1].email", "--email"},
      {"dossier_id", "dossier"},
      {"record_id", "record"},
      {"expected_updated", "--expected-updated"},
      {"", ""},
  };
  for (const auto& c : cases) EXPECT_EQ(OptionOf(c.field), c.option) << c.field;
}

kluis::v1::Refusal Sample() {
  kluis::v1::Refusal r;
  r.set_kind(kluis::v1::Refusal::KIND_INVALID);
  auto* date = r.add_problems();
  date->set_field("client.birth_date");
  date->set_rule("date_not_found");
  date->set_text("that day does not exist");
  auto* name = r.add_problems();
  name->set_field("client.name");
  name->set_rule("max_chars");
  name->set_text("longer than 200 characters");
  name->set_limit(200);
  auto* category = r.add_problems();
  category->set_field("adviser_case.categories[0]");
  category->set_rule("allowed_values");
  category->set_text("not in the practice's list of case categories");
  category->add_allowed("pesten");
  category->add_allowed("discriminatie");
  auto* consent = r.add_problems();
  consent->set_field("disclosure.consent_id");
  consent->set_rule("consent");
  consent->set_text(
      "that consent was given after the disclosure's date; no consent was "
      "in force");
  return r;
}

TEST(RefusalTextTest, DutchForADutchReader) {
  EXPECT_EQ(RefusalLines(Sample(), i18n::Translator::Dutch()),
            (std::vector<std::string>{
                "--birth-date: die dag bestaat niet",
                "--name: langer dan 200 tekens",
                "--categories: geen van de toegestane waarden: pesten, "
                "discriminatie",
                "--consent-id: die toestemming is gegeven na de datum van de "
                "verstrekking; er gold geen toestemming",
            }));
}

TEST(RefusalTextTest, EnglishOtherwiseAndUnknownTextStaysAsSent) {
  kluis::v1::Refusal r = Sample();
  r.mutable_problems(3)->set_text("a rule this client does not know yet");
  const std::vector<std::string> en =
      RefusalLines(r, i18n::Translator::English());
  EXPECT_EQ(en[0], "--birth-date: that day does not exist");
  EXPECT_EQ(en[1], "--name: longer than 200 characters");
  EXPECT_EQ(RefusalLines(r, i18n::Translator::Dutch())[3],
            "--consent-id: a rule this client does not know yet");
}

}  // namespace
}  // namespace kluis::cli
