import type { ErrorCode } from "../src/errors.js";

/** The Swedish text for every stable error code (a test checks that each code has one). */
export const errorMessages: Record<ErrorCode, string> = {
  "USER.UNKNOWN":
    "Du finns inte i Insatsguidens katalog än. Be din gruppledare eller Insatsguidens administratör att lägga till dig med din roll och enhet.",
  "USER.FORBIDDEN": "Du har inte behörighet att göra det här.",
  "DIRECTORY.UNAVAILABLE":
    "Jag kan inte se dina roller just nu eftersom stadens katalog (Entra ID) inte svarar. Av säkerhetsskäl gissar jag inte – försök igen om en stund, och kontakta IT-supporten om det fortsätter.",
  // handing work over
  "HANDOVER.NOT_A_LEADER": "Bara gruppledaren för enheten kan flytta ärenden och beställningar.",
  "HANDOVER.TARGET_INVALID":
    "{name} arbetar inte i samma enhet, så arbetet kan inte flyttas dit. Välj en kollega i enheten.",
  "HANDOVER.SAME_PERSON": "Välj en annan person än den som har arbetet i dag.",
  "HANDOVER.NOTHING_TO_MOVE": "{name} har inga öppna ärenden eller beställningar att flytta.",
  "ACTION.UNKNOWN_VERB":
    "Kortet skickade en åtgärd som jag inte känner igen. Prova att öppna kortet på nytt.",
  "ACTION.INVALID_DATA": "Kortet skickade ogiltiga uppgifter. Kontrollera fälten och försök igen.",
  "ACTION.ALREADY_DONE": "Det här är redan gjort.",
  // reminders
  "REMINDER.NOT_FOUND": "Påminnelsen finns inte längre.",
  "CHANNEL.TEAM_ONLY":
    "Skriv **koppla kanal <enhet>** i teamkanalen som ska få påminnelserna, inte i en chatt.",
  "CHANNEL.UNIT_REQUIRED":
    "Ange vilken enhet kanalen hör till: {units}. Till exempel **koppla kanal alfa** eller **koppla kanal socialpsykiatri Farsta**.",
  INTERNAL: "Något gick fel hos Insatsguiden. Försök igen om en stund.",
  // cases
  "CASE.NOT_FOUND": "Ärendet finns inte i Insatsguiden.",
  "CASE.CLOSED": "Ärendet avslutades {closedOn} och kan inte ändras.",
  "CASE.WRONG_STEP": "Det går inte att {action} nu – ärendet är i steget ”{step}”.",
  "CASE.STEP_NOT_FOR_TYPE": "Steget ”{step}” ingår inte i den här ärendetypen, så det går inte att {action}.",
  "CASE.DATE_INVALID": "Ange ett giltigt datum (ÅÅÅÅ-MM-DD).",
  "CASE.DATE_IN_FUTURE": "Datumet kan inte ligga efter i dag ({today}).",
  "CASE.DATE_TOO_EARLY": "Datumet kan inte ligga före {earlier} ({earliest}).",
  "CASE.AGE_OUT_OF_RANGE": "Ange en ålder mellan {min} och {max} år.",
  "CASE.FIELD_REQUIRED": "Fyll i det här fältet.",
  "CASE.DUR_WORK_AREA_REQUIRED":
    "Den enskilde är under {limit} år: livsområdet arbete, utbildning och sysselsättning ska alltid fördjupas (tillämpningsanvisningarna för socialpsykiatrin, avsnitt 2.1).",
  "CASE.DUR_NEEDS_PURPOSE_GOALS":
    "Behov, syfte och målsättning ska vara klargjorda med den enskilde innan utredningen är klar (tillämpningsanvisningarna för socialpsykiatrin, bilaga 1).",
  "CASE.MEETING_NOT_FOUND": "Flerpartsmötet hör inte till det här ärendet.",
  "CASE.MEETING_NOT_CLEARABLE":
    "Flerpartsmötet kan inte tas bort när ärendet är i steget ”{step}”: beslutet bygger redan på mötet.",
  "CASE.SPECIALIST_ASSESSMENT_REQUIRED":
    "Ange när du fick arbetsspecialistens bedömning från Jobbtorg (tillämpningsanvisningarna för socialpsykiatrin, avsnitt 4.2.3).",
  "CASE.CRITERIA_CONTRADICTION":
    "Arbetsspecialisten bedömer inte att den enskilde kan börja arbeta inom insatsen – då är kriterierna inte uppfyllda (tillämpningsanvisningarna för socialpsykiatrin, avsnitt 4.2.3).",
  "CASE.CRITERIA_CONTRADICT_RULES":
    "Regelmodulen visar att minst ett kriterium inte är uppfyllt. Rätta uppgifterna eller ange att kriterierna inte är uppfyllda.",
  "CASE.TARGET_GROUP_CONTRADICT_RULES":
    "Regelmodulen visar att minst ett villkor för målgruppen inte är uppfyllt (se prövningen nedan). Rätta uppgifterna eller välj Tillhör inte målgruppen.",
  "CASE.OUTCOME_NOT_FOR_TYPE":
    "Delavslag finns bara för sysselsättning. Den här insatsen beslutas som avslag på rätten till insatser och prövning av insatser utöver rätten.",
  "CASE.GRANT_REQUIRES_TARGET_GROUP":
    "Insatsen kan inte beviljas: den enskilde bedömdes inte tillhöra målgruppen.",
  "CASE.GRANT_REQUIRES_CRITERIA": "Insatsen kan inte beviljas: kriterierna bedömdes inte vara uppfyllda.",
  "CASE.PERIOD_INVALID": "Slutdatumet måste ligga efter startdatumet.",
  "CASE.PERIOD_INSTEG":
    "Insteg beviljas för {months} månader: perioden slutar {end} (Bromma stadsdelsförvaltnings remissvar, Dnr BRO 2023/126).",
  "CASE.PERIOD_NEEDS_SPECIAL_REASON":
    "Insatsen beviljas normalt för två år (till {end}). En längre period kräver särskilda skäl som anges i beslutet (Bromma stadsdelsförvaltnings remissvar, Dnr BRO 2023/126).",
  "CASE.INTERVAL_INVALID":
    "Vid bifall beviljas det sökta intervallet, vid delavslag ett lägre intervall och vid avslag inget (tillämpningsanvisningarna för socialpsykiatrin, avsnitt 2.2).",
  "CASE.JOBBTORG_UNIT_MISMATCH": "Välj rätt enhet på Jobbtorg: Alfa för socialpsykiatri, Iwork för LSS.",
  "CASE.FOLLOW_UP_CHECKLIST_INCOMPLETE":
    "Uppföljningen görs med uppföljningsdelen i DUR och följer upp behov, syfte och målsättning – bocka i båda (tillämpningsanvisningarna för socialpsykiatrin, bilaga 1, avsnitt 3 Uppföljning).",
  "CASE.DECISION_PERIOD_ENDED":
    "Beslutet gällde till {end}. För att fortsätta behövs ett nytt beslut: avsluta ärendet och registrera en ny ansökan.",
  "CASE.CLOSE_REASON_INVALID":
    "Skälet ”avslag” används när ansökan avslogs, och ett avslaget ärende avslutas med just det skälet.",
  "CASE.REF_PERSONNUMMER":
    "Ärendereferensen innehåller ett personnummer eller samordningsnummer. Insatsguiden tar aldrig emot personnummer: chatten är ingen journal och uppgiften omfattas av socialtjänstsekretess. Ange ärendets referens från verksamhetssystemet i stället.",
  "CASE.REF_FORMAT": "Ärendereferensen har fel format. Exempel på rätt format: {example}.",
  "CASE.REF_TAKEN": "Det finns redan ett ärende med den referensen i Insatsguiden.",
  "CASE.INSATS_NOT_FOR_UNIT": "Din enhet ({unit}) handlägger inte den insatsen.",
  "CASE.NOT_A_CASEWORKER": "Bara handläggare kan registrera nya ansökningar.",
  "CASE.PERSONAL_CHAT_ONLY":
    "Ärendekort visas bara i din personliga chatt med Insatsguiden – skriv **mina ärenden** där.",
  "CASE.FOLLOW_UP_NEEDS_CHECKLIST":
    "Registrera uppföljningen i ärendet: tryck på **Öppna ärendet** och fyll i checklistan (tillämpningsanvisningarna för socialpsykiatrin, bilaga 1, avsnitt 3 Uppföljning), så planeras nästa uppföljning.",
  // orders
  "ORDER.NOT_FOUND": "Beställningen finns inte i Insatsguiden.",
  "ORDER.NOT_YOURS":
    "Beställningen är tilldelad en annan arbetsspecialist. Den som har ärendet eller gruppledaren kan göra det här.",
  "ORDER.NOT_A_SPECIALIST":
    "Bara enhetens arbetsspecialister kan ta ärenden. Som gruppledare använder du **Tilldela**.",
  "ORDER.CLOSED": "Insatsen är redan avslutad.",
  "ORDER.ASSIGNEE_INVALID": "Välj en arbetsspecialist på enheten.",
  "ORDER.WRONG_STATE": "Det går inte i beställningens nuvarande läge. Korten visar läget just nu.",
  "ORDER.NOT_ASSIGNED": "Beställningen behöver först tilldelas en arbetsspecialist.",
  "ORDER.DATE_IN_FUTURE": "Datumet kan inte ligga i framtiden.",
  "ORDER.DATE_BEFORE_ORDER": "Datumet kan inte ligga före beställningen ({orderedOn}).",
  "ORDER.LEADERS_ONLY": "Kö- och tempoöversikten är till för Jobbtorgs gruppledare.",
  "ORDER.PERSONAL_CHAT_ONLY":
    "Den här listan visas bara i din personliga chatt med Insatsguiden – skriv kommandot där.",
  // rules
  "RULES.QUESTION_PERSONNUMMER":
    "Frågan innehåller ett personnummer eller samordningsnummer och besvarades inte. Insatsguiden tar aldrig emot personnummer – beskriv situationen utan uppgifter som pekar ut den enskilde.",
  "RULES.PERSONAL_CHAT_ONLY":
    "Behörighet prövas bara i din personliga chatt med Insatsguiden, så att uppgifter om den enskilde inte syns i kanalen. Ställ frågan där.",
  // meetings
  "MEETING.NOT_FOUND": "Mötet finns inte i Insatsguiden.",
  "MEETING.WRONG_STEP": "Flerpartsmöte bokas när ärendet står på steget Flerpartsmöte.",
  "MEETING.ALREADY_BOOKED":
    "Ärendet har redan ett bokat flerpartsmöte. Flytta eller ställ in det i stället för att boka ett nytt.",
  "MEETING.CANCELLED": "Mötet är redan inställt.",
  "MEETING.OUTSIDE_WORKING_HOURS":
    "Välj en tid inom arbetstid ({hours}) på en arbetsdag – helger och helgdagar går inte.",
  "MEETING.IN_PAST": "Tiden har redan passerat. Välj en senare tid.",
  "MEETING.SLOT_REQUIRED": "Välj en av de föreslagna tiderna eller ange datum och tid.",
  "MEETING.MAILBOX_NOT_CONFIGURED":
    "Det finns ingen funktionsbrevlåda inställd för {unit}. Be administratören ange MEETING_MAILBOX_IWORK.",
  "MEETING.ADDRESS_INVALID": "{address} är ingen giltig e-postadress.",
  "MEETING.ADDRESS_PERSONNUMMER":
    "Fler deltagare innehåller något som ser ut som ett personnummer eller samordningsnummer och togs inte emot. Ange bara e-postadresser – aldrig den enskildes personnummer.",
  "MEETING.ADDRESS_DOMAIN":
    "{address} kan inte bjudas in: kallelser går bara till adresser i katalogen eller på {domains}.",
  "MEETING.DELIVERY_FAILED":
    "Kallelsen kunde inte skickas just nu, så ingenting har ändrats. Försök igen om en stund.",
  "MEETING.CASE_REF_REQUIRED":
    "Skriv ärendereferensen efter kommandot, till exempel: boka flerpartsmöte {example}",
};

/** Swedish text for a code, with `{name}` placeholders filled from details. */
export function messageFor(code: ErrorCode, details: Readonly<Record<string, string | number>> = {}): string {
  return errorMessages[code].replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in details ? String(details[key]) : whole,
  );
}
