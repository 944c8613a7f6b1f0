/**
 * The five source documents as documents: title, who wrote it, who it went to, date and
 * diarienummer as the documents themselves state them, and the section headings they use with a
 * short summary in our own words. Users see citations rendered from here ("… (Socialförvaltningen,
 * oktober 2023, Dnr SOF 2023/434), avsnitt 4.2.3 …"), never a file name.
 */
import type { IsoDate } from "../deadlines/index.js";
import { lawOn, lawText, provisions, type LawRef, type Provision } from "./law.js";
import type { Citation } from "./types.js";

/** The seed files behind the documents (kept for traceability; never shown to users). */
export const seeds = {
  utanBehovsprovning: "000_28a899abfcb218b2.txt",
  socialnamnden2023: "001_2938b2b8e1a09cab.txt",
  farsta: "002_7efccebe36c77ef1.txt",
  tillampningsanvisningar: "003_4c615ea3040924b7.txt",
  bromma: "004_f3aae7c825b0d0d0.txt",
} as const;
export type SourceKey = keyof typeof seeds;

export interface SourceSection {
  /** How citations name it, e.g. "4.2.3 Handläggning och kriterier" or "Bilaga 2, Avslut". */
  id: string;
  /** What the section says, in our words, for "Visa källa". */
  summary: string;
}

export interface SourceDocument {
  key: SourceKey;
  /** The title as the document states it. */
  title: string;
  /** Who wrote it. */
  author: string;
  /** The kind of document and who it was put to, e.g. "tjänsteutlåtande till socialnämnden". */
  addressedTo?: string;
  /** The date as the document states it ("2023-02-21", "oktober 2023"); absent when it states none. */
  date?: string;
  dnr?: string;
  /** A short name for running text ("tillämpningsanvisningarna"). */
  shortName: string;
  sections: readonly SourceSection[];
}

const tillampningsanvisningar: SourceDocument = {
  key: "tillampningsanvisningar",
  // The title page reads "särskild individanpassat stödinsats"; the running heads correct it.
  title:
    "Tillämpningsanvisningar för sysselsättning och särskilt individanpassad stödinsats för att underlätta arbete och studier inom socialpsykiatri",
  author: "Socialförvaltningen",
  date: "oktober 2023",
  dnr: "SOF 2023/434",
  shortName: "tillämpningsanvisningarna för socialpsykiatrin (Dnr SOF 2023/434)",
  sections: [
    {
      id: "1.1 Vad är sysselsättning?",
      summary:
        "Sysselsättning är en insats för socialpsykiatrins målgrupp enligt Nationell psykiatrisamordnings definition: väsentliga svårigheter att utföra aktiviteter på viktiga livsområden, under längre tid, till följd av psykisk störning. Den prövas som en rätt till insatser.",
    },
    {
      id: "2. Ansökan, utredning och beslut",
      summary:
        "Den enskilde ansöker om sysselsättning och prövas mot rätten till insatser. Insatsen är frivillig och kan avslutas när den enskilde vill.",
    },
    {
      id: "2.1 Att utreda rätten till sysselsättning",
      summary:
        "Ansökan utreds skyndsamt med DUR. Är den enskilde yngre än 35 år fördjupas alltid livsområdet arbete, utbildning eller sysselsättning.",
    },
    {
      id: "2.1.1 Vem har rätt till sysselsättning?",
      summary:
        "Sysselsättning är för den som saknar annan daglig sysselsättning eller aktivitet på grund av psykisk funktionsnedsättning. Det krävs varken att öppen verksamhet har prövats först eller att den enskilde har sjukersättning.",
    },
    {
      id: "2.1.2 Personer som är aktuella på Arbetsförmedlingen och/eller uppbär försörjningsstöd",
      summary:
        "Den som har försörjningsstöd eller är aktuell hos Arbetsförmedlingen kan beviljas sysselsättning efter individuell bedömning; handläggaren samverkar då med ekonomiskt bistånd och Arbetsförmedlingen.",
    },
    {
      id: "2.2 Omfattning",
      summary:
        "Sysselsättning beviljas i ett av tre överlappande intervall: 1–12, 10–24 eller 22–40 timmar i veckan. Den som vill delta mer än intervallet tillåter behöver en ny bedömning och ett nytt beslut. Beslutet blir bifall, avslag eller delavslag.",
    },
    {
      id: "2.3 Beslut och uppföljning",
      summary:
        "Hur länge ett beslut om sysselsättning gäller bedöms individuellt, men insatsen följs upp minst var sjätte månad med DUR:s uppföljningsdel, även vid årsbeslut.",
    },
    {
      id: "2.4 Ändring av beslut",
      summary:
        "Ett gynnande beslut får ändras till den enskildes nackdel bara på de grunder förvaltningslagen anger, till exempel när beslutet självt säger att det får ändras under vissa förutsättningar. Utan ett sådant förbehåll räcker inte väsentligt ändrade förhållanden.",
    },
    {
      id: "3.2 Socialt inriktad sysselsättning",
      summary:
        "Socialt inriktad sysselsättning är för den som just nu inte vill närma sig arbete eller studier. Det krävs ingen sjukersättning, inget läkarintyg och ingen fastställd diagnos.",
    },
    {
      id: "3.3 Arbetsrehabiliterande sysselsättning",
      summary:
        "Arbetsrehabiliterande sysselsättning är för den som vill närma sig arbete eller studier; den som vill och kan uppmuntras till de övre intervallen.",
    },
    {
      id: "4.1 Stadens definition av kommunala arbetsmarknadsinsatser",
      summary:
        "Stödbehovet avgör valet: arbetsrehabiliterande sysselsättning är för större stödbehov än Jobbtorg ger. Det krävs ingen inskrivning hos Arbetsförmedlingen.",
    },
    {
      id: "4.2.1 Skrivelser om kommunens möjligheter och skyldigheter enligt SoL",
      summary:
        "Stödinsatsen ingår inte i rätten till insatser utan ges med stöd av befogenheten att ge insatser utöver den rätten – en möjlighet för kommunen, ingen rättighet för den enskilde. Enligt JO ska ett beviljande föregås av ett avslag på rätten, så att den enskilde får ett beslut som kan överklagas med förvaltningsbesvär.",
    },
    {
      id: "4.2.2 Ansökan, utredning och beslut enligt 4 kap. 2 § SoL",
      summary:
        "Stödinsatsen har ett tydligt och primärt fokus på arbete eller studier och kan ges parallellt med sysselsättning.",
    },
    {
      id: "4.2.3 Handläggning och kriterier",
      summary:
        "Ansökan utreds med DUR och beslutet formuleras först som avslag på rätten till insatser och sedan som beviljande utöver den rätten. Sju krav ska vara uppfyllda: pågående kontakt med specialistpsykiatrin, arbete eller studier som primärt mål, varaktiga stödbehov, vilja och beredskap att arbeta eller studera, samtycke till samordning med specialistpsykiatrin, bedömd förmåga att börja arbeta med en arbetsspecialist (handläggaren bedömer efter arbetsspecialistens bedömning) och att Arbetsförmedlingen inte kan erbjuda en lämplig åtgärd.",
    },
    {
      id: "4.2.4 Behov, syfte och målsättning styr",
      summary:
        "Beviljandet bygger på en individuell bedömning av stödbehov och målsättning, som handläggaren kartlägger i dialog med den enskilde.",
    },
    {
      id: "4.2.5 Tidsbegränsning",
      summary:
        "Insatsens längd bedöms individuellt. Insatsen följs upp minst var sjätte månad med den enskilde och utföraren, oftare om någon begär det.",
    },
    {
      id: "4.2.6 Laglighetsprövning",
      summary:
        "Beslut om insatser utöver rätten kan inte överklagas med förvaltningsbesvär, bara laglighetsprövas enligt 13 kap. kommunallagen. Domstolen prövar då bara om beslutet är lagligt, inte dess innehåll.",
    },
    {
      id: "4.2.7 Ändringsförbehåll",
      summary:
        "Ett gynnande beslut ändras som huvudregel inte till den enskildes nackdel. Beslutet om stödinsatsen bör därför, när det är lämpligt, innehålla ett ändringsförbehåll, och ändras då bara vid väsentligt ändrade förhållanden.",
    },
    {
      id: "Bilaga 1, 1. Ansökan",
      summary:
        "Checklista vid ansökan: fastställ målgruppstillhörigheten enligt stadens definition för socialpsykiatrin, utred med DUR, klargör behov, syfte och målsättning och boka vid ansökan om stödinsatsen ett flerpartsmöte med Jobbtorg via alfa@stockholm.se.",
    },
    {
      id: "Bilaga 1, 2. Fatta beslut",
      summary:
        "Beslutet ska motiveras; vid avslag eller delavslag informeras den enskilde om rätten att överklaga och får hjälp vid behov. Efter beställningen ska genomförandeplanen komma inom 15 dagar.",
    },
    {
      id: "Bilaga 1, 3. Uppföljning",
      summary:
        "Efter sex månader följs insatsen upp med DUR:s uppföljningsdel: behov, syfte och målsättning, vid behov ny bedömning av rätten och omfattningen, byte av utförare och revidering av SIP.",
    },
    {
      id: "Bilaga 2, Informationsmöte",
      summary:
        "Ett första informationsmöte hålls på stadsdelsförvaltningen; är det första kontakten bedöms också målgruppstillhörigheten.",
    },
    {
      id: "Bilaga 2, DUR-utredning",
      summary:
        "Utredningen visar att kriterierna är uppfyllda; under utredningen, före beslutet, hålls ett flerpartssamtal med Jobbtorg som begärs via alfa@stockholm.se.",
    },
    {
      id: "Bilaga 2, Genomförandeplan",
      summary:
        "Genomförandeplanen skrivs med arbetsspecialisten och den enskilde och ska komma in senast 15 arbetsdagar efter att beställningen skickades; en mottagen plan bekräftar att insatsen har börjat.",
    },
    {
      id: "Bilaga 2, Verkställighet",
      summary:
        "Under praktik, arbete eller studier får den enskilde fortsatt stöd genom regelbundna uppföljningar.",
    },
    {
      id: "Bilaga 2, Uppföljning",
      summary:
        "Uppföljning sker var sjätte månad eller tidigare vid behov; handläggaren tar initiativet men arbetsspecialisten kan också begära uppföljning.",
    },
    {
      id: "Bilaga 2, Avslut",
      summary:
        "Insatsen avslutas när behovet inte längre finns eller nätverket tar över; ett avslutande möte hålls och den enskilde kan få efterstöd från Jobbtorg.",
    },
  ],
};

const socialnamnden2023: SourceDocument = {
  key: "socialnamnden2023",
  title:
    "Beslut om särskilt individanpassad stödinsats för att underlätta arbete eller studier enligt 4 kap. 2 § socialtjänstlagen (2001:453)",
  author: "Socialförvaltningen",
  addressedTo: "tjänsteutlåtande till socialnämnden",
  date: "2023-02-21",
  shortName: "socialförvaltningens tjänsteutlåtande till socialnämnden 2023-02-21",
  sections: [
    {
      id: "Alfa",
      summary:
        "Jobbtorg Alfa tar emot personer 18–64 år med psykisk funktionsnedsättning som är bosatta i Stockholms stad, står utanför arbetsmarknaden, vill finna, få och behålla ett arbete eller en studieplats och har kontakt med specialistpsykiatrin. Alfa arbetar med IPS.",
    },
    {
      id: "Iwork",
      summary:
        "Jobbtorg Iwork är för personer i personkrets 1 eller 2 enligt LSS som uttrycker en önskan om arbete eller studier, som komplement till eller övergång från daglig verksamhet. Iwork arbetar med supported employment.",
    },
    {
      id: "Skäl till förslaget",
      summary:
        "Individuella stödinsatser som IPS och supported employment kräver ett beslut. Det gäller den som inte har försörjningsstöd; den som har försörjningsstöd får Jobbtorgs insatser inom planeringen för försörjningsstödet, utan särskilt beslut.",
    },
    {
      id: "Möjligheter för kommunen att bevilja insatser enligt 4 kap. 2 § SoL",
      summary:
        "Kommunen får ge insatser utöver rätten till insatser; det är en befogenhet, ingen rättighet. Sådana beslut kan bara laglighetsprövas, och enligt JO ska ett beviljande föregås av ett avslag på rätten.",
    },
    {
      id: "Handläggningsprocessen vid beslut enligt 4 kap. 2 § SoL",
      summary:
        "Beslutet formuleras först som avslag på rätten till insatser – stödet ligger utöver det socialtjänsten ansvarar för att bevilja – och prövas sedan direkt mot kommunfullmäktiges kriterier för insatser utöver rätten.",
    },
    {
      id: "Jämställdhetsanalys",
      summary:
        "Besluten ska kunna följas upp efter kön, så att tillgången till insatserna är lika för kvinnor och män.",
    },
  ],
};

const farsta: SourceDocument = {
  key: "farsta",
  title:
    "Riktlinjer för beslut om arbetsmarknadsinsats för vissa målgrupper som nås via arbetsmarknadsnämndens uppsökande uppdrag – svar på remiss från kommunstyrelsen",
  author: "Farsta stadsdelsförvaltning",
  addressedTo: "tjänsteutlåtande till Farsta stadsdelsnämnd",
  shortName: "Farsta stadsdelsförvaltnings remissvar om de uppsökande målgrupperna",
  sections: [
    {
      id: "Sammanfattning",
      summary:
        "Arbetsmarknadsnämnden föreslås besluta om särskilt individanpassad stödinsats för unga 19–29 år som varken arbetar eller studerar (UVAS) och för kvinnor med svag ställning på arbetsmarknaden, främst utrikesfödda eller nyanlända kvinnor med kort eller ingen utbildning.",
    },
    {
      id: "Bakgrund",
      summary:
        "Kommunfullmäktige har gett arbetsmarknadsnämnden i uppdrag att arbeta uppsökande mot UVAS och kvinnor med svag ställning på arbetsmarknaden.",
    },
    {
      id: "Remissen i sammanfattning",
      summary:
        "Stödinsatsen ska föregås av individuell prövning och beslut av arbetsmarknadsnämnden utöver rätten till insatser. Den som har försörjningsstöd ska inte ha rätt till insatsen, eftersom försörjningsstödet redan omfattar Jobbtorgs insatser.",
    },
    {
      id: "Förvaltningens synpunkter och förslag",
      summary:
        "Besluten kan laglighetsprövas av alla kommunmedlemmar; de måste därför anmälas till nämnden eller protokollföras särskilt så att de finns i avidentifierad form. Förslaget säger inte om tillhörighet utreds – staden bör säkerställa att den enskilde får sina behov tillgodosedda i den kommun hen tillhör.",
    },
  ],
};

const bromma: SourceDocument = {
  key: "bromma",
  title:
    "Beslut om särskilt individanpassad stödinsats för att underlätta arbete eller studier enligt 4 kap. 2 § socialtjänstlagen (2001:453) – svar på remiss från kommunstyrelsen, KS 2023/280",
  author: "Bromma stadsdelsförvaltning",
  addressedTo: "tjänsteutlåtande till Bromma stadsdelsnämnd",
  date: "2023-04-03",
  dnr: "BRO 2023/126",
  shortName: "Bromma stadsdelsförvaltnings remissvar (Dnr BRO 2023/126)",
  sections: [
    {
      id: "Ärendet",
      summary:
        "För personkrets 1 eller 2 enligt LSS finns två insatser: Insteg, en inledande prövoperiod om fyra månader med färre kriterier som inte krävs för den längre insatsen, och särskilt individanpassat stöd till arbete eller studier, som utgår från två år och kan ges längre när det finns särskilda skäl. Besluten fattas av stadsdelsförvaltningen.",
    },
    {
      id: "Förvaltningens synpunkter och förslag",
      summary:
        "Insatsen ska rikta sig till den som uttrycker en önskan om arbete eller studier och gå att kombinera med daglig verksamhet; verkställigheten behöver gå snabbt.",
    },
  ],
};

const utanBehovsprovning: SourceDocument = {
  key: "utanBehovsprovning",
  title:
    "Tillhandahållande av insatser utan individuell behovsprövning i samband med ikraftträdande av ny socialtjänstlag",
  author: "Arbetsmarknadsförvaltningen",
  addressedTo: "tjänsteutlåtande till arbetsmarknadsnämnden",
  date: "18 februari 2025",
  shortName: "arbetsmarknadsförvaltningens tjänsteutlåtande om insatser utan behovsprövning (februari 2025)",
  sections: [
    {
      id: "Insatser för personliga behov",
      summary:
        "Rätten till insatser för personliga behov flyttas till 11 kap. 1 § i den nya lagen; orden bistånd och livsföring i övrigt ersätts av insatser och personliga behov, utan ändring i sak, och den enskilde ska tillförsäkras skäliga levnadsförhållanden.",
    },
    {
      id: "Insatser utan individuell behovsprövning",
      summary:
        "Enligt 11 kap. 5 § i den nya lagen får nämnden tillhandahålla insatser för personliga behov utan individuell behovsprövning, även riktade till en målgrupp. Sju slags insatser kräver alltid behovsprövning.",
    },
    {
      id: "Arbetsmarknadsförvaltningens synpunkter och förslag",
      summary:
        "Fem insatser ges i dag som öppna insatser med stöd av socialtjänstlagens bestämmelser om uppsökande verksamhet och föreslås ges utan individuell behovsprövning under den nya lagen.",
    },
    {
      id: "1. Råd och stöd till personer som nås via arbetsmarknadsnämndens uppsökande uppdrag",
      summary:
        "Råd och stöd, som byter namn till Arbetsmarknadsrådgivning, ges vid ett till fyra tillfällen till dem som nås via det uppsökande uppdraget (UVAS och kvinnor med svag ställning på arbetsmarknaden). Den särskilt individanpassade stödinsatsen för samma grupper behovsprövas även i fortsättningen.",
    },
    {
      id: "2. Förebygga skolavbrott",
      summary:
        "Målgruppen är personer under 20 år som är folkbokförda i Stockholms stad, studerar på gymnasiet och riskerar att avbryta studierna.",
    },
    {
      id: "3. Bron - stöd till unga som går sista året i anpassad gymnasieskola",
      summary:
        "Målgruppen är personer folkbokförda i Stockholms stad som studerar sista året på anpassad gymnasieskola. Den som behöver stöd efter skolan kan ansöka om den behovsprövade stödinsatsen.",
    },
    {
      id: "4. Etableringsstöd till nyanlända",
      summary:
        "Målgruppen är nyanlända som har uppehållstillstånd som flykting eller skyddsbehövande högst 36 månader gammalt, bor på SHIS Bostäder (högst 5 år), omfattas av massflyktsdirektivet eller är anhöriga som fått uppehållstillstånd inom 6 år från den anhöriges.",
    },
    {
      id: "5. IPS integrerat i psykosvården",
      summary:
        "Målgruppen är personer folkbokförda i Stockholms stad och inskrivna på en psykosmottagning som deltar i projektet; insatsen ges utan behovsprövning bara under projekttiden.",
    },
  ],
};

/** The registry, in seed order. */
export const sourceDocuments: readonly SourceDocument[] = [
  utanBehovsprovning,
  socialnamnden2023,
  farsta,
  tillampningsanvisningar,
  bromma,
];

const byKey = new Map<string, SourceDocument>(sourceDocuments.map((d) => [d.key, d]));
for (const [key, file] of Object.entries(seeds)) byKey.set(file, byKey.get(key)!);

/** The document a citation's `source` names: its key (`tillampningsanvisningar`) or its seed file. */
export function sourceDocument(source: string): SourceDocument | undefined {
  return byKey.get(source);
}

/** "Titel (Socialförvaltningen, oktober 2023, Dnr SOF 2023/434)". */
export function documentText(document: SourceDocument): string {
  const who = [
    document.addressedTo ? `${document.author}, ${document.addressedTo}` : document.author,
    document.date,
    document.dnr && `Dnr ${document.dnr}`,
  ].filter(Boolean);
  return `${document.title} (${who.join(", ")})`;
}

/**
 * A section as running text: "avsnitt 4.2.3 Handläggning och kriterier", "bilaga 2, avsnittet
 * ”Avslut”", "avsnittet ”Skäl till förslaget”".
 */
export function sectionText(section: string): string {
  const appendix = /^Bilaga (\d+)(?:,|\.)\s*(.*)$/.exec(section);
  if (appendix) {
    const [, number, rest] = appendix;
    return rest ? `bilaga ${number}, ${sectionText(rest)}` : `bilaga ${number}`;
  }
  const numbered = /^(\d+(?:\.\d+)*)\.?\s+(.+)$/.exec(section);
  if (numbered) return `avsnitt ${numbered[1]} ${numbered[2]}`;
  return `avsnittet ”${section}”`;
}

/** The section's summary from the registry, if the section is known. */
export function sectionSummary(citation: Pick<Citation, "source" | "section">): string | undefined {
  return sourceDocument(citation.source)?.sections.find((s) => s.id === citation.section)?.summary;
}

/**
 * A citation as users read it: the document with its author, date and diarienummer, the section,
 * and the law paragraph when there is one — "Tillämpningsanvisningar för … (Socialförvaltningen,
 * oktober 2023, Dnr SOF 2023/434), avsnitt 4.2.3 Handläggning och kriterier – 11 kap. 4 §
 * socialtjänstlagen (2025:400)". Never a file name.
 */
export function citationText(citation: Citation): string {
  const document = sourceDocument(citation.source);
  const where = document
    ? `${documentText(document)}, ${sectionText(citation.section)}`
    : sectionText(citation.section);
  return citation.law ? `${where} – ${citationLaw(citation)}` : where;
}

/** The law paragraph of a citation with its act: "11 kap. 4 § socialtjänstlagen (2025:400)". */
export function citationLaw(citation: Citation): string {
  if (!citation.law) return "";
  return citation.lawVersion ? lawText({ law: citation.law, act: citation.lawVersion }) : citation.law;
}

/** A citation of a document's section; `source` is the document key. */
export function cite(
  source: SourceKey,
  section: string,
  extra: Omit<Citation, "source" | "section"> = {},
): Citation {
  return { source, section, ...extra };
}

/**
 * A provision cited in every version, each with the section that supports it: the sources were
 * written under SoL (2001:453) and name its paragraphs; the version for socialtjänstlagen
 * (2025:400) carries `newActNote` where the sources do not state the new paragraph.
 */
export function citeProvision(
  provision: Provision,
  source: SourceKey,
  section: string,
  options: {
    summary?: string;
    newActSource?: [SourceKey, string];
    newActNote?: string;
    oldActNote?: string;
  } = {},
): Citation[] {
  return provisions[provision].map((version: LawRef) => {
    const isNew = version.from !== undefined;
    const [docKey, docSection] = isNew && options.newActSource ? options.newActSource : [source, section];
    return cite(docKey, docSection, {
      law: version.law,
      lawVersion: version.act,
      ...(version.from ? { from: version.from } : {}),
      ...(version.to ? { to: version.to } : {}),
      ...(options.summary ? { summary: options.summary } : {}),
      ...(isNew && options.newActNote ? { note: options.newActNote } : {}),
      ...(!isNew && options.oldActNote ? { note: options.oldActNote } : {}),
    });
  });
}

/** The law in force for a provision on `on`, as a citation label ("11 kap. 1 § socialtjänstlagen (2025:400)"). */
export function provisionText(provision: Provision, on: IsoDate): string {
  return lawText(lawOn(provision, on));
}

/**
 * Several citations as one line, each document named once: "Tillämpningsanvisningar … (…),
 * avsnitt 2.1 …; bilaga 1, avsnitt 1 Ansökan · Beslut om … (…), avsnittet ”Iwork”".
 */
export function citationsText(citations: readonly Citation[]): string {
  const groups = new Map<string, string[]>();
  for (const citation of citations) {
    const document = sourceDocument(citation.source);
    const key = document ? documentText(document) : "";
    const law = citation.law ? ` – ${citationLaw(citation)}` : "";
    groups.set(key, [...(groups.get(key) ?? []), `${sectionText(citation.section)}${law}`]);
  }
  return [...groups]
    .map(([document, sections]) => [document, sections.join("; ")].filter(Boolean).join(", "))
    .join(" · ");
}
