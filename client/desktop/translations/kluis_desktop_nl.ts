<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl" sourcelanguage="en">
<context>
    <name>kluis::desktop::AttachmentFiles</name>
    <message>
        <source>no private folder in RAM for the file</source>
        <translation>geen privémap in het geheugen voor het bestand</translation>
    </message>
    <message>
        <source>the file could not be written: %1</source>
        <translation>het bestand kon niet worden geschreven: %1</translation>
    </message>
</context>
<context>
    <name>kluis::desktop::BackupPanel</name>
    <message>
        <source>Backups</source>
        <translation>Back-ups</translation>
    </message>
    <message>
        <source>Drive</source>
        <translation>Schijf</translation>
    </message>
    <message>
        <source>Last good backup</source>
        <translation>Laatste goede back-up</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Staat</translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation>Nu &amp;back-up maken</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nooit</translation>
    </message>
    <message>
        <source>plugged in</source>
        <translation>aangesloten</translation>
    </message>
    <message>
        <source>not plugged in</source>
        <translation>niet aangesloten</translation>
    </message>
    <message>
        <source>OVERDUE</source>
        <translation>TE LAAT</translation>
    </message>
    <message>
        <source>Backing up to %1…</source>
        <translation>Back-up naar %1…</translation>
    </message>
    <message>
        <source>Phase: %1</source>
        <translation>Fase: %1</translation>
    </message>
    <message>
        <source>Backup done and verified.</source>
        <translation>Back-up gemaakt en gecontroleerd.</translation>
    </message>
    <message>
        <source>&amp;Add a drive…</source>
        <translation>&amp;Schijf toevoegen…</translation>
    </message>
    <message>
        <source>Choose the folder on the backup drive</source>
        <translation>Kies de map op de back-upschijf</translation>
    </message>
    <message>
        <source>No backup drive yet: plug one in and choose Add a drive.</source>
        <translation>Nog geen back-upschijf: sluit er een aan en kies Schijf toevoegen.</translation>
    </message>
    <message>
        <source>Drive %1 added: back up to it now.</source>
        <translation>Schijf %1 toegevoegd: maak er nu een back-up naar.</translation>
    </message>
</context>
<context>
    <name>kluis::desktop::Choices</name>
    <message>
        <source>parent</source>
        <translation>ouder</translation>
    </message>
    <message>
        <source>carer</source>
        <translation>verzorger</translation>
    </message>
    <message>
        <source>incoming</source>
        <translation>inkomend</translation>
    </message>
    <message>
        <source>outgoing</source>
        <translation>uitgaand</translation>
    </message>
    <message>
        <source>pupil and staff member</source>
        <translation>leerling en medewerker</translation>
    </message>
    <message>
        <source>parent and staff member</source>
        <translation>ouder en medewerker</translation>
    </message>
    <message>
        <source>pupil and pupil</source>
        <translation>leerling en leerling</translation>
    </message>
    <message>
        <source>colleagues</source>
        <translation>collega's</translation>
    </message>
    <message>
        <source>employee and manager</source>
        <translation>medewerker en leidinggevende</translation>
    </message>
    <message>
        <source>other</source>
        <translation>anders</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>telefoon</translation>
    </message>
    <message>
        <source>meeting</source>
        <translation>gesprek</translation>
    </message>
    <message>
        <source>e-mail</source>
        <translation>e-mail</translation>
    </message>
    <message>
        <source>video call</source>
        <translation>videogesprek</translation>
    </message>
    <message>
        <source>company</source>
        <translation>bedrijf</translation>
    </message>
    <message>
        <source>school</source>
        <translation>school</translation>
    </message>
    <message>
        <source>a third party</source>
        <translation>een derde</translation>
    </message>
    <message>
        <source>a processor</source>
        <translation>een verwerker</translation>
    </message>
    <message>
        <source>intervision</source>
        <translation>intervisie</translation>
    </message>
    <message>
        <source>consent</source>
        <translation>toestemming</translation>
    </message>
    <message>
        <source>legal obligation</source>
        <translation>wettelijke plicht</translation>
    </message>
    <message>
        <source>vital interest</source>
        <translation>vitaal belang</translation>
    </message>
    <message>
        <source>anonymised</source>
        <translation>geanonimiseerd</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nee</translation>
    </message>
</context>
<context>
    <name>kluis::desktop::DateField</name>
    <message>
        <source>dd-mm-yyyy</source>
        <translation>dd-mm-jjjj</translation>
    </message>
    <message>
        <source>Calendar…</source>
        <translation>Kalender…</translation>
    </message>
    <message>
        <source>Pick the date from a calendar</source>
        <translation>Kies de datum in een kalender</translation>
    </message>
</context>
<context>
    <name>kluis::desktop::Fields</name>
    <message>
        <source>Client</source>
        <translation>Cliënt</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Aantekening</translation>
    </message>
    <message>
        <source>Commissioning employer</source>
        <translation>Opdrachtgevende werkgever</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>Overeenkomst</translation>
    </message>
    <message>
        <source>Session report</source>
        <translation>Sessieverslag</translation>
    </message>
    <message>
        <source>Earlier trajectory</source>
        <translation>Eerder traject</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Gezondheid</translation>
    </message>
    <message>
        <source>Personal moment</source>
        <translation>Persoonlijk moment</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>Factuur</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Appointment</source>
        <translation>Afspraak</translation>
    </message>
    <message>
        <source>Attachment</source>
        <translation>Bijlage</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Melding</translation>
    </message>
    <message>
        <source>Contact moment</source>
        <translation>Contactmoment</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>Toestemming</translation>
    </message>
    <message>
        <source>Disclosure</source>
        <translation>Verstrekking</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisatie</translation>
    </message>
    <message>
        <source>Practice profile</source>
        <translation>Praktijkprofiel</translation>
    </message>
    <message>
        <source>Request of a data subject</source>
        <translation>Verzoek van een betrokkene</translation>
    </message>
    <message>
        <source>Processor</source>
        <translation>Verwerker</translation>
    </message>
    <message>
        <source>Data breach</source>
        <translation>Datalek</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>Uren</translation>
    </message>
    <message>
        <source>Annual advice</source>
        <translation>Jaaradvies</translation>
    </message>
    <message>
        <source>Agenda entry</source>
        <translation>Agenda-item</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>Geboortedatum</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adres</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>Postcode</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Woonplaats</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefoon</translation>
    </message>
    <message>
        <source>Bank account (IBAN)</source>
        <translation>Rekeningnummer (IBAN)</translation>
    </message>
    <message>
        <source>Minor</source>
        <translation>Minderjarig</translation>
    </message>
    <message>
        <source>Parents or carers</source>
        <translation>Ouders of verzorgers</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <source>Commissioned by</source>
        <translation>Opdrachtgever</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>Contactpersoon</translation>
    </message>
    <message>
        <source>Contact's e-mail</source>
        <translation>E-mail contactpersoon</translation>
    </message>
    <message>
        <source>Contact's phone</source>
        <translation>Telefoon contactpersoon</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Referentie</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Vraag</translation>
    </message>
    <message>
        <source>Background</source>
        <translation>Achtergrond</translation>
    </message>
    <message>
        <source>Goals</source>
        <translation>Doelen</translation>
    </message>
    <message>
        <source>Start date</source>
        <translation>Begindatum</translation>
    </message>
    <message>
        <source>End date</source>
        <translation>Einddatum</translation>
    </message>
    <message>
        <source>Retention term (years)</source>
        <translation>Bewaartermijn (jaren)</translation>
    </message>
    <message>
        <source>Why another retention term</source>
        <translation>Waarom een andere bewaartermijn</translation>
    </message>
    <message>
        <source>Retention term agreed on</source>
        <translation>Bewaartermijn afgesproken op</translation>
    </message>
    <message>
        <source>Objection to keeping, on</source>
        <translation>Bezwaar tegen bewaren op</translation>
    </message>
    <message>
        <source>Reason of the objection</source>
        <translation>Reden van het bezwaar</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Bijlagen</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Tekst</translation>
    </message>
    <message>
        <source>Duration (minutes)</source>
        <translation>Duur (minuten)</translation>
    </message>
    <message>
        <source>Working note (yours only)</source>
        <translation>Werkaantekening (alleen voor u)</translation>
    </message>
    <message>
        <source>Expires on</source>
        <translation>Vervalt op</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Vorm</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Periode</translation>
    </message>
    <message>
        <source>Goal</source>
        <translation>Doel</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultaat</translation>
    </message>
    <message>
        <source>Current treatment</source>
        <translation>Huidige behandeling</translation>
    </message>
    <message>
        <source>Medication</source>
        <translation>Medicatie</translation>
    </message>
    <message>
        <source>Relevance for the coaching</source>
        <translation>Belang voor de coaching</translation>
    </message>
    <message>
        <source>Recorded on</source>
        <translation>Vastgelegd op</translation>
    </message>
    <message>
        <source>Shared with ZKM on</source>
        <translation>Gedeeld met ZKM op</translation>
    </message>
    <message>
        <source>Deleted by the processor on</source>
        <translation>Verwijderd door de verwerker op</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Nummer</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Bedrag</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Omschrijving</translation>
    </message>
    <message>
        <source>Paid on</source>
        <translation>Betaald op</translation>
    </message>
    <message>
        <source>VAT (%)</source>
        <translation>Btw (%)</translation>
    </message>
    <message>
        <source>VAT exemption</source>
        <translation>Btw-vrijstelling</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Richting</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Onderwerp</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Bericht</translation>
    </message>
    <message>
        <source>Answered on</source>
        <translation>Beantwoord op</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Tijd</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Plaats</translation>
    </message>
    <message>
        <source>Calendar entry</source>
        <translation>Agenda-item</translation>
    </message>
    <message>
        <source>File type</source>
        <translation>Bestandstype</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Grootte</translation>
    </message>
    <message>
        <source>Checksum</source>
        <translation>Controlegetal</translation>
    </message>
    <message>
        <source>Reporter</source>
        <translation>Melder</translation>
    </message>
    <message>
        <source>Persons complained about</source>
        <translation>Beklaagden</translation>
    </message>
    <message>
        <source>Children</source>
        <translation>Kinderen</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Leeftijd</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Groep</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>Categorieën</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>Relatie</translation>
    </message>
    <message>
        <source>Opened on</source>
        <translation>Geopend op</translation>
    </message>
    <message>
        <source>Closed on</source>
        <translation>Gesloten op</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Uitkomst</translation>
    </message>
    <message>
        <source>Advice</source>
        <translation>Advies</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Contactvorm</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Samenvatting</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>Ontvanger</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Doel van het delen</translation>
    </message>
    <message>
        <source>Given on</source>
        <translation>Gegeven op</translation>
    </message>
    <message>
        <source>Withdrawn on</source>
        <translation>Ingetrokken op</translation>
    </message>
    <message>
        <source>Shared with</source>
        <translation>Gedeeld met</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Wat</translation>
    </message>
    <message>
        <source>Ground</source>
        <translation>Grondslag</translation>
    </message>
    <message>
        <source>Legal ground or reason</source>
        <translation>Wettelijke grond of reden</translation>
    </message>
    <message>
        <source>Delete by</source>
        <translation>Verwijderen uiterlijk op</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Soort</translation>
    </message>
</context>
<context>
    <name>kluis::desktop::HistoryDialog</name>
    <message>
        <source>yyyy-MM-dd HH:mm</source>
        <comment>a version&apos;s time: a QDateTime::toString pattern</comment>
        <translation>dd-MM-yyyy HH:mm</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Geschiedenis</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>Versies</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Veld</translation>
    </message>
    <message>
        <source>Then</source>
        <translation>Toen</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Nu</translation>
    </message>
    <message>
        <source>&amp;Restore this version</source>
        <translation>Deze versie &amp;terugzetten</translation>
    </message>
    <message>
        <source>created</source>
        <translation>aangemaakt</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>gewijzigd</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>verwijderd</translation>
    </message>
    <message>
        <source>The record was deleted in this version.</source>
        <translation>Het gegeven is in deze versie verwijderd.</translation>
    </message>
</context>
<context>
    <name>kluis::desktop::ItemTable</name>
    <message>
        <source>Add</source>
        <translation>Toevoegen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Verwijderen</translation>
    </message>
    <message>
        <source>(choose)</source>
        <translation>(kies)</translation>
    </message>
</context>
<context>
    <name>kluis::desktop::Main</name>
    <message>
        <source>kluis: your encrypted dossier vault</source>
        <translation>kluis: uw versleutelde dossierkluis</translation>
    </message>
    <message>
        <source>kluisd's socket</source>
        <translation>de socket van kluisd</translation>
    </message>
    <message>
        <source>path</source>
        <translation>pad</translation>
    </message>
</context>
<context>
    <name>kluis::desktop::MainWindow</name>
    <message>
        <source>Vault</source>
        <translation>Kluis</translation>
    </message>
    <message>
        <source>&amp;Unlock…</source>
        <translation>&amp;Ontgrendelen…</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>&amp;Vergrendelen</translation>
    </message>
    <message>
        <source>&amp;New client…</source>
        <translation>&amp;Nieuwe cliënt…</translation>
    </message>
    <message>
        <source>New &amp;case…</source>
        <translation>Nieuwe &amp;melding…</translation>
    </message>
    <message>
        <source>&amp;Add to dossier</source>
        <translation>&amp;Toevoegen aan dossier</translation>
    </message>
    <message>
        <source>&amp;Backups…</source>
        <translation>&amp;Back-ups…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Wijzigen…</translation>
    </message>
    <message>
        <source>&amp;History…</source>
        <translation>&amp;Geschiedenis…</translation>
    </message>
    <message>
        <source>Search a name or an organisation</source>
        <translation>Zoek een naam of organisatie</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>Alle soorten</translation>
    </message>
    <message>
        <source>Coaching</source>
        <translation>Coaching</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Meldingen</translation>
    </message>
    <message>
        <source>Open and closed</source>
        <translation>Open en gesloten</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Gesloten</translation>
    </message>
    <message>
        <source>Dossiers</source>
        <translation>Dossiers</translation>
    </message>
    <message>
        <source>Dossier</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <source>Open a dossier first</source>
        <translation>Open eerst een dossier</translation>
    </message>
    <message>
        <source>kluisd is not running: start it with "systemctl --user start kluisd" (or run kluisd)</source>
        <translation>kluisd draait niet: start het met "systemctl --user start kluisd" (of start kluisd)</translation>
    </message>
    <message>
        <source>case</source>
        <translation>melding</translation>
    </message>
    <message>
        <source>coaching</source>
        <translation>coaching</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>gesloten</translation>
    </message>
    <message>
        <source>Open the attachment</source>
        <translation>Bijlage openen</translation>
    </message>
    <message>
        <source>To show it, the file is decrypted temporarily into a private folder in memory. It is removed when the viewer closes it, when you lock the vault and when you close kluis. Open it?</source>
        <translation>Om het te tonen wordt het bestand tijdelijk ontsleuteld in een privémap in het geheugen. Het wordt verwijderd zodra de viewer het sluit, zodra u de kluis vergrendelt en zodra u kluis sluit. Openen?</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Openen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <source>A&amp;ttach a file…</source>
        <translation>&amp;Bijlage toevoegen…</translation>
    </message>
    <message>
        <source>Attach files to the dossier</source>
        <translation>Bestanden aan het dossier toevoegen</translation>
    </message>
    <message>
        <source>Attach a file</source>
        <translation>Bijlage toevoegen</translation>
    </message>
    <message>
        <source>%1 was not attached: %2</source>
        <translation>%1 is niet toegevoegd: %2</translation>
    </message>
</context>
<context>
    <name>kluis::desktop::RecordForm</name>
    <message>
        <source>New %1</source>
        <translation>Nieuw: %1</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>Wijzigen: %1</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>Op&amp;slaan</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <source>separated by commas</source>
        <translation>gescheiden door komma's</translation>
    </message>
    <message>
        <source>(choose)</source>
        <translation>(kies)</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(geen)</translation>
    </message>
    <message>
        <source>not a date: write it as DD-MM-YYYY (day first), e.g. 12-05-1988</source>
        <translation>geen datum: schrijf hem als DD-MM-JJJJ (dag eerst), bijv. 12-05-1988</translation>
    </message>
    <message>
        <source>is required</source>
        <translation>is verplicht</translation>
    </message>
    <message>
        <source>that day does not exist</source>
        <translation>die dag bestaat niet</translation>
    </message>
    <message>
        <source>may not lie in the future</source>
        <translation>mag niet in de toekomst liggen</translation>
    </message>
    <message>
        <source>looks like a BSN (citizen service number); kluis never stores a BSN</source>
        <translation>lijkt op een BSN (burgerservicenummer); kluis bewaart nooit een BSN</translation>
    </message>
    <message>
        <source>at most %1 characters</source>
        <translation>hoogstens %1 tekens</translation>
    </message>
    <message>
        <source>at most %1</source>
        <translation>hoogstens %1</translation>
    </message>
    <message>
        <source>at most %1 entries</source>
        <translation>hoogstens %1 items</translation>
    </message>
    <message>
        <source>choose one of: %1</source>
        <translation>kies een van: %1</translation>
    </message>
    <message>
        <source>needs a consent in force for this recipient and purpose</source>
        <translation>vraagt om een geldige toestemming voor deze ontvanger en dit doel</translation>
    </message>
    <message>
        <source>may not name a person complained about</source>
        <translation>mag geen beklaagde noemen</translation>
    </message>
    <message>
        <source>someone changed this record since you opened it: close the form and open it again</source>
        <translation>iemand heeft dit gegeven gewijzigd sinds u het opende: sluit het formulier en open het opnieuw</translation>
    </message>
    <message>
        <source>not an e-mail address</source>
        <translation>geen e-mailadres</translation>
    </message>
    <message>
        <source>not a phone number (6 to 15 digits)</source>
        <translation>geen telefoonnummer (6 tot 15 cijfers)</translation>
    </message>
    <message>
        <source>not a Dutch postcode (1234 AB)</source>
        <translation>geen Nederlandse postcode (1234 AB)</translation>
    </message>
    <message>
        <source>not a valid IBAN (check the number)</source>
        <translation>geen geldig IBAN (controleer het nummer)</translation>
    </message>
    <message>
        <source>not a time (HH:MM)</source>
        <translation>geen tijd (UU:MM)</translation>
    </message>
</context>
<context>
    <name>kluis::desktop::StatusText</name>
    <message>
        <source>No vault yet: run kluis init</source>
        <translation>Nog geen kluis: voer kluis init uit</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Vergrendeld</translation>
    </message>
    <message>
        <source>Breach: the 72 hours ENDED %1</source>
        <translation>Datalek: de 72 uur zijn VERSTREKEN %1</translation>
    </message>
    <message>
        <source>Breach: %1 h left to notify the AP</source>
        <translation>Datalek: nog %1 uur om de AP te melden</translation>
    </message>
    <message>
        <source>No backup drive yet</source>
        <translation>Nog geen back-upschijf</translation>
    </message>
    <message>
        <source>Backup to %1 OVERDUE</source>
        <translation>Back-up naar %1 TE LAAT</translation>
    </message>
    <message>
        <source>Last backup to %1: %2</source>
        <translation>Laatste back-up naar %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>Unlocked · %n dossier(s)</source>
        <translation>
            <numerusform>Ontgrendeld · %n dossier</numerusform>
            <numerusform>Ontgrendeld · %n dossiers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) past their retention term</source>
        <translation>
            <numerusform>%n onderdeel over de bewaartermijn</numerusform>
            <numerusform>%n onderdelen over de bewaartermijn</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n request(s) past their deadline</source>
        <translation>
            <numerusform>%n verzoek over de termijn</numerusform>
            <numerusform>%n verzoeken over de termijn</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n request(s) due within 7 days</source>
        <translation>
            <numerusform>%n verzoek binnen 7 dagen te beantwoorden</numerusform>
            <numerusform>%n verzoeken binnen 7 dagen te beantwoorden</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kluis::desktop::Timeline</name>
    <message>
        <source>yyyy-MM-dd</source>
        <comment>how a day is written: a QDate::toString pattern</comment>
        <translation>dd-MM-yyyy</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nee</translation>
    </message>
    <message>
        <source>history</source>
        <translation>geschiedenis</translation>
    </message>
    <message>
        <source>special category (GDPR art. 9)</source>
        <translation>bijzonder persoonsgegeven (AVG art. 9)</translation>
    </message>
    <message>
        <source>working note: yours only</source>
        <translation>werkaantekening: alleen voor u</translation>
    </message>
    <message>
        <source>open (decrypted temporarily)</source>
        <translation>openen (tijdelijk ontsleuteld)</translation>
    </message>
</context>
<context>
    <name>kluis::desktop::UnlockDialog</name>
    <message>
        <source>Unlock the vault</source>
        <translation>De kluis ontgrendelen</translation>
    </message>
    <message>
        <source>&amp;Passphrase</source>
        <translation>&amp;Wachtwoordzin</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Wachtwoordzin</translation>
    </message>
    <message>
        <source>The recovery key you printed at init</source>
        <translation>De herstelsleutel die u bij het aanmaken afdrukte</translation>
    </message>
    <message>
        <source>&amp;Recovery key</source>
        <translation>&amp;Herstelsleutel</translation>
    </message>
    <message>
        <source>&amp;New passphrase</source>
        <translation>&amp;Nieuwe wachtwoordzin</translation>
    </message>
    <message>
        <source>Forgot the passphrase</source>
        <translation>Wachtwoordzin vergeten</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Ontgrendelen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
</context>
</TS>
