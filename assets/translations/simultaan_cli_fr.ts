<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_BE" sourcelanguage="en_GB">
<context>
    <name>argparse</name>
    <message>
        <source>usage: </source>
        <translation>utilisation : </translation>
    </message>
    <message>
        <source>positional arguments</source>
        <translation>arguments</translation>
    </message>
    <message>
        <source>options</source>
        <translation>options</translation>
    </message>
    <message>
        <source>show this help message and exit</source>
        <translation>afficher cette aide et quitter</translation>
    </message>
    <message>
        <source>%(prog)s: error: %(message)s
</source>
        <translation>%(prog)s : erreur : %(message)s
</translation>
    </message>
    <message>
        <source>argument %(argument_name)s: %(message)s</source>
        <translation>argument %(argument_name)s : %(message)s</translation>
    </message>
    <message>
        <source>the following arguments are required: %s</source>
        <translation>ces arguments sont obligatoires : %s</translation>
    </message>
    <message>
        <source>unrecognized arguments: %s</source>
        <translation>arguments inconnus : %s</translation>
    </message>
    <message>
        <source>invalid choice: %(value)r (choose from %(choices)s)</source>
        <translation>choix non valable : %(value)r (choisissez parmi %(choices)s)</translation>
    </message>
    <message>
        <source>invalid %(type)s value: %(value)r</source>
        <translation>valeur %(type)s non valable : %(value)r</translation>
    </message>
    <message>
        <source>expected one argument</source>
        <translation>un argument attendu</translation>
    </message>
    <message>
        <source>ambiguous option: %(option)s could match %(matches)s</source>
        <translation>option ambiguë : %(option)s peut correspondre à %(matches)s</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>not a number: {text}</source>
        <translation>pas un nombre : {text}</translation>
    </message>
    <message>
        <source>must be between 0 and 1 (0.03 is 3%): {text}</source>
        <translation>doit être entre 0 et 1 (0.03 vaut 3 %) : {text}</translation>
    </message>
    <message>
        <source>not a number of seconds: {text}</source>
        <translation>pas un nombre de secondes : {text}</translation>
    </message>
    <message>
        <source>must be a number of seconds more than 0 and at most {limit}: {text}</source>
        <translation>doit être un nombre de secondes supérieur à 0 et d&apos;au plus {limit} : {text}</translation>
    </message>
    <message>
        <source>cannot ignore {what}: choose from {choices}</source>
        <translation>impossible d&apos;ignorer {what} : choisissez parmi {choices}</translation>
    </message>
    <message>
        <source>not a number of words per minute: {text}</source>
        <translation>pas un nombre de mots par minute : {text}</translation>
    </message>
    <message>
        <source>must be a number more than 0 and at most {limit}: {text}</source>
        <translation>doit être un nombre supérieur à 0 et d&apos;au plus {limit} : {text}</translation>
    </message>
    <message>
        <source>Simultaan: trainer for contact-centre and helpdesk operators. Without a command it starts the desktop app.</source>
        <translation>Simultaan : entraînement pour les opérateurs de centres de contact et de helpdesks. Sans commande, il lance l&apos;application de bureau.</translation>
    </message>
    <message>
        <source>where the store and journals live (also SIMULTAAN_DATA_DIR); for exam rooms</source>
        <translation>où se trouvent la base de données et les journaux (aussi SIMULTAAN_DATA_DIR) ; pour les salles d&apos;examen</translation>
    </message>
    <message>
        <source>the language of the messages (else LANGUAGE, LC_ALL, LANG; JSON keys never change)</source>
        <translation>la langue des messages (sinon LANGUAGE, LC_ALL, LANG ; les clés JSON ne changent jamais)</translation>
    </message>
    <message>
        <source>score one typing attempt</source>
        <translation>évaluer une tentative de frappe</translation>
    </message>
    <message>
        <source>the text to type</source>
        <translation>le texte à taper</translation>
    </message>
    <message>
        <source>UTF-8 text, one character per keystroke, U+0008 for Backspace</source>
        <translation>texte UTF-8, un caractère par frappe, U+0008 pour Backspace</translation>
    </message>
    <message>
        <source>typing time, for speeds (at most {limit})</source>
        <translation>temps de frappe, pour les vitesses (au plus {limit})</translation>
    </message>
    <message>
        <source>do not count the part of the text never reached</source>
        <translation>ne pas compter la partie du texte jamais atteinte</translation>
    </message>
    <message>
        <source>net words per minute needed to pass (correct characters / 5 per minute of --seconds, which it needs)</source>
        <translation>mots nets par minute nécessaires pour réussir (caractères corrects / 5, par minute de --seconds ; nécessite --seconds)</translation>
    </message>
    <message>
        <source>do not mark these, comma-separated: punctuation, case, number-format</source>
        <translation>ne pas compter ces éléments (séparés par des virgules) : punctuation, case, number-format</translation>
    </message>
    <message>
        <source>print the result as JSON</source>
        <translation>afficher le résultat en JSON</translation>
    </message>
    <message>
        <source>check exercise files or folders</source>
        <translation>vérifier des fichiers ou dossiers d&apos;exercices</translation>
    </message>
    <message>
        <source>the exercises found</source>
        <translation>les exercices trouvés</translation>
    </message>
    <message>
        <source>the result of a recorded session</source>
        <translation>le résultat d&apos;une session enregistrée</translation>
    </message>
    <message>
        <source>an exercise file or id</source>
        <translation>un fichier d&apos;exercice ou un id</translation>
    </message>
    <message>
        <source>the session&apos;s journal (.jsonl)</source>
        <translation>le journal de la session (.jsonl)</translation>
    </message>
    <message>
        <source>re-score with another margin</source>
        <translation>réévaluer avec une autre marge</translation>
    </message>
    <message>
        <source>no sound devices found</source>
        <translation>aucun périphérique audio trouvé</translation>
    </message>
    <message>
        <source>played a 1 kHz tone for {seconds} s on {device}</source>
        <translation>son de 1 kHz joué pendant {seconds} s sur {device}</translation>
    </message>
    <message>
        <source>output latency reported by the stream: {ms} ms</source>
        <translation>latence de sortie indiquée par le flux : {ms} ms</translation>
    </message>
    <message>
        <source>no clip &apos;{clip}&apos; in {manifest}</source>
        <translation>pas d&apos;extrait « {clip} » dans {manifest}</translation>
    </message>
    <message>
        <source>played {clip} on {device}: {transcript}</source>
        <translation>{clip} joué sur {device} : {transcript}</translation>
    </message>
    <message>
        <source>list the sound devices</source>
        <translation>lister les périphériques audio</translation>
    </message>
    <message>
        <source>play a 1 kHz test tone</source>
        <translation>jouer un son de test de 1 kHz</translation>
    </message>
    <message>
        <source>output device name (or part) or index</source>
        <translation>nom (ou partie du nom) ou numéro du périphérique de sortie</translation>
    </message>
    <message>
        <source>how long the tone plays (at most {limit})</source>
        <translation>durée du son (au plus {limit})</translation>
    </message>
    <message>
        <source>a clip manifest (clips.yaml) other than the shipped library</source>
        <translation>une liste d&apos;extraits (clips.yaml) autre que la bibliothèque fournie</translation>
    </message>
    <message>
        <source>the customer clip library</source>
        <translation>la bibliothèque d&apos;extraits clients</translation>
    </message>
    <message>
        <source>play one customer clip</source>
        <translation>jouer un extrait client</translation>
    </message>
    <message>
        <source>clip id (see `simultaan clips`)</source>
        <translation>id de l&apos;extrait (voir `simultaan clips`)</translation>
    </message>
    <message>
        <source>as heard over a phone line</source>
        <translation>comme sur une ligne téléphonique</translation>
    </message>
    <message>
        <source>{file}: the reference file is empty</source>
        <translation>{file} : le fichier de référence est vide</translation>
    </message>
    <message>
        <source>--min-wpm needs --seconds: a speed needs the time it took</source>
        <translation>--min-wpm demande --seconds : une vitesse a besoin du temps utilisé</translation>
    </message>
    <message>
        <source>{file}: {length} characters is more than can be scored (at most {limit})</source>
        <translation>{file} : {length} caractères, c&apos;est plus que ce qui peut être évalué (au plus {limit})</translation>
    </message>
    <message>
        <source>PASSED</source>
        <translation>RÉUSSI</translation>
    </message>
    <message>
        <source>NOT PASSED</source>
        <translation>NON RÉUSSI</translation>
    </message>
    <message>
        <source>{verdict}: error rate {rate} ({unit}) against a margin of {margin}</source>
        <translation>{verdict} : taux d&apos;erreur {rate} ({unit}) pour une marge de {margin}</translation>
    </message>
    <message>
        <source>word</source>
        <translation>mots</translation>
    </message>
    <message>
        <source>char</source>
        <translation>caractères</translation>
    </message>
    <message>
        <source> (too many errors)</source>
        <translation> (trop de fautes)</translation>
    </message>
    <message>
        <source> (too slow)</source>
        <translation> (trop lent)</translation>
    </message>
    <message>
        <source>net speed {speed} WPM against a minimum of {minimum}</source>
        <translation>vitesse nette {speed} mots/min pour un minimum de {minimum}</translation>
    </message>
    <message>
        <source>not marked: {what}</source>
        <translation>non compté : {what}</translation>
    </message>
    <message>
        <source>word errors {errors}/{words}, uncorrected char errors {left}, corrected {fixed} with {fixes} fixes</source>
        <translation>mots fautifs {errors}/{words}, caractères fautifs non corrigés {left}, corrigés {fixed} avec {fixes} corrections</translation>
    </message>
    <message>
        <source>{wpm} WPM, {cpm} characters per minute</source>
        <translation>{wpm} mots/min, {cpm} caractères par minute</translation>
    </message>
    <message>
        <source>{path}: no such file or folder</source>
        <translation>{path} : fichier ou dossier inexistant</translation>
    </message>
    <message>
        <source>no exercise files (*.yaml) found in {paths}</source>
        <translation>aucun fichier d&apos;exercice (*.yaml) trouvé dans {paths}</translation>
    </message>
    <message>
        <source>{broken} of {checked} files have problems</source>
        <translation>{broken} fichiers sur {checked} ont des problèmes</translation>
    </message>
    <message>
        <source>, {n} warning</source>
        <translation>, {n} avertissement</translation>
    </message>
    <message>
        <source>, {n} warnings</source>
        <translation>, {n} avertissements</translation>
    </message>
    <message>
        <source>{checked} files are valid</source>
        <translation>{checked} fichiers sont valables</translation>
    </message>
    <message>
        <source>{n} broken exercise files were skipped; see `simultaan validate {folder}`</source>
        <translation>{n} fichiers d&apos;exercice défectueux ignorés ; voir `simultaan validate {folder}`</translation>
    </message>
    <message>
        <source>{ref}: no exercise file and no shipped exercise with that id</source>
        <translation>{ref} : ni fichier d&apos;exercice ni exercice fourni avec cet id</translation>
    </message>
    <message>
        <source>the call was not answered</source>
        <translation>l&apos;appel n&apos;a pas été pris</translation>
    </message>
    <message>
        <source>not completed</source>
        <translation>pas finalisé</translation>
    </message>
    <message>
        <source>nobody was reached</source>
        <translation>vous n&apos;avez joint personne</translation>
    </message>
    <message>
        <source>no number was dialled</source>
        <translation>vous n&apos;avez composé aucun numéro</translation>
    </message>
    <message>
        <source>not assessed: {why}</source>
        <translation>non évalué : {why}</translation>
    </message>
    <message>
        <source>the caller&apos;s record</source>
        <translation>la fiche de l&apos;appelant</translation>
    </message>
    <message>
        <source>another record ({record})</source>
        <translation>une autre fiche ({record})</translation>
    </message>
    <message>
        <source>customer number</source>
        <translation>numéro de client</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>numéro de téléphone</translation>
    </message>
    <message>
        <source>name</source>
        <translation>nom</translation>
    </message>
    <message>
        <source>looked up &apos;{typed}&apos; by {how}: {whose}</source>
        <translation>« {typed} » recherché par {how} : {whose}</translation>
    </message>
    <message>
        <source>looked up &apos;{typed}&apos;: {whose}</source>
        <translation>« {typed} » recherché : {whose}</translation>
    </message>
    <message>
        <source>the caller was not looked up</source>
        <translation>l&apos;appelant n&apos;a pas été recherché</translation>
    </message>
    <message>
        <source>look-up found nothing</source>
        <translation>la recherche n&apos;a rien trouvé</translation>
    </message>
    <message>
        <source>answered after {seconds} s (target {target} s)</source>
        <translation>décroché après {seconds} s (norme {target} s)</translation>
    </message>
    <message>
        <source>handling time {seconds} s (target {target} s)</source>
        <translation>durée de l&apos;appel {seconds} s (norme {target} s)</translation>
    </message>
    <message>
        <source>right</source>
        <translation>correct</translation>
    </message>
    <message>
        <source>wrong</source>
        <translation>faux</translation>
    </message>
    <message>
        <source>misplaced</source>
        <translation>mauvais champ</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>manquant</translation>
    </message>
    <message>
        <source>not given</source>
        <translation>non rempli</translation>
    </message>
    <message>
        <source>, {seconds} s after it was said</source>
        <translation>, {seconds} s après avoir été dit</translation>
    </message>
    <message>
        <source> (belongs in {field})</source>
        <translation> (va dans {field})</translation>
    </message>
    <message>
        <source>  field {id}: {verdict}</source>
        <translation>  champ {id} : {verdict}</translation>
    </message>
    <message>
        <source>shown</source>
        <translation>démontrée</translation>
    </message>
    <message>
        <source>not assessed</source>
        <translation>non évaluée</translation>
    </message>
    <message>
        <source>NOT shown</source>
        <translation>NON démontrée</translation>
    </message>
    <message>
        <source>note: the exercise changed since this session was recorded</source>
        <translation>remarque : l&apos;exercice a changé depuis l&apos;enregistrement de cette session</translation>
    </message>
    <message>
        <source>abandoned</source>
        <translation>interrompue</translation>
    </message>
    <message>
        <source>recovered</source>
        <translation>récupérée</translation>
    </message>
    <message>
        <source>time up</source>
        <translation>temps écoulé</translation>
    </message>
    <message>
        <source>the session was {how}: not completed, so not passed</source>
        <translation>session {how} : pas terminée, donc non réussie</translation>
    </message>
    <message>
        <source>note: the journal was damaged: line {which} skipped, the rest scored</source>
        <translation>remarque : le journal était endommagé : ligne {which} ignorée, le reste évalué</translation>
    </message>
    <message>
        <source>note: the journal was damaged: lines {which} skipped, the rest scored</source>
        <translation>remarque : le journal était endommagé : lignes {which} ignorées, le reste évalué</translation>
    </message>
    <message>
        <source>{journal}: this journal is of exercise &apos;{found}&apos;, not &apos;{wanted}&apos;</source>
        <translation>{journal} : ce journal est celui de l&apos;exercice « {found} », pas « {wanted} »</translation>
    </message>
    <message>
        <source>{journal}:{line}: skipped: {why}</source>
        <translation>{journal}:{line} : ignorée : {why}</translation>
    </message>
    <message>
        <source>; the part typed was scored</source>
        <translation> ; la partie tapée a été évaluée</translation>
    </message>
    <message>
        <source>not a date as YYYY-MM-DD (e.g. 2026-11-30): {text}</source>
        <translation>pas une date au format AAAA-MM-JJ (p. ex. 2026-11-30) : {text}</translation>
    </message>
    <message>
        <source>sessions and results from the store as CSV or JSON, for coaches</source>
        <translation>sessions et résultats de la base de données en CSV ou JSON, pour les coachs</translation>
    </message>
    <message>
        <source>only this trainee&apos;s sessions (repeat for more; case does not count)</source>
        <translation>seulement les sessions de ce stagiaire (à répéter pour plusieurs ; majuscules indifférentes)</translation>
    </message>
    <message>
        <source>only the sessions of this group&apos;s trainees (repeat for more)</source>
        <translation>uniquement les sessions des stagiaires de ce groupe (répétez pour plusieurs)</translation>
    </message>
    <message>
        <source>archived trainees too (else left out, unless named with --trainee)</source>
        <translation>aussi les stagiaires archivés (sinon laissés de côté, sauf s&apos;ils sont nommés avec --trainee)</translation>
    </message>
    <message>
        <source>only sessions started on or after this day (YYYY-MM-DD)</source>
        <translation>seulement les sessions commencées ce jour-là ou après (AAAA-MM-JJ)</translation>
    </message>
    <message>
        <source>only sessions started on or before this day (YYYY-MM-DD)</source>
        <translation>seulement les sessions commencées ce jour-là ou avant (AAAA-MM-JJ)</translation>
    </message>
    <message>
        <source>only exercises of this kind</source>
        <translation>seulement les exercices de ce type</translation>
    </message>
    <message>
        <source>only sessions passed (yes) or not (no)</source>
        <translation>seulement les sessions réussies (yes) ou non réussies (no)</translation>
    </message>
    <message>
        <source>one row per session (the default), per form field a call checked, per competence a call judged, or per criterion a coach scored with the rubric</source>
        <translation>une ligne par session (par défaut), par champ de formulaire vérifié dans un appel, par compétence évaluée dans un appel, ou par critère noté par un coach avec la grille</translation>
    </message>
    <message>
        <source>no group named {names} in {store}; the groups are: {known}</source>
        <translation>aucun groupe nommé {names} dans {store} ; les groupes sont : {known}</translation>
    </message>
    <message>
        <source>the file to write (&apos;-&apos;: standard output)</source>
        <translation>le fichier à écrire (&apos;-&apos; : sortie standard)</translation>
    </message>
    <message>
        <source>the data folder whose store is exported (also SIMULTAAN_DATA_DIR)</source>
        <translation>le dossier de données dont la base de données est exportée (aussi SIMULTAAN_DATA_DIR)</translation>
    </message>
    <message>
        <source>{folder}: no Simultaan store here ({name} not found)</source>
        <translation>{folder} : pas de base de données Simultaan ici ({name} introuvable)</translation>
    </message>
    <message>
        <source>--from {since} is after --to {until}</source>
        <translation>--from {since} est postérieur à --to {until}</translation>
    </message>
    <message>
        <source>{file}: cannot write the export: {why}</source>
        <translation>{file} : impossible d&apos;écrire l&apos;export : {why}</translation>
    </message>
    <message>
        <source>{n} row written to {file}</source>
        <translation>{n} ligne écrite dans {file}</translation>
    </message>
    <message>
        <source>{n} rows written to {file}</source>
        <translation>{n} lignes écrites dans {file}</translation>
    </message>
    <message>
        <source>no trainee named {names} in {store}; the trainees are: {known}</source>
        <translation>aucun stagiaire nommé {names} dans {store} ; les stagiaires sont : {known}</translation>
    </message>
    <message>
        <source>a session&apos;s report for a coach (HTML, PDF, CSV)</source>
        <translation>le rapport d&apos;une session pour un coach (HTML, PDF, CSV)</translation>
    </message>
    <message>
        <source>a session in the store, by its number</source>
        <translation>une session de la base de données, par son numéro</translation>
    </message>
    <message>
        <source>the kind of file (else from the extension of -o; else html)</source>
        <translation>le type de fichier (sinon d&apos;après l&apos;extension de -o ; sinon html)</translation>
    </message>
    <message>
        <source>where to write it (else a name from trainee, exercise and date)</source>
        <translation>où l&apos;écrire (sinon un nom formé du stagiaire, de l&apos;exercice et de la date)</translation>
    </message>
    <message>
        <source>the keyboard for the heat map (else the trainee&apos;s, as chosen in the app; else the exercise language&apos;s: Belgian AZERTY)</source>
        <translation>le clavier pour la carte des fautes (sinon celui du stagiaire, choisi dans l&apos;application ; sinon celui de la langue de l&apos;exercice : AZERTY belge)</translation>
    </message>
    <message>
        <source>{path}: there is no session {id}</source>
        <translation>{path} : il n&apos;y a pas de session {id}</translation>
    </message>
    <message>
        <source>--format {fmt} does not go with the file name {file}</source>
        <translation>--format {fmt} ne correspond pas au nom de fichier {file}</translation>
    </message>
    <message>
        <source>{file}: say --format html, pdf or csv (the name does not say it)</source>
        <translation>{file} : indiquez --format html, pdf ou csv (le nom ne le dit pas)</translation>
    </message>
    <message>
        <source>give EXERCISE and JOURNAL, or --session, not both</source>
        <translation>indiquez EXERCISE et JOURNAL, ou --session, pas les deux</translation>
    </message>
    <message>
        <source>give EXERCISE and JOURNAL, or --session ID</source>
        <translation>indiquez EXERCISE et JOURNAL, ou --session ID</translation>
    </message>
    <message>
        <source>{file}: cannot write the report: {why}</source>
        <translation>{file} : impossible d&apos;écrire le rapport : {why}</translation>
    </message>
    <message>
        <source>report written to {file}</source>
        <translation>rapport écrit dans {file}</translation>
    </message>
    <message>
        <source>a trainee&apos;s competence portfolio (PDF, HTML)</source>
        <translation>le portfolio de compétences d&apos;un stagiaire (PDF, HTML)</translation>
    </message>
    <message>
        <source>the trainee (case does not count)</source>
        <translation>le stagiaire (majuscules indifférentes)</translation>
    </message>
    <message>
        <source>where to write it (.pdf, .html)</source>
        <translation>où l&apos;écrire (.pdf, .html)</translation>
    </message>
    <message>
        <source>{file}: the name must end in .pdf or .html</source>
        <translation>{file} : le nom doit se terminer par .pdf ou .html</translation>
    </message>
    <message>
        <source>{file}: cannot write the portfolio: {why}</source>
        <translation>{file} : impossible d&apos;écrire le portfolio : {why}</translation>
    </message>
    <message>
        <source>portfolio written to {file}</source>
        <translation>portfolio écrit dans {file}</translation>
    </message>
    <message>
        <source>exam rooms: the centre&apos;s keys, packages, runs</source>
        <translation>salles d&apos;examen : les clés du centre, paquets, passations</translation>
    </message>
    <message>
        <source>which sealed results, journals, packages and bundles are intact</source>
        <translation>quels résultats scellés, journaux, paquets et lots sont intacts</translation>
    </message>
    <message>
        <source>print the checks as JSON</source>
        <translation>afficher les contrôles en JSON</translation>
    </message>
    <message>
        <source>make the exam centre&apos;s key pair</source>
        <translation>créer la paire de clés du centre d&apos;examen</translation>
    </message>
    <message>
        <source>a folder for them</source>
        <translation>un dossier pour elles</translation>
    </message>
    <message>
        <source>the centre&apos;s name, as certified</source>
        <translation>le nom du centre, tel que certifié</translation>
    </message>
    <message>
        <source>enrol a workstation or evaluator station</source>
        <translation>inscrire un poste de travail ou un poste d&apos;évaluation</translation>
    </message>
    <message>
        <source>the centre&apos;s key</source>
        <translation>la clé du centre</translation>
    </message>
    <message>
        <source>the station&apos;s name, as certified</source>
        <translation>le nom du poste, tel que certifié</translation>
    </message>
    <message>
        <source>a new folder for its key</source>
        <translation>un nouveau dossier pour sa clé</translation>
    </message>
    <message>
        <source>how long its certificate holds (default 400 days)</source>
        <translation>durée de validité de son certificat (400 jours par défaut)</translation>
    </message>
    <message>
        <source>sign exam packages with the centre&apos;s key</source>
        <translation>signer des paquets d&apos;examen avec la clé du centre</translation>
    </message>
    <message>
        <source>the exam centre&apos;s certificate (else the data folder&apos;s exam/centre.crt)</source>
        <translation>le certificat du centre d&apos;examen (sinon exam/centre.crt dans le dossier de données)</translation>
    </message>
    <message>
        <source>not a number of days: {text}</source>
        <translation>pas un nombre de jours : {text}</translation>
    </message>
    <message>
        <source>must be between 1 and 3660 days: {text}</source>
        <translation>doit être entre 1 et 3660 jours : {text}</translation>
    </message>
    <message>
        <source>{file}: intact (sealed by &apos;{station}&apos; on {date})</source>
        <translation>{file} : intact (scellé par « {station} » le {date})</translation>
    </message>
    <message>
        <source>{file}: intact</source>
        <translation>{file} : intact</translation>
    </message>
    <message>
        <source>{file}: changed: {why}</source>
        <translation>{file} : modifié : {why}</translation>
    </message>
    <message>
        <source>{file}: unsigned: {why}</source>
        <translation>{file} : non signé : {why}</translation>
    </message>
    <message>
        <source>warning: {line}</source>
        <translation>attention : {line}</translation>
    </message>
    <message>
        <source>{key}: the centre&apos;s private key: keep it off every workstation</source>
        <translation>{key} : la clé privée du centre : gardez-la hors de tout poste de travail</translation>
    </message>
    <message>
        <source>{cert}: the centre&apos;s certificate, for every workstation and the test centre</source>
        <translation>{cert} : le certificat du centre, pour chaque poste de travail et le centre de test</translation>
    </message>
    <message>
        <source>{folder}: &apos;{name}&apos; enrolled; copy this folder to the station&apos;s data folder as exam/</source>
        <translation>{folder} : « {name} » inscrit ; copiez ce dossier dans le dossier de données du poste sous le nom exam/</translation>
    </message>
    <message>
        <source>{package}: the supervisor&apos;s code is still the placeholder 000000: set the centre&apos;s own first (simultaan exam code {package})</source>
        <translation>{package} : le code de surveillant est encore le code provisoire 000000 : définissez d&apos;abord le code propre au centre (simultaan exam code {package})</translation>
    </message>
    <message>
        <source>{package}: signed ({sig})</source>
        <translation>{package} : signé ({sig})</translation>
    </message>
    <message>
        <source>start a signed exam package for a candidate</source>
        <translation>démarrer un paquet d&apos;examen signé pour un candidat</translation>
    </message>
    <message>
        <source>the package (.exam.yaml)</source>
        <translation>le paquet (.exam.yaml)</translation>
    </message>
    <message>
        <source>the candidate&apos;s number (letters, digits, . _ -)</source>
        <translation>le numéro du candidat (lettres, chiffres, . _ -)</translation>
    </message>
    <message>
        <source>only check the workstation and the package, and say what would happen</source>
        <translation>vérifier seulement le poste et le paquet, et dire ce qui se passerait</translation>
    </message>
    <message>
        <source>which workstation is at which part</source>
        <translation>quel poste en est à quelle partie</translation>
    </message>
    <message>
        <source>print the room as JSON</source>
        <translation>afficher la salle en JSON</translation>
    </message>
    <message>
        <source>set the centre&apos;s own supervisor&apos;s code in a package, before signing</source>
        <translation>mettre le code de surveillant propre au centre dans un paquet, avant de le signer</translation>
    </message>
    <message>
        <source>read the code from the first line of FILE (&apos;-&apos;: standard input)</source>
        <translation>lire le code dans la première ligne de FILE (&apos;-&apos; : entrée standard)</translation>
    </message>
    <message>
        <source>not a candidate number (letters, digits, . _ -, at most 40): {id}</source>
        <translation>pas un numéro de candidat (lettres, chiffres, . _ -, 40 au plus) : {id}</translation>
    </message>
    <message>
        <source>cannot use the data folder {folder}: {why}</source>
        <translation>le dossier de données {folder} ne peut pas être utilisé : {why}</translation>
    </message>
    <message>
        <source>{package}: {parts} parts, {minutes} minutes, for candidate {id}</source>
        <translation>{package} : {parts} parties, {minutes} minutes, pour le candidat {id}</translation>
    </message>
    <message>
        <source>to be resumed at part {part} (started on {workstation})</source>
        <translation>à reprendre à la partie {part} (commencé sur {workstation})</translation>
    </message>
    <message>
        <source>part {part} is a call that cannot go on where it stopped (its journal does not rebuild it as it was): it is scored with what happened before it was cut off, and the exam goes on after it</source>
        <translation>la partie {part} est un appel qui ne peut pas reprendre là où il s&apos;est arrêté (son journal ne permet pas de le reconstruire tel qu&apos;il était) : il est évalué sur ce qui s&apos;est passé avant l&apos;interruption, et l&apos;examen continue ensuite</translation>
    </message>
    <message>
        <source>simultaan: the central store cannot be read ({why}); this data folder&apos;s status files:</source>
        <translation>simultaan : le stockage central ne peut pas être lu ({why}) ; les fichiers d&apos;état de ce dossier de données :</translation>
    </message>
    <message>
        <source>checking in</source>
        <translation>enregistrement</translation>
    </message>
    <message>
        <source>waiting to start the part</source>
        <translation>attend le début de la partie</translation>
    </message>
    <message>
        <source>taking the part</source>
        <translation>en train de passer la partie</translation>
    </message>
    <message>
        <source>stopped, to be resumed</source>
        <translation>arrêté, à reprendre</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>terminé</translation>
    </message>
    <message>
        <source>no workstation has started an exam</source>
        <translation>aucun poste n&apos;a commencé d&apos;examen</translation>
    </message>
    <message>
        <source>part {part} of {parts}, {stage}, {m}:{s:02d} left</source>
        <translation>partie {part} sur {parts}, {stage}, encore {m}:{s:02d}</translation>
    </message>
    <message>
        <source>(silent for {n} s)</source>
        <translation>(silencieux depuis {n} s)</translation>
    </message>
    <message>
        <source>(last heard {time} UTC)</source>
        <translation>(dernier signal {time} UTC)</translation>
    </message>
    <message>
        <source>{file}: cannot be read</source>
        <translation>{file} : ne peut pas être lu</translation>
    </message>
    <message>
        <source>the code must have at least 6 characters</source>
        <translation>le code doit compter au moins 6 caractères</translation>
    </message>
    <message>
        <source>000000 is the public placeholder: choose the centre&apos;s own code</source>
        <translation>000000 est le code provisoire public : choisissez le code propre au centre</translation>
    </message>
    <message>
        <source>{package}: no &apos;supervisor_code:&apos; line at the start of a line</source>
        <translation>{package} : aucune ligne commençant par &apos;supervisor_code:&apos;</translation>
    </message>
    <message>
        <source>{package}: the supervisor&apos;s code is set</source>
        <translation>{package} : le code de surveillant est défini</translation>
    </message>
    <message>
        <source>{sig}: no longer fits the package: sign it again (simultaan exam sign)</source>
        <translation>{sig} : ne correspond plus au paquet : signez-le à nouveau (simultaan exam sign)</translation>
    </message>
    <message>
        <source>New supervisor&apos;s code: </source>
        <translation>Nouveau code de surveillant : </translation>
    </message>
    <message>
        <source>The same code again: </source>
        <translation>Le même code encore une fois : </translation>
    </message>
    <message>
        <source>no code set</source>
        <translation>aucun code défini</translation>
    </message>
    <message>
        <source>the two codes differ: nothing changed</source>
        <translation>les deux codes diffèrent : rien n&apos;a été modifié</translation>
    </message>
</context>
</TS>
