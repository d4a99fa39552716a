<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_BE" sourcelanguage="nl_BE">
<context>
    <name></name>
    <message>
        <source>juist</source>
        <translation>correct</translation>
    </message>
    <message>
        <source>fout</source>
        <translation>faux</translation>
    </message>
    <message>
        <source>verkeerd veld</source>
        <translation>mauvais champ</translation>
    </message>
    <message>
        <source>ontbreekt</source>
        <translation>manquant</translation>
    </message>
    <message>
        <source>niet ingevuld (optioneel)</source>
        <translation>non rempli (facultatif)</translation>
    </message>
    <message>
        <source>op tijd</source>
        <translation>à temps</translation>
    </message>
    <message>
        <source>te laat</source>
        <translation>trop tard</translation>
    </message>
    <message>
        <source>gemist</source>
        <translation>manqué</translation>
    </message>
    <message>
        <source>Er werd niets getypt.</source>
        <translation>Rien n&apos;a été tapé.</translation>
    </message>
    <message>
        <source>Fouten: %1 (%2), marge %3</source>
        <translation>Fautes : %1 (%2), marge %3</translation>
    </message>
    <message>
        <source>  ✗ te veel fouten</source>
        <translation>  ✗ trop de fautes</translation>
    </message>
    <message>
        <source>Netto snelheid: %1 woorden per minuut, minimum %2</source>
        <translation>Vitesse nette : %1 mots par minute, minimum %2</translation>
    </message>
    <message>
        <source>  ✗ te traag</source>
        <translation>  ✗ trop lent</translation>
    </message>
    <message>
        <source>Niet meegeteld: %1.</source>
        <translation>Non compté : %1.</translation>
    </message>
    <message>
        <source>De tijd was om: alleen het getypte deel telt.</source>
        <translation>Le temps était écoulé : seule la partie tapée compte.</translation>
    </message>
    <message>
        <source>Sessie %1: niet afgewerkt, dus niet geslaagd. Het getypte deel is gescoord.</source>
        <translation>Session (%1) : pas terminée, donc non réussie. La partie tapée a été évaluée.</translation>
    </message>
    <message>
        <source>vervanging</source>
        <translation>remplacement</translation>
    </message>
    <message>
        <source>ingevoegd</source>
        <translation>inséré</translation>
    </message>
    <message>
        <source>weggelaten</source>
        <translation>omis</translation>
    </message>
    <message>
        <source>omwisseling</source>
        <translation>inversion</translation>
    </message>
    <message>
        <source>gesplitst</source>
        <translation>coupé</translation>
    </message>
    <message>
        <source>aaneengeschreven</source>
        <translation>soudé</translation>
    </message>
    <message>
        <source>Begroeten</source>
        <translation>Saluer</translation>
    </message>
    <message>
        <source>Beller identificeren</source>
        <translation>Identifier l&apos;appelant</translation>
    </message>
    <message>
        <source>Gegevens verifiëren</source>
        <translation>Vérifier les données</translation>
    </message>
    <message>
        <source>Doel van de oproep</source>
        <translation>Motif de l&apos;appel</translation>
    </message>
    <message>
        <source>Informeren</source>
        <translation>Informer</translation>
    </message>
    <message>
        <source>Beschikbaarheid nagaan</source>
        <translation>Vérifier la disponibilité</translation>
    </message>
    <message>
        <source>Gegevens registreren</source>
        <translation>Enregistrer les données</translation>
    </message>
    <message>
        <source>Ticket aanmaken</source>
        <translation>Créer un ticket</translation>
    </message>
    <message>
        <source>Doorverbinden</source>
        <translation>Transférer</translation>
    </message>
    <message>
        <source>Samenvatten</source>
        <translation>Résumer</translation>
    </message>
    <message>
        <source>Afsluiten</source>
        <translation>Clôturer</translation>
    </message>
    <message>
        <source>Jezelf en het bedrijf voorstellen</source>
        <translation>Se présenter et présenter l&apos;entreprise</translation>
    </message>
    <message>
        <source>Juiste persoon nagaan</source>
        <translation>Vérifier qu&apos;il s&apos;agit de la bonne personne</translation>
    </message>
    <message>
        <source>Aanbod doen</source>
        <translation>Présenter l&apos;offre</translation>
    </message>
    <message>
        <source>Bezwaar behandelen</source>
        <translation>Traiter l&apos;objection</translation>
    </message>
    <message>
        <source>hoofdletter</source>
        <translation>majuscule</translation>
    </message>
    <message>
        <source>leesteken</source>
        <translation>ponctuation</translation>
    </message>
    <message>
        <source>koppelteken of spatie</source>
        <translation>trait d&apos;union ou espace</translation>
    </message>
    <message>
        <source>leestekens</source>
        <translation>la ponctuation</translation>
    </message>
    <message>
        <source>hoofdletters</source>
        <translation>les majuscules</translation>
    </message>
    <message>
        <source>de schrijfwijze van getallen</source>
        <translation>l&apos;écriture des nombres</translation>
    </message>
    <message>
        <source>%1 en %2</source>
        <translation>%1 et %2</translation>
    </message>
    <message>
        <source>afgewerkt</source>
        <translation>terminé</translation>
    </message>
    <message>
        <source>tijd om</source>
        <translation>temps écoulé</translation>
    </message>
    <message>
        <source>afgebroken</source>
        <translation>interrompu</translation>
    </message>
    <message>
        <source>hersteld na onderbreking</source>
        <translation>récupéré après une interruption</translation>
    </message>
    <message>
        <source>loopt nog</source>
        <translation>en cours</translation>
    </message>
    <message>
        <source>verloren</source>
        <translation>perdu</translation>
    </message>
    <message>
        <source>Let op: het geluid haperde %1 keer (de computer was te traag).</source>
        <translation>Attention : le son a été coupé %1 fois (l&apos;ordinateur était trop lent).</translation>
    </message>
    <message>
        <source>Overtypen</source>
        <translation>Recopie</translation>
    </message>
    <message>
        <source>Dictee</source>
        <translation>Dictée</translation>
    </message>
    <message>
        <source>Gesprek</source>
        <translation>Appel</translation>
    </message>
    <message>
        <source>Wachtrij</source>
        <translation>File d&apos;attente</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <source>woorden</source>
        <translation>mots</translation>
    </message>
    <message>
        <source>tekens</source>
        <translation>caractères</translation>
    </message>
    <message>
        <source>Controleert de identiteit en de gegevens van de gesprekspartner</source>
        <translation>Vérifie l&apos;identité et les données de l&apos;interlocuteur</translation>
    </message>
    <message>
        <source>Identificeert het doel van de oproep en past het script toe</source>
        <translation>Identifie le motif de l&apos;appel et applique le script</translation>
    </message>
    <message>
        <source>Informeert de klant uit de voorziene bronnen</source>
        <translation>Informe le client à partir des sources prévues</translation>
    </message>
    <message>
        <source>Controleert de beschikbaarheid en voert de gegevens in</source>
        <translation>Vérifie la disponibilité et saisit les données</translation>
    </message>
    <message>
        <source>Schakelt door naar de gepaste gesprekspartner</source>
        <translation>Transfère vers l&apos;interlocuteur approprié</translation>
    </message>
    <message>
        <source>Vult de digitale opvolgingsdocumenten in (foutenmarge)</source>
        <translation>Remplit les documents de suivi numériques (marge d&apos;erreur)</translation>
    </message>
    <message>
        <source>Voert de gegevens volledig in, in het juiste veld</source>
        <translation>Saisit les données complètes, dans le bon champ</translation>
    </message>
    <message>
        <source>Handelt simultaan en respecteert de kwaliteitsnormen (tijden)</source>
        <translation>Agit simultanément et respecte les normes de qualité (délais)</translation>
    </message>
    <message>
        <source>Behandelt vragen en klachten oplossingsgericht volgens de SLA</source>
        <translation>Traite les questions et les plaintes de manière orientée solution selon le SLA</translation>
    </message>
    <message>
        <source>Behandelt vragen en klachten oplossingsgericht volgens SLA en scenario&apos;s</source>
        <translation>Traite les questions et les plaintes de manière orientée solution selon le SLA et les scénarios</translation>
    </message>
    <message>
        <source>Ondersteunt klanten bij vragen en problemen</source>
        <translation>Aide les clients pour leurs questions et leurs problèmes</translation>
    </message>
    <message>
        <source>Biedt eerstelijnsondersteuning en voert routinetesten uit</source>
        <translation>Assure le support de première ligne et effectue des tests de routine</translation>
    </message>
    <message>
        <source>&apos;%1&apos;</source>
        <translation>«&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>geverifieerd</source>
        <translation>vérifié</translation>
    </message>
    <message>
        <source>komt niet overeen</source>
        <translation>ne correspond pas</translation>
    </message>
    <message>
        <source>verificatie: niet gemarkeerd, verwacht &apos;%1&apos;</source>
        <translation>vérification : non indiquée, attendu « %1 »</translation>
    </message>
    <message>
        <source>verificatie: gemarkeerd als &apos;%1&apos;, verwacht &apos;%2&apos;</source>
        <translation>vérification : indiquée « %1 », attendu « %2 »</translation>
    </message>
    <message>
        <source>niet doorverbonden, verwacht: doorverbinden naar &apos;%1&apos;</source>
        <translation>pas transféré, attendu : transfert vers « %1 »</translation>
    </message>
    <message>
        <source>doorverbonden naar &apos;%1&apos;, terwijl niet doorverbinden verwacht werd</source>
        <translation>transféré vers « %1 », alors qu&apos;aucun transfert n&apos;était attendu</translation>
    </message>
    <message>
        <source>doorverbonden naar &apos;%1&apos;, verwacht &apos;%2&apos;</source>
        <translation>transféré vers « %1 », attendu « %2 »</translation>
    </message>
    <message>
        <source>%1: %2 ontbreekt</source>
        <translation>%1 : %2 manque</translation>
    </message>
    <message>
        <source>%1: %2 ontbreken</source>
        <translation>%1 : %2 manquent</translation>
    </message>
    <message>
        <source>begroeting</source>
        <translation>salutation</translation>
    </message>
    <message>
        <source>bedankje</source>
        <translation>remerciement</translation>
    </message>
    <message>
        <source>verontschuldiging</source>
        <translation>excuses</translation>
    </message>
    <message>
        <source>afsluitende groet</source>
        <translation>formule de clôture</translation>
    </message>
    <message>
        <source>chat &apos;%1&apos;, antwoord op &apos;%2&apos;: %3 ontbreekt</source>
        <translation>chat « %1 », réponse à « %2 » : %3 manque</translation>
    </message>
    <message>
        <source>chat &apos;%1&apos;, antwoord op &apos;%2&apos;: %3 ontbreken</source>
        <translation>chat « %1 », réponse à « %2 » : %3 manquent</translation>
    </message>
    <message>
        <source>chat &apos;%1&apos;, antwoord op &apos;%2&apos;: geen %3</source>
        <translation>chat « %1 », réponse à « %2 » : pas de %3</translation>
    </message>
    <message>
        <source>aanvrager</source>
        <translation>demandeur</translation>
    </message>
    <message>
        <source>onderwerp</source>
        <translation>objet</translation>
    </message>
    <message>
        <source>notitie</source>
        <translation>note</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: ticket %2 aangemaakt, terwijl er geen ticket nodig was</source>
        <translation>« %1 » : ticket %2 créé alors qu&apos;aucun ticket n&apos;était nécessaire</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: nieuw ticket %2 aangemaakt in plaats van het open ticket %3 bij te werken</source>
        <translation>« %1 » : nouveau ticket %2 créé au lieu de mettre à jour le ticket ouvert %3</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: niet toegewezen, verwacht team &apos;%2&apos;</source>
        <translation>« %1 » : non attribué, équipe attendue « %2 »</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: toegewezen aan &apos;%2&apos;, terwijl de eerste lijn het zelf oplost</source>
        <translation>« %1 » : attribué à « %2 », alors que la première ligne le résout elle-même</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: toegewezen aan &apos;%2&apos;, verwacht &apos;%3&apos;</source>
        <translation>« %1 » : attribué à « %2 », attendu « %3 »</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: niet gekoppeld aan het gekende probleem &apos;%2&apos;</source>
        <translation>« %1 » : non lié au problème connu « %2 »</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: gekoppeld aan &apos;%2&apos;, terwijl er geen gekend probleem was</source>
        <translation>« %1 » : lié à « %2 » alors qu&apos;il n&apos;y avait pas de problème connu</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: gekoppeld aan &apos;%2&apos;, verwacht &apos;%3&apos;</source>
        <translation>« %1 » : lié à « %2 », attendu « %3 »</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: nooit aangenomen (norm %2 s)</source>
        <translation>« %1 » : jamais pris (norme %2 s)</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: pas na %2 s aangenomen (norm %3 s)</source>
        <translation>« %1 » : pris seulement après %2 s (norme %3 s)</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: %2 ontbreekt in het ticket</source>
        <translation>« %1 » : %2 manque dans le ticket</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: %2 ontbreken in het ticket</source>
        <translation>« %1 » : %2 manquent dans le ticket</translation>
    </message>
    <message>
        <source>niet getoetst in dit scenario</source>
        <translation>pas évalué dans ce scénario</translation>
    </message>
    <message>
        <source>de oproep werd niet beantwoord</source>
        <translation>l&apos;appel n&apos;a pas été pris</translation>
    </message>
    <message>
        <source>je hebt niet gebeld</source>
        <translation>vous n&apos;avez composé aucun numéro</translation>
    </message>
    <message>
        <source>je hebt niemand bereikt</source>
        <translation>vous n&apos;avez joint personne</translation>
    </message>
    <message>
        <source>het gesprek werd niet afgerond (gestopt of onderbroken)</source>
        <translation>l&apos;appel n&apos;a pas été finalisé (arrêté ou interrompu)</translation>
    </message>
    <message>
        <source>het gesprek werd niet afgesloten of doorverbonden</source>
        <translation>l&apos;appel n&apos;a été ni clôturé ni transféré</translation>
    </message>
    <message>
        <source>de beller werd niet opgezocht: geen klantdossier geopend</source>
        <translation>l&apos;appelant n&apos;a pas été recherché : aucune fiche client ouverte</translation>
    </message>
    <message>
        <source>geen klantdossier geopend: opzoeken vond niets (laatst: &apos;%1&apos;)</source>
        <translation>aucune fiche client ouverte : la recherche n&apos;a rien trouvé (dernière : « %1 »)</translation>
    </message>
    <message>
        <source>op %1 s als geverifieerd gemarkeerd in het dossier %2, dat niet van de beller is: accountgegevens van een andere klant werden getoond</source>
        <translation>indiqué comme vérifié à %1 s dans la fiche %2, qui n&apos;est pas celle de l&apos;appelant : les données de compte d&apos;un autre client ont été affichées</translation>
    </message>
    <message>
        <source>op %1 s als geverifieerd gemarkeerd terwijl de gegevens van de beller niet met het klantdossier overeenkomen: accountgegevens werden getoond</source>
        <translation>indiqué comme vérifié à %1 s alors que les données de l&apos;appelant ne correspondent pas à la fiche client : les données de compte ont été affichées</translation>
    </message>
    <message>
        <source>op %1 s als geverifieerd gemarkeerd voordat de beller zijn gegevens had gegeven: accountgegevens werden te vroeg getoond</source>
        <translation>indiqué comme vérifié à %1 s avant que l&apos;appelant ait donné ses données : les données de compte ont été affichées trop tôt</translation>
    </message>
    <message>
        <source>stap &apos;%1&apos; niet gedaan</source>
        <translation>étape « %1 » non effectuée</translation>
    </message>
    <message>
        <source>stap &apos;%1&apos; gedaan vóór een stap die ervoor komt</source>
        <translation>étape « %1 » effectuée avant une étape qui la précède</translation>
    </message>
    <message>
        <source>kennisbankartikel &apos;%1&apos; niet geraadpleegd</source>
        <translation>article « %1 » de la base de connaissances non consulté</translation>
    </message>
    <message>
        <source>%1: niet ingevuld</source>
        <translation>%1 : non rempli</translation>
    </message>
    <message>
        <source>%1: &apos;%2&apos; is fout (verwacht &apos;%3&apos;)</source>
        <translation>%1 : « %2 » est faux (attendu « %3 »)</translation>
    </message>
    <message>
        <source>%1: &apos;%2&apos; hoort in het veld &apos;%3&apos;</source>
        <translation>%1 : « %2 » va dans le champ « %3 »</translation>
    </message>
    <message>
        <source>spelling: %1 van %2 woorden fout (%3, marge %4): %5</source>
        <translation>orthographe : %1 mots sur %2 fautifs (%3, marge %4) : %5</translation>
    </message>
    <message>
        <source>afsluitcode &apos;%1&apos;, verwacht &apos;%2&apos;</source>
        <translation>code de clôture « %1 », attendu « %2 »</translation>
    </message>
    <message>
        <source>geen</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>contactresultaat &apos;%1&apos;, verwacht &apos;%2&apos;</source>
        <translation>résultat du contact « %1 », attendu « %2 »</translation>
    </message>
    <message>
        <source>opgenomen na %1 s (norm %2 s)</source>
        <translation>décroché après %1 s (norme %2 s)</translation>
    </message>
    <message>
        <source>gespreksduur %1 s (norm %2 s)</source>
        <translation>durée de l&apos;appel %1 s (norme %2 s)</translation>
    </message>
    <message>
        <source>melding &apos;%1&apos; niet bevestigd</source>
        <translation>message « %1 » non confirmé</translation>
    </message>
    <message>
        <source>melding &apos;%1&apos; te laat bevestigd (%2 s, norm %3 s)</source>
        <translation>message « %1 » confirmé trop tard (%2 s, norme %3 s)</translation>
    </message>
    <message>
        <source>de dienst werd niet afgewerkt (gestopt of onderbroken)</source>
        <translation>le service n&apos;a pas été terminé (arrêté ou interrompu)</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: niet behandeld</source>
        <translation>« %1 » : non traité</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: SLA-responstijd overschreden (%2 s, norm %3 s)</source>
        <translation>« %1 » : délai de réponse SLA dépassé (%2 s, norme %3 s)</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: SLA-oplostijd overschreden (%2 s, norm %3 s)</source>
        <translation>« %1 » : délai de résolution SLA dépassé (%2 s, norme %3 s)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; genomen terwijl het dringendere &apos;%2&apos; wachtte</source>
        <translation>« %1 » pris alors que « %2 », plus urgent, attendait</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: prioriteit %2, verwacht %3</source>
        <translation>« %1 » : priorité %2, attendu %3</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: de klant werd niet op de hoogte gebracht</source>
        <translation>« %1 » : le client n&apos;a pas été tenu au courant</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: geen ticket aangemaakt, terwijl het er een nodig had</source>
        <translation>« %1 » : aucun ticket créé alors qu&apos;il en fallait un</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: het open ticket %2 werd niet bijgewerkt</source>
        <translation>« %1 » : le ticket ouvert %2 n&apos;a pas été mis à jour</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: niet ingevuld in ticket %2: %3</source>
        <translation>« %1 » : non rempli dans le ticket %2 : %3</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: categorie &apos;%2&apos;, verwacht &apos;%3&apos;</source>
        <translation>« %1 » : catégorie « %2 », attendu « %3 »</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: aanvrager &apos;%2&apos;, verwacht &apos;%3&apos;</source>
        <translation>« %1 » : demandeur « %2 », attendu « %3 »</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: ticket %2 niet opgelost in de eerste lijn</source>
        <translation>« %1 » : ticket %2 non résolu en première ligne</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: afsluitcode &apos;%2&apos;, verwacht &apos;%3&apos;</source>
        <translation>« %1 » : code de clôture « %2 », attendu « %3 »</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: behandeld in %2 s (norm %3 s)</source>
        <translation>« %1 » : traité en %2 s (norme %3 s)</translation>
    </message>
    <message>
        <source>chat &apos;%1&apos;: de klant haakte af op %2 s, zonder antwoord</source>
        <translation>chat « %1 » : le client est parti à %2 s, sans réponse</translation>
    </message>
    <message>
        <source>chat &apos;%1&apos;: bericht &apos;%2&apos; niet beantwoord</source>
        <translation>chat « %1 » : message « %2 » sans réponse</translation>
    </message>
    <message>
        <source>chat &apos;%1&apos;: bericht &apos;%2&apos; te laat beantwoord (%3 s, norm %4 s)</source>
        <translation>chat « %1 » : réponse trop tardive au message « %2 » (%3 s, norme %4 s)</translation>
    </message>
    <message>
        <source>chat &apos;%1&apos;, antwoord op &apos;%2&apos;: &apos;%3&apos; hoort niet in een antwoord aan een klant</source>
        <translation>chat « %1 », réponse à « %2 » : « %3 » n&apos;a pas sa place dans une réponse à un client</translation>
    </message>
    <message>
        <source>verkeerd nummer gebeld: &apos;%1&apos;</source>
        <translation>mauvais numéro appelé : « %1 »</translation>
    </message>
    <message>
        <source>bezwaar &apos;%1&apos; niet behandeld</source>
        <translation>objection « %1 » non traitée</translation>
    </message>
    <message>
        <source>geen bericht ingesproken op de voicemail</source>
        <translation>aucun message laissé sur la messagerie vocale</translation>
    </message>
    <message>
        <source>voicemailbericht van %1 s (minstens %2 s)</source>
        <translation>message vocal de %1 s (au moins %2 s)</translation>
    </message>
    <message>
        <source>Een klantnummer bestaat uit 4 tot 14 cijfers.</source>
        <translation>Un numéro de client compte de 4 à 14 chiffres.</translation>
    </message>
    <message>
        <source>Geen Belgische postcode (4 cijfers, 1000 tot 9999).</source>
        <translation>Pas un code postal belge (4 chiffres, de 1000 à 9999).</translation>
    </message>
    <message>
        <source>Geen geldig telefoonnummer (bv. 0471 23 45 67, 09 123 45 67 of +31 6 12 34 56 78).</source>
        <translation>Numéro de téléphone non valable (p. ex. 0471 23 45 67, 09 123 45 67 ou +31 6 12 34 56 78).</translation>
    </message>
    <message>
        <source>Geen geldig e-mailadres.</source>
        <translation>Adresse e-mail non valable.</translation>
    </message>
    <message>
        <source>Geen geldig IBAN-nummer (controleer de cijfers).</source>
        <translation>Numéro IBAN non valable (vérifiez les chiffres).</translation>
    </message>
    <message>
        <source>Geen geldige datum (bv. 02/03/2026 of 2 maart 2026).</source>
        <translation>Date non valable (p. ex. 02/03/2026 ou 2 mars 2026).</translation>
    </message>
    <message>
        <source>Geen bedrag in euro (bv. 49,95).</source>
        <translation>Pas un montant en euros (p. ex. 49,95).</translation>
    </message>
    <message>
        <source>Een naam bevat geen cijfers.</source>
        <translation>Un nom ne contient pas de chiffres.</translation>
    </message>
    <message>
        <source>De schijf is vol</source>
        <translation>Le disque est plein</translation>
    </message>
    <message>
        <source>Je schijfquotum is op</source>
        <translation>Votre quota de disque est épuisé</translation>
    </message>
    <message>
        <source>De map is alleen-lezen</source>
        <translation>Le dossier est en lecture seule</translation>
    </message>
    <message>
        <source>Je mag niet schrijven in de map</source>
        <translation>Vous n&apos;avez pas le droit d&apos;écrire dans le dossier</translation>
    </message>
    <message>
        <source>De map bestaat niet (meer)</source>
        <translation>Le dossier n&apos;existe pas (ou plus)</translation>
    </message>
    <message>
        <source>Er staat al een logboek met die naam</source>
        <translation>Il y a déjà un journal de ce nom</translation>
    </message>
    <message>
        <source>De schijf meldt een schrijffout (%1)</source>
        <translation>Le disque signale une erreur d&apos;écriture (%1)</translation>
    </message>
    <message>
        <source>Maak ruimte vrij en kies Opnieuw proberen, of bewaar de oefening in een andere map.</source>
        <translation>Libérez de la place et choisissez Réessayer, ou enregistrez l&apos;exercice dans un autre dossier.</translation>
    </message>
    <message>
        <source>Maak de map weer bruikbaar (of vraag het je beheerder) en kies Opnieuw proberen, of bewaar de oefening in een andere map.</source>
        <translation>Rendez le dossier à nouveau utilisable (ou demandez-le à votre administrateur) et choisissez Réessayer, ou enregistrez l&apos;exercice dans un autre dossier.</translation>
    </message>
    <message>
        <source>Controleer de schijf of de netwerkverbinding en kies Opnieuw proberen, of bewaar de oefening in een andere map.</source>
        <translation>Vérifiez le disque ou la connexion réseau et choisissez Réessayer, ou enregistrez l&apos;exercice dans un autre dossier.</translation>
    </message>
    <message>
        <source>Logboek kan niet worden geschreven</source>
        <translation>Impossible d&apos;écrire le journal</translation>
    </message>
    <message>
        <source>%1: het logboek van deze oefening kan niet worden bewaard in %2. Wat je typte, is niet verloren: het staat in het geheugen. </source>
        <translation>%1 : le journal de cet exercice ne peut pas être enregistré dans %2. Ce que vous avez tapé n&apos;est pas perdu : c&apos;est en mémoire. </translation>
    </message>
    <message>
        <source>Stoppen kan pas als het logboek bewaard is.</source>
        <translation>Vous ne pourrez arrêter qu&apos;une fois le journal enregistré.</translation>
    </message>
    <message>
        <source>Het lukt nog altijd niet.</source>
        <translation>Toujours sans succès.</translation>
    </message>
    <message>
        <source>Opnieuw proberen</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>Elders bewaren…</source>
        <translation>Enregistrer ailleurs…</translation>
    </message>
    <message>
        <source>Stoppen</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <source>Map kiezen om de oefening in te bewaren</source>
        <translation>Choisir le dossier où enregistrer l&apos;exercice</translation>
    </message>
    <message>
        <source>%1 MB</source>
        <translation>%1 Mo</translation>
    </message>
    <message>
        <source>Vraag je beheerder om dat op te lossen, of start Simultaan met een andere map voor de gegevens (--data-dir of SIMULTAAN_DATA_DIR).</source>
        <translation>Demandez à votre administrateur de régler cela, ou lancez Simultaan avec un autre dossier de données (--data-dir ou SIMULTAAN_DATA_DIR).</translation>
    </message>
    <message>
        <source>De schijf met de map %1 is (bijna) vol: er is nog %2 vrij en een oefening heeft minstens %3 nodig. Maak ruimte vrij en start de oefening opnieuw.</source>
        <translation>Le disque du dossier %1 est (presque) plein : il reste %2 et un exercice a besoin d&apos;au moins %3. Libérez de la place et relancez l&apos;exercice.</translation>
    </message>
    <message>
        <source>In de map %1 kan niet worden geschreven: ze is alleen-lezen.</source>
        <translation>Impossible d&apos;écrire dans le dossier %1 : il est en lecture seule.</translation>
    </message>
    <message>
        <source>De map %1 bestaat niet en kan niet worden gemaakt.</source>
        <translation>Le dossier %1 n&apos;existe pas et ne peut pas être créé.</translation>
    </message>
    <message>
        <source>%1 is geen map.</source>
        <translation>%1 n&apos;est pas un dossier.</translation>
    </message>
    <message>
        <source>In de map %1 kan niet worden geschreven (%2).</source>
        <translation>Impossible d&apos;écrire dans le dossier %1 (%2).</translation>
    </message>
    <message>
        <source>Wat je typt, kan er niet worden bewaard.</source>
        <translation>Ce que vous tapez ne peut pas y être enregistré.</translation>
    </message>
    <message>
        <source>Oefening kan niet starten</source>
        <translation>Impossible de démarrer l&apos;exercice</translation>
    </message>
    <message>
        <source>Fout (%1): verwacht &apos;%2&apos;, getypt &apos;%3&apos;</source>
        <translation>Faute (%1) : attendu « %2 », tapé « %3 »</translation>
    </message>
    <message>
        <source>Veld &apos;%1&apos; in het verkeerde vak: &apos;%2&apos;</source>
        <translation>Champ « %1 » dans la mauvaise case : « %2 »</translation>
    </message>
    <message>
        <source>Veld &apos;%1&apos; fout ingevuld: &apos;%2&apos;</source>
        <translation>Champ « %1 » mal rempli : « %2 »</translation>
    </message>
    <message>
        <source>De telefoon gaat</source>
        <translation>Le téléphone sonne</translation>
    </message>
    <message>
        <source>De klant spreekt (%1)</source>
        <translation>Le client parle (%1)</translation>
    </message>
    <message>
        <source>De klant hangt op</source>
        <translation>Le client raccroche</translation>
    </message>
    <message>
        <source>Wachtmuziek</source>
        <translation>Musique d&apos;attente</translation>
    </message>
    <message>
        <source>Melding: %1</source>
        <translation>Message : %1</translation>
    </message>
    <message>
        <source>Opgenomen</source>
        <translation>Décroché</translation>
    </message>
    <message>
        <source>In de wacht gezet</source>
        <translation>Mis en attente</translation>
    </message>
    <message>
        <source>Terug uit de wacht</source>
        <translation>Repris après l&apos;attente</translation>
    </message>
    <message>
        <source>Laten herhalen</source>
        <translation>Fait répéter</translation>
    </message>
    <message>
        <source>Geverifieerd</source>
        <translation>Vérifié</translation>
    </message>
    <message>
        <source>Komt niet overeen</source>
        <translation>Ne correspond pas</translation>
    </message>
    <message>
        <source>Opgehangen</source>
        <translation>Raccroché</translation>
    </message>
    <message>
        <source>Melding afgehandeld</source>
        <translation>Message traité</translation>
    </message>
    <message>
        <source>Dossier opgezocht: &apos;%1&apos;</source>
        <translation>Dossier recherché : « %1 »</translation>
    </message>
    <message>
        <source>Gebeld: %1</source>
        <translation>Appelé : %1</translation>
    </message>
    <message>
        <source>Piep: bericht inspreken</source>
        <translation>Bip : message en cours</translation>
    </message>
    <message>
        <source>Bericht ingesproken</source>
        <translation>Message laissé</translation>
    </message>
    <message>
        <source>Bezette lijn ingehaakt</source>
        <translation>Ligne occupée : raccroché</translation>
    </message>
    <message>
        <source>Ingehaakt op de voicemail</source>
        <translation>Raccroché sur la messagerie vocale</translation>
    </message>
    <message>
        <source>Ingehaakt terwijl het nummer overging</source>
        <translation>Raccroché pendant que le numéro sonnait</translation>
    </message>
    <message>
        <source>Doorverbonden naar %1</source>
        <translation>Transféré à %1</translation>
    </message>
    <message>
        <source>Stap afgevinkt: %1</source>
        <translation>Étape cochée : %1</translation>
    </message>
    <message>
        <source>Kennisbank geopend: %1</source>
        <translation>Base de connaissances ouverte : %1</translation>
    </message>
    <message>
        <source>Afgesloten met code &apos;%1&apos;, resultaat &apos;%2&apos;</source>
        <translation>Clôturé avec le code « %1 », résultat « %2 »</translation>
    </message>
    <message>
        <source>De klant (ondertiteld): %1 op %2 s</source>
        <translation>Le client (sous-titré) : %1 à %2 s</translation>
    </message>
    <message>
        <source>De klant: %1 op %2 s</source>
        <translation>Le client : %1 à %2 s</translation>
    </message>
    <message>
        <source>De cursist (opname) op %1 s</source>
        <translation>Le stagiaire (enregistrement) à %1 s</translation>
    </message>
    <message>
        <source>Stilte</source>
        <translation>Silence</translation>
    </message>
    <message>
        <source>Binnengekomen (%1): %2</source>
        <translation>Arrivé (%1) : %2</translation>
    </message>
    <message>
        <source>%1 dringt aan</source>
        <translation>%1 insiste</translation>
    </message>
    <message>
        <source>%1 schrijft</source>
        <translation>%1 écrit</translation>
    </message>
    <message>
        <source>Antwoord aan %1</source>
        <translation>Réponse à %1</translation>
    </message>
    <message>
        <source>Genomen: %1</source>
        <translation>Pris : %1</translation>
    </message>
    <message>
        <source>Zonder ticket afgehandeld: %1</source>
        <translation>Traité sans ticket : %1</translation>
    </message>
    <message>
        <source>Ticket %1 aangemaakt</source>
        <translation>Ticket %1 créé</translation>
    </message>
    <message>
        <source>Ticket %1 bijgewerkt</source>
        <translation>Ticket %1 mis à jour</translation>
    </message>
    <message>
        <source>Ticket %1 toegewezen</source>
        <translation>Ticket %1 attribué</translation>
    </message>
    <message>
        <source>Ticket %1 gekoppeld aan een gekend probleem</source>
        <translation>Ticket %1 lié à un problème connu</translation>
    </message>
    <message>
        <source>Ticket %1 opgelost</source>
        <translation>Ticket %1 résolu</translation>
    </message>
    <message>
        <source>Ticket %1 gesloten</source>
        <translation>Ticket %1 clôturé</translation>
    </message>
    <message>
        <source>Ticket %1 heropend</source>
        <translation>Ticket %1 rouvert</translation>
    </message>
    <message>
        <source>Kennisbankartikel voorgesteld</source>
        <translation>Article de la base de connaissances proposé</translation>
    </message>
    <message>
        <source>Contacten in de wachtrij</source>
        <translation>Contacts dans la file d&apos;attente</translation>
    </message>
    <message>
        <source>Het gekozen ticket</source>
        <translation>Le ticket choisi</translation>
    </message>
    <message>
        <source>Contacten</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <source>Tickets</source>
        <translation>Tickets</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <source>genomen na %1</source>
        <translation>pris après %1</translation>
    </message>
    <message>
        <source>wacht al %1</source>
        <translation>attend depuis %1</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Prioriteit</source>
        <translation>Priorité</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Équipe</translation>
    </message>
    <message>
        <source>Categorie</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <source>Aanvrager</source>
        <translation>Demandeur</translation>
    </message>
    <message>
        <source>Onderwerp</source>
        <translation>Objet</translation>
    </message>
    <message>
        <source>SLA reactie</source>
        <translation>SLA réponse</translation>
    </message>
    <message>
        <source>SLA oplossing</source>
        <translation>SLA résolution</translation>
    </message>
    <message>
        <source>Notitie</source>
        <translation>Remarque</translation>
    </message>
    <message>
        <source>Oplossing</source>
        <translation>Résolution</translation>
    </message>
    <message>
        <source>Gesprek met %1</source>
        <translation>Conversation avec %1</translation>
    </message>
    <message>
        <source>Meldingen op het scherm</source>
        <translation>Messages à l&apos;écran</translation>
    </message>
    <message>
        <source>Jij</source>
        <translation>Vous</translation>
    </message>
    <message>
        <source>%1 heeft de chat verlaten om %2.</source>
        <translation>%1 a quitté le chat à %2.</translation>
    </message>
    <message>
        <source>Antwoord: %1</source>
        <translation>Réponse : %1</translation>
    </message>
    <message>
        <source>(gezien na %1 s)</source>
        <translation>(vu après %1 s)</translation>
    </message>
</context>
<context>
    <name>CallController</name>
    <message>
        <source>Geen geluid: %1. De klant verschijnt als ondertitel; sluit de headset aan en druk op F10 om hem te horen.</source>
        <translation>Pas de son : %1. Le client s&apos;affiche en sous-titres ; branchez le casque et appuyez sur F10 pour l&apos;entendre.</translation>
    </message>
    <message>
        <source>Fragment niet te lezen: %1</source>
        <translation>Extrait illisible : %1</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <source>Melding</source>
        <translation>Alerte</translation>
    </message>
    <message>
        <source>Dossier</source>
        <translation>Fiche</translation>
    </message>
    <message>
        <source>Wachtrij</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Het gesprek staat stil: F10 verder met geluid, F11 met ondertitels.</source>
        <translation>L&apos;appel est en pause : F10 pour continuer avec le son, F11 avec les sous-titres.</translation>
    </message>
    <message>
        <source>Het gesprek loopt: er is niets om verder te zetten.</source>
        <translation>L&apos;appel est en cours : il n&apos;y a rien à reprendre.</translation>
    </message>
    <message>
        <source>Er gaat geen telefoon over.</source>
        <translation>Aucun téléphone ne sonne.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Er is geen gesprek om in de wacht te zetten.</source>
        <translation>Il n&apos;y a pas d&apos;appel à mettre en attente.</translation>
    </message>
    <message>
        <source>Je bent niet in gesprek.</source>
        <translation>Vous n&apos;êtes pas en communication.</translation>
    </message>
    <message>
        <source>Verifiëren kan alleen tijdens een gesprek.</source>
        <translation>La vérification n&apos;est possible que pendant un appel.</translation>
    </message>
    <message>
        <source>Zoek eerst de klant op (Ctrl+K): met het klantnummer, het telefoonnummer of de naam die de beller geeft.</source>
        <translation>Recherchez d&apos;abord le client (Ctrl+K) : avec le numéro de client, le numéro de téléphone ou le nom que donne l&apos;appelant.</translation>
    </message>
    <message>
        <source>Er is nog geen beller om op te zoeken: neem eerst op (F2).</source>
        <translation>Il n&apos;y a pas encore d&apos;appelant à rechercher : décrochez d&apos;abord (F2).</translation>
    </message>
    <message>
        <source>Er is geen gesprek om te beëindigen.</source>
        <translation>Il n&apos;y a pas d&apos;appel à terminer.</translation>
    </message>
    <message>
        <source>Er wacht geen melding op een antwoord.</source>
        <translation>Aucun message n&apos;attend de réponse.</translation>
    </message>
    <message>
        <source>Beëindig eerst het gesprek (F8) of verbind door (F7).</source>
        <translation>Terminez d&apos;abord l&apos;appel (F8) ou transférez-le (F7).</translation>
    </message>
    <message>
        <source>Kies eerst een contactresultaat.</source>
        <translation>Choisissez d&apos;abord un résultat du contact.</translation>
    </message>
    <message>
        <source>Het geluidsapparaat %1 werkt niet meer. Het gesprek staat stil en de tijd telt niet door; alles wat je deed, blijft bewaard. Sluit de headset aan en druk op F10, of ga verder met ondertitels: F11.</source>
        <translation>Le périphérique audio %1 ne fonctionne plus. L&apos;appel est en pause et le temps ne compte plus ; tout ce que vous avez fait est conservé. Branchez le casque et appuyez sur F10, ou continuez avec les sous-titres : F11.</translation>
    </message>
    <message>
        <source>Nog altijd geen geluid: %1. Sluit de headset aan en druk op F10, of ga verder met ondertitels: F11.</source>
        <translation>Toujours pas de son : %1. Branchez le casque et appuyez sur F10, ou continuez avec les sous-titres : F11.</translation>
    </message>
    <message>
        <source>Doorverbinden kan alleen tijdens een gesprek, naar een dienst.</source>
        <translation>Le transfert n&apos;est possible que pendant un appel, vers un service.</translation>
    </message>
    <message>
        <source>Bellen kan alleen bij een uitgaand gesprek, met een vrije lijn.</source>
        <translation>Vous ne pouvez appeler que pour un appel sortant, avec une ligne libre.</translation>
    </message>
    <message>
        <source>Tik eerst het nummer in (Ctrl+D) en bel dan met F2 of Enter.</source>
        <translation>Tapez d&apos;abord le numéro (Ctrl+D), puis appelez avec F2 ou Enter.</translation>
    </message>
    <message>
        <source>Verder zonder geluid: de klant verschijnt als ondertitel.</source>
        <translation>On continue sans son : le client s&apos;affiche en sous-titres.</translation>
    </message>
    <message>
        <source>● Opname</source>
        <translation>● Enregistrement</translation>
    </message>
    <message>
        <source>Je stem wordt opgenomen tijdens dit gesprek</source>
        <translation>Votre voix est enregistrée pendant cet appel</translation>
    </message>
    <message>
        <source>Geen opname van je stem: %1. Het gesprek gaat gewoon door.</source>
        <translation>Votre voix n&apos;est pas enregistrée : %1. L&apos;appel continue normalement.</translation>
    </message>
    <message>
        <source>○ Geen opname</source>
        <translation>○ Pas d&apos;enregistrement</translation>
    </message>
    <message>
        <source>nog %1 s</source>
        <translation>encore %1 s</translation>
    </message>
    <message>
        <source>te laat</source>
        <translation>trop tard</translation>
    </message>
</context>
<context>
    <name>CallResultsView</name>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Competentie</source>
        <translation>Compétence</translation>
    </message>
    <message>
        <source>Getoond</source>
        <translation>Démontrée</translation>
    </message>
    <message>
        <source>Waarom niet</source>
        <translation>Raison</translation>
    </message>
    <message>
        <source>Veld</source>
        <translation>Champ</translation>
    </message>
    <message>
        <source>Verwacht</source>
        <translation>Attendu</translation>
    </message>
    <message>
        <source>Ingevuld</source>
        <translation>Saisi</translation>
    </message>
    <message>
        <source>Oordeel</source>
        <translation>Verdict</translation>
    </message>
    <message>
        <source>Na zeggen</source>
        <translation>Délai de saisie</translation>
    </message>
    <message>
        <source>Melding</source>
        <translation>Alerte</translation>
    </message>
    <message>
        <source>Reactie</source>
        <translation>Réaction</translation>
    </message>
    <message>
        <source>Competenties</source>
        <translation>Compétences</translation>
    </message>
    <message>
        <source>Velden</source>
        <translation>Champs</translation>
    </message>
    <message>
        <source>Meldingen</source>
        <translation>Messages</translation>
    </message>
    <message>
        <source>Afgebroken</source>
        <translation>Interrompu</translation>
    </message>
    <message>
        <source>Geslaagd</source>
        <translation>Réussi</translation>
    </message>
    <message>
        <source>Niet geslaagd</source>
        <translation>Non réussi</translation>
    </message>
    <message>
        <source>Niet beoordeeld: je hebt niemand bereikt.</source>
        <translation>Non évalué : vous n&apos;avez joint personne.</translation>
    </message>
    <message>
        <source>Niet beoordeeld: je hebt niet gebeld.</source>
        <translation>Non évalué : vous n&apos;avez composé aucun numéro.</translation>
    </message>
    <message>
        <source>Niet beoordeeld: de oproep werd niet beantwoord.</source>
        <translation>Non évalué : l&apos;appel n&apos;a pas été pris.</translation>
    </message>
    <message>
        <source>Niet beoordeeld: het gesprek werd niet afgerond.</source>
        <translation>Non évalué : l&apos;appel n&apos;a pas été finalisé.</translation>
    </message>
    <message>
        <source>Opgenomen na %1 s (norm %2 s).</source>
        <translation>Décroché après %1 s (norme %2 s).</translation>
    </message>
    <message>
        <source>Gespreksduur %1 (norm %2).</source>
        <translation>Durée de l&apos;appel %1 (norme %2).</translation>
    </message>
    <message>
        <source>Verificatie: juist.</source>
        <translation>Vérification : correcte.</translation>
    </message>
    <message>
        <source>Verificatie: niet juist.</source>
        <translation>Vérification : incorrecte.</translation>
    </message>
    <message>
        <source>Vertrouwelijkheid geschonden: %1</source>
        <translation>Confidentialité violée : %1</translation>
    </message>
    <message>
        <source>De sessie werd %1: niet volledig, dus niet geslaagd.</source>
        <translation>La session a pris fin (%1) : incomplète, donc non réussie.</translation>
    </message>
    <message>
        <source>ja</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>nee</source>
        <translation>non</translation>
    </message>
    <message>
        <source>niet getoetst</source>
        <translation>non évalué</translation>
    </message>
    <message>
        <source>op klantnummer</source>
        <translation>par numéro de client</translation>
    </message>
    <message>
        <source>op telefoonnummer</source>
        <translation>par numéro de téléphone</translation>
    </message>
    <message>
        <source>op naam</source>
        <translation>par nom</translation>
    </message>
    <message>
        <source>niet opgezocht</source>
        <translation>pas recherché</translation>
    </message>
    <message>
        <source>niet gevonden</source>
        <translation>pas trouvé</translation>
    </message>
    <message>
        <source>dossier van de beller</source>
        <translation>fiche de l&apos;appelant</translation>
    </message>
    <message>
        <source>ander dossier (%1)</source>
        <translation>autre fiche (%1)</translation>
    </message>
    <message>
        <source>Klant opzoeken</source>
        <translation>Rechercher le client</translation>
    </message>
    <message>
        <source>Gebeld: %1 keer, waarvan %2 bezet en %3 naar een verkeerd nummer.</source>
        <translation>Appelé %1 fois, dont %2 occupé(s) et %3 vers un mauvais numéro.</translation>
    </message>
    <message>
        <source>Bericht op de voicemail: %1 (minstens %2).</source>
        <translation>Message sur la messagerie vocale : %1 (au moins %2).</translation>
    </message>
    <message>
        <source>Spelling niet gecontroleerd: geen woordenboek voor “%1”.</source>
        <translation>Orthographe non vérifiée : pas de dictionnaire pour « %1 ».</translation>
    </message>
    <message>
        <source>Spelling: geen fouten in %1.</source>
        <translation>Orthographe : aucune faute sur %1.</translation>
    </message>
    <message>
        <source>Spelling: %1 van %2 woorden fout (%3, marge %4): %5</source>
        <translation>Orthographe : %1 mots sur %2 fautifs (%3, marge %4) : %5</translation>
    </message>
</context>
<context>
    <name>CallView</name>
    <message>
        <source>Opnemen</source>
        <translation>Décrocher</translation>
    </message>
    <message>
        <source>Laat herhalen</source>
        <translation>Faire répéter</translation>
    </message>
    <message>
        <source>Geverifieerd</source>
        <translation>Vérifié</translation>
    </message>
    <message>
        <source>Komt niet overeen</source>
        <translation>Ne correspond pas</translation>
    </message>
    <message>
        <source>Ophangen</source>
        <translation>Raccrocher</translation>
    </message>
    <message>
        <source>Verder met geluid</source>
        <translation>Continuer avec le son</translation>
    </message>
    <message>
        <source>Verder met ondertitels</source>
        <translation>Continuer avec les sous-titres</translation>
    </message>
    <message>
        <source>&amp;Dienst:</source>
        <translation>&amp;Service :</translation>
    </message>
    <message>
        <source>In de wacht</source>
        <translation>Attente</translation>
    </message>
    <message>
        <source>Doorverbinden (F7)</source>
        <translation>Transférer (F7)</translation>
    </message>
    <message>
        <source>Te bellen nummer</source>
        <translation>Numéro à appeler</translation>
    </message>
    <message>
        <source>&amp;Bellen naar:</source>
        <translation>&amp;Appeler le :</translation>
    </message>
    <message>
        <source>Doorverbinden</source>
        <translation>Transférer</translation>
    </message>
    <message>
        <source>Klantdossier (Ctrl+K zoekt)</source>
        <translation>Fiche client (Ctrl+K recherche)</translation>
    </message>
    <message>
        <source>Klantnummer, telefoon of naam</source>
        <translation>Numéro de client, téléphone ou nom</translation>
    </message>
    <message>
        <source>Klant opzoeken</source>
        <translation>Rechercher le client</translation>
    </message>
    <message>
        <source>Meldingen (F9 bevestigt)</source>
        <translation>Messages (F9 confirme)</translation>
    </message>
    <message>
        <source>Contactformulier</source>
        <translation>Formulaire de contact</translation>
    </message>
    <message>
        <source>Afronding (Ctrl+Enter)</source>
        <translation>Finalisation (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Contactresultaat</source>
        <translation>Résultat du contact</translation>
    </message>
    <message>
        <source>Afsluitcode</source>
        <translation>Code de clôture</translation>
    </message>
    <message>
        <source>Afronden (Ctrl+Enter)</source>
        <translation>Finaliser (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Script (Ctrl+1…9 vinkt af)</source>
        <translation>Script (Ctrl+1…9 coche)</translation>
    </message>
    <message>
        <source>Kennisbank (Ctrl+F)</source>
        <translation>Base de connaissances (Ctrl+F)</translation>
    </message>
    <message>
        <source>Bellen</source>
        <translation>Appeler</translation>
    </message>
    <message>
        <source> (optioneel)</source>
        <translation> (facultatif)</translation>
    </message>
    <message>
        <source>Klantnummer</source>
        <translation>Numéro de client</translation>
    </message>
    <message>
        <source>Naam</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Adres</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Telefoon</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Rekening</source>
        <translation>Compte</translation>
    </message>
    <message>
        <source>Producten</source>
        <translation>Produits</translation>
    </message>
    <message>
        <source>Eerdere contacten</source>
        <translation>Contacts précédents</translation>
    </message>
    <message>
        <source>Nog geen klant geopend. Zoek de beller op met het klantnummer, het telefoonnummer of de naam die hij geeft (Ctrl+K, dan Enter).</source>
        <translation>Aucun client ouvert. Recherchez l&apos;appelant avec le numéro de client, le numéro de téléphone ou le nom qu&apos;il donne (Ctrl+K, puis Enter).</translation>
    </message>
    <message>
        <source>Geen klant gevonden voor &apos;%1&apos;. Zoek op klantnummer, telefoonnummer of volledige naam.</source>
        <translation>Aucun client trouvé pour « %1 ». Recherchez par numéro de client, numéro de téléphone ou nom complet.</translation>
    </message>
    <message>
        <source>•••• verborgen tot de beller geverifieerd is (F5)</source>
        <translation>•••• masqué jusqu&apos;à ce que l&apos;appelant soit vérifié (F5)</translation>
    </message>
    <message>
        <source>  ✓ bevestigd</source>
        <translation>  ✓ confirmé</translation>
    </message>
    <message>
        <source>Gewijzigd: %1</source>
        <translation>Modifié : %1</translation>
    </message>
    <message>
        <source>Klant: %1</source>
        <translation>Client : %1</translation>
    </message>
    <message>
        <source>Tik het nummer in en bel met F2</source>
        <translation>Tapez le numéro et appelez avec F2</translation>
    </message>
    <message>
        <source>Wachten op een oproep…</source>
        <translation>En attente d&apos;un appel…</translation>
    </message>
    <message>
        <source>☎ Het nummer gaat over…</source>
        <translation>☎ Le numéro sonne…</translation>
    </message>
    <message>
        <source>Bezet: leg in met F8 en bel later opnieuw</source>
        <translation>Occupé : raccrochez avec F8 et rappelez plus tard</translation>
    </message>
    <message>
        <source>Voicemail: spreek na de piep je bericht in, leg in met F8</source>
        <translation>Messagerie vocale : laissez votre message après le bip, raccrochez avec F8</translation>
    </message>
    <message>
        <source>☎ Inkomende oproep: opnemen met F2</source>
        <translation>☎ Appel entrant : décrochez avec F2</translation>
    </message>
    <message>
        <source>In gesprek</source>
        <translation>En communication</translation>
    </message>
    <message>
        <source>Beller in de wacht: hervatten met F3</source>
        <translation>Appelant en attente : reprenez avec F3</translation>
    </message>
    <message>
        <source>De klant heeft ingehaakt: beëindig met F8</source>
        <translation>Le client a raccroché : terminez avec F8</translation>
    </message>
    <message>
        <source>Gesprek beëindigd: rond af en druk op Ctrl+Enter</source>
        <translation>Appel terminé : finalisez et appuyez sur Ctrl+Enter</translation>
    </message>
    <message>
        <source>In de wacht (F3)</source>
        <translation>Attente (F3)</translation>
    </message>
    <message>
        <source>Hervatten (F3)</source>
        <translation>Reprendre (F3)</translation>
    </message>
</context>
<context>
    <name>CannedResponses</name>
    <message>
        <source>Typ om te filteren…</source>
        <translation>Tapez pour filtrer…</translation>
    </message>
    <message>
        <source>Standaardantwoorden filteren</source>
        <translation>Filtrer les réponses types</translation>
    </message>
    <message>
        <source>Standaardantwoorden</source>
        <translation>Réponses types</translation>
    </message>
</context>
<context>
    <name>ChatController</name>
    <message>
        <source>Klantnummer</source>
        <translation>Numéro de client</translation>
    </message>
    <message>
        <source>Naam</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Adres</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Telefoon</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Producten</source>
        <translation>Produits</translation>
    </message>
    <message>
        <source>Eerdere contacten</source>
        <translation>Contacts précédents</translation>
    </message>
    <message>
        <source>Collega</source>
        <translation>Collègue</translation>
    </message>
    <message>
        <source>Melding</source>
        <translation>Alerte</translation>
    </message>
    <message>
        <source>Dossier</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <source>Wachtrij</source>
        <translation>File d&apos;attente</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>Die chat is er (nog) niet.</source>
        <translation>Ce chat n&apos;existe pas (encore).</translation>
    </message>
    <message>
        <source>De klant heeft de chat verlaten: je antwoord komt niet meer aan.</source>
        <translation>Le client a quitté le chat : votre réponse ne lui parviendra plus.</translation>
    </message>
    <message>
        <source>Er staat nog niets in je antwoord.</source>
        <translation>Votre réponse est encore vide.</translation>
    </message>
    <message>
        <source>Dat standaardantwoord bestaat niet.</source>
        <translation>Cette réponse type n&apos;existe pas.</translation>
    </message>
    <message>
        <source>Dat veld hoort niet bij deze chat.</source>
        <translation>Ce champ n&apos;appartient pas à ce chat.</translation>
    </message>
    <message>
        <source>Er wacht geen melding op een antwoord.</source>
        <translation>Aucun message n&apos;attend de réponse.</translation>
    </message>
    <message>
        <source>Er wacht nog een klant of er komt er nog een: de sessie kan nog niet worden afgerond.</source>
        <translation>Un client attend encore ou doit encore arriver : la session ne peut pas encore être terminée.</translation>
    </message>
    <message>
        <source>Deze oefening heeft geen helpdesksysteem voor tickets.</source>
        <translation>Cet exercice n&apos;a pas de système de helpdesk pour les tickets.</translation>
    </message>
    <message>
        <source>Wachten op de eerste chat…</source>
        <translation>En attente du premier chat…</translation>
    </message>
    <message>
        <source>%n chat open</source>
        <translation>%n chat ouvert</translation>
    </message>
    <message>
        <source>%n chats open</source>
        <translation>%n chats ouverts</translation>
    </message>
    <message>
        <source>%n wacht op antwoord</source>
        <translation>%n attend une réponse</translation>
    </message>
    <message>
        <source>%n wachten op antwoord</source>
        <translation>%n attendent une réponse</translation>
    </message>
    <message>
        <source>%n klant vertrokken</source>
        <translation>%n client parti</translation>
    </message>
    <message>
        <source>%n klanten vertrokken</source>
        <translation>%n clients partis</translation>
    </message>
    <message>
        <source>Ctrl+%1 opent de chat</source>
        <translation>Ctrl+%1 ouvre le chat</translation>
    </message>
    <message>
        <source>alles afgehandeld: rond af met Ctrl+Enter</source>
        <translation>tout est traité : terminez avec Ctrl+Enter</translation>
    </message>
    <message>
        <source>nog %1 s</source>
        <translation>encore %1 s</translation>
    </message>
    <message>
        <source>te laat</source>
        <translation>trop tard</translation>
    </message>
</context>
<context>
    <name>ChatPane</name>
    <message>
        <source>Ctrl+%1 opent deze chat</source>
        <translation>Ctrl+%1 ouvre ce chat</translation>
    </message>
    <message>
        <source>Gesprek met %1</source>
        <translation>Conversation avec %1</translation>
    </message>
    <message>
        <source>Antwoord aan %1</source>
        <translation>Réponse à %1</translation>
    </message>
    <message>
        <source>Antwoord (Enter verstuurt, Shift+Enter: nieuwe regel)</source>
        <translation>Réponse (Enter envoie, Shift+Enter : nouvelle ligne)</translation>
    </message>
    <message>
        <source>Jij</source>
        <translation>Vous</translation>
    </message>
    <message>
        <source>%n nieuw bericht</source>
        <translation>%n nouveau message</translation>
    </message>
    <message>
        <source>%n nieuwe berichten</source>
        <translation>%n nouveaux messages</translation>
    </message>
    <message>
        <source>wacht %1</source>
        <translation>attend %1</translation>
    </message>
    <message>
        <source>%1 heeft de chat verlaten</source>
        <translation>%1 a quitté le chat</translation>
    </message>
    <message>
        <source>%1 heeft de chat verlaten.</source>
        <translation>%1 a quitté le chat.</translation>
    </message>
    <message>
        <source>Afgerond: de klant is geholpen</source>
        <translation>Terminé : le client a été aidé</translation>
    </message>
</context>
<context>
    <name>ChatResultsView</name>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Competentie</source>
        <translation>Compétence</translation>
    </message>
    <message>
        <source>Getoond</source>
        <translation>Démontrée</translation>
    </message>
    <message>
        <source>Waarom niet</source>
        <translation>Pourquoi pas</translation>
    </message>
    <message>
        <source>Klant</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Bericht van de klant</source>
        <translation>Message du client</translation>
    </message>
    <message>
        <source>Jouw antwoord</source>
        <translation>Votre réponse</translation>
    </message>
    <message>
        <source>Tijd</source>
        <translation>Temps</translation>
    </message>
    <message>
        <source>Oordeel</source>
        <translation>Verdict</translation>
    </message>
    <message>
        <source>Ontbreekt</source>
        <translation>Manque</translation>
    </message>
    <message>
        <source>Veld</source>
        <translation>Champ</translation>
    </message>
    <message>
        <source>Verwacht</source>
        <translation>Attendu</translation>
    </message>
    <message>
        <source>Ingevuld</source>
        <translation>Saisi</translation>
    </message>
    <message>
        <source>Melding</source>
        <translation>Alerte</translation>
    </message>
    <message>
        <source>Reactie</source>
        <translation>Réaction</translation>
    </message>
    <message>
        <source>Competenties</source>
        <translation>Compétences</translation>
    </message>
    <message>
        <source>Antwoorden</source>
        <translation>Réponses</translation>
    </message>
    <message>
        <source>Velden</source>
        <translation>Champs</translation>
    </message>
    <message>
        <source>Meldingen</source>
        <translation>Messages</translation>
    </message>
    <message>
        <source>Afgebroken</source>
        <translation>Interrompu</translation>
    </message>
    <message>
        <source>Geslaagd</source>
        <translation>Réussi</translation>
    </message>
    <message>
        <source>Niet geslaagd</source>
        <translation>Non réussi</translation>
    </message>
    <message>
        <source>ja</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>nee</source>
        <translation>non</translation>
    </message>
    <message>
        <source>niet getoetst</source>
        <translation>non évalué</translation>
    </message>
    <message>
        <source>Niet beoordeeld: de sessie werd niet afgerond.</source>
        <translation>Non évalué : la session n&apos;a pas été terminée.</translation>
    </message>
    <message>
        <source>Antwoorden: %1 op tijd, %2 te laat, %3 gemist.</source>
        <translation>Réponses : %1 à temps, %2 en retard, %3 manquées.</translation>
    </message>
    <message>
        <source>%1 heeft de chat verlaten na %2 wachten (op %3).</source>
        <translation>%1 a quitté le chat après %2 d&apos;attente (à %3).</translation>
    </message>
    <message>
        <source>Spelling: %1 van %2 woorden fout (%3, marge %4): %5</source>
        <translation>Orthographe : %1 mots fautifs sur %2 (%3, marge %4) : %5</translation>
    </message>
    <message>
        <source>Spelling: geen fouten in %1.</source>
        <translation>Orthographe : aucune faute en %1.</translation>
    </message>
    <message>
        <source>De sessie werd %1: niet volledig, dus niet geslaagd.</source>
        <translation>La session a été %1 : incomplète, donc non réussie.</translation>
    </message>
    <message>
        <source>norm %1 s</source>
        <translation>norme %1 s</translation>
    </message>
    <message>
        <source>begroeting</source>
        <translation>salutation</translation>
    </message>
    <message>
        <source>bedanking</source>
        <translation>remerciement</translation>
    </message>
    <message>
        <source>verontschuldiging</source>
        <translation>excuses</translation>
    </message>
    <message>
        <source>afsluitende groet</source>
        <translation>formule de clôture</translation>
    </message>
    <message>
        <source>te vermijden: &apos;%1&apos;</source>
        <translation>à éviter : « %1 »</translation>
    </message>
</context>
<context>
    <name>ChatView</name>
    <message>
        <source>Nog geen chat: wachten op een klant…</source>
        <translation>Pas encore de chat : en attente d&apos;un client…</translation>
    </message>
    <message>
        <source>Klantdossier</source>
        <translation>Dossier client</translation>
    </message>
    <message>
        <source>Contactformulier</source>
        <translation>Formulaire de contact</translation>
    </message>
    <message>
        <source>Meldingen (F9 bevestigt)</source>
        <translation>Messages (F9 confirme)</translation>
    </message>
    <message>
        <source>Kennisbank (Ctrl+F)</source>
        <translation>Connaissances (Ctrl+F)</translation>
    </message>
    <message>
        <source>Sessie afronden (Ctrl+Enter)</source>
        <translation>Terminer la session (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Antwoorden (Ctrl+T)</source>
        <translation>Réponses (Ctrl+T)</translation>
    </message>
    <message>
        <source>Ticket (Ctrl+I)</source>
        <translation>Ticket (Ctrl+I)</translation>
    </message>
    <message>
        <source> (optioneel)</source>
        <translation> (facultatif)</translation>
    </message>
    <message>
        <source>Geen klant in beeld.</source>
        <translation>Aucun client à l&apos;écran.</translation>
    </message>
    <message>
        <source>  ✓ bevestigd</source>
        <translation>  ✓ confirmé</translation>
    </message>
</context>
<context>
    <name>CoachViews</name>
    <message>
        <source>Resultaat openen</source>
        <translation>Ouvrir le résultat</translation>
    </message>
    <message>
        <source>Dit resultaat kan niet geopend worden: %1</source>
        <translation>Ce résultat ne peut pas être ouvert : %1</translation>
    </message>
    <message>
        <source>%1, %2: een eerder resultaat.</source>
        <translation>%1, %2 : un résultat antérieur.</translation>
    </message>
    <message>
        <source>Opnieuw berekend uit het logboek (er was geen resultaat bewaard).</source>
        <translation>Recalculé à partir du journal (aucun résultat n&apos;avait été conservé).</translation>
    </message>
    <message>
        <source>Opnieuw berekend uit het logboek (bewaard door een oudere versie).</source>
        <translation>Recalculé à partir du journal (conservé par une version antérieure).</translation>
    </message>
    <message>
        <source>Let op: de oefening is sindsdien gewijzigd.</source>
        <translation>Attention : l&apos;exercice a été modifié depuis.</translation>
    </message>
    <message>
        <source>Verzegeld door &apos;%1&apos; op %2: ongewijzigd.</source>
        <translation>Scellé par « %1 » le %2 : intact.</translation>
    </message>
    <message>
        <source>GEWIJZIGD: GEEN GELDIG RESULTAAT</source>
        <translation>MODIFIÉ : RÉSULTAT NON VALABLE</translation>
    </message>
    <message>
        <source>NIET VERZEGELD: GEEN GELDIG RESULTAAT</source>
        <translation>NON SCELLÉ : RÉSULTAT NON VALABLE</translation>
    </message>
    <message>
        <source>Dit examenresultaat is niet geldig: %1</source>
        <translation>Ce résultat d&apos;examen n&apos;est pas valable : %1</translation>
    </message>
</context>
<context>
    <name>CrashHandler</name>
    <message>
        <source>Simultaan botste op een programmafout (%1): wat je al deed is bewaard, en de details voor je coach of de helpdesk staan in %2.</source>
        <translation>Simultaan a rencontré une erreur de programme (%1) : ce que vous avez déjà fait est conservé, et les détails pour votre coach ou le helpdesk se trouvent dans %2.</translation>
    </message>
    <message>
        <source>Simultaan botste op een programmafout (%1): wat je al deed is bewaard, maar het logbestand kan niet worden geschreven in de gegevensmap.</source>
        <translation>Simultaan a rencontré une erreur de programme (%1) : ce que vous avez déjà fait est conservé, mais le fichier de log ne peut pas être écrit dans le dossier de données.</translation>
    </message>
    <message>
        <source>Programmafout</source>
        <translation>Erreur de programme</translation>
    </message>
</context>
<context>
    <name>DictationController</name>
    <message>
        <source>Geen geluid: %1. Sluit de headset aan en druk op F5.</source>
        <translation>Pas de son : %1. Branchez le casque et appuyez sur F5.</translation>
    </message>
    <message>
        <source>Fragment niet te lezen: %1</source>
        <translation>Extrait illisible : %1</translation>
    </message>
    <message>
        <source>Dit fragment mag je maar %1 keer beluisteren.</source>
        <translation>Vous ne pouvez écouter cet extrait que %1 fois.</translation>
    </message>
    <message>
        <source>Terugspoelen kan niet in een examenoefening.</source>
        <translation>Impossible de revenir en arrière dans un exercice d&apos;examen.</translation>
    </message>
    <message>
        <source>Het geluidsapparaat %1 werkt niet (meer). Je tekst blijft bewaard: sluit de headset aan en druk op F5 om verder te luisteren, of lever in met Ctrl+Enter.</source>
        <translation>Le périphérique audio %1 ne fonctionne pas (ou plus). Votre texte est conservé : branchez le casque et appuyez sur F5 pour continuer l&apos;écoute, ou remettez-le avec Ctrl+Enter.</translation>
    </message>
    <message>
        <source>Nog altijd geen geluid: %1. Sluit de headset aan en druk op F5, of lever in met Ctrl+Enter.</source>
        <translation>Toujours pas de son : %1. Branchez le casque et appuyez sur F5, ou remettez avec Ctrl+Enter.</translation>
    </message>
    <message>
        <source>Fragment %1 van %2</source>
        <translation>Extrait %1 sur %2</translation>
    </message>
    <message>
        <source>▶ speelt</source>
        <translation>▶ lecture</translation>
    </message>
    <message>
        <source>⏸ gepauzeerd</source>
        <translation>⏸ en pause</translation>
    </message>
    <message>
        <source>snelheid %1×</source>
        <translation>vitesse %1×</translation>
    </message>
    <message>
        <source>onbeperkt beluisteren</source>
        <translation>écoutes illimitées</translation>
    </message>
    <message>
        <source>nog %1 keer</source>
        <translation>encore %1 fois</translation>
    </message>
</context>
<context>
    <name>DictationEditor</name>
    <message>
        <source>Wat je hoort, getypt</source>
        <translation>Ce que vous entendez, tapé</translation>
    </message>
</context>
<context>
    <name>DictationView</name>
    <message>
        <source>F5 of Ctrl+Spatie: afspelen/pauze · F4: 2 s terug · F6: 2 s vooruit · F7: trager · F8: sneller · F9: volgend fragment · F3: vorig · Enter: nieuwe regel · Ctrl+Enter: inleveren · Esc: stoppen</source>
        <translation>F5 ou Ctrl+Espace : lecture/pause · F4 : 2 s en arrière · F6 : 2 s en avant · F7 : plus lent · F8 : plus rapide · F9 : extrait suivant · F3 : précédent · Enter : nouvelle ligne · Ctrl+Enter : remettre · Esc : arrêter</translation>
    </message>
</context>
<context>
    <name>DrillController</name>
    <message>
        <source>Fouten: – (marge %1)</source>
        <translation>Fautes : – (marge %1)</translation>
    </message>
    <message>
        <source>%1 — start bij je eerste aanslag</source>
        <translation>%1 — démarre à votre première frappe</translation>
    </message>
    <message>
        <source>Netto %1 wpm</source>
        <translation>Net %1 mots/min</translation>
    </message>
    <message>
        <source> (minimum %1)</source>
        <translation> (minimum %1)</translation>
    </message>
    <message>
        <source>Nog %1</source>
        <translation>Encore %1</translation>
    </message>
    <message>
        <source>Fouten: %1 (marge %2)</source>
        <translation>Fautes : %1 (marge %2)</translation>
    </message>
</context>
<context>
    <name>DrillView</name>
    <message>
        <source>Backspace verbetert · Ctrl+Enter: inleveren · Esc: stoppen</source>
        <translation>Backspace corrige · Ctrl+Enter : remettre · Esc : arrêter</translation>
    </message>
</context>
<context>
    <name>EvaluatorsDialog</name>
    <message>
        <source>Evaluatie van examens</source>
        <translation>Évaluation des examens</translation>
    </message>
    <message>
        <source>E&amp;xamen:</source>
        <translation>E&amp;xamen :</translation>
    </message>
    <message>
        <source>&amp;Onderdelen</source>
        <translation>&amp;Parties</translation>
    </message>
    <message>
        <source>Bewijs per &amp;competentie</source>
        <translation>Preuves par &amp;compétence</translation>
    </message>
    <message>
        <source>Onderdeel</source>
        <translation>Partie</translation>
    </message>
    <message>
        <source>Oefening</source>
        <translation>Exercice</translation>
    </message>
    <message>
        <source>Automatisch oordeel</source>
        <translation>Verdict automatique</translation>
    </message>
    <message>
        <source>Foutenpercentage</source>
        <translation>Taux d&apos;erreurs</translation>
    </message>
    <message>
        <source>Verzegeling</source>
        <translation>Sceau</translation>
    </message>
    <message>
        <source>&amp;Rapport…</source>
        <translation>&amp;Rapport…</translation>
    </message>
    <message>
        <source>Oordelen &amp;bewaren  (Ctrl+Enter)</source>
        <translation>Enregistrer les &amp;verdicts  (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Af&amp;tekenen</source>
        <translation>&amp;Signer</translation>
    </message>
    <message>
        <source>B&amp;undel exporteren…</source>
        <translation>Exporter le l&amp;ot…</translation>
    </message>
    <message>
        <source>Zoals laatst opgehaald: %1</source>
        <translation>Tel que récupéré la dernière fois : %1</translation>
    </message>
    <message>
        <source>Er zijn nog geen examens in deze opslag.</source>
        <translation>Il n&apos;y a pas encore d&apos;examens dans cette base.</translation>
    </message>
    <message>
        <source>Afgetekend en verzegeld: de oordelen liggen vast.</source>
        <translation>Signé et scellé : les verdicts sont définitifs.</translation>
    </message>
    <message>
        <source>Let op: niet elk onderdeel is ongewijzigd verzegeld.</source>
        <translation>Attention : toutes les parties ne sont pas scellées intactes.</translation>
    </message>
    <message>
        <source>Twee evaluatoren geven elk hun oordeel; dan aftekenen.</source>
        <translation>Deux évaluateurs rendent chacun leur verdict ; puis signer.</translation>
    </message>
    <message>
        <source>Beide evaluatoren: %1. Klaar om af te tekenen.</source>
        <translation>Les deux évaluateurs : %1. Prêt à signer.</translation>
    </message>
    <message>
        <source>geslaagd</source>
        <translation>réussi</translation>
    </message>
    <message>
        <source>niet geslaagd</source>
        <translation>non réussi</translation>
    </message>
    <message>
        <source>NIET GELDIG: %1</source>
        <translation>NON VALABLE : %1</translation>
    </message>
    <message>
        <source>ongewijzigd (&apos;%1&apos;, %2)</source>
        <translation>intact (« %1 », %2)</translation>
    </message>
    <message>
        <source>Competentie</source>
        <translation>Compétence</translation>
    </message>
    <message>
        <source>getoond</source>
        <translation>démontrée</translation>
    </message>
    <message>
        <source>niet getoond</source>
        <translation>non démontrée</translation>
    </message>
    <message>
        <source>Evaluator %1: kies een oordeel.</source>
        <translation>Évaluateur %1 : choisissez un verdict.</translation>
    </message>
    <message>
        <source>Bundel voor het testcentrum</source>
        <translation>Lot pour le centre de test</translation>
    </message>
    <message>
        <source>Zip-bestand (*.zip)</source>
        <translation>Fichier zip (*.zip)</translation>
    </message>
    <message>
        <source>De bundel kon niet worden bewaard in %1: %2</source>
        <translation>Le lot n&apos;a pas pu être enregistré dans %1 : %2</translation>
    </message>
    <message>
        <source>Bundel bewaard: %1</source>
        <translation>Lot enregistré : %1</translation>
    </message>
</context>
<context>
    <name>ExamCall</name>
    <message>
        <source>Geen geluid: %1. Roep de toezichter; hij kan de headset aansluiten.</source>
        <translation>Pas de son : %1. Appelez le surveillant ; il peut brancher le casque.</translation>
    </message>
</context>
<context>
    <name>ExamDictation</name>
    <message>
        <source>Geen geluid: %1. Sluit de headset aan en druk op F5.</source>
        <translation>Pas de son : %1. Branchez le casque et appuyez sur F5.</translation>
    </message>
    <message>
        <source>Nog altijd geen geluid: %1. Roep de toezichter.</source>
        <translation>Toujours pas de son : %1. Appelez le surveillant.</translation>
    </message>
    <message>
        <source>Het geluidsapparaat %1 werkt niet (meer). Je tekst blijft bewaard: roep de toezichter, en druk op F5 om verder te luisteren. De tijd loopt door.</source>
        <translation>Le périphérique audio %1 ne fonctionne pas (ou plus). Votre texte est conservé : appelez le surveillant, et appuyez sur F5 pour continuer l&apos;écoute. Le temps continue de s&apos;écouler.</translation>
    </message>
</context>
<context>
    <name>ExamScreen</name>
    <message>
        <source>Aanmelden voor het examen</source>
        <translation>Enregistrement pour l&apos;examen</translation>
    </message>
    <message>
        <source>Kandidaatnummer</source>
        <translation>Numéro de candidat</translation>
    </message>
    <message>
        <source>&amp;Naam</source>
        <translation>&amp;Nom</translation>
    </message>
    <message>
        <source>&amp;Code van de toezichter</source>
        <translation>&amp;Code du surveillant</translation>
    </message>
    <message>
        <source>&amp;Bevestigen</source>
        <translation>Con&amp;firmer</translation>
    </message>
    <message>
        <source>Examen onderbroken</source>
        <translation>Examen interrompu</translation>
    </message>
    <message>
        <source>&amp;Hervatten</source>
        <translation>&amp;Reprendre</translation>
    </message>
    <message>
        <source>&amp;Sluiten zonder te hervatten</source>
        <translation>&amp;Fermer sans reprendre</translation>
    </message>
    <message>
        <source>Het examen &amp;starten</source>
        <translation>&amp;Commencer l&apos;examen</translation>
    </message>
    <message>
        <source>Resterende tijd</source>
        <translation>Temps restant</translation>
    </message>
    <message>
        <source>Volgend onderdeel &amp;starten</source>
        <translation>&amp;Commencer la partie suivante</translation>
    </message>
    <message>
        <source>Het examen is voorbij</source>
        <translation>L&apos;examen est terminé</translation>
    </message>
    <message>
        <source>Voor de toezichter: Esc, dan de code, sluit dit scherm.</source>
        <translation>Pour le surveillant : Esc, puis le code, ferme cet écran.</translation>
    </message>
    <message>
        <source>Het examen verlaten</source>
        <translation>Quitter l&apos;examen</translation>
    </message>
    <message>
        <source>Alleen de toezichter kan het examen verlaten. De tijd loopt door.</source>
        <translation>Seul le surveillant peut quitter l&apos;examen. Le temps continue de s&apos;écouler.</translation>
    </message>
    <message>
        <source>Het examen is voorbij en bewaard. Alleen de toezichter sluit dit scherm.</source>
        <translation>L&apos;examen est terminé et enregistré. Seul le surveillant ferme cet écran.</translation>
    </message>
    <message>
        <source>Alleen de toezichter kan het examen verlaten. Er loopt nu geen onderdeel.</source>
        <translation>Seul le surveillant peut quitter l&apos;examen. Aucune partie n&apos;est en cours.</translation>
    </message>
    <message>
        <source>&amp;Verlaten</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Terug naar het examen</source>
        <translation>&amp;Retour à l&apos;examen</translation>
    </message>
</context>
<context>
    <name>ExamWindow</name>
    <message>
        <source>Die code klopt niet.</source>
        <translation>Ce code n&apos;est pas le bon.</translation>
    </message>
    <message>
        <source>Vul de naam van de kandidaat in.</source>
        <translation>Saisissez le nom du candidat.</translation>
    </message>
    <message>
        <source>Het examen van %1 (kandidaat %2) werd onderbroken in onderdeel %3 van %4, na %5 van de %6 minuten. Het gaat verder waar het stopte; wat al getypt was, blijft staan.</source>
        <translation>L&apos;examen de %1 (candidat %2) a été interrompu pendant la partie %3 sur %4, après %5 des %6 minutes. Il reprend là où il s&apos;est arrêté ; ce qui a déjà été tapé est conservé.</translation>
    </message>
    <message>
        <source>daarmee is het examen af.</source>
        <translation>l&apos;examen est alors terminé.</translation>
    </message>
    <message>
        <source>het examen gaat verder met onderdeel %1.</source>
        <translation>l&apos;examen continue avec la partie %1.</translation>
    </message>
    <message>
        <source>Let op: onderdeel %1 is een gesprek dat niet verder kan waar het stopte: het logboek laat niet toe het na te bouwen zoals het was. Het wordt beoordeeld met wat er tot de onderbreking gebeurde; %2</source>
        <translation>Attention : la partie %1 est un appel qui ne peut pas reprendre là où il s&apos;est arrêté : son journal ne permet pas de le reconstruire tel qu&apos;il était. Il est évalué sur ce qui s&apos;est passé jusqu&apos;à l&apos;interruption ; %2</translation>
    </message>
    <message>
        <source>Onderdeel %1: %2 (%3 minuten)</source>
        <translation>Partie %1 : %2 (%3 minutes)</translation>
    </message>
    <message>
        <source>Elk onderdeel stopt vanzelf als de tijd om is. Pauzeren of opnieuw beginnen kan niet.</source>
        <translation>Chaque partie s&apos;arrête d&apos;elle-même quand le temps est écoulé. Il n&apos;est pas possible de faire une pause ni de recommencer.</translation>
    </message>
    <message>
        <source>Onderdeel %1 van %2: %3</source>
        <translation>Partie %1 sur %2 : %3</translation>
    </message>
    <message>
        <source>Er kan niet worden geschreven in %1 (%2). Roep de toezichter; wat je typt, blijft bewaard en wordt geschreven zodra het weer kan.</source>
        <translation>Impossible d&apos;écrire dans %1 (%2). Appelez le surveillant ; ce que vous tapez est conservé et sera écrit dès que possible.</translation>
    </message>
    <message>
        <source>Onderdeel %1 is voorbij. Het volgende onderdeel: %2 (%3 minuten).</source>
        <translation>La partie %1 est terminée. Partie suivante : %2 (%3 minutes).</translation>
    </message>
    <message>
        <source>Bedankt. Je resultaat wordt je later meegedeeld.</source>
        <translation>Merci. Votre résultat vous sera communiqué plus tard.</translation>
    </message>
    <message>
        <source>geslaagd</source>
        <translation>réussi</translation>
    </message>
    <message>
        <source>niet geslaagd</source>
        <translation>non réussi</translation>
    </message>
    <message>
        <source>Onderdeel %1, %2: %3</source>
        <translation>Partie %1, %2 : %3</translation>
    </message>
    <message>
        <source>Het examen kan nu niet stoppen: %1 (%2). Maak eerst ruimte vrij; wat de kandidaat typte, staat nog alleen in het geheugen.</source>
        <translation>L&apos;examen ne peut pas s&apos;arrêter maintenant : %1 (%2). Libérez d&apos;abord de l&apos;espace ; ce que le candidat a tapé n&apos;est encore qu&apos;en mémoire.</translation>
    </message>
</context>
<context>
    <name>GroupTable</name>
    <message>
        <source>Gr&amp;oep:</source>
        <translation>Gr&amp;oupe :</translation>
    </message>
    <message>
        <source>Alle cursisten</source>
        <translation>Tous les stagiaires</translation>
    </message>
    <message>
        <source>Cursist</source>
        <translation>Stagiaire</translation>
    </message>
    <message>
        <source>Sessies</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <source>Geslaagd</source>
        <translation>Réussi</translation>
    </message>
    <message>
        <source>Mediane snelheid (wpm)</source>
        <translation>Vitesse médiane (mots/min)</translation>
    </message>
    <message>
        <source>Mediaan foutpercentage</source>
        <translation>Taux d&apos;erreur médian</translation>
    </message>
    <message>
        <source>Gegevensinvoer juist</source>
        <translation>Saisie correcte</translation>
    </message>
    <message>
        <source>Laatste sessie</source>
        <translation>Dernière session</translation>
    </message>
    <message>
        <source>Vergelijking van de cursisten</source>
        <translation>Comparaison des stagiaires</translation>
    </message>
    <message>
        <source>Groep</source>
        <translation>Groupe</translation>
    </message>
</context>
<context>
    <name>HomeView</name>
    <message>
        <source>&amp;Cursist:</source>
        <translation>&amp;Stagiaire :</translation>
    </message>
    <message>
        <source>&amp;Nieuwe cursist…</source>
        <translation>&amp;Nouveau stagiaire…</translation>
    </message>
    <message>
        <source>&amp;Instellingen…</source>
        <translation>&amp;Paramètres…</translation>
    </message>
    <message>
        <source>C&amp;ursisten…</source>
        <translation>Stagia&amp;ires…</translation>
    </message>
    <message>
        <source>Cursisten hernoemen, archiveren, groepen (Ctrl+T)</source>
        <translation>Renommer et archiver les stagiaires, groupes (Ctrl+T)</translation>
    </message>
    <message>
        <source>S&amp;essies…</source>
        <translation>Sessi&amp;ons…</translation>
    </message>
    <message>
        <source>Alle sessies, met filters (Ctrl+H)</source>
        <translation>Toutes les sessions, avec filtres (Ctrl+H)</translation>
    </message>
    <message>
        <source>&amp;Voortgang…</source>
        <translation>Pro&amp;gression…</translation>
    </message>
    <message>
        <source>Grafieken van de cursist, een groep vergeleken, fouten per toets (Ctrl+G)</source>
        <translation>Graphiques du stagiaire, comparaison d&apos;un groupe, fautes par touche (Ctrl+G)</translation>
    </message>
    <message>
        <source>Op &amp;maat oefenen  (Ctrl+P)</source>
        <translation>Entraînement sur &amp;mesure  (Ctrl+P)</translation>
    </message>
    <message>
        <source>Een oefening uit echte werkteksten met de toetsen, lettercombinaties en woorden die deze cursist de laatste tijd het vaakst fout typte</source>
        <translation>Un exercice tiré de vrais textes de travail, avec les touches, les suites de lettres et les mots que ce stagiaire a le plus souvent mal tapés ces derniers temps</translation>
    </message>
    <message>
        <source>Oefening</source>
        <translation>Exercice</translation>
    </message>
    <message>
        <source>Niveau</source>
        <translation>Niveau</translation>
    </message>
    <message>
        <source>Tijd</source>
        <translation>Temps</translation>
    </message>
    <message>
        <source>Foutmarge</source>
        <translation>Marge</translation>
    </message>
    <message>
        <source>Behaald</source>
        <translation>Obtenu</translation>
    </message>
    <message>
        <source>&amp;Oefeningen</source>
        <translation>E&amp;xercices</translation>
    </message>
    <message>
        <source>&amp;Start oefening  (Enter)</source>
        <translation>&amp;Démarrer l&apos;exercice  (Enter)</translation>
    </message>
    <message>
        <source>Wanneer</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>wpm</source>
        <translation>mots/min</translation>
    </message>
    <message>
        <source>Fouten</source>
        <translation>Fautes</translation>
    </message>
    <message>
        <source>Resultaat</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>&amp;Recente resultaten</source>
        <translation>Résultats &amp;récents</translation>
    </message>
    <message>
        <source>Enter of dubbelklikken opent het resultaat.</source>
        <translation>Enter ou un double-clic ouvre le résultat.</translation>
    </message>
    <message>
        <source>Oefeningen laden…</source>
        <translation>Chargement des exercices…</translation>
    </message>
    <message numerus="yes">
        <source>Defecte bestanden (%n)</source>
        <translation>
            <numerusform>Fichiers défectueux (%n)</numerusform>
            <numerusform>Fichiers défectueux (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 aan %2 wpm</source>
        <translation>%1 à %2 mots/min</translation>
    </message>
    <message>
        <source>geslaagd, beste %1</source>
        <translation>réussi, meilleur résultat %1</translation>
    </message>
    <message>
        <source>gedaan, nog niet geslaagd; beste %1</source>
        <translation>fait, pas encore réussi ; meilleur résultat %1</translation>
    </message>
    <message>
        <source>gedaan, nog niet geslaagd</source>
        <translation>fait, pas encore réussi</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>defect</source>
        <translation>défectueux</translation>
    </message>
    <message>
        <source>regel %1: %2</source>
        <translation>ligne %1 : %2</translation>
    </message>
    <message>
        <source>Kies een oefening in de lijst.</source>
        <translation>Choisissez un exercice dans la liste.</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>Tijdslimiet: %1</source>
        <translation>Temps limite : %1</translation>
    </message>
    <message>
        <source>Geslaagd bij ten hoogste %1 fouten (%2)</source>
        <translation>Réussi avec au plus %1 de fautes (%2)</translation>
    </message>
    <message>
        <source>Je belt zelf, gespreksduur ten hoogste %1.</source>
        <translation>C&apos;est vous qui appelez, durée de l&apos;appel au plus %1.</translation>
    </message>
    <message>
        <source>Opnemen binnen %1 s, gespreksduur ten hoogste %2.</source>
        <translation>Décrocher dans les %1 s, durée de l&apos;appel au plus %2.</translation>
    </message>
    <message>
        <source>%1 in te vullen, %2 om tijdig te bevestigen</source>
        <translation>%1 à remplir, %2 à confirmer à temps</translation>
    </message>
    <message>
        <source>Toetsen: F2 opnemen, F3 in de wacht, F4 laten herhalen, Ctrl+K klant opzoeken, F5/F6 geverifieerd of niet, F7 doorverbinden, F8 ophangen, F9 melding bevestigen, Ctrl+F kennisbank, Ctrl+Enter afronden.</source>
        <translation>Touches : F2 décrocher, F3 attente, F4 faire répéter, Ctrl+K rechercher le client, F5/F6 vérifié ou non, F7 transférer, F8 raccrocher, F9 confirmer un message, Ctrl+F base de connaissances, Ctrl+Enter finaliser.</translation>
    </message>
    <message>
        <source>Niet getoond: %1</source>
        <translation>Non démontrées : %1</translation>
    </message>
    <message>
        <source>geslaagd</source>
        <translation>réussi</translation>
    </message>
    <message>
        <source>Fragment o&amp;pnemen…</source>
        <translation>&amp;Enregistrer un extrait…</translation>
    </message>
    <message>
        <source>niet geslaagd</source>
        <translation>non réussi</translation>
    </message>
</context>
<context>
    <name>KeysPanel</name>
    <message>
        <source>&amp;Weergave:</source>
        <translation>&amp;Affichage :</translation>
    </message>
    <message>
        <source>Fouten per toets</source>
        <translation>Fautes par touche</translation>
    </message>
    <message>
        <source>Aarzelingen per toets</source>
        <translation>Hésitations par touche</translation>
    </message>
    <message>
        <source>Per vinger</source>
        <translation>Par doigt</translation>
    </message>
    <message>
        <source>Toetsenbord met fouten per toets</source>
        <translation>Clavier avec les fautes par touche</translation>
    </message>
    <message>
        <source>Fouten en aarzelingen per vinger</source>
        <translation>Fautes et hésitations par doigt</translation>
    </message>
    <message>
        <source>Toetsaanslagen lezen uit %1…</source>
        <translation>Lecture des frappes de %1…</translation>
    </message>
    <message>
        <source>%n logboek</source>
        <translation>%n journal</translation>
    </message>
    <message>
        <source>%n logboeken</source>
        <translation>%n journaux</translation>
    </message>
    <message>
        <source>%1 gelezen. Gewone pauze tussen twee toetsen: %2 s; een aarzeling: langer dan %3 s.</source>
        <translation>%1 lues. Pause habituelle entre deux touches : %2 s ; une hésitation : plus de %3 s.</translation>
    </message>
    <message>
        <source>%n sessie</source>
        <translation>%n session</translation>
    </message>
    <message>
        <source>%n sessies</source>
        <translation>%n sessions</translation>
    </message>
    <message>
        <source>%n sessie telt niet mee (logboek of oefening ontbreekt).</source>
        <translation>%n session n&apos;est pas comptée (journal ou exercice manquant).</translation>
    </message>
    <message>
        <source>%n sessies tellen niet mee (logboek of oefening ontbreekt).</source>
        <translation>%n sessions ne sont pas comptées (journal ou exercice manquant).</translation>
    </message>
    <message>
        <source>Het getal op een toets: fouten op die toets over alle sessies, ook de verbeterde.</source>
        <translation>Le nombre sur une touche : les fautes sur cette touche dans toutes les sessions, corrigées ou non.</translation>
    </message>
    <message>
        <source>Het getal op een toets: hoe vaak de cursist aarzelde voor die toets.</source>
        <translation>Le nombre sur une touche : combien de fois le stagiaire a hésité avant cette touche.</translation>
    </message>
    <message>
        <source>pink L</source>
        <translation>auriculaire G</translation>
    </message>
    <message>
        <source>ring L</source>
        <translation>annulaire G</translation>
    </message>
    <message>
        <source>middel L</source>
        <translation>majeur G</translation>
    </message>
    <message>
        <source>wijs L</source>
        <translation>index G</translation>
    </message>
    <message>
        <source>duimen</source>
        <translation>pouces</translation>
    </message>
    <message>
        <source>wijs R</source>
        <translation>index D</translation>
    </message>
    <message>
        <source>middel R</source>
        <translation>majeur D</translation>
    </message>
    <message>
        <source>ring R</source>
        <translation>annulaire D</translation>
    </message>
    <message>
        <source>pink R</source>
        <translation>auriculaire D</translation>
    </message>
    <message>
        <source>fouten per teken</source>
        <translation>fautes par caractère</translation>
    </message>
    <message>
        <source>aarzelingen per toetsaanslag</source>
        <translation>hésitations par frappe</translation>
    </message>
    <message>
        <source>aandeel (%)</source>
        <translation>part (%)</translation>
    </message>
    <message>
        <source>%1: %2 fouten, %3 aarzelingen</source>
        <translation>%1 : %2 de fautes, %3 d&apos;hésitations</translation>
    </message>
</context>
<context>
    <name>KnowledgePanel</name>
    <message>
        <source>Kennisbank</source>
        <translation>Base de connaissances</translation>
    </message>
    <message>
        <source>Zoeken…</source>
        <translation>Rechercher…</translation>
    </message>
    <message>
        <source>Kennisbank doorzoeken</source>
        <translation>Rechercher dans la base de connaissances</translation>
    </message>
    <message>
        <source>Gevonden artikels</source>
        <translation>Articles trouvés</translation>
    </message>
    <message>
        <source>Artikel uit de kennisbank</source>
        <translation>Article de la base de connaissances</translation>
    </message>
    <message>
        <source>Artikel voorstellen… (Ctrl+Shift+F)</source>
        <translation>Proposer un article… (Ctrl+Shift+F)</translation>
    </message>
    <message>
        <source>Een nieuw artikel, of een wijziging van het open artikel, voorstellen aan de coach (Ctrl+Shift+F)</source>
        <translation>Proposer au coach un nouvel article, ou une modification de l&apos;article ouvert (Ctrl+Shift+F)</translation>
    </message>
    <message>
        <source>Geen artikels gevonden.</source>
        <translation>Aucun article trouvé.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Oefeningen</source>
        <translation>Exercices</translation>
    </message>
    <message>
        <source>De oefeningen konden niet worden gelezen: %1</source>
        <translation>Les exercices n&apos;ont pas pu être lus : %1</translation>
    </message>
    <message>
        <source>De instellingen konden niet worden bewaard in %1: %2</source>
        <translation>Les paramètres n&apos;ont pas pu être enregistrés dans %1 : %2</translation>
    </message>
    <message>
        <source>Nieuwe cursist</source>
        <translation>Nouveau stagiaire</translation>
    </message>
    <message>
        <source>Naam van de cursist:</source>
        <translation>Nom du stagiaire :</translation>
    </message>
    <message>
        <source>Er is al een cursist met de naam “%1”.</source>
        <translation>Il y a déjà un stagiaire nommé « %1 ».</translation>
    </message>
    <message>
        <source>Tekstgrootte: %1 %</source>
        <translation>Taille du texte : %1 %</translation>
    </message>
    <message>
        <source>Oefening kan niet starten</source>
        <translation>Impossible de démarrer l&apos;exercice</translation>
    </message>
    <message>
        <source>De oefening kon niet starten: de map %1 kan het logboek of de gegevens niet bewaren (%2). Maak ruimte vrij of kies een andere map.</source>
        <translation>L&apos;exercice n&apos;a pas pu démarrer : le dossier %1 ne peut pas enregistrer le journal ou les données (%2). Libérez de la place ou choisissez un autre dossier.</translation>
    </message>
    <message>
        <source>Nog niet beschikbaar</source>
        <translation>Pas encore disponible</translation>
    </message>
    <message>
        <source>Geluid</source>
        <translation>Son</translation>
    </message>
    <message>
        <source>Instellingen</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>Het instellingenbestand was beschadigd en is opzijgezet; de standaardinstellingen worden gebruikt.

%1</source>
        <translation>Le fichier des paramètres était endommagé et a été mis de côté ; les paramètres par défaut sont utilisés.

%1</translation>
    </message>
    <message>
        <source>Onderbroken sessies</source>
        <translation>Sessions interrompues</translation>
    </message>
    <message>
        <source>Simultaan werd afgesloten tijdens %1. Wat er getypt werd, staat in het logboek. Nu herstellen en scoren?</source>
        <translation>Simultaan a été fermé pendant %1. Ce qui a été tapé se trouve dans le journal. Récupérer et évaluer maintenant ?</translation>
    </message>
    <message>
        <source>Sessies herstellen…</source>
        <translation>Récupération des sessions…</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
    </message>
    <message>
        <source>niet hersteld: %1</source>
        <translation>non récupérée : %1</translation>
    </message>
    <message>
        <source>Gegevensbestand opnieuw opbouwen…</source>
        <translation>Reconstruction de la base de données…</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Plus tard</translation>
    </message>
    <message>
        <source>Oefeningen van de soort “%1” kan deze versie nog niet starten.</source>
        <translation>Cette version ne peut pas encore lancer les exercices de type « %1 ».</translation>
    </message>
    <message>
        <source>%1 op werkplek %2; herstellen kan hier niet.</source>
        <translation>%1 sur le poste %2 ; la récupération n&apos;est pas possible ici.</translation>
    </message>
    <message>
        <source>Gegevensbestand hersteld</source>
        <translation>Base de données réparée</translation>
    </message>
    <message>
        <source>Het gegevensbestand %1 was beschadigd. Het is opzijgezet als %2 en opnieuw opgebouwd uit de logboeken: %3 teruggezet.</source>
        <translation>La base de données %1 était endommagée. Elle a été mise de côté sous le nom %2 et reconstruite à partir des journaux, qui ont permis de récupérer %3.</translation>
    </message>
    <message>
        <source>Simultaan kan niet starten</source>
        <translation>Simultaan ne peut pas démarrer</translation>
    </message>
</context>
<context>
    <name>ProgressDialog</name>
    <message>
        <source>Snelheid</source>
        <translation>Vitesse</translation>
    </message>
    <message>
        <source>netto woorden per minuut</source>
        <translation>mots nets par minute</translation>
    </message>
    <message>
        <source>Foutpercentage</source>
        <translation>Taux d&apos;erreur</translation>
    </message>
    <message>
        <source>fouten (%)</source>
        <translation>fautes (%)</translation>
    </message>
    <message>
        <source>Geslaagd</source>
        <translation>Réussi</translation>
    </message>
    <message>
        <source>sessies (%)</source>
        <translation>sessions (%)</translation>
    </message>
    <message>
        <source>Gegevensinvoer</source>
        <translation>Saisie des données</translation>
    </message>
    <message>
        <source>velden juist (%)</source>
        <translation>champs corrects (%)</translation>
    </message>
    <message>
        <source>Reactietijden</source>
        <translation>Temps de réaction</translation>
    </message>
    <message>
        <source>seconden</source>
        <translation>secondes</translation>
    </message>
    <message>
        <source>Competenties</source>
        <translation>Compétences</translation>
    </message>
    <message>
        <source>aangetoond in de laatste 10 gesprekken (%)</source>
        <translation>démontrée dans les 10 derniers appels (%)</translation>
    </message>
    <message>
        <source>Voortgang</source>
        <translation>Progression</translation>
    </message>
    <message>
        <source>Sluiten</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>P&amp;ortfolio…</source>
        <translation>Portfo&amp;lio…</translation>
    </message>
    <message>
        <source>Het competentieportfolio van deze cursist bewaren als PDF of HTML</source>
        <translation>Enregistrer le portfolio de compétences de ce stagiaire en PDF ou en HTML</translation>
    </message>
    <message>
        <source>&amp;Cursist:</source>
        <translation>&amp;Stagiaire :</translation>
    </message>
    <message>
        <source>&amp;Per:</source>
        <translation>&amp;Par :</translation>
    </message>
    <message>
        <source>sessie</source>
        <translation>session</translation>
    </message>
    <message>
        <source>week</source>
        <translation>semaine</translation>
    </message>
    <message>
        <source>maand</source>
        <translation>mois</translation>
    </message>
    <message>
        <source>Cursist</source>
        <translation>Stagiaire</translation>
    </message>
    <message>
        <source>Periode van een punt</source>
        <translation>Période d&apos;un point</translation>
    </message>
    <message>
        <source>&amp;Grafieken</source>
        <translation>&amp;Graphiques</translation>
    </message>
    <message>
        <source>G&amp;roep</source>
        <translation>G&amp;roupe</translation>
    </message>
    <message>
        <source>&amp;Toetsen</source>
        <translation>&amp;Touches</translation>
    </message>
    <message>
        <source>netto snelheid (mediaan)</source>
        <translation>vitesse nette (médiane)</translation>
    </message>
    <message>
        <source>foutpercentage (mediaan)</source>
        <translation>taux d&apos;erreur (médiane)</translation>
    </message>
    <message>
        <source>marge %1</source>
        <translation>marge %1</translation>
    </message>
    <message>
        <source>geslaagd</source>
        <translation>réussi</translation>
    </message>
    <message>
        <source>velden juist ingevuld</source>
        <translation>champs remplis correctement</translation>
    </message>
    <message>
        <source>opnemen na het rinkelen</source>
        <translation>décrocher après la sonnerie</translation>
    </message>
    <message>
        <source>invoeren na het zeggen</source>
        <translation>saisie après l&apos;énoncé</translation>
    </message>
    <message>
        <source>%n sessie</source>
        <translation>%n session</translation>
    </message>
    <message>
        <source>%n sessies</source>
        <translation>%n sessions</translation>
    </message>
</context>
<context>
    <name>ProposalDialog</name>
    <message>
        <source>Wijziging van een artikel voorstellen</source>
        <translation>Proposer une modification d&apos;article</translation>
    </message>
    <message>
        <source>Voor de coach: pas het artikel aan zoals het zou moeten zijn. Het artikel zelf verandert niet.</source>
        <translation>Pour le coach : adaptez l&apos;article tel qu&apos;il devrait être. L&apos;article lui-même ne change pas.</translation>
    </message>
    <message>
        <source>Nieuw artikel voorstellen</source>
        <translation>Proposer un nouvel article</translation>
    </message>
    <message>
        <source>Voor de coach: een artikel dat in de kennisbank ontbreekt.</source>
        <translation>Pour le coach : un article qui manque dans la base de connaissances.</translation>
    </message>
    <message>
        <source>Wat een collega moet weten: de klacht, de oplossing, wanneer doorsturen.</source>
        <translation>Ce qu&apos;un collègue doit savoir : la plainte, la solution, quand transférer.</translation>
    </message>
    <message>
        <source>&amp;Titel</source>
        <translation>&amp;Titre</translation>
    </message>
    <message>
        <source>Te&amp;kst</source>
        <translation>Te&amp;xte</translation>
    </message>
    <message>
        <source>&amp;Voorstellen (Ctrl+Enter)</source>
        <translation>&amp;Proposer (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Annuleren (Esc)</source>
        <translation>Annuler (Esc)</translation>
    </message>
</context>
<context>
    <name>ProposalsPage</name>
    <message>
        <source>Voor de coach: niet beoordeeld.</source>
        <translation>Pour le coach : non évalué.</translation>
    </message>
</context>
<context>
    <name>QueueController</name>
    <message>
        <source>Er wacht geen contact: kies er een in de lijst.</source>
        <translation>Aucun contact n&apos;attend : choisissez-en un dans la liste.</translation>
    </message>
    <message>
        <source>Neem eerst een contact (F2).</source>
        <translation>Prenez d&apos;abord un contact (F2).</translation>
    </message>
    <message>
        <source>Kies eerst een ticket in de lijst (Ctrl+2).</source>
        <translation>Choisissez d&apos;abord un ticket dans la liste (Ctrl+2).</translation>
    </message>
    <message>
        <source>Dienst beëindigen?</source>
        <translation>Terminer le service ?</translation>
    </message>
    <message>
        <source>Wil je de dienst nu beëindigen? Wat nog open staat, wordt beoordeeld zoals het is; de SLA-tijden lopen door tot het einde van de dienst.</source>
        <translation>Voulez-vous terminer le service maintenant ? Ce qui reste ouvert est évalué tel quel ; les délais SLA courent jusqu&apos;à la fin du service.</translation>
    </message>
    <message>
        <source>%1 binnengekomen: %2</source>
        <translation>%1 entrant : %2</translation>
    </message>
    <message>
        <source>De dienst is voorbij.</source>
        <translation>Le service est terminé.</translation>
    </message>
    <message>
        <source>Dat contact is (nog) niet binnengekomen.</source>
        <translation>Ce contact n&apos;est pas (encore) arrivé.</translation>
    </message>
    <message>
        <source>Neem het contact eerst (F2).</source>
        <translation>Prenez d&apos;abord le contact (F2).</translation>
    </message>
    <message>
        <source> (VIP)</source>
        <translation> (VIP)</translation>
    </message>
    <message>
        <source>VIP: gaat voor bij gelijke prioriteit</source>
        <translation>VIP : passe en premier à priorité égale</translation>
    </message>
    <message>
        <source>Middelen: %1</source>
        <translation>Équipements : %1</translation>
    </message>
    <message>
        <source>Open tickets: %1</source>
        <translation>Tickets ouverts : %1</translation>
    </message>
    <message>
        <source>De beller spreekt in je headset.</source>
        <translation>L&apos;appelant parle dans votre casque.</translation>
    </message>
    <message>
        <source>De beller zegt (als tekst, zonder geluid): %1</source>
        <translation>L&apos;appelant dit (en texte, sans son) : %1</translation>
    </message>
    <message>
        <source>De beller zegt: %1</source>
        <translation>L&apos;appelant dit : %1</translation>
    </message>
    <message>
        <source>%1 (%2): %3</source>
        <translation>%1 (%2) : %3</translation>
    </message>
    <message>
        <source>✖ %1: reactietijd overschreden</source>
        <translation>✖ %1 : délai de réponse dépassé</translation>
    </message>
    <message>
        <source>✖ %1: oplostijd overschreden</source>
        <translation>✖ %1 : délai de résolution dépassé</translation>
    </message>
    <message>
        <source>⚠ %1: reactietijd bijna om</source>
        <translation>⚠ %1 : délai de réponse bientôt dépassé</translation>
    </message>
    <message>
        <source>⚠ %1: oplostijd bijna om</source>
        <translation>⚠ %1 : délai de résolution bientôt dépassé</translation>
    </message>
    <message>
        <source>▶ in behandeling</source>
        <translation>▶ en traitement</translation>
    </message>
    <message>
        <source>✓ genomen</source>
        <translation>✓ pris</translation>
    </message>
    <message>
        <source>● wacht %1</source>
        <translation>● attend %1</translation>
    </message>
    <message>
        <source>Wachtend: %1 · SLA bijna om: %2 · SLA overschreden: %3</source>
        <translation>En attente : %1 · SLA bientôt dépassé : %2 · SLA dépassé : %3</translation>
    </message>
    <message>
        <source>Geen geluid: %1. Wat een beller zegt, verschijnt als tekst; sluit de headset aan: het volgende gesprek dat je neemt, hoor je.</source>
        <translation>Pas de son : %1. Ce que dit un appelant s&apos;affiche en texte ; branchez le casque : vous entendrez le prochain appel que vous prendrez.</translation>
    </message>
    <message>
        <source>Fragment niet te lezen: %1</source>
        <translation>Extrait illisible : %1</translation>
    </message>
    <message>
        <source>De headset is weg (%1). De dienst gaat door: wat de beller nog zegt, staat als tekst bij het contact. Sluit de headset weer aan: het volgende gesprek hoor je.</source>
        <translation>Le casque a disparu (%1). Le service continue : la suite de ce que dit l&apos;appelant s&apos;affiche en texte avec le contact. Rebranchez le casque : vous entendrez le prochain appel.</translation>
    </message>
    <message>
        <source>Geen geluid (%1): wat de beller zegt, staat als tekst bij het contact.</source>
        <translation>Pas de son (%1) : ce que dit l&apos;appelant s&apos;affiche en texte avec le contact.</translation>
    </message>
    <message>
        <source>geen headset</source>
        <translation>pas de casque</translation>
    </message>
</context>
<context>
    <name>QueueResultsView</name>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Competentie</source>
        <translation>Compétence</translation>
    </message>
    <message>
        <source>Getoond</source>
        <translation>Démontrée</translation>
    </message>
    <message>
        <source>Waarom niet</source>
        <translation>Raison</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <source>Prioriteit</source>
        <translation>Priorité</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Équipe</translation>
    </message>
    <message>
        <source>SLA</source>
        <translation>SLA</translation>
    </message>
    <message>
        <source>Oordeel</source>
        <translation>Verdict</translation>
    </message>
    <message>
        <source>Competenties</source>
        <translation>Compétences</translation>
    </message>
    <message>
        <source>Contacten</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <source>Afgebroken</source>
        <translation>Interrompu</translation>
    </message>
    <message>
        <source>Geslaagd</source>
        <translation>Réussi</translation>
    </message>
    <message>
        <source>Niet geslaagd</source>
        <translation>Non réussi</translation>
    </message>
    <message>
        <source>ja</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>nee</source>
        <translation>non</translation>
    </message>
    <message>
        <source>niet getoetst</source>
        <translation>non évalué</translation>
    </message>
    <message>
        <source>%1 (verwacht %2)</source>
        <translation>%1 (attendu %2)</translation>
    </message>
    <message>
        <source>geen ticket</source>
        <translation>pas de ticket</translation>
    </message>
    <message>
        <source>reactie %1 / %2</source>
        <translation>réponse %1 / %2</translation>
    </message>
    <message>
        <source>in orde</source>
        <translation>en ordre</translation>
    </message>
    <message>
        <source>%1 (gehoord)</source>
        <translation>%1 (entendu)</translation>
    </message>
    <message>
        <source>%1 (als tekst)</source>
        <translation>%1 (en texte)</translation>
    </message>
    <message>
        <source>SLA-overschrijdingen: %1 · contacten in de verkeerde volgorde genomen: %2 · tickets gemaakt: %3</source>
        <translation>Dépassements SLA : %1 · contacts pris dans le mauvais ordre : %2 · tickets créés : %3</translation>
    </message>
    <message>
        <source>De sessie werd %1: niet volledig, dus niet geslaagd.</source>
        <translation>La session a pris fin (%1) : incomplète, donc non réussie.</translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message>
        <source>Klok van de dienst</source>
        <translation>Horloge du service</translation>
    </message>
    <message>
        <source>Behandelen</source>
        <translation>Traiter</translation>
    </message>
    <message>
        <source>Ticket maken</source>
        <translation>Créer un ticket</translation>
    </message>
    <message>
        <source>Geen ticket nodig</source>
        <translation>Pas de ticket</translation>
    </message>
    <message>
        <source>Ticket openen</source>
        <translation>Ouvrir le ticket</translation>
    </message>
    <message>
        <source>Dienst beëindigen</source>
        <translation>Terminer le service</translation>
    </message>
    <message>
        <source>Binnengekomen contacten</source>
        <translation>Contacts entrants</translation>
    </message>
    <message>
        <source>Tickets (Ctrl+2, F5 opent)</source>
        <translation>Tickets (Ctrl+2, F5 pour ouvrir)</translation>
    </message>
    <message>
        <source>Contact (Ctrl+4)</source>
        <translation>Contact (Ctrl+4)</translation>
    </message>
    <message>
        <source>Meldingen (Ctrl+5)</source>
        <translation>Messages (Ctrl+5)</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>Tekst van het contact</source>
        <translation>Texte du contact</translation>
    </message>
    <message>
        <source>Ticket (Ctrl+3)</source>
        <translation>Ticket (Ctrl+3)</translation>
    </message>
    <message>
        <source>Meldingen</source>
        <translation>Messages</translation>
    </message>
    <message>
        <source>Binnengekomen (Ctrl+1)</source>
        <translation>Entrants (Ctrl+1)</translation>
    </message>
    <message>
        <source>Kennisbank (Ctrl+F)</source>
        <translation>Base de connaissances (Ctrl+F)</translation>
    </message>
    <message>
        <source>Nog geen contact genomen: kies er een en druk op F2.</source>
        <translation>Aucun contact pris : choisissez-en un et appuyez sur F2.</translation>
    </message>
</context>
<context>
    <name>RecordDialog</name>
    <message>
        <source>Klantfragment opnemen</source>
        <translation>Enregistrer un extrait client</translation>
    </message>
    <message>
        <source>Precies wat de klant zegt, zoals een operator het typt</source>
        <translation>Exactement ce que dit le client, comme un opérateur le taperait</translation>
    </message>
    <message>
        <source>● &amp;Opnemen</source>
        <translation>● &amp;Enregistrer</translation>
    </message>
    <message>
        <source>▶ Af&amp;spelen</source>
        <translation>▶ É&amp;couter</translation>
    </message>
    <message>
        <source>&amp;Bewaren</source>
        <translation>&amp;Sauvegarder</translation>
    </message>
    <message>
        <source>Sluiten</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>&amp;Id:</source>
        <translation>&amp;Id :</translation>
    </message>
    <message>
        <source>&amp;Taal:</source>
        <translation>&amp;Langue :</translation>
    </message>
    <message>
        <source>Spre&amp;ker:</source>
        <translation>L&amp;ocuteur :</translation>
    </message>
    <message>
        <source>T&amp;ags:</source>
        <translation>&amp;Tags :</translation>
    </message>
    <message>
        <source>T&amp;ranscriptie:</source>
        <translation>T&amp;ranscription :</translation>
    </message>
    <message>
        <source>Niets dan stilte opgenomen: staat de microfoon aan?</source>
        <translation>Seul du silence a été enregistré : le micro est-il allumé ?</translation>
    </message>
    <message>
        <source>Opname van %1 s, stilte voor en na weggeknipt, op het volume van de andere fragmenten gebracht.</source>
        <translation>Enregistrement de %1 s, silences avant et après coupés, mis au volume des autres extraits.</translation>
    </message>
    <message>
        <source>■ &amp;Stoppen</source>
        <translation>■ &amp;Arrêter</translation>
    </message>
    <message>
        <source>Opname loopt… spreek nu.</source>
        <translation>Enregistrement en cours… parlez maintenant.</translation>
    </message>
    <message>
        <source>De opname stopte na %1, de langste die kan: wat daarna gezegd werd, staat er niet op.</source>
        <translation>L&apos;enregistrement s&apos;est arrêté après %1, la durée maximale : ce qui a été dit ensuite n&apos;y figure pas.</translation>
    </message>
    <message>
        <source>Let op: er ging %1 keer geluid verloren tijdens de opname (de computer kon niet volgen). Beluister het fragment en neem het zo nodig opnieuw op.</source>
        <translation>Attention : du son a été perdu %1 fois pendant l&apos;enregistrement (l&apos;ordinateur ne suivait pas). Écoutez l&apos;extrait et réenregistrez-le si nécessaire.</translation>
    </message>
    <message>
        <source>Bewaard als %1.</source>
        <translation>Sauvegardé sous %1.</translation>
    </message>
</context>
<context>
    <name>ReplayView</name>
    <message>
        <source>Terugkijken: %1</source>
        <translation>Rejouer : %1</translation>
    </message>
    <message>
        <source>Tijd in de sessie</source>
        <translation>Temps dans la session</translation>
    </message>
    <message>
        <source>Afspelen (Spatie)</source>
        <translation>Lire (Espace)</translation>
    </message>
    <message>
        <source>Vorige markering (P)</source>
        <translation>Repère précédent (P)</translation>
    </message>
    <message>
        <source>Volgende markering (N)</source>
        <translation>Repère suivant (N)</translation>
    </message>
    <message>
        <source>−5 s (←)</source>
        <translation>−5 s (←)</translation>
    </message>
    <message>
        <source>+5 s (→)</source>
        <translation>+5 s (→)</translation>
    </message>
    <message>
        <source>Naar tijd… (Ctrl+G)</source>
        <translation>Aller à… (Ctrl+G)</translation>
    </message>
    <message>
        <source>Markeringen</source>
        <translation>Repères</translation>
    </message>
    <message>
        <source>Geen fouten of gebeurtenissen om naartoe te gaan.</source>
        <translation>Aucune faute ni aucun événement où aller.</translation>
    </message>
    <message>
        <source>&amp;Markeringen</source>
        <translation>&amp;Repères</translation>
    </message>
    <message>
        <source>Getypte tekst onder de opgave</source>
        <translation>Texte tapé sous le texte à taper</translation>
    </message>
    <message>
        <source>Veld</source>
        <translation>Champ</translation>
    </message>
    <message>
        <source>Ingevuld</source>
        <translation>Saisi</translation>
    </message>
    <message>
        <source>Meldingen op het scherm</source>
        <translation>Messages à l&apos;écran</translation>
    </message>
    <message>
        <source>&amp;Velden</source>
        <translation>&amp;Champs</translation>
    </message>
    <message>
        <source>M&amp;eldingen</source>
        <translation>&amp;Messages</translation>
    </message>
    <message>
        <source>Geen geluid: %1. Het terugkijken gaat stil verder.</source>
        <translation>Pas de son : %1. La session se rejoue sans le son.</translation>
    </message>
    <message>
        <source>Pauze (Spatie)</source>
        <translation>Pause (Espace)</translation>
    </message>
    <message>
        <source>(afgehandeld na %1 s)</source>
        <translation>(traité après %1 s)</translation>
    </message>
</context>
<context>
    <name>ResultsView</name>
    <message>
        <source>Netto woorden per minuut</source>
        <translation>Mots nets par minute</translation>
    </message>
    <message>
        <source>Woorden per minuut</source>
        <translation>Mots par minute</translation>
    </message>
    <message>
        <source>Aanslagen per minuut</source>
        <translation>Caractères par minute</translation>
    </message>
    <message>
        <source>Toetsaanslagen per minuut</source>
        <translation>Frappes par minute</translation>
    </message>
    <message>
        <source>Woordfouten</source>
        <translation>Mots fautifs</translation>
    </message>
    <message>
        <source>Tekenfouten (niet verbeterd)</source>
        <translation>Caractères fautifs (non corrigés)</translation>
    </message>
    <message>
        <source>Verbeterde fouten</source>
        <translation>Fautes corrigées</translation>
    </message>
    <message>
        <source>Totaal foutenpercentage (TER)</source>
        <translation>Taux d&apos;erreur total (TER)</translation>
    </message>
    <message>
        <source>Tijd</source>
        <translation>Temps</translation>
    </message>
    <message>
        <source>Soort fout</source>
        <translation>Type de faute</translation>
    </message>
    <message>
        <source>Positie</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Verwacht</source>
        <translation>Attendu</translation>
    </message>
    <message>
        <source>Getypt</source>
        <translation>Tapé</translation>
    </message>
    <message>
        <source>Tekst met fouten</source>
        <translation>Texte avec les fautes</translation>
    </message>
    <message>
        <source>Lijst van fouten</source>
        <translation>Liste des fautes</translation>
    </message>
    <message>
        <source>&amp;Beluister waar de fout gezegd werd  (Ctrl+L)</source>
        <translation>É&amp;couter là où la faute a été dite  (Ctrl+L)</translation>
    </message>
    <message>
        <source>&amp;Opnieuw  (Ctrl+R)</source>
        <translation>&amp;Recommencer  (Ctrl+R)</translation>
    </message>
    <message>
        <source>&amp;Terug  (Esc)</source>
        <translation>Re&amp;tour  (Esc)</translation>
    </message>
    <message>
        <source>AFGEBROKEN</source>
        <translation>INTERROMPU</translation>
    </message>
    <message>
        <source>Toetsaanslagen per teken (KSPC)</source>
        <translation>Frappes par caractère (KSPC)</translation>
    </message>
    <message>
        <source>GESLAAGD</source>
        <translation>RÉUSSI</translation>
    </message>
    <message>
        <source>NIET GESLAAGD</source>
        <translation>NON RÉUSSI</translation>
    </message>
    <message>
        <source>%1 met %2 × Backspace</source>
        <translation>%1 avec %2 × Backspace</translation>
    </message>
    <message>
        <source>Woord</source>
        <translation>Mot</translation>
    </message>
    <message>
        <source>Gezegd in</source>
        <translation>Dit dans</translation>
    </message>
</context>
<context>
    <name>RubricDialog</name>
    <message>
        <source>Beoordeling door de coach: %1</source>
        <translation>Évaluation par le coach : %1</translation>
    </message>
    <message>
        <source>Naam van de coach</source>
        <translation>Nom du coach</translation>
    </message>
    <message>
        <source>&amp;Coach:</source>
        <translation>&amp;Coach :</translation>
    </message>
    <message>
        <source>Per criterium: pijltjestoetsen of een cijfer kiezen de score, Delete wist ze; Tab naar het volgende.</source>
        <translation>Par critère : les flèches ou un chiffre choisissent le score, Suppr l&apos;efface ; Tab passe au suivant.</translation>
    </message>
    <message>
        <source>Opmerking bij %1</source>
        <translation>Remarque sur %1</translation>
    </message>
    <message>
        <source>Opmerking</source>
        <translation>Remarque</translation>
    </message>
    <message>
        <source>&amp;Bewaren</source>
        <translation>&amp;Sauvegarder</translation>
    </message>
    <message>
        <source>Annuleren</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Vul de naam van de coach in.</source>
        <translation>Indiquez le nom du coach.</translation>
    </message>
</context>
<context>
    <name>SeatBox</name>
    <message>
        <source>Evaluator %1</source>
        <translation>Évaluateur %1</translation>
    </message>
    <message>
        <source>Naam (&amp;%1)</source>
        <translation>Nom (&amp;%1)</translation>
    </message>
    <message>
        <source>Oordeel</source>
        <translation>Verdict</translation>
    </message>
    <message>
        <source>Commentaar</source>
        <translation>Commentaire</translation>
    </message>
    <message>
        <source>Geslaagd</source>
        <translation>Réussi</translation>
    </message>
    <message>
        <source>Niet geslaagd</source>
        <translation>Non réussi</translation>
    </message>
</context>
<context>
    <name>SessionController</name>
    <message>
        <source>Oefening stoppen?</source>
        <translation>Arrêter l&apos;exercice ?</translation>
    </message>
    <message>
        <source>Wil je deze oefening stoppen? Wat je tot nu toe typte, wordt bewaard als afgebroken sessie.</source>
        <translation>Voulez-vous arrêter cet exercice ? Ce que vous avez tapé jusqu&apos;ici est conservé comme session interrompue.</translation>
    </message>
    <message>
        <source>Het resultaat kan nu niet worden bewaard in %1: de schijf is vol of niet beschikbaar. Het logboek van deze oefening is volledig bewaard in %2; bij de volgende start van Simultaan wordt het resultaat eruit hersteld. Maak ruimte vrij voor je verder oefent.</source>
        <translation>Le résultat ne peut pas être enregistré maintenant dans %1 : le disque est plein ou indisponible. Le journal de cet exercice est entièrement enregistré dans %2 ; au prochain démarrage de Simultaan, le résultat en sera récupéré. Libérez de la place avant de continuer.</translation>
    </message>
    <message>
        <source>Resultaat nog niet bewaard</source>
        <translation>Résultat pas encore enregistré</translation>
    </message>
</context>
<context>
    <name>SessionsView</name>
    <message>
        <source>Sessies</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <source>C&amp;ursist:</source>
        <translation>&amp;Stagiaire :</translation>
    </message>
    <message>
        <source>&amp;Groep:</source>
        <translation>&amp;Groupe :</translation>
    </message>
    <message>
        <source>&amp;Soort:</source>
        <translation>&amp;Type :</translation>
    </message>
    <message>
        <source>&amp;Modus:</source>
        <translation>&amp;Mode :</translation>
    </message>
    <message>
        <source>&amp;Resultaat:</source>
        <translation>&amp;Résultat :</translation>
    </message>
    <message>
        <source>&amp;Van:</source>
        <translation>&amp;Du :</translation>
    </message>
    <message>
        <source>Taa&amp;l:</source>
        <translation>&amp;Langue :</translation>
    </message>
    <message>
        <source>&amp;Tot:</source>
        <translation>A&amp;u :</translation>
    </message>
    <message>
        <source>Ook ge&amp;archiveerde cursisten</source>
        <translation>Stagiaires &amp;archivés aussi</translation>
    </message>
    <message>
        <source>&amp;Openen  (Enter)</source>
        <translation>&amp;Ouvrir  (Enter)</translation>
    </message>
    <message>
        <source>Terug&amp;kijken…  (Ctrl+J)</source>
        <translation>Re&amp;jouer…  (Ctrl+J)</translation>
    </message>
    <message>
        <source>Terug  (Esc)</source>
        <translation>Retour  (Esc)</translation>
    </message>
    <message>
        <source>Enter of dubbelklikken opent het resultaat.</source>
        <translation>Enter ou un double-clic ouvre le résultat.</translation>
    </message>
    <message>
        <source>Wanneer</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>Cursist</source>
        <translation>Stagiaire</translation>
    </message>
    <message>
        <source>Groep</source>
        <translation>Groupe</translation>
    </message>
    <message>
        <source>Oefening</source>
        <translation>Exercice</translation>
    </message>
    <message>
        <source>Soort</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Taal</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>Modus</source>
        <translation>Mode</translation>
    </message>
    <message>
        <source>wpm</source>
        <translation>mots/min</translation>
    </message>
    <message>
        <source>Fouten</source>
        <translation>Fautes</translation>
    </message>
    <message>
        <source>Resultaat</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Alle</source>
        <translation>Tous</translation>
    </message>
    <message>
        <source>oefenen</source>
        <translation>entraînement</translation>
    </message>
    <message>
        <source>examen</source>
        <translation>examen</translation>
    </message>
    <message>
        <source>geslaagd</source>
        <translation>réussi</translation>
    </message>
    <message>
        <source>niet geslaagd</source>
        <translation>non réussi</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Instellingen</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>&amp;Testtoon</source>
        <translation>Son de &amp;test</translation>
    </message>
    <message>
        <source>uit</source>
        <translation>désactivé</translation>
    </message>
    <message>
        <source>O&amp;pname van de cursist tijdens oefengesprekken</source>
        <translation>&amp;Enregistrer la voix du stagiaire pendant les appels d&apos;entraînement</translation>
    </message>
    <message>
        <source>Zoals het systeem (%1)</source>
        <translation>Comme le système (%1)</translation>
    </message>
    <message>
        <source>Taa&amp;l van Simultaan:</source>
        <translation>&amp;Langue de Simultaan :</translation>
    </message>
    <message>
        <source>Zoals hierboven</source>
        <translation>Comme ci-dessus</translation>
    </message>
    <message>
        <source>Taal voor &amp;deze cursist (%1):</source>
        <translation>Langue pour ce &amp;stagiaire (%1) :</translation>
    </message>
    <message>
        <source>Normaal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>Hoog contrast (wit en geel op zwart)</source>
        <translation>Contraste élevé (blanc et jaune sur noir)</translation>
    </message>
    <message>
        <source>Te&amp;kstgrootte (Ctrl+plus, Ctrl+min):</source>
        <translation>Taille du te&amp;xte (Ctrl+plus, Ctrl+moins) :</translation>
    </message>
    <message>
        <source>&amp;Weergave:</source>
        <translation>&amp;Affichage :</translation>
    </message>
    <message>
        <source>&amp;Headset (uitvoer):</source>
        <translation>&amp;Casque (sortie) :</translation>
    </message>
    <message>
        <source>&amp;Microfoon (opnemen):</source>
        <translation>&amp;Micro (enregistrement) :</translation>
    </message>
    <message>
        <source>&amp;Volume:</source>
        <translation>&amp;Volume :</translation>
    </message>
    <message>
        <source>Te&amp;rugspoelen bij hervatten (dictee):</source>
        <translation>&amp;Retour en arrière à la reprise (dictée) :</translation>
    </message>
    <message>
        <source>Standaardapparaat van het systeem</source>
        <translation>Périphérique par défaut du système</translation>
    </message>
    <message>
        <source>%1 (niet gevonden)</source>
        <translation>%1 (introuvable)</translation>
    </message>
    <message>
        <source>Het apparaat “%1” is niet aangesloten.</source>
        <translation>Le périphérique « %1 » n&apos;est pas branché.</translation>
    </message>
    <message>
        <source>Geen geluidsuitvoer gevonden: is er een headset aangesloten?</source>
        <translation>Aucune sortie audio trouvée : un casque est-il branché ?</translation>
    </message>
    <message>
        <source> (standaard)</source>
        <translation> (par défaut)</translation>
    </message>
    <message>
        <source>Testtoon op %1…</source>
        <translation>Son de test sur %1…</translation>
    </message>
    <message>
        <source>Het geluidsapparaat %1 werkt niet meer.</source>
        <translation>Le périphérique audio %1 ne fonctionne plus.</translation>
    </message>
    <message>
        <source>Testtoon gespeeld op %1 (vertraging %2 ms).</source>
        <translation>Son de test joué sur %1 (latence %2 ms).</translation>
    </message>
</context>
<context>
    <name>TicketForm</name>
    <message>
        <source>Klant &amp;geïnformeerd over deze stap</source>
        <translation>Client in&amp;formé de cette étape</translation>
    </message>
    <message>
        <source>Toewijzen (Ctrl+T)</source>
        <translation>Attribuer (Ctrl+T)</translation>
    </message>
    <message>
        <source>Koppelen (Ctrl+L)</source>
        <translation>Lier (Ctrl+L)</translation>
    </message>
    <message>
        <source>Oplossen (Ctrl+O)</source>
        <translation>Résoudre (Ctrl+O)</translation>
    </message>
    <message>
        <source>Sluiten (Ctrl+Shift+C)</source>
        <translation>Clôturer (Ctrl+Shift+C)</translation>
    </message>
    <message>
        <source>Heropenen (Ctrl+R)</source>
        <translation>Rouvrir (Ctrl+R)</translation>
    </message>
    <message>
        <source>&amp;Aanvrager:</source>
        <translation>&amp;Demandeur :</translation>
    </message>
    <message>
        <source>&amp;Kanaal:</source>
        <translation>Ca&amp;nal :</translation>
    </message>
    <message>
        <source>&amp;Onderwerp:</source>
        <translation>&amp;Objet :</translation>
    </message>
    <message>
        <source>&amp;Categorie:</source>
        <translation>&amp;Catégorie :</translation>
    </message>
    <message>
        <source>&amp;Impact:</source>
        <translation>&amp;Impact :</translation>
    </message>
    <message>
        <source>&amp;Urgentie:</source>
        <translation>&amp;Urgence :</translation>
    </message>
    <message>
        <source>Prioriteit:</source>
        <translation>Priorité :</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>Éta&amp;t :</translation>
    </message>
    <message>
        <source>&amp;Team:</source>
        <translation>É&amp;quipe :</translation>
    </message>
    <message>
        <source>&amp;Bekend probleem:</source>
        <translation>&amp;Problème connu :</translation>
    </message>
    <message>
        <source>&amp;Notitie:</source>
        <translation>&amp;Remarque :</translation>
    </message>
    <message>
        <source>Oplossing</source>
        <translation>Résolution</translation>
    </message>
    <message>
        <source>A&amp;fsluitcode:</source>
        <translation>Code de c&amp;lôture :</translation>
    </message>
    <message>
        <source>O&amp;plossing:</source>
        <translation>&amp;Solution :</translation>
    </message>
    <message>
        <source>Nieuw ticket</source>
        <translation>Nouveau ticket</translation>
    </message>
    <message>
        <source>Ticket {number}</source>
        <translation>Ticket {number}</translation>
    </message>
    <message>
        <source>Aanmaken (Ctrl+Enter)</source>
        <translation>Créer (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Bijwerken (Ctrl+Enter)</source>
        <translation>Mettre à jour (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>kies impact en urgentie</source>
        <translation>choisissez l&apos;impact et l&apos;urgence</translation>
    </message>
    <message>
        <source>{priority}: reactie binnen {response}, oplossen binnen {resolution}</source>
        <translation>{priority} : réponse dans les {response}, résolution dans les {resolution}</translation>
    </message>
</context>
<context>
    <name>TicketModel</name>
    <message>
        <source>Nummer</source>
        <translation>Numéro</translation>
    </message>
    <message>
        <source>Prioriteit</source>
        <translation>Priorité</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Aanvrager</source>
        <translation>Demandeur</translation>
    </message>
    <message>
        <source>Onderwerp</source>
        <translation>Objet</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Équipe</translation>
    </message>
    <message>
        <source>SLA</source>
        <translation>SLA</translation>
    </message>
</context>
<context>
    <name>TicketTable</name>
    <message>
        <source>nummer, aanvrager, onderwerp…</source>
        <translation>numéro, demandeur, objet…</translation>
    </message>
    <message>
        <source>alle</source>
        <translation>tous</translation>
    </message>
    <message>
        <source>&amp;Zoeken:</source>
        <translation>Rec&amp;hercher :</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>État :</translation>
    </message>
    <message>
        <source>Prioriteit:</source>
        <translation>Priorité :</translation>
    </message>
    <message>
        <source>Team:</source>
        <translation>Équipe :</translation>
    </message>
</context>
<context>
    <name>TraineesDialog</name>
    <message>
        <source>Cursisten</source>
        <translation>Stagiaires</translation>
    </message>
    <message>
        <source>Naam</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Groep</source>
        <translation>Groupe</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>&amp;Hernoemen…  (F2)</source>
        <translation>&amp;Renommer…  (F2)</translation>
    </message>
    <message>
        <source>Groep van de cursist</source>
        <translation>Groupe du stagiaire</translation>
    </message>
    <message>
        <source>&amp;Groep:</source>
        <translation>&amp;Groupe :</translation>
    </message>
    <message>
        <source>Toetsenbord van de cursist</source>
        <translation>Clavier du stagiaire</translation>
    </message>
    <message>
        <source>Toets&amp;enbord:</source>
        <translation>&amp;Clavier :</translation>
    </message>
    <message>
        <source>C&amp;ursisten</source>
        <translation>Stag&amp;iaires</translation>
    </message>
    <message>
        <source>Groepen</source>
        <translation>Groupes</translation>
    </message>
    <message>
        <source>&amp;Nieuwe groep…</source>
        <translation>&amp;Nouveau groupe…</translation>
    </message>
    <message>
        <source>Groep he&amp;rnoemen…</source>
        <translation>R&amp;enommer le groupe…</translation>
    </message>
    <message>
        <source>Groep &amp;verwijderen</source>
        <translation>&amp;Supprimer le groupe</translation>
    </message>
    <message>
        <source>Gr&amp;oepen</source>
        <translation>Gr&amp;oupes</translation>
    </message>
    <message>
        <source>gearchiveerd</source>
        <translation>archivé</translation>
    </message>
    <message>
        <source>actief</source>
        <translation>actif</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>(geen groep)</source>
        <translation>(aucun groupe)</translation>
    </message>
    <message>
        <source>&amp;Terugzetten  (Ctrl+A)</source>
        <translation>Ré&amp;activer  (Ctrl+A)</translation>
    </message>
    <message>
        <source>&amp;Archiveren  (Ctrl+A)</source>
        <translation>&amp;Archiver  (Ctrl+A)</translation>
    </message>
    <message>
        <source>Cursist hernoemen</source>
        <translation>Renommer le stagiaire</translation>
    </message>
    <message>
        <source>Nieuwe naam:</source>
        <translation>Nouveau nom :</translation>
    </message>
    <message>
        <source>Er is al een cursist met de naam “%1”.</source>
        <translation>Il y a déjà un stagiaire nommé « %1 ».</translation>
    </message>
    <message>
        <source>Cursist archiveren</source>
        <translation>Archiver le stagiaire</translation>
    </message>
    <message>
        <source>“%1” archiveren? De cursist verdwijnt uit de keuzelijst en uit de sessielijst; de resultaten blijven bewaard en je kunt hem of haar later terugzetten.</source>
        <translation>Archiver « %1 » ? Le stagiaire disparaît de la liste de choix et de la liste des sessions ; ses résultats sont conservés et vous pourrez le réactiver plus tard.</translation>
    </message>
    <message>
        <source>Volgens de taal (%1)</source>
        <translation>Selon la langue (%1)</translation>
    </message>
    <message>
        <source>Nieuwe groep</source>
        <translation>Nouveau groupe</translation>
    </message>
    <message>
        <source>Naam van de groep:</source>
        <translation>Nom du groupe :</translation>
    </message>
    <message>
        <source>Groep hernoemen</source>
        <translation>Renommer le groupe</translation>
    </message>
    <message>
        <source>Groep verwijderen</source>
        <translation>Supprimer le groupe</translation>
    </message>
    <message>
        <source>De lege groep “%1” verwijderen?</source>
        <translation>Supprimer le groupe vide « %1 » ?</translation>
    </message>
    <message>
        <source>De groep “%1” heeft nog %2. Zet ze eerst in een andere groep of in geen groep.</source>
        <translation>Le groupe « %1 » compte encore %2. Mettez-les d&apos;abord dans un autre groupe ou dans aucun.</translation>
    </message>
    <message>
        <source>Er is al een groep met de naam “%1”.</source>
        <translation>Il y a déjà un groupe nommé « %1 ».</translation>
    </message>
</context>
<context>
    <name>TypingSurface</name>
    <message>
        <source>Tekst om over te typen</source>
        <translation>Texte à recopier</translation>
    </message>
</context>
<context>
    <name>page</name>
    <message>
        <source>Voorstellen (%1)</source>
        <translation>Propositions (%1)</translation>
    </message>
    <message>
        <source>Voorstellen voor de kennisbank</source>
        <translation>Propositions pour la base de connaissances</translation>
    </message>
</context>
<context>
    <name>words</name>
    <message>
        <source>; </source>
        <translation>&#xa0;; </translation>
    </message>
    <message>
        <source>%1: mist %2</source>
        <translation>%1&#xa0;: il manque %2</translation>
    </message>
    <message>
        <source>%n teken</source>
        <translation>%n caractère</translation>
    </message>
    <message>
        <source>%n tekens</source>
        <translation>%n caractères</translation>
    </message>
    <message>
        <source>%n woord</source>
        <translation>%n mot</translation>
    </message>
    <message>
        <source>%n woorden</source>
        <translation>%n mots</translation>
    </message>
    <message>
        <source>%n veld</source>
        <translation>%n champ</translation>
    </message>
    <message>
        <source>%n velden</source>
        <translation>%n champs</translation>
    </message>
    <message>
        <source>%n melding</source>
        <translation>%n message</translation>
    </message>
    <message>
        <source>één keer gedaan</source>
        <translation>fait une fois</translation>
    </message>
    <message>
        <source>%n keer gedaan</source>
        <translation>fait %n fois</translation>
    </message>
    <message>
        <source>%n meldingen</source>
        <translation>%n messages</translation>
    </message>
    <message>
        <source>%n contact</source>
        <translation>%n contact</translation>
    </message>
    <message>
        <source>%n contacten</source>
        <translation>%n contacts</translation>
    </message>
    <message>
        <source>%n oefening loopt nog</source>
        <translation>%n exercice est encore en cours</translation>
    </message>
    <message>
        <source>%n oefeningen lopen nog</source>
        <translation>%n exercices sont encore en cours</translation>
    </message>
    <message>
        <source>%n oefening</source>
        <translation>%n exercice</translation>
    </message>
    <message>
        <source>%n oefeningen</source>
        <translation>%n exercices</translation>
    </message>
    <message>
        <source>%n sessie hersteld.</source>
        <translation>%n session récupérée.</translation>
    </message>
    <message>
        <source>%n sessies hersteld.</source>
        <translation>%n sessions récupérées.</translation>
    </message>
    <message>
        <source>%n sessie</source>
        <translation>%n session</translation>
    </message>
    <message>
        <source>%n sessies</source>
        <translation>%n sessions</translation>
    </message>
    <message>
        <source>Het logboek was beschadigd: regel %1 overgeslagen.</source>
        <translation>Le journal était endommagé : ligne %1 ignorée.</translation>
    </message>
    <message>
        <source>%1 en nog %2</source>
        <translation>%1 et %2 autres</translation>
    </message>
    <message>
        <source>oefening</source>
        <translation>exercice</translation>
    </message>
    <message>
        <source>examen</source>
        <translation>examen</translation>
    </message>
    <message>
        <source>AFGEBROKEN</source>
        <translation>INTERROMPU</translation>
    </message>
    <message>
        <source>GESLAAGD</source>
        <translation>RÉUSSI</translation>
    </message>
    <message>
        <source>NIET GESLAAGD</source>
        <translation>NON RÉUSSI</translation>
    </message>
    <message>
        <source>Sessierapport</source>
        <translation>Rapport de session</translation>
    </message>
    <message>
        <source>Cursist</source>
        <translation>Stagiaire</translation>
    </message>
    <message>
        <source>Oefening</source>
        <translation>Exercice</translation>
    </message>
    <message>
        <source>Soort</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Datum</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Modus</source>
        <translation>Mode</translation>
    </message>
    <message>
        <source>Afloop</source>
        <translation>Fin</translation>
    </message>
    <message>
        <source>Duur</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>Versie van Simultaan</source>
        <translation>Version de Simultaan</translation>
    </message>
    <message>
        <source>Oordeel</source>
        <translation>Verdict</translation>
    </message>
    <message>
        <source>Waarom</source>
        <translation>Raison</translation>
    </message>
    <message>
        <source>De oefening is gewijzigd sinds deze sessie.</source>
        <translation>L&apos;exercice a été modifié depuis cette session.</translation>
    </message>
    <message>
        <source>Getypte tekst onder de opgave</source>
        <translation>Texte tapé sous le texte à taper</translation>
    </message>
    <message>
        <source>Woord</source>
        <translation>Mot</translation>
    </message>
    <message>
        <source>Positie</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Soort fout</source>
        <translation>Type de faute</translation>
    </message>
    <message>
        <source>Verwacht</source>
        <translation>Attendu</translation>
    </message>
    <message>
        <source>Getypt</source>
        <translation>Tapé</translation>
    </message>
    <message>
        <source>Fouten</source>
        <translation>Fautes</translation>
    </message>
    <message>
        <source>spatie</source>
        <translation>espace</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>Fouten per toets (%1)</source>
        <translation>Fautes par touche (%1)</translation>
    </message>
    <message>
        <source>Toets</source>
        <translation>Touche</translation>
    </message>
    <message>
        <source>Fouten (ook verbeterde)</source>
        <translation>Fautes (corrigées comprises)</translation>
    </message>
    <message>
        <source>Keer in de tekst</source>
        <translation>Occurrences dans le texte</translation>
    </message>
    <message>
        <source>Toetsen om te oefenen</source>
        <translation>Touches à travailler</translation>
    </message>
    <message>
        <source>Belgisch AZERTY</source>
        <translation>AZERTY belge</translation>
    </message>
    <message>
        <source>Frans AZERTY</source>
        <translation>AZERTY français</translation>
    </message>
    <message>
        <source>US QWERTY</source>
        <translation>QWERTY américain</translation>
    </message>
    <message>
        <source>&apos;%1&apos;</source>
        <translation>«&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>%1 en %2</source>
        <translation>%1 et %2</translation>
    </message>
    <message>
        <source>Oefen deze toetsen: %1.</source>
        <translation>Entraînez-vous sur ces touches : %1.</translation>
    </message>
    <message>
        <source>Oefen deze woorden: %1.</source>
        <translation>Entraînez-vous sur ces mots : %1.</translation>
    </message>
    <message>
        <source>Je verbeterde %1 fouten: typ trager en juister, de snelheid komt vanzelf.</source>
        <translation>Vous avez corrigé %1 fautes : tapez plus lentement et plus juste, la vitesse viendra d&apos;elle-même.</translation>
    </message>
    <message>
        <source>Werk aan je snelheid: netto %1 woorden per minuut, minimum %2.</source>
        <translation>Travaillez votre vitesse : %1 mots nets par minute, minimum %2.</translation>
    </message>
    <message>
        <source>Geen fouten om apart te oefenen: ga verder met een moeilijkere oefening.</source>
        <translation>Aucune faute à travailler à part : passez à un exercice plus difficile.</translation>
    </message>
    <message>
        <source>Het logboek was beschadigd: regels %1 overgeslagen.</source>
        <translation>Le journal était endommagé : lignes %1 ignorées.</translation>
    </message>
    <message>
        <source>bv. 3510 8624</source>
        <translation>p. ex. 3510 8624</translation>
    </message>
    <message>
        <source>bv. 9000</source>
        <translation>p. ex. 9000</translation>
    </message>
    <message>
        <source>bv. 0471 23 45 67</source>
        <translation>p. ex. 0471 23 45 67</translation>
    </message>
    <message>
        <source>bv. naam@voorbeeld.be</source>
        <translation>p. ex. nom@exemple.be</translation>
    </message>
    <message>
        <source>bv. BE68 5390 0754 7034</source>
        <translation>p. ex. BE68 5390 0754 7034</translation>
    </message>
    <message>
        <source>dd/mm/jjjj</source>
        <translation>jj/mm/aaaa</translation>
    </message>
    <message>
        <source>bv. 49,95</source>
        <translation>p. ex. 49,95</translation>
    </message>
    <message>
        <source>geen geluidsapparaat om af te spelen gevonden (is er een headset aangesloten?)</source>
        <translation>aucun périphérique de lecture audio trouvé (un casque est-il branché ?)</translation>
    </message>
    <message>
        <source>geen uitvoerapparaat met de naam &apos;{name}&apos; (er zijn: {known})</source>
        <translation>aucun périphérique de sortie nommé « {name} » (il y a : {known})</translation>
    </message>
    <message>
        <source>de geluidsapparaten kunnen niet opgesomd worden: {detail}</source>
        <translation>impossible d&apos;énumérer les périphériques audio : {detail}</translation>
    </message>
    <message>
        <source>het geluidsapparaat &apos;{name}&apos; gaat niet open: {detail}</source>
        <translation>le périphérique audio « {name} » ne s&apos;ouvre pas : {detail}</translation>
    </message>
    <message>
        <source>het standaard-geluidsapparaat gaat niet open: {detail}</source>
        <translation>le périphérique audio par défaut ne s&apos;ouvre pas : {detail}</translation>
    </message>
    <message>
        <source>de microfoon &apos;{name}&apos; gaat niet open: {detail}</source>
        <translation>le micro « {name} » ne s&apos;ouvre pas : {detail}</translation>
    </message>
    <message>
        <source>geen microfoon met de naam &apos;{name}&apos; (er zijn: {known})</source>
        <translation>aucun micro nommé « {name} » (il y a : {known})</translation>
    </message>
    <message>
        <source>geen microfoon gevonden (is er een headset met microfoon aangesloten?)</source>
        <translation>aucun micro trouvé (un casque avec micro est-il branché ?)</translation>
    </message>
    <message>
        <source>de standaardmicrofoon gaat niet open: {detail}</source>
        <translation>le micro par défaut ne s&apos;ouvre pas : {detail}</translation>
    </message>
    <message>
        <source>de microfoon &apos;{name}&apos; werkt niet meer</source>
        <translation>le micro « {name} » ne fonctionne plus</translation>
    </message>
    <message>
        <source>de schijf is vol: de opname {path} kan niet verder</source>
        <translation>le disque est plein : l&apos;enregistrement {path} ne peut pas continuer</translation>
    </message>
    <message>
        <source>de opname {path} kan niet worden geschreven: {detail}</source>
        <translation>l&apos;enregistrement {path} ne peut pas être écrit : {detail}</translation>
    </message>
    <message>
        <source>&apos;{name}&apos;</source>
        <translation>« {name} »</translation>
    </message>
    <message>
        <source>(de standaarduitvoer)</source>
        <translation>(la sortie par défaut)</translation>
    </message>
    <message>
        <source>{path}: geen geluidsbestand gevonden</source>
        <translation>{path} : fichier audio introuvable</translation>
    </message>
    <message>
        <source>{path}: is een map, geen geluidsbestand</source>
        <translation>{path} : c&apos;est un dossier, pas un fichier audio</translation>
    </message>
    <message>
        <source>{path}: geen gewoon bestand (een pipe, socket of apparaat), geen geluidsbestand</source>
        <translation>{path} : pas un fichier ordinaire (un tube, un socket ou un périphérique), pas un fichier audio</translation>
    </message>
    <message>
        <source>{path}: het geluidsbestand is te groot ({size} MiB; hoogstens {limit} MiB)</source>
        <translation>{path} : le fichier audio est trop volumineux ({size} Mio ; au maximum {limit} Mio)</translation>
    </message>
    <message>
        <source>{path}: dit geluidsbestand is niet te lezen ({detail})</source>
        <translation>{path} : ce fichier audio est illisible ({detail})</translation>
    </message>
    <message>
        <source>{path}: samplefrequentie {rate} Hz: een fragment moet {low}-{high} Hz zijn</source>
        <translation>{path} : fréquence d&apos;échantillonnage de {rate} Hz : un extrait doit être entre {low} et {high} Hz</translation>
    </message>
    <message>
        <source>{path}: {channels} kanalen: een fragment is mono of stereo</source>
        <translation>{path} : {channels} canaux : un extrait doit être mono ou stéréo</translation>
    </message>
    <message>
        <source>{path}: het bestand is afgebroken: de kop belooft {promised} bytes geluid, er staan er {held} in</source>
        <translation>{path} : le fichier est tronqué : son en-tête annonce {promised} octets audio, il en contient {held}</translation>
    </message>
    <message>
        <source>{path}: het bestand is afgebroken of beschadigd: het is niet tot het einde te decoderen ({detail})</source>
        <translation>{path} : le fichier est tronqué ou endommagé : il ne se décode pas jusqu&apos;au bout ({detail})</translation>
    </message>
    <message>
        <source>{path}: het bestand is afgebroken: {promised} frames beloofd, {there} aanwezig</source>
        <translation>{path} : le fichier est tronqué : {promised} trames annoncées, {there} présentes</translation>
    </message>
    <message>
        <source>{path}: het bestand bevat geen geluid (0 frames)</source>
        <translation>{path} : le fichier ne contient aucun son (0 trame)</translation>
    </message>
    <message>
        <source>{path}: {seconds} s lang: een fragment duurt hoogstens {limit} s</source>
        <translation>{path} : {seconds} s : un extrait dure au maximum {limit} s</translation>
    </message>
    <message>
        <source>{path} is niet te lezen</source>
        <translation>{path} est illisible</translation>
    </message>
    <message>
        <source>er is al een fragment &apos;{id}&apos; in {path}</source>
        <translation>il y a déjà un extrait « {id} » dans {path}</translation>
    </message>
    <message>
        <source>{path} bestaat al</source>
        <translation>{path} existe déjà</translation>
    </message>
    <message>
        <source>de opname is leeg (alleen stilte?)</source>
        <translation>l&apos;enregistrement est vide (rien que du silence ?)</translation>
    </message>
    <message>
        <source>er kan niet geschreven worden in {path}: {detail}</source>
        <translation>impossible d&apos;écrire dans {path} : {detail}</translation>
    </message>
    <message>
        <source>het nieuwe fragment is niet geldig</source>
        <translation>le nouvel extrait n&apos;est pas valide</translation>
    </message>
    <message>
        <source>{path}: het gegevensbestand gaat niet open: {detail}</source>
        <translation>{path} : la base de données ne s&apos;ouvre pas : {detail}</translation>
    </message>
    <message>
        <source>{path}: geen bruikbaar gegevensbestand van Simultaan ({detail})</source>
        <translation>{path} : pas une base de données Simultaan utilisable ({detail})</translation>
    </message>
    <message>
        <source>{path}: gemaakt door een nieuwere Simultaan (schema {version}); werk de app bij</source>
        <translation>{path} : créé par une version plus récente de Simultaan (schéma {version}) ; mettez l&apos;application à jour</translation>
    </message>
    <message>
        <source>{path}: het gegevensbestand is beschadigd ({detail})</source>
        <translation>{path} : la base de données est endommagée ({detail})</translation>
    </message>
    <message>
        <source>{path}: het gegevensbestand is beschadigd ({damage}) en kan niet opzijgezet worden: {detail}</source>
        <translation>{path} : la base de données est endommagée ({damage}) et ne peut pas être mise de côté : {detail}</translation>
    </message>
    <message>
        <source>{path}: geen sessie {id}</source>
        <translation>{path} : pas de session {id}</translation>
    </message>
    <message>
        <source>&apos;{url}&apos; is geen adres van een databank (zo wel: postgresql://gebruiker:wachtwoord@server:5432/databank)</source>
        <translation>« {url} » n&apos;est pas l&apos;adresse d&apos;une base de données (par exemple : postgresql://utilisateur:motdepasse@serveur:5432/base)</translation>
    </message>
    <message>
        <source>de centrale opslag {server} is niet bereikbaar: {detail}</source>
        <translation>le stockage central {server} est injoignable : {detail}</translation>
    </message>
    <message>
        <source>de centrale opslag {server} weigert de gebruiker &apos;{user}&apos;: klopt het wachtwoord? ({detail})</source>
        <translation>le stockage central {server} refuse l&apos;utilisateur « {user} » : le mot de passe est-il correct ? ({detail})</translation>
    </message>
    <message>
        <source>de kennisbank kan niet doorzocht worden: de SQLite van deze Python ({sqlite}) is gebouwd zonder FTS5, het zoeken in volledige tekst</source>
        <translation>la base de connaissances ne peut pas être consultée : le SQLite de ce Python ({sqlite}) est compilé sans FTS5, la recherche en texte intégral</translation>
    </message>
    <message>
        <source>de databank van de centrale opslag {server} bestaat niet: {detail}</source>
        <translation>la base de données du stockage central {server} n&apos;existe pas : {detail}</translation>
    </message>
    <message>
        <source>de centrale opslag {server} is gemaakt door een nieuwere Simultaan (schema {version}); werk de app bij</source>
        <translation>le stockage central {server} a été créé par un Simultaan plus récent (schéma {version}) ; mettez l&apos;application à jour</translation>
    </message>
    <message>
        <source>de verbinding met de centrale opslag {server} viel weg: {detail}</source>
        <translation>la connexion au stockage central {server} a été perdue : {detail}</translation>
    </message>
    <message>
        <source>de centrale opslag {server} weigert de resultaten: {detail}</source>
        <translation>le stockage central {server} refuse les résultats : {detail}</translation>
    </message>
    <message>
        <source>het verzenden naar de centrale opslag liep mis: {detail}</source>
        <translation>l&apos;envoi vers le stockage central a échoué : {detail}</translation>
    </message>
    <message>
        <source>sessie {id} loopt nog of werd onderbroken en nog niet hersteld: er is nog geen resultaat</source>
        <translation>la session {id} est encore en cours ou a été interrompue sans être récupérée : il n&apos;y a pas encore de résultat</translation>
    </message>
    <message>
        <source>sessie {id} ging verloren toen Simultaan onderbroken werd, en het logboek kon niet gescoord worden: er is geen resultaat</source>
        <translation>la session {id} a été perdue lors d&apos;une interruption de Simultaan et son journal n&apos;a pas pu être évalué : il n&apos;y a pas de résultat</translation>
    </message>
    <message>
        <source>de oefening &apos;{id}&apos; is er niet meer</source>
        <translation>l&apos;exercice « {id} » n&apos;existe plus</translation>
    </message>
    <message>
        <source>het logboek past niet bij de oefening &apos;{id}&apos; ({detail})</source>
        <translation>le journal ne correspond pas à l&apos;exercice « {id} » ({detail})</translation>
    </message>
    <message>
        <source>{path}: geen logboek gevonden</source>
        <translation>{path} : journal introuvable</translation>
    </message>
    <message>
        <source>{path}: is een map, geen logboek</source>
        <translation>{path} : c&apos;est un dossier, pas un journal</translation>
    </message>
    <message>
        <source>{path}: geen gewoon bestand (een pipe, socket of apparaat), geen logboek</source>
        <translation>{path} : pas un fichier ordinaire (un tube, un socket ou un périphérique), pas un journal</translation>
    </message>
    <message>
        <source>{path}: het logboek is te groot ({size} MiB; hoogstens {limit} MiB)</source>
        <translation>{path} : le journal est trop volumineux ({size} Mio ; au maximum {limit} Mio)</translation>
    </message>
    <message>
        <source>{path}: het logboek is niet te lezen: {detail}</source>
        <translation>{path} : le journal est illisible : {detail}</translation>
    </message>
    <message>
        <source>{path}:1: het logboek is leeg</source>
        <translation>{path}:1 : le journal est vide</translation>
    </message>
    <message>
        <source>{path}:{line}: geen begin van een logboek ({detail})</source>
        <translation>{path}:{line} : pas un en-tête de journal ({detail})</translation>
    </message>
    <message>
        <source>{path}: in gebruik door een andere sessie</source>
        <translation>{path} : utilisé par une autre session</translation>
    </message>
    <message>
        <source>geen geldige JSON</source>
        <translation>JSON non valide</translation>
    </message>
    <message>
        <source>de tijd is geen eindig getal</source>
        <translation>le temps n&apos;est pas un nombre fini</translation>
    </message>
    <message>
        <source>geen gebeurtenis van een logboek ({detail})</source>
        <translation>pas un événement de journal ({detail})</translation>
    </message>
    <message>
        <source>na het einde van de sessie (regel {end})</source>
        <translation>après la fin de la session (ligne {end})</translation>
    </message>
    <message>
        <source>de tijd {t} s ligt buiten het bereik (0 tot {max} s)</source>
        <translation>le temps {t} s est hors limites (0 à {max} s)</translation>
    </message>
    <message>
        <source>de tijd loopt terug ({t} s, na {before} s op regel {line})</source>
        <translation>le temps recule ({t} s, après {before} s à la ligne {line})</translation>
    </message>
    <message>
        <source>{length} tekens is meer dan er gescoord kan worden (hoogstens {limit})</source>
        <translation>{length} caractères, c&apos;est plus que ce qui peut être évalué (au maximum {limit})</translation>
    </message>
    <message>
        <source>nog niets om te oefenen: er zijn nog geen oefeningen met fouten van deze cursist. Maak eerst een paar oefeningen uit de lijst.</source>
        <translation>rien à travailler pour l&apos;instant : ce stagiaire n&apos;a encore fait aucun exercice avec des fautes. Faites d&apos;abord quelques exercices de la liste.</translation>
    </message>
    <message>
        <source>de bibliotheek heeft geen teksten in de taal &apos;{language}&apos; om een oefening uit te maken</source>
        <translation>la bibliothèque n&apos;a pas de textes dans la langue « {language} » pour en faire un exercice</translation>
    </message>
    <message>
        <source>{path}: {detail}</source>
        <translation>{path} : {detail}</translation>
    </message>
    <message>
        <source>{path}: {detail} (niet opzijgezet: {why})</source>
        <translation>{path} : {detail} (pas mis de côté : {why})</translation>
    </message>
    <message>
        <source>dit bestand bestaat niet</source>
        <translation>ce fichier n&apos;existe pas</translation>
    </message>
    <message>
        <source>dit is een map, geen bestand</source>
        <translation>c&apos;est un dossier, pas un fichier</translation>
    </message>
    <message>
        <source>geen gewoon bestand (een pipe, socket of apparaat)</source>
        <translation>pas un fichier ordinaire (un tube, un socket ou un périphérique)</translation>
    </message>
    <message>
        <source>het bestand is te groot (hoogstens {limit} MiB)</source>
        <translation>le fichier est trop volumineux (au plus {limit} Mio)</translation>
    </message>
    <message>
        <source>het bestand is te groot ({size} MiB; hoogstens {limit} MiB)</source>
        <translation>le fichier est trop volumineux ({size} Mio ; au plus {limit} Mio)</translation>
    </message>
    <message>
        <source>het bestand is te groot (hoogstens {limit} KiB)</source>
        <translation>le fichier est trop volumineux (au plus {limit} Kio)</translation>
    </message>
    <message>
        <source>het bestand is te groot ({size} KiB; hoogstens {limit} KiB)</source>
        <translation>le fichier est trop volumineux ({size} Kio ; au plus {limit} Kio)</translation>
    </message>
    <message>
        <source>het bestand kan niet gelezen worden: {detail}</source>
        <translation>le fichier ne peut pas être lu : {detail}</translation>
    </message>
    <message>
        <source>het bestand kan niet gelezen worden: je hebt er geen toegang toe</source>
        <translation>le fichier ne peut pas être lu : vous n&apos;y avez pas accès</translation>
    </message>
    <message>
        <source>geen UTF-8-tekst (byte {byte})</source>
        <translation>pas du texte UTF-8 (octet {byte})</translation>
    </message>
    <message>
        <source>het bestand is leeg</source>
        <translation>le fichier est vide</translation>
    </message>
    <message>
        <source>een oefenbestand moet een lijst van sleutels met hun waarde zijn (sleutel: waarde)</source>
        <translation>un fichier d&apos;exercice doit être une suite de clés avec leur valeur (clé : valeur)</translation>
    </message>
    <message>
        <source>een lijst van fragmenten moet een lijst van sleutels met hun waarde zijn (sleutel: waarde)</source>
        <translation>une liste d&apos;extraits doit être une suite de clés avec leur valeur (clé : valeur)</translation>
    </message>
    <message>
        <source>het bestand moet een lijst van sleutels met hun waarde zijn (sleutel: waarde)</source>
        <translation>le fichier doit être une suite de clés avec leur valeur (clé : valeur)</translation>
    </message>
    <message>
        <source>kan niet gelezen worden ({detail})</source>
        <translation>ne peut pas être lu ({detail})</translation>
    </message>
    <message>
        <source>geen geldige YAML: {detail} (in de woorden van de YAML-lezer)</source>
        <translation>YAML non valide : {detail} (selon les termes du lecteur YAML)</translation>
    </message>
    <message>
        <source>geen geldige YAML: een tab om in te springen; spring in met spaties</source>
        <translation>YAML non valide : une tabulation sert de retrait ; indentez avec des espaces</translation>
    </message>
    <message>
        <source>geen geldige YAML: een dubbelpunt met een spatie erachter in een waarde; zet de waarde tussen aanhalingstekens</source>
        <translation>YAML non valide : deux-points suivi d&apos;une espace dans une valeur ; mettez la valeur entre guillemets</translation>
    </message>
    <message>
        <source>geen geldige YAML: *{name} verwijst naar &amp;{name}, maar die staat nergens ervoor</source>
        <translation>YAML non valide : *{name} renvoie à &amp;{name}, qui n&apos;est défini nulle part avant</translation>
    </message>
    <message>
        <source>meer dan {limit} waarden (sleutels, lijstitems en teksten; elk gebruik van een alias *naam telt volledig mee): een aliasbom of een vergissing</source>
        <translation>plus de {limit} valeurs (clés, éléments de liste et textes ; chaque usage d&apos;un alias *nom compte en entier) : une bombe d&apos;alias ou une erreur</translation>
    </message>
    <message>
        <source>meer dan {limit} niveaus diep genest</source>
        <translation>imbriqué sur plus de {limit} niveaux</translation>
    </message>
    <message>
        <source>{key}: een getal met {digits} cijfers (hoogstens {limit})</source>
        <translation>{key} : un nombre de {digits} chiffres (au plus {limit})</translation>
    </message>
    <message>
        <source>{key}: &apos;{value}&apos; kan niet gelezen worden als geheel getal</source>
        <translation>{key} : « {value} » ne peut pas être lu comme un nombre entier</translation>
    </message>
    <message>
        <source>{key}: &apos;{value}&apos; kan niet gelezen worden als getal</source>
        <translation>{key} : « {value} » ne peut pas être lu comme un nombre</translation>
    </message>
    <message>
        <source>{key}: &apos;{value}&apos; kan niet gelezen worden als datum</source>
        <translation>{key} : « {value} » ne peut pas être lu comme une date</translation>
    </message>
    <message>
        <source>{key}: &apos;{value}&apos; kan niet gelezen worden als binaire waarde</source>
        <translation>{key} : « {value} » ne peut pas être lu comme une valeur binaire</translation>
    </message>
    <message>
        <source>YAML leest de sleutel &apos;{key}&apos; niet als woord (maar als {means}): zet hem tussen aanhalingstekens</source>
        <translation>YAML ne lit pas la clé « {key} » comme un mot (mais comme {means}) : mettez-la entre guillemets</translation>
    </message>
    <message>
        <source>{key}: een sleutel moet een woord zijn</source>
        <translation>{key} : une clé doit être un mot</translation>
    </message>
    <message>
        <source>de sleutel &apos;{key}&apos; staat er twee keer</source>
        <translation>la clé « {key} » figure deux fois</translation>
    </message>
    <message>
        <source>onbekende sleutel &apos;{key}&apos; (hier kan: {allowed})</source>
        <translation>clé inconnue « {key} » (possibles ici : {allowed})</translation>
    </message>
    <message>
        <source>onbekende sleutel &apos;{key}&apos;</source>
        <translation>clé inconnue « {key} »</translation>
    </message>
    <message>
        <source>de verplichte sleutel &apos;{key}&apos; ontbreekt</source>
        <translation>la clé obligatoire « {key} » manque</translation>
    </message>
    <message>
        <source>de verplichte sleutel &apos;kind&apos; ontbreekt (bekende soorten: {known})</source>
        <translation>la clé obligatoire « kind » manque (types connus : {known})</translation>
    </message>
    <message>
        <source>onbekende soort &apos;{kind}&apos; (bekende soorten: {known})</source>
        <translation>type inconnu « {kind} » (types connus : {known})</translation>
    </message>
    <message>
        <source>{key}: moet groter zijn dan {limit}</source>
        <translation>{key} : doit être supérieur à {limit}</translation>
    </message>
    <message>
        <source>{key}: moet minstens {limit} zijn</source>
        <translation>{key} : doit valoir au moins {limit}</translation>
    </message>
    <message>
        <source>{key}: moet kleiner zijn dan {limit}</source>
        <translation>{key} : doit être inférieur à {limit}</translation>
    </message>
    <message>
        <source>{key}: mag hoogstens {limit} zijn</source>
        <translation>{key} : doit valoir au plus {limit}</translation>
    </message>
    <message>
        <source>{key}: moet een tekst zijn</source>
        <translation>{key} : doit être un texte</translation>
    </message>
    <message>
        <source>{key}: moet een geheel getal zijn</source>
        <translation>{key} : doit être un nombre entier</translation>
    </message>
    <message>
        <source>{key}: moet een getal zijn</source>
        <translation>{key} : doit être un nombre</translation>
    </message>
    <message>
        <source>{key}: moet een eindig getal zijn (geen .inf of .nan)</source>
        <translation>{key} : doit être un nombre fini (pas .inf ni .nan)</translation>
    </message>
    <message>
        <source>{key}: moet true of false zijn</source>
        <translation>{key} : doit valoir true ou false</translation>
    </message>
    <message>
        <source>{key}: moet een lijst zijn</source>
        <translation>{key} : doit être une liste</translation>
    </message>
    <message>
        <source>{key}: moet sleutels met hun waarde bevatten (sleutel: waarde)</source>
        <translation>{key} : doit contenir des clés avec leur valeur (clé : valeur)</translation>
    </message>
    <message>
        <source>{key}: moet {expected} zijn</source>
        <translation>{key} : doit valoir {expected}</translation>
    </message>
    <message>
        <source>{key}: moet een van deze zijn: {expected}</source>
        <translation>{key} : doit être l&apos;une de ces valeurs : {expected}</translation>
    </message>
    <message>
        <source>{key}: de lijst is leeg (minstens één item nodig)</source>
        <translation>{key} : la liste est vide (il faut au moins un élément)</translation>
    </message>
    <message>
        <source>{key}: de lijst moet minstens {limit} items hebben</source>
        <translation>{key} : la liste doit avoir au moins {limit} éléments</translation>
    </message>
    <message>
        <source>{key}: de lijst mag hoogstens {limit} items hebben</source>
        <translation>{key} : la liste peut avoir au plus {limit} éléments</translation>
    </message>
    <message>
        <source>{key}: de tekst is leeg</source>
        <translation>{key} : le texte est vide</translation>
    </message>
    <message>
        <source>{key}: de tekst moet minstens {limit} tekens hebben</source>
        <translation>{key} : le texte doit avoir au moins {limit} caractères</translation>
    </message>
    <message>
        <source>{key}: de tekst mag hoogstens {limit} tekens hebben</source>
        <translation>{key} : le texte peut avoir au plus {limit} caractères</translation>
    </message>
    <message>
        <source>{key}: past niet bij het patroon &apos;{pattern}&apos;</source>
        <translation>{key} : ne correspond pas au motif « {pattern} »</translation>
    </message>
    <message>
        <source>{key}: onbekende waarde &apos;{tag}&apos; (kan: {expected})</source>
        <translation>{key} : valeur inconnue « {tag} » (possibles : {expected})</translation>
    </message>
    <message>
        <source>{key}: de verplichte sleutel &apos;{tag}&apos; ontbreekt</source>
        <translation>{key} : la clé obligatoire « {tag} » manque</translation>
    </message>
    <message>
        <source>{key}: {detail} (in de woorden van de controle)</source>
        <translation>{key} : {detail} (selon les termes du validateur)</translation>
    </message>
    <message>
        <source>{key}: &apos;{twice}&apos; staat er twee keer in</source>
        <translation>{key} : « {twice} » figure deux fois</translation>
    </message>
    <message>
        <source>een oefening op tijd heeft &apos;min_wpm&apos; nodig (de netto woorden per minuut die ze vraagt): zonder die zou één getypt woord binnen de tijd volstaan</source>
        <translation>un exercice chronométré a besoin de « min_wpm » (les mots nets par minute qu&apos;il demande) : sans cela, un seul mot tapé dans le temps suffirait</translation>
    </message>
    <message>
        <source>de id &apos;{id}&apos; staat er twee keer: al gebruikt in {file}:{line}</source>
        <translation>l&apos;id « {id} » figure deux fois : déjà utilisé dans {file}:{line}</translation>
    </message>
    <message>
        <source>onbekend fragment &apos;{clip}&apos;</source>
        <translation>extrait inconnu « {clip} »</translation>
    </message>
    <message>
        <source>deze artikels zijn in het &apos;{language}&apos; maar staan in de kennisbank van het &apos;{folder}&apos;</source>
        <translation>ces articles sont en « {language} » mais se trouvent dans la base de connaissances « {folder} »</translation>
    </message>
    <message>
        <source>de artikel-id &apos;{id}&apos; staat er twee keer: al gebruikt in {file}:{line}</source>
        <translation>l&apos;id d&apos;article « {id} » figure deux fois : déjà utilisé dans {file}:{line}</translation>
    </message>
    <message>
        <source>het fragment &apos;{clip}&apos; is in het &apos;{language}&apos;, de oefening in het &apos;{own}&apos;</source>
        <translation>l&apos;extrait « {clip} » est en « {language} », l&apos;exercice en « {own} »</translation>
    </message>
    <message>
        <source>het fragment &apos;{clip}&apos; is in het &apos;{language}&apos;, het gesprek in het &apos;{own}&apos;</source>
        <translation>l&apos;extrait « {clip} » est en « {language} », l&apos;appel en « {own} »</translation>
    </message>
    <message>
        <source>de gebeurtenis-id &apos;{id}&apos; staat er twee keer</source>
        <translation>l&apos;id d&apos;événement « {id} » figure deux fois</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is geen gebeurtenis, &apos;&lt;say-gebeurtenis&gt;.end&apos; of handeling ({actions})</source>
        <translation>« {name} » n&apos;est ni un événement, ni « &lt;événement say&gt;.end », ni une action ({actions})</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is geen handeling ({actions})</source>
        <translation>« {name} » n&apos;est pas une action ({actions})</translation>
    </message>
    <message>
        <source>&apos;{id}&apos; wacht op zichzelf</source>
        <translation>« {id} » dépend de lui-même</translation>
    </message>
    <message>
        <source>de telefoon rinkelt nooit: voeg een gebeurtenis met &apos;do: ring&apos; toe</source>
        <translation>le téléphone ne sonne jamais : ajoutez un événement avec « do: ring »</translation>
    </message>
    <message>
        <source>een uitgaand gesprek rinkelt niet: de cursist belt zelf (haal &apos;do: ring&apos; weg)</source>
        <translation>un appel sortant ne sonne pas : c&apos;est l&apos;apprenant qui appelle (retirez &apos;do: ring&apos;)</translation>
    </message>
    <message>
        <source>&apos;dial&apos; hoort alleen bij een uitgaand gesprek (&apos;direction: outbound&apos;)</source>
        <translation>&apos;dial&apos; ne convient qu&apos;à un appel sortant (&apos;direction: outbound&apos;)</translation>
    </message>
    <message>
        <source>een uitgaand gesprek zegt onder &apos;dial&apos; wat het nummer bereikt</source>
        <translation>un appel sortant indique sous &apos;dial&apos; ce que le numéro atteint</translation>
    </message>
    <message>
        <source>een voicemail neemt op: geef onder &apos;dial&apos; de &apos;greeting&apos; (het fragment van de begroeting)</source>
        <translation>une messagerie vocale répond : indiquez sous &apos;dial&apos; le &apos;greeting&apos; (le fragment de l&apos;annonce)</translation>
    </message>
    <message>
        <source>{key}: geef precies één van &apos;at&apos;, &apos;after&apos; of &apos;whenever&apos; (of &apos;whenever&apos; met &apos;after&apos;: telkens, zodra dat gebeurd is)</source>
        <translation>{key} : indiquez exactement un de « at », « after » ou « whenever » (ou « whenever » avec « after » : à chaque fois, une fois que c&apos;est arrivé)</translation>
    </message>
    <message>
        <source>{key}: &apos;unless&apos; hoort bij &apos;at&apos; of &apos;after&apos;, niet bij &apos;whenever&apos;</source>
        <translation>{key} : « unless » va avec « at » ou « after », pas avec « whenever »</translation>
    </message>
    <message>
        <source>{key}: &apos;field&apos; en &apos;value&apos; horen alleen bij &apos;do: crm_update&apos;</source>
        <translation>{key} : « field » et « value » vont uniquement avec « do: crm_update »</translation>
    </message>
    <message>
        <source>{key}: een wijziging in het klantdossier heeft zowel &apos;field&apos; als &apos;value&apos; nodig</source>
        <translation>{key} : une modification de la fiche client a besoin de « field » et de « value »</translation>
    </message>
    <message>
        <source>de score {id} staat twee keer in de schaal</source>
        <translation>le score {id} figure deux fois dans l&apos;échelle</translation>
    </message>
    <message>
        <source>de competentie &apos;{id}&apos; staat er twee keer</source>
        <translation>la compétence &apos;{id}&apos; figure deux fois</translation>
    </message>
    <message>
        <source>het criterium &apos;{id}&apos; staat er twee keer</source>
        <translation>le critère &apos;{id}&apos; figure deux fois</translation>
    </message>
    <message>
        <source>de id &apos;{id}&apos; staat er twee keer</source>
        <translation>l&apos;id « {id} » figure deux fois</translation>
    </message>
    <message>
        <source>niveau {level} heeft hoogstens {most} gesprekken tegelijk, hier staan er {count}</source>
        <translation>le niveau {level} a au plus {most} conversations à la fois, il y en a ici {count}</translation>
    </message>
    <message>
        <source>het eerste bericht van een gesprek zegt met &apos;at&apos; wanneer het komt</source>
        <translation>le premier message d&apos;une conversation indique avec « at » quand il arrive</translation>
    </message>
    <message>
        <source>&apos;at&apos; hoort alleen bij het eerste bericht: een volgend komt &apos;delay&apos; seconden na het vorige of na het antwoord erop</source>
        <translation>« at » ne va qu&apos;avec le premier message : le suivant arrive « delay » secondes après le précédent ou après la réponse à celui-ci</translation>
    </message>
    <message>
        <source>het voorbeeldantwoord in &apos;example&apos; bevat &apos;{id}&apos; niet</source>
        <translation>la réponse modèle dans « example » ne contient pas « {id} »</translation>
    </message>
    <message>
        <source>het voorbeeldantwoord in &apos;example&apos; bevat &apos;{words}&apos;, dat in &apos;avoid&apos; staat</source>
        <translation>la réponse modèle dans « example » contient « {words} », qui figure dans « avoid »</translation>
    </message>
    <message>
        <source>onbekende plaatshouder &apos;{name}&apos; (kan: {known})</source>
        <translation>espace réservé inconnu « {name} » (possibles : {known})</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is geen schermbericht, &apos;&lt;gesprek&gt;.&lt;bericht&gt;&apos;, &apos;&lt;gesprek&gt;.left&apos; of &apos;acknowledged&apos;</source>
        <translation>« {name} » n&apos;est pas un message à l&apos;écran, « &lt;conversation&gt;.&lt;message&gt; », « &lt;conversation&gt;.left » ni « acknowledged »</translation>
    </message>
    <message>
        <source>{key}: &apos;leave_after&apos; moet later komen dan &apos;nudge_after&apos;</source>
        <translation>{key} : « leave_after » doit venir après « nudge_after »</translation>
    </message>
    <message>
        <source>een gesprek dat een ticket verwacht, heeft het ticketsysteem nodig: voeg &apos;helpdesk:&apos; toe</source>
        <translation>une conversation qui attend un ticket a besoin du système de tickets : ajoutez « helpdesk: »</translation>
    </message>
    <message>
        <source>een chatsessie heeft geen open tickets: &apos;ticket&apos; is &apos;new&apos; of &apos;none&apos;</source>
        <translation>une session de chat n&apos;a pas de tickets ouverts : « ticket » vaut « new » ou « none »</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is geen datum die Simultaan kan lezen (bv. 2/3/2026 of 2 maart 2026)</source>
        <translation>« {value} » n&apos;est pas une date que Simultaan sait lire (p. ex. 2/3/2026 ou 2 mars 2026)</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is geen bedrag in euro dat Simultaan kan lezen (bv. 1.234,50 of € 64,-)</source>
        <translation>« {value} » n&apos;est pas un montant en euros que Simultaan sait lire (p. ex. 1.234,50 ou 64,- €)</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; vindt ook het dossier van {name} ({number}): een opzoeking moet één dossier openen</source>
        <translation>« {value} » trouve aussi la fiche de {name} ({number}) : une recherche doit ouvrir une seule fiche</translation>
    </message>
    <message>
        <source>de veld-id &apos;{id}&apos; staat er twee keer</source>
        <translation>l&apos;id de champ « {id} » figure deux fois</translation>
    </message>
    <message>
        <source>de feit-id &apos;{id}&apos; staat er twee keer</source>
        <translation>l&apos;id d&apos;élément « {id} » figure deux fois</translation>
    </message>
    <message>
        <source>het modelantwoord in &apos;expected&apos; bevat het feit &apos;{id}&apos; niet</source>
        <translation>la réponse modèle dans « expected » ne contient pas l&apos;élément « {id} »</translation>
    </message>
    <message>
        <source>{key}: een feit met een waarde heeft zowel &apos;kind&apos; als &apos;value&apos; nodig</source>
        <translation>{key} : un élément avec une valeur a besoin de « kind » et de « value »</translation>
    </message>
    <message>
        <source>{key}: geef ofwel &apos;kind&apos; en &apos;value&apos;, ofwel &apos;any&apos; (een lijst van formuleringen)</source>
        <translation>{key} : indiquez soit « kind » et « value », soit « any » (une liste de formulations)</translation>
    </message>
    <message>
        <source>{key}: een tekstfeit is een lijst van formuleringen: gebruik &apos;any&apos;</source>
        <translation>{key} : un élément de texte est une liste de formulations : utilisez « any »</translation>
    </message>
    <message>
        <source>{key}: &apos;facts&apos; en &apos;case_sensitive&apos; horen alleen bij &apos;kind: text&apos;</source>
        <translation>{key} : « facts » et « case_sensitive » vont uniquement avec « kind: text »</translation>
    </message>
    <message>
        <source>{key}: een veld met &apos;facts&apos; wordt niet als geheel vergeleken: laat &apos;case_sensitive&apos; weg</source>
        <translation>{key} : un champ avec « facts » n&apos;est pas comparé comme un tout : retirez « case_sensitive »</translation>
    </message>
    <message>
        <source>onbekende stap &apos;{step}&apos; ({known})</source>
        <translation>étape inconnue « {step} » ({known})</translation>
    </message>
    <message>
        <source>de stap &apos;{step}&apos; staat er twee keer</source>
        <translation>l&apos;étape « {step} » figure deux fois</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; staat niet in {list}</source>
        <translation>« {name} » ne figure pas dans {list}</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is geen &apos;say&apos;-gebeurtenis</source>
        <translation>« {name} » n&apos;est pas un événement « say »</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is geen telefoonnummer (cijfers, spaties, / . - ( ) en vooraan eventueel een +)</source>
        <translation>« {value} » n&apos;est pas un numéro de téléphone (chiffres, espaces, / . - ( ) et éventuellement un + au début)</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is geen geldig Belgisch nummer: 9 cijfers na de 0 voor een gsm, 8 voor een vast nummer</source>
        <translation>« {value} » n&apos;est pas un numéro belge valable : 9 chiffres après le 0 pour un GSM, 8 pour un fixe</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is geen geldig buitenlands nummer (kijk de landcode en het nummer na)</source>
        <translation>« {value} » n&apos;est pas un numéro étranger valable (vérifiez l&apos;indicatif du pays et le numéro)</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is geen Belgische postcode (vier cijfers, 1000 tot 9999)</source>
        <translation>« {value} » n&apos;est pas un code postal belge (quatre chiffres, de 1000 à 9999)</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is geen IBAN (twee letters, twee controlecijfers, dan de rekening)</source>
        <translation>« {value} » n&apos;est pas un IBAN (deux lettres, deux chiffres de contrôle, puis le compte)</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is geen geldig IBAN: de lengte klopt niet voor het land</source>
        <translation>« {value} » n&apos;est pas un IBAN valable : la longueur ne correspond pas au pays</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is geen geldig IBAN: de controlecijfers kloppen niet</source>
        <translation>« {value} » n&apos;est pas un IBAN valable : les chiffres de contrôle ne correspondent pas</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is een datum die niet bestaat</source>
        <translation>« {value} » est une date qui n&apos;existe pas</translation>
    </message>
    <message>
        <source>&apos;{value}&apos;: de weekdag past niet bij de datum</source>
        <translation>« {value} » : le jour de la semaine ne correspond pas à la date</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is geen klantnummer (4 tot 14 cijfers)</source>
        <translation>« {value} » n&apos;est pas un numéro de client (4 à 14 chiffres)</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is geen e-mailadres</source>
        <translation>« {value} » n&apos;est pas une adresse e-mail</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is geen naam (letters, geen cijfers)</source>
        <translation>« {value} » n&apos;est pas un nom (des lettres, pas de chiffres)</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is geen geldige waarde voor een veld van de soort &apos;{kind}&apos;</source>
        <translation>« {value} » n&apos;est pas une valeur valable pour un champ de type « {kind} »</translation>
    </message>
    <message>
        <source>{key}: de responstijd (&apos;response&apos;) mag niet langer zijn dan de oplostijd (&apos;resolution&apos;)</source>
        <translation>{key} : le délai de réponse (« response ») ne peut dépasser le délai de résolution (« resolution »)</translation>
    </message>
    <message>
        <source>{key}: de SLA-matrix geeft voor elke impact (high, medium, low) een prioriteit per urgentie (high, medium, low)</source>
        <translation>{key} : la matrice SLA donne pour chaque impact (high, medium, low) une priorité par urgence (high, medium, low)</translation>
    </message>
    <message>
        <source>{key}: elke prioriteit uit de matrix heeft onder &apos;targets&apos; een responstijd en een oplostijd nodig</source>
        <translation>{key} : chaque priorité de la matrice a besoin, sous « targets », d&apos;un délai de réponse et d&apos;un délai de résolution</translation>
    </message>
    <message>
        <source>{key}: de routering noemt de categorie &apos;{id}&apos;, die niet onder &apos;categories&apos; staat</source>
        <translation>{key} : le routage cite la catégorie « {id} », absente de « categories »</translation>
    </message>
    <message>
        <source>{key}: de routering stuurt naar het team &apos;{id}&apos;, dat niet onder &apos;teams&apos; staat</source>
        <translation>{key} : le routage envoie vers l&apos;équipe « {id} », absente de « teams »</translation>
    </message>
    <message>
        <source>de probleem-id &apos;{id}&apos; staat er twee keer</source>
        <translation>l&apos;identifiant de problème « {id} » figure deux fois</translation>
    </message>
    <message>
        <source>het klantnummer &apos;{id}&apos; staat er twee keer</source>
        <translation>le numéro de client « {id} » figure deux fois</translation>
    </message>
    <message>
        <source>dit contact komt pas na {at} s binnen, de dienst duurt maar {shift} s</source>
        <translation>ce contact n&apos;arrive qu&apos;après {at} s, le service ne dure que {shift} s</translation>
    </message>
    <message>
        <source>het ticket &apos;{number}&apos; krijgt in het helpdesksysteem het nummer &apos;{gets}&apos; (de open tickets krijgen de eerste nummers, in volgorde, vanaf &apos;first_number&apos;)</source>
        <translation>le ticket « {number} » reçoit le numéro « {gets} » dans le système du helpdesk (les tickets ouverts reçoivent les premiers numéros, dans l&apos;ordre, à partir de &apos;first_number&apos;)</translation>
    </message>
    <message>
        <source>de categorie &apos;{category}&apos; heeft geen routering: zeg onder &apos;helpdesk: routing:&apos; naar welk team ze gaat</source>
        <translation>la catégorie « {category} » n&apos;a pas de routage : indiquez sous &apos;helpdesk: routing:&apos; vers quelle équipe elle va</translation>
    </message>
    <message>
        <source>de routering stuurt de categorie &apos;{category}&apos; naar &apos;{routed}&apos;, niet naar &apos;{team}&apos;</source>
        <translation>le routage envoie la catégorie « {category} » vers « {routed} », pas vers « {team} »</translation>
    </message>
    <message>
        <source>de modelnotitie in &apos;note&apos; bevat het feit &apos;{id}&apos; niet</source>
        <translation>la note modèle dans &apos;note&apos; ne contient pas le fait « {id} »</translation>
    </message>
    <message>
        <source>{key}: &apos;ticket: existing&apos; en &apos;existing&apos; (het nummer van het open ticket) horen samen</source>
        <translation>{key} : &apos;ticket: existing&apos; et &apos;existing&apos; (le numéro du ticket ouvert) vont ensemble</translation>
    </message>
    <message>
        <source>{key}: een nieuw ticket heeft &apos;category&apos;, &apos;impact&apos; en &apos;urgency&apos; nodig</source>
        <translation>{key} : un nouveau ticket a besoin de &apos;category&apos;, &apos;impact&apos; et &apos;urgency&apos;</translation>
    </message>
    <message>
        <source>{key}: &apos;category&apos;, &apos;impact&apos;, &apos;urgency&apos;, &apos;team&apos; en &apos;problem&apos; horen alleen bij een nieuw ticket (&apos;ticket: new&apos;)</source>
        <translation>{key} : &apos;category&apos;, &apos;impact&apos;, &apos;urgency&apos;, &apos;team&apos; et &apos;problem&apos; ne vont qu&apos;avec un nouveau ticket (&apos;ticket: new&apos;)</translation>
    </message>
    <message>
        <source>{key}: feiten (&apos;facts&apos;) hebben een modelnotitie (&apos;note&apos;) nodig die ze bevat</source>
        <translation>{key} : des faits (&apos;facts&apos;) demandent une note modèle (&apos;note&apos;) qui les contient</translation>
    </message>
    <message>
        <source>{key}: &apos;inform&apos; vraagt een ticket om bij te werken; zonder ticket (&apos;ticket: none&apos;) is het antwoord zelf de informatie</source>
        <translation>{key} : &apos;inform&apos; demande un ticket à mettre à jour ; sans ticket (&apos;ticket: none&apos;), la réponse elle-même informe le client</translation>
    </message>
    <message>
        <source>{key}: een fragment (&apos;clip&apos;) hoort alleen bij &apos;channel: phone&apos;</source>
        <translation>{key} : un extrait (&apos;clip&apos;) ne va qu&apos;avec &apos;channel: phone&apos;</translation>
    </message>
    <message>
        <source>de fragment-id &apos;{id}&apos; staat er twee keer</source>
        <translation>l&apos;id d&apos;extrait « {id} » figure deux fois</translation>
    </message>
    <message>
        <source>{key}: moet een bestand van deze soort zijn: {suffixes}</source>
        <translation>{key} : doit être un fichier de ce type : {suffixes}</translation>
    </message>
    <message>
        <source>{key}: moet een pad binnen de audiomap zijn</source>
        <translation>{key} : doit être un chemin dans le dossier audio</translation>
    </message>
    <message>
        <source>waarschuwing: het fragment &apos;{clip}&apos; heeft een luidheid van {level} LUFS; elk fragment hoort op {target} LUFS ± {tolerance} LU te staan (maak het opnieuw: .venv/bin/python audio/generate_demo_clips.py {clip})</source>
        <translation>avertissement : l&apos;extrait « {clip} » a un niveau sonore de {level} LUFS ; chaque extrait devrait être à {target} LUFS ± {tolerance} LU (refaites-le : .venv/bin/python audio/generate_demo_clips.py {clip})</translation>
    </message>
    <message>
        <source>waarschuwing: het fragment &apos;{clip}&apos; heeft een luidheid van {level} LUFS; elk fragment hoort op {target} LUFS ± {tolerance} LU te staan (neem het opnieuw op in de app, die het op het juiste niveau brengt)</source>
        <translation>avertissement : l&apos;extrait « {clip} » a un niveau sonore de {level} LUFS ; chaque extrait devrait être à {target} LUFS ± {tolerance} LU (enregistrez-le à nouveau dans l&apos;application, qui le met au bon niveau)</translation>
    </message>
    <message>
        <source>waarschuwing: de luidheid van het fragment &apos;{clip}&apos; kan niet gemeten worden (onleesbaar, stil of korter dan 0,4 s); elk fragment hoort op {target} LUFS ± {tolerance} LU te staan (maak het opnieuw: .venv/bin/python audio/generate_demo_clips.py {clip})</source>
        <translation>avertissement : le niveau sonore de l&apos;extrait « {clip} » ne peut pas être mesuré (illisible, silencieux ou plus court que 0,4 s) ; chaque extrait devrait être à {target} LUFS ± {tolerance} LU (refaites-le : .venv/bin/python audio/generate_demo_clips.py {clip})</translation>
    </message>
    <message>
        <source>waarschuwing: de luidheid van het fragment &apos;{clip}&apos; kan niet gemeten worden (onleesbaar, stil of korter dan 0,4 s); elk fragment hoort op {target} LUFS ± {tolerance} LU te staan (neem het opnieuw op in de app, die het op het juiste niveau brengt)</source>
        <translation>avertissement : le niveau sonore de l&apos;extrait « {clip} » ne peut pas être mesuré (illisible, silencieux ou plus court que 0,4 s) ; chaque extrait devrait être à {target} LUFS ± {tolerance} LU (enregistrez-le à nouveau dans l&apos;application, qui le met au bon niveau)</translation>
    </message>
    <message>
        <source>Het getal op een toets: fouten op die toets, ook de verbeterde. Grijs: geen fouten.</source>
        <translation>Le nombre sur une touche : les fautes sur cette touche, corrigées comprises. Gris : pas de fautes.</translation>
    </message>
    <message>
        <source>Klant</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Scherm</source>
        <translation>Écran</translation>
    </message>
    <message>
        <source>Acties</source>
        <translation>Actions</translation>
    </message>
    <message>
        <source>Velden</source>
        <translation>Champs</translation>
    </message>
    <message>
        <source>Toetsen per s</source>
        <translation>Frappes par s</translation>
    </message>
    <message>
        <source>geen toetsaanslagen in het logboek</source>
        <translation>pas de frappes dans le journal</translation>
    </message>
    <message>
        <source>Paars: de klant spreekt (licht: als ondertitel). Oranje: scherm. Blauw: acties. Groen: velden.</source>
        <translation>Violet : le client parle (clair : en sous-titre). Orange : écran. Bleu : actions. Vert : champs.</translation>
    </message>
    <message>
        <source>Onderdeel</source>
        <translation>Partie</translation>
    </message>
    <message>
        <source>Sleutel</source>
        <translation>Clé</translation>
    </message>
    <message>
        <source>Omschrijving</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Waarde</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Ingevoerd</source>
        <translation>Saisi</translation>
    </message>
    <message>
        <source>Seconden na het zeggen</source>
        <translation>Secondes après l&apos;avoir entendu</translation>
    </message>
    <message>
        <source>Bovenaan de opgave (grijs), eronder wat getypt werd; · staat voor een ontbrekend teken.</source>
        <translation>En haut le texte à taper (en gris), en dessous ce qui a été tapé ; · marque un caractère manquant.</translation>
    </message>
    <message>
        <source>Klik op een tijd in dit rapport: de opname speelt vanaf dat moment, de stem van de cursist en de klant samen.</source>
        <translation>Cliquez sur un moment dans ce rapport : l&apos;enregistrement se lit à partir de là, la voix du stagiaire et celle du client ensemble.</translation>
    </message>
    <message>
        <source>Stoppen</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <source>De tijden in dit rapport zijn die van de opname en van Terugkijken (Ctrl+J op de resultaten); het HTML-rapport speelt de opname af vanaf elke tijd.</source>
        <translation>Les moments de ce rapport sont ceux de l&apos;enregistrement et de Rejouer (Ctrl+J sur les résultats) ; le rapport HTML lit l&apos;enregistrement à partir de chaque moment.</translation>
    </message>
    <message>
        <source>Stem van de cursist: %1, naast het logboek.</source>
        <translation>Voix du stagiaire : %1, à côté du journal.</translation>
    </message>
    <message>
        <source>Verloop van de sessie</source>
        <translation>Déroulement de la session</translation>
    </message>
    <message>
        <source>Advies</source>
        <translation>Conseils</translation>
    </message>
    <message>
        <source>Foutenpercentage (%1)</source>
        <translation>Taux d&apos;erreur (%1)</translation>
    </message>
    <message>
        <source>Marge</source>
        <translation>Marge</translation>
    </message>
    <message>
        <source>Netto woorden per minuut</source>
        <translation>Mots nets par minute</translation>
    </message>
    <message>
        <source>Minimum woorden per minuut</source>
        <translation>Minimum de mots par minute</translation>
    </message>
    <message>
        <source>Woorden per minuut</source>
        <translation>Mots par minute</translation>
    </message>
    <message>
        <source>Aanslagen per minuut</source>
        <translation>Caractères par minute</translation>
    </message>
    <message>
        <source>Woordfouten</source>
        <translation>Mots fautifs</translation>
    </message>
    <message>
        <source>Tekenfouten (niet verbeterd)</source>
        <translation>Caractères fautifs (non corrigés)</translation>
    </message>
    <message>
        <source>Verbeterde fouten</source>
        <translation>Fautes corrigées</translation>
    </message>
    <message>
        <source>%1 met %2 × Backspace</source>
        <translation>%1 avec %2 × Backspace</translation>
    </message>
    <message>
        <source>Verbeterde fouten (CER)</source>
        <translation>Fautes corrigées (CER)</translation>
    </message>
    <message>
        <source>Totaal foutenpercentage (TER)</source>
        <translation>Taux d&apos;erreur total (TER)</translation>
    </message>
    <message>
        <source>Toetsaanslagen per teken (KSPC)</source>
        <translation>Frappes par caractère (KSPC)</translation>
    </message>
    <message>
        <source>wijziging van %1</source>
        <translation>modification de %1</translation>
    </message>
    <message>
        <source>nieuw artikel</source>
        <translation>nouvel article</translation>
    </message>
    <message>
        <source>titel was %1</source>
        <translation>ancien titre : %1</translation>
    </message>
    <message>
        <source>toegevoegd: %1</source>
        <translation>ajouté : %1</translation>
    </message>
    <message>
        <source>weggelaten: %1</source>
        <translation>supprimé : %1</translation>
    </message>
    <message>
        <source>niets gewijzigd</source>
        <translation>rien de modifié</translation>
    </message>
    <message>
        <source>Voorstellen voor de kennisbank</source>
        <translation>Propositions pour la base de connaissances</translation>
    </message>
    <message>
        <source>Tijd</source>
        <translation>Temps</translation>
    </message>
    <message>
        <source>Titel</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Tekst</source>
        <translation>Texte</translation>
    </message>
    <message>
        <source>Gewijzigd</source>
        <translation>Modifié</translation>
    </message>
    <message>
        <source>Voor de coach: niet beoordeeld.</source>
        <translation>Pour le coach : non évalué.</translation>
    </message>
    <message>
        <source>Typen</source>
        <translation>Frappe</translation>
    </message>
    <message>
        <source>Maat</source>
        <translation>Mesure</translation>
    </message>
    <message>
        <source>%1 van %2 getoetste competenties getoond.</source>
        <translation>Compétences démontrées : %1 sur %2 évaluées.</translation>
    </message>
    <message>
        <source>Niet getoond: %1.</source>
        <translation>Non démontrées : %1.</translation>
    </message>
    <message>
        <source>Gebeld</source>
        <translation>Appelé</translation>
    </message>
    <message>
        <source>%1 keer, waarvan %2 bezet en %3 naar een verkeerd nummer</source>
        <translation>%1 fois, dont %2 occupé(s) et %3 vers un mauvais numéro</translation>
    </message>
    <message>
        <source>In de opname: waar de klant het gegeven begint te zeggen (een veld dat niet gezegd wordt: waar het ingevuld werd).</source>
        <translation>Dans l&apos;enregistrement : là où le client commence à donner l&apos;information (un champ qui n&apos;est pas dit : là où il a été rempli).</translation>
    </message>
    <message>
        <source>Opmerking</source>
        <translation>Remarque</translation>
    </message>
    <message>
        <source>Beoordeling door de coach (%1, %2)</source>
        <translation>Évaluation par le coach (%1, %2)</translation>
    </message>
    <message>
        <source>Criterium</source>
        <translation>Critère</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>getoond</source>
        <translation>démontrée</translation>
    </message>
    <message>
        <source>niet getoetst</source>
        <translation>non évalué</translation>
    </message>
    <message>
        <source>Contactcenteroperator</source>
        <translation>Opérateur de centre de contact</translation>
    </message>
    <message>
        <source>Helpdeskoperator</source>
        <translation>Opérateur helpdesk</translation>
    </message>
    <message>
        <source>Medewerker digitale gebruikersondersteuning</source>
        <translation>Collaborateur support utilisateurs numérique</translation>
    </message>
    <message>
        <source>Callcenteroperator</source>
        <translation>Opérateur de centre d&apos;appel</translation>
    </message>
    <message>
        <source>Neemt contact op met (potentiële) klanten en stelt producten en diensten voor</source>
        <translation>Prend contact avec des clients (potentiels) et présente les produits et services</translation>
    </message>
    <message>
        <source>Gebruikt communicatietechnieken</source>
        <translation>Utilise des techniques de communication</translation>
    </message>
    <message>
        <source>Behandelt vragen en klachten oplossingsgericht volgens de SLA</source>
        <translation>Traite les questions et réclamations de manière orientée solution, selon le SLA</translation>
    </message>
    <message>
        <source>Ondersteunt klanten bij vragen en problemen</source>
        <translation>Soutient les clients en cas de questions et de problèmes</translation>
    </message>
    <message>
        <source>Streeft steeds naar een kwaliteitsvolle dienstverlening</source>
        <translation>Veille toujours à une prestation de services de qualité</translation>
    </message>
    <message>
        <source>Beluistert en verwerkt tegelijk de informatie van de gebruiker</source>
        <translation>Écoute et traite en même temps les informations de l&apos;utilisateur</translation>
    </message>
    <message>
        <source>Behandelt deskundig klachten</source>
        <translation>Traite les réclamations avec expertise</translation>
    </message>
    <message>
        <source>Behandelt vragen en klachten oplossingsgericht volgens SLA en scenario&apos;s</source>
        <translation>Traite les questions et réclamations de manière orientée solution, selon le SLA et les scénarios</translation>
    </message>
    <message>
        <source>Biedt eerstelijnsondersteuning en voert routinetesten uit</source>
        <translation>Assure le support de première ligne et effectue des tests de routine</translation>
    </message>
    <message>
        <source>Ondersteunt de update van de kennisdatabank</source>
        <translation>Contribue à la mise à jour de la base de connaissances</translation>
    </message>
    <message>
        <source>Werkt met oog voor privacy en cyberveiligheid</source>
        <translation>Travaille en veillant à la vie privée et à la cybersécurité</translation>
    </message>
    <message>
        <source>Organiseert de eigen werkzaamheden met oog voor kwaliteit</source>
        <translation>Organise son propre travail en veillant à la qualité</translation>
    </message>
    <message>
        <source>Werkt in teamverband</source>
        <translation>Travaille en équipe</translation>
    </message>
    <message>
        <source>Ontwikkelt continu de eigen praktijk</source>
        <translation>Développe en continu sa propre pratique</translation>
    </message>
    <message>
        <source>Begeleidt de gebruiker bij het oplossen van problemen of neemt over op afstand</source>
        <translation>Accompagne l&apos;utilisateur dans la résolution de problèmes ou prend la main à distance</translation>
    </message>
    <message>
        <source>Installeert eenvoudige software- en hardwaretoepassingen</source>
        <translation>Installe des applications logicielles et matérielles simples</translation>
    </message>
    <message>
        <source>niet getoond</source>
        <translation>non démontrée</translation>
    </message>
    <message>
        <source>gemiddeld %1 van %2</source>
        <translation>en moyenne %1 sur %2</translation>
    </message>
    <message>
        <source>beoordeeld door een coach (sessies: %1)</source>
        <translation>évalué par un coach (sessions : %1)</translation>
    </message>
    <message>
        <source>nog geen bewijs</source>
        <translation>pas encore de preuve</translation>
    </message>
    <message>
        <source>%1 van %2 sessies (%3)</source>
        <translation>%1 sur %2 sessions (%3)</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Competentie</source>
        <translation>Compétence</translation>
    </message>
    <message>
        <source>Getoond</source>
        <translation>Démontrée</translation>
    </message>
    <message>
        <source>Beste resultaat</source>
        <translation>Meilleur résultat</translation>
    </message>
    <message>
        <source>Laatste resultaat</source>
        <translation>Dernier résultat</translation>
    </message>
    <message>
        <source>Laatste beoordeling door een coach</source>
        <translation>Dernière évaluation par un coach</translation>
    </message>
    <message>
        <source>Sessies</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <source>Binnen de marge</source>
        <translation>Dans la marge</translation>
    </message>
    <message>
        <source>Beste netto woorden/min</source>
        <translation>Meilleurs mots nets/min</translation>
    </message>
    <message>
        <source>Foutpercentage</source>
        <translation>Taux d&apos;erreur</translation>
    </message>
    <message>
        <source>Typen: de snelste sessie binnen de foutenmarge</source>
        <translation>Frappe : la session la plus rapide dans la marge d&apos;erreur</translation>
    </message>
    <message>
        <source>Competentieportfolio</source>
        <translation>Portfolio de compétences</translation>
    </message>
    <message>
        <source>Periode</source>
        <translation>Période</translation>
    </message>
    <message>
        <source>Opgemaakt op</source>
        <translation>Établi le</translation>
    </message>
    <message>
        <source>Bewijs uit de sessies in Simultaan, per competentie van de standaarden: hoe vaak ze getoetst en getoond werd, het beste en het laatste resultaat, en de laatste beoordeling door een coach met de rubriek (gemiddelde score van de criteria, opmerking).</source>
        <translation>Preuves tirées des sessions dans Simultaan, par compétence des standards : combien de fois elle a été évaluée et démontrée, le meilleur et le dernier résultat, et la dernière évaluation par un coach avec la grille (score moyen des critères, remarque).</translation>
    </message>
    <message>
        <source>Competenties van de standaarden</source>
        <translation>Compétences des référentiels</translation>
    </message>
    <message>
        <source>Opgenomen na</source>
        <translation>Décroché après</translation>
    </message>
    <message>
        <source>%1 s (norm %2 s)</source>
        <translation>%1 s (norme %2 s)</translation>
    </message>
    <message>
        <source>Gespreksduur</source>
        <translation>Durée de l&apos;appel</translation>
    </message>
    <message>
        <source>Velden juist</source>
        <translation>Champs corrects</translation>
    </message>
    <message>
        <source>Meldingen op tijd bevestigd</source>
        <translation>Messages confirmés à temps</translation>
    </message>
    <message>
        <source>Spelling (eigen woorden)</source>
        <translation>Orthographe (mots du stagiaire)</translation>
    </message>
    <message>
        <source>De sessie werd %1: niet volledig, dus niet geslaagd.</source>
        <translation>La session a été %1 : incomplète, donc non réussie.</translation>
    </message>
    <message>
        <source>%1 van %2 woorden fout (%3, marge %4)</source>
        <translation>%1 mots fautifs sur %2 (%3, marge %4)</translation>
    </message>
    <message>
        <source>Tijden en invoer</source>
        <translation>Temps et saisie</translation>
    </message>
    <message>
        <source>Duur van de shift</source>
        <translation>Durée du service</translation>
    </message>
    <message>
        <source>SLA-overschrijdingen</source>
        <translation>Dépassements SLA</translation>
    </message>
    <message>
        <source>Contacten in de verkeerde volgorde genomen</source>
        <translation>Contacts pris dans le mauvais ordre</translation>
    </message>
    <message>
        <source>Tickets gemaakt</source>
        <translation>Tickets créés</translation>
    </message>
    <message>
        <source>%1 (verwacht %2)</source>
        <translation>%1 (attendu %2)</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>Binnen / genomen</source>
        <translation>Arrivé / pris</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <source>Prioriteit</source>
        <translation>Priorité</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Équipe</translation>
    </message>
    <message>
        <source>Reactie (SLA)</source>
        <translation>Réaction (SLA)</translation>
    </message>
    <message>
        <source>geen ticket</source>
        <translation>pas de ticket</translation>
    </message>
    <message>
        <source>in orde</source>
        <translation>en ordre</translation>
    </message>
    <message>
        <source>niet genomen</source>
        <translation>pas pris</translation>
    </message>
    <message>
        <source>Contacten en tickets</source>
        <translation>Contacts et tickets</translation>
    </message>
    <message>
        <source>Binnen / genomen: wanneer het contact binnenkwam en genomen werd, op de klok van de shift; Reactie: de tijd tot de eerste reactie op het ticket, tegen de norm van zijn prioriteit.</source>
        <translation>Arrivé / pris : quand le contact est arrivé et a été pris, à l&apos;horloge du service ; Réaction : le temps jusqu&apos;à la première réaction sur le ticket, face à la norme de sa priorité.</translation>
    </message>
    <message>
        <source>%1 heeft de chat verlaten (op %2).</source>
        <translation>%1 a quitté le chat (à %2).</translation>
    </message>
    <message>
        <source>Antwoorden op tijd</source>
        <translation>Réponses à temps</translation>
    </message>
    <message>
        <source>%1 op tijd, %2 te laat, %3 gemist</source>
        <translation>%1 à temps, %2 en retard, %3 manquées</translation>
    </message>
    <message>
        <source>Verbeteringen (Backspace, Delete)</source>
        <translation>Corrections (Retour arrière, Suppr)</translation>
    </message>
    <message>
        <source>te vermijden: &apos;%1&apos;</source>
        <translation>à éviter : « %1 »</translation>
    </message>
    <message>
        <source>Klant (binnen)</source>
        <translation>Client (arrivé)</translation>
    </message>
    <message>
        <source>Bericht van de klant</source>
        <translation>Message du client</translation>
    </message>
    <message>
        <source>Jouw antwoord</source>
        <translation>Votre réponse</translation>
    </message>
    <message>
        <source>Ontbreekt</source>
        <translation>Manque</translation>
    </message>
    <message>
        <source>norm %1 s</source>
        <translation>norme %1 s</translation>
    </message>
    <message>
        <source>(verliet de chat)</source>
        <translation>(a quitté le chat)</translation>
    </message>
    <message>
        <source>Gesprekken en antwoorden</source>
        <translation>Conversations et réponses</translation>
    </message>
    <message>
        <source>Binnen: wanneer het bericht kwam, op de klok van de sessie; Tijd: tot het eerste antwoord, tegen de norm; Ontbreekt: de feiten en beleefdheden die het antwoord moest bevatten.</source>
        <translation>Arrivé : quand le message est arrivé, à l&apos;horloge de la session ; Temps : jusqu&apos;à la première réponse, face à la norme ; Manque : les faits et les formules de politesse que la réponse devait contenir.</translation>
    </message>
    <message>
        <source>Veld</source>
        <translation>Champ</translation>
    </message>
    <message>
        <source>Gegevensinvoer</source>
        <translation>Saisie des données</translation>
    </message>
    <message>
        <source>&amp;Rapport…  (Ctrl+S)</source>
        <translation>Rapp&amp;ort…  (Ctrl+S)</translation>
    </message>
    <message>
        <source>Het rapport van deze sessie bewaren als PDF, HTML of CSV</source>
        <translation>Enregistrer le rapport de cette session en PDF, HTML ou CSV</translation>
    </message>
    <message>
        <source>PDF-document (*.pdf)</source>
        <translation>Document PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Webpagina (*.html)</source>
        <translation>Page web (*.html)</translation>
    </message>
    <message>
        <source>Portfolio bewaren</source>
        <translation>Enregistrer le portfolio</translation>
    </message>
    <message>
        <source>Het portfolio kon niet worden bewaard in %1: %2</source>
        <translation>Le portfolio n&apos;a pas pu être enregistré dans %1 : %2</translation>
    </message>
    <message>
        <source>Portfolio</source>
        <translation>Portfolio</translation>
    </message>
    <message>
        <source>CSV voor een rekenblad (*.csv)</source>
        <translation>CSV pour un tableur (*.csv)</translation>
    </message>
    <message>
        <source>Rapport bewaren</source>
        <translation>Enregistrer le rapport</translation>
    </message>
    <message>
        <source>Rapport</source>
        <translation>Rapport</translation>
    </message>
    <message>
        <source>Het rapport kon niet worden bewaard in %1: %2</source>
        <translation>Le rapport n&apos;a pas pu être enregistré dans %1 : %2</translation>
    </message>
    <message>
        <source>Oefen &amp;deze toetsen  (Ctrl+P)</source>
        <translation>S&apos;&amp;entraîner sur ces touches  (Ctrl+P)</translation>
    </message>
    <message>
        <source>Een oefening op maat: zinnen uit echte werkteksten met de toetsen en woorden die je de laatste tijd het vaakst fout typte</source>
        <translation>Un exercice sur mesure : des phrases de vrais textes de travail avec les touches et les mots que vous avez le plus souvent mal tapés ces derniers temps</translation>
    </message>
    <message>
        <source>Op maat oefenen</source>
        <translation>Entraînement sur mesure</translation>
    </message>
    <message>
        <source>Kies of maak eerst een cursist.</source>
        <translation>Choisissez ou créez d&apos;abord un stagiaire.</translation>
    </message>
    <message>
        <source>De oefening kon niet worden bewaard in %1: %2</source>
        <translation>L&apos;exercice n&apos;a pas pu être enregistré dans %1 : %2</translation>
    </message>
    <message>
        <source>geslaagd</source>
        <translation>réussi</translation>
    </message>
    <message>
        <source>niet geslaagd</source>
        <translation>non réussi</translation>
    </message>
    <message>
        <source>oefenen</source>
        <translation>entraînement</translation>
    </message>
    <message>
        <source>%n cursist</source>
        <translation>%n stagiaire</translation>
    </message>
    <message>
        <source>%n cursisten</source>
        <translation>%n stagiaires</translation>
    </message>
    <message>
        <source>geen score</source>
        <translation>pas de score</translation>
    </message>
    <message>
        <source>Beoordeling</source>
        <translation>Évaluation</translation>
    </message>
    <message>
        <source>Deze oefening vraagt geen competenties die alleen een coach kan beoordelen: er is niets in te vullen. Het resultaat zegt wat de oefening toetst.</source>
        <translation>Cet exercice ne fait appel à aucune compétence que seul un coach peut évaluer : il n&apos;y a rien à remplir. Le résultat indique ce que l&apos;exercice évalue.</translation>
    </message>
    <message>
        <source>Beoordeling van %1 bewaard.</source>
        <translation>Évaluation de %1 enregistrée.</translation>
    </message>
    <message>
        <source>Beoordel&amp;ing…  (Ctrl+B)</source>
        <translation>É&amp;valuation…  (Ctrl+B)</translation>
    </message>
    <message>
        <source>Met de rubriek beoordelen wat alleen een coach kan zien of horen: de communicatie, de typtechniek en de houding</source>
        <translation>Évaluer avec la grille ce que seul un coach peut voir ou entendre : la communication, la technique de frappe et la posture</translation>
    </message>
    <message>
        <source>Terug&amp;kijken…  (Ctrl+J)</source>
        <translation>Re&amp;jouer…  (Ctrl+J)</translation>
    </message>
    <message>
        <source>De sessie opnieuw afspelen: de tekst, de velden, de meldingen en het geluid</source>
        <translation>Rejouer la session : le texte, les champs, les messages et le son</translation>
    </message>
    <message>
        <source>Terugkijken</source>
        <translation>Rejouer la session</translation>
    </message>
    <message>
        <source>Een sessie van deze soort kan nog niet teruggekeken worden.</source>
        <translation>Une session de ce type ne peut pas encore être revue.</translation>
    </message>
    <message>
        <source>Deze sessie kan niet teruggekeken worden: %1</source>
        <translation>Cette session ne peut pas être rejouée : %1</translation>
    </message>
    <message>
        <source>de naam van een exampakket eindigt op {suffix}</source>
        <translation>le nom d&apos;un paquet d&apos;examen se termine par {suffix}</translation>
    </message>
    <message>
        <source>er is geen oefening &apos;{id}&apos;</source>
        <translation>il n&apos;y a pas d&apos;exercice « {id} »</translation>
    </message>
    <message>
        <source>de oefening &apos;{id}&apos; is in het {language}, het pakket in het {own}</source>
        <translation>l&apos;exercice « {id} » est en {language}, le paquet en {own}</translation>
    </message>
    <message>
        <source>max_plays: &apos;{id}&apos; is geen dictee (alleen een dictee heeft fragmenten om af te spelen)</source>
        <translation>max_plays : « {id} » n&apos;est pas une dictée (seule une dictée a des fragments à écouter)</translation>
    </message>
    <message>
        <source>{key}: &apos;{id}&apos; is een gesprek; dat wordt niet op typsnelheid of foutenmarge beoordeeld</source>
        <translation>{key} : « {id} » est un appel ; il n&apos;est pas évalué sur la vitesse de frappe ni sur la marge d&apos;erreur</translation>
    </message>
    <message>
        <source>&apos;{id}&apos; heeft geen snelheidseis: geef het onderdeel een min_wpm</source>
        <translation>« {id} » n&apos;a pas d&apos;exigence de vitesse : donnez un min_wpm à la partie</translation>
    </message>
    <message>
        <source>{path}: dit examen liep met een ander pakket dan &apos;{package}&apos;</source>
        <translation>{path} : cet examen a été commencé avec un autre paquet que « {package} »</translation>
    </message>
    <message>
        <source>{path}: te weinig vrije ruimte voor een examen ({free} MiB vrij, {needed} MiB nodig)</source>
        <translation>{path} : pas assez d&apos;espace libre pour un examen ({free} Mio libres, {needed} Mio nécessaires)</translation>
    </message>
    <message>
        <source>{path}: de gegevensmap bestaat niet en kan niet gemaakt worden</source>
        <translation>{path} : le dossier de données n&apos;existe pas et ne peut pas être créé</translation>
    </message>
    <message>
        <source>{path}: dit is geen map</source>
        <translation>{path} : ce n&apos;est pas un dossier</translation>
    </message>
    <message>
        <source>{path}: in de gegevensmap kan niet geschreven worden (alleen-lezen)</source>
        <translation>{path} : impossible d&apos;écrire dans le dossier de données (lecture seule)</translation>
    </message>
    <message>
        <source>{path}: in de gegevensmap kan niet geschreven worden ({detail})</source>
        <translation>{path} : impossible d&apos;écrire dans le dossier de données ({detail})</translation>
    </message>
    <message>
        <source>{path}: de stand van het examen kan niet gelezen worden ({detail})</source>
        <translation>{path} : l&apos;état de l&apos;examen ne peut pas être lu ({detail})</translation>
    </message>
    <message>
        <source>&apos;{id}&apos; is een oefening met kind: {kind}; een examen neemt alleen overtypen, dictees en gesprekken af</source>
        <translation>« {id} » est un exercice avec kind: {kind} ; un examen ne fait passer que des exercices de copie, des dictées et des appels</translation>
    </message>
    <message>
        <source>kandidaat {candidate} legt dit examen al af op {workstation}</source>
        <translation>le candidat {candidate} passe déjà cet examen sur {workstation}</translation>
    </message>
    <message>
        <source>kandidaat {candidate} heeft dit examen al afgelegd</source>
        <translation>le candidat {candidate} a déjà passé cet examen</translation>
    </message>
    <message>
        <source>kandidaatnummer {candidate} is voor pakket {package} al in gebruik op werkpost {workstation} (centrale opslag {server}): kijk het nummer na; hier is niets gestart</source>
        <translation>le numéro de candidat {candidate} est déjà utilisé pour le paquet {package} sur le poste {workstation} (stockage central {server}) : vérifiez le numéro ; rien n&apos;a été lancé ici</translation>
    </message>
    <message>
        <source>{path} bestaat al: een sleutel wordt nooit overschreven</source>
        <translation>{path} existe déjà : une clé n&apos;est jamais écrasée</translation>
    </message>
    <message>
        <source>geen sleutel gevonden: {path}</source>
        <translation>aucune clé trouvée : {path}</translation>
    </message>
    <message>
        <source>{path}: geen bruikbare Ed25519-sleutel ({detail})</source>
        <translation>{path} : pas de clé Ed25519 utilisable ({detail})</translation>
    </message>
    <message>
        <source>geen certificaat gevonden: {path}</source>
        <translation>aucun certificat trouvé : {path}</translation>
    </message>
    <message>
        <source>{path}: geen leesbaar certificaat ({detail})</source>
        <translation>{path} : certificat illisible ({detail})</translation>
    </message>
    <message>
        <source>het certificaat van &apos;{name}&apos; heeft geen Ed25519-sleutel</source>
        <translation>le certificat de « {name} » n&apos;a pas de clé Ed25519</translation>
    </message>
    <message>
        <source>{path} hoort niet bij het centre.crt ernaast: de sleutel van een ander examencentrum?</source>
        <translation>{path} ne correspond pas au centre.crt à côté : la clé d&apos;un autre centre d&apos;examen ?</translation>
    </message>
    <message>
        <source>het certificaat van het examencentrum ontbreekt: {path} (geef het met --centre-cert of schrijf deze computer in)</source>
        <translation>le certificat du centre d&apos;examen manque : {path} (indiquez-le avec --centre-cert ou inscrivez cet ordinateur)</translation>
    </message>
    <message>
        <source>deze computer is niet ingeschreven bij een examencentrum: geen sleutel in {folder} (simultaan exam enrol)</source>
        <translation>cet ordinateur n&apos;est inscrit auprès d&apos;aucun centre d&apos;examen : pas de clé dans {folder} (simultaan exam enrol)</translation>
    </message>
    <message>
        <source>de privésleutel van het examencentrum staat op deze computer ({path}): haal hem weg, hij hoort alleen op de computer van het centrum</source>
        <translation>la clé privée du centre d&apos;examen se trouve sur cet ordinateur ({path}) : retirez-la, elle n&apos;a sa place que sur l&apos;ordinateur du centre</translation>
    </message>
    <message>
        <source>in {folder} horen de sleutel en het certificaat niet bij elkaar</source>
        <translation>dans {folder}, la clé et le certificat ne vont pas ensemble</translation>
    </message>
    <message>
        <source>het certificaat van &apos;{name}&apos; is niet uitgegeven door het examencentrum &apos;{centre}&apos;</source>
        <translation>le certificat de « {name} » n&apos;a pas été délivré par le centre d&apos;examen « {centre} »</translation>
    </message>
    <message>
        <source>het certificaat van &apos;{name}&apos; is verlopen op {date}</source>
        <translation>le certificat de « {name} » a expiré le {date}</translation>
    </message>
    <message>
        <source>het certificaat van &apos;{name}&apos; geldt pas vanaf {date}</source>
        <translation>le certificat de « {name} » n&apos;est valable qu&apos;à partir du {date}</translation>
    </message>
    <message>
        <source>examenpakket {package}: niet ondertekend (geen {sig} ernaast)</source>
        <translation>paquet d&apos;examen {package} : non signé (pas de {sig} à côté)</translation>
    </message>
    <message>
        <source>examenpakket {package}: gewijzigd na de ondertekening (de handtekening {path} klopt niet meer)</source>
        <translation>paquet d&apos;examen {package} : modifié après la signature (la signature {path} ne correspond plus)</translation>
    </message>
    <message>
        <source>examenpakket {package}: ondertekend met een andere sleutel dan die van het examencentrum</source>
        <translation>paquet d&apos;examen {package} : signé avec une autre clé que celle du centre d&apos;examen</translation>
    </message>
    <message>
        <source>examenpakket {package}: de handtekening {path} is niet te lezen</source>
        <translation>paquet d&apos;examen {package} : la signature {path} est illisible</translation>
    </message>
    <message>
        <source>examenpakket {package} is niet te lezen: {detail}</source>
        <translation>le paquet d&apos;examen {package} est illisible : {detail}</translation>
    </message>
    <message>
        <source>de handtekening {path} kan niet worden geschreven: {detail}</source>
        <translation>la signature {path} ne peut pas être écrite : {detail}</translation>
    </message>
    <message>
        <source>{path} kan niet verzegeld worden: {detail}</source>
        <translation>{path} ne peut pas être scellé : {detail}</translation>
    </message>
    <message>
        <source>de verzegeling {path} kan niet worden geschreven: {detail}</source>
        <translation>le sceau {path} ne peut pas être écrit : {detail}</translation>
    </message>
    <message>
        <source>de verzegeling {seal} is niet te lezen ({detail})</source>
        <translation>le sceau {seal} est illisible ({detail})</translation>
    </message>
    <message>
        <source>de verzegeling {seal} zelf is gewijzigd</source>
        <translation>le sceau {seal} lui-même a été modifié</translation>
    </message>
    <message>
        <source>de verzegeling {seal} noemt een bestand buiten haar map: {file}</source>
        <translation>le sceau {seal} nomme un fichier hors de son dossier : {file}</translation>
    </message>
    <message>
        <source>{file} ontbreekt (verzegeld door &apos;{station}&apos; op {date})</source>
        <translation>{file} manque (scellé par « {station} » le {date})</translation>
    </message>
    <message>
        <source>gewijzigd sinds &apos;{station}&apos; het verzegelde op {date}</source>
        <translation>modifié depuis que « {station} » l&apos;a scellé le {date}</translation>
    </message>
    <message>
        <source>het bewaarde resultaat is niet meer het resultaat dat &apos;{station}&apos; verzegelde op {date} ({file})</source>
        <translation>le résultat conservé n&apos;est plus celui que « {station} » a scellé le {date} ({file})</translation>
    </message>
    <message>
        <source>evaluator {seat}: vul uw naam in bij uw oordeel</source>
        <translation>évaluateur {seat} : indiquez votre nom avec votre verdict</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; staat al als de andere evaluator: een examen wordt door twee verschillende evaluatoren beoordeeld</source>
        <translation>« {name} » est déjà l&apos;autre évaluateur : un examen est évalué par deux évaluateurs différents</translation>
    </message>
    <message>
        <source>het examen {exam} is al afgetekend: de oordelen liggen vast</source>
        <translation>l&apos;examen {exam} est déjà signé : les verdicts sont définitifs</translation>
    </message>
    <message>
        <source>het examen {exam} kan pas afgetekend worden als beide evaluatoren een oordeel gaven</source>
        <translation>l&apos;examen {exam} ne peut être signé que lorsque les deux évaluateurs ont rendu leur verdict</translation>
    </message>
    <message>
        <source>de evaluatoren zijn het niet eens over {exam}: overleg en pas een oordeel aan voor u aftekent</source>
        <translation>les évaluateurs ne sont pas d&apos;accord sur {exam} : concertez-vous et modifiez un verdict avant de signer</translation>
    </message>
    <message>
        <source>niet af te tekenen: deze onderdelen zijn niet ongewijzigd verzegeld: {parts}</source>
        <translation>impossible de signer : ces parties ne sont pas scellées intactes : {parts}</translation>
    </message>
    <message>
        <source>het examen {exam} is nog niet afgetekend: er is nog geen bundel voor het testcentrum</source>
        <translation>l&apos;examen {exam} n&apos;est pas encore signé : il n&apos;y a pas encore de lot pour le centre de test</translation>
    </message>
    <message>
        <source>geen verzegeling gevonden voor {file}</source>
        <translation>aucun sceau trouvé pour {file}</translation>
    </message>
    <message>
        <source>er is geen bestand of map met die naam</source>
        <translation>il n&apos;y a pas de fichier ni de dossier de ce nom</translation>
    </message>
    <message>
        <source>{bundle}: de bundel als geheel is niet verzegeld</source>
        <translation>{bundle} : le lot n&apos;est pas scellé dans son ensemble</translation>
    </message>
    <message>
        <source>{bundle}: de bundel is niet te lezen ({detail})</source>
        <translation>{bundle} : le lot est illisible ({detail})</translation>
    </message>
    <message>
        <source>%n resultaat wacht op de centrale opslag</source>
        <translation>%n résultat en attente du stockage central</translation>
    </message>
    <message>
        <source>%n resultaten wachten op de centrale opslag</source>
        <translation>%n résultats en attente du stockage central</translation>
    </message>
    <message>
        <source>Examenbestanden wachten op de centrale opslag</source>
        <translation>Des fichiers d&apos;examen attendent le stockage central</translation>
    </message>
    <message>
        <source>Alle resultaten staan in de centrale opslag</source>
        <translation>Tous les résultats sont dans le stockage central</translation>
    </message>
    <message>
        <source>Centrale opslag</source>
        <translation>Stockage central</translation>
    </message>
    <message>
        <source>Ev&amp;aluatie…</source>
        <translation>Év&amp;aluation…</translation>
    </message>
    <message>
        <source>Examens: bewijs per onderdeel, oordelen van twee evaluatoren (Ctrl+E)</source>
        <translation>Examens : preuves par partie, verdicts de deux évaluateurs (Ctrl+E)</translation>
    </message>
    <message>
        <source>E&amp;xamen afnemen…</source>
        <translation>Faire passer un e&amp;xamen…</translation>
    </message>
    <message>
        <source>Een ondertekend exampakket afnemen, in volledig scherm (Ctrl+Shift+X)</source>
        <translation>Faire passer un paquet d&apos;examen signé, en plein écran (Ctrl+Shift+X)</translation>
    </message>
    <message>
        <source>Exampakket kiezen</source>
        <translation>Choisir le paquet d&apos;examen</translation>
    </message>
    <message>
        <source>Exampakketten (*.exam.yaml)</source>
        <translation>Paquets d&apos;examen (*.exam.yaml)</translation>
    </message>
    <message>
        <source>Examen afnemen</source>
        <translation>Faire passer un examen</translation>
    </message>
    <message>
        <source>Kandidaatnummer (letters, cijfers, . _ -):</source>
        <translation>Numéro de candidat (lettres, chiffres, . _ -) :</translation>
    </message>
    <message>
        <source>Examen kan niet starten</source>
        <translation>L&apos;examen ne peut pas commencer</translation>
    </message>
    <message>
        <source>&apos;{id}&apos; is geen kandidaatnummer (letters, cijfers, . _ -, hoogstens 40).</source>
        <translation>« {id} » n&apos;est pas un numéro de candidat (lettres, chiffres, . _ -, 40 au plus).</translation>
    </message>
    <message>
        <source>op %1 in de opname</source>
        <translation>à %1 dans l&apos;enregistrement</translation>
    </message>
    <message>
        <source>Bij deze sessie werd de stem van de cursist niet opgenomen.</source>
        <translation>La voix du stagiaire n&apos;a pas été enregistrée pendant cette session.</translation>
    </message>
    <message>
        <source>Het bestand van de opname (%1) staat niet meer naast het logboek.</source>
        <translation>Le fichier de l&apos;enregistrement (%1) ne se trouve plus à côté du journal.</translation>
    </message>
    <message>
        <source>De opname van de stem stond uit in de instellingen.</source>
        <translation>L&apos;enregistrement de la voix était désactivé dans les paramètres.</translation>
    </message>
    <message>
        <source>Er was geen microfoon: de stem werd niet opgenomen.</source>
        <translation>Il n&apos;y avait pas de microphone : la voix n&apos;a pas été enregistrée.</translation>
    </message>
    <message>
        <source>De microfoon viel weg.</source>
        <translation>Le microphone a été perdu.</translation>
    </message>
    <message>
        <source>De schijf was vol.</source>
        <translation>Le disque était plein.</translation>
    </message>
    <message>
        <source>De opname kon niet bewaard worden.</source>
        <translation>L&apos;enregistrement n&apos;a pas pu être sauvegardé.</translation>
    </message>
    <message>
        <source>De opname stopt %1.</source>
        <translation>L&apos;enregistrement s&apos;arrête %1.</translation>
    </message>
    <message>
        <source>Stem van de cursist</source>
        <translation>Voix du stagiaire</translation>
    </message>
    <message>
        <source>De klip %1 zit niet in de bibliotheek van deze computer.</source>
        <translation>Le clip %1 ne se trouve pas dans la bibliothèque de cet ordinateur.</translation>
    </message>
    <message>
        <source>Te groot om in het rapport te zitten, dus alleen gekoppeld: %1. Die opname speelt alleen af op een computer met het bestand op dezelfde plaats.</source>
        <translation>Trop volumineux pour figurer dans le rapport, donc seulement lié : %1. Cet enregistrement ne se lit que sur un ordinateur qui a le fichier au même endroit.</translation>
    </message>
    <message>
        <source>Opname van het gesprek</source>
        <translation>Enregistrement de l&apos;appel</translation>
    </message>
    <message>
        <source>(als ondertitel)</source>
        <translation>(en sous-titre)</translation>
    </message>
    <message>
        <source>Veld &apos;%1&apos; ingevuld: &apos;%2&apos;</source>
        <translation>Champ « %1 » rempli : « %2 »</translation>
    </message>
    <message>
        <source>Invoer</source>
        <translation>Saisie</translation>
    </message>
    <message>
        <source>Verloop van het gesprek</source>
        <translation>Déroulement de l&apos;appel</translation>
    </message>
    <message>
        <source>Wie</source>
        <translation>Qui</translation>
    </message>
    <message>
        <source>Wat</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <source>In de opname</source>
        <translation>Dans l&apos;enregistrement</translation>
    </message>
    <message>
        <source>Elk deel van het gesprek met zijn tijd in de opname: dezelfde klok als in Terugkijken (Ctrl+J op de resultaten).</source>
        <translation>Chaque partie de l&apos;appel avec son moment dans l&apos;enregistrement : la même horloge que dans Rejouer (Ctrl+J sur les résultats).</translation>
    </message>
    <message>
        <source>Naar tijd</source>
        <translation>Aller à un moment</translation>
    </message>
    <message>
        <source>Tijd in de sessie, zoals in het rapport (bv. 1:23):</source>
        <translation>Moment de la session, comme dans le rapport (p. ex. 1:23) :</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is geen tijd: typ minuten en seconden, zoals 1:23.</source>
        <translation>« %1 » n&apos;est pas un moment : tapez des minutes et des secondes, comme 1:23.</translation>
    </message>
    <message>
        <source>gewijzigd: niet geldig</source>
        <translation>modifié : non valable</translation>
    </message>
    <message>
        <source>niet verzegeld: niet geldig</source>
        <translation>non scellé : non valable</translation>
    </message>
    <message>
        <source>hoog</source>
        <translation>élevé(e)</translation>
    </message>
    <message>
        <source>middel</source>
        <translation>moyen(ne)</translation>
    </message>
    <message>
        <source>laag</source>
        <translation>faible</translation>
    </message>
    <message>
        <source>telefoon</source>
        <translation>téléphone</translation>
    </message>
    <message>
        <source>e-mail</source>
        <translation>e-mail</translation>
    </message>
    <message>
        <source>chat</source>
        <translation>chat</translation>
    </message>
    <message>
        <source>portaal</source>
        <translation>portail</translation>
    </message>
    <message>
        <source>aanvrager</source>
        <translation>demandeur</translation>
    </message>
    <message>
        <source>kanaal</source>
        <translation>canal</translation>
    </message>
    <message>
        <source>onderwerp</source>
        <translation>objet</translation>
    </message>
    <message>
        <source>categorie</source>
        <translation>catégorie</translation>
    </message>
    <message>
        <source>impact</source>
        <translation>impact</translation>
    </message>
    <message>
        <source>urgentie</source>
        <translation>urgence</translation>
    </message>
    <message>
        <source>status</source>
        <translation>état</translation>
    </message>
    <message>
        <source>team</source>
        <translation>équipe</translation>
    </message>
    <message>
        <source>bekend probleem</source>
        <translation>problème connu</translation>
    </message>
    <message>
        <source>notitie</source>
        <translation>remarque</translation>
    </message>
    <message>
        <source>klant geïnformeerd</source>
        <translation>client informé</translation>
    </message>
    <message>
        <source>afsluitcode</source>
        <translation>code de clôture</translation>
    </message>
    <message>
        <source>oplossing</source>
        <translation>solution</translation>
    </message>
    <message>
        <source>titel</source>
        <translation>titre</translation>
    </message>
    <message>
        <source>tekst</source>
        <translation>texte</translation>
    </message>
    <message>
        <source>Dat ticket bestaat niet.</source>
        <translation>Ce ticket n&apos;existe pas.</translation>
    </message>
    <message>
        <source>Het ticketnummer klopt niet.</source>
        <translation>Le numéro de ticket ne correspond pas.</translation>
    </message>
    <message>
        <source>Vul {field} in.</source>
        <translation>Remplissez « {field} ».</translation>
    </message>
    <message>
        <source>{field} kan bij deze actie niet.</source>
        <translation>« {field} » n&apos;est pas possible pour cette action.</translation>
    </message>
    <message>
        <source>Kies een geldige waarde voor {field}.</source>
        <translation>Choisissez une valeur valable pour « {field} ».</translation>
    </message>
    <message>
        <source>Naar de status &apos;{status}&apos; kan het ticket nu niet.</source>
        <translation>Le ticket ne peut pas passer à l&apos;état « {status} » maintenant.</translation>
    </message>
    <message>
        <source>Er is niets gewijzigd.</source>
        <translation>Rien n&apos;a été modifié.</translation>
    </message>
    <message>
        <source>Het ticket is opgelost: alleen een notitie kan nog, of heropenen.</source>
        <translation>Le ticket est résolu : on peut encore y ajouter une remarque, ou le rouvrir.</translation>
    </message>
    <message>
        <source>Het ticket is gesloten.</source>
        <translation>Le ticket est clôturé.</translation>
    </message>
    <message>
        <source>Alleen een opgelost ticket kan gesloten of heropend worden.</source>
        <translation>Seul un ticket résolu peut être clôturé ou rouvert.</translation>
    </message>
    <message>
        <source>Geen contact gekozen.</source>
        <translation>Aucun contact choisi.</translation>
    </message>
    <message>
        <source>Dit contact heeft al een ticket.</source>
        <translation>Ce contact a déjà un ticket.</translation>
    </message>
    <message>
        <source>De tijd van deze actie ligt voor de vorige.</source>
        <translation>L&apos;heure de cette action précède celle de la précédente.</translation>
    </message>
    <message>
        <source>nieuw</source>
        <translation>nouveau</translation>
    </message>
    <message>
        <source>open</source>
        <translation>ouvert</translation>
    </message>
    <message>
        <source>wacht op klant</source>
        <translation>en attente du client</translation>
    </message>
    <message>
        <source>in de wacht</source>
        <translation>en suspens</translation>
    </message>
    <message>
        <source>opgelost</source>
        <translation>résolu</translation>
    </message>
    <message>
        <source>gesloten</source>
        <translation>clôturé</translation>
    </message>
    <message>
        <source>✔ gehaald</source>
        <translation>✔ respecté</translation>
    </message>
    <message>
        <source>✖ {time} te laat</source>
        <translation>✖ {time} de retard</translation>
    </message>
    <message>
        <source>⏸ {time} (gepauzeerd)</source>
        <translation>⏸ {time} (en pause)</translation>
    </message>
    <message>
        <source>⚠ reactie binnen {time}</source>
        <translation>⚠ réponse d&apos;ici {time}</translation>
    </message>
    <message>
        <source>reactie binnen {time}</source>
        <translation>réponse d&apos;ici {time}</translation>
    </message>
    <message>
        <source>⚠ {time} (bijna)</source>
        <translation>⚠ {time} (bientôt)</translation>
    </message>
</context>
</TS>
