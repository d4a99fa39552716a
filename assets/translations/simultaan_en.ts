<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="nl_BE">
<context>
    <name></name>
    <message>
        <source>juist</source>
        <translation>right</translation>
    </message>
    <message>
        <source>fout</source>
        <translation>wrong</translation>
    </message>
    <message>
        <source>verkeerd veld</source>
        <translation>wrong field</translation>
    </message>
    <message>
        <source>ontbreekt</source>
        <translation>missing</translation>
    </message>
    <message>
        <source>niet ingevuld (optioneel)</source>
        <translation>not filled in (optional)</translation>
    </message>
    <message>
        <source>op tijd</source>
        <translation>in time</translation>
    </message>
    <message>
        <source>te laat</source>
        <translation>too late</translation>
    </message>
    <message>
        <source>gemist</source>
        <translation>missed</translation>
    </message>
    <message>
        <source>Er werd niets getypt.</source>
        <translation>Nothing was typed.</translation>
    </message>
    <message>
        <source>Fouten: %1 (%2), marge %3</source>
        <translation>Errors: %1 (%2), margin %3</translation>
    </message>
    <message>
        <source>  ✗ te veel fouten</source>
        <translation>  ✗ too many errors</translation>
    </message>
    <message>
        <source>Netto snelheid: %1 woorden per minuut, minimum %2</source>
        <translation>Net speed: %1 words per minute, minimum %2</translation>
    </message>
    <message>
        <source>  ✗ te traag</source>
        <translation>  ✗ too slow</translation>
    </message>
    <message>
        <source>Niet meegeteld: %1.</source>
        <translation>Not counted: %1.</translation>
    </message>
    <message>
        <source>De tijd was om: alleen het getypte deel telt.</source>
        <translation>Time was up: only the part typed counts.</translation>
    </message>
    <message>
        <source>Sessie %1: niet afgewerkt, dus niet geslaagd. Het getypte deel is gescoord.</source>
        <translation>Session %1: not finished, so not passed. The part typed was scored.</translation>
    </message>
    <message>
        <source>vervanging</source>
        <translation>substitution</translation>
    </message>
    <message>
        <source>ingevoegd</source>
        <translation>inserted</translation>
    </message>
    <message>
        <source>weggelaten</source>
        <translation>omitted</translation>
    </message>
    <message>
        <source>omwisseling</source>
        <translation>transposition</translation>
    </message>
    <message>
        <source>gesplitst</source>
        <translation>split</translation>
    </message>
    <message>
        <source>aaneengeschreven</source>
        <translation>joined</translation>
    </message>
    <message>
        <source>Begroeten</source>
        <translation>Greet</translation>
    </message>
    <message>
        <source>Beller identificeren</source>
        <translation>Identify the caller</translation>
    </message>
    <message>
        <source>Gegevens verifiëren</source>
        <translation>Verify the details</translation>
    </message>
    <message>
        <source>Doel van de oproep</source>
        <translation>Purpose of the call</translation>
    </message>
    <message>
        <source>Informeren</source>
        <translation>Inform</translation>
    </message>
    <message>
        <source>Beschikbaarheid nagaan</source>
        <translation>Check availability</translation>
    </message>
    <message>
        <source>Gegevens registreren</source>
        <translation>Record the details</translation>
    </message>
    <message>
        <source>Ticket aanmaken</source>
        <translation>Create a ticket</translation>
    </message>
    <message>
        <source>Doorverbinden</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <source>Samenvatten</source>
        <translation>Summarise</translation>
    </message>
    <message>
        <source>Afsluiten</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Jezelf en het bedrijf voorstellen</source>
        <translation>Introduce yourself and the company</translation>
    </message>
    <message>
        <source>Juiste persoon nagaan</source>
        <translation>Check it is the right person</translation>
    </message>
    <message>
        <source>Aanbod doen</source>
        <translation>Make the offer</translation>
    </message>
    <message>
        <source>Bezwaar behandelen</source>
        <translation>Handle the objection</translation>
    </message>
    <message>
        <source>hoofdletter</source>
        <translation>capital</translation>
    </message>
    <message>
        <source>leesteken</source>
        <translation>punctuation</translation>
    </message>
    <message>
        <source>koppelteken of spatie</source>
        <translation>hyphen or space</translation>
    </message>
    <message>
        <source>leestekens</source>
        <translation>punctuation</translation>
    </message>
    <message>
        <source>hoofdletters</source>
        <translation>capitals</translation>
    </message>
    <message>
        <source>de schrijfwijze van getallen</source>
        <translation>how numbers are written</translation>
    </message>
    <message>
        <source>%1 en %2</source>
        <translation>%1 and %2</translation>
    </message>
    <message>
        <source>afgewerkt</source>
        <translation>finished</translation>
    </message>
    <message>
        <source>tijd om</source>
        <translation>time up</translation>
    </message>
    <message>
        <source>afgebroken</source>
        <translation>stopped</translation>
    </message>
    <message>
        <source>hersteld na onderbreking</source>
        <translation>recovered after an interruption</translation>
    </message>
    <message>
        <source>loopt nog</source>
        <translation>running</translation>
    </message>
    <message>
        <source>verloren</source>
        <translation>lost</translation>
    </message>
    <message>
        <source>Let op: het geluid haperde %1 keer (de computer was te traag).</source>
        <translation>Note: the sound dropped out (%1×; the computer was too slow).</translation>
    </message>
    <message>
        <source>Overtypen</source>
        <translation>Copy typing</translation>
    </message>
    <message>
        <source>Dictee</source>
        <translation>Dictation</translation>
    </message>
    <message>
        <source>Gesprek</source>
        <translation>Call</translation>
    </message>
    <message>
        <source>Wachtrij</source>
        <translation>Queue</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <source>woorden</source>
        <translation>words</translation>
    </message>
    <message>
        <source>tekens</source>
        <translation>characters</translation>
    </message>
    <message>
        <source>Controleert de identiteit en de gegevens van de gesprekspartner</source>
        <translation>Checks the identity and details of the caller</translation>
    </message>
    <message>
        <source>Identificeert het doel van de oproep en past het script toe</source>
        <translation>Identifies the purpose of the call and follows the script</translation>
    </message>
    <message>
        <source>Informeert de klant uit de voorziene bronnen</source>
        <translation>Informs the customer from the sources provided</translation>
    </message>
    <message>
        <source>Controleert de beschikbaarheid en voert de gegevens in</source>
        <translation>Checks availability and enters the details</translation>
    </message>
    <message>
        <source>Schakelt door naar de gepaste gesprekspartner</source>
        <translation>Transfers to the right person</translation>
    </message>
    <message>
        <source>Vult de digitale opvolgingsdocumenten in (foutenmarge)</source>
        <translation>Fills in the digital follow-up documents (error margin)</translation>
    </message>
    <message>
        <source>Voert de gegevens volledig in, in het juiste veld</source>
        <translation>Enters the data completely, in the right field</translation>
    </message>
    <message>
        <source>Handelt simultaan en respecteert de kwaliteitsnormen (tijden)</source>
        <translation>Acts simultaneously and meets the quality standards (times)</translation>
    </message>
    <message>
        <source>Behandelt vragen en klachten oplossingsgericht volgens de SLA</source>
        <translation>Handles questions and complaints solution-focused according to the SLA</translation>
    </message>
    <message>
        <source>Behandelt vragen en klachten oplossingsgericht volgens SLA en scenario&apos;s</source>
        <translation>Handles questions and complaints solution-focused according to the SLA and scenarios</translation>
    </message>
    <message>
        <source>Ondersteunt klanten bij vragen en problemen</source>
        <translation>Supports customers with questions and problems</translation>
    </message>
    <message>
        <source>Biedt eerstelijnsondersteuning en voert routinetesten uit</source>
        <translation>Provides first-line support and runs routine tests</translation>
    </message>
    <message>
        <source>&apos;%1&apos;</source>
        <translation>&apos;%1&apos;</translation>
    </message>
    <message>
        <source>geverifieerd</source>
        <translation>verified</translation>
    </message>
    <message>
        <source>komt niet overeen</source>
        <translation>does not match</translation>
    </message>
    <message>
        <source>verificatie: niet gemarkeerd, verwacht &apos;%1&apos;</source>
        <translation>verification: not marked, expected &apos;%1&apos;</translation>
    </message>
    <message>
        <source>verificatie: gemarkeerd als &apos;%1&apos;, verwacht &apos;%2&apos;</source>
        <translation>verification: marked &apos;%1&apos;, expected &apos;%2&apos;</translation>
    </message>
    <message>
        <source>niet doorverbonden, verwacht: doorverbinden naar &apos;%1&apos;</source>
        <translation>not transferred, expected: transfer to &apos;%1&apos;</translation>
    </message>
    <message>
        <source>doorverbonden naar &apos;%1&apos;, terwijl niet doorverbinden verwacht werd</source>
        <translation>transferred to &apos;%1&apos;, while no transfer was expected</translation>
    </message>
    <message>
        <source>doorverbonden naar &apos;%1&apos;, verwacht &apos;%2&apos;</source>
        <translation>transferred to &apos;%1&apos;, expected &apos;%2&apos;</translation>
    </message>
    <message>
        <source>%1: %2 ontbreekt</source>
        <translation>%1: %2 is missing</translation>
    </message>
    <message>
        <source>%1: %2 ontbreken</source>
        <translation>%1: %2 are missing</translation>
    </message>
    <message>
        <source>begroeting</source>
        <translation>greeting</translation>
    </message>
    <message>
        <source>bedankje</source>
        <translation>thanks</translation>
    </message>
    <message>
        <source>verontschuldiging</source>
        <translation>apology</translation>
    </message>
    <message>
        <source>afsluitende groet</source>
        <translation>closing words</translation>
    </message>
    <message>
        <source>chat &apos;%1&apos;, antwoord op &apos;%2&apos;: %3 ontbreekt</source>
        <translation>chat &apos;%1&apos;, reply to &apos;%2&apos;: %3 is missing</translation>
    </message>
    <message>
        <source>chat &apos;%1&apos;, antwoord op &apos;%2&apos;: %3 ontbreken</source>
        <translation>chat &apos;%1&apos;, reply to &apos;%2&apos;: %3 are missing</translation>
    </message>
    <message>
        <source>chat &apos;%1&apos;, antwoord op &apos;%2&apos;: geen %3</source>
        <translation>chat &apos;%1&apos;, reply to &apos;%2&apos;: no %3</translation>
    </message>
    <message>
        <source>aanvrager</source>
        <translation>requester</translation>
    </message>
    <message>
        <source>onderwerp</source>
        <translation>subject</translation>
    </message>
    <message>
        <source>notitie</source>
        <translation>note</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: ticket %2 aangemaakt, terwijl er geen ticket nodig was</source>
        <translation>&apos;%1&apos;: ticket %2 created where no ticket was needed</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: nieuw ticket %2 aangemaakt in plaats van het open ticket %3 bij te werken</source>
        <translation>&apos;%1&apos;: new ticket %2 created instead of updating the open ticket %3</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: niet toegewezen, verwacht team &apos;%2&apos;</source>
        <translation>&apos;%1&apos;: not assigned, expected team &apos;%2&apos;</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: toegewezen aan &apos;%2&apos;, terwijl de eerste lijn het zelf oplost</source>
        <translation>&apos;%1&apos;: assigned to &apos;%2&apos; where the first line solves it itself</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: toegewezen aan &apos;%2&apos;, verwacht &apos;%3&apos;</source>
        <translation>&apos;%1&apos;: assigned to &apos;%2&apos;, expected &apos;%3&apos;</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: niet gekoppeld aan het gekende probleem &apos;%2&apos;</source>
        <translation>&apos;%1&apos;: not linked to the known problem &apos;%2&apos;</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: gekoppeld aan &apos;%2&apos;, terwijl er geen gekend probleem was</source>
        <translation>&apos;%1&apos;: linked to &apos;%2&apos; where there was no known problem</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: gekoppeld aan &apos;%2&apos;, verwacht &apos;%3&apos;</source>
        <translation>&apos;%1&apos;: linked to &apos;%2&apos;, expected &apos;%3&apos;</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: nooit aangenomen (norm %2 s)</source>
        <translation>&apos;%1&apos;: never taken (target %2 s)</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: pas na %2 s aangenomen (norm %3 s)</source>
        <translation>&apos;%1&apos;: taken only after %2 s (target %3 s)</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: %2 ontbreekt in het ticket</source>
        <translation>&apos;%1&apos;: %2 is missing from the ticket</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: %2 ontbreken in het ticket</source>
        <translation>&apos;%1&apos;: %2 are missing from the ticket</translation>
    </message>
    <message>
        <source>niet getoetst in dit scenario</source>
        <translation>not assessed in this scenario</translation>
    </message>
    <message>
        <source>de oproep werd niet beantwoord</source>
        <translation>the call was not answered</translation>
    </message>
    <message>
        <source>je hebt niet gebeld</source>
        <translation>you dialled no number</translation>
    </message>
    <message>
        <source>je hebt niemand bereikt</source>
        <translation>you reached nobody</translation>
    </message>
    <message>
        <source>het gesprek werd niet afgerond (gestopt of onderbroken)</source>
        <translation>the call was not completed (stopped or interrupted)</translation>
    </message>
    <message>
        <source>het gesprek werd niet afgesloten of doorverbonden</source>
        <translation>the call was neither ended nor transferred</translation>
    </message>
    <message>
        <source>de beller werd niet opgezocht: geen klantdossier geopend</source>
        <translation>the caller was not looked up: no customer record opened</translation>
    </message>
    <message>
        <source>geen klantdossier geopend: opzoeken vond niets (laatst: &apos;%1&apos;)</source>
        <translation>no customer record opened: the look-up found nothing (last: &apos;%1&apos;)</translation>
    </message>
    <message>
        <source>op %1 s als geverifieerd gemarkeerd in het dossier %2, dat niet van de beller is: accountgegevens van een andere klant werden getoond</source>
        <translation>marked verified at %1 s in record %2, which is not the caller&apos;s: another customer&apos;s account data were shown</translation>
    </message>
    <message>
        <source>op %1 s als geverifieerd gemarkeerd terwijl de gegevens van de beller niet met het klantdossier overeenkomen: accountgegevens werden getoond</source>
        <translation>marked verified at %1 s while the caller&apos;s details do not match the customer record: account data were shown</translation>
    </message>
    <message>
        <source>op %1 s als geverifieerd gemarkeerd voordat de beller zijn gegevens had gegeven: accountgegevens werden te vroeg getoond</source>
        <translation>marked verified at %1 s before the caller had given their details: account data were shown too early</translation>
    </message>
    <message>
        <source>stap &apos;%1&apos; niet gedaan</source>
        <translation>step &apos;%1&apos; not done</translation>
    </message>
    <message>
        <source>stap &apos;%1&apos; gedaan vóór een stap die ervoor komt</source>
        <translation>step &apos;%1&apos; done before a step that comes earlier</translation>
    </message>
    <message>
        <source>kennisbankartikel &apos;%1&apos; niet geraadpleegd</source>
        <translation>knowledge base article &apos;%1&apos; not consulted</translation>
    </message>
    <message>
        <source>%1: niet ingevuld</source>
        <translation>%1: not filled in</translation>
    </message>
    <message>
        <source>%1: &apos;%2&apos; is fout (verwacht &apos;%3&apos;)</source>
        <translation>%1: &apos;%2&apos; is wrong (expected &apos;%3&apos;)</translation>
    </message>
    <message>
        <source>%1: &apos;%2&apos; hoort in het veld &apos;%3&apos;</source>
        <translation>%1: &apos;%2&apos; belongs in the field &apos;%3&apos;</translation>
    </message>
    <message>
        <source>spelling: %1 van %2 woorden fout (%3, marge %4): %5</source>
        <translation>spelling: %1 of %2 words wrong (%3, margin %4): %5</translation>
    </message>
    <message>
        <source>afsluitcode &apos;%1&apos;, verwacht &apos;%2&apos;</source>
        <translation>closing code &apos;%1&apos;, expected &apos;%2&apos;</translation>
    </message>
    <message>
        <source>geen</source>
        <translation>none</translation>
    </message>
    <message>
        <source>contactresultaat &apos;%1&apos;, verwacht &apos;%2&apos;</source>
        <translation>contact result &apos;%1&apos;, expected &apos;%2&apos;</translation>
    </message>
    <message>
        <source>opgenomen na %1 s (norm %2 s)</source>
        <translation>answered after %1 s (target %2 s)</translation>
    </message>
    <message>
        <source>gespreksduur %1 s (norm %2 s)</source>
        <translation>handling time %1 s (target %2 s)</translation>
    </message>
    <message>
        <source>melding &apos;%1&apos; niet bevestigd</source>
        <translation>message &apos;%1&apos; not acknowledged</translation>
    </message>
    <message>
        <source>melding &apos;%1&apos; te laat bevestigd (%2 s, norm %3 s)</source>
        <translation>message &apos;%1&apos; acknowledged too late (%2 s, target %3 s)</translation>
    </message>
    <message>
        <source>de dienst werd niet afgewerkt (gestopt of onderbroken)</source>
        <translation>the shift was not completed (stopped or interrupted)</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: niet behandeld</source>
        <translation>&apos;%1&apos;: not handled</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: SLA-responstijd overschreden (%2 s, norm %3 s)</source>
        <translation>&apos;%1&apos;: SLA response time exceeded (%2 s, target %3 s)</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: SLA-oplostijd overschreden (%2 s, norm %3 s)</source>
        <translation>&apos;%1&apos;: SLA resolution time exceeded (%2 s, target %3 s)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; genomen terwijl het dringendere &apos;%2&apos; wachtte</source>
        <translation>&apos;%1&apos; taken while the more urgent &apos;%2&apos; was waiting</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: prioriteit %2, verwacht %3</source>
        <translation>&apos;%1&apos;: priority %2, expected %3</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: de klant werd niet op de hoogte gebracht</source>
        <translation>&apos;%1&apos;: the customer was not kept informed</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: geen ticket aangemaakt, terwijl het er een nodig had</source>
        <translation>&apos;%1&apos;: no ticket created where one was needed</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: het open ticket %2 werd niet bijgewerkt</source>
        <translation>&apos;%1&apos;: the open ticket %2 was not updated</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: niet ingevuld in ticket %2: %3</source>
        <translation>&apos;%1&apos;: not filled in on ticket %2: %3</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: categorie &apos;%2&apos;, verwacht &apos;%3&apos;</source>
        <translation>&apos;%1&apos;: category &apos;%2&apos;, expected &apos;%3&apos;</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: aanvrager &apos;%2&apos;, verwacht &apos;%3&apos;</source>
        <translation>&apos;%1&apos;: requester &apos;%2&apos;, expected &apos;%3&apos;</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: ticket %2 niet opgelost in de eerste lijn</source>
        <translation>&apos;%1&apos;: ticket %2 not resolved at the first line</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: afsluitcode &apos;%2&apos;, verwacht &apos;%3&apos;</source>
        <translation>&apos;%1&apos;: close code &apos;%2&apos;, expected &apos;%3&apos;</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: behandeld in %2 s (norm %3 s)</source>
        <translation>&apos;%1&apos;: handled in %2 s (target %3 s)</translation>
    </message>
    <message>
        <source>chat &apos;%1&apos;: de klant haakte af op %2 s, zonder antwoord</source>
        <translation>chat &apos;%1&apos;: the customer left at %2 s without a reply</translation>
    </message>
    <message>
        <source>chat &apos;%1&apos;: bericht &apos;%2&apos; niet beantwoord</source>
        <translation>chat &apos;%1&apos;: message &apos;%2&apos; not answered</translation>
    </message>
    <message>
        <source>chat &apos;%1&apos;: bericht &apos;%2&apos; te laat beantwoord (%3 s, norm %4 s)</source>
        <translation>chat &apos;%1&apos;: message &apos;%2&apos; answered late (%3 s, target %4 s)</translation>
    </message>
    <message>
        <source>chat &apos;%1&apos;, antwoord op &apos;%2&apos;: &apos;%3&apos; hoort niet in een antwoord aan een klant</source>
        <translation>chat &apos;%1&apos;, reply to &apos;%2&apos;: &apos;%3&apos; does not belong in a reply to a customer</translation>
    </message>
    <message>
        <source>verkeerd nummer gebeld: &apos;%1&apos;</source>
        <translation>wrong number dialled: &apos;%1&apos;</translation>
    </message>
    <message>
        <source>bezwaar &apos;%1&apos; niet behandeld</source>
        <translation>objection &apos;%1&apos; not handled</translation>
    </message>
    <message>
        <source>geen bericht ingesproken op de voicemail</source>
        <translation>no message left on the voicemail</translation>
    </message>
    <message>
        <source>voicemailbericht van %1 s (minstens %2 s)</source>
        <translation>voicemail message of %1 s (at least %2 s)</translation>
    </message>
    <message>
        <source>Een klantnummer bestaat uit 4 tot 14 cijfers.</source>
        <translation>A customer number has 4 to 14 digits.</translation>
    </message>
    <message>
        <source>Geen Belgische postcode (4 cijfers, 1000 tot 9999).</source>
        <translation>Not a Belgian postcode (4 digits, 1000 to 9999).</translation>
    </message>
    <message>
        <source>Geen geldig telefoonnummer (bv. 0471 23 45 67, 09 123 45 67 of +31 6 12 34 56 78).</source>
        <translation>Not a valid phone number (e.g. 0471 23 45 67, 09 123 45 67 or +31 6 12 34 56 78).</translation>
    </message>
    <message>
        <source>Geen geldig e-mailadres.</source>
        <translation>Not a valid email address.</translation>
    </message>
    <message>
        <source>Geen geldig IBAN-nummer (controleer de cijfers).</source>
        <translation>Not a valid IBAN (check the digits).</translation>
    </message>
    <message>
        <source>Geen geldige datum (bv. 02/03/2026 of 2 maart 2026).</source>
        <translation>Not a valid date (e.g. 02/03/2026 or 2 March 2026).</translation>
    </message>
    <message>
        <source>Geen bedrag in euro (bv. 49,95).</source>
        <translation>Not an amount in euros (e.g. 49.95).</translation>
    </message>
    <message>
        <source>Een naam bevat geen cijfers.</source>
        <translation>A name contains no digits.</translation>
    </message>
    <message>
        <source>De schijf is vol</source>
        <translation>The disk is full</translation>
    </message>
    <message>
        <source>Je schijfquotum is op</source>
        <translation>Your disk quota is used up</translation>
    </message>
    <message>
        <source>De map is alleen-lezen</source>
        <translation>The folder is read-only</translation>
    </message>
    <message>
        <source>Je mag niet schrijven in de map</source>
        <translation>You are not allowed to write to the folder</translation>
    </message>
    <message>
        <source>De map bestaat niet (meer)</source>
        <translation>The folder does not exist (any more)</translation>
    </message>
    <message>
        <source>Er staat al een logboek met die naam</source>
        <translation>There is already a journal with that name</translation>
    </message>
    <message>
        <source>De schijf meldt een schrijffout (%1)</source>
        <translation>The disk reports a write error (%1)</translation>
    </message>
    <message>
        <source>Maak ruimte vrij en kies Opnieuw proberen, of bewaar de oefening in een andere map.</source>
        <translation>Free up some space and choose Try again, or save the exercise in another folder.</translation>
    </message>
    <message>
        <source>Maak de map weer bruikbaar (of vraag het je beheerder) en kies Opnieuw proberen, of bewaar de oefening in een andere map.</source>
        <translation>Make the folder usable again (or ask your administrator) and choose Try again, or save the exercise in another folder.</translation>
    </message>
    <message>
        <source>Controleer de schijf of de netwerkverbinding en kies Opnieuw proberen, of bewaar de oefening in een andere map.</source>
        <translation>Check the disk or the network connection and choose Try again, or save the exercise in another folder.</translation>
    </message>
    <message>
        <source>Logboek kan niet worden geschreven</source>
        <translation>The journal cannot be written</translation>
    </message>
    <message>
        <source>%1: het logboek van deze oefening kan niet worden bewaard in %2. Wat je typte, is niet verloren: het staat in het geheugen. </source>
        <translation>%1: the journal of this exercise cannot be saved in %2. What you typed is not lost: it is in memory. </translation>
    </message>
    <message>
        <source>Stoppen kan pas als het logboek bewaard is.</source>
        <translation>You can only stop once the journal is saved.</translation>
    </message>
    <message>
        <source>Het lukt nog altijd niet.</source>
        <translation>It still does not work.</translation>
    </message>
    <message>
        <source>Opnieuw proberen</source>
        <translation>Try again</translation>
    </message>
    <message>
        <source>Elders bewaren…</source>
        <translation>Save elsewhere…</translation>
    </message>
    <message>
        <source>Stoppen</source>
        <translation>Stop</translation>
    </message>
    <message>
        <source>Map kiezen om de oefening in te bewaren</source>
        <translation>Choose a folder to save the exercise in</translation>
    </message>
    <message>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <source>Vraag je beheerder om dat op te lossen, of start Simultaan met een andere map voor de gegevens (--data-dir of SIMULTAAN_DATA_DIR).</source>
        <translation>Ask your administrator to fix this, or start Simultaan with another data folder (--data-dir or SIMULTAAN_DATA_DIR).</translation>
    </message>
    <message>
        <source>De schijf met de map %1 is (bijna) vol: er is nog %2 vrij en een oefening heeft minstens %3 nodig. Maak ruimte vrij en start de oefening opnieuw.</source>
        <translation>The disk of the folder %1 is (almost) full: %2 is left and an exercise needs at least %3. Free up some space and start the exercise again.</translation>
    </message>
    <message>
        <source>In de map %1 kan niet worden geschreven: ze is alleen-lezen.</source>
        <translation>The folder %1 cannot be written to: it is read-only.</translation>
    </message>
    <message>
        <source>De map %1 bestaat niet en kan niet worden gemaakt.</source>
        <translation>The folder %1 does not exist and cannot be created.</translation>
    </message>
    <message>
        <source>%1 is geen map.</source>
        <translation>%1 is not a folder.</translation>
    </message>
    <message>
        <source>In de map %1 kan niet worden geschreven (%2).</source>
        <translation>The folder %1 cannot be written to (%2).</translation>
    </message>
    <message>
        <source>Wat je typt, kan er niet worden bewaard.</source>
        <translation>What you type cannot be saved there.</translation>
    </message>
    <message>
        <source>Oefening kan niet starten</source>
        <translation>The exercise cannot start</translation>
    </message>
    <message>
        <source>Fout (%1): verwacht &apos;%2&apos;, getypt &apos;%3&apos;</source>
        <translation>Error (%1): expected &apos;%2&apos;, typed &apos;%3&apos;</translation>
    </message>
    <message>
        <source>Veld &apos;%1&apos; in het verkeerde vak: &apos;%2&apos;</source>
        <translation>Field &apos;%1&apos; in the wrong box: &apos;%2&apos;</translation>
    </message>
    <message>
        <source>Veld &apos;%1&apos; fout ingevuld: &apos;%2&apos;</source>
        <translation>Field &apos;%1&apos; filled in wrongly: &apos;%2&apos;</translation>
    </message>
    <message>
        <source>De telefoon gaat</source>
        <translation>The phone rings</translation>
    </message>
    <message>
        <source>De klant spreekt (%1)</source>
        <translation>The customer speaks (%1)</translation>
    </message>
    <message>
        <source>De klant hangt op</source>
        <translation>The customer hangs up</translation>
    </message>
    <message>
        <source>Wachtmuziek</source>
        <translation>Hold music</translation>
    </message>
    <message>
        <source>Melding: %1</source>
        <translation>Message: %1</translation>
    </message>
    <message>
        <source>Opgenomen</source>
        <translation>Answered</translation>
    </message>
    <message>
        <source>In de wacht gezet</source>
        <translation>Put on hold</translation>
    </message>
    <message>
        <source>Terug uit de wacht</source>
        <translation>Back from hold</translation>
    </message>
    <message>
        <source>Laten herhalen</source>
        <translation>Asked to repeat</translation>
    </message>
    <message>
        <source>Geverifieerd</source>
        <translation>Verified</translation>
    </message>
    <message>
        <source>Komt niet overeen</source>
        <translation>No match</translation>
    </message>
    <message>
        <source>Opgehangen</source>
        <translation>Hung up</translation>
    </message>
    <message>
        <source>Melding afgehandeld</source>
        <translation>Message dealt with</translation>
    </message>
    <message>
        <source>Dossier opgezocht: &apos;%1&apos;</source>
        <translation>Record looked up: &apos;%1&apos;</translation>
    </message>
    <message>
        <source>Gebeld: %1</source>
        <translation>Dialled: %1</translation>
    </message>
    <message>
        <source>Piep: bericht inspreken</source>
        <translation>Beep: message being left</translation>
    </message>
    <message>
        <source>Bericht ingesproken</source>
        <translation>Message left</translation>
    </message>
    <message>
        <source>Bezette lijn ingehaakt</source>
        <translation>Busy line hung up</translation>
    </message>
    <message>
        <source>Ingehaakt op de voicemail</source>
        <translation>Hung up on the voicemail</translation>
    </message>
    <message>
        <source>Ingehaakt terwijl het nummer overging</source>
        <translation>Hung up while the number was ringing</translation>
    </message>
    <message>
        <source>Doorverbonden naar %1</source>
        <translation>Transferred to %1</translation>
    </message>
    <message>
        <source>Stap afgevinkt: %1</source>
        <translation>Step ticked: %1</translation>
    </message>
    <message>
        <source>Kennisbank geopend: %1</source>
        <translation>Knowledge base opened: %1</translation>
    </message>
    <message>
        <source>Afgesloten met code &apos;%1&apos;, resultaat &apos;%2&apos;</source>
        <translation>Closed with code &apos;%1&apos;, result &apos;%2&apos;</translation>
    </message>
    <message>
        <source>De klant (ondertiteld): %1 op %2 s</source>
        <translation>The customer (subtitled): %1 at %2 s</translation>
    </message>
    <message>
        <source>De klant: %1 op %2 s</source>
        <translation>The customer: %1 at %2 s</translation>
    </message>
    <message>
        <source>De cursist (opname) op %1 s</source>
        <translation>The trainee (recording) at %1 s</translation>
    </message>
    <message>
        <source>Stilte</source>
        <translation>Silence</translation>
    </message>
    <message>
        <source>Binnengekomen (%1): %2</source>
        <translation>Came in (%1): %2</translation>
    </message>
    <message>
        <source>%1 dringt aan</source>
        <translation>%1 chases for an answer</translation>
    </message>
    <message>
        <source>%1 schrijft</source>
        <translation>%1 writes</translation>
    </message>
    <message>
        <source>Antwoord aan %1</source>
        <translation>Reply to %1</translation>
    </message>
    <message>
        <source>Genomen: %1</source>
        <translation>Taken: %1</translation>
    </message>
    <message>
        <source>Zonder ticket afgehandeld: %1</source>
        <translation>Handled without a ticket: %1</translation>
    </message>
    <message>
        <source>Ticket %1 aangemaakt</source>
        <translation>Ticket %1 created</translation>
    </message>
    <message>
        <source>Ticket %1 bijgewerkt</source>
        <translation>Ticket %1 updated</translation>
    </message>
    <message>
        <source>Ticket %1 toegewezen</source>
        <translation>Ticket %1 assigned</translation>
    </message>
    <message>
        <source>Ticket %1 gekoppeld aan een gekend probleem</source>
        <translation>Ticket %1 linked to a known problem</translation>
    </message>
    <message>
        <source>Ticket %1 opgelost</source>
        <translation>Ticket %1 resolved</translation>
    </message>
    <message>
        <source>Ticket %1 gesloten</source>
        <translation>Ticket %1 closed</translation>
    </message>
    <message>
        <source>Ticket %1 heropend</source>
        <translation>Ticket %1 reopened</translation>
    </message>
    <message>
        <source>Kennisbankartikel voorgesteld</source>
        <translation>Knowledge-base article proposed</translation>
    </message>
    <message>
        <source>Contacten in de wachtrij</source>
        <translation>Contacts in the queue</translation>
    </message>
    <message>
        <source>Het gekozen ticket</source>
        <translation>The chosen ticket</translation>
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
        <translation>taken after %1</translation>
    </message>
    <message>
        <source>wacht al %1</source>
        <translation>waiting for %1</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Prioriteit</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Categorie</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Aanvrager</source>
        <translation>Requester</translation>
    </message>
    <message>
        <source>Onderwerp</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>SLA reactie</source>
        <translation>SLA response</translation>
    </message>
    <message>
        <source>SLA oplossing</source>
        <translation>SLA resolution</translation>
    </message>
    <message>
        <source>Notitie</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Oplossing</source>
        <translation>Solution</translation>
    </message>
    <message>
        <source>Gesprek met %1</source>
        <translation>Conversation with %1</translation>
    </message>
    <message>
        <source>Meldingen op het scherm</source>
        <translation>Messages on screen</translation>
    </message>
    <message>
        <source>Jij</source>
        <translation>You</translation>
    </message>
    <message>
        <source>%1 heeft de chat verlaten om %2.</source>
        <translation>%1 left the chat at %2.</translation>
    </message>
    <message>
        <source>Antwoord: %1</source>
        <translation>Reply: %1</translation>
    </message>
    <message>
        <source>(gezien na %1 s)</source>
        <translation>(seen after %1 s)</translation>
    </message>
</context>
<context>
    <name>CallController</name>
    <message>
        <source>Geen geluid: %1. De klant verschijnt als ondertitel; sluit de headset aan en druk op F10 om hem te horen.</source>
        <translation>No sound: %1. The customer appears as subtitles; plug in the headset and press F10 to hear them.</translation>
    </message>
    <message>
        <source>Fragment niet te lezen: %1</source>
        <translation>Clip cannot be read: %1</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <source>Melding</source>
        <translation>Alert</translation>
    </message>
    <message>
        <source>Dossier</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>Wachtrij</source>
        <translation>Queue</translation>
    </message>
    <message>
        <source>Het gesprek staat stil: F10 verder met geluid, F11 met ondertitels.</source>
        <translation>The call is paused: F10 continues with sound, F11 with subtitles.</translation>
    </message>
    <message>
        <source>Het gesprek loopt: er is niets om verder te zetten.</source>
        <translation>The call is running: there is nothing to resume.</translation>
    </message>
    <message>
        <source>Er gaat geen telefoon over.</source>
        <translation>No phone is ringing.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Er is geen gesprek om in de wacht te zetten.</source>
        <translation>There is no call to put on hold.</translation>
    </message>
    <message>
        <source>Je bent niet in gesprek.</source>
        <translation>You are not on a call.</translation>
    </message>
    <message>
        <source>Verifiëren kan alleen tijdens een gesprek.</source>
        <translation>You can only verify during a call.</translation>
    </message>
    <message>
        <source>Zoek eerst de klant op (Ctrl+K): met het klantnummer, het telefoonnummer of de naam die de beller geeft.</source>
        <translation>Look the customer up first (Ctrl+K): by the customer number, phone number or name the caller gives.</translation>
    </message>
    <message>
        <source>Er is nog geen beller om op te zoeken: neem eerst op (F2).</source>
        <translation>There is no caller to look up yet: answer first (F2).</translation>
    </message>
    <message>
        <source>Er is geen gesprek om te beëindigen.</source>
        <translation>There is no call to end.</translation>
    </message>
    <message>
        <source>Er wacht geen melding op een antwoord.</source>
        <translation>No message is waiting for an answer.</translation>
    </message>
    <message>
        <source>Beëindig eerst het gesprek (F8) of verbind door (F7).</source>
        <translation>End the call first (F8) or transfer it (F7).</translation>
    </message>
    <message>
        <source>Kies eerst een contactresultaat.</source>
        <translation>Choose a contact result first.</translation>
    </message>
    <message>
        <source>Het geluidsapparaat %1 werkt niet meer. Het gesprek staat stil en de tijd telt niet door; alles wat je deed, blijft bewaard. Sluit de headset aan en druk op F10, of ga verder met ondertitels: F11.</source>
        <translation>The sound device %1 stopped working. The call is paused and the clock has stopped; everything you did is kept. Plug in the headset and press F10, or continue with subtitles: F11.</translation>
    </message>
    <message>
        <source>Nog altijd geen geluid: %1. Sluit de headset aan en druk op F10, of ga verder met ondertitels: F11.</source>
        <translation>Still no sound: %1. Plug in the headset and press F10, or continue with subtitles: F11.</translation>
    </message>
    <message>
        <source>Doorverbinden kan alleen tijdens een gesprek, naar een dienst.</source>
        <translation>You can only transfer during a call, to a team.</translation>
    </message>
    <message>
        <source>Bellen kan alleen bij een uitgaand gesprek, met een vrije lijn.</source>
        <translation>You can only dial on an outbound call, with the line free.</translation>
    </message>
    <message>
        <source>Tik eerst het nummer in (Ctrl+D) en bel dan met F2 of Enter.</source>
        <translation>Type the number first (Ctrl+D), then call with F2 or Enter.</translation>
    </message>
    <message>
        <source>Verder zonder geluid: de klant verschijnt als ondertitel.</source>
        <translation>Continuing without sound: the customer appears as subtitles.</translation>
    </message>
    <message>
        <source>● Opname</source>
        <translation>● Recording</translation>
    </message>
    <message>
        <source>Je stem wordt opgenomen tijdens dit gesprek</source>
        <translation>Your voice is being recorded during this call</translation>
    </message>
    <message>
        <source>Geen opname van je stem: %1. Het gesprek gaat gewoon door.</source>
        <translation>Your voice is not being recorded: %1. The call goes on as usual.</translation>
    </message>
    <message>
        <source>○ Geen opname</source>
        <translation>○ Not recording</translation>
    </message>
    <message>
        <source>nog %1 s</source>
        <translation>%1 s left</translation>
    </message>
    <message>
        <source>te laat</source>
        <translation>too late</translation>
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
        <translation>Competence</translation>
    </message>
    <message>
        <source>Getoond</source>
        <translation>Shown</translation>
    </message>
    <message>
        <source>Waarom niet</source>
        <translation>Why not</translation>
    </message>
    <message>
        <source>Veld</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Verwacht</source>
        <translation>Expected</translation>
    </message>
    <message>
        <source>Ingevuld</source>
        <translation>Entered</translation>
    </message>
    <message>
        <source>Oordeel</source>
        <translation>Verdict</translation>
    </message>
    <message>
        <source>Na zeggen</source>
        <translation>Entry delay</translation>
    </message>
    <message>
        <source>Melding</source>
        <translation>Alert</translation>
    </message>
    <message>
        <source>Reactie</source>
        <translation>Reaction</translation>
    </message>
    <message>
        <source>Competenties</source>
        <translation>Competences</translation>
    </message>
    <message>
        <source>Velden</source>
        <translation>Fields</translation>
    </message>
    <message>
        <source>Meldingen</source>
        <translation>Messages</translation>
    </message>
    <message>
        <source>Afgebroken</source>
        <translation>Stopped</translation>
    </message>
    <message>
        <source>Geslaagd</source>
        <translation>Passed</translation>
    </message>
    <message>
        <source>Niet geslaagd</source>
        <translation>Not passed</translation>
    </message>
    <message>
        <source>Niet beoordeeld: je hebt niemand bereikt.</source>
        <translation>Not assessed: you reached nobody.</translation>
    </message>
    <message>
        <source>Niet beoordeeld: je hebt niet gebeld.</source>
        <translation>Not assessed: you dialled no number.</translation>
    </message>
    <message>
        <source>Niet beoordeeld: de oproep werd niet beantwoord.</source>
        <translation>Not assessed: the call was not answered.</translation>
    </message>
    <message>
        <source>Niet beoordeeld: het gesprek werd niet afgerond.</source>
        <translation>Not assessed: the call was not completed.</translation>
    </message>
    <message>
        <source>Opgenomen na %1 s (norm %2 s).</source>
        <translation>Answered after %1 s (target %2 s).</translation>
    </message>
    <message>
        <source>Gespreksduur %1 (norm %2).</source>
        <translation>Handling time %1 (target %2).</translation>
    </message>
    <message>
        <source>Verificatie: juist.</source>
        <translation>Verification: correct.</translation>
    </message>
    <message>
        <source>Verificatie: niet juist.</source>
        <translation>Verification: incorrect.</translation>
    </message>
    <message>
        <source>Vertrouwelijkheid geschonden: %1</source>
        <translation>Confidentiality breached: %1</translation>
    </message>
    <message>
        <source>De sessie werd %1: niet volledig, dus niet geslaagd.</source>
        <translation>The session was %1: not completed, so not passed.</translation>
    </message>
    <message>
        <source>ja</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>nee</source>
        <translation>no</translation>
    </message>
    <message>
        <source>niet getoetst</source>
        <translation>not assessed</translation>
    </message>
    <message>
        <source>op klantnummer</source>
        <translation>by customer number</translation>
    </message>
    <message>
        <source>op telefoonnummer</source>
        <translation>by phone number</translation>
    </message>
    <message>
        <source>op naam</source>
        <translation>by name</translation>
    </message>
    <message>
        <source>niet opgezocht</source>
        <translation>not looked up</translation>
    </message>
    <message>
        <source>niet gevonden</source>
        <translation>not found</translation>
    </message>
    <message>
        <source>dossier van de beller</source>
        <translation>the caller&apos;s record</translation>
    </message>
    <message>
        <source>ander dossier (%1)</source>
        <translation>another record (%1)</translation>
    </message>
    <message>
        <source>Klant opzoeken</source>
        <translation>Look up the customer</translation>
    </message>
    <message>
        <source>Gebeld: %1 keer, waarvan %2 bezet en %3 naar een verkeerd nummer.</source>
        <translation>Dialled %1 times, %2 of them busy and %3 to a wrong number.</translation>
    </message>
    <message>
        <source>Bericht op de voicemail: %1 (minstens %2).</source>
        <translation>Message on the voicemail: %1 (at least %2).</translation>
    </message>
    <message>
        <source>Spelling niet gecontroleerd: geen woordenboek voor “%1”.</source>
        <translation>Spelling not checked: no dictionary for “%1”.</translation>
    </message>
    <message>
        <source>Spelling: geen fouten in %1.</source>
        <translation>Spelling: no mistakes in %1.</translation>
    </message>
    <message>
        <source>Spelling: %1 van %2 woorden fout (%3, marge %4): %5</source>
        <translation>Spelling: %1 of %2 words wrong (%3, margin %4): %5</translation>
    </message>
</context>
<context>
    <name>CallView</name>
    <message>
        <source>Opnemen</source>
        <translation>Answer</translation>
    </message>
    <message>
        <source>Laat herhalen</source>
        <translation>Ask to repeat</translation>
    </message>
    <message>
        <source>Geverifieerd</source>
        <translation>Verified</translation>
    </message>
    <message>
        <source>Komt niet overeen</source>
        <translation>No match</translation>
    </message>
    <message>
        <source>Ophangen</source>
        <translation>Hang up</translation>
    </message>
    <message>
        <source>Verder met geluid</source>
        <translation>Continue with sound</translation>
    </message>
    <message>
        <source>Verder met ondertitels</source>
        <translation>Continue with subtitles</translation>
    </message>
    <message>
        <source>&amp;Dienst:</source>
        <translation>&amp;Team:</translation>
    </message>
    <message>
        <source>In de wacht</source>
        <translation>Hold</translation>
    </message>
    <message>
        <source>Doorverbinden (F7)</source>
        <translation>Transfer (F7)</translation>
    </message>
    <message>
        <source>Te bellen nummer</source>
        <translation>Number to call</translation>
    </message>
    <message>
        <source>&amp;Bellen naar:</source>
        <translation>&amp;Call:</translation>
    </message>
    <message>
        <source>Doorverbinden</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <source>Klantdossier (Ctrl+K zoekt)</source>
        <translation>Customer record (Ctrl+K looks up)</translation>
    </message>
    <message>
        <source>Klantnummer, telefoon of naam</source>
        <translation>Customer number, phone or name</translation>
    </message>
    <message>
        <source>Klant opzoeken</source>
        <translation>Look up the customer</translation>
    </message>
    <message>
        <source>Meldingen (F9 bevestigt)</source>
        <translation>Messages (F9 acknowledges)</translation>
    </message>
    <message>
        <source>Contactformulier</source>
        <translation>Contact form</translation>
    </message>
    <message>
        <source>Afronding (Ctrl+Enter)</source>
        <translation>Wrap-up (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Contactresultaat</source>
        <translation>Contact result</translation>
    </message>
    <message>
        <source>Afsluitcode</source>
        <translation>Closing code</translation>
    </message>
    <message>
        <source>Afronden (Ctrl+Enter)</source>
        <translation>Wrap up (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Script (Ctrl+1…9 vinkt af)</source>
        <translation>Script (Ctrl+1…9 ticks)</translation>
    </message>
    <message>
        <source>Kennisbank (Ctrl+F)</source>
        <translation>Knowledge base (Ctrl+F)</translation>
    </message>
    <message>
        <source>Bellen</source>
        <translation>Call</translation>
    </message>
    <message>
        <source> (optioneel)</source>
        <translation> (optional)</translation>
    </message>
    <message>
        <source>Klantnummer</source>
        <translation>Customer number</translation>
    </message>
    <message>
        <source>Naam</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Adres</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Telefoon</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>Rekening</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>Producten</source>
        <translation>Products</translation>
    </message>
    <message>
        <source>Eerdere contacten</source>
        <translation>Previous contacts</translation>
    </message>
    <message>
        <source>Nog geen klant geopend. Zoek de beller op met het klantnummer, het telefoonnummer of de naam die hij geeft (Ctrl+K, dan Enter).</source>
        <translation>No customer open yet. Look the caller up by the customer number, phone number or name they give (Ctrl+K, then Enter).</translation>
    </message>
    <message>
        <source>Geen klant gevonden voor &apos;%1&apos;. Zoek op klantnummer, telefoonnummer of volledige naam.</source>
        <translation>No customer found for &apos;%1&apos;. Search by customer number, phone number or full name.</translation>
    </message>
    <message>
        <source>•••• verborgen tot de beller geverifieerd is (F5)</source>
        <translation>•••• hidden until the caller is verified (F5)</translation>
    </message>
    <message>
        <source>  ✓ bevestigd</source>
        <translation>  ✓ acknowledged</translation>
    </message>
    <message>
        <source>Gewijzigd: %1</source>
        <translation>Changed: %1</translation>
    </message>
    <message>
        <source>Klant: %1</source>
        <translation>Customer: %1</translation>
    </message>
    <message>
        <source>Tik het nummer in en bel met F2</source>
        <translation>Type the number and call with F2</translation>
    </message>
    <message>
        <source>Wachten op een oproep…</source>
        <translation>Waiting for a call…</translation>
    </message>
    <message>
        <source>☎ Het nummer gaat over…</source>
        <translation>☎ The number is ringing…</translation>
    </message>
    <message>
        <source>Bezet: leg in met F8 en bel later opnieuw</source>
        <translation>Busy: hang up with F8 and call again later</translation>
    </message>
    <message>
        <source>Voicemail: spreek na de piep je bericht in, leg in met F8</source>
        <translation>Voicemail: leave your message after the tone, hang up with F8</translation>
    </message>
    <message>
        <source>☎ Inkomende oproep: opnemen met F2</source>
        <translation>☎ Incoming call: answer with F2</translation>
    </message>
    <message>
        <source>In gesprek</source>
        <translation>On a call</translation>
    </message>
    <message>
        <source>Beller in de wacht: hervatten met F3</source>
        <translation>Caller on hold: resume with F3</translation>
    </message>
    <message>
        <source>De klant heeft ingehaakt: beëindig met F8</source>
        <translation>The customer hung up: end with F8</translation>
    </message>
    <message>
        <source>Gesprek beëindigd: rond af en druk op Ctrl+Enter</source>
        <translation>Call ended: wrap up and press Ctrl+Enter</translation>
    </message>
    <message>
        <source>In de wacht (F3)</source>
        <translation>Hold (F3)</translation>
    </message>
    <message>
        <source>Hervatten (F3)</source>
        <translation>Resume (F3)</translation>
    </message>
</context>
<context>
    <name>CannedResponses</name>
    <message>
        <source>Typ om te filteren…</source>
        <translation>Type to filter…</translation>
    </message>
    <message>
        <source>Standaardantwoorden filteren</source>
        <translation>Filter the canned responses</translation>
    </message>
    <message>
        <source>Standaardantwoorden</source>
        <translation>Canned responses</translation>
    </message>
</context>
<context>
    <name>ChatController</name>
    <message>
        <source>Klantnummer</source>
        <translation>Customer number</translation>
    </message>
    <message>
        <source>Naam</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Adres</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Telefoon</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>Producten</source>
        <translation>Products</translation>
    </message>
    <message>
        <source>Eerdere contacten</source>
        <translation>Earlier contacts</translation>
    </message>
    <message>
        <source>Collega</source>
        <translation>Colleague</translation>
    </message>
    <message>
        <source>Melding</source>
        <translation>Alert</translation>
    </message>
    <message>
        <source>Dossier</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>Wachtrij</source>
        <translation>Queue</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Die chat is er (nog) niet.</source>
        <translation>That chat is not there (yet).</translation>
    </message>
    <message>
        <source>De klant heeft de chat verlaten: je antwoord komt niet meer aan.</source>
        <translation>The customer has left the chat: your reply no longer reaches them.</translation>
    </message>
    <message>
        <source>Er staat nog niets in je antwoord.</source>
        <translation>Your reply is still empty.</translation>
    </message>
    <message>
        <source>Dat standaardantwoord bestaat niet.</source>
        <translation>That canned response does not exist.</translation>
    </message>
    <message>
        <source>Dat veld hoort niet bij deze chat.</source>
        <translation>That field does not belong to this chat.</translation>
    </message>
    <message>
        <source>Er wacht geen melding op een antwoord.</source>
        <translation>No message is waiting for an answer.</translation>
    </message>
    <message>
        <source>Er wacht nog een klant of er komt er nog een: de sessie kan nog niet worden afgerond.</source>
        <translation>A customer is still waiting or is still to come: the session cannot be finished yet.</translation>
    </message>
    <message>
        <source>Deze oefening heeft geen helpdesksysteem voor tickets.</source>
        <translation>This exercise has no helpdesk system for tickets.</translation>
    </message>
    <message>
        <source>Wachten op de eerste chat…</source>
        <translation>Waiting for the first chat…</translation>
    </message>
    <message>
        <source>%n chat open</source>
        <translation>%n chat open</translation>
    </message>
    <message>
        <source>%n chats open</source>
        <translation>%n chats open</translation>
    </message>
    <message>
        <source>%n wacht op antwoord</source>
        <translation>%n waiting for a reply</translation>
    </message>
    <message>
        <source>%n wachten op antwoord</source>
        <translation>%n waiting for a reply</translation>
    </message>
    <message>
        <source>%n klant vertrokken</source>
        <translation>%n customer left</translation>
    </message>
    <message>
        <source>%n klanten vertrokken</source>
        <translation>%n customers left</translation>
    </message>
    <message>
        <source>Ctrl+%1 opent de chat</source>
        <translation>Ctrl+%1 opens the chat</translation>
    </message>
    <message>
        <source>alles afgehandeld: rond af met Ctrl+Enter</source>
        <translation>all handled: finish with Ctrl+Enter</translation>
    </message>
    <message>
        <source>nog %1 s</source>
        <translation>%1 s left</translation>
    </message>
    <message>
        <source>te laat</source>
        <translation>too late</translation>
    </message>
</context>
<context>
    <name>ChatPane</name>
    <message>
        <source>Ctrl+%1 opent deze chat</source>
        <translation>Ctrl+%1 opens this chat</translation>
    </message>
    <message>
        <source>Gesprek met %1</source>
        <translation>Conversation with %1</translation>
    </message>
    <message>
        <source>Antwoord aan %1</source>
        <translation>Reply to %1</translation>
    </message>
    <message>
        <source>Antwoord (Enter verstuurt, Shift+Enter: nieuwe regel)</source>
        <translation>Reply (Enter sends, Shift+Enter: new line)</translation>
    </message>
    <message>
        <source>Jij</source>
        <translation>You</translation>
    </message>
    <message>
        <source>%n nieuw bericht</source>
        <translation>%n new message</translation>
    </message>
    <message>
        <source>%n nieuwe berichten</source>
        <translation>%n new messages</translation>
    </message>
    <message>
        <source>wacht %1</source>
        <translation>waiting %1</translation>
    </message>
    <message>
        <source>%1 heeft de chat verlaten</source>
        <translation>%1 has left the chat</translation>
    </message>
    <message>
        <source>%1 heeft de chat verlaten.</source>
        <translation>%1 has left the chat.</translation>
    </message>
    <message>
        <source>Afgerond: de klant is geholpen</source>
        <translation>Done: the customer has been helped</translation>
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
        <translation>Competence</translation>
    </message>
    <message>
        <source>Getoond</source>
        <translation>Shown</translation>
    </message>
    <message>
        <source>Waarom niet</source>
        <translation>Why not</translation>
    </message>
    <message>
        <source>Klant</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>Bericht van de klant</source>
        <translation>Customer&apos;s message</translation>
    </message>
    <message>
        <source>Jouw antwoord</source>
        <translation>Your reply</translation>
    </message>
    <message>
        <source>Tijd</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Oordeel</source>
        <translation>Verdict</translation>
    </message>
    <message>
        <source>Ontbreekt</source>
        <translation>Missing</translation>
    </message>
    <message>
        <source>Veld</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Verwacht</source>
        <translation>Expected</translation>
    </message>
    <message>
        <source>Ingevuld</source>
        <translation>Entered</translation>
    </message>
    <message>
        <source>Melding</source>
        <translation>Alert</translation>
    </message>
    <message>
        <source>Reactie</source>
        <translation>Reaction</translation>
    </message>
    <message>
        <source>Competenties</source>
        <translation>Competences</translation>
    </message>
    <message>
        <source>Antwoorden</source>
        <translation>Replies</translation>
    </message>
    <message>
        <source>Velden</source>
        <translation>Fields</translation>
    </message>
    <message>
        <source>Meldingen</source>
        <translation>Messages</translation>
    </message>
    <message>
        <source>Afgebroken</source>
        <translation>Stopped</translation>
    </message>
    <message>
        <source>Geslaagd</source>
        <translation>Passed</translation>
    </message>
    <message>
        <source>Niet geslaagd</source>
        <translation>Not passed</translation>
    </message>
    <message>
        <source>ja</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>nee</source>
        <translation>no</translation>
    </message>
    <message>
        <source>niet getoetst</source>
        <translation>not assessed</translation>
    </message>
    <message>
        <source>Niet beoordeeld: de sessie werd niet afgerond.</source>
        <translation>Not assessed: the session was not finished.</translation>
    </message>
    <message>
        <source>Antwoorden: %1 op tijd, %2 te laat, %3 gemist.</source>
        <translation>Replies: %1 in time, %2 late, %3 missed.</translation>
    </message>
    <message>
        <source>%1 heeft de chat verlaten na %2 wachten (op %3).</source>
        <translation>%1 left the chat after waiting %2 (at %3).</translation>
    </message>
    <message>
        <source>Spelling: %1 van %2 woorden fout (%3, marge %4): %5</source>
        <translation>Spelling: %1 of %2 words wrong (%3, margin %4): %5</translation>
    </message>
    <message>
        <source>Spelling: geen fouten in %1.</source>
        <translation>Spelling: no errors in %1.</translation>
    </message>
    <message>
        <source>De sessie werd %1: niet volledig, dus niet geslaagd.</source>
        <translation>The session was %1: not complete, so not passed.</translation>
    </message>
    <message>
        <source>norm %1 s</source>
        <translation>norm %1 s</translation>
    </message>
    <message>
        <source>begroeting</source>
        <translation>greeting</translation>
    </message>
    <message>
        <source>bedanking</source>
        <translation>thanks</translation>
    </message>
    <message>
        <source>verontschuldiging</source>
        <translation>apology</translation>
    </message>
    <message>
        <source>afsluitende groet</source>
        <translation>closing words</translation>
    </message>
    <message>
        <source>te vermijden: &apos;%1&apos;</source>
        <translation>to avoid: &apos;%1&apos;</translation>
    </message>
</context>
<context>
    <name>ChatView</name>
    <message>
        <source>Nog geen chat: wachten op een klant…</source>
        <translation>No chat yet: waiting for a customer…</translation>
    </message>
    <message>
        <source>Klantdossier</source>
        <translation>Customer record</translation>
    </message>
    <message>
        <source>Contactformulier</source>
        <translation>Contact form</translation>
    </message>
    <message>
        <source>Meldingen (F9 bevestigt)</source>
        <translation>Messages (F9 acknowledges)</translation>
    </message>
    <message>
        <source>Kennisbank (Ctrl+F)</source>
        <translation>Knowledge base (Ctrl+F)</translation>
    </message>
    <message>
        <source>Sessie afronden (Ctrl+Enter)</source>
        <translation>Finish the session (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Antwoorden (Ctrl+T)</source>
        <translation>Responses (Ctrl+T)</translation>
    </message>
    <message>
        <source>Ticket (Ctrl+I)</source>
        <translation>Ticket (Ctrl+I)</translation>
    </message>
    <message>
        <source> (optioneel)</source>
        <translation> (optional)</translation>
    </message>
    <message>
        <source>Geen klant in beeld.</source>
        <translation>No customer on screen.</translation>
    </message>
    <message>
        <source>  ✓ bevestigd</source>
        <translation>  ✓ acknowledged</translation>
    </message>
</context>
<context>
    <name>CoachViews</name>
    <message>
        <source>Resultaat openen</source>
        <translation>Open result</translation>
    </message>
    <message>
        <source>Dit resultaat kan niet geopend worden: %1</source>
        <translation>This result cannot be opened: %1</translation>
    </message>
    <message>
        <source>%1, %2: een eerder resultaat.</source>
        <translation>%1, %2: an earlier result.</translation>
    </message>
    <message>
        <source>Opnieuw berekend uit het logboek (er was geen resultaat bewaard).</source>
        <translation>Scored again from the journal (no result had been kept).</translation>
    </message>
    <message>
        <source>Opnieuw berekend uit het logboek (bewaard door een oudere versie).</source>
        <translation>Scored again from the journal (kept by an earlier version).</translation>
    </message>
    <message>
        <source>Let op: de oefening is sindsdien gewijzigd.</source>
        <translation>Note: the exercise has changed since.</translation>
    </message>
    <message>
        <source>Verzegeld door &apos;%1&apos; op %2: ongewijzigd.</source>
        <translation>Sealed by &apos;%1&apos; on %2: unchanged.</translation>
    </message>
    <message>
        <source>GEWIJZIGD: GEEN GELDIG RESULTAAT</source>
        <translation>CHANGED: NOT A VALID RESULT</translation>
    </message>
    <message>
        <source>NIET VERZEGELD: GEEN GELDIG RESULTAAT</source>
        <translation>NOT SEALED: NOT A VALID RESULT</translation>
    </message>
    <message>
        <source>Dit examenresultaat is niet geldig: %1</source>
        <translation>This exam result is not valid: %1</translation>
    </message>
</context>
<context>
    <name>CrashHandler</name>
    <message>
        <source>Simultaan botste op een programmafout (%1): wat je al deed is bewaard, en de details voor je coach of de helpdesk staan in %2.</source>
        <translation>Simultaan ran into a program error (%1): what you did so far is kept, and the details for your coach or the helpdesk are in %2.</translation>
    </message>
    <message>
        <source>Simultaan botste op een programmafout (%1): wat je al deed is bewaard, maar het logbestand kan niet worden geschreven in de gegevensmap.</source>
        <translation>Simultaan ran into a program error (%1): what you did so far is kept, but the log file cannot be written in the data folder.</translation>
    </message>
    <message>
        <source>Programmafout</source>
        <translation>Program error</translation>
    </message>
</context>
<context>
    <name>DictationController</name>
    <message>
        <source>Geen geluid: %1. Sluit de headset aan en druk op F5.</source>
        <translation>No sound: %1. Plug in the headset and press F5.</translation>
    </message>
    <message>
        <source>Fragment niet te lezen: %1</source>
        <translation>Clip cannot be read: %1</translation>
    </message>
    <message>
        <source>Dit fragment mag je maar %1 keer beluisteren.</source>
        <translation>Plays allowed for this clip: %1.</translation>
    </message>
    <message>
        <source>Terugspoelen kan niet in een examenoefening.</source>
        <translation>Rewinding is not possible in an exam exercise.</translation>
    </message>
    <message>
        <source>Het geluidsapparaat %1 werkt niet (meer). Je tekst blijft bewaard: sluit de headset aan en druk op F5 om verder te luisteren, of lever in met Ctrl+Enter.</source>
        <translation>The sound device %1 does not work (any more). Your text is kept: plug in the headset and press F5 to carry on listening, or hand in with Ctrl+Enter.</translation>
    </message>
    <message>
        <source>Nog altijd geen geluid: %1. Sluit de headset aan en druk op F5, of lever in met Ctrl+Enter.</source>
        <translation>Still no sound: %1. Plug in the headset and press F5, or hand in with Ctrl+Enter.</translation>
    </message>
    <message>
        <source>Fragment %1 van %2</source>
        <translation>Clip %1 of %2</translation>
    </message>
    <message>
        <source>▶ speelt</source>
        <translation>▶ playing</translation>
    </message>
    <message>
        <source>⏸ gepauzeerd</source>
        <translation>⏸ paused</translation>
    </message>
    <message>
        <source>snelheid %1×</source>
        <translation>speed %1×</translation>
    </message>
    <message>
        <source>onbeperkt beluisteren</source>
        <translation>unlimited plays</translation>
    </message>
    <message>
        <source>nog %1 keer</source>
        <translation>plays left: %1</translation>
    </message>
</context>
<context>
    <name>DictationEditor</name>
    <message>
        <source>Wat je hoort, getypt</source>
        <translation>What you hear, typed</translation>
    </message>
</context>
<context>
    <name>DictationView</name>
    <message>
        <source>F5 of Ctrl+Spatie: afspelen/pauze · F4: 2 s terug · F6: 2 s vooruit · F7: trager · F8: sneller · F9: volgend fragment · F3: vorig · Enter: nieuwe regel · Ctrl+Enter: inleveren · Esc: stoppen</source>
        <translation>F5 or Ctrl+Space: play/pause · F4: 2 s back · F6: 2 s forward · F7: slower · F8: faster · F9: next clip · F3: previous · Enter: new line · Ctrl+Enter: hand in · Esc: stop</translation>
    </message>
</context>
<context>
    <name>DrillController</name>
    <message>
        <source>Fouten: – (marge %1)</source>
        <translation>Errors: – (margin %1)</translation>
    </message>
    <message>
        <source>%1 — start bij je eerste aanslag</source>
        <translation>%1 — starts at your first keystroke</translation>
    </message>
    <message>
        <source>Netto %1 wpm</source>
        <translation>Net %1 wpm</translation>
    </message>
    <message>
        <source> (minimum %1)</source>
        <translation> (minimum %1)</translation>
    </message>
    <message>
        <source>Nog %1</source>
        <translation>%1 left</translation>
    </message>
    <message>
        <source>Fouten: %1 (marge %2)</source>
        <translation>Errors: %1 (margin %2)</translation>
    </message>
</context>
<context>
    <name>DrillView</name>
    <message>
        <source>Backspace verbetert · Ctrl+Enter: inleveren · Esc: stoppen</source>
        <translation>Backspace corrects · Ctrl+Enter: hand in · Esc: stop</translation>
    </message>
</context>
<context>
    <name>EvaluatorsDialog</name>
    <message>
        <source>Evaluatie van examens</source>
        <translation>Evaluation of exams</translation>
    </message>
    <message>
        <source>E&amp;xamen:</source>
        <translation>E&amp;xam:</translation>
    </message>
    <message>
        <source>&amp;Onderdelen</source>
        <translation>&amp;Parts</translation>
    </message>
    <message>
        <source>Bewijs per &amp;competentie</source>
        <translation>Evidence per &amp;competence</translation>
    </message>
    <message>
        <source>Onderdeel</source>
        <translation>Part</translation>
    </message>
    <message>
        <source>Oefening</source>
        <translation>Exercise</translation>
    </message>
    <message>
        <source>Automatisch oordeel</source>
        <translation>Automatic verdict</translation>
    </message>
    <message>
        <source>Foutenpercentage</source>
        <translation>Error rate</translation>
    </message>
    <message>
        <source>Verzegeling</source>
        <translation>Seal</translation>
    </message>
    <message>
        <source>&amp;Rapport…</source>
        <translation>&amp;Report…</translation>
    </message>
    <message>
        <source>Oordelen &amp;bewaren  (Ctrl+Enter)</source>
        <translation>Keep the &amp;verdicts  (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Af&amp;tekenen</source>
        <translation>Sign &amp;off</translation>
    </message>
    <message>
        <source>B&amp;undel exporteren…</source>
        <translation>Export the &amp;bundle…</translation>
    </message>
    <message>
        <source>Zoals laatst opgehaald: %1</source>
        <translation>As last fetched: %1</translation>
    </message>
    <message>
        <source>Er zijn nog geen examens in deze opslag.</source>
        <translation>There are no exams in this store yet.</translation>
    </message>
    <message>
        <source>Afgetekend en verzegeld: de oordelen liggen vast.</source>
        <translation>Signed off and sealed: the verdicts are final.</translation>
    </message>
    <message>
        <source>Let op: niet elk onderdeel is ongewijzigd verzegeld.</source>
        <translation>Note: not every part is sealed unchanged.</translation>
    </message>
    <message>
        <source>Twee evaluatoren geven elk hun oordeel; dan aftekenen.</source>
        <translation>Two evaluators each give their verdict; then sign off.</translation>
    </message>
    <message>
        <source>Beide evaluatoren: %1. Klaar om af te tekenen.</source>
        <translation>Both evaluators: %1. Ready to sign off.</translation>
    </message>
    <message>
        <source>geslaagd</source>
        <translation>passed</translation>
    </message>
    <message>
        <source>niet geslaagd</source>
        <translation>not passed</translation>
    </message>
    <message>
        <source>NIET GELDIG: %1</source>
        <translation>NOT VALID: %1</translation>
    </message>
    <message>
        <source>ongewijzigd (&apos;%1&apos;, %2)</source>
        <translation>unchanged (&apos;%1&apos;, %2)</translation>
    </message>
    <message>
        <source>Competentie</source>
        <translation>Competence</translation>
    </message>
    <message>
        <source>getoond</source>
        <translation>shown</translation>
    </message>
    <message>
        <source>niet getoond</source>
        <translation>not shown</translation>
    </message>
    <message>
        <source>Evaluator %1: kies een oordeel.</source>
        <translation>Evaluator %1: choose a verdict.</translation>
    </message>
    <message>
        <source>Bundel voor het testcentrum</source>
        <translation>Bundle for the test centre</translation>
    </message>
    <message>
        <source>Zip-bestand (*.zip)</source>
        <translation>Zip file (*.zip)</translation>
    </message>
    <message>
        <source>De bundel kon niet worden bewaard in %1: %2</source>
        <translation>The bundle could not be saved in %1: %2</translation>
    </message>
    <message>
        <source>Bundel bewaard: %1</source>
        <translation>Bundle saved: %1</translation>
    </message>
</context>
<context>
    <name>ExamCall</name>
    <message>
        <source>Geen geluid: %1. Roep de toezichter; hij kan de headset aansluiten.</source>
        <translation>No sound: %1. Call the supervisor; they can plug in the headset.</translation>
    </message>
</context>
<context>
    <name>ExamDictation</name>
    <message>
        <source>Geen geluid: %1. Sluit de headset aan en druk op F5.</source>
        <translation>No sound: %1. Plug in the headset and press F5.</translation>
    </message>
    <message>
        <source>Nog altijd geen geluid: %1. Roep de toezichter.</source>
        <translation>Still no sound: %1. Call the supervisor.</translation>
    </message>
    <message>
        <source>Het geluidsapparaat %1 werkt niet (meer). Je tekst blijft bewaard: roep de toezichter, en druk op F5 om verder te luisteren. De tijd loopt door.</source>
        <translation>The sound device %1 does not work (any more). Your text is kept: call the supervisor, and press F5 to listen on. The time runs on.</translation>
    </message>
</context>
<context>
    <name>ExamScreen</name>
    <message>
        <source>Aanmelden voor het examen</source>
        <translation>Checking in for the exam</translation>
    </message>
    <message>
        <source>Kandidaatnummer</source>
        <translation>Candidate number</translation>
    </message>
    <message>
        <source>&amp;Naam</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <source>&amp;Code van de toezichter</source>
        <translation>Supervisor&apos;s &amp;code</translation>
    </message>
    <message>
        <source>&amp;Bevestigen</source>
        <translation>C&amp;onfirm</translation>
    </message>
    <message>
        <source>Examen onderbroken</source>
        <translation>Exam interrupted</translation>
    </message>
    <message>
        <source>&amp;Hervatten</source>
        <translation>&amp;Resume</translation>
    </message>
    <message>
        <source>&amp;Sluiten zonder te hervatten</source>
        <translation>Close &amp;without resuming</translation>
    </message>
    <message>
        <source>Het examen &amp;starten</source>
        <translation>&amp;Start the exam</translation>
    </message>
    <message>
        <source>Resterende tijd</source>
        <translation>Time left</translation>
    </message>
    <message>
        <source>Volgend onderdeel &amp;starten</source>
        <translation>&amp;Start the next part</translation>
    </message>
    <message>
        <source>Het examen is voorbij</source>
        <translation>The exam is over</translation>
    </message>
    <message>
        <source>Voor de toezichter: Esc, dan de code, sluit dit scherm.</source>
        <translation>For the supervisor: Esc, then the code, closes this screen.</translation>
    </message>
    <message>
        <source>Het examen verlaten</source>
        <translation>Leaving the exam</translation>
    </message>
    <message>
        <source>Alleen de toezichter kan het examen verlaten. De tijd loopt door.</source>
        <translation>Only the supervisor can leave the exam. The time runs on.</translation>
    </message>
    <message>
        <source>Het examen is voorbij en bewaard. Alleen de toezichter sluit dit scherm.</source>
        <translation>The exam is over and saved. Only the supervisor closes this screen.</translation>
    </message>
    <message>
        <source>Alleen de toezichter kan het examen verlaten. Er loopt nu geen onderdeel.</source>
        <translation>Only the supervisor can leave the exam. No part is running now.</translation>
    </message>
    <message>
        <source>&amp;Verlaten</source>
        <translation>&amp;Leave</translation>
    </message>
    <message>
        <source>&amp;Terug naar het examen</source>
        <translation>&amp;Back to the exam</translation>
    </message>
</context>
<context>
    <name>ExamWindow</name>
    <message>
        <source>Die code klopt niet.</source>
        <translation>That code is not right.</translation>
    </message>
    <message>
        <source>Vul de naam van de kandidaat in.</source>
        <translation>Fill in the candidate&apos;s name.</translation>
    </message>
    <message>
        <source>Het examen van %1 (kandidaat %2) werd onderbroken in onderdeel %3 van %4, na %5 van de %6 minuten. Het gaat verder waar het stopte; wat al getypt was, blijft staan.</source>
        <translation>The exam of %1 (candidate %2) was interrupted in part %3 of %4, after %5 of the %6 minutes. It goes on where it stopped; what was already typed stays.</translation>
    </message>
    <message>
        <source>daarmee is het examen af.</source>
        <translation>that ends the exam.</translation>
    </message>
    <message>
        <source>het examen gaat verder met onderdeel %1.</source>
        <translation>the exam goes on with part %1.</translation>
    </message>
    <message>
        <source>Let op: onderdeel %1 is een gesprek dat niet verder kan waar het stopte: het logboek laat niet toe het na te bouwen zoals het was. Het wordt beoordeeld met wat er tot de onderbreking gebeurde; %2</source>
        <translation>Note: part %1 is a call that cannot go on where it stopped: its journal does not allow it to be rebuilt as it was. It is scored on what happened until it was cut off; %2</translation>
    </message>
    <message>
        <source>Onderdeel %1: %2 (%3 minuten)</source>
        <translation>Part %1: %2 (%3 minutes)</translation>
    </message>
    <message>
        <source>Elk onderdeel stopt vanzelf als de tijd om is. Pauzeren of opnieuw beginnen kan niet.</source>
        <translation>Each part stops by itself when the time is up. Pausing or starting again is not possible.</translation>
    </message>
    <message>
        <source>Onderdeel %1 van %2: %3</source>
        <translation>Part %1 of %2: %3</translation>
    </message>
    <message>
        <source>Er kan niet worden geschreven in %1 (%2). Roep de toezichter; wat je typt, blijft bewaard en wordt geschreven zodra het weer kan.</source>
        <translation>Cannot write to %1 (%2). Call the supervisor; what you type is kept and written as soon as it can be.</translation>
    </message>
    <message>
        <source>Onderdeel %1 is voorbij. Het volgende onderdeel: %2 (%3 minuten).</source>
        <translation>Part %1 is over. The next part: %2 (%3 minutes).</translation>
    </message>
    <message>
        <source>Bedankt. Je resultaat wordt je later meegedeeld.</source>
        <translation>Thank you. You will be told your result later.</translation>
    </message>
    <message>
        <source>geslaagd</source>
        <translation>passed</translation>
    </message>
    <message>
        <source>niet geslaagd</source>
        <translation>not passed</translation>
    </message>
    <message>
        <source>Onderdeel %1, %2: %3</source>
        <translation>Part %1, %2: %3</translation>
    </message>
    <message>
        <source>Het examen kan nu niet stoppen: %1 (%2). Maak eerst ruimte vrij; wat de kandidaat typte, staat nog alleen in het geheugen.</source>
        <translation>The exam cannot stop now: %1 (%2). Make room first; what the candidate typed is still only in memory.</translation>
    </message>
</context>
<context>
    <name>GroupTable</name>
    <message>
        <source>Gr&amp;oep:</source>
        <translation>Gr&amp;oup:</translation>
    </message>
    <message>
        <source>Alle cursisten</source>
        <translation>All trainees</translation>
    </message>
    <message>
        <source>Cursist</source>
        <translation>Trainee</translation>
    </message>
    <message>
        <source>Sessies</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <source>Geslaagd</source>
        <translation>Passed</translation>
    </message>
    <message>
        <source>Mediane snelheid (wpm)</source>
        <translation>Median speed (wpm)</translation>
    </message>
    <message>
        <source>Mediaan foutpercentage</source>
        <translation>Median error rate</translation>
    </message>
    <message>
        <source>Gegevensinvoer juist</source>
        <translation>Data entry correct</translation>
    </message>
    <message>
        <source>Laatste sessie</source>
        <translation>Last session</translation>
    </message>
    <message>
        <source>Vergelijking van de cursisten</source>
        <translation>Comparison of the trainees</translation>
    </message>
    <message>
        <source>Groep</source>
        <translation>Group</translation>
    </message>
</context>
<context>
    <name>HomeView</name>
    <message>
        <source>&amp;Cursist:</source>
        <translation>&amp;Trainee:</translation>
    </message>
    <message>
        <source>&amp;Nieuwe cursist…</source>
        <translation>&amp;New trainee…</translation>
    </message>
    <message>
        <source>&amp;Instellingen…</source>
        <translation>&amp;Settings…</translation>
    </message>
    <message>
        <source>C&amp;ursisten…</source>
        <translation>Tra&amp;inees…</translation>
    </message>
    <message>
        <source>Cursisten hernoemen, archiveren, groepen (Ctrl+T)</source>
        <translation>Rename and archive trainees, groups (Ctrl+T)</translation>
    </message>
    <message>
        <source>S&amp;essies…</source>
        <translation>S&amp;essions…</translation>
    </message>
    <message>
        <source>Alle sessies, met filters (Ctrl+H)</source>
        <translation>All sessions, with filters (Ctrl+H)</translation>
    </message>
    <message>
        <source>&amp;Voortgang…</source>
        <translation>Pro&amp;gress…</translation>
    </message>
    <message>
        <source>Grafieken van de cursist, een groep vergeleken, fouten per toets (Ctrl+G)</source>
        <translation>The trainee&apos;s charts, a group compared, errors per key (Ctrl+G)</translation>
    </message>
    <message>
        <source>Op &amp;maat oefenen  (Ctrl+P)</source>
        <translation>Tailored &amp;practice  (Ctrl+P)</translation>
    </message>
    <message>
        <source>Een oefening uit echte werkteksten met de toetsen, lettercombinaties en woorden die deze cursist de laatste tijd het vaakst fout typte</source>
        <translation>An exercise from real work texts with the keys, letter pairs and words this trainee got wrong most often lately</translation>
    </message>
    <message>
        <source>Oefening</source>
        <translation>Exercise</translation>
    </message>
    <message>
        <source>Niveau</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>Tijd</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Foutmarge</source>
        <translation>Margin</translation>
    </message>
    <message>
        <source>Behaald</source>
        <translation>Achieved</translation>
    </message>
    <message>
        <source>&amp;Oefeningen</source>
        <translation>E&amp;xercises</translation>
    </message>
    <message>
        <source>&amp;Start oefening  (Enter)</source>
        <translation>St&amp;art exercise  (Enter)</translation>
    </message>
    <message>
        <source>Wanneer</source>
        <translation>When</translation>
    </message>
    <message>
        <source>wpm</source>
        <translation>wpm</translation>
    </message>
    <message>
        <source>Fouten</source>
        <translation>Errors</translation>
    </message>
    <message>
        <source>Resultaat</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>&amp;Recente resultaten</source>
        <translation>Recent res&amp;ults</translation>
    </message>
    <message>
        <source>Enter of dubbelklikken opent het resultaat.</source>
        <translation>Enter or a double-click opens the result.</translation>
    </message>
    <message>
        <source>Oefeningen laden…</source>
        <translation>Loading exercises…</translation>
    </message>
    <message numerus="yes">
        <source>Defecte bestanden (%n)</source>
        <translation>
            <numerusform>Broken files (%n)</numerusform>
            <numerusform>Broken files (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 aan %2 wpm</source>
        <translation>%1 at %2 wpm</translation>
    </message>
    <message>
        <source>geslaagd, beste %1</source>
        <translation>passed, best %1</translation>
    </message>
    <message>
        <source>gedaan, nog niet geslaagd; beste %1</source>
        <translation>done, not passed yet; best %1</translation>
    </message>
    <message>
        <source>gedaan, nog niet geslaagd</source>
        <translation>done, not passed yet</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>defect</source>
        <translation>broken</translation>
    </message>
    <message>
        <source>regel %1: %2</source>
        <translation>line %1: %2</translation>
    </message>
    <message>
        <source>Kies een oefening in de lijst.</source>
        <translation>Choose an exercise in the list.</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>Tijdslimiet: %1</source>
        <translation>Time limit: %1</translation>
    </message>
    <message>
        <source>Geslaagd bij ten hoogste %1 fouten (%2)</source>
        <translation>Passed with at most %1 errors (%2)</translation>
    </message>
    <message>
        <source>Je belt zelf, gespreksduur ten hoogste %1.</source>
        <translation>You place the call; handling time at most %1.</translation>
    </message>
    <message>
        <source>Opnemen binnen %1 s, gespreksduur ten hoogste %2.</source>
        <translation>Answer within %1 s, handling time at most %2.</translation>
    </message>
    <message>
        <source>%1 in te vullen, %2 om tijdig te bevestigen</source>
        <translation>%1 to fill in, %2 to acknowledge in time</translation>
    </message>
    <message>
        <source>Toetsen: F2 opnemen, F3 in de wacht, F4 laten herhalen, Ctrl+K klant opzoeken, F5/F6 geverifieerd of niet, F7 doorverbinden, F8 ophangen, F9 melding bevestigen, Ctrl+F kennisbank, Ctrl+Enter afronden.</source>
        <translation>Keys: F2 answer, F3 hold, F4 ask to repeat, Ctrl+K look up the customer, F5/F6 verified or not, F7 transfer, F8 hang up, F9 acknowledge a message, Ctrl+F knowledge base, Ctrl+Enter wrap up.</translation>
    </message>
    <message>
        <source>Niet getoond: %1</source>
        <translation>Not shown: %1</translation>
    </message>
    <message>
        <source>geslaagd</source>
        <translation>passed</translation>
    </message>
    <message>
        <source>Fragment o&amp;pnemen…</source>
        <translation>&amp;Record a clip…</translation>
    </message>
    <message>
        <source>niet geslaagd</source>
        <translation>not passed</translation>
    </message>
</context>
<context>
    <name>KeysPanel</name>
    <message>
        <source>&amp;Weergave:</source>
        <translation>&amp;View:</translation>
    </message>
    <message>
        <source>Fouten per toets</source>
        <translation>Errors per key</translation>
    </message>
    <message>
        <source>Aarzelingen per toets</source>
        <translation>Hesitations per key</translation>
    </message>
    <message>
        <source>Per vinger</source>
        <translation>Per finger</translation>
    </message>
    <message>
        <source>Toetsenbord met fouten per toets</source>
        <translation>Keyboard with the errors per key</translation>
    </message>
    <message>
        <source>Fouten en aarzelingen per vinger</source>
        <translation>Errors and hesitations per finger</translation>
    </message>
    <message>
        <source>Toetsaanslagen lezen uit %1…</source>
        <translation>Reading the keystrokes of %1…</translation>
    </message>
    <message>
        <source>%n logboek</source>
        <translation>%n journal</translation>
    </message>
    <message>
        <source>%n logboeken</source>
        <translation>%n journals</translation>
    </message>
    <message>
        <source>%1 gelezen. Gewone pauze tussen twee toetsen: %2 s; een aarzeling: langer dan %3 s.</source>
        <translation>%1 read. Usual pause between two keys: %2 s; a hesitation: longer than %3 s.</translation>
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
        <translation>%n session does not count (journal or exercise missing).</translation>
    </message>
    <message>
        <source>%n sessies tellen niet mee (logboek of oefening ontbreekt).</source>
        <translation>%n sessions do not count (journal or exercise missing).</translation>
    </message>
    <message>
        <source>Het getal op een toets: fouten op die toets over alle sessies, ook de verbeterde.</source>
        <translation>The number on a key: errors on that key over all sessions, corrected ones too.</translation>
    </message>
    <message>
        <source>Het getal op een toets: hoe vaak de cursist aarzelde voor die toets.</source>
        <translation>The number on a key: how often the trainee hesitated before that key.</translation>
    </message>
    <message>
        <source>pink L</source>
        <translation>little L</translation>
    </message>
    <message>
        <source>ring L</source>
        <translation>ring L</translation>
    </message>
    <message>
        <source>middel L</source>
        <translation>middle L</translation>
    </message>
    <message>
        <source>wijs L</source>
        <translation>index L</translation>
    </message>
    <message>
        <source>duimen</source>
        <translation>thumbs</translation>
    </message>
    <message>
        <source>wijs R</source>
        <translation>index R</translation>
    </message>
    <message>
        <source>middel R</source>
        <translation>middle R</translation>
    </message>
    <message>
        <source>ring R</source>
        <translation>ring R</translation>
    </message>
    <message>
        <source>pink R</source>
        <translation>little R</translation>
    </message>
    <message>
        <source>fouten per teken</source>
        <translation>errors per character</translation>
    </message>
    <message>
        <source>aarzelingen per toetsaanslag</source>
        <translation>hesitations per keystroke</translation>
    </message>
    <message>
        <source>aandeel (%)</source>
        <translation>share (%)</translation>
    </message>
    <message>
        <source>%1: %2 fouten, %3 aarzelingen</source>
        <translation>%1: %2 errors, %3 hesitations</translation>
    </message>
</context>
<context>
    <name>KnowledgePanel</name>
    <message>
        <source>Kennisbank</source>
        <translation>Knowledge base</translation>
    </message>
    <message>
        <source>Zoeken…</source>
        <translation>Search…</translation>
    </message>
    <message>
        <source>Kennisbank doorzoeken</source>
        <translation>Search the knowledge base</translation>
    </message>
    <message>
        <source>Gevonden artikels</source>
        <translation>Articles found</translation>
    </message>
    <message>
        <source>Artikel uit de kennisbank</source>
        <translation>Knowledge base article</translation>
    </message>
    <message>
        <source>Artikel voorstellen… (Ctrl+Shift+F)</source>
        <translation>Propose an article… (Ctrl+Shift+F)</translation>
    </message>
    <message>
        <source>Een nieuw artikel, of een wijziging van het open artikel, voorstellen aan de coach (Ctrl+Shift+F)</source>
        <translation>Propose a new article, or a change to the open article, to the coach (Ctrl+Shift+F)</translation>
    </message>
    <message>
        <source>Geen artikels gevonden.</source>
        <translation>No articles found.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Oefeningen</source>
        <translation>Exercises</translation>
    </message>
    <message>
        <source>De oefeningen konden niet worden gelezen: %1</source>
        <translation>The exercises could not be read: %1</translation>
    </message>
    <message>
        <source>De instellingen konden niet worden bewaard in %1: %2</source>
        <translation>The settings could not be saved in %1: %2</translation>
    </message>
    <message>
        <source>Nieuwe cursist</source>
        <translation>New trainee</translation>
    </message>
    <message>
        <source>Naam van de cursist:</source>
        <translation>Trainee&apos;s name:</translation>
    </message>
    <message>
        <source>Er is al een cursist met de naam “%1”.</source>
        <translation>There is already a trainee named “%1”.</translation>
    </message>
    <message>
        <source>Tekstgrootte: %1 %</source>
        <translation>Text size: %1%</translation>
    </message>
    <message>
        <source>Oefening kan niet starten</source>
        <translation>The exercise cannot start</translation>
    </message>
    <message>
        <source>De oefening kon niet starten: de map %1 kan het logboek of de gegevens niet bewaren (%2). Maak ruimte vrij of kies een andere map.</source>
        <translation>The exercise could not start: the folder %1 cannot save the journal or the data (%2). Free up some space or choose another folder.</translation>
    </message>
    <message>
        <source>Nog niet beschikbaar</source>
        <translation>Not available yet</translation>
    </message>
    <message>
        <source>Geluid</source>
        <translation>Sound</translation>
    </message>
    <message>
        <source>Instellingen</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Het instellingenbestand was beschadigd en is opzijgezet; de standaardinstellingen worden gebruikt.

%1</source>
        <translation>The settings file was damaged and has been set aside; the default settings are used.

%1</translation>
    </message>
    <message>
        <source>Onderbroken sessies</source>
        <translation>Interrupted sessions</translation>
    </message>
    <message>
        <source>Simultaan werd afgesloten tijdens %1. Wat er getypt werd, staat in het logboek. Nu herstellen en scoren?</source>
        <translation>Simultaan was closed during %1. What was typed is in the journal. Recover and score now?</translation>
    </message>
    <message>
        <source>Sessies herstellen…</source>
        <translation>Recovering sessions…</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>niet hersteld: %1</source>
        <translation>not recovered: %1</translation>
    </message>
    <message>
        <source>Gegevensbestand opnieuw opbouwen…</source>
        <translation>Rebuilding the database…</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Later</translation>
    </message>
    <message>
        <source>Oefeningen van de soort “%1” kan deze versie nog niet starten.</source>
        <translation>This version cannot run exercises of the kind “%1” yet.</translation>
    </message>
    <message>
        <source>%1 op werkplek %2; herstellen kan hier niet.</source>
        <translation>%1 on workstation %2; recovery is not possible here.</translation>
    </message>
    <message>
        <source>Gegevensbestand hersteld</source>
        <translation>Database repaired</translation>
    </message>
    <message>
        <source>Het gegevensbestand %1 was beschadigd. Het is opzijgezet als %2 en opnieuw opgebouwd uit de logboeken: %3 teruggezet.</source>
        <translation>The database %1 was damaged. It was set aside as %2 and rebuilt from the journals: %3 restored.</translation>
    </message>
    <message>
        <source>Simultaan kan niet starten</source>
        <translation>Simultaan cannot start</translation>
    </message>
</context>
<context>
    <name>ProgressDialog</name>
    <message>
        <source>Snelheid</source>
        <translation>Speed</translation>
    </message>
    <message>
        <source>netto woorden per minuut</source>
        <translation>net words per minute</translation>
    </message>
    <message>
        <source>Foutpercentage</source>
        <translation>Error rate</translation>
    </message>
    <message>
        <source>fouten (%)</source>
        <translation>errors (%)</translation>
    </message>
    <message>
        <source>Geslaagd</source>
        <translation>Passed</translation>
    </message>
    <message>
        <source>sessies (%)</source>
        <translation>sessions (%)</translation>
    </message>
    <message>
        <source>Gegevensinvoer</source>
        <translation>Data entry</translation>
    </message>
    <message>
        <source>velden juist (%)</source>
        <translation>fields correct (%)</translation>
    </message>
    <message>
        <source>Reactietijden</source>
        <translation>Reaction times</translation>
    </message>
    <message>
        <source>seconden</source>
        <translation>seconds</translation>
    </message>
    <message>
        <source>Competenties</source>
        <translation>Competences</translation>
    </message>
    <message>
        <source>aangetoond in de laatste 10 gesprekken (%)</source>
        <translation>shown in the last 10 calls (%)</translation>
    </message>
    <message>
        <source>Voortgang</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>Sluiten</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>P&amp;ortfolio…</source>
        <translation>P&amp;ortfolio…</translation>
    </message>
    <message>
        <source>Het competentieportfolio van deze cursist bewaren als PDF of HTML</source>
        <translation>Save this trainee&apos;s competence portfolio as PDF or HTML</translation>
    </message>
    <message>
        <source>&amp;Cursist:</source>
        <translation>&amp;Trainee:</translation>
    </message>
    <message>
        <source>&amp;Per:</source>
        <translation>&amp;Per:</translation>
    </message>
    <message>
        <source>sessie</source>
        <translation>session</translation>
    </message>
    <message>
        <source>week</source>
        <translation>week</translation>
    </message>
    <message>
        <source>maand</source>
        <translation>month</translation>
    </message>
    <message>
        <source>Cursist</source>
        <translation>Trainee</translation>
    </message>
    <message>
        <source>Periode van een punt</source>
        <translation>Period of a point</translation>
    </message>
    <message>
        <source>&amp;Grafieken</source>
        <translation>&amp;Charts</translation>
    </message>
    <message>
        <source>G&amp;roep</source>
        <translation>G&amp;roup</translation>
    </message>
    <message>
        <source>&amp;Toetsen</source>
        <translation>&amp;Keys</translation>
    </message>
    <message>
        <source>netto snelheid (mediaan)</source>
        <translation>net speed (median)</translation>
    </message>
    <message>
        <source>foutpercentage (mediaan)</source>
        <translation>error rate (median)</translation>
    </message>
    <message>
        <source>marge %1</source>
        <translation>margin %1</translation>
    </message>
    <message>
        <source>geslaagd</source>
        <translation>passed</translation>
    </message>
    <message>
        <source>velden juist ingevuld</source>
        <translation>fields entered correctly</translation>
    </message>
    <message>
        <source>opnemen na het rinkelen</source>
        <translation>answering after the ring</translation>
    </message>
    <message>
        <source>invoeren na het zeggen</source>
        <translation>entered after it was said</translation>
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
        <translation>Propose a change to an article</translation>
    </message>
    <message>
        <source>Voor de coach: pas het artikel aan zoals het zou moeten zijn. Het artikel zelf verandert niet.</source>
        <translation>For the coach: edit the article as it should be. The article itself does not change.</translation>
    </message>
    <message>
        <source>Nieuw artikel voorstellen</source>
        <translation>Propose a new article</translation>
    </message>
    <message>
        <source>Voor de coach: een artikel dat in de kennisbank ontbreekt.</source>
        <translation>For the coach: an article the knowledge base lacks.</translation>
    </message>
    <message>
        <source>Wat een collega moet weten: de klacht, de oplossing, wanneer doorsturen.</source>
        <translation>What a colleague needs to know: the complaint, the solution, when to pass it on.</translation>
    </message>
    <message>
        <source>&amp;Titel</source>
        <translation>&amp;Title</translation>
    </message>
    <message>
        <source>Te&amp;kst</source>
        <translation>Te&amp;xt</translation>
    </message>
    <message>
        <source>&amp;Voorstellen (Ctrl+Enter)</source>
        <translation>&amp;Propose (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Annuleren (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
</context>
<context>
    <name>ProposalsPage</name>
    <message>
        <source>Voor de coach: niet beoordeeld.</source>
        <translation>For the coach: not assessed.</translation>
    </message>
</context>
<context>
    <name>QueueController</name>
    <message>
        <source>Er wacht geen contact: kies er een in de lijst.</source>
        <translation>No contact is waiting: choose one in the list.</translation>
    </message>
    <message>
        <source>Neem eerst een contact (F2).</source>
        <translation>Take a contact first (F2).</translation>
    </message>
    <message>
        <source>Kies eerst een ticket in de lijst (Ctrl+2).</source>
        <translation>Choose a ticket in the list first (Ctrl+2).</translation>
    </message>
    <message>
        <source>Dienst beëindigen?</source>
        <translation>End the shift?</translation>
    </message>
    <message>
        <source>Wil je de dienst nu beëindigen? Wat nog open staat, wordt beoordeeld zoals het is; de SLA-tijden lopen door tot het einde van de dienst.</source>
        <translation>Do you want to end the shift now? Whatever is still open is assessed as it stands; the SLA times run on until the end of the shift.</translation>
    </message>
    <message>
        <source>%1 binnengekomen: %2</source>
        <translation>%1 in: %2</translation>
    </message>
    <message>
        <source>De dienst is voorbij.</source>
        <translation>The shift is over.</translation>
    </message>
    <message>
        <source>Dat contact is (nog) niet binnengekomen.</source>
        <translation>That contact has not come in (yet).</translation>
    </message>
    <message>
        <source>Neem het contact eerst (F2).</source>
        <translation>Take the contact first (F2).</translation>
    </message>
    <message>
        <source> (VIP)</source>
        <translation> (VIP)</translation>
    </message>
    <message>
        <source>VIP: gaat voor bij gelijke prioriteit</source>
        <translation>VIP: goes first at equal priority</translation>
    </message>
    <message>
        <source>Middelen: %1</source>
        <translation>Equipment: %1</translation>
    </message>
    <message>
        <source>Open tickets: %1</source>
        <translation>Open tickets: %1</translation>
    </message>
    <message>
        <source>De beller spreekt in je headset.</source>
        <translation>The caller is speaking in your headset.</translation>
    </message>
    <message>
        <source>De beller zegt (als tekst, zonder geluid): %1</source>
        <translation>The caller says (as text, without sound): %1</translation>
    </message>
    <message>
        <source>De beller zegt: %1</source>
        <translation>The caller says: %1</translation>
    </message>
    <message>
        <source>%1 (%2): %3</source>
        <translation>%1 (%2): %3</translation>
    </message>
    <message>
        <source>✖ %1: reactietijd overschreden</source>
        <translation>✖ %1: response time breached</translation>
    </message>
    <message>
        <source>✖ %1: oplostijd overschreden</source>
        <translation>✖ %1: resolution time breached</translation>
    </message>
    <message>
        <source>⚠ %1: reactietijd bijna om</source>
        <translation>⚠ %1: response time almost up</translation>
    </message>
    <message>
        <source>⚠ %1: oplostijd bijna om</source>
        <translation>⚠ %1: resolution time almost up</translation>
    </message>
    <message>
        <source>▶ in behandeling</source>
        <translation>▶ being handled</translation>
    </message>
    <message>
        <source>✓ genomen</source>
        <translation>✓ taken</translation>
    </message>
    <message>
        <source>● wacht %1</source>
        <translation>● waiting %1</translation>
    </message>
    <message>
        <source>Wachtend: %1 · SLA bijna om: %2 · SLA overschreden: %3</source>
        <translation>Waiting: %1 · SLA almost up: %2 · SLA breached: %3</translation>
    </message>
    <message>
        <source>Geen geluid: %1. Wat een beller zegt, verschijnt als tekst; sluit de headset aan: het volgende gesprek dat je neemt, hoor je.</source>
        <translation>No sound: %1. What a caller says appears as text; plug in the headset: you will hear the next call you take.</translation>
    </message>
    <message>
        <source>Fragment niet te lezen: %1</source>
        <translation>Clip cannot be read: %1</translation>
    </message>
    <message>
        <source>De headset is weg (%1). De dienst gaat door: wat de beller nog zegt, staat als tekst bij het contact. Sluit de headset weer aan: het volgende gesprek hoor je.</source>
        <translation>The headset is gone (%1). The shift goes on: what the caller still says is shown as text with the contact. Plug the headset back in: you will hear the next call.</translation>
    </message>
    <message>
        <source>Geen geluid (%1): wat de beller zegt, staat als tekst bij het contact.</source>
        <translation>No sound (%1): what the caller says is shown as text with the contact.</translation>
    </message>
    <message>
        <source>geen headset</source>
        <translation>no headset</translation>
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
        <translation>Competence</translation>
    </message>
    <message>
        <source>Getoond</source>
        <translation>Shown</translation>
    </message>
    <message>
        <source>Waarom niet</source>
        <translation>Why not</translation>
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
        <translation>Priority</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
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
        <translation>Competences</translation>
    </message>
    <message>
        <source>Contacten</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <source>Afgebroken</source>
        <translation>Stopped</translation>
    </message>
    <message>
        <source>Geslaagd</source>
        <translation>Passed</translation>
    </message>
    <message>
        <source>Niet geslaagd</source>
        <translation>Not passed</translation>
    </message>
    <message>
        <source>ja</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>nee</source>
        <translation>no</translation>
    </message>
    <message>
        <source>niet getoetst</source>
        <translation>not assessed</translation>
    </message>
    <message>
        <source>%1 (verwacht %2)</source>
        <translation>%1 (expected %2)</translation>
    </message>
    <message>
        <source>geen ticket</source>
        <translation>no ticket</translation>
    </message>
    <message>
        <source>reactie %1 / %2</source>
        <translation>response %1 / %2</translation>
    </message>
    <message>
        <source>in orde</source>
        <translation>all right</translation>
    </message>
    <message>
        <source>%1 (gehoord)</source>
        <translation>%1 (heard)</translation>
    </message>
    <message>
        <source>%1 (als tekst)</source>
        <translation>%1 (as text)</translation>
    </message>
    <message>
        <source>SLA-overschrijdingen: %1 · contacten in de verkeerde volgorde genomen: %2 · tickets gemaakt: %3</source>
        <translation>SLA breaches: %1 · contacts taken in the wrong order: %2 · tickets created: %3</translation>
    </message>
    <message>
        <source>De sessie werd %1: niet volledig, dus niet geslaagd.</source>
        <translation>The session was %1: not completed, so not passed.</translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message>
        <source>Klok van de dienst</source>
        <translation>Shift clock</translation>
    </message>
    <message>
        <source>Behandelen</source>
        <translation>Handle</translation>
    </message>
    <message>
        <source>Ticket maken</source>
        <translation>Create ticket</translation>
    </message>
    <message>
        <source>Geen ticket nodig</source>
        <translation>No ticket needed</translation>
    </message>
    <message>
        <source>Ticket openen</source>
        <translation>Open ticket</translation>
    </message>
    <message>
        <source>Dienst beëindigen</source>
        <translation>End shift</translation>
    </message>
    <message>
        <source>Binnengekomen contacten</source>
        <translation>Incoming contacts</translation>
    </message>
    <message>
        <source>Tickets (Ctrl+2, F5 opent)</source>
        <translation>Tickets (Ctrl+2, F5 opens)</translation>
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
        <translation>Text of the contact</translation>
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
        <translation>Incoming (Ctrl+1)</translation>
    </message>
    <message>
        <source>Kennisbank (Ctrl+F)</source>
        <translation>Knowledge base (Ctrl+F)</translation>
    </message>
    <message>
        <source>Nog geen contact genomen: kies er een en druk op F2.</source>
        <translation>No contact taken yet: choose one and press F2.</translation>
    </message>
</context>
<context>
    <name>RecordDialog</name>
    <message>
        <source>Klantfragment opnemen</source>
        <translation>Record a customer clip</translation>
    </message>
    <message>
        <source>Precies wat de klant zegt, zoals een operator het typt</source>
        <translation>Exactly what the customer says, as an operator would type it</translation>
    </message>
    <message>
        <source>● &amp;Opnemen</source>
        <translation>● &amp;Record</translation>
    </message>
    <message>
        <source>▶ Af&amp;spelen</source>
        <translation>▶ &amp;Play</translation>
    </message>
    <message>
        <source>&amp;Bewaren</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>Sluiten</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>&amp;Id:</source>
        <translation>&amp;Id:</translation>
    </message>
    <message>
        <source>&amp;Taal:</source>
        <translation>&amp;Language:</translation>
    </message>
    <message>
        <source>Spre&amp;ker:</source>
        <translation>Spea&amp;ker:</translation>
    </message>
    <message>
        <source>T&amp;ags:</source>
        <translation>T&amp;ags:</translation>
    </message>
    <message>
        <source>T&amp;ranscriptie:</source>
        <translation>Trans&amp;cript:</translation>
    </message>
    <message>
        <source>Niets dan stilte opgenomen: staat de microfoon aan?</source>
        <translation>Nothing but silence was recorded: is the microphone on?</translation>
    </message>
    <message>
        <source>Opname van %1 s, stilte voor en na weggeknipt, op het volume van de andere fragmenten gebracht.</source>
        <translation>Recorded %1 s; the silence before and after is trimmed and the volume matched to the other clips.</translation>
    </message>
    <message>
        <source>■ &amp;Stoppen</source>
        <translation>■ S&amp;top</translation>
    </message>
    <message>
        <source>Opname loopt… spreek nu.</source>
        <translation>Recording… speak now.</translation>
    </message>
    <message>
        <source>De opname stopte na %1, de langste die kan: wat daarna gezegd werd, staat er niet op.</source>
        <translation>The recording stopped after %1, its maximum length: anything said after that is not on it.</translation>
    </message>
    <message>
        <source>Let op: er ging %1 keer geluid verloren tijdens de opname (de computer kon niet volgen). Beluister het fragment en neem het zo nodig opnieuw op.</source>
        <translation>Note: sound was lost during the recording (%1×; the computer could not keep up). Listen to the clip and record it again if needed.</translation>
    </message>
    <message>
        <source>Bewaard als %1.</source>
        <translation>Saved as %1.</translation>
    </message>
</context>
<context>
    <name>ReplayView</name>
    <message>
        <source>Terugkijken: %1</source>
        <translation>Replay: %1</translation>
    </message>
    <message>
        <source>Tijd in de sessie</source>
        <translation>Time in the session</translation>
    </message>
    <message>
        <source>Afspelen (Spatie)</source>
        <translation>Play (Space)</translation>
    </message>
    <message>
        <source>Vorige markering (P)</source>
        <translation>Previous mark (P)</translation>
    </message>
    <message>
        <source>Volgende markering (N)</source>
        <translation>Next mark (N)</translation>
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
        <translation>Go to time… (Ctrl+G)</translation>
    </message>
    <message>
        <source>Markeringen</source>
        <translation>Marks</translation>
    </message>
    <message>
        <source>Geen fouten of gebeurtenissen om naartoe te gaan.</source>
        <translation>No errors or events to go to.</translation>
    </message>
    <message>
        <source>&amp;Markeringen</source>
        <translation>&amp;Marks</translation>
    </message>
    <message>
        <source>Getypte tekst onder de opgave</source>
        <translation>Typed text under the text set</translation>
    </message>
    <message>
        <source>Veld</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Ingevuld</source>
        <translation>Entered</translation>
    </message>
    <message>
        <source>Meldingen op het scherm</source>
        <translation>Messages on the screen</translation>
    </message>
    <message>
        <source>&amp;Velden</source>
        <translation>&amp;Fields</translation>
    </message>
    <message>
        <source>M&amp;eldingen</source>
        <translation>M&amp;essages</translation>
    </message>
    <message>
        <source>Geen geluid: %1. Het terugkijken gaat stil verder.</source>
        <translation>No sound: %1. The replay goes on silently.</translation>
    </message>
    <message>
        <source>Pauze (Spatie)</source>
        <translation>Pause (Space)</translation>
    </message>
    <message>
        <source>(afgehandeld na %1 s)</source>
        <translation>(dealt with after %1 s)</translation>
    </message>
</context>
<context>
    <name>ResultsView</name>
    <message>
        <source>Netto woorden per minuut</source>
        <translation>Net words per minute</translation>
    </message>
    <message>
        <source>Woorden per minuut</source>
        <translation>Words per minute</translation>
    </message>
    <message>
        <source>Aanslagen per minuut</source>
        <translation>Characters per minute</translation>
    </message>
    <message>
        <source>Toetsaanslagen per minuut</source>
        <translation>Keystrokes per minute</translation>
    </message>
    <message>
        <source>Woordfouten</source>
        <translation>Word errors</translation>
    </message>
    <message>
        <source>Tekenfouten (niet verbeterd)</source>
        <translation>Character errors (not corrected)</translation>
    </message>
    <message>
        <source>Verbeterde fouten</source>
        <translation>Corrected errors</translation>
    </message>
    <message>
        <source>Totaal foutenpercentage (TER)</source>
        <translation>Total error rate (TER)</translation>
    </message>
    <message>
        <source>Tijd</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Soort fout</source>
        <translation>Error type</translation>
    </message>
    <message>
        <source>Positie</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Verwacht</source>
        <translation>Expected</translation>
    </message>
    <message>
        <source>Getypt</source>
        <translation>Typed</translation>
    </message>
    <message>
        <source>Tekst met fouten</source>
        <translation>Text with errors</translation>
    </message>
    <message>
        <source>Lijst van fouten</source>
        <translation>List of errors</translation>
    </message>
    <message>
        <source>&amp;Beluister waar de fout gezegd werd  (Ctrl+L)</source>
        <translation>&amp;Listen to where the error was said  (Ctrl+L)</translation>
    </message>
    <message>
        <source>&amp;Opnieuw  (Ctrl+R)</source>
        <translation>&amp;Again  (Ctrl+R)</translation>
    </message>
    <message>
        <source>&amp;Terug  (Esc)</source>
        <translation>&amp;Back  (Esc)</translation>
    </message>
    <message>
        <source>AFGEBROKEN</source>
        <translation>STOPPED</translation>
    </message>
    <message>
        <source>Toetsaanslagen per teken (KSPC)</source>
        <translation>Keystrokes per character (KSPC)</translation>
    </message>
    <message>
        <source>GESLAAGD</source>
        <translation>PASSED</translation>
    </message>
    <message>
        <source>NIET GESLAAGD</source>
        <translation>NOT PASSED</translation>
    </message>
    <message>
        <source>%1 met %2 × Backspace</source>
        <translation>%1 with %2 × Backspace</translation>
    </message>
    <message>
        <source>Woord</source>
        <translation>Word</translation>
    </message>
    <message>
        <source>Gezegd in</source>
        <translation>Said in</translation>
    </message>
</context>
<context>
    <name>RubricDialog</name>
    <message>
        <source>Beoordeling door de coach: %1</source>
        <translation>Coach&apos;s assessment: %1</translation>
    </message>
    <message>
        <source>Naam van de coach</source>
        <translation>Coach&apos;s name</translation>
    </message>
    <message>
        <source>&amp;Coach:</source>
        <translation>&amp;Coach:</translation>
    </message>
    <message>
        <source>Per criterium: pijltjestoetsen of een cijfer kiezen de score, Delete wist ze; Tab naar het volgende.</source>
        <translation>For each criterion: the arrow keys or a number choose the score, Delete clears it; Tab goes to the next.</translation>
    </message>
    <message>
        <source>Opmerking bij %1</source>
        <translation>Comment on %1</translation>
    </message>
    <message>
        <source>Opmerking</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>&amp;Bewaren</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>Annuleren</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Vul de naam van de coach in.</source>
        <translation>Fill in the coach&apos;s name.</translation>
    </message>
</context>
<context>
    <name>SeatBox</name>
    <message>
        <source>Evaluator %1</source>
        <translation>Evaluator %1</translation>
    </message>
    <message>
        <source>Naam (&amp;%1)</source>
        <translation>Name (&amp;%1)</translation>
    </message>
    <message>
        <source>Oordeel</source>
        <translation>Verdict</translation>
    </message>
    <message>
        <source>Commentaar</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>Geslaagd</source>
        <translation>Passed</translation>
    </message>
    <message>
        <source>Niet geslaagd</source>
        <translation>Not passed</translation>
    </message>
</context>
<context>
    <name>SessionController</name>
    <message>
        <source>Oefening stoppen?</source>
        <translation>Stop the exercise?</translation>
    </message>
    <message>
        <source>Wil je deze oefening stoppen? Wat je tot nu toe typte, wordt bewaard als afgebroken sessie.</source>
        <translation>Do you want to stop this exercise? What you typed so far is kept as a stopped session.</translation>
    </message>
    <message>
        <source>Het resultaat kan nu niet worden bewaard in %1: de schijf is vol of niet beschikbaar. Het logboek van deze oefening is volledig bewaard in %2; bij de volgende start van Simultaan wordt het resultaat eruit hersteld. Maak ruimte vrij voor je verder oefent.</source>
        <translation>The result cannot be saved in %1 now: the disk is full or not available. The journal of this exercise is saved in full in %2; the next time Simultaan starts, the result is recovered from it. Free up some space before you practise again.</translation>
    </message>
    <message>
        <source>Resultaat nog niet bewaard</source>
        <translation>Result not saved yet</translation>
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
        <translation>Trai&amp;nee:</translation>
    </message>
    <message>
        <source>&amp;Groep:</source>
        <translation>&amp;Group:</translation>
    </message>
    <message>
        <source>&amp;Soort:</source>
        <translation>&amp;Kind:</translation>
    </message>
    <message>
        <source>&amp;Modus:</source>
        <translation>&amp;Mode:</translation>
    </message>
    <message>
        <source>&amp;Resultaat:</source>
        <translation>&amp;Result:</translation>
    </message>
    <message>
        <source>&amp;Van:</source>
        <translation>&amp;From:</translation>
    </message>
    <message>
        <source>Taa&amp;l:</source>
        <translation>&amp;Language:</translation>
    </message>
    <message>
        <source>&amp;Tot:</source>
        <translation>&amp;To:</translation>
    </message>
    <message>
        <source>Ook ge&amp;archiveerde cursisten</source>
        <translation>&amp;Archived trainees too</translation>
    </message>
    <message>
        <source>&amp;Openen  (Enter)</source>
        <translation>&amp;Open  (Enter)</translation>
    </message>
    <message>
        <source>Terug&amp;kijken…  (Ctrl+J)</source>
        <translation>Repla&amp;y…  (Ctrl+J)</translation>
    </message>
    <message>
        <source>Terug  (Esc)</source>
        <translation>Back  (Esc)</translation>
    </message>
    <message>
        <source>Enter of dubbelklikken opent het resultaat.</source>
        <translation>Enter or a double-click opens the result.</translation>
    </message>
    <message>
        <source>Wanneer</source>
        <translation>When</translation>
    </message>
    <message>
        <source>Cursist</source>
        <translation>Trainee</translation>
    </message>
    <message>
        <source>Groep</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>Oefening</source>
        <translation>Exercise</translation>
    </message>
    <message>
        <source>Soort</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Taal</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Modus</source>
        <translation>Mode</translation>
    </message>
    <message>
        <source>wpm</source>
        <translation>wpm</translation>
    </message>
    <message>
        <source>Fouten</source>
        <translation>Errors</translation>
    </message>
    <message>
        <source>Resultaat</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Alle</source>
        <translation>All</translation>
    </message>
    <message>
        <source>oefenen</source>
        <translation>practice</translation>
    </message>
    <message>
        <source>examen</source>
        <translation>exam</translation>
    </message>
    <message>
        <source>geslaagd</source>
        <translation>passed</translation>
    </message>
    <message>
        <source>niet geslaagd</source>
        <translation>not passed</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Instellingen</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>&amp;Testtoon</source>
        <translation>&amp;Test tone</translation>
    </message>
    <message>
        <source>uit</source>
        <translation>off</translation>
    </message>
    <message>
        <source>O&amp;pname van de cursist tijdens oefengesprekken</source>
        <translation>Record the trainee&apos;s voice during &amp;practice calls</translation>
    </message>
    <message>
        <source>Zoals het systeem (%1)</source>
        <translation>Same as the system (%1)</translation>
    </message>
    <message>
        <source>Taa&amp;l van Simultaan:</source>
        <translation>&amp;Language of Simultaan:</translation>
    </message>
    <message>
        <source>Zoals hierboven</source>
        <translation>Same as above</translation>
    </message>
    <message>
        <source>Taal voor &amp;deze cursist (%1):</source>
        <translation>Language for this trai&amp;nee (%1):</translation>
    </message>
    <message>
        <source>Normaal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>Hoog contrast (wit en geel op zwart)</source>
        <translation>High contrast (white and yellow on black)</translation>
    </message>
    <message>
        <source>Te&amp;kstgrootte (Ctrl+plus, Ctrl+min):</source>
        <translation>Te&amp;xt size (Ctrl+plus, Ctrl+minus):</translation>
    </message>
    <message>
        <source>&amp;Weergave:</source>
        <translation>&amp;Appearance:</translation>
    </message>
    <message>
        <source>&amp;Headset (uitvoer):</source>
        <translation>&amp;Headset (output):</translation>
    </message>
    <message>
        <source>&amp;Microfoon (opnemen):</source>
        <translation>&amp;Microphone (recording):</translation>
    </message>
    <message>
        <source>&amp;Volume:</source>
        <translation>&amp;Volume:</translation>
    </message>
    <message>
        <source>Te&amp;rugspoelen bij hervatten (dictee):</source>
        <translation>&amp;Rewind on resume (dictation):</translation>
    </message>
    <message>
        <source>Standaardapparaat van het systeem</source>
        <translation>The system&apos;s default device</translation>
    </message>
    <message>
        <source>%1 (niet gevonden)</source>
        <translation>%1 (not found)</translation>
    </message>
    <message>
        <source>Het apparaat “%1” is niet aangesloten.</source>
        <translation>The device “%1” is not plugged in.</translation>
    </message>
    <message>
        <source>Geen geluidsuitvoer gevonden: is er een headset aangesloten?</source>
        <translation>No sound output found: is a headset plugged in?</translation>
    </message>
    <message>
        <source> (standaard)</source>
        <translation> (default)</translation>
    </message>
    <message>
        <source>Testtoon op %1…</source>
        <translation>Test tone on %1…</translation>
    </message>
    <message>
        <source>Het geluidsapparaat %1 werkt niet meer.</source>
        <translation>The sound device %1 no longer works.</translation>
    </message>
    <message>
        <source>Testtoon gespeeld op %1 (vertraging %2 ms).</source>
        <translation>Test tone played on %1 (latency %2 ms).</translation>
    </message>
</context>
<context>
    <name>TicketForm</name>
    <message>
        <source>Klant &amp;geïnformeerd over deze stap</source>
        <translation>Customer in&amp;formed of this step</translation>
    </message>
    <message>
        <source>Toewijzen (Ctrl+T)</source>
        <translation>Assign (Ctrl+T)</translation>
    </message>
    <message>
        <source>Koppelen (Ctrl+L)</source>
        <translation>Link (Ctrl+L)</translation>
    </message>
    <message>
        <source>Oplossen (Ctrl+O)</source>
        <translation>Resolve (Ctrl+O)</translation>
    </message>
    <message>
        <source>Sluiten (Ctrl+Shift+C)</source>
        <translation>Close (Ctrl+Shift+C)</translation>
    </message>
    <message>
        <source>Heropenen (Ctrl+R)</source>
        <translation>Reopen (Ctrl+R)</translation>
    </message>
    <message>
        <source>&amp;Aanvrager:</source>
        <translation>&amp;Requester:</translation>
    </message>
    <message>
        <source>&amp;Kanaal:</source>
        <translation>C&amp;hannel:</translation>
    </message>
    <message>
        <source>&amp;Onderwerp:</source>
        <translation>&amp;Subject:</translation>
    </message>
    <message>
        <source>&amp;Categorie:</source>
        <translation>&amp;Category:</translation>
    </message>
    <message>
        <source>&amp;Impact:</source>
        <translation>&amp;Impact:</translation>
    </message>
    <message>
        <source>&amp;Urgentie:</source>
        <translation>&amp;Urgency:</translation>
    </message>
    <message>
        <source>Prioriteit:</source>
        <translation>Priority:</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>S&amp;tatus:</translation>
    </message>
    <message>
        <source>&amp;Team:</source>
        <translation>T&amp;eam:</translation>
    </message>
    <message>
        <source>&amp;Bekend probleem:</source>
        <translation>&amp;Known problem:</translation>
    </message>
    <message>
        <source>&amp;Notitie:</source>
        <translation>&amp;Note:</translation>
    </message>
    <message>
        <source>Oplossing</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <source>A&amp;fsluitcode:</source>
        <translation>C&amp;lose code:</translation>
    </message>
    <message>
        <source>O&amp;plossing:</source>
        <translation>S&amp;olution:</translation>
    </message>
    <message>
        <source>Nieuw ticket</source>
        <translation>New ticket</translation>
    </message>
    <message>
        <source>Ticket {number}</source>
        <translation>Ticket {number}</translation>
    </message>
    <message>
        <source>Aanmaken (Ctrl+Enter)</source>
        <translation>Create (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Bijwerken (Ctrl+Enter)</source>
        <translation>Update (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>kies impact en urgentie</source>
        <translation>choose impact and urgency</translation>
    </message>
    <message>
        <source>{priority}: reactie binnen {response}, oplossen binnen {resolution}</source>
        <translation>{priority}: respond within {response}, resolve within {resolution}</translation>
    </message>
</context>
<context>
    <name>TicketModel</name>
    <message>
        <source>Nummer</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>Prioriteit</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Aanvrager</source>
        <translation>Requester</translation>
    </message>
    <message>
        <source>Onderwerp</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
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
        <translation>number, requester, subject…</translation>
    </message>
    <message>
        <source>alle</source>
        <translation>all</translation>
    </message>
    <message>
        <source>&amp;Zoeken:</source>
        <translation>Se&amp;arch:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>Prioriteit:</source>
        <translation>Priority:</translation>
    </message>
    <message>
        <source>Team:</source>
        <translation>Team:</translation>
    </message>
</context>
<context>
    <name>TraineesDialog</name>
    <message>
        <source>Cursisten</source>
        <translation>Trainees</translation>
    </message>
    <message>
        <source>Naam</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Groep</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>&amp;Hernoemen…  (F2)</source>
        <translation>&amp;Rename…  (F2)</translation>
    </message>
    <message>
        <source>Groep van de cursist</source>
        <translation>The trainee&apos;s group</translation>
    </message>
    <message>
        <source>&amp;Groep:</source>
        <translation>&amp;Group:</translation>
    </message>
    <message>
        <source>Toetsenbord van de cursist</source>
        <translation>Trainee&apos;s keyboard</translation>
    </message>
    <message>
        <source>Toets&amp;enbord:</source>
        <translation>&amp;Keyboard:</translation>
    </message>
    <message>
        <source>C&amp;ursisten</source>
        <translation>Tra&amp;inees</translation>
    </message>
    <message>
        <source>Groepen</source>
        <translation>Groups</translation>
    </message>
    <message>
        <source>&amp;Nieuwe groep…</source>
        <translation>&amp;New group…</translation>
    </message>
    <message>
        <source>Groep he&amp;rnoemen…</source>
        <translation>R&amp;ename group…</translation>
    </message>
    <message>
        <source>Groep &amp;verwijderen</source>
        <translation>&amp;Delete group</translation>
    </message>
    <message>
        <source>Gr&amp;oepen</source>
        <translation>Gr&amp;oups</translation>
    </message>
    <message>
        <source>gearchiveerd</source>
        <translation>archived</translation>
    </message>
    <message>
        <source>actief</source>
        <translation>active</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>(geen groep)</source>
        <translation>(no group)</translation>
    </message>
    <message>
        <source>&amp;Terugzetten  (Ctrl+A)</source>
        <translation>Re&amp;store  (Ctrl+A)</translation>
    </message>
    <message>
        <source>&amp;Archiveren  (Ctrl+A)</source>
        <translation>&amp;Archive  (Ctrl+A)</translation>
    </message>
    <message>
        <source>Cursist hernoemen</source>
        <translation>Rename trainee</translation>
    </message>
    <message>
        <source>Nieuwe naam:</source>
        <translation>New name:</translation>
    </message>
    <message>
        <source>Er is al een cursist met de naam “%1”.</source>
        <translation>There is already a trainee called “%1”.</translation>
    </message>
    <message>
        <source>Cursist archiveren</source>
        <translation>Archive trainee</translation>
    </message>
    <message>
        <source>“%1” archiveren? De cursist verdwijnt uit de keuzelijst en uit de sessielijst; de resultaten blijven bewaard en je kunt hem of haar later terugzetten.</source>
        <translation>Archive “%1”? The trainee leaves the pick list and the sessions list; their results are kept and you can restore them later.</translation>
    </message>
    <message>
        <source>Volgens de taal (%1)</source>
        <translation>By the language (%1)</translation>
    </message>
    <message>
        <source>Nieuwe groep</source>
        <translation>New group</translation>
    </message>
    <message>
        <source>Naam van de groep:</source>
        <translation>Group name:</translation>
    </message>
    <message>
        <source>Groep hernoemen</source>
        <translation>Rename group</translation>
    </message>
    <message>
        <source>Groep verwijderen</source>
        <translation>Delete group</translation>
    </message>
    <message>
        <source>De lege groep “%1” verwijderen?</source>
        <translation>Delete the empty group “%1”?</translation>
    </message>
    <message>
        <source>De groep “%1” heeft nog %2. Zet ze eerst in een andere groep of in geen groep.</source>
        <translation>The group “%1” still has %2. Move them to another group, or to none, first.</translation>
    </message>
    <message>
        <source>Er is al een groep met de naam “%1”.</source>
        <translation>There is already a group called “%1”.</translation>
    </message>
</context>
<context>
    <name>TypingSurface</name>
    <message>
        <source>Tekst om over te typen</source>
        <translation>Text to copy</translation>
    </message>
</context>
<context>
    <name>page</name>
    <message>
        <source>Voorstellen (%1)</source>
        <translation>Proposals (%1)</translation>
    </message>
    <message>
        <source>Voorstellen voor de kennisbank</source>
        <translation>Proposals for the knowledge base</translation>
    </message>
</context>
<context>
    <name>words</name>
    <message>
        <source>; </source>
        <translation>; </translation>
    </message>
    <message>
        <source>%1: mist %2</source>
        <translation>%1: missing %2</translation>
    </message>
    <message>
        <source>%n teken</source>
        <translation>%n character</translation>
    </message>
    <message>
        <source>%n tekens</source>
        <translation>%n characters</translation>
    </message>
    <message>
        <source>%n woord</source>
        <translation>%n word</translation>
    </message>
    <message>
        <source>%n woorden</source>
        <translation>%n words</translation>
    </message>
    <message>
        <source>%n veld</source>
        <translation>%n field</translation>
    </message>
    <message>
        <source>%n velden</source>
        <translation>%n fields</translation>
    </message>
    <message>
        <source>%n melding</source>
        <translation>%n message</translation>
    </message>
    <message>
        <source>één keer gedaan</source>
        <translation>done once</translation>
    </message>
    <message>
        <source>%n keer gedaan</source>
        <translation>done %n times</translation>
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
        <translation>%n exercise is still running</translation>
    </message>
    <message>
        <source>%n oefeningen lopen nog</source>
        <translation>%n exercises are still running</translation>
    </message>
    <message>
        <source>%n oefening</source>
        <translation>%n exercise</translation>
    </message>
    <message>
        <source>%n oefeningen</source>
        <translation>%n exercises</translation>
    </message>
    <message>
        <source>%n sessie hersteld.</source>
        <translation>%n session recovered.</translation>
    </message>
    <message>
        <source>%n sessies hersteld.</source>
        <translation>%n sessions recovered.</translation>
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
        <translation>The journal was damaged: line %1 skipped.</translation>
    </message>
    <message>
        <source>%1 en nog %2</source>
        <translation>%1 and %2 more</translation>
    </message>
    <message>
        <source>oefening</source>
        <translation>practice</translation>
    </message>
    <message>
        <source>examen</source>
        <translation>exam</translation>
    </message>
    <message>
        <source>AFGEBROKEN</source>
        <translation>STOPPED</translation>
    </message>
    <message>
        <source>GESLAAGD</source>
        <translation>PASSED</translation>
    </message>
    <message>
        <source>NIET GESLAAGD</source>
        <translation>NOT PASSED</translation>
    </message>
    <message>
        <source>Sessierapport</source>
        <translation>Session report</translation>
    </message>
    <message>
        <source>Cursist</source>
        <translation>Trainee</translation>
    </message>
    <message>
        <source>Oefening</source>
        <translation>Exercise</translation>
    </message>
    <message>
        <source>Soort</source>
        <translation>Kind</translation>
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
        <translation>Ended</translation>
    </message>
    <message>
        <source>Duur</source>
        <translation>Duration</translation>
    </message>
    <message>
        <source>Versie van Simultaan</source>
        <translation>Simultaan version</translation>
    </message>
    <message>
        <source>Oordeel</source>
        <translation>Verdict</translation>
    </message>
    <message>
        <source>Waarom</source>
        <translation>Why</translation>
    </message>
    <message>
        <source>De oefening is gewijzigd sinds deze sessie.</source>
        <translation>The exercise has changed since this session.</translation>
    </message>
    <message>
        <source>Getypte tekst onder de opgave</source>
        <translation>Typed text under the text set</translation>
    </message>
    <message>
        <source>Woord</source>
        <translation>Word</translation>
    </message>
    <message>
        <source>Positie</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Soort fout</source>
        <translation>Error type</translation>
    </message>
    <message>
        <source>Verwacht</source>
        <translation>Expected</translation>
    </message>
    <message>
        <source>Getypt</source>
        <translation>Typed</translation>
    </message>
    <message>
        <source>Fouten</source>
        <translation>Errors</translation>
    </message>
    <message>
        <source>spatie</source>
        <translation>space</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>Fouten per toets (%1)</source>
        <translation>Errors per key (%1)</translation>
    </message>
    <message>
        <source>Toets</source>
        <translation>Key</translation>
    </message>
    <message>
        <source>Fouten (ook verbeterde)</source>
        <translation>Errors (including corrected ones)</translation>
    </message>
    <message>
        <source>Keer in de tekst</source>
        <translation>Times in the text</translation>
    </message>
    <message>
        <source>Toetsen om te oefenen</source>
        <translation>Keys to practise</translation>
    </message>
    <message>
        <source>Belgisch AZERTY</source>
        <translation>Belgian AZERTY</translation>
    </message>
    <message>
        <source>Frans AZERTY</source>
        <translation>French AZERTY</translation>
    </message>
    <message>
        <source>US QWERTY</source>
        <translation>US QWERTY</translation>
    </message>
    <message>
        <source>&apos;%1&apos;</source>
        <translation>&apos;%1&apos;</translation>
    </message>
    <message>
        <source>%1 en %2</source>
        <translation>%1 and %2</translation>
    </message>
    <message>
        <source>Oefen deze toetsen: %1.</source>
        <translation>Practise these keys: %1.</translation>
    </message>
    <message>
        <source>Oefen deze woorden: %1.</source>
        <translation>Practise these words: %1.</translation>
    </message>
    <message>
        <source>Je verbeterde %1 fouten: typ trager en juister, de snelheid komt vanzelf.</source>
        <translation>You corrected %1 errors: type more slowly and accurately, the speed will come by itself.</translation>
    </message>
    <message>
        <source>Werk aan je snelheid: netto %1 woorden per minuut, minimum %2.</source>
        <translation>Work on your speed: %1 net words per minute, minimum %2.</translation>
    </message>
    <message>
        <source>Geen fouten om apart te oefenen: ga verder met een moeilijkere oefening.</source>
        <translation>No errors to practise on their own: move on to a harder exercise.</translation>
    </message>
    <message>
        <source>Het logboek was beschadigd: regels %1 overgeslagen.</source>
        <translation>The journal was damaged: lines %1 skipped.</translation>
    </message>
    <message>
        <source>bv. 3510 8624</source>
        <translation>e.g. 3510 8624</translation>
    </message>
    <message>
        <source>bv. 9000</source>
        <translation>e.g. 9000</translation>
    </message>
    <message>
        <source>bv. 0471 23 45 67</source>
        <translation>e.g. 0471 23 45 67</translation>
    </message>
    <message>
        <source>bv. naam@voorbeeld.be</source>
        <translation>e.g. name@example.be</translation>
    </message>
    <message>
        <source>bv. BE68 5390 0754 7034</source>
        <translation>e.g. BE68 5390 0754 7034</translation>
    </message>
    <message>
        <source>dd/mm/jjjj</source>
        <translation>dd/mm/yyyy</translation>
    </message>
    <message>
        <source>bv. 49,95</source>
        <translation>e.g. 49.95</translation>
    </message>
    <message>
        <source>geen geluidsapparaat om af te spelen gevonden (is er een headset aangesloten?)</source>
        <translation>no sound output device found (is a headset plugged in?)</translation>
    </message>
    <message>
        <source>geen uitvoerapparaat met de naam &apos;{name}&apos; (er zijn: {known})</source>
        <translation>no output device called &apos;{name}&apos; (there are: {known})</translation>
    </message>
    <message>
        <source>de geluidsapparaten kunnen niet opgesomd worden: {detail}</source>
        <translation>the sound devices cannot be listed: {detail}</translation>
    </message>
    <message>
        <source>het geluidsapparaat &apos;{name}&apos; gaat niet open: {detail}</source>
        <translation>the sound device &apos;{name}&apos; cannot be opened: {detail}</translation>
    </message>
    <message>
        <source>het standaard-geluidsapparaat gaat niet open: {detail}</source>
        <translation>the default sound device cannot be opened: {detail}</translation>
    </message>
    <message>
        <source>de microfoon &apos;{name}&apos; gaat niet open: {detail}</source>
        <translation>the microphone &apos;{name}&apos; cannot be opened: {detail}</translation>
    </message>
    <message>
        <source>geen microfoon met de naam &apos;{name}&apos; (er zijn: {known})</source>
        <translation>no microphone called &apos;{name}&apos; (there are: {known})</translation>
    </message>
    <message>
        <source>geen microfoon gevonden (is er een headset met microfoon aangesloten?)</source>
        <translation>no microphone found (is a headset with a microphone plugged in?)</translation>
    </message>
    <message>
        <source>de standaardmicrofoon gaat niet open: {detail}</source>
        <translation>the default microphone cannot be opened: {detail}</translation>
    </message>
    <message>
        <source>de microfoon &apos;{name}&apos; werkt niet meer</source>
        <translation>the microphone &apos;{name}&apos; stopped working</translation>
    </message>
    <message>
        <source>de schijf is vol: de opname {path} kan niet verder</source>
        <translation>the disk is full: the recording {path} cannot go on</translation>
    </message>
    <message>
        <source>de opname {path} kan niet worden geschreven: {detail}</source>
        <translation>the recording {path} cannot be written: {detail}</translation>
    </message>
    <message>
        <source>&apos;{name}&apos;</source>
        <translation>&apos;{name}&apos;</translation>
    </message>
    <message>
        <source>(de standaarduitvoer)</source>
        <translation>(the default output)</translation>
    </message>
    <message>
        <source>{path}: geen geluidsbestand gevonden</source>
        <translation>{path}: no such audio file</translation>
    </message>
    <message>
        <source>{path}: is een map, geen geluidsbestand</source>
        <translation>{path}: is a folder, not an audio file</translation>
    </message>
    <message>
        <source>{path}: geen gewoon bestand (een pipe, socket of apparaat), geen geluidsbestand</source>
        <translation>{path}: not a regular file (a pipe, socket or device), not an audio file</translation>
    </message>
    <message>
        <source>{path}: het geluidsbestand is te groot ({size} MiB; hoogstens {limit} MiB)</source>
        <translation>{path}: the audio file is too large ({size} MiB; at most {limit} MiB)</translation>
    </message>
    <message>
        <source>{path}: dit geluidsbestand is niet te lezen ({detail})</source>
        <translation>{path}: cannot read this audio file ({detail})</translation>
    </message>
    <message>
        <source>{path}: samplefrequentie {rate} Hz: een fragment moet {low}-{high} Hz zijn</source>
        <translation>{path}: sample rate {rate} Hz: a clip must be {low}-{high} Hz</translation>
    </message>
    <message>
        <source>{path}: {channels} kanalen: een fragment is mono of stereo</source>
        <translation>{path}: {channels} channels: a clip must be mono or stereo</translation>
    </message>
    <message>
        <source>{path}: het bestand is afgebroken: de kop belooft {promised} bytes geluid, er staan er {held} in</source>
        <translation>{path}: the file is cut short: its header promises {promised} bytes of audio, it holds {held}</translation>
    </message>
    <message>
        <source>{path}: het bestand is afgebroken of beschadigd: het is niet tot het einde te decoderen ({detail})</source>
        <translation>{path}: the file is cut short or damaged: it does not decode to the end ({detail})</translation>
    </message>
    <message>
        <source>{path}: het bestand is afgebroken: {promised} frames beloofd, {there} aanwezig</source>
        <translation>{path}: the file is cut short: {promised} frames promised, {there} there</translation>
    </message>
    <message>
        <source>{path}: het bestand bevat geen geluid (0 frames)</source>
        <translation>{path}: the file holds no sound (0 frames)</translation>
    </message>
    <message>
        <source>{path}: {seconds} s lang: een fragment duurt hoogstens {limit} s</source>
        <translation>{path}: {seconds} s long: a clip is at most {limit} s</translation>
    </message>
    <message>
        <source>{path} is niet te lezen</source>
        <translation>{path}: cannot be read</translation>
    </message>
    <message>
        <source>er is al een fragment &apos;{id}&apos; in {path}</source>
        <translation>there is already a clip &apos;{id}&apos; in {path}</translation>
    </message>
    <message>
        <source>{path} bestaat al</source>
        <translation>{path} already exists</translation>
    </message>
    <message>
        <source>de opname is leeg (alleen stilte?)</source>
        <translation>the recording is empty (only silence?)</translation>
    </message>
    <message>
        <source>er kan niet geschreven worden in {path}: {detail}</source>
        <translation>cannot write to {path}: {detail}</translation>
    </message>
    <message>
        <source>het nieuwe fragment is niet geldig</source>
        <translation>the new clip does not validate</translation>
    </message>
    <message>
        <source>{path}: het gegevensbestand gaat niet open: {detail}</source>
        <translation>{path}: cannot open the store: {detail}</translation>
    </message>
    <message>
        <source>{path}: geen bruikbaar gegevensbestand van Simultaan ({detail})</source>
        <translation>{path}: not a usable Simultaan store ({detail})</translation>
    </message>
    <message>
        <source>{path}: gemaakt door een nieuwere Simultaan (schema {version}); werk de app bij</source>
        <translation>{path}: made by a newer Simultaan (schema {version}); update the app</translation>
    </message>
    <message>
        <source>{path}: het gegevensbestand is beschadigd ({detail})</source>
        <translation>{path}: the store is damaged ({detail})</translation>
    </message>
    <message>
        <source>{path}: het gegevensbestand is beschadigd ({damage}) en kan niet opzijgezet worden: {detail}</source>
        <translation>{path}: the store is damaged ({damage}) and cannot be set aside: {detail}</translation>
    </message>
    <message>
        <source>{path}: geen sessie {id}</source>
        <translation>{path}: no session {id}</translation>
    </message>
    <message>
        <source>&apos;{url}&apos; is geen adres van een databank (zo wel: postgresql://gebruiker:wachtwoord@server:5432/databank)</source>
        <translation>&apos;{url}&apos; is not a database address (like this: postgresql://user:password@server:5432/database)</translation>
    </message>
    <message>
        <source>de centrale opslag {server} is niet bereikbaar: {detail}</source>
        <translation>the central store {server} cannot be reached: {detail}</translation>
    </message>
    <message>
        <source>de centrale opslag {server} weigert de gebruiker &apos;{user}&apos;: klopt het wachtwoord? ({detail})</source>
        <translation>the central store {server} refuses the user &apos;{user}&apos;: is the password right? ({detail})</translation>
    </message>
    <message>
        <source>de kennisbank kan niet doorzocht worden: de SQLite van deze Python ({sqlite}) is gebouwd zonder FTS5, het zoeken in volledige tekst</source>
        <translation>the knowledge base cannot be searched: this Python&apos;s SQLite ({sqlite}) was built without FTS5, full-text search</translation>
    </message>
    <message>
        <source>de databank van de centrale opslag {server} bestaat niet: {detail}</source>
        <translation>the database of the central store {server} does not exist: {detail}</translation>
    </message>
    <message>
        <source>de centrale opslag {server} is gemaakt door een nieuwere Simultaan (schema {version}); werk de app bij</source>
        <translation>the central store {server} was made by a newer Simultaan (schema {version}); update the app</translation>
    </message>
    <message>
        <source>de verbinding met de centrale opslag {server} viel weg: {detail}</source>
        <translation>the connection to the central store {server} was lost: {detail}</translation>
    </message>
    <message>
        <source>de centrale opslag {server} weigert de resultaten: {detail}</source>
        <translation>the central store {server} refuses the results: {detail}</translation>
    </message>
    <message>
        <source>het verzenden naar de centrale opslag liep mis: {detail}</source>
        <translation>sending to the central store went wrong: {detail}</translation>
    </message>
    <message>
        <source>sessie {id} loopt nog of werd onderbroken en nog niet hersteld: er is nog geen resultaat</source>
        <translation>session {id} is still running, or was interrupted and not yet recovered: there is no result yet</translation>
    </message>
    <message>
        <source>sessie {id} ging verloren toen Simultaan onderbroken werd, en het logboek kon niet gescoord worden: er is geen resultaat</source>
        <translation>session {id} was lost when Simultaan was interrupted, and its journal could not be scored: there is no result</translation>
    </message>
    <message>
        <source>de oefening &apos;{id}&apos; is er niet meer</source>
        <translation>the exercise &apos;{id}&apos; is no longer there</translation>
    </message>
    <message>
        <source>het logboek past niet bij de oefening &apos;{id}&apos; ({detail})</source>
        <translation>the journal does not match the exercise &apos;{id}&apos; ({detail})</translation>
    </message>
    <message>
        <source>{path}: geen logboek gevonden</source>
        <translation>{path}: no such journal file</translation>
    </message>
    <message>
        <source>{path}: is een map, geen logboek</source>
        <translation>{path}: is a folder, not a journal file</translation>
    </message>
    <message>
        <source>{path}: geen gewoon bestand (een pipe, socket of apparaat), geen logboek</source>
        <translation>{path}: not a regular file (a pipe, socket or device), not a journal file</translation>
    </message>
    <message>
        <source>{path}: het logboek is te groot ({size} MiB; hoogstens {limit} MiB)</source>
        <translation>{path}: the journal file is too large ({size} MiB; at most {limit} MiB)</translation>
    </message>
    <message>
        <source>{path}: het logboek is niet te lezen: {detail}</source>
        <translation>{path}: cannot read the journal file: {detail}</translation>
    </message>
    <message>
        <source>{path}:1: het logboek is leeg</source>
        <translation>{path}:1: the journal is empty</translation>
    </message>
    <message>
        <source>{path}:{line}: geen begin van een logboek ({detail})</source>
        <translation>{path}:{line}: not a journal header ({detail})</translation>
    </message>
    <message>
        <source>{path}: in gebruik door een andere sessie</source>
        <translation>{path}: held by another session</translation>
    </message>
    <message>
        <source>geen geldige JSON</source>
        <translation>not valid JSON</translation>
    </message>
    <message>
        <source>de tijd is geen eindig getal</source>
        <translation>the time is not a finite number</translation>
    </message>
    <message>
        <source>geen gebeurtenis van een logboek ({detail})</source>
        <translation>not a journal event ({detail})</translation>
    </message>
    <message>
        <source>na het einde van de sessie (regel {end})</source>
        <translation>after the end of the session (line {end})</translation>
    </message>
    <message>
        <source>de tijd {t} s ligt buiten het bereik (0 tot {max} s)</source>
        <translation>the time {t} s is out of range (0 to {max} s)</translation>
    </message>
    <message>
        <source>de tijd loopt terug ({t} s, na {before} s op regel {line})</source>
        <translation>the time runs backwards ({t} s, after {before} s on line {line})</translation>
    </message>
    <message>
        <source>{length} tekens is meer dan er gescoord kan worden (hoogstens {limit})</source>
        <translation>{length} characters is more than can be scored (at most {limit})</translation>
    </message>
    <message>
        <source>nog niets om te oefenen: er zijn nog geen oefeningen met fouten van deze cursist. Maak eerst een paar oefeningen uit de lijst.</source>
        <translation>nothing to practise yet: this trainee has no exercises with errors yet. Do a few exercises from the list first.</translation>
    </message>
    <message>
        <source>de bibliotheek heeft geen teksten in de taal &apos;{language}&apos; om een oefening uit te maken</source>
        <translation>the library has no texts in the language &apos;{language}&apos; to make an exercise from</translation>
    </message>
    <message>
        <source>{path}: {detail}</source>
        <translation>{path}: {detail}</translation>
    </message>
    <message>
        <source>{path}: {detail} (niet opzijgezet: {why})</source>
        <translation>{path}: {detail} (not set aside: {why})</translation>
    </message>
    <message>
        <source>dit bestand bestaat niet</source>
        <translation>no such file</translation>
    </message>
    <message>
        <source>dit is een map, geen bestand</source>
        <translation>is a folder, not a file</translation>
    </message>
    <message>
        <source>geen gewoon bestand (een pipe, socket of apparaat)</source>
        <translation>not a regular file (a pipe, socket or device)</translation>
    </message>
    <message>
        <source>het bestand is te groot (hoogstens {limit} MiB)</source>
        <translation>the file is too large (at most {limit} MiB)</translation>
    </message>
    <message>
        <source>het bestand is te groot ({size} MiB; hoogstens {limit} MiB)</source>
        <translation>the file is too large ({size} MiB; at most {limit} MiB)</translation>
    </message>
    <message>
        <source>het bestand is te groot (hoogstens {limit} KiB)</source>
        <translation>the file is too large (at most {limit} KiB)</translation>
    </message>
    <message>
        <source>het bestand is te groot ({size} KiB; hoogstens {limit} KiB)</source>
        <translation>the file is too large ({size} KiB; at most {limit} KiB)</translation>
    </message>
    <message>
        <source>het bestand kan niet gelezen worden: {detail}</source>
        <translation>cannot read the file: {detail}</translation>
    </message>
    <message>
        <source>het bestand kan niet gelezen worden: je hebt er geen toegang toe</source>
        <translation>cannot read the file: permission denied</translation>
    </message>
    <message>
        <source>geen UTF-8-tekst (byte {byte})</source>
        <translation>not UTF-8 text (byte {byte})</translation>
    </message>
    <message>
        <source>het bestand is leeg</source>
        <translation>the file is empty</translation>
    </message>
    <message>
        <source>een oefenbestand moet een lijst van sleutels met hun waarde zijn (sleutel: waarde)</source>
        <translation>an exercise file must be a mapping of keys</translation>
    </message>
    <message>
        <source>een lijst van fragmenten moet een lijst van sleutels met hun waarde zijn (sleutel: waarde)</source>
        <translation>a clip manifest must be a mapping of keys</translation>
    </message>
    <message>
        <source>het bestand moet een lijst van sleutels met hun waarde zijn (sleutel: waarde)</source>
        <translation>the file must be a mapping of keys</translation>
    </message>
    <message>
        <source>kan niet gelezen worden ({detail})</source>
        <translation>cannot be read ({detail})</translation>
    </message>
    <message>
        <source>geen geldige YAML: {detail} (in de woorden van de YAML-lezer)</source>
        <translation>not valid YAML: {detail}</translation>
    </message>
    <message>
        <source>geen geldige YAML: een tab om in te springen; spring in met spaties</source>
        <translation>not valid YAML: a tab used to indent; indent with spaces</translation>
    </message>
    <message>
        <source>geen geldige YAML: een dubbelpunt met een spatie erachter in een waarde; zet de waarde tussen aanhalingstekens</source>
        <translation>not valid YAML: a colon and a space inside a value; put the value in quotes</translation>
    </message>
    <message>
        <source>geen geldige YAML: *{name} verwijst naar &amp;{name}, maar die staat nergens ervoor</source>
        <translation>not valid YAML: *{name} refers to &amp;{name}, which is not defined before it</translation>
    </message>
    <message>
        <source>meer dan {limit} waarden (sleutels, lijstitems en teksten; elk gebruik van een alias *naam telt volledig mee): een aliasbom of een vergissing</source>
        <translation>more than {limit} values (keys, list items and texts, each use of an alias *name counted in full): an alias bomb or a mistake</translation>
    </message>
    <message>
        <source>meer dan {limit} niveaus diep genest</source>
        <translation>nested more than {limit} levels deep</translation>
    </message>
    <message>
        <source>{key}: een getal met {digits} cijfers (hoogstens {limit})</source>
        <translation>{key}: a number with {digits} digits (at most {limit})</translation>
    </message>
    <message>
        <source>{key}: &apos;{value}&apos; kan niet gelezen worden als geheel getal</source>
        <translation>{key}: &apos;{value}&apos; cannot be read as a whole number</translation>
    </message>
    <message>
        <source>{key}: &apos;{value}&apos; kan niet gelezen worden als getal</source>
        <translation>{key}: &apos;{value}&apos; cannot be read as a number</translation>
    </message>
    <message>
        <source>{key}: &apos;{value}&apos; kan niet gelezen worden als datum</source>
        <translation>{key}: &apos;{value}&apos; cannot be read as a date</translation>
    </message>
    <message>
        <source>{key}: &apos;{value}&apos; kan niet gelezen worden als binaire waarde</source>
        <translation>{key}: &apos;{value}&apos; cannot be read as a binary value</translation>
    </message>
    <message>
        <source>YAML leest de sleutel &apos;{key}&apos; niet als woord (maar als {means}): zet hem tussen aanhalingstekens</source>
        <translation>the key &apos;{key}&apos; is not read as a word by YAML (it means {means}): put it in quotes</translation>
    </message>
    <message>
        <source>{key}: een sleutel moet een woord zijn</source>
        <translation>{key}: Keys should be strings</translation>
    </message>
    <message>
        <source>de sleutel &apos;{key}&apos; staat er twee keer</source>
        <translation>duplicate key &apos;{key}&apos;</translation>
    </message>
    <message>
        <source>onbekende sleutel &apos;{key}&apos; (hier kan: {allowed})</source>
        <translation>unknown key &apos;{key}&apos; (allowed here: {allowed})</translation>
    </message>
    <message>
        <source>onbekende sleutel &apos;{key}&apos;</source>
        <translation>unknown key &apos;{key}&apos;</translation>
    </message>
    <message>
        <source>de verplichte sleutel &apos;{key}&apos; ontbreekt</source>
        <translation>missing required key &apos;{key}&apos;</translation>
    </message>
    <message>
        <source>de verplichte sleutel &apos;kind&apos; ontbreekt (bekende soorten: {known})</source>
        <translation>missing required key &apos;kind&apos; (known kinds: {known})</translation>
    </message>
    <message>
        <source>onbekende soort &apos;{kind}&apos; (bekende soorten: {known})</source>
        <translation>unknown kind &apos;{kind}&apos; (known kinds: {known})</translation>
    </message>
    <message>
        <source>{key}: moet groter zijn dan {limit}</source>
        <translation>{key}: Input should be greater than {limit}</translation>
    </message>
    <message>
        <source>{key}: moet minstens {limit} zijn</source>
        <translation>{key}: Input should be greater than or equal to {limit}</translation>
    </message>
    <message>
        <source>{key}: moet kleiner zijn dan {limit}</source>
        <translation>{key}: Input should be less than {limit}</translation>
    </message>
    <message>
        <source>{key}: mag hoogstens {limit} zijn</source>
        <translation>{key}: Input should be less than or equal to {limit}</translation>
    </message>
    <message>
        <source>{key}: moet een tekst zijn</source>
        <translation>{key}: Input should be a valid string</translation>
    </message>
    <message>
        <source>{key}: moet een geheel getal zijn</source>
        <translation>{key}: Input should be a valid integer</translation>
    </message>
    <message>
        <source>{key}: moet een getal zijn</source>
        <translation>{key}: Input should be a valid number</translation>
    </message>
    <message>
        <source>{key}: moet een eindig getal zijn (geen .inf of .nan)</source>
        <translation>{key}: Input should be a finite number</translation>
    </message>
    <message>
        <source>{key}: moet true of false zijn</source>
        <translation>{key}: Input should be a valid boolean (true or false)</translation>
    </message>
    <message>
        <source>{key}: moet een lijst zijn</source>
        <translation>{key}: Input should be a valid list</translation>
    </message>
    <message>
        <source>{key}: moet sleutels met hun waarde bevatten (sleutel: waarde)</source>
        <translation>{key}: Input should be a mapping of keys</translation>
    </message>
    <message>
        <source>{key}: moet {expected} zijn</source>
        <translation>{key}: Input should be {expected}</translation>
    </message>
    <message>
        <source>{key}: moet een van deze zijn: {expected}</source>
        <translation>{key}: Input should be one of: {expected}</translation>
    </message>
    <message>
        <source>{key}: de lijst is leeg (minstens één item nodig)</source>
        <translation>{key}: List should have at least 1 item</translation>
    </message>
    <message>
        <source>{key}: de lijst moet minstens {limit} items hebben</source>
        <translation>{key}: List should have at least {limit} items</translation>
    </message>
    <message>
        <source>{key}: de lijst mag hoogstens {limit} items hebben</source>
        <translation>{key}: List should have at most {limit} items</translation>
    </message>
    <message>
        <source>{key}: de tekst is leeg</source>
        <translation>{key}: the text is empty</translation>
    </message>
    <message>
        <source>{key}: de tekst moet minstens {limit} tekens hebben</source>
        <translation>{key}: String should have at least {limit} characters</translation>
    </message>
    <message>
        <source>{key}: de tekst mag hoogstens {limit} tekens hebben</source>
        <translation>{key}: String should have at most {limit} characters</translation>
    </message>
    <message>
        <source>{key}: past niet bij het patroon &apos;{pattern}&apos;</source>
        <translation>{key}: String should match pattern &apos;{pattern}&apos;</translation>
    </message>
    <message>
        <source>{key}: onbekende waarde &apos;{tag}&apos; (kan: {expected})</source>
        <translation>{key}: unknown &apos;{tag}&apos; (expected one of: {expected})</translation>
    </message>
    <message>
        <source>{key}: de verplichte sleutel &apos;{tag}&apos; ontbreekt</source>
        <translation>{key}: missing required key &apos;{tag}&apos;</translation>
    </message>
    <message>
        <source>{key}: {detail} (in de woorden van de controle)</source>
        <translation>{key}: {detail}</translation>
    </message>
    <message>
        <source>{key}: &apos;{twice}&apos; staat er twee keer in</source>
        <translation>{key}: &apos;{twice}&apos; is listed twice</translation>
    </message>
    <message>
        <source>een oefening op tijd heeft &apos;min_wpm&apos; nodig (de netto woorden per minuut die ze vraagt): zonder die zou één getypt woord binnen de tijd volstaan</source>
        <translation>a timed exercise needs &apos;min_wpm&apos; (the net words per minute it asks): without it, one word typed in the time would pass</translation>
    </message>
    <message>
        <source>de id &apos;{id}&apos; staat er twee keer: al gebruikt in {file}:{line}</source>
        <translation>duplicate id &apos;{id}&apos;: already used by {file}:{line}</translation>
    </message>
    <message>
        <source>onbekend fragment &apos;{clip}&apos;</source>
        <translation>unknown clip &apos;{clip}&apos;</translation>
    </message>
    <message>
        <source>deze artikels zijn in het &apos;{language}&apos; maar staan in de kennisbank van het &apos;{folder}&apos;</source>
        <translation>these articles are in &apos;{language}&apos; but stand in the &apos;{folder}&apos; knowledge base</translation>
    </message>
    <message>
        <source>de artikel-id &apos;{id}&apos; staat er twee keer: al gebruikt in {file}:{line}</source>
        <translation>duplicate article id &apos;{id}&apos;: already used by {file}:{line}</translation>
    </message>
    <message>
        <source>het fragment &apos;{clip}&apos; is in het &apos;{language}&apos;, de oefening in het &apos;{own}&apos;</source>
        <translation>clip &apos;{clip}&apos; is in &apos;{language}&apos;, the exercise in &apos;{own}&apos;</translation>
    </message>
    <message>
        <source>het fragment &apos;{clip}&apos; is in het &apos;{language}&apos;, het gesprek in het &apos;{own}&apos;</source>
        <translation>clip &apos;{clip}&apos; is in &apos;{language}&apos;, the call in &apos;{own}&apos;</translation>
    </message>
    <message>
        <source>de gebeurtenis-id &apos;{id}&apos; staat er twee keer</source>
        <translation>duplicate event id &apos;{id}&apos;</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is geen gebeurtenis, &apos;&lt;say-gebeurtenis&gt;.end&apos; of handeling ({actions})</source>
        <translation>&apos;{name}&apos; is no event, &apos;&lt;clip event&gt;.end&apos; or action ({actions})</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is geen handeling ({actions})</source>
        <translation>&apos;{name}&apos; is no action ({actions})</translation>
    </message>
    <message>
        <source>&apos;{id}&apos; wacht op zichzelf</source>
        <translation>&apos;{id}&apos; waits for itself</translation>
    </message>
    <message>
        <source>de telefoon rinkelt nooit: voeg een gebeurtenis met &apos;do: ring&apos; toe</source>
        <translation>the phone never rings: add an event with &apos;do: ring&apos;</translation>
    </message>
    <message>
        <source>een uitgaand gesprek rinkelt niet: de cursist belt zelf (haal &apos;do: ring&apos; weg)</source>
        <translation>an outbound call does not ring: the trainee places it (remove &apos;do: ring&apos;)</translation>
    </message>
    <message>
        <source>&apos;dial&apos; hoort alleen bij een uitgaand gesprek (&apos;direction: outbound&apos;)</source>
        <translation>&apos;dial&apos; belongs only to an outbound call (&apos;direction: outbound&apos;)</translation>
    </message>
    <message>
        <source>een uitgaand gesprek zegt onder &apos;dial&apos; wat het nummer bereikt</source>
        <translation>an outbound call says under &apos;dial&apos; what the number reaches</translation>
    </message>
    <message>
        <source>een voicemail neemt op: geef onder &apos;dial&apos; de &apos;greeting&apos; (het fragment van de begroeting)</source>
        <translation>a voicemail answers: give the &apos;greeting&apos; under &apos;dial&apos; (the clip of its greeting)</translation>
    </message>
    <message>
        <source>{key}: geef precies één van &apos;at&apos;, &apos;after&apos; of &apos;whenever&apos; (of &apos;whenever&apos; met &apos;after&apos;: telkens, zodra dat gebeurd is)</source>
        <translation>{key}: give exactly one of &apos;at&apos;, &apos;after&apos; or &apos;whenever&apos; (or &apos;whenever&apos; with &apos;after&apos;: each time, once that has happened)</translation>
    </message>
    <message>
        <source>{key}: &apos;unless&apos; hoort bij &apos;at&apos; of &apos;after&apos;, niet bij &apos;whenever&apos;</source>
        <translation>{key}: &apos;unless&apos; goes with &apos;at&apos; or &apos;after&apos;, not with &apos;whenever&apos;</translation>
    </message>
    <message>
        <source>{key}: &apos;field&apos; en &apos;value&apos; horen alleen bij &apos;do: crm_update&apos;</source>
        <translation>{key}: &apos;field&apos; and &apos;value&apos; go with &apos;do: crm_update&apos; only</translation>
    </message>
    <message>
        <source>{key}: een wijziging in het klantdossier heeft zowel &apos;field&apos; als &apos;value&apos; nodig</source>
        <translation>{key}: a record change needs both &apos;field&apos; and &apos;value&apos;</translation>
    </message>
    <message>
        <source>de score {id} staat twee keer in de schaal</source>
        <translation>the score {id} appears twice in the scale</translation>
    </message>
    <message>
        <source>de competentie &apos;{id}&apos; staat er twee keer</source>
        <translation>the competence &apos;{id}&apos; appears twice</translation>
    </message>
    <message>
        <source>het criterium &apos;{id}&apos; staat er twee keer</source>
        <translation>the criterion &apos;{id}&apos; appears twice</translation>
    </message>
    <message>
        <source>de id &apos;{id}&apos; staat er twee keer</source>
        <translation>duplicate id &apos;{id}&apos;</translation>
    </message>
    <message>
        <source>niveau {level} heeft hoogstens {most} gesprekken tegelijk, hier staan er {count}</source>
        <translation>level {level} has at most {most} chats at once, this one has {count}</translation>
    </message>
    <message>
        <source>het eerste bericht van een gesprek zegt met &apos;at&apos; wanneer het komt</source>
        <translation>the first message of a chat says with &apos;at&apos; when it comes</translation>
    </message>
    <message>
        <source>&apos;at&apos; hoort alleen bij het eerste bericht: een volgend komt &apos;delay&apos; seconden na het vorige of na het antwoord erop</source>
        <translation>&apos;at&apos; belongs to the first message only: a later one comes &apos;delay&apos; seconds after the previous one or after the reply to it</translation>
    </message>
    <message>
        <source>het voorbeeldantwoord in &apos;example&apos; bevat &apos;{id}&apos; niet</source>
        <translation>the model reply in &apos;example&apos; does not hold &apos;{id}&apos;</translation>
    </message>
    <message>
        <source>het voorbeeldantwoord in &apos;example&apos; bevat &apos;{words}&apos;, dat in &apos;avoid&apos; staat</source>
        <translation>the model reply in &apos;example&apos; holds &apos;{words}&apos;, which is listed in &apos;avoid&apos;</translation>
    </message>
    <message>
        <source>onbekende plaatshouder &apos;{name}&apos; (kan: {known})</source>
        <translation>unknown placeholder &apos;{name}&apos; (known: {known})</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is geen schermbericht, &apos;&lt;gesprek&gt;.&lt;bericht&gt;&apos;, &apos;&lt;gesprek&gt;.left&apos; of &apos;acknowledged&apos;</source>
        <translation>&apos;{name}&apos; is not a screen message, &apos;&lt;chat&gt;.&lt;message&gt;&apos;, &apos;&lt;chat&gt;.left&apos; or &apos;acknowledged&apos;</translation>
    </message>
    <message>
        <source>{key}: &apos;leave_after&apos; moet later komen dan &apos;nudge_after&apos;</source>
        <translation>{key}: &apos;leave_after&apos; must come later than &apos;nudge_after&apos;</translation>
    </message>
    <message>
        <source>een gesprek dat een ticket verwacht, heeft het ticketsysteem nodig: voeg &apos;helpdesk:&apos; toe</source>
        <translation>a chat that expects a ticket needs the ticket system: add &apos;helpdesk:&apos;</translation>
    </message>
    <message>
        <source>een chatsessie heeft geen open tickets: &apos;ticket&apos; is &apos;new&apos; of &apos;none&apos;</source>
        <translation>a chat session has no open tickets: &apos;ticket&apos; is &apos;new&apos; or &apos;none&apos;</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is geen datum die Simultaan kan lezen (bv. 2/3/2026 of 2 maart 2026)</source>
        <translation>&apos;{value}&apos; is not a date the trainer reads (e.g. 2/3/2026 or 2 March 2026)</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is geen bedrag in euro dat Simultaan kan lezen (bv. 1.234,50 of € 64,-)</source>
        <translation>&apos;{value}&apos; is not an amount in euros the trainer reads (e.g. 1.234,50 or € 64,-)</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; vindt ook het dossier van {name} ({number}): een opzoeking moet één dossier openen</source>
        <translation>&apos;{value}&apos; also finds the file of {name} ({number}): a look-up must open one file</translation>
    </message>
    <message>
        <source>de veld-id &apos;{id}&apos; staat er twee keer</source>
        <translation>duplicate field id &apos;{id}&apos;</translation>
    </message>
    <message>
        <source>de feit-id &apos;{id}&apos; staat er twee keer</source>
        <translation>duplicate fact id &apos;{id}&apos;</translation>
    </message>
    <message>
        <source>het modelantwoord in &apos;expected&apos; bevat het feit &apos;{id}&apos; niet</source>
        <translation>the model answer in &apos;expected&apos; does not hold fact &apos;{id}&apos;</translation>
    </message>
    <message>
        <source>{key}: een feit met een waarde heeft zowel &apos;kind&apos; als &apos;value&apos; nodig</source>
        <translation>{key}: a value fact needs both &apos;kind&apos; and &apos;value&apos;</translation>
    </message>
    <message>
        <source>{key}: geef ofwel &apos;kind&apos; en &apos;value&apos;, ofwel &apos;any&apos; (een lijst van formuleringen)</source>
        <translation>{key}: give either &apos;kind&apos; and &apos;value&apos;, or &apos;any&apos; (a list of phrasings)</translation>
    </message>
    <message>
        <source>{key}: een tekstfeit is een lijst van formuleringen: gebruik &apos;any&apos;</source>
        <translation>{key}: a text fact is a list of phrasings: use &apos;any&apos;</translation>
    </message>
    <message>
        <source>{key}: &apos;facts&apos; en &apos;case_sensitive&apos; horen alleen bij &apos;kind: text&apos;</source>
        <translation>{key}: &apos;facts&apos; and &apos;case_sensitive&apos; go with &apos;kind: text&apos; only</translation>
    </message>
    <message>
        <source>{key}: een veld met &apos;facts&apos; wordt niet als geheel vergeleken: laat &apos;case_sensitive&apos; weg</source>
        <translation>{key}: a field with &apos;facts&apos; is not compared as a whole: drop &apos;case_sensitive&apos;</translation>
    </message>
    <message>
        <source>onbekende stap &apos;{step}&apos; ({known})</source>
        <translation>unknown step &apos;{step}&apos; ({known})</translation>
    </message>
    <message>
        <source>de stap &apos;{step}&apos; staat er twee keer</source>
        <translation>step &apos;{step}&apos; twice</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; staat niet in {list}</source>
        <translation>&apos;{name}&apos; is not in {list}</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is geen &apos;say&apos;-gebeurtenis</source>
        <translation>&apos;{name}&apos; is no &apos;say&apos; event</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is geen telefoonnummer (cijfers, spaties, / . - ( ) en vooraan eventueel een +)</source>
        <translation>&apos;{value}&apos; is not a phone number (digits, spaces, / . - ( ) and a + in front only)</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is geen geldig Belgisch nummer: 9 cijfers na de 0 voor een gsm, 8 voor een vast nummer</source>
        <translation>&apos;{value}&apos; is not a valid Belgian number: 9 digits after the 0 for a mobile, 8 for a landline</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is geen geldig buitenlands nummer (kijk de landcode en het nummer na)</source>
        <translation>&apos;{value}&apos; is not a valid foreign number (check the country code and the number)</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is geen Belgische postcode (vier cijfers, 1000 tot 9999)</source>
        <translation>&apos;{value}&apos; is not a Belgian postcode (four digits, 1000 to 9999)</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is geen IBAN (twee letters, twee controlecijfers, dan de rekening)</source>
        <translation>&apos;{value}&apos; is not an IBAN (two letters, two check digits, then the account)</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is geen geldig IBAN: de lengte klopt niet voor het land</source>
        <translation>&apos;{value}&apos; is not a valid IBAN: the wrong length for its country</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is geen geldig IBAN: de controlecijfers kloppen niet</source>
        <translation>&apos;{value}&apos; is not a valid IBAN: its check digits do not match</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is een datum die niet bestaat</source>
        <translation>&apos;{value}&apos; is a date that does not exist</translation>
    </message>
    <message>
        <source>&apos;{value}&apos;: de weekdag past niet bij de datum</source>
        <translation>&apos;{value}&apos;: the day of the week does not match the date</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is geen klantnummer (4 tot 14 cijfers)</source>
        <translation>&apos;{value}&apos; is not a customer number (4 to 14 digits)</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is geen e-mailadres</source>
        <translation>&apos;{value}&apos; is not an e-mail address</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is geen naam (letters, geen cijfers)</source>
        <translation>&apos;{value}&apos; is not a name (letters, no digits)</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is geen geldige waarde voor een veld van de soort &apos;{kind}&apos;</source>
        <translation>&apos;{value}&apos; is not a valid value for a field of kind &apos;{kind}&apos;</translation>
    </message>
    <message>
        <source>{key}: de responstijd (&apos;response&apos;) mag niet langer zijn dan de oplostijd (&apos;resolution&apos;)</source>
        <translation>{key}: the response target (&apos;response&apos;) cannot be longer than the resolution target (&apos;resolution&apos;)</translation>
    </message>
    <message>
        <source>{key}: de SLA-matrix geeft voor elke impact (high, medium, low) een prioriteit per urgentie (high, medium, low)</source>
        <translation>{key}: the SLA matrix gives a priority per urgency (high, medium, low) for every impact (high, medium, low)</translation>
    </message>
    <message>
        <source>{key}: elke prioriteit uit de matrix heeft onder &apos;targets&apos; een responstijd en een oplostijd nodig</source>
        <translation>{key}: every priority in the matrix needs a response and a resolution target under &apos;targets&apos;</translation>
    </message>
    <message>
        <source>{key}: de routering noemt de categorie &apos;{id}&apos;, die niet onder &apos;categories&apos; staat</source>
        <translation>{key}: the routing names the category &apos;{id}&apos;, which is not under &apos;categories&apos;</translation>
    </message>
    <message>
        <source>{key}: de routering stuurt naar het team &apos;{id}&apos;, dat niet onder &apos;teams&apos; staat</source>
        <translation>{key}: the routing sends to the team &apos;{id}&apos;, which is not under &apos;teams&apos;</translation>
    </message>
    <message>
        <source>de probleem-id &apos;{id}&apos; staat er twee keer</source>
        <translation>the problem id &apos;{id}&apos; is there twice</translation>
    </message>
    <message>
        <source>het klantnummer &apos;{id}&apos; staat er twee keer</source>
        <translation>duplicate customer number &apos;{id}&apos;</translation>
    </message>
    <message>
        <source>dit contact komt pas na {at} s binnen, de dienst duurt maar {shift} s</source>
        <translation>this contact only arrives after {at} s, the shift lasts only {shift} s</translation>
    </message>
    <message>
        <source>het ticket &apos;{number}&apos; krijgt in het helpdesksysteem het nummer &apos;{gets}&apos; (de open tickets krijgen de eerste nummers, in volgorde, vanaf &apos;first_number&apos;)</source>
        <translation>ticket &apos;{number}&apos; gets the number &apos;{gets}&apos; in the helpdesk system (the open tickets get the first numbers, in order, from &apos;first_number&apos;)</translation>
    </message>
    <message>
        <source>de categorie &apos;{category}&apos; heeft geen routering: zeg onder &apos;helpdesk: routing:&apos; naar welk team ze gaat</source>
        <translation>the category &apos;{category}&apos; has no routing: say under &apos;helpdesk: routing:&apos; which team it goes to</translation>
    </message>
    <message>
        <source>de routering stuurt de categorie &apos;{category}&apos; naar &apos;{routed}&apos;, niet naar &apos;{team}&apos;</source>
        <translation>the routing sends the category &apos;{category}&apos; to &apos;{routed}&apos;, not to &apos;{team}&apos;</translation>
    </message>
    <message>
        <source>de modelnotitie in &apos;note&apos; bevat het feit &apos;{id}&apos; niet</source>
        <translation>the model note in &apos;note&apos; does not hold the fact &apos;{id}&apos;</translation>
    </message>
    <message>
        <source>{key}: &apos;ticket: existing&apos; en &apos;existing&apos; (het nummer van het open ticket) horen samen</source>
        <translation>{key}: &apos;ticket: existing&apos; and &apos;existing&apos; (the open ticket&apos;s number) go together</translation>
    </message>
    <message>
        <source>{key}: een nieuw ticket heeft &apos;category&apos;, &apos;impact&apos; en &apos;urgency&apos; nodig</source>
        <translation>{key}: a new ticket needs &apos;category&apos;, &apos;impact&apos; and &apos;urgency&apos;</translation>
    </message>
    <message>
        <source>{key}: &apos;category&apos;, &apos;impact&apos;, &apos;urgency&apos;, &apos;team&apos; en &apos;problem&apos; horen alleen bij een nieuw ticket (&apos;ticket: new&apos;)</source>
        <translation>{key}: &apos;category&apos;, &apos;impact&apos;, &apos;urgency&apos;, &apos;team&apos; and &apos;problem&apos; belong only to a new ticket (&apos;ticket: new&apos;)</translation>
    </message>
    <message>
        <source>{key}: feiten (&apos;facts&apos;) hebben een modelnotitie (&apos;note&apos;) nodig die ze bevat</source>
        <translation>{key}: facts (&apos;facts&apos;) need a model note (&apos;note&apos;) that holds them</translation>
    </message>
    <message>
        <source>{key}: &apos;inform&apos; vraagt een ticket om bij te werken; zonder ticket (&apos;ticket: none&apos;) is het antwoord zelf de informatie</source>
        <translation>{key}: &apos;inform&apos; needs a ticket to update; without a ticket (&apos;ticket: none&apos;) the answer itself informs the customer</translation>
    </message>
    <message>
        <source>{key}: een fragment (&apos;clip&apos;) hoort alleen bij &apos;channel: phone&apos;</source>
        <translation>{key}: a clip (&apos;clip&apos;) belongs only to &apos;channel: phone&apos;</translation>
    </message>
    <message>
        <source>de fragment-id &apos;{id}&apos; staat er twee keer</source>
        <translation>duplicate clip id &apos;{id}&apos;</translation>
    </message>
    <message>
        <source>{key}: moet een bestand van deze soort zijn: {suffixes}</source>
        <translation>{key}: must be a file of one of these types: {suffixes}</translation>
    </message>
    <message>
        <source>{key}: moet een pad binnen de audiomap zijn</source>
        <translation>{key}: must be a path inside the audio folder</translation>
    </message>
    <message>
        <source>waarschuwing: het fragment &apos;{clip}&apos; heeft een luidheid van {level} LUFS; elk fragment hoort op {target} LUFS ± {tolerance} LU te staan (maak het opnieuw: .venv/bin/python audio/generate_demo_clips.py {clip})</source>
        <translation>warning: the loudness of clip &apos;{clip}&apos; is at {level} LUFS; every clip should be at {target} LUFS +- {tolerance} LU (make it again: .venv/bin/python audio/generate_demo_clips.py {clip})</translation>
    </message>
    <message>
        <source>waarschuwing: het fragment &apos;{clip}&apos; heeft een luidheid van {level} LUFS; elk fragment hoort op {target} LUFS ± {tolerance} LU te staan (neem het opnieuw op in de app, die het op het juiste niveau brengt)</source>
        <translation>warning: the loudness of clip &apos;{clip}&apos; is at {level} LUFS; every clip should be at {target} LUFS +- {tolerance} LU (record it again in the app, which levels it)</translation>
    </message>
    <message>
        <source>waarschuwing: de luidheid van het fragment &apos;{clip}&apos; kan niet gemeten worden (onleesbaar, stil of korter dan 0,4 s); elk fragment hoort op {target} LUFS ± {tolerance} LU te staan (maak het opnieuw: .venv/bin/python audio/generate_demo_clips.py {clip})</source>
        <translation>warning: the loudness of clip &apos;{clip}&apos; cannot be measured (unreadable, silent or shorter than 0.4 s); every clip should be at {target} LUFS +- {tolerance} LU (make it again: .venv/bin/python audio/generate_demo_clips.py {clip})</translation>
    </message>
    <message>
        <source>waarschuwing: de luidheid van het fragment &apos;{clip}&apos; kan niet gemeten worden (onleesbaar, stil of korter dan 0,4 s); elk fragment hoort op {target} LUFS ± {tolerance} LU te staan (neem het opnieuw op in de app, die het op het juiste niveau brengt)</source>
        <translation>warning: the loudness of clip &apos;{clip}&apos; cannot be measured (unreadable, silent or shorter than 0.4 s); every clip should be at {target} LUFS +- {tolerance} LU (record it again in the app, which levels it)</translation>
    </message>
    <message>
        <source>Het getal op een toets: fouten op die toets, ook de verbeterde. Grijs: geen fouten.</source>
        <translation>The number on a key: the errors on that key, corrected ones included. Grey: no errors.</translation>
    </message>
    <message>
        <source>Klant</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>Scherm</source>
        <translation>Screen</translation>
    </message>
    <message>
        <source>Acties</source>
        <translation>Actions</translation>
    </message>
    <message>
        <source>Velden</source>
        <translation>Fields</translation>
    </message>
    <message>
        <source>Toetsen per s</source>
        <translation>Keystrokes per s</translation>
    </message>
    <message>
        <source>geen toetsaanslagen in het logboek</source>
        <translation>no keystrokes in the journal</translation>
    </message>
    <message>
        <source>Paars: de klant spreekt (licht: als ondertitel). Oranje: scherm. Blauw: acties. Groen: velden.</source>
        <translation>Purple: the customer speaks (light: as a subtitle). Orange: screen. Blue: actions. Green: fields.</translation>
    </message>
    <message>
        <source>Onderdeel</source>
        <translation>Section</translation>
    </message>
    <message>
        <source>Sleutel</source>
        <translation>Key</translation>
    </message>
    <message>
        <source>Omschrijving</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Waarde</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>Ingevoerd</source>
        <translation>Entered</translation>
    </message>
    <message>
        <source>Seconden na het zeggen</source>
        <translation>Seconds after it was said</translation>
    </message>
    <message>
        <source>Bovenaan de opgave (grijs), eronder wat getypt werd; · staat voor een ontbrekend teken.</source>
        <translation>Above, the text set (grey); below, what was typed; · stands for a missing character.</translation>
    </message>
    <message>
        <source>Klik op een tijd in dit rapport: de opname speelt vanaf dat moment, de stem van de cursist en de klant samen.</source>
        <translation>Click a time in this report: the recording plays from that moment, the trainee&apos;s voice and the customer&apos;s together.</translation>
    </message>
    <message>
        <source>Stoppen</source>
        <translation>Stop</translation>
    </message>
    <message>
        <source>De tijden in dit rapport zijn die van de opname en van Terugkijken (Ctrl+J op de resultaten); het HTML-rapport speelt de opname af vanaf elke tijd.</source>
        <translation>The times in this report are those of the recording and of Replay (Ctrl+J on the results); the HTML report plays the recording from each time.</translation>
    </message>
    <message>
        <source>Stem van de cursist: %1, naast het logboek.</source>
        <translation>The trainee&apos;s voice: %1, beside the journal.</translation>
    </message>
    <message>
        <source>Verloop van de sessie</source>
        <translation>Course of the session</translation>
    </message>
    <message>
        <source>Advies</source>
        <translation>Advice</translation>
    </message>
    <message>
        <source>Foutenpercentage (%1)</source>
        <translation>Error rate (%1)</translation>
    </message>
    <message>
        <source>Marge</source>
        <translation>Margin</translation>
    </message>
    <message>
        <source>Netto woorden per minuut</source>
        <translation>Net words per minute</translation>
    </message>
    <message>
        <source>Minimum woorden per minuut</source>
        <translation>Minimum words per minute</translation>
    </message>
    <message>
        <source>Woorden per minuut</source>
        <translation>Words per minute</translation>
    </message>
    <message>
        <source>Aanslagen per minuut</source>
        <translation>Characters per minute</translation>
    </message>
    <message>
        <source>Woordfouten</source>
        <translation>Word errors</translation>
    </message>
    <message>
        <source>Tekenfouten (niet verbeterd)</source>
        <translation>Character errors (not corrected)</translation>
    </message>
    <message>
        <source>Verbeterde fouten</source>
        <translation>Corrected errors</translation>
    </message>
    <message>
        <source>%1 met %2 × Backspace</source>
        <translation>%1 with %2 × Backspace</translation>
    </message>
    <message>
        <source>Verbeterde fouten (CER)</source>
        <translation>Corrected errors (CER)</translation>
    </message>
    <message>
        <source>Totaal foutenpercentage (TER)</source>
        <translation>Total error rate (TER)</translation>
    </message>
    <message>
        <source>Toetsaanslagen per teken (KSPC)</source>
        <translation>Keystrokes per character (KSPC)</translation>
    </message>
    <message>
        <source>wijziging van %1</source>
        <translation>change to %1</translation>
    </message>
    <message>
        <source>nieuw artikel</source>
        <translation>new article</translation>
    </message>
    <message>
        <source>titel was %1</source>
        <translation>title was %1</translation>
    </message>
    <message>
        <source>toegevoegd: %1</source>
        <translation>added: %1</translation>
    </message>
    <message>
        <source>weggelaten: %1</source>
        <translation>left out: %1</translation>
    </message>
    <message>
        <source>niets gewijzigd</source>
        <translation>nothing changed</translation>
    </message>
    <message>
        <source>Voorstellen voor de kennisbank</source>
        <translation>Proposals for the knowledge base</translation>
    </message>
    <message>
        <source>Tijd</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Titel</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Tekst</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Gewijzigd</source>
        <translation>Changed</translation>
    </message>
    <message>
        <source>Voor de coach: niet beoordeeld.</source>
        <translation>For the coach: not assessed.</translation>
    </message>
    <message>
        <source>Typen</source>
        <translation>Typing</translation>
    </message>
    <message>
        <source>Maat</source>
        <translation>Measure</translation>
    </message>
    <message>
        <source>%1 van %2 getoetste competenties getoond.</source>
        <translation>%1 of the %2 competences assessed were shown.</translation>
    </message>
    <message>
        <source>Niet getoond: %1.</source>
        <translation>Not shown: %1.</translation>
    </message>
    <message>
        <source>Gebeld</source>
        <translation>Dialled</translation>
    </message>
    <message>
        <source>%1 keer, waarvan %2 bezet en %3 naar een verkeerd nummer</source>
        <translation>%1 times, %2 of them busy and %3 to a wrong number</translation>
    </message>
    <message>
        <source>In de opname: waar de klant het gegeven begint te zeggen (een veld dat niet gezegd wordt: waar het ingevuld werd).</source>
        <translation>In the recording: where the customer begins to give it (a field nobody says: where it was filled in).</translation>
    </message>
    <message>
        <source>Opmerking</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>Beoordeling door de coach (%1, %2)</source>
        <translation>Coach&apos;s assessment (%1, %2)</translation>
    </message>
    <message>
        <source>Criterium</source>
        <translation>Criterion</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>getoond</source>
        <translation>shown</translation>
    </message>
    <message>
        <source>niet getoetst</source>
        <translation>not assessed</translation>
    </message>
    <message>
        <source>Contactcenteroperator</source>
        <translation>Contact-centre operator</translation>
    </message>
    <message>
        <source>Helpdeskoperator</source>
        <translation>Helpdesk operator</translation>
    </message>
    <message>
        <source>Medewerker digitale gebruikersondersteuning</source>
        <translation>Digital user-support officer</translation>
    </message>
    <message>
        <source>Callcenteroperator</source>
        <translation>Call centre operator</translation>
    </message>
    <message>
        <source>Neemt contact op met (potentiële) klanten en stelt producten en diensten voor</source>
        <translation>Contacts (potential) customers and presents products and services</translation>
    </message>
    <message>
        <source>Gebruikt communicatietechnieken</source>
        <translation>Uses communication techniques</translation>
    </message>
    <message>
        <source>Behandelt vragen en klachten oplossingsgericht volgens de SLA</source>
        <translation>Handles questions and complaints with a view to a solution, by the SLA</translation>
    </message>
    <message>
        <source>Ondersteunt klanten bij vragen en problemen</source>
        <translation>Supports customers with questions and problems</translation>
    </message>
    <message>
        <source>Streeft steeds naar een kwaliteitsvolle dienstverlening</source>
        <translation>Always aims at a quality service</translation>
    </message>
    <message>
        <source>Beluistert en verwerkt tegelijk de informatie van de gebruiker</source>
        <translation>Listens to and processes the user&apos;s information at the same time</translation>
    </message>
    <message>
        <source>Behandelt deskundig klachten</source>
        <translation>Handles complaints expertly</translation>
    </message>
    <message>
        <source>Behandelt vragen en klachten oplossingsgericht volgens SLA en scenario&apos;s</source>
        <translation>Handles questions and complaints with a view to a solution, by the SLA and the scenarios</translation>
    </message>
    <message>
        <source>Biedt eerstelijnsondersteuning en voert routinetesten uit</source>
        <translation>Gives first-line support and runs routine tests</translation>
    </message>
    <message>
        <source>Ondersteunt de update van de kennisdatabank</source>
        <translation>Helps keep the knowledge base up to date</translation>
    </message>
    <message>
        <source>Werkt met oog voor privacy en cyberveiligheid</source>
        <translation>Works with care for privacy and cyber security</translation>
    </message>
    <message>
        <source>Organiseert de eigen werkzaamheden met oog voor kwaliteit</source>
        <translation>Organises their own work with an eye for quality</translation>
    </message>
    <message>
        <source>Werkt in teamverband</source>
        <translation>Works in a team</translation>
    </message>
    <message>
        <source>Ontwikkelt continu de eigen praktijk</source>
        <translation>Keeps developing their own practice</translation>
    </message>
    <message>
        <source>Begeleidt de gebruiker bij het oplossen van problemen of neemt over op afstand</source>
        <translation>Guides the user in solving problems or takes over remotely</translation>
    </message>
    <message>
        <source>Installeert eenvoudige software- en hardwaretoepassingen</source>
        <translation>Installs simple software and hardware applications</translation>
    </message>
    <message>
        <source>niet getoond</source>
        <translation>not shown</translation>
    </message>
    <message>
        <source>gemiddeld %1 van %2</source>
        <translation>on average %1 out of %2</translation>
    </message>
    <message>
        <source>beoordeeld door een coach (sessies: %1)</source>
        <translation>assessed by a coach (sessions: %1)</translation>
    </message>
    <message>
        <source>nog geen bewijs</source>
        <translation>no evidence yet</translation>
    </message>
    <message>
        <source>%1 van %2 sessies (%3)</source>
        <translation>%1 of %2 sessions (%3)</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Competentie</source>
        <translation>Competence</translation>
    </message>
    <message>
        <source>Getoond</source>
        <translation>Shown</translation>
    </message>
    <message>
        <source>Beste resultaat</source>
        <translation>Best result</translation>
    </message>
    <message>
        <source>Laatste resultaat</source>
        <translation>Latest result</translation>
    </message>
    <message>
        <source>Laatste beoordeling door een coach</source>
        <translation>Latest assessment by a coach</translation>
    </message>
    <message>
        <source>Sessies</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <source>Binnen de marge</source>
        <translation>Within the margin</translation>
    </message>
    <message>
        <source>Beste netto woorden/min</source>
        <translation>Best net words/min</translation>
    </message>
    <message>
        <source>Foutpercentage</source>
        <translation>Error rate</translation>
    </message>
    <message>
        <source>Typen: de snelste sessie binnen de foutenmarge</source>
        <translation>Typing: the fastest session within the error margin</translation>
    </message>
    <message>
        <source>Competentieportfolio</source>
        <translation>Competence portfolio</translation>
    </message>
    <message>
        <source>Periode</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Opgemaakt op</source>
        <translation>Drawn up on</translation>
    </message>
    <message>
        <source>Bewijs uit de sessies in Simultaan, per competentie van de standaarden: hoe vaak ze getoetst en getoond werd, het beste en het laatste resultaat, en de laatste beoordeling door een coach met de rubriek (gemiddelde score van de criteria, opmerking).</source>
        <translation>Evidence from the sessions in Simultaan, per competence of the standards: how often it was assessed and shown, the best and the latest result, and the latest assessment by a coach with the rubric (mean score of the criteria, comment).</translation>
    </message>
    <message>
        <source>Competenties van de standaarden</source>
        <translation>Competences of the standards</translation>
    </message>
    <message>
        <source>Opgenomen na</source>
        <translation>Answered after</translation>
    </message>
    <message>
        <source>%1 s (norm %2 s)</source>
        <translation>%1 s (target %2 s)</translation>
    </message>
    <message>
        <source>Gespreksduur</source>
        <translation>Handling time</translation>
    </message>
    <message>
        <source>Velden juist</source>
        <translation>Fields correct</translation>
    </message>
    <message>
        <source>Meldingen op tijd bevestigd</source>
        <translation>Messages acknowledged in time</translation>
    </message>
    <message>
        <source>Spelling (eigen woorden)</source>
        <translation>Spelling (the trainee&apos;s own words)</translation>
    </message>
    <message>
        <source>De sessie werd %1: niet volledig, dus niet geslaagd.</source>
        <translation>The session was %1: not complete, so not passed.</translation>
    </message>
    <message>
        <source>%1 van %2 woorden fout (%3, marge %4)</source>
        <translation>%1 of %2 words wrong (%3, margin %4)</translation>
    </message>
    <message>
        <source>Tijden en invoer</source>
        <translation>Times and data entry</translation>
    </message>
    <message>
        <source>Duur van de shift</source>
        <translation>Length of the shift</translation>
    </message>
    <message>
        <source>SLA-overschrijdingen</source>
        <translation>SLA breaches</translation>
    </message>
    <message>
        <source>Contacten in de verkeerde volgorde genomen</source>
        <translation>Contacts taken in the wrong order</translation>
    </message>
    <message>
        <source>Tickets gemaakt</source>
        <translation>Tickets created</translation>
    </message>
    <message>
        <source>%1 (verwacht %2)</source>
        <translation>%1 (expected %2)</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>Binnen / genomen</source>
        <translation>In / taken</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <source>Prioriteit</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Reactie (SLA)</source>
        <translation>Response (SLA)</translation>
    </message>
    <message>
        <source>geen ticket</source>
        <translation>no ticket</translation>
    </message>
    <message>
        <source>in orde</source>
        <translation>all right</translation>
    </message>
    <message>
        <source>niet genomen</source>
        <translation>not taken</translation>
    </message>
    <message>
        <source>Contacten en tickets</source>
        <translation>Contacts and tickets</translation>
    </message>
    <message>
        <source>Binnen / genomen: wanneer het contact binnenkwam en genomen werd, op de klok van de shift; Reactie: de tijd tot de eerste reactie op het ticket, tegen de norm van zijn prioriteit.</source>
        <translation>In / taken: when the contact came in and was taken, on the shift&apos;s clock; Response: the time to the first response on the ticket, against its priority&apos;s target.</translation>
    </message>
    <message>
        <source>%1 heeft de chat verlaten (op %2).</source>
        <translation>%1 left the chat (at %2).</translation>
    </message>
    <message>
        <source>Antwoorden op tijd</source>
        <translation>Replies on time</translation>
    </message>
    <message>
        <source>%1 op tijd, %2 te laat, %3 gemist</source>
        <translation>%1 on time, %2 late, %3 missed</translation>
    </message>
    <message>
        <source>Verbeteringen (Backspace, Delete)</source>
        <translation>Corrections (Backspace, Delete)</translation>
    </message>
    <message>
        <source>te vermijden: &apos;%1&apos;</source>
        <translation>to avoid: &apos;%1&apos;</translation>
    </message>
    <message>
        <source>Klant (binnen)</source>
        <translation>Customer (in)</translation>
    </message>
    <message>
        <source>Bericht van de klant</source>
        <translation>Customer&apos;s message</translation>
    </message>
    <message>
        <source>Jouw antwoord</source>
        <translation>Your reply</translation>
    </message>
    <message>
        <source>Ontbreekt</source>
        <translation>Missing</translation>
    </message>
    <message>
        <source>norm %1 s</source>
        <translation>norm %1 s</translation>
    </message>
    <message>
        <source>(verliet de chat)</source>
        <translation>(left the chat)</translation>
    </message>
    <message>
        <source>Gesprekken en antwoorden</source>
        <translation>Conversations and replies</translation>
    </message>
    <message>
        <source>Binnen: wanneer het bericht kwam, op de klok van de sessie; Tijd: tot het eerste antwoord, tegen de norm; Ontbreekt: de feiten en beleefdheden die het antwoord moest bevatten.</source>
        <translation>In: when the message came, on the session&apos;s clock; Time: to the first reply, against the norm; Missing: the facts and courtesies the reply had to hold.</translation>
    </message>
    <message>
        <source>Veld</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Gegevensinvoer</source>
        <translation>Data entry</translation>
    </message>
    <message>
        <source>&amp;Rapport…  (Ctrl+S)</source>
        <translation>&amp;Report…  (Ctrl+S)</translation>
    </message>
    <message>
        <source>Het rapport van deze sessie bewaren als PDF, HTML of CSV</source>
        <translation>Save this session&apos;s report as PDF, HTML or CSV</translation>
    </message>
    <message>
        <source>PDF-document (*.pdf)</source>
        <translation>PDF document (*.pdf)</translation>
    </message>
    <message>
        <source>Webpagina (*.html)</source>
        <translation>Web page (*.html)</translation>
    </message>
    <message>
        <source>Portfolio bewaren</source>
        <translation>Save the portfolio</translation>
    </message>
    <message>
        <source>Het portfolio kon niet worden bewaard in %1: %2</source>
        <translation>The portfolio could not be saved in %1: %2</translation>
    </message>
    <message>
        <source>Portfolio</source>
        <translation>Portfolio</translation>
    </message>
    <message>
        <source>CSV voor een rekenblad (*.csv)</source>
        <translation>CSV for a spreadsheet (*.csv)</translation>
    </message>
    <message>
        <source>Rapport bewaren</source>
        <translation>Save the report</translation>
    </message>
    <message>
        <source>Rapport</source>
        <translation>Report</translation>
    </message>
    <message>
        <source>Het rapport kon niet worden bewaard in %1: %2</source>
        <translation>The report could not be saved in %1: %2</translation>
    </message>
    <message>
        <source>Oefen &amp;deze toetsen  (Ctrl+P)</source>
        <translation>&amp;Practise these keys  (Ctrl+P)</translation>
    </message>
    <message>
        <source>Een oefening op maat: zinnen uit echte werkteksten met de toetsen en woorden die je de laatste tijd het vaakst fout typte</source>
        <translation>A tailored exercise: sentences from real work texts with the keys and words you got wrong most often lately</translation>
    </message>
    <message>
        <source>Op maat oefenen</source>
        <translation>Tailored practice</translation>
    </message>
    <message>
        <source>Kies of maak eerst een cursist.</source>
        <translation>Choose or create a trainee first.</translation>
    </message>
    <message>
        <source>De oefening kon niet worden bewaard in %1: %2</source>
        <translation>The exercise could not be saved in %1: %2</translation>
    </message>
    <message>
        <source>geslaagd</source>
        <translation>passed</translation>
    </message>
    <message>
        <source>niet geslaagd</source>
        <translation>not passed</translation>
    </message>
    <message>
        <source>oefenen</source>
        <translation>practice</translation>
    </message>
    <message>
        <source>%n cursist</source>
        <translation>%n trainee</translation>
    </message>
    <message>
        <source>%n cursisten</source>
        <translation>%n trainees</translation>
    </message>
    <message>
        <source>geen score</source>
        <translation>no score</translation>
    </message>
    <message>
        <source>Beoordeling</source>
        <translation>Assessment</translation>
    </message>
    <message>
        <source>Deze oefening vraagt geen competenties die alleen een coach kan beoordelen: er is niets in te vullen. Het resultaat zegt wat de oefening toetst.</source>
        <translation>This exercise calls for no competence that only a coach can assess: there is nothing to fill in. The result says what the exercise assesses.</translation>
    </message>
    <message>
        <source>Beoordeling van %1 bewaard.</source>
        <translation>Assessment of %1 saved.</translation>
    </message>
    <message>
        <source>Beoordel&amp;ing…  (Ctrl+B)</source>
        <translation>A&amp;ssessment…  (Ctrl+B)</translation>
    </message>
    <message>
        <source>Met de rubriek beoordelen wat alleen een coach kan zien of horen: de communicatie, de typtechniek en de houding</source>
        <translation>Assess with the rubric what only a coach can see or hear: communication, typing technique and posture</translation>
    </message>
    <message>
        <source>Terug&amp;kijken…  (Ctrl+J)</source>
        <translation>Repla&amp;y…  (Ctrl+J)</translation>
    </message>
    <message>
        <source>De sessie opnieuw afspelen: de tekst, de velden, de meldingen en het geluid</source>
        <translation>Play the session again: the text, the fields, the messages and the sound</translation>
    </message>
    <message>
        <source>Terugkijken</source>
        <translation>Replay</translation>
    </message>
    <message>
        <source>Een sessie van deze soort kan nog niet teruggekeken worden.</source>
        <translation>A session of this kind cannot be replayed yet.</translation>
    </message>
    <message>
        <source>Deze sessie kan niet teruggekeken worden: %1</source>
        <translation>This session cannot be replayed: %1</translation>
    </message>
    <message>
        <source>de naam van een exampakket eindigt op {suffix}</source>
        <translation>an exam package&apos;s name ends in {suffix}</translation>
    </message>
    <message>
        <source>er is geen oefening &apos;{id}&apos;</source>
        <translation>there is no exercise &apos;{id}&apos;</translation>
    </message>
    <message>
        <source>de oefening &apos;{id}&apos; is in het {language}, het pakket in het {own}</source>
        <translation>the exercise &apos;{id}&apos; is in {language}, the package in {own}</translation>
    </message>
    <message>
        <source>max_plays: &apos;{id}&apos; is geen dictee (alleen een dictee heeft fragmenten om af te spelen)</source>
        <translation>max_plays: &apos;{id}&apos; is not a dictation (only a dictation has clips to play)</translation>
    </message>
    <message>
        <source>{key}: &apos;{id}&apos; is een gesprek; dat wordt niet op typsnelheid of foutenmarge beoordeeld</source>
        <translation>{key}: &apos;{id}&apos; is a call; it is not assessed on typing speed or error margin</translation>
    </message>
    <message>
        <source>&apos;{id}&apos; heeft geen snelheidseis: geef het onderdeel een min_wpm</source>
        <translation>&apos;{id}&apos; has no speed requirement: give the part a min_wpm</translation>
    </message>
    <message>
        <source>{path}: dit examen liep met een ander pakket dan &apos;{package}&apos;</source>
        <translation>{path}: this exam was started with another package than &apos;{package}&apos;</translation>
    </message>
    <message>
        <source>{path}: te weinig vrije ruimte voor een examen ({free} MiB vrij, {needed} MiB nodig)</source>
        <translation>{path}: not enough free space for an exam ({free} MiB free, {needed} MiB needed)</translation>
    </message>
    <message>
        <source>{path}: de gegevensmap bestaat niet en kan niet gemaakt worden</source>
        <translation>{path}: the data folder does not exist and cannot be made</translation>
    </message>
    <message>
        <source>{path}: dit is geen map</source>
        <translation>{path}: this is not a folder</translation>
    </message>
    <message>
        <source>{path}: in de gegevensmap kan niet geschreven worden (alleen-lezen)</source>
        <translation>{path}: the data folder cannot be written to (read-only)</translation>
    </message>
    <message>
        <source>{path}: in de gegevensmap kan niet geschreven worden ({detail})</source>
        <translation>{path}: the data folder cannot be written to ({detail})</translation>
    </message>
    <message>
        <source>{path}: de stand van het examen kan niet gelezen worden ({detail})</source>
        <translation>{path}: the exam&apos;s state cannot be read ({detail})</translation>
    </message>
    <message>
        <source>&apos;{id}&apos; is een oefening met kind: {kind}; een examen neemt alleen overtypen, dictees en gesprekken af</source>
        <translation>&apos;{id}&apos; is an exercise with kind: {kind}; an exam only holds copy drills, dictations and calls</translation>
    </message>
    <message>
        <source>kandidaat {candidate} legt dit examen al af op {workstation}</source>
        <translation>candidate {candidate} is already taking this exam on {workstation}</translation>
    </message>
    <message>
        <source>kandidaat {candidate} heeft dit examen al afgelegd</source>
        <translation>candidate {candidate} has already taken this exam</translation>
    </message>
    <message>
        <source>kandidaatnummer {candidate} is voor pakket {package} al in gebruik op werkpost {workstation} (centrale opslag {server}): kijk het nummer na; hier is niets gestart</source>
        <translation>candidate number {candidate} is already in use for package {package} on workstation {workstation} (central store {server}): check the number; nothing was started here</translation>
    </message>
    <message>
        <source>{path} bestaat al: een sleutel wordt nooit overschreven</source>
        <translation>{path} already exists: a key is never overwritten</translation>
    </message>
    <message>
        <source>geen sleutel gevonden: {path}</source>
        <translation>no key found: {path}</translation>
    </message>
    <message>
        <source>{path}: geen bruikbare Ed25519-sleutel ({detail})</source>
        <translation>{path}: not a usable Ed25519 key ({detail})</translation>
    </message>
    <message>
        <source>geen certificaat gevonden: {path}</source>
        <translation>no certificate found: {path}</translation>
    </message>
    <message>
        <source>{path}: geen leesbaar certificaat ({detail})</source>
        <translation>{path}: not a readable certificate ({detail})</translation>
    </message>
    <message>
        <source>het certificaat van &apos;{name}&apos; heeft geen Ed25519-sleutel</source>
        <translation>the certificate of &apos;{name}&apos; has no Ed25519 key</translation>
    </message>
    <message>
        <source>{path} hoort niet bij het centre.crt ernaast: de sleutel van een ander examencentrum?</source>
        <translation>{path} does not match the centre.crt beside it: another exam centre&apos;s key?</translation>
    </message>
    <message>
        <source>het certificaat van het examencentrum ontbreekt: {path} (geef het met --centre-cert of schrijf deze computer in)</source>
        <translation>the exam centre&apos;s certificate is missing: {path} (give it with --centre-cert or enrol this computer)</translation>
    </message>
    <message>
        <source>deze computer is niet ingeschreven bij een examencentrum: geen sleutel in {folder} (simultaan exam enrol)</source>
        <translation>this computer is not enrolled with an exam centre: no key in {folder} (simultaan exam enrol)</translation>
    </message>
    <message>
        <source>de privésleutel van het examencentrum staat op deze computer ({path}): haal hem weg, hij hoort alleen op de computer van het centrum</source>
        <translation>the exam centre&apos;s private key is on this computer ({path}): remove it, it belongs on the centre&apos;s computer only</translation>
    </message>
    <message>
        <source>in {folder} horen de sleutel en het certificaat niet bij elkaar</source>
        <translation>in {folder} the key and the certificate do not belong together</translation>
    </message>
    <message>
        <source>het certificaat van &apos;{name}&apos; is niet uitgegeven door het examencentrum &apos;{centre}&apos;</source>
        <translation>the certificate of &apos;{name}&apos; was not issued by the exam centre &apos;{centre}&apos;</translation>
    </message>
    <message>
        <source>het certificaat van &apos;{name}&apos; is verlopen op {date}</source>
        <translation>the certificate of &apos;{name}&apos; expired on {date}</translation>
    </message>
    <message>
        <source>het certificaat van &apos;{name}&apos; geldt pas vanaf {date}</source>
        <translation>the certificate of &apos;{name}&apos; is only valid from {date}</translation>
    </message>
    <message>
        <source>examenpakket {package}: niet ondertekend (geen {sig} ernaast)</source>
        <translation>exam package {package}: not signed (no {sig} beside it)</translation>
    </message>
    <message>
        <source>examenpakket {package}: gewijzigd na de ondertekening (de handtekening {path} klopt niet meer)</source>
        <translation>exam package {package}: changed after signing (the signature {path} no longer matches)</translation>
    </message>
    <message>
        <source>examenpakket {package}: ondertekend met een andere sleutel dan die van het examencentrum</source>
        <translation>exam package {package}: signed with another key than the exam centre&apos;s</translation>
    </message>
    <message>
        <source>examenpakket {package}: de handtekening {path} is niet te lezen</source>
        <translation>exam package {package}: the signature {path} cannot be read</translation>
    </message>
    <message>
        <source>examenpakket {package} is niet te lezen: {detail}</source>
        <translation>exam package {package} cannot be read: {detail}</translation>
    </message>
    <message>
        <source>de handtekening {path} kan niet worden geschreven: {detail}</source>
        <translation>the signature {path} cannot be written: {detail}</translation>
    </message>
    <message>
        <source>{path} kan niet verzegeld worden: {detail}</source>
        <translation>{path} cannot be sealed: {detail}</translation>
    </message>
    <message>
        <source>de verzegeling {path} kan niet worden geschreven: {detail}</source>
        <translation>the seal {path} cannot be written: {detail}</translation>
    </message>
    <message>
        <source>de verzegeling {seal} is niet te lezen ({detail})</source>
        <translation>the seal {seal} cannot be read ({detail})</translation>
    </message>
    <message>
        <source>de verzegeling {seal} zelf is gewijzigd</source>
        <translation>the seal {seal} itself was changed</translation>
    </message>
    <message>
        <source>de verzegeling {seal} noemt een bestand buiten haar map: {file}</source>
        <translation>the seal {seal} names a file outside its folder: {file}</translation>
    </message>
    <message>
        <source>{file} ontbreekt (verzegeld door &apos;{station}&apos; op {date})</source>
        <translation>{file} is missing (sealed by &apos;{station}&apos; on {date})</translation>
    </message>
    <message>
        <source>gewijzigd sinds &apos;{station}&apos; het verzegelde op {date}</source>
        <translation>changed since &apos;{station}&apos; sealed it on {date}</translation>
    </message>
    <message>
        <source>het bewaarde resultaat is niet meer het resultaat dat &apos;{station}&apos; verzegelde op {date} ({file})</source>
        <translation>the stored result is no longer the result &apos;{station}&apos; sealed on {date} ({file})</translation>
    </message>
    <message>
        <source>evaluator {seat}: vul uw naam in bij uw oordeel</source>
        <translation>evaluator {seat}: fill in your name with your verdict</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; staat al als de andere evaluator: een examen wordt door twee verschillende evaluatoren beoordeeld</source>
        <translation>&apos;{name}&apos; is already the other evaluator: an exam is assessed by two different evaluators</translation>
    </message>
    <message>
        <source>het examen {exam} is al afgetekend: de oordelen liggen vast</source>
        <translation>the exam {exam} is signed off already: the verdicts are final</translation>
    </message>
    <message>
        <source>het examen {exam} kan pas afgetekend worden als beide evaluatoren een oordeel gaven</source>
        <translation>the exam {exam} can only be signed off once both evaluators gave their verdict</translation>
    </message>
    <message>
        <source>de evaluatoren zijn het niet eens over {exam}: overleg en pas een oordeel aan voor u aftekent</source>
        <translation>the evaluators do not agree on {exam}: confer and change a verdict before signing off</translation>
    </message>
    <message>
        <source>niet af te tekenen: deze onderdelen zijn niet ongewijzigd verzegeld: {parts}</source>
        <translation>cannot sign off: these parts are not sealed unchanged: {parts}</translation>
    </message>
    <message>
        <source>het examen {exam} is nog niet afgetekend: er is nog geen bundel voor het testcentrum</source>
        <translation>the exam {exam} is not signed off yet: there is no bundle for the test centre yet</translation>
    </message>
    <message>
        <source>geen verzegeling gevonden voor {file}</source>
        <translation>no seal found for {file}</translation>
    </message>
    <message>
        <source>er is geen bestand of map met die naam</source>
        <translation>there is no file or folder by that name</translation>
    </message>
    <message>
        <source>{bundle}: de bundel als geheel is niet verzegeld</source>
        <translation>{bundle}: the bundle as a whole is not sealed</translation>
    </message>
    <message>
        <source>{bundle}: de bundel is niet te lezen ({detail})</source>
        <translation>{bundle}: the bundle cannot be read ({detail})</translation>
    </message>
    <message>
        <source>%n resultaat wacht op de centrale opslag</source>
        <translation>%n result waiting for the central store</translation>
    </message>
    <message>
        <source>%n resultaten wachten op de centrale opslag</source>
        <translation>%n results waiting for the central store</translation>
    </message>
    <message>
        <source>Examenbestanden wachten op de centrale opslag</source>
        <translation>Exam files are waiting for the central store</translation>
    </message>
    <message>
        <source>Alle resultaten staan in de centrale opslag</source>
        <translation>All results are in the central store</translation>
    </message>
    <message>
        <source>Centrale opslag</source>
        <translation>Central store</translation>
    </message>
    <message>
        <source>Ev&amp;aluatie…</source>
        <translation>E&amp;valuation…</translation>
    </message>
    <message>
        <source>Examens: bewijs per onderdeel, oordelen van twee evaluatoren (Ctrl+E)</source>
        <translation>Exams: evidence per part, verdicts of two evaluators (Ctrl+E)</translation>
    </message>
    <message>
        <source>E&amp;xamen afnemen…</source>
        <translation>Run an e&amp;xam…</translation>
    </message>
    <message>
        <source>Een ondertekend exampakket afnemen, in volledig scherm (Ctrl+Shift+X)</source>
        <translation>Run a signed exam package, full screen (Ctrl+Shift+X)</translation>
    </message>
    <message>
        <source>Exampakket kiezen</source>
        <translation>Choose the exam package</translation>
    </message>
    <message>
        <source>Exampakketten (*.exam.yaml)</source>
        <translation>Exam packages (*.exam.yaml)</translation>
    </message>
    <message>
        <source>Examen afnemen</source>
        <translation>Run an exam</translation>
    </message>
    <message>
        <source>Kandidaatnummer (letters, cijfers, . _ -):</source>
        <translation>Candidate number (letters, digits, . _ -):</translation>
    </message>
    <message>
        <source>Examen kan niet starten</source>
        <translation>The exam cannot start</translation>
    </message>
    <message>
        <source>&apos;{id}&apos; is geen kandidaatnummer (letters, cijfers, . _ -, hoogstens 40).</source>
        <translation>&apos;{id}&apos; is not a candidate number (letters, digits, . _ -, at most 40).</translation>
    </message>
    <message>
        <source>op %1 in de opname</source>
        <translation>at %1 in the recording</translation>
    </message>
    <message>
        <source>Bij deze sessie werd de stem van de cursist niet opgenomen.</source>
        <translation>The trainee&apos;s voice was not recorded in this session.</translation>
    </message>
    <message>
        <source>Het bestand van de opname (%1) staat niet meer naast het logboek.</source>
        <translation>The recording&apos;s file (%1) is no longer beside the journal.</translation>
    </message>
    <message>
        <source>De opname van de stem stond uit in de instellingen.</source>
        <translation>Voice recording was switched off in the settings.</translation>
    </message>
    <message>
        <source>Er was geen microfoon: de stem werd niet opgenomen.</source>
        <translation>There was no microphone: the voice was not recorded.</translation>
    </message>
    <message>
        <source>De microfoon viel weg.</source>
        <translation>The microphone was lost.</translation>
    </message>
    <message>
        <source>De schijf was vol.</source>
        <translation>The disk was full.</translation>
    </message>
    <message>
        <source>De opname kon niet bewaard worden.</source>
        <translation>The recording could not be saved.</translation>
    </message>
    <message>
        <source>De opname stopt %1.</source>
        <translation>The recording stops %1.</translation>
    </message>
    <message>
        <source>Stem van de cursist</source>
        <translation>The trainee&apos;s voice</translation>
    </message>
    <message>
        <source>De klip %1 zit niet in de bibliotheek van deze computer.</source>
        <translation>The clip %1 is not in this computer&apos;s library.</translation>
    </message>
    <message>
        <source>Te groot om in het rapport te zitten, dus alleen gekoppeld: %1. Die opname speelt alleen af op een computer met het bestand op dezelfde plaats.</source>
        <translation>Too large to go inside the report, so only linked: %1. That recording plays only on a computer with the file in the same place.</translation>
    </message>
    <message>
        <source>Opname van het gesprek</source>
        <translation>Recording of the call</translation>
    </message>
    <message>
        <source>(als ondertitel)</source>
        <translation>(as a subtitle)</translation>
    </message>
    <message>
        <source>Veld &apos;%1&apos; ingevuld: &apos;%2&apos;</source>
        <translation>Field &apos;%1&apos; filled in: &apos;%2&apos;</translation>
    </message>
    <message>
        <source>Invoer</source>
        <translation>Entry</translation>
    </message>
    <message>
        <source>Verloop van het gesprek</source>
        <translation>Course of the call</translation>
    </message>
    <message>
        <source>Wie</source>
        <translation>Who</translation>
    </message>
    <message>
        <source>Wat</source>
        <translation>What</translation>
    </message>
    <message>
        <source>In de opname</source>
        <translation>In the recording</translation>
    </message>
    <message>
        <source>Elk deel van het gesprek met zijn tijd in de opname: dezelfde klok als in Terugkijken (Ctrl+J op de resultaten).</source>
        <translation>Each part of the call with its time in the recording: the same clock as in Replay (Ctrl+J on the results).</translation>
    </message>
    <message>
        <source>Naar tijd</source>
        <translation>Go to time</translation>
    </message>
    <message>
        <source>Tijd in de sessie, zoals in het rapport (bv. 1:23):</source>
        <translation>Time in the session, as in the report (e.g. 1:23):</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is geen tijd: typ minuten en seconden, zoals 1:23.</source>
        <translation>&apos;%1&apos; is not a time: type minutes and seconds, such as 1:23.</translation>
    </message>
    <message>
        <source>gewijzigd: niet geldig</source>
        <translation>changed: not valid</translation>
    </message>
    <message>
        <source>niet verzegeld: niet geldig</source>
        <translation>not sealed: not valid</translation>
    </message>
    <message>
        <source>hoog</source>
        <translation>high</translation>
    </message>
    <message>
        <source>middel</source>
        <translation>medium</translation>
    </message>
    <message>
        <source>laag</source>
        <translation>low</translation>
    </message>
    <message>
        <source>telefoon</source>
        <translation>phone</translation>
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
        <translation>portal</translation>
    </message>
    <message>
        <source>aanvrager</source>
        <translation>requester</translation>
    </message>
    <message>
        <source>kanaal</source>
        <translation>channel</translation>
    </message>
    <message>
        <source>onderwerp</source>
        <translation>subject</translation>
    </message>
    <message>
        <source>categorie</source>
        <translation>category</translation>
    </message>
    <message>
        <source>impact</source>
        <translation>impact</translation>
    </message>
    <message>
        <source>urgentie</source>
        <translation>urgency</translation>
    </message>
    <message>
        <source>status</source>
        <translation>status</translation>
    </message>
    <message>
        <source>team</source>
        <translation>team</translation>
    </message>
    <message>
        <source>bekend probleem</source>
        <translation>known problem</translation>
    </message>
    <message>
        <source>notitie</source>
        <translation>note</translation>
    </message>
    <message>
        <source>klant geïnformeerd</source>
        <translation>customer informed</translation>
    </message>
    <message>
        <source>afsluitcode</source>
        <translation>close code</translation>
    </message>
    <message>
        <source>oplossing</source>
        <translation>solution</translation>
    </message>
    <message>
        <source>titel</source>
        <translation>title</translation>
    </message>
    <message>
        <source>tekst</source>
        <translation>text</translation>
    </message>
    <message>
        <source>Dat ticket bestaat niet.</source>
        <translation>There is no such ticket.</translation>
    </message>
    <message>
        <source>Het ticketnummer klopt niet.</source>
        <translation>The ticket number is wrong.</translation>
    </message>
    <message>
        <source>Vul {field} in.</source>
        <translation>Fill in the {field}.</translation>
    </message>
    <message>
        <source>{field} kan bij deze actie niet.</source>
        <translation>The {field} cannot be set with this action.</translation>
    </message>
    <message>
        <source>Kies een geldige waarde voor {field}.</source>
        <translation>Choose a valid {field}.</translation>
    </message>
    <message>
        <source>Naar de status &apos;{status}&apos; kan het ticket nu niet.</source>
        <translation>The ticket cannot go to &apos;{status}&apos; now.</translation>
    </message>
    <message>
        <source>Er is niets gewijzigd.</source>
        <translation>Nothing was changed.</translation>
    </message>
    <message>
        <source>Het ticket is opgelost: alleen een notitie kan nog, of heropenen.</source>
        <translation>The ticket is resolved: only a note can be added, or it can be reopened.</translation>
    </message>
    <message>
        <source>Het ticket is gesloten.</source>
        <translation>The ticket is closed.</translation>
    </message>
    <message>
        <source>Alleen een opgelost ticket kan gesloten of heropend worden.</source>
        <translation>Only a resolved ticket can be closed or reopened.</translation>
    </message>
    <message>
        <source>Geen contact gekozen.</source>
        <translation>No contact chosen.</translation>
    </message>
    <message>
        <source>Dit contact heeft al een ticket.</source>
        <translation>This contact already has a ticket.</translation>
    </message>
    <message>
        <source>De tijd van deze actie ligt voor de vorige.</source>
        <translation>This action is dated before the previous one.</translation>
    </message>
    <message>
        <source>nieuw</source>
        <translation>new</translation>
    </message>
    <message>
        <source>open</source>
        <translation>open</translation>
    </message>
    <message>
        <source>wacht op klant</source>
        <translation>awaiting customer</translation>
    </message>
    <message>
        <source>in de wacht</source>
        <translation>on hold</translation>
    </message>
    <message>
        <source>opgelost</source>
        <translation>resolved</translation>
    </message>
    <message>
        <source>gesloten</source>
        <translation>closed</translation>
    </message>
    <message>
        <source>✔ gehaald</source>
        <translation>✔ met</translation>
    </message>
    <message>
        <source>✖ {time} te laat</source>
        <translation>✖ {time} late</translation>
    </message>
    <message>
        <source>⏸ {time} (gepauzeerd)</source>
        <translation>⏸ {time} (paused)</translation>
    </message>
    <message>
        <source>⚠ reactie binnen {time}</source>
        <translation>⚠ respond within {time}</translation>
    </message>
    <message>
        <source>reactie binnen {time}</source>
        <translation>respond within {time}</translation>
    </message>
    <message>
        <source>⚠ {time} (bijna)</source>
        <translation>⚠ {time} (nearly due)</translation>
    </message>
</context>
</TS>
