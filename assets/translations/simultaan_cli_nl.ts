<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_BE" sourcelanguage="en_GB">
<context>
    <name>argparse</name>
    <message>
        <source>usage: </source>
        <translation>gebruik: </translation>
    </message>
    <message>
        <source>positional arguments</source>
        <translation>argumenten</translation>
    </message>
    <message>
        <source>options</source>
        <translation>opties</translation>
    </message>
    <message>
        <source>show this help message and exit</source>
        <translation>deze hulp tonen en stoppen</translation>
    </message>
    <message>
        <source>%(prog)s: error: %(message)s
</source>
        <translation>%(prog)s: fout: %(message)s
</translation>
    </message>
    <message>
        <source>argument %(argument_name)s: %(message)s</source>
        <translation>argument %(argument_name)s: %(message)s</translation>
    </message>
    <message>
        <source>the following arguments are required: %s</source>
        <translation>deze argumenten zijn verplicht: %s</translation>
    </message>
    <message>
        <source>unrecognized arguments: %s</source>
        <translation>onbekende argumenten: %s</translation>
    </message>
    <message>
        <source>invalid choice: %(value)r (choose from %(choices)s)</source>
        <translation>ongeldige keuze: %(value)r (kies uit %(choices)s)</translation>
    </message>
    <message>
        <source>invalid %(type)s value: %(value)r</source>
        <translation>ongeldige waarde voor %(type)s: %(value)r</translation>
    </message>
    <message>
        <source>expected one argument</source>
        <translation>verwacht één argument</translation>
    </message>
    <message>
        <source>ambiguous option: %(option)s could match %(matches)s</source>
        <translation>dubbelzinnige optie: %(option)s kan %(matches)s zijn</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>not a number: {text}</source>
        <translation>geen getal: {text}</translation>
    </message>
    <message>
        <source>must be between 0 and 1 (0.03 is 3%): {text}</source>
        <translation>moet tussen 0 en 1 liggen (0.03 is 3%): {text}</translation>
    </message>
    <message>
        <source>not a number of seconds: {text}</source>
        <translation>geen aantal seconden: {text}</translation>
    </message>
    <message>
        <source>must be a number of seconds more than 0 and at most {limit}: {text}</source>
        <translation>moet een aantal seconden zijn, meer dan 0 en ten hoogste {limit}: {text}</translation>
    </message>
    <message>
        <source>cannot ignore {what}: choose from {choices}</source>
        <translation>kan {what} niet negeren: kies uit {choices}</translation>
    </message>
    <message>
        <source>not a number of words per minute: {text}</source>
        <translation>geen aantal woorden per minuut: {text}</translation>
    </message>
    <message>
        <source>must be a number more than 0 and at most {limit}: {text}</source>
        <translation>moet een getal zijn, meer dan 0 en ten hoogste {limit}: {text}</translation>
    </message>
    <message>
        <source>Simultaan: trainer for contact-centre and helpdesk operators. Without a command it starts the desktop app.</source>
        <translation>Simultaan: oefenprogramma voor medewerkers van contactcenters en helpdesks. Zonder opdracht start het de desktop-app.</translation>
    </message>
    <message>
        <source>where the store and journals live (also SIMULTAAN_DATA_DIR); for exam rooms</source>
        <translation>waar het gegevensbestand en de logboeken staan (ook SIMULTAAN_DATA_DIR); voor examenlokalen</translation>
    </message>
    <message>
        <source>the language of the messages (else LANGUAGE, LC_ALL, LANG; JSON keys never change)</source>
        <translation>de taal van de meldingen (anders LANGUAGE, LC_ALL, LANG; JSON-sleutels veranderen nooit)</translation>
    </message>
    <message>
        <source>score one typing attempt</source>
        <translation>één typpoging scoren</translation>
    </message>
    <message>
        <source>the text to type</source>
        <translation>de te typen tekst</translation>
    </message>
    <message>
        <source>UTF-8 text, one character per keystroke, U+0008 for Backspace</source>
        <translation>UTF-8-tekst, één teken per aanslag, U+0008 voor Backspace</translation>
    </message>
    <message>
        <source>typing time, for speeds (at most {limit})</source>
        <translation>typtijd, voor de snelheden (ten hoogste {limit})</translation>
    </message>
    <message>
        <source>do not count the part of the text never reached</source>
        <translation>het deel van de tekst dat niet bereikt werd, niet meetellen</translation>
    </message>
    <message>
        <source>net words per minute needed to pass (correct characters / 5 per minute of --seconds, which it needs)</source>
        <translation>netto woorden per minuut nodig om te slagen (juiste tekens / 5, per minuut van --seconds; vraagt --seconds)</translation>
    </message>
    <message>
        <source>do not mark these, comma-separated: punctuation, case, number-format</source>
        <translation>deze niet aanrekenen, gescheiden door komma&apos;s: punctuation, case, number-format</translation>
    </message>
    <message>
        <source>print the result as JSON</source>
        <translation>het resultaat als JSON tonen</translation>
    </message>
    <message>
        <source>check exercise files or folders</source>
        <translation>oefenbestanden of mappen controleren</translation>
    </message>
    <message>
        <source>the exercises found</source>
        <translation>de gevonden oefeningen</translation>
    </message>
    <message>
        <source>the result of a recorded session</source>
        <translation>het resultaat van een opgenomen sessie</translation>
    </message>
    <message>
        <source>an exercise file or id</source>
        <translation>een oefenbestand of id</translation>
    </message>
    <message>
        <source>the session&apos;s journal (.jsonl)</source>
        <translation>het logboek van de sessie (.jsonl)</translation>
    </message>
    <message>
        <source>re-score with another margin</source>
        <translation>opnieuw scoren met een andere marge</translation>
    </message>
    <message>
        <source>no sound devices found</source>
        <translation>geen geluidsapparaten gevonden</translation>
    </message>
    <message>
        <source>played a 1 kHz tone for {seconds} s on {device}</source>
        <translation>een toon van 1 kHz gespeeld gedurende {seconds} s op {device}</translation>
    </message>
    <message>
        <source>output latency reported by the stream: {ms} ms</source>
        <translation>uitvoervertraging volgens de audiostroom: {ms} ms</translation>
    </message>
    <message>
        <source>no clip &apos;{clip}&apos; in {manifest}</source>
        <translation>geen fragment &apos;{clip}&apos; in {manifest}</translation>
    </message>
    <message>
        <source>played {clip} on {device}: {transcript}</source>
        <translation>{clip} gespeeld op {device}: {transcript}</translation>
    </message>
    <message>
        <source>list the sound devices</source>
        <translation>de geluidsapparaten tonen</translation>
    </message>
    <message>
        <source>play a 1 kHz test tone</source>
        <translation>een testtoon van 1 kHz spelen</translation>
    </message>
    <message>
        <source>output device name (or part) or index</source>
        <translation>naam (of een deel) of nummer van het uitvoerapparaat</translation>
    </message>
    <message>
        <source>how long the tone plays (at most {limit})</source>
        <translation>hoe lang de toon speelt (ten hoogste {limit})</translation>
    </message>
    <message>
        <source>a clip manifest (clips.yaml) other than the shipped library</source>
        <translation>een fragmentenlijst (clips.yaml) buiten de meegeleverde bibliotheek</translation>
    </message>
    <message>
        <source>the customer clip library</source>
        <translation>de bibliotheek met klantfragmenten</translation>
    </message>
    <message>
        <source>play one customer clip</source>
        <translation>één klantfragment spelen</translation>
    </message>
    <message>
        <source>clip id (see `simultaan clips`)</source>
        <translation>id van het fragment (zie `simultaan clips`)</translation>
    </message>
    <message>
        <source>as heard over a phone line</source>
        <translation>zoals over een telefoonlijn</translation>
    </message>
    <message>
        <source>{file}: the reference file is empty</source>
        <translation>{file}: het referentiebestand is leeg</translation>
    </message>
    <message>
        <source>--min-wpm needs --seconds: a speed needs the time it took</source>
        <translation>--min-wpm vraagt --seconds: een snelheid heeft de gebruikte tijd nodig</translation>
    </message>
    <message>
        <source>{file}: {length} characters is more than can be scored (at most {limit})</source>
        <translation>{file}: {length} tekens is meer dan gescoord kan worden (ten hoogste {limit})</translation>
    </message>
    <message>
        <source>PASSED</source>
        <translation>GESLAAGD</translation>
    </message>
    <message>
        <source>NOT PASSED</source>
        <translation>NIET GESLAAGD</translation>
    </message>
    <message>
        <source>{verdict}: error rate {rate} ({unit}) against a margin of {margin}</source>
        <translation>{verdict}: foutenpercentage {rate} ({unit}) bij een marge van {margin}</translation>
    </message>
    <message>
        <source>word</source>
        <translation>woorden</translation>
    </message>
    <message>
        <source>char</source>
        <translation>tekens</translation>
    </message>
    <message>
        <source> (too many errors)</source>
        <translation> (te veel fouten)</translation>
    </message>
    <message>
        <source> (too slow)</source>
        <translation> (te traag)</translation>
    </message>
    <message>
        <source>net speed {speed} WPM against a minimum of {minimum}</source>
        <translation>netto snelheid {speed} wpm bij een minimum van {minimum}</translation>
    </message>
    <message>
        <source>not marked: {what}</source>
        <translation>niet aangerekend: {what}</translation>
    </message>
    <message>
        <source>word errors {errors}/{words}, uncorrected char errors {left}, corrected {fixed} with {fixes} fixes</source>
        <translation>woordfouten {errors}/{words}, niet verbeterde tekenfouten {left}, verbeterd {fixed} met {fixes} correcties</translation>
    </message>
    <message>
        <source>{wpm} WPM, {cpm} characters per minute</source>
        <translation>{wpm} wpm, {cpm} aanslagen per minuut</translation>
    </message>
    <message>
        <source>{path}: no such file or folder</source>
        <translation>{path}: bestand of map bestaat niet</translation>
    </message>
    <message>
        <source>no exercise files (*.yaml) found in {paths}</source>
        <translation>geen oefenbestanden (*.yaml) gevonden in {paths}</translation>
    </message>
    <message>
        <source>{broken} of {checked} files have problems</source>
        <translation>{broken} van de {checked} bestanden hebben problemen</translation>
    </message>
    <message>
        <source>, {n} warning</source>
        <translation>, {n} waarschuwing</translation>
    </message>
    <message>
        <source>, {n} warnings</source>
        <translation>, {n} waarschuwingen</translation>
    </message>
    <message>
        <source>{checked} files are valid</source>
        <translation>{checked} bestanden zijn in orde</translation>
    </message>
    <message>
        <source>{n} broken exercise files were skipped; see `simultaan validate {folder}`</source>
        <translation>{n} defecte oefenbestanden overgeslagen; zie `simultaan validate {folder}`</translation>
    </message>
    <message>
        <source>{ref}: no exercise file and no shipped exercise with that id</source>
        <translation>{ref}: geen oefenbestand en geen meegeleverde oefening met die id</translation>
    </message>
    <message>
        <source>the call was not answered</source>
        <translation>de oproep werd niet beantwoord</translation>
    </message>
    <message>
        <source>not completed</source>
        <translation>niet afgerond</translation>
    </message>
    <message>
        <source>nobody was reached</source>
        <translation>je hebt niemand bereikt</translation>
    </message>
    <message>
        <source>no number was dialled</source>
        <translation>je hebt niet gebeld</translation>
    </message>
    <message>
        <source>not assessed: {why}</source>
        <translation>niet beoordeeld: {why}</translation>
    </message>
    <message>
        <source>the caller&apos;s record</source>
        <translation>het dossier van de beller</translation>
    </message>
    <message>
        <source>another record ({record})</source>
        <translation>een ander dossier ({record})</translation>
    </message>
    <message>
        <source>customer number</source>
        <translation>klantnummer</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>telefoonnummer</translation>
    </message>
    <message>
        <source>name</source>
        <translation>naam</translation>
    </message>
    <message>
        <source>looked up &apos;{typed}&apos; by {how}: {whose}</source>
        <translation>&apos;{typed}&apos; opgezocht op {how}: {whose}</translation>
    </message>
    <message>
        <source>looked up &apos;{typed}&apos;: {whose}</source>
        <translation>&apos;{typed}&apos; opgezocht: {whose}</translation>
    </message>
    <message>
        <source>the caller was not looked up</source>
        <translation>de beller werd niet opgezocht</translation>
    </message>
    <message>
        <source>look-up found nothing</source>
        <translation>opzoeken vond niets</translation>
    </message>
    <message>
        <source>answered after {seconds} s (target {target} s)</source>
        <translation>opgenomen na {seconds} s (norm {target} s)</translation>
    </message>
    <message>
        <source>handling time {seconds} s (target {target} s)</source>
        <translation>gespreksduur {seconds} s (norm {target} s)</translation>
    </message>
    <message>
        <source>right</source>
        <translation>juist</translation>
    </message>
    <message>
        <source>wrong</source>
        <translation>fout</translation>
    </message>
    <message>
        <source>misplaced</source>
        <translation>verkeerd veld</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>ontbreekt</translation>
    </message>
    <message>
        <source>not given</source>
        <translation>niet ingevuld</translation>
    </message>
    <message>
        <source>, {seconds} s after it was said</source>
        <translation>, {seconds} s nadat het gezegd werd</translation>
    </message>
    <message>
        <source> (belongs in {field})</source>
        <translation> (hoort in {field})</translation>
    </message>
    <message>
        <source>  field {id}: {verdict}</source>
        <translation>  veld {id}: {verdict}</translation>
    </message>
    <message>
        <source>shown</source>
        <translation>getoond</translation>
    </message>
    <message>
        <source>not assessed</source>
        <translation>niet getoetst</translation>
    </message>
    <message>
        <source>NOT shown</source>
        <translation>NIET getoond</translation>
    </message>
    <message>
        <source>note: the exercise changed since this session was recorded</source>
        <translation>let op: de oefening is gewijzigd sinds deze sessie werd opgenomen</translation>
    </message>
    <message>
        <source>abandoned</source>
        <translation>afgebroken</translation>
    </message>
    <message>
        <source>recovered</source>
        <translation>hersteld</translation>
    </message>
    <message>
        <source>time up</source>
        <translation>tijd om</translation>
    </message>
    <message>
        <source>the session was {how}: not completed, so not passed</source>
        <translation>de sessie werd {how}: niet afgewerkt, dus niet geslaagd</translation>
    </message>
    <message>
        <source>note: the journal was damaged: line {which} skipped, the rest scored</source>
        <translation>let op: het logboek was beschadigd: regel {which} overgeslagen, de rest gescoord</translation>
    </message>
    <message>
        <source>note: the journal was damaged: lines {which} skipped, the rest scored</source>
        <translation>let op: het logboek was beschadigd: regels {which} overgeslagen, de rest gescoord</translation>
    </message>
    <message>
        <source>{journal}: this journal is of exercise &apos;{found}&apos;, not &apos;{wanted}&apos;</source>
        <translation>{journal}: dit logboek is van oefening &apos;{found}&apos;, niet &apos;{wanted}&apos;</translation>
    </message>
    <message>
        <source>{journal}:{line}: skipped: {why}</source>
        <translation>{journal}:{line}: overgeslagen: {why}</translation>
    </message>
    <message>
        <source>; the part typed was scored</source>
        <translation>; het getypte deel is gescoord</translation>
    </message>
    <message>
        <source>not a date as YYYY-MM-DD (e.g. 2026-11-30): {text}</source>
        <translation>geen datum als JJJJ-MM-DD (bv. 2026-11-30): {text}</translation>
    </message>
    <message>
        <source>sessions and results from the store as CSV or JSON, for coaches</source>
        <translation>sessies en resultaten uit het gegevensbestand als CSV of JSON, voor coaches</translation>
    </message>
    <message>
        <source>only this trainee&apos;s sessions (repeat for more; case does not count)</source>
        <translation>alleen de sessies van deze cursist (herhaal voor meer; hoofdletters tellen niet)</translation>
    </message>
    <message>
        <source>only the sessions of this group&apos;s trainees (repeat for more)</source>
        <translation>alleen de sessies van de cursisten van deze groep (herhaal voor meer)</translation>
    </message>
    <message>
        <source>archived trainees too (else left out, unless named with --trainee)</source>
        <translation>ook gearchiveerde cursisten (anders weggelaten, tenzij genoemd met --trainee)</translation>
    </message>
    <message>
        <source>only sessions started on or after this day (YYYY-MM-DD)</source>
        <translation>alleen sessies die op of na deze dag begonnen (JJJJ-MM-DD)</translation>
    </message>
    <message>
        <source>only sessions started on or before this day (YYYY-MM-DD)</source>
        <translation>alleen sessies die op of voor deze dag begonnen (JJJJ-MM-DD)</translation>
    </message>
    <message>
        <source>only exercises of this kind</source>
        <translation>alleen oefeningen van deze soort</translation>
    </message>
    <message>
        <source>only sessions passed (yes) or not (no)</source>
        <translation>alleen geslaagde sessies (yes) of niet geslaagde (no)</translation>
    </message>
    <message>
        <source>one row per session (the default), per form field a call checked, per competence a call judged, or per criterion a coach scored with the rubric</source>
        <translation>één rij per sessie (standaard), per formulierveld dat een gesprek controleerde, per competentie die een gesprek beoordeelde, of per criterium dat een coach met de rubriek scoorde</translation>
    </message>
    <message>
        <source>no group named {names} in {store}; the groups are: {known}</source>
        <translation>geen groep met de naam {names} in {store}; de groepen zijn: {known}</translation>
    </message>
    <message>
        <source>the file to write (&apos;-&apos;: standard output)</source>
        <translation>het bestand om te schrijven (&apos;-&apos;: standaarduitvoer)</translation>
    </message>
    <message>
        <source>the data folder whose store is exported (also SIMULTAAN_DATA_DIR)</source>
        <translation>de gegevensmap waarvan het gegevensbestand wordt geëxporteerd (ook SIMULTAAN_DATA_DIR)</translation>
    </message>
    <message>
        <source>{folder}: no Simultaan store here ({name} not found)</source>
        <translation>{folder}: hier staat geen gegevensbestand van Simultaan ({name} niet gevonden)</translation>
    </message>
    <message>
        <source>--from {since} is after --to {until}</source>
        <translation>--from {since} valt na --to {until}</translation>
    </message>
    <message>
        <source>{file}: cannot write the export: {why}</source>
        <translation>{file}: de export kan niet worden geschreven: {why}</translation>
    </message>
    <message>
        <source>{n} row written to {file}</source>
        <translation>{n} rij geschreven naar {file}</translation>
    </message>
    <message>
        <source>{n} rows written to {file}</source>
        <translation>{n} rijen geschreven naar {file}</translation>
    </message>
    <message>
        <source>no trainee named {names} in {store}; the trainees are: {known}</source>
        <translation>geen cursist met de naam {names} in {store}; de cursisten zijn: {known}</translation>
    </message>
    <message>
        <source>a session&apos;s report for a coach (HTML, PDF, CSV)</source>
        <translation>het rapport van een sessie voor een coach (HTML, PDF, CSV)</translation>
    </message>
    <message>
        <source>a session in the store, by its number</source>
        <translation>een sessie uit het gegevensbestand, met haar nummer</translation>
    </message>
    <message>
        <source>the kind of file (else from the extension of -o; else html)</source>
        <translation>het soort bestand (anders volgens de extensie van -o; anders html)</translation>
    </message>
    <message>
        <source>where to write it (else a name from trainee, exercise and date)</source>
        <translation>waar het naartoe moet (anders een naam uit cursist, oefening en datum)</translation>
    </message>
    <message>
        <source>the keyboard for the heat map (else the trainee&apos;s, as chosen in the app; else the exercise language&apos;s: Belgian AZERTY)</source>
        <translation>het toetsenbord voor de foutenkaart (anders dat van de cursist, zoals gekozen in de app; anders dat van de taal van de oefening: Belgisch AZERTY)</translation>
    </message>
    <message>
        <source>{path}: there is no session {id}</source>
        <translation>{path}: er is geen sessie {id}</translation>
    </message>
    <message>
        <source>--format {fmt} does not go with the file name {file}</source>
        <translation>--format {fmt} past niet bij de bestandsnaam {file}</translation>
    </message>
    <message>
        <source>{file}: say --format html, pdf or csv (the name does not say it)</source>
        <translation>{file}: geef --format html, pdf of csv (de naam zegt het niet)</translation>
    </message>
    <message>
        <source>give EXERCISE and JOURNAL, or --session, not both</source>
        <translation>geef EXERCISE en JOURNAL, of --session, niet allebei</translation>
    </message>
    <message>
        <source>give EXERCISE and JOURNAL, or --session ID</source>
        <translation>geef EXERCISE en JOURNAL, of --session ID</translation>
    </message>
    <message>
        <source>{file}: cannot write the report: {why}</source>
        <translation>{file}: het rapport kan niet worden geschreven: {why}</translation>
    </message>
    <message>
        <source>report written to {file}</source>
        <translation>rapport geschreven naar {file}</translation>
    </message>
    <message>
        <source>a trainee&apos;s competence portfolio (PDF, HTML)</source>
        <translation>het competentieportfolio van een cursist (PDF, HTML)</translation>
    </message>
    <message>
        <source>the trainee (case does not count)</source>
        <translation>de cursist (hoofdletters tellen niet)</translation>
    </message>
    <message>
        <source>where to write it (.pdf, .html)</source>
        <translation>waar het naartoe moet (.pdf, .html)</translation>
    </message>
    <message>
        <source>{file}: the name must end in .pdf or .html</source>
        <translation>{file}: de naam moet eindigen op .pdf of .html</translation>
    </message>
    <message>
        <source>{file}: cannot write the portfolio: {why}</source>
        <translation>{file}: het portfolio kan niet worden geschreven: {why}</translation>
    </message>
    <message>
        <source>portfolio written to {file}</source>
        <translation>portfolio geschreven naar {file}</translation>
    </message>
    <message>
        <source>exam rooms: the centre&apos;s keys, packages, runs</source>
        <translation>examenzalen: de sleutels van het centrum, pakketten, afnames</translation>
    </message>
    <message>
        <source>which sealed results, journals, packages and bundles are intact</source>
        <translation>welke verzegelde resultaten, journalen, pakketten en bundels ongewijzigd zijn</translation>
    </message>
    <message>
        <source>print the checks as JSON</source>
        <translation>de controles als JSON tonen</translation>
    </message>
    <message>
        <source>make the exam centre&apos;s key pair</source>
        <translation>het sleutelpaar van het examencentrum maken</translation>
    </message>
    <message>
        <source>a folder for them</source>
        <translation>een map ervoor</translation>
    </message>
    <message>
        <source>the centre&apos;s name, as certified</source>
        <translation>de naam van het centrum, zoals gecertificeerd</translation>
    </message>
    <message>
        <source>enrol a workstation or evaluator station</source>
        <translation>een werkpost of evaluatiepost inschrijven</translation>
    </message>
    <message>
        <source>the centre&apos;s key</source>
        <translation>de sleutel van het centrum</translation>
    </message>
    <message>
        <source>the station&apos;s name, as certified</source>
        <translation>de naam van de post, zoals gecertificeerd</translation>
    </message>
    <message>
        <source>a new folder for its key</source>
        <translation>een nieuwe map voor zijn sleutel</translation>
    </message>
    <message>
        <source>how long its certificate holds (default 400 days)</source>
        <translation>hoe lang zijn certificaat geldt (standaard 400 dagen)</translation>
    </message>
    <message>
        <source>sign exam packages with the centre&apos;s key</source>
        <translation>examenpakketten ondertekenen met de sleutel van het centrum</translation>
    </message>
    <message>
        <source>the exam centre&apos;s certificate (else the data folder&apos;s exam/centre.crt)</source>
        <translation>het certificaat van het examencentrum (anders exam/centre.crt in de gegevensmap)</translation>
    </message>
    <message>
        <source>not a number of days: {text}</source>
        <translation>geen aantal dagen: {text}</translation>
    </message>
    <message>
        <source>must be between 1 and 3660 days: {text}</source>
        <translation>moet tussen 1 en 3660 dagen liggen: {text}</translation>
    </message>
    <message>
        <source>{file}: intact (sealed by &apos;{station}&apos; on {date})</source>
        <translation>{file}: ongewijzigd (verzegeld door &apos;{station}&apos; op {date})</translation>
    </message>
    <message>
        <source>{file}: intact</source>
        <translation>{file}: ongewijzigd</translation>
    </message>
    <message>
        <source>{file}: changed: {why}</source>
        <translation>{file}: gewijzigd: {why}</translation>
    </message>
    <message>
        <source>{file}: unsigned: {why}</source>
        <translation>{file}: niet ondertekend: {why}</translation>
    </message>
    <message>
        <source>warning: {line}</source>
        <translation>waarschuwing: {line}</translation>
    </message>
    <message>
        <source>{key}: the centre&apos;s private key: keep it off every workstation</source>
        <translation>{key}: de privésleutel van het centrum: houd hem weg van elke werkpost</translation>
    </message>
    <message>
        <source>{cert}: the centre&apos;s certificate, for every workstation and the test centre</source>
        <translation>{cert}: het certificaat van het centrum, voor elke werkpost en het testcentrum</translation>
    </message>
    <message>
        <source>{folder}: &apos;{name}&apos; enrolled; copy this folder to the station&apos;s data folder as exam/</source>
        <translation>{folder}: &apos;{name}&apos; ingeschreven; kopieer deze map naar de gegevensmap van de post als exam/</translation>
    </message>
    <message>
        <source>{package}: the supervisor&apos;s code is still the placeholder 000000: set the centre&apos;s own first (simultaan exam code {package})</source>
        <translation>{package}: de toezichtcode is nog de voorlopige code 000000: stel eerst een eigen code voor het centrum in (simultaan exam code {package})</translation>
    </message>
    <message>
        <source>{package}: signed ({sig})</source>
        <translation>{package}: ondertekend ({sig})</translation>
    </message>
    <message>
        <source>start a signed exam package for a candidate</source>
        <translation>een ondertekend exampakket starten voor een kandidaat</translation>
    </message>
    <message>
        <source>the package (.exam.yaml)</source>
        <translation>het pakket (.exam.yaml)</translation>
    </message>
    <message>
        <source>the candidate&apos;s number (letters, digits, . _ -)</source>
        <translation>het kandidaatnummer (letters, cijfers, . _ -)</translation>
    </message>
    <message>
        <source>only check the workstation and the package, and say what would happen</source>
        <translation>alleen de werkpost en het pakket nakijken, en zeggen wat er zou gebeuren</translation>
    </message>
    <message>
        <source>which workstation is at which part</source>
        <translation>welke werkpost bij welk onderdeel is</translation>
    </message>
    <message>
        <source>print the room as JSON</source>
        <translation>het lokaal als JSON tonen</translation>
    </message>
    <message>
        <source>set the centre&apos;s own supervisor&apos;s code in a package, before signing</source>
        <translation>de eigen toezichtcode van het centrum in een pakket zetten, vóór het ondertekenen</translation>
    </message>
    <message>
        <source>read the code from the first line of FILE (&apos;-&apos;: standard input)</source>
        <translation>de code lezen uit de eerste regel van FILE (&apos;-&apos;: standaardinvoer)</translation>
    </message>
    <message>
        <source>not a candidate number (letters, digits, . _ -, at most 40): {id}</source>
        <translation>geen kandidaatnummer (letters, cijfers, . _ -, hoogstens 40): {id}</translation>
    </message>
    <message>
        <source>cannot use the data folder {folder}: {why}</source>
        <translation>de gegevensmap {folder} kan niet gebruikt worden: {why}</translation>
    </message>
    <message>
        <source>{package}: {parts} parts, {minutes} minutes, for candidate {id}</source>
        <translation>{package}: {parts} onderdelen, {minutes} minuten, voor kandidaat {id}</translation>
    </message>
    <message>
        <source>to be resumed at part {part} (started on {workstation})</source>
        <translation>te hervatten bij onderdeel {part} (begonnen op {workstation})</translation>
    </message>
    <message>
        <source>part {part} is a call that cannot go on where it stopped (its journal does not rebuild it as it was): it is scored with what happened before it was cut off, and the exam goes on after it</source>
        <translation>onderdeel {part} is een gesprek dat niet verder kan waar het stopte (het logboek laat niet toe het na te bouwen zoals het was): het wordt beoordeeld met wat er vóór de onderbreking gebeurde, en het examen gaat daarna verder</translation>
    </message>
    <message>
        <source>simultaan: the central store cannot be read ({why}); this data folder&apos;s status files:</source>
        <translation>simultaan: de centrale opslag kan niet worden gelezen ({why}); de statusbestanden van deze gegevensmap:</translation>
    </message>
    <message>
        <source>checking in</source>
        <translation>aanmelden</translation>
    </message>
    <message>
        <source>waiting to start the part</source>
        <translation>wacht op de start van het onderdeel</translation>
    </message>
    <message>
        <source>taking the part</source>
        <translation>bezig met het onderdeel</translation>
    </message>
    <message>
        <source>stopped, to be resumed</source>
        <translation>gestopt, te hervatten</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>klaar</translation>
    </message>
    <message>
        <source>no workstation has started an exam</source>
        <translation>geen enkele werkpost is aan een examen begonnen</translation>
    </message>
    <message>
        <source>part {part} of {parts}, {stage}, {m}:{s:02d} left</source>
        <translation>onderdeel {part} van {parts}, {stage}, nog {m}:{s:02d}</translation>
    </message>
    <message>
        <source>(silent for {n} s)</source>
        <translation>(al {n} s stil)</translation>
    </message>
    <message>
        <source>(last heard {time} UTC)</source>
        <translation>(laatst gehoord {time} UTC)</translation>
    </message>
    <message>
        <source>{file}: cannot be read</source>
        <translation>{file}: kan niet gelezen worden</translation>
    </message>
    <message>
        <source>the code must have at least 6 characters</source>
        <translation>de code moet minstens 6 tekens hebben</translation>
    </message>
    <message>
        <source>000000 is the public placeholder: choose the centre&apos;s own code</source>
        <translation>000000 is de openbare voorlopige code: kies een eigen code voor het centrum</translation>
    </message>
    <message>
        <source>{package}: no &apos;supervisor_code:&apos; line at the start of a line</source>
        <translation>{package}: geen regel die begint met &apos;supervisor_code:&apos;</translation>
    </message>
    <message>
        <source>{package}: the supervisor&apos;s code is set</source>
        <translation>{package}: de toezichtcode is ingesteld</translation>
    </message>
    <message>
        <source>{sig}: no longer fits the package: sign it again (simultaan exam sign)</source>
        <translation>{sig}: past niet meer bij het pakket: onderteken het opnieuw (simultaan exam sign)</translation>
    </message>
    <message>
        <source>New supervisor&apos;s code: </source>
        <translation>Nieuwe toezichtcode: </translation>
    </message>
    <message>
        <source>The same code again: </source>
        <translation>Dezelfde code nog eens: </translation>
    </message>
    <message>
        <source>no code set</source>
        <translation>geen code ingesteld</translation>
    </message>
    <message>
        <source>the two codes differ: nothing changed</source>
        <translation>de twee codes verschillen: er is niets veranderd</translation>
    </message>
</context>
</TS>
