// kluis-desktop against the real kluisd on a temp socket (Qt's offscreen
// platform): unlock, create a client, find it in the list, edit it, see
// the daemon's rule at the IBAN field, see two versions and their
// difference in the history; screenshots of each window for the README.
#include <gtest/gtest.h>

#include <QApplication>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QHeaderView>
#include <QLineEdit>
#include <QMenu>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableView>
#include <QTest>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>

#include "client/desktop/backup_panel.h"
#include "client/desktop/daemon_api.h"
#include "client/desktop/date_field.h"
#include "client/desktop/history_dialog.h"
#include "client/desktop/item_table.h"
#include "client/desktop/main_window.h"
#include "client/desktop/record_form.h"
#include "client/desktop/translations.h"
#include "client/desktop/unlock_dialog.h"
#include "tests/desktop/qt_app.h"
#include "tests/integration/daemon_harness.h"
#include "tests/support/test_support.h"

namespace kluis::desktop {
namespace {

using kluis::testing::DaemonHarness;
using kluis::testing::kTestPassphrase;

// The test's own settings, not the user's.
void PrivateSettings(const DaemonHarness& d) {
  qputenv("XDG_CONFIG_HOME", d.dir().File("config").c_str());
}

void Screenshot(QWidget* w, const char* name) {
  w->resize(w->sizeHint().expandedTo(QSize(900, 560)));
  w->show();
  QApplication::processEvents();
  // The build's folder, or docs/screenshots for the desktop_screenshots
  // target.
  const QString dir =
      qEnvironmentVariable("KLUIS_SCREENSHOTS_DIR", KLUIS_SCREENSHOTS_DIR);
  QDir().mkpath(dir);
  EXPECT_TRUE(w->grab().save(dir + "/" + name + ".png"));
}

// The whole id of the vault's only dossier (the CLI shows short ones).
std::string OnlyDossier(DaemonApi* api) {
  kluis::v1::ListDossiersResponse all;
  EXPECT_TRUE(api->ListDossiers("", false, &all).ok());
  EXPECT_EQ(all.dossiers_size(), 1);
  return all.dossiers_size() == 1 ? all.dossiers(0).dossier_id() : "";
}

void Type(QWidget* w, const QString& text) {
  auto* line = qobject_cast<QLineEdit*>(w);
  ASSERT_NE(line, nullptr);
  line->clear();
  QTest::keyClicks(line, text);
}

TEST(DesktopTest, UnlockCreateFindEditAndHistory) {
  App();
  DaemonHarness d;
  ASSERT_TRUE(d.Start());
  d.Init();
  PrivateSettings(d);
  ASSERT_EQ(d.Kluis({"lock"}).exit_code, 0);
  DaemonApi api(d.socket());
  MainWindow window(&api);
  EXPECT_TRUE(window.StatusText().startsWith("No backup drive yet"))
      << window.StatusText().toStdString();
  EXPECT_TRUE(window.StatusText().contains("Locked"));
  // Every toolbar command has its Alt key.
  for (QToolBar* bar : window.findChildren<QToolBar*>()) {
    for (QAction* action : bar->actions()) {
      if (action->isSeparator()) continue;
      EXPECT_TRUE(action->text().contains('&')) << action->text().toStdString();
    }
  }

  // A wrong passphrase is refused with the daemon's words; then unlock.
  UnlockDialog unlock(&api, &window);
  QTest::keyClicks(unlock.passphrase(), "not the passphrase");
  EXPECT_FALSE(unlock.Submit());
  EXPECT_TRUE(unlock.Error().contains("passphrase: wrong"))
      << unlock.Error().toStdString();
  EXPECT_TRUE(unlock.passphrase()->text().isEmpty());  // not kept
  Screenshot(&unlock, "unlock");
  // By keyboard: type, Enter.
  unlock.show();
  QTest::keyClicks(unlock.passphrase(), kTestPassphrase);
  QTest::keyClick(unlock.passphrase(), Qt::Key_Return);
  ASSERT_EQ(unlock.result(), QDialog::Accepted) << unlock.Error().toStdString();
  window.Refresh();
  EXPECT_TRUE(window.StatusText().contains("Unlocked · 0 dossier(s)"))
      << window.StatusText().toStdString();

  // A new client, with a bad IBAN first: the rule shows at the field.
  kluis::v1::Record r;
  r.mutable_client();
  RecordForm form(&api, "", r, &window);
  Type(form.Input("name"), "Sanne Kuipers");
  Type(form.Input("city"), "Zwolle");
  Type(form.Input("iban"), "NL00 BANK 0123 4567 89");
  EXPECT_FALSE(form.Submit());
  EXPECT_TRUE(form.ErrorAt("iban").contains("IBAN"))
      << form.ErrorAt("iban").toStdString();
  EXPECT_FALSE(form.ErrorAt("iban").contains("0123"));
  EXPECT_TRUE(form.ErrorAt("name").isEmpty());
  Screenshot(&form, "client-form-error");
  Type(form.Input("iban"), "NL91 ABNA 0417 1643 00");
  ASSERT_TRUE(form.Submit()) << form.GeneralError().toStdString();
  const std::string dossier = form.dossier_id();
  ASSERT_EQ(dossier.size(), 32u);

  // A BSN typed into a note: refused at the text, with the policy.
  kluis::v1::Record note;
  note.mutable_note();
  RecordForm note_form(&api, dossier, note, &window);
  auto* text = qobject_cast<QPlainTextEdit*>(note_form.Input("text"));
  ASSERT_NE(text, nullptr);
  text->setPlainText("Belde over haar BSN 111222333.");
  EXPECT_FALSE(note_form.Submit());
  EXPECT_TRUE(note_form.ErrorAt("text").contains("kluis never stores a BSN"))
      << note_form.ErrorAt("text").toStdString();
  EXPECT_FALSE(note_form.ErrorAt("text").contains("111222333"));
  text->setPlainText(
      "Eerste gesprek: loopbaanvraag.\n\nSanne wil na tien jaar in het "
      "onderwijs een nieuwe richting kiezen. Afgesproken: drie sessies.");
  Screenshot(&note_form, "note-editor");
  ASSERT_TRUE(note_form.Submit()) << note_form.GeneralError().toStdString();

  // Found in the list, by name and as typed.
  window.Refresh();
  QTest::keyClicks(window.search(), "sanne");
  ASSERT_EQ(window.dossiers()->count(), 1);
  EXPECT_TRUE(window.dossiers()->item(0)->text().startsWith("Sanne Kuipers"));
  window.Open(0);
  EXPECT_EQ(window.open_dossier(), dossier);
  EXPECT_TRUE(window.DossierText().contains("Zwolle"));
  EXPECT_TRUE(window.DossierText().contains("Eerste gesprek: loopbaanvraag."));
  window.search()->clear();
  QTest::keyClicks(window.search(), "nobody");
  EXPECT_EQ(window.dossiers()->count(), 0);
  window.search()->clear();
  window.Open(0);
  Screenshot(&window, "main-window");

  // Edit: the city changes; the history shows both versions.
  RecordForm edit(&api, dossier, window.dossier().client(), &window);
  Type(edit.Input("city"), "Deventer");
  ASSERT_TRUE(edit.Submit()) << edit.GeneralError().toStdString();
  HistoryDialog history(&api, dossier, window.dossier().client().id(), &window);
  ASSERT_EQ(history.VersionCount(), 2);
  history.SelectVersion(1);
  EXPECT_TRUE(history.Changes().contains("City: Zwolle → Deventer"))
      << history.Changes().join("|").toStdString();
  Screenshot(&history, "history");

  // The whole dossier's history: the note and both client versions; the
  // client's newest and the note's only version restore nothing.
  HistoryDialog all(&api, dossier, "", &window);
  ASSERT_EQ(all.VersionCount(), 3);
  all.SelectVersion(0);
  EXPECT_FALSE(all.RestoreEnabled());
  all.SelectVersion(2);
  EXPECT_TRUE(all.RestoreEnabled());
  EXPECT_TRUE(all.Changes().contains("City: Zwolle → Deventer"))
      << all.Changes().join("|").toStdString();

  // Restore the first version: a third one, with the old city.
  ASSERT_TRUE(history.RestoreSelected());
  EXPECT_EQ(history.VersionCount(), 3);
  window.Refresh();
  window.Open(0);
  EXPECT_TRUE(window.DossierText().contains("Zwolle"));

  // The daemon locks (here: the CLI): the window lets go of everything.
  ASSERT_EQ(d.Kluis({"lock"}).exit_code, 0);
  window.Refresh();
  EXPECT_EQ(window.dossiers()->count(), 0);
  EXPECT_TRUE(window.DossierText().isEmpty());
  EXPECT_TRUE(window.StatusText().contains("Locked"));
}

TEST(DesktopTest, BackupPanelRunsWithProgressAndAttachmentsLeaveNoTrace) {
  App();
  DaemonHarness d;
  ASSERT_TRUE(d.Start()) << d.log();
  d.Init();
  PrivateSettings(d);
  const std::string runtime = d.dir().File("runtime");
  ASSERT_TRUE(QDir().mkpath(QString::fromStdString(runtime)));
  qputenv("XDG_RUNTIME_DIR", runtime.c_str());
  // The CLI prints a short id: enough to name the dossier to it.
  const std::string short_id = kluis::testing::Trim(
      d.Kluis({"client", "add", "--name", "Iris Mol"}).out);
  const std::string file = d.dir().File("verslag.txt");
  kluis::testing::WriteFileOrDie(file, "Verslag van het intakegesprek.\n");
  ASSERT_EQ(d.Kluis({"attach", short_id, file}).exit_code, 0);
  const std::string drive = d.dir().File("usb");
  ASSERT_TRUE(QDir().mkpath(QString::fromStdString(drive)));
  ASSERT_EQ(d.Kluis({"backup", "add", drive, "--name", "usb1"}).exit_code, 0);

  DaemonApi api(d.socket());
  const std::string dossier = OnlyDossier(&api);
  kluis::v1::GetDossierResponse got;
  ASSERT_TRUE(api.GetDossier(dossier, &got).ok());
  ASSERT_EQ(got.records_size(), 1);
  const std::string attachment = got.records(0).id();
  ASSERT_TRUE(got.records(0).has_attachment());
  MainWindow window(&api);
  EXPECT_TRUE(window.StatusText().contains("Backup to usb1 OVERDUE"))
      << window.StatusText().toStdString();

  // The backup panel: run with a progress bar, then the strip says so.
  BackupPanel panel(&api, &window);
  ASSERT_EQ(panel.targets()->rowCount(), 1);
  EXPECT_EQ(panel.targets()->item(0, 1)->text(), "never");
  ASSERT_TRUE(panel.Run());
  EXPECT_FALSE(panel.Run());  // one at a time
  QTRY_VERIFY_WITH_TIMEOUT(!panel.running(), 120000);
  EXPECT_EQ(panel.progress()->value(), 100);
  EXPECT_EQ(panel.Message(), "Backup done and verified.");
  EXPECT_NE(panel.targets()->item(0, 1)->text(), "never");
  Screenshot(&panel, "backups");
  window.Refresh();
  EXPECT_TRUE(window.StatusText().contains("Last backup to usb1: "))
      << window.StatusText().toStdString();

  // An attachment opens only through a private file in RAM, gone at lock.
  window.Open(0);
  EXPECT_TRUE(window.DossierText().contains("open (decrypted temporarily)"));
  EXPECT_TRUE(window.DossierText().contains("Name: verslag.txt"));
  // A file dropped on the window becomes an attachment of the dossier.
  const std::string dropped = d.dir().File("intakeformulier.txt");
  kluis::testing::WriteFileOrDie(dropped, "Ingevuld intakeformulier.\n");
  QMimeData mime;
  mime.setUrls({QUrl::fromLocalFile(QString::fromStdString(dropped))});
  QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton,
                        Qt::NoModifier);
  QApplication::sendEvent(&window, &enter);
  EXPECT_TRUE(enter.isAccepted());
  QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton,
                  Qt::NoModifier);
  QApplication::sendEvent(&window, &drop);
  EXPECT_TRUE(window.DossierText().contains("Name: intakeformulier.txt"))
      << window.DossierText().toStdString();
  EXPECT_TRUE(window.DossierText().contains("Name: verslag.txt"));
  // No checksum on display: no run of 64 hex digits.
  EXPECT_FALSE(
      window.DossierText().contains(QRegularExpression("[0-9a-f]{64}")))
      << window.DossierText().toStdString();
  QString error;
  const QString path =
      window.attachments().Decrypt(dossier, attachment, &error);
  ASSERT_FALSE(path.isEmpty()) << error.toStdString();
  EXPECT_TRUE(path.startsWith(QString::fromStdString(runtime) + "/"));
  EXPECT_TRUE(path.endsWith("/verslag.txt"));
  QFile f(path);
  ASSERT_TRUE(f.open(QIODevice::ReadOnly));
  EXPECT_EQ(f.readAll(), QByteArray("Verslag van het intakegesprek.\n"));
  f.close();
  EXPECT_EQ(QFile::permissions(path),
            QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                QFileDevice::ReadUser | QFileDevice::WriteUser);
  // Handed to a viewer: its first close removes the file.
  const QString viewed =
      window.attachments().Decrypt(dossier, attachment, &error);
  ASSERT_FALSE(viewed.isEmpty()) << error.toStdString();
  window.attachments().RemoveWhenClosed(viewed);
  {
    QFile viewer(viewed);
    ASSERT_TRUE(viewer.open(QIODevice::ReadOnly));
    EXPECT_FALSE(viewer.readAll().isEmpty());
  }
  QTRY_VERIFY_WITH_TIMEOUT(!QFile::exists(viewed), 5000);
  EXPECT_TRUE(QFile::exists(path));  // not handed over: kept until lock
  window.LockClicked();
  EXPECT_FALSE(QFile::exists(path));
  EXPECT_TRUE(QDir(QString::fromStdString(runtime))
                  .entryList(QDir::NoDotAndDotDot | QDir::AllEntries)
                  .isEmpty());
}

void Click(QWidget* w);  // a left click on `w`, below

// A confidential-adviser case has its own form: the reporter's fields as
// rows, categories comma-separated, accused and children one per line.
TEST(DesktopTest, ACaseWithItsReporterAccusedAndChildren) {
  App();
  DaemonHarness d;
  ASSERT_TRUE(d.Start());
  d.Init();
  PrivateSettings(d);
  ASSERT_EQ(d.Kluis({"org", "add", "--name", "Basisschool De Linde"}).exit_code,
            0);
  DaemonApi api(d.socket());
  kluis::v1::ListRecordsResponse orgs_now;
  ASSERT_TRUE(api.Organisations(&orgs_now).ok());
  ASSERT_EQ(orgs_now.records_size(), 1);
  const std::string org = orgs_now.records(0).id();
  kluis::v1::Record r;
  r.mutable_adviser_case();
  RecordForm form(&api, "", r);
  auto* orgs = qobject_cast<QComboBox*>(form.Input("organisation_id"));
  ASSERT_NE(orgs, nullptr);
  ASSERT_EQ(orgs->count(), 2);  // none, and the school by its name
  EXPECT_EQ(orgs->itemText(1), "Basisschool De Linde");
  orgs->setCurrentIndex(1);
  auto* opened = qobject_cast<DateField*>(form.Input("opened_date"));
  ASSERT_NE(opened, nullptr);
  // Picked from the calendar: Return takes the chosen day.
  opened->Pick();
  ASSERT_NE(opened->calendar(), nullptr);
  opened->calendar()->setSelectedDate(QDate(2026, 3, 2));
  auto* days = opened->calendar()->findChild<QTableView*>();
  ASSERT_NE(days, nullptr);
  QTest::keyClick(days, Qt::Key_Return);
  EXPECT_EQ(opened->text()->text(), "02-03-2026");
  EXPECT_EQ(opened->Iso(), "2026-03-02");
  EXPECT_FALSE(form.Submit());
  EXPECT_TRUE(form.ErrorAt("reporter.name").contains("required"))
      << form.GeneralError().toStdString();
  Type(form.Input("reporter.name"), "Vera Bos");
  Type(form.Input("reporter.role"), "moeder van een leerling");
  Type(form.Input("categories"), "bullying, intimidation");
  // People as small tables: Add gives a row, typed into cell by cell.
  auto* accused = qobject_cast<ItemTable*>(form.Input("accused"));
  ASSERT_NE(accused, nullptr);
  Click(accused->add_button());
  ASSERT_EQ(accused->table()->rowCount(), 1);
  accused->SetCell(0, "role", "leerkracht");
  accused->SetCell(0, "name", "Meester Jansen");
  auto* children = qobject_cast<ItemTable*>(form.Input("children"));
  ASSERT_NE(children, nullptr);
  for (int i = 0; i < 3; ++i) Click(children->add_button());
  children->SetCell(0, "name", "Ella Bos");
  children->SetCell(0, "age", "9");
  children->SetCell(0, "group", "5");
  children->SetCell(1, "name", "Noor Bos");
  children->SetCell(2, "name", "Tim Bos");
  children->SetCell(2, "age", "7");
  children->table()->selectRow(1);  // and Remove takes one out again
  Click(children->remove_button());
  ASSERT_EQ(children->table()->rowCount(), 2);
  ASSERT_TRUE(form.Submit()) << form.GeneralError().toStdString();
  EXPECT_TRUE(form.ErrorAt("reporter.name").isEmpty());
  kluis::v1::GetDossierResponse got;
  ASSERT_TRUE(api.GetDossier(form.dossier_id(), &got).ok());
  const kluis::v1::AdviserCase& c = got.client().adviser_case();
  EXPECT_EQ(c.reporter().name(), "Vera Bos");
  EXPECT_EQ(c.organisation_id(), org);
  EXPECT_EQ(c.categories_size(), 2);
  ASSERT_EQ(c.accused_size(), 1);
  EXPECT_EQ(c.accused(0).name(), "Meester Jansen");
  ASSERT_EQ(c.children_size(), 2);
  EXPECT_EQ(c.children(0).age(), 9u);
  EXPECT_EQ(c.children(1).name(), "Tim Bos");
  Screenshot(&form, "case-form");

  // The list finds it by its organisation, as typed.
  MainWindow window(&api);
  QTest::keyClicks(window.search(), "linde");
  ASSERT_EQ(window.dossiers()->count(), 1);
  EXPECT_TRUE(window.dossiers()->item(0)->text().startsWith(
      "Vera Bos · Basisschool De Linde · case"))
      << window.dossiers()->item(0)->text().toStdString();
  // Choices read as words, whatever the length of their prefix.
  ASSERT_EQ(d.Kluis({"mail", "add", form.dossier_id(), "--date", "2026-03-03",
                     "--direction", "incoming", "--subject", "Afspraak"})
                .exit_code,
            0);
  window.Open(0);
  EXPECT_TRUE(window.DossierText().contains("Direction: incoming"))
      << window.DossierText().toStdString();
  // The school by its name, never its id.
  EXPECT_TRUE(
      window.DossierText().contains("Organisation: Basisschool De Linde"))
      << window.DossierText().toStdString();
  EXPECT_FALSE(window.DossierText().contains(QString::fromStdString(org)));
  Screenshot(&window, "case");

  // Editing shows the lists as they are stored.
  RecordForm edit(&api, form.dossier_id(), got.client());
  auto* stored = qobject_cast<ItemTable*>(edit.Input("children"));
  ASSERT_NE(stored, nullptr);
  ASSERT_EQ(stored->table()->rowCount(), 2);
  EXPECT_EQ(stored->Cell(0, "name"), "Ella Bos");
  EXPECT_EQ(stored->Cell(0, "age"), "9");
  EXPECT_EQ(stored->Cell(1, "name"), "Tim Bos");
  EXPECT_EQ(stored->Cell(1, "group"), "");
}

TEST(DesktopTest, SpeaksDutchOnADutchLocale) {
  App();
  DaemonHarness d;  // not started
  PrivateSettings(d);
  ASSERT_NE(InstallTranslations(QCoreApplication::instance(),
                                QLocale(QLocale::Dutch)),
            nullptr);
  DaemonApi api(d.socket());
  MainWindow window(&api);
  EXPECT_TRUE(window.StatusText().startsWith("kluisd draait niet"))
      << window.StatusText().toStdString();
  kluis::v1::Record r;
  r.mutable_client();
  RecordForm form(&api, "", r, &window);
  EXPECT_EQ(form.windowTitle(), "Nieuw: cliënt");
  Screenshot(&form, "client-form-nl");
  RemoveTranslations(QCoreApplication::instance());
}

// At 150 % (the text one and a half times its size, as a display scaled to
// 150 % gives), the main window and the longest form still fit a
// 1920×1080 screen, and no toolbar action is pushed out of sight.
TEST(DesktopTest, StaysUsableAtOneAndAHalfTimesTheTextSize) {
  App();
  DaemonHarness d;  // not started: the layout is what is measured
  PrivateSettings(d);
  const QFont normal = QApplication::font();
  QFont large = normal;
  large.setPointSizeF(normal.pointSizeF() * 1.5);
  QApplication::setFont(large);
  DaemonApi api(d.socket());
  MainWindow window(&api);
  kluis::v1::Record r;
  r.mutable_adviser_case();
  RecordForm form(&api, "", r);
  for (QWidget* w : std::initializer_list<QWidget*>{&window, &form}) {
    const QSize need = w->minimumSizeHint();
    EXPECT_LE(need.width(), 1920) << w->metaObject()->className();
    EXPECT_LE(need.height(), 1080) << w->metaObject()->className();
  }
  window.resize(1280, 800);
  window.show();
  QApplication::processEvents();
  for (QToolBar* bar : window.findChildren<QToolBar*>()) {
    for (QAction* action : bar->actions()) {
      QWidget* button = bar->widgetForAction(action);
      if (button == nullptr || action->isSeparator()) continue;
      EXPECT_TRUE(button->isVisible()) << action->text().toStdString();
    }
  }
  Screenshot(&window, "main-window-150");
  QApplication::setFont(normal);
}

// At 1366×768 and 1920×1080, with the text at 100 % and 150 %: the main
// window, the history and the backup panel fit the screen, and no list or
// column cuts off its text. The panel comes back at the size it was left.
TEST(DesktopTest, FitsCommonScreensWithNothingCutOff) {
  App();
  DaemonHarness d;
  ASSERT_TRUE(d.Start()) << d.log();
  d.Init();
  PrivateSettings(d);
  ASSERT_EQ(
      d.Kluis({"client", "add", "--name", "Annemarie van der Heijden-Koolhoven",
               "--city", "Hendrik-Ido-Ambacht"})
          .exit_code,
      0);
  ASSERT_EQ(
      d.Kluis({"org", "add", "--name", "Christelijke Basisschool De Regenboog"})
          .exit_code,
      0);
  const std::string drive = d.dir().File("usb");
  ASSERT_TRUE(QDir().mkpath(QString::fromStdString(drive)));
  ASSERT_EQ(d.Kluis({"backup", "add", drive, "--name",
                     "wekelijkse-backupschijf-kantoor"})
                .exit_code,
            0);
  DaemonApi api(d.socket());
  const std::string dossier = OnlyDossier(&api);
  kluis::v1::GetDossierResponse got;
  ASSERT_TRUE(api.GetDossier(dossier, &got).ok());
  RecordForm edit(&api, dossier, got.client());
  Type(edit.Input("city"), "Alphen aan den Rijn");
  ASSERT_TRUE(edit.Submit()) << edit.GeneralError().toStdString();

  const QFont normal = QApplication::font();
  for (const QRect screen : {QRect(0, 0, 1366, 768), QRect(0, 0, 1920, 1080)}) {
    for (const double scale : {1.0, 1.5}) {
      SCOPED_TRACE(::testing::Message() << screen.width() << "x"
                                        << screen.height() << " at " << scale);
      QFont font = normal;
      font.setPointSizeF(normal.pointSizeF() * scale);
      QApplication::setFont(font);
      auto fits = [&](QWidget* w) {
        w->show();
        QApplication::processEvents();
        EXPECT_LE(w->width(), screen.width()) << w->metaObject()->className();
        EXPECT_LE(w->height(), screen.height()) << w->metaObject()->className();
        EXPECT_GE(w->width(), w->minimumSizeHint().width());
      };
      MainWindow window(&api);
      window.Refresh();
      ASSERT_EQ(window.dossiers()->count(), 1);
      window.FitTo(screen);
      fits(&window);
      EXPECT_GE(window.ListTextRoom(), window.ListTextNeed());

      HistoryDialog history(&api, dossier, "", &window);
      history.FitTo(screen);
      history.SelectVersion(history.VersionCount() - 1);
      fits(&history);
      EXPECT_GE(history.versions()->viewport()->width(),
                history.VersionTextNeed());
      ASSERT_GT(history.changes()->rowCount(), 0);
      const QAbstractItemView* changes = history.changes();
      EXPECT_GE(history.changes()->columnWidth(0),
                changes->sizeHintForColumn(0));

      BackupPanel panel(&api, &window);
      panel.FitTo(screen);
      fits(&panel);
      QTableWidget* t = panel.targets();
      const QAbstractItemView* view = t;  // sizeHintForColumn is public here
      ASSERT_EQ(t->rowCount(), 1);
      int used = 0;
      for (int c = 0; c < t->columnCount(); ++c) {
        EXPECT_GE(t->columnWidth(c), view->sizeHintForColumn(c)) << c;
        EXPECT_GE(t->columnWidth(c), t->horizontalHeader()->sectionSizeHint(c))
            << c;
        used += t->columnWidth(c);
      }
      EXPECT_LE(used, t->viewport()->width());
      if (screen.width() == 1366 && scale == 1.5) {
        Screenshot(&panel, "backups-150");
      }
    }
  }
  QApplication::setFont(normal);

  // Left at another size, the panel comes back at it.
  {
    BackupPanel panel(&api);
    panel.resize(700, 430);
    panel.done(QDialog::Rejected);
  }
  BackupPanel again(&api);
  EXPECT_EQ(again.size(), QSize(700, 430));
}

// Runs `act` on the modal dialog of type T that `open` brings up, then
// closes it if `act` left it open (a failed check must not hang the test).
template <typename T>
void InDialog(const std::function<void()>& open,
              const std::function<void(T*)>& act) {
  bool seen = false;
  QTimer::singleShot(0, [&] {
    T* dialog = qobject_cast<T*>(QApplication::activeModalWidget());
    seen = dialog != nullptr;
    if (dialog == nullptr) return;
    act(dialog);
    if (dialog->isVisible()) dialog->reject();
  });
  open();
  EXPECT_TRUE(seen) << "no " << T::staticMetaObject.className();
}

QAbstractButton* ToolButton(MainWindow* w, const QString& text) {
  for (QToolBar* bar : w->findChildren<QToolBar*>()) {
    for (QAction* a : bar->actions()) {
      if (a->text() == text) {
        return qobject_cast<QAbstractButton*>(bar->widgetForAction(a));
      }
    }
  }
  ADD_FAILURE() << "no button " << text.toStdString();
  return nullptr;
}

QAbstractButton* DialogButton(QWidget* dialog, const QString& text) {
  for (QAbstractButton* b : dialog->findChildren<QAbstractButton*>()) {
    if (b->text() == text) return b;
  }
  ADD_FAILURE() << "no button " << text.toStdString();
  return nullptr;
}

void Click(QWidget* w) {
  ASSERT_NE(w, nullptr);
  QTest::mouseClick(w, Qt::LeftButton);
}

// The week's main steps as a Dutch coach does them, by keyboard and mouse:
// unlock, a new client with a birth date typed day first into the date
// picker, a session note in the large editor, a change of city seen in the
// history under its Dutch label, a backup drive added in the backup panel.
TEST(DesktopTest, TheMainStepsByKeyboardAndMouseInDutch) {
  App();
  DaemonHarness d;
  ASSERT_TRUE(d.Start()) << d.log();
  d.Init();
  PrivateSettings(d);
  ASSERT_EQ(d.Kluis({"lock"}).exit_code, 0);
  ASSERT_NE(InstallTranslations(QCoreApplication::instance(),
                                QLocale(QLocale::Dutch)),
            nullptr);
  struct English {
    ~English() { RemoveTranslations(QCoreApplication::instance()); }
  } english_after;
  DaemonApi api(d.socket());
  MainWindow window(&api);
  window.show();
  EXPECT_TRUE(window.StatusText().contains("Vergrendeld"))
      << window.StatusText().toStdString();

  // Ontgrendelen: type the passphrase, Enter.
  InDialog<UnlockDialog>([&] { Click(ToolButton(&window, "&Ontgrendelen…")); },
                         [](UnlockDialog* u) {
                           QTest::keyClicks(u->passphrase(), kTestPassphrase);
                           QTest::keyClick(u->passphrase(), Qt::Key_Return);
                         });
  EXPECT_TRUE(window.StatusText().contains("Ontgrendeld · 0 dossiers"))
      << window.StatusText().toStdString();

  // Nieuwe cliënt: name and city typed, the birth date typed day first.
  InDialog<RecordForm>(
      [&] { Click(ToolButton(&window, "&Nieuwe cliënt…")); },
      [](RecordForm* form) {
        EXPECT_EQ(form->windowTitle(), "Nieuw: cliënt");
        QTest::keyClicks(form->Input("name"), "Sanne de Vries");
        QTest::keyClicks(form->Input("city"), "Zwolle");
        auto* birth = qobject_cast<DateField*>(form->Input("birth_date"));
        ASSERT_NE(birth, nullptr);
        // A day that does not exist stops the save, at the field, in Dutch.
        QTest::keyClicks(birth->text(), "31-02-1988");
        Click(DialogButton(form, "Op&slaan"));
        EXPECT_TRUE(form->ErrorAt("birth_date").startsWith("geen datum"))
            << form->ErrorAt("birth_date").toStdString();
        birth->text()->clear();
        QTest::keyClicks(birth->text(), "12-05-1988");
        // The daemon's refusal, worded in Dutch at its field.
        QTest::keyClicks(form->Input("iban"), "NL00 BANK 0123 4567 89");
        Click(DialogButton(form, "Op&slaan"));
        EXPECT_EQ(form->ErrorAt("iban"),
                  "geen geldig IBAN (controleer het nummer)");
        EXPECT_TRUE(form->ErrorAt("birth_date").isEmpty());
        qobject_cast<QLineEdit*>(form->Input("iban"))->clear();
        Click(DialogButton(form, "Op&slaan"));
        EXPECT_EQ(form->result(), QDialog::Accepted)
            << form->GeneralError().toStdString();
      });
  ASSERT_EQ(window.dossiers()->count(), 1);
  EXPECT_TRUE(window.StatusText().contains("Ontgrendeld · 1 dossier"))
      << window.StatusText().toStdString();
  QListWidgetItem* item = window.dossiers()->item(0);
  EXPECT_TRUE(item->text().startsWith("Sanne de Vries · coaching"))
      << item->text().toStdString();
  QTest::mouseClick(window.dossiers()->viewport(), Qt::LeftButton, {},
                    window.dossiers()->visualItemRect(item).center());
  ASSERT_FALSE(window.open_dossier().empty());
  EXPECT_EQ(window.dossier().client().client().birth_date(), "1988-05-12");
  // Shown as she typed it: day first.
  EXPECT_TRUE(window.DossierText().contains("Geboortedatum: 12-05-1988"))
      << window.DossierText().toStdString();

  // Toevoegen aan dossier → Aantekening: only coaching kinds offered; the
  // note typed into the large editor.
  QAbstractButton* add = ToolButton(&window, "&Toevoegen aan dossier");
  ASSERT_NE(add, nullptr);
  QMenu* menu = qobject_cast<QToolButton*>(add)->menu();
  ASSERT_NE(menu, nullptr);
  QTimer::singleShot(0, [&] {
    QStringList offered;
    QAction* note = nullptr;
    for (QAction* a : menu->actions()) {
      offered << a->text();
      if (a->text() == "Aantekening…") note = a;
    }
    EXPECT_FALSE(offered.contains("Contactmoment…"))
        << offered.join("|").toStdString();
    EXPECT_TRUE(offered.contains("Sessieverslag…"));
    if (note == nullptr) {
      menu->close();
      return;
    }
    QTimer::singleShot(0, [&] {
      auto* form = qobject_cast<RecordForm*>(QApplication::activeModalWidget());
      ASSERT_NE(form, nullptr);
      auto* text = qobject_cast<QPlainTextEdit*>(form->Input("text"));
      ASSERT_NE(text, nullptr);
      EXPECT_GE(text->height(), 6 * text->fontMetrics().height());
      QTest::keyClicks(text, "Eerste gesprek: loopbaanvraag.");
      Screenshot(form, "note-editor-nl");
      Click(DialogButton(form, "Op&slaan"));
      if (form->isVisible()) form->reject();
    });
    QTest::mouseClick(menu, Qt::LeftButton, {},
                      menu->actionGeometry(note).center());
  });
  Click(add);
  EXPECT_TRUE(window.DossierText().contains("Eerste gesprek: loopbaanvraag."))
      << window.DossierText().toStdString();
  Screenshot(&window, "main-window-nl");

  // Wijzigen: another city; Geschiedenis shows it under its Dutch label.
  InDialog<RecordForm>([&] { Click(ToolButton(&window, "&Wijzigen…")); },
                       [](RecordForm* form) {
                         auto* city =
                             qobject_cast<QLineEdit*>(form->Input("city"));
                         ASSERT_NE(city, nullptr);
                         city->selectAll();
                         QTest::keyClicks(city, "Deventer");
                         Click(DialogButton(form, "Op&slaan"));
                       });
  InDialog<HistoryDialog>(
      [&] { Click(ToolButton(&window, "&Geschiedenis…")); },
      [](HistoryDialog* h) {
        ASSERT_EQ(h->VersionCount(), 3);
        QListWidgetItem* oldest = h->versions()->item(2);
        QTest::mouseClick(h->versions()->viewport(), Qt::LeftButton, {},
                          h->versions()->visualItemRect(oldest).center());
        EXPECT_TRUE(oldest->text().contains("aangemaakt · Cliënt"))
            << oldest->text().toStdString();
        // Local time, day first, to the minute.
        EXPECT_TRUE(QRegularExpression("^\\d{2}-\\d{2}-\\d{4} \\d{2}:\\d{2}  ")
                        .match(oldest->text())
                        .hasMatch())
            << oldest->text().toStdString();
        EXPECT_TRUE(h->Changes().contains("Woonplaats: Zwolle → Deventer"))
            << h->Changes().join("|").toStdString();
        Screenshot(h, "history-nl");
      });

  // Back-ups → Schijf toevoegen: the folder from the (replaced) dialog.
  const std::string drive = d.dir().File("usb-a");
  ASSERT_TRUE(QDir().mkpath(QString::fromStdString(drive)));
  InDialog<BackupPanel>(
      [&] { Click(ToolButton(&window, "&Back-ups…")); },
      [&](BackupPanel* panel) {
        EXPECT_EQ(panel->targets()->rowCount(), 0);
        panel->set_folder_chooser(
            [&] { return QString::fromStdString(drive); });
        Click(panel->add_button());
        ASSERT_EQ(panel->targets()->rowCount(), 1);
        EXPECT_TRUE(panel->Message().startsWith("Schijf usb-a toegevoegd"))
            << panel->Message().toStdString();
        EXPECT_EQ(panel->targets()->item(0, 1)->text(), "nooit");
        Screenshot(panel, "backups-nl");
      });
  window.Refresh();
  EXPECT_TRUE(window.StatusText().contains("Back-up naar usb-a TE LAAT"))
      << window.StatusText().toStdString();
}

TEST(DesktopTest, SaysHowToStartTheDaemonWhenItIsNotRunning) {
  App();
  DaemonHarness d;  // not started
  PrivateSettings(d);
  DaemonApi api(d.socket());
  MainWindow window(&api);
  EXPECT_TRUE(window.StatusText().contains("kluisd is not running"))
      << window.StatusText().toStdString();
}

}  // namespace
}  // namespace kluis::desktop
