// The desktop speaks Dutch through Qt Linguist: every string in the code
// has its Dutch translation in translations/kluis_desktop_nl.ts (lupdate
// run on the sources finds nothing new or unfinished), the compiled
// catalogue is in the program, and no proto name reaches the window.
#include "client/desktop/translations.h"

#include <gtest/gtest.h>

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <set>
#include <vector>

#include "client/desktop/field_names.h"
#include "kluis/v1/records.pb.h"
#include "tests/desktop/qt_app.h"

namespace kluis::desktop {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;

struct Message {
  QString context, source;
  bool finished = true;
};

std::vector<Message> ReadTs(const QString& path) {
  std::vector<Message> out;
  QFile f(path);
  EXPECT_TRUE(f.open(QIODevice::ReadOnly)) << path.toStdString();
  QXmlStreamReader xml(&f);
  QString context;
  while (!xml.atEnd()) {
    if (xml.readNext() != QXmlStreamReader::StartElement) continue;
    if (xml.name() == u"name") {
      context = xml.readElementText();
    } else if (xml.name() == u"source") {
      out.push_back({context, xml.readElementText()});
    } else if (xml.name() == u"translation") {
      const auto type = xml.attributes().value("type");
      if (type == u"unfinished" || type == u"vanished" || type == u"obsolete") {
        out.back().finished = false;
      }
    }
  }
  EXPECT_FALSE(xml.hasError()) << xml.errorString().toStdString();
  return out;
}

// lupdate over the desktop's sources into a copy of the catalogue: a string
// added to the code without its Dutch shows up as unfinished.
TEST(TranslationsTest, EveryStringInTheCodeHasItsDutch) {
  QTemporaryDir tmp;
  ASSERT_TRUE(tmp.isValid());
  const QString ts = tmp.filePath("kluis_desktop_nl.ts");
  ASSERT_TRUE(QFile::copy(KLUIS_DESKTOP_TS, ts));
  QFile::setPermissions(ts, QFile::ReadOwner | QFile::WriteOwner);
  const QDir sources(KLUIS_DESKTOP_SOURCES);
  QStringList args = {"-I",   KLUIS_SOURCE_ROOT, "-locations",
                      "none", "-no-obsolete",    "-no-ui-lines"};
  for (const QString& f :
       sources.entryList({"*.cc", "*.h"}, QDir::Files, QDir::Name)) {
    args << sources.filePath(f);
  }
  args << "-ts" << ts;
  QProcess lupdate;
  lupdate.start(KLUIS_LUPDATE, args);
  ASSERT_TRUE(lupdate.waitForFinished(60000));
  ASSERT_EQ(lupdate.exitCode(), 0) << lupdate.readAllStandardError().data();
  // The parser warns when it cannot place a tr() in its class: its context
  // would not match the one the program asks for.
  EXPECT_FALSE(lupdate.readAllStandardError().contains("unknown namespace"));
  const std::vector<Message> messages = ReadTs(ts);
  EXPECT_GT(messages.size(), 200u);
  for (const Message& m : messages) {
    EXPECT_TRUE(m.finished) << "no Dutch for \"" << m.source.toStdString()
                            << "\" (" << m.context.toStdString()
                            << "): run the kluis_desktop_lupdate target and "
                               "translate it in Qt Linguist";
  }
}

// The compiled catalogue is in the program and answers for every string of
// the .ts, in the contexts the classes ask in.
TEST(TranslationsTest, TheProgramCarriesTheDutchCatalogue) {
  App();
  EXPECT_EQ(InstallTranslations(QCoreApplication::instance(),
                                QLocale(QLocale::English)),
            nullptr);
  ASSERT_NE(InstallTranslations(QCoreApplication::instance(),
                                QLocale(QLocale::Dutch, QLocale::Netherlands)),
            nullptr);
  for (const Message& m : ReadTs(KLUIS_DESKTOP_TS)) {
    if (m.source.contains("%n")) continue;  // plural forms: their own test
    const QString nl = QCoreApplication::translate(
        m.context.toUtf8().constData(), m.source.toUtf8().constData());
    EXPECT_FALSE(nl.isEmpty()) << m.source.toStdString();
    // A translated text differs, or is the same word in Dutch (Postcode).
  }
  EXPECT_EQ(FieldLabel("city"), "Woonplaats");
  EXPECT_EQ(PathLabel("client.city"), "Woonplaats");
  EXPECT_EQ(PathLabel("client.guardians[1].email"),
            "Ouders of verzorgers 2 · E-mail");
  EXPECT_EQ(ValueLabel("correspondence.direction", "DIRECTION_INCOMING"),
            "inkomend");
  EXPECT_EQ(EnumLabel("RECORD_KIND_SESSION_REPORT"), "Sessieverslag");
  EXPECT_EQ(EnumLabel("RECORD_KIND_CASE"), "Melding");
  EXPECT_EQ(QCoreApplication::translate("kluis::desktop::StatusText",
                                        "Unlocked · %n dossier(s)", "", 1),
            "Ontgrendeld · 1 dossier");
  EXPECT_EQ(QCoreApplication::translate("kluis::desktop::StatusText",
                                        "Unlocked · %n dossier(s)", "", 3),
            "Ontgrendeld · 3 dossiers");
  RemoveTranslations(QCoreApplication::instance());
  EXPECT_EQ(FieldLabel("city"), "City");
}

// Every field and choice of every record a dossier holds has a label: the
// window never falls back to a proto name such as "amount_cents".
TEST(TranslationsTest, EveryDossierFieldHasALabel) {
  std::vector<const Descriptor*> todo;
  const google::protobuf::OneofDescriptor* body =
      kluis::v1::Record::descriptor()->FindOneofByName("body");
  for (int i = 0; i < body->field_count(); ++i) {
    EXPECT_TRUE(HasFieldLabel(body->field(i)->name()))
        << body->field(i)->name();
    todo.push_back(body->field(i)->message_type());
  }
  // The kinds a person works with in the desktop (practice registers are
  // the command line's): their fields, and those of their lists.
  const std::set<std::string> desktop = {
      "Client",         "Note",           "Commission",
      "Agreement",      "SessionReport",  "EarlierTrajectory",
      "HealthInfo",     "PersonalMoment", "Invoice",
      "Correspondence", "Appointment",    "Attachment",
      "AdviserCase",    "ContactMoment",  "Consent",
      "Disclosure",     "Guardian",       "Reporter",
      "Accused",        "Child"};
  for (size_t i = 0; i < todo.size(); ++i) {
    const Descriptor* d = todo[i];
    if (desktop.count(d->name()) == 0) continue;
    for (int k = 0; k < d->field_count(); ++k) {
      const FieldDescriptor* f = d->field(k);
      EXPECT_TRUE(HasFieldLabel(f->name())) << d->name() << "." << f->name();
      if (f->message_type() != nullptr) todo.push_back(f->message_type());
      if (f->enum_type() == nullptr) continue;
      for (int v = 1; v < f->enum_type()->value_count(); ++v) {
        EXPECT_FALSE(EnumLabel(f->enum_type()->value(v)->name()).isEmpty())
            << f->enum_type()->value(v)->name();
      }
    }
  }
}

}  // namespace
}  // namespace kluis::desktop
