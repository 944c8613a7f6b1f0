/**
 * The four case types and their processes (DOMAIN.md "The case process"; 003 Bilaga 1 and 2).
 * Pure data: which insatser a type covers, which steps it walks through, who carries it out.
 */
import type { IsoDate } from "../deadlines/index.js";
import type { CaseworkerUnit, JobbtorgUnit } from "../directory/directory.js";
import { lawOn, lawText } from "../rules/law.js";
import { citationsText, cite } from "../rules/sources.js";

/**
 * - `A` särskilt individanpassad stödinsats, socialpsykiatri (Jobbtorg Alfa), 4:1 + 4:2 (001, 003 §4.2)
 * - `B` the same for LSS personkrets 1–2 (Jobbtorg Iwork): Insteg or the two-year insats (004)
 * - `C` sysselsättning under 4 kap. 1 § SoL with an hour interval (003 §1–3)
 * - `D` the outreach groups (UVAS, women with a weak labour-market position), decided by
 *   arbetsmarknadsnämnden through Jobbtorg's own caseworkers (002)
 */
export const caseTypes = ["A", "B", "C", "D"] as const;
export type CaseType = (typeof caseTypes)[number];

/** The insatser a case can be about (the rule module's ids). */
export const caseInsatsIds = [
  "sis-socialpsykiatri",
  "lss-insteg",
  "lss-sis",
  "sysselsattning",
  "uvas-kvinnor-sis",
] as const;
export type CaseInsatsId = (typeof caseInsatsIds)[number];

export const caseTypeOfInsats: Readonly<Record<CaseInsatsId, CaseType>> = {
  "sis-socialpsykiatri": "A",
  "lss-insteg": "B",
  "lss-sis": "B",
  sysselsattning: "C",
  "uvas-kvinnor-sis": "D",
};

/** Short Swedish names for cards and lists (channel-safe: no client data). */
export const insatsShortNames: Readonly<Record<CaseInsatsId, string>> = {
  "sis-socialpsykiatri": "Alfa (socialpsykiatri)",
  "lss-insteg": "Iwork Insteg",
  "lss-sis": "Iwork (LSS)",
  sysselsattning: "Sysselsättning",
  "uvas-kvinnor-sis": "Uppsökande (UVAS/kvinnor)",
};

/** Full Swedish names, as decisions name the insats (001, 003, 004, 002). */
export const insatsNames: Readonly<Record<CaseInsatsId, string>> = {
  "sis-socialpsykiatri": "särskilt individanpassad stödinsats för att underlätta arbete eller studier",
  "lss-insteg": "särskilt individanpassat stöd till arbete eller studier Insteg",
  "lss-sis": "särskilt individanpassat stöd till arbete eller studier",
  sysselsattning: "sysselsättning",
  "uvas-kvinnor-sis":
    "särskilt individanpassad stödinsats för att underlätta arbete eller studier för vissa målgrupper som nås via arbetsmarknadsnämndens uppsökande uppdrag",
};

/** Which caseworker unit may open a case about which insats. */
export const insatserForUnit: Readonly<Record<CaseworkerUnit, readonly CaseInsatsId[]>> = {
  socialpsykiatri: ["sis-socialpsykiatri", "sysselsattning"],
  lss: ["lss-insteg", "lss-sis"],
  uppsokande: ["uvas-kvinnor-sis"],
};

/** The Jobbtorg unit an order goes to by default; C is ordered from a sysselsättning provider instead. */
export const defaultJobbtorgUnit: Readonly<Record<CaseType, JobbtorgUnit | undefined>> = {
  A: "alfa",
  B: "iwork",
  C: undefined,
  D: "alfa",
};

/** True when the insats is carried out by Jobbtorg (an order in the `orders` table). */
export function ordersFromJobbtorg(type: CaseType): boolean {
  return type !== "C";
}

/** Decided as a 4 kap. 1 § rejection followed by a 4 kap. 2 § grant (JO; 001, 003 §4.2.1, 002). */
export function decidesInTwoSteps(type: CaseType): boolean {
  return type !== "C";
}

export const stepIds = [
  "ansokan",
  "informationsmote",
  "malgrupp",
  "dur",
  "flerpartsmote",
  "kriterier",
  "beslut",
  "bestallning",
  "genomforandeplan",
  "uppfoljning",
  "avslut",
] as const;
export type StepId = (typeof stepIds)[number];

/** The steps a case type walks through, in order. C has no flerpartsmöte with Jobbtorg (003 Bilaga 1). */
export function stepsFor(type: CaseType): readonly StepId[] {
  return type === "C" ? stepIds.filter((step) => step !== "flerpartsmote") : stepIds;
}

/** "Steg N av M" for a step of a case type. */
export function stepPosition(type: CaseType, step: StepId): { number: number; of: number } {
  const steps = stepsFor(type);
  return { number: steps.indexOf(step) + 1, of: steps.length };
}

export const stepTitles: Readonly<Record<StepId, string>> = {
  ansokan: "Ansökan",
  informationsmote: "Informationsmöte",
  malgrupp: "Målgruppstillhörighet",
  dur: "Utredning med DUR",
  flerpartsmote: "Flerpartsmöte med Jobbtorg",
  kriterier: "Kriterier",
  beslut: "Beslut",
  bestallning: "Beställning",
  genomforandeplan: "Genomförandeplan mottagen och granskad",
  uppfoljning: "Uppföljning",
  avslut: "Avslut",
};

/** Short guidance per step with the source section it comes from. */
export interface StepGuidance {
  todo: string;
  guidance: string;
  /** The documents and sections it comes from, as users read them (src/rules/sources.ts). */
  source: string;
}

const anvisningar = (...sections: string[]) =>
  sections.map((section) => cite("tillampningsanvisningar", section));
const socialnamnden = (section: string) => cite("socialnamnden2023", section);
const bromma = cite("bromma", "Ärendet");
const farsta = cite("farsta", "Remissen i sammanfattning");

/**
 * What to do in a step, why, and where the sources say so. `on` is the day the guidance is read:
 * the paragraphs named are those of the act in force then.
 */
export function guidanceFor(type: CaseType, step: StepId, on: IsoDate): StepGuidance {
  const right = lawText(lawOn("rightToInsatser", on));
  const beyond = lawText(lawOn("beyondRight", on));
  switch (step) {
    case "ansokan":
      return {
        todo: "Registrera ansökan med ärendereferens, insats och datum.",
        guidance: "Ärenden känns igen på sin referens från verksamhetssystemet – aldrig på personnummer.",
        source: citationsText(anvisningar("Bilaga 1, 1. Ansökan")),
      };
    case "informationsmote":
      return {
        todo: "Håll informationsmötet med den enskilde och ange datumet.",
        guidance:
          "Informera om handläggningsprocessen och om möjligheten att vara delaktig i utredningen. Är det första kontakten görs också en målgruppstillhörighetsbedömning.",
        source: citationsText(anvisningar("Bilaga 2, Informationsmöte")),
      };
    case "malgrupp":
      return {
        todo: "Bedöm målgruppstillhörigheten och bekräfta den.",
        guidance:
          type === "B"
            ? "LSS personkrets 1 eller 2 och en uttalad önskan om arbete eller studier."
            : type === "D"
              ? "Unga 19–29 år som varken arbetar eller studerar (UVAS) eller kvinnor med svag ställning på arbetsmarknaden. Personer med försörjningsstöd har inte rätt till insatsen. Kontrollera vilken kommun som ansvarar."
              : "Fastställ tillhörigheten enligt stadens definition av socialpsykiatrins målgrupp (Nationell psykiatrisamordning).",
        source: citationsText(
          type === "B"
            ? [socialnamnden("Iwork"), bromma]
            : type === "D"
              ? [cite("farsta", "Sammanfattning"), cite("farsta", "Förvaltningens synpunkter och förslag")]
              : anvisningar("1.1 Vad är sysselsättning?", "Bilaga 1, 1. Ansökan"),
        ),
      };
    case "dur":
      return {
        todo: "Utred med DUR och klargör behov, syfte och målsättning med den enskilde.",
        guidance:
          "Fördjupa livsområdena arbete, utbildning och sysselsättning, intressen, psykisk hälsa och vardagsaktiviteter (ADL). Är den enskilde under 35 år ska arbete, utbildning och sysselsättning alltid fördjupas.",
        source: citationsText(
          anvisningar("2.1 Att utreda rätten till sysselsättning", "Bilaga 1, 1. Ansökan"),
        ),
      };
    case "flerpartsmote":
      return {
        // The case's own Jobbtorg unit: LSS cases meet Iwork, not Alfa. The card names its mailbox.
        todo: `Boka flerpartsmöte med Jobbtorg ${defaultJobbtorgUnit[type] === "iwork" ? "Iwork" : "Alfa"}, före beslutet.`,
        guidance:
          "Mötet är en del av utredningen och ger dig och den enskilde fördjupad information om insatsen.",
        source: citationsText(anvisningar("Bilaga 1, 1. Ansökan", "Bilaga 2, DUR-utredning")),
      };
    case "kriterier":
      return type === "C"
        ? {
            todo: "Bedöm stödbehovet, inriktningen och omfattningen.",
            guidance:
              "Socialt inriktad eller arbetsrehabiliterande sysselsättning; omfattning i stadens intervall 1–12, 10–24 eller 22–40 timmar i veckan. Gör en sammantagen bedömning av andra aktörers ansvar.",
            source: citationsText(
              anvisningar(
                "2.2 Omfattning",
                "3.2 Socialt inriktad sysselsättning",
                "3.3 Arbetsrehabiliterande sysselsättning",
                "Bilaga 1, 1. Ansökan",
              ),
            ),
          }
        : type === "A"
          ? {
              todo: "Pröva kriterierna för insatsen och hämta in arbetsspecialistens bedömning.",
              guidance:
                "Alla kriterier ska vara uppfyllda. Om den enskilde bedöms kunna börja arbeta avgör du efter inhämtad bedömning från arbetsspecialisten på Jobbtorg.",
              source: citationsText(anvisningar("4.2.3 Handläggning och kriterier")),
            }
          : {
              todo: "Pröva kriterierna för insatsen.",
              guidance:
                type === "B"
                  ? "Källorna anger inte de exakta kriterierna för Iwork och Insteg – bedöm enligt stadens riktlinjer och regelmodulens kriterier."
                  : "Pröva rätten till insatsen enligt arbetsmarknadsnämndens riktlinjer; personer med försörjningsstöd har inte rätt till den.",
              source: citationsText(type === "B" ? [socialnamnden("Iwork"), bromma] : [farsta]),
            };
    case "beslut":
      return type === "C"
        ? {
            todo: "Fatta beslut om bifall, avslag eller delavslag med omfattning.",
            guidance: `Beslutet fattas enligt ${right} och ska motiveras. Vid avslag eller delavslag: informera om rätten att överklaga.`,
            source: citationsText(
              anvisningar("2.2 Omfattning", "2.3 Beslut och uppföljning", "Bilaga 1, 2. Fatta beslut"),
            ),
          }
        : {
            todo: `Fatta beslut: avslag enligt ${right} och prövning enligt ${beyond}.`,
            guidance: `Ett beviljande enligt ${beyond} ska alltid föregås av ett avslag enligt ${right} (JO). Beslutet enligt ${beyond} kan bara laglighetsprövas; överväg ett ändringsförbehåll.`,
            source: citationsText([
              ...(type === "D"
                ? [cite("farsta", "Förvaltningens synpunkter och förslag")]
                : [socialnamnden("Handläggningsprocessen vid beslut enligt 4 kap. 2 § SoL")]),
              ...anvisningar(
                "4.2.1 Skrivelser om kommunens möjligheter och skyldigheter enligt SoL",
                "4.2.6 Laglighetsprövning",
                "4.2.7 Ändringsförbehåll",
              ),
            ]),
          };
    case "bestallning":
      return {
        todo: ordersFromJobbtorg(type)
          ? "Skicka beställningen till Jobbtorg."
          : "Skicka beställningen till utföraren.",
        guidance:
          "Samverka med t.ex. Arbetsförmedlingen, Försäkringskassan, anhöriga och vården; en SIP kan upprättas om den enskilde samtycker. Informera om att uppföljning sker var sjätte månad.",
        source: citationsText(anvisningar("Bilaga 1, 2. Fatta beslut")),
      };
    case "genomforandeplan":
      return {
        todo: "Ta emot genomförandeplanen och kontrollera att den stämmer med beställningen.",
        guidance:
          "Genomförandeplanen ska komma inom 15 dagar från beställningen (Bilaga 1: dagar, Bilaga 2: arbetsdagar). En mottagen plan bekräftar att insatsen har påbörjats.",
        source: citationsText(anvisningar("Bilaga 1, 2. Fatta beslut", "Bilaga 2, Genomförandeplan")),
      };
    case "uppfoljning":
      return {
        todo: "Följ upp insatsen med uppföljningsdelen i DUR.",
        guidance:
          "Uppföljning sker var sjätte månad eller tidigare vid behov. Fortsätter insatsen skickas en ny, uppdaterad beställning och en ny genomförandeplan ska komma inom 15 dagar.",
        source: citationsText(anvisningar("Bilaga 1, 3. Uppföljning", "Bilaga 2, Uppföljning")),
      };
    case "avslut":
      return {
        todo: "Avsluta ärendet.",
        guidance:
          "Insatsen avslutas när behovet inte längre finns eller nätverket tar över. Ett avslutande möte hålls med nätverket; den enskilde kan kontakta Jobbtorg för efterstöd.",
        source: citationsText(anvisningar("Bilaga 2, Avslut")),
      };
  }
}
