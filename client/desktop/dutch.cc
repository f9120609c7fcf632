#include "client/desktop/dutch.h"

#include <QHash>
#include <QString>

namespace kluis::desktop {
namespace {

// Source text → Dutch, whatever the class that asks (the texts are unique
// enough); the form fields' names under their own keys.
const QHash<QString, QString>& Words() {
  static const QHash<QString, QString> words = {
      // Main window
      {"Vault", "Kluis"},
      {"&Unlock…", "&Ontgrendelen…"},
      {"&Lock", "&Vergrendelen"},
      {"&New client…", "&Nieuwe cliënt…"},
      {"New &case…", "Nieuwe &melding…"},
      {"&Add to dossier", "&Toevoegen aan dossier"},
      {"&Edit…", "&Wijzigen…"},
      {"&History…", "&Geschiedenis…"},
      {"&Backups…", "&Back-ups…"},
      {"Search a name or an organisation", "Zoek een naam of organisatie"},
      {"All kinds", "Alle soorten"},
      {"Coaching", "Coaching"},
      {"Cases", "Meldingen"},
      {"Open and closed", "Open en gesloten"},
      {"Open", "Open"},
      {"Closed", "Gesloten"},
      {"Dossiers", "Dossiers"},
      {"Dossier", "Dossier"},
      {"case", "melding"},
      {"coaching", "coaching"},
      {"closed", "gesloten"},
      {"kluisd is not running: start it with \"systemctl --user start "
       "kluisd\" (or run kluisd)",
       "kluisd draait niet: start het met \"systemctl --user start kluisd\" "
       "(of start kluisd)"},
      {"Open the attachment", "Bijlage openen"},
      {"To show it, the file is decrypted temporarily into a private folder "
       "in memory. It is removed when the viewer closes it, when you lock "
       "the vault and when you close kluis. Open it?",
       "Om het te tonen wordt het bestand tijdelijk ontsleuteld in een "
       "privémap in het geheugen. Het wordt verwijderd zodra de viewer het "
       "sluit, zodra u de kluis vergrendelt en zodra u kluis sluit. "
       "Openen?"},
      // Status strip
      {"No vault yet: run kluis init", "Nog geen kluis: voer kluis init uit"},
      {"Unlocked · %n dossier(s)", "Ontgrendeld · %n dossier(s)"},
      {"Locked", "Vergrendeld"},
      {"Breach: the 72 hours ENDED %1",
       "Datalek: de 72 uur zijn VERSTREKEN %1"},
      {"Breach: %1 h left to notify the AP",
       "Datalek: nog %1 uur om de AP te melden"},
      {"%n request(s) past their deadline", "%n verzoek(en) over de termijn"},
      {"%n request(s) due within 7 days",
       "%n verzoek(en) binnen 7 dagen te beantwoorden"},
      {"%n item(s) past their retention term",
       "%n onderdeel/onderdelen over de bewaartermijn"},
      {"No backup drive yet", "Nog geen back-upschijf"},
      {"Backup to %1 OVERDUE", "Back-up naar %1 TE LAAT"},
      {"Last backup to %1: %2", "Laatste back-up naar %1: %2"},
      // Unlock
      {"Unlock the vault", "De kluis ontgrendelen"},
      {"&Passphrase", "&Wachtwoordzin"},
      {"Passphrase", "Wachtwoordzin"},
      {"The recovery key you printed at init",
       "De herstelsleutel die u bij het aanmaken afdrukte"},
      {"&Recovery key", "&Herstelsleutel"},
      {"&New passphrase", "&Nieuwe wachtwoordzin"},
      {"Forgot the passphrase", "Wachtwoordzin vergeten"},
      {"Unlock", "Ontgrendelen"},
      // Forms, history, backups, timeline
      {"New %1", "Nieuw: %1"},
      {"Edit %1", "Wijzigen: %1"},
      {"(choose)", "(kies)"},
      {"(none)", "(geen)"},
      {"separated by commas", "gescheiden door komma's"},
      {"History", "Geschiedenis"},
      {"The record was deleted in this version.",
       "Het gegeven is in deze versie verwijderd."},
      {"Versions", "Versies"},
      {"Field", "Veld"},
      {"Then", "Toen"},
      {"Now", "Nu"},
      {"&Restore this version", "Deze versie &terugzetten"},
      {"Backups", "Back-ups"},
      {"Drive", "Schijf"},
      {"Last good backup", "Laatste goede back-up"},
      {"State", "Staat"},
      {"&Back up now", "Nu &back-up maken"},
      {"never", "nooit"},
      {"plugged in", "aangesloten"},
      {"not plugged in", "niet aangesloten"},
      {"OVERDUE", "TE LAAT"},
      {"Backing up to %1…", "Back-up naar %1…"},
      {"Phase: %1", "Fase: %1"},
      {"Backup done and verified.", "Back-up gemaakt en gecontroleerd."},
      {"No backup drive yet: plug one in and run kluis backup add PATH",
       "Nog geen back-upschijf: sluit er een aan en voer kluis backup add "
       "PAD uit"},
      {"history", "geschiedenis"},
      {"open (decrypted temporarily)", "openen (tijdelijk ontsleuteld)"},
      {"special category (GDPR art. 9)",
       "bijzonder persoonsgegeven (AVG art. 9)"},
      {"working note: yours only", "werkaantekening: alleen voor u"},
      {"yes", "ja"},
      {"no", "nee"},
      // Kinds and field names (RecordForm, Timeline)
      {"Client", "Cliënt"},
      {"Adviser case", "Melding"},
      {"Note", "Aantekening"},
      {"Session report", "Sessieverslag"},
      {"Agreement", "Overeenkomst"},
      {"Health", "Gezondheid"},
      {"Appointment", "Afspraak"},
      {"Invoice", "Factuur"},
      {"Contact moment", "Contactmoment"},
      {"Name", "Naam"},
      {"Birth date", "Geboortedatum"},
      {"Address", "Adres"},
      {"Postcode", "Postcode"},
      {"City", "Woonplaats"},
      {"Email", "E-mail"},
      {"Phone", "Telefoon"},
      {"Iban", "IBAN"},
      {"Text", "Tekst"},
      {"Date", "Datum"},
      {"Time", "Tijd"},
      {"Working", "Werkaantekening"},
      {"Expires", "Vervalt op"},
      {"Question", "Vraag"},
      {"Background", "Achtergrond"},
      {"Goals", "Doelen"},
      {"Start date", "Begindatum"},
      {"End date", "Einddatum"},
      {"Duration minutes", "Duur (minuten)"},
      {"Place", "Plaats"},
      {"Subject", "Onderwerp"},
      {"Opened date", "Geopend op"},
      {"Closed date", "Gesloten op"},
      {"Outcome", "Uitkomst"},
      {"Advice", "Advies"},
      {"Summary", "Samenvatting"},
      {"Relation", "Relatie"},
      {"Organisation id", "Organisatie-id"},
  };
  return words;
}

}  // namespace

QString DutchTranslator::translate(const char*, const char* source, const char*,
                                   int) const {
  auto it = Words().find(QString::fromUtf8(source));
  return it == Words().end() ? QString() : it.value();
}

bool InstallTranslations(QCoreApplication* app, const QLocale& locale) {
  if (locale.language() != QLocale::Dutch) return false;
  static DutchTranslator* dutch = new DutchTranslator();
  return app->installTranslator(dutch);
}

}  // namespace kluis::desktop
