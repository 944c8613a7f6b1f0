/** The seed documents and the law versions the rules cite (../shared/seeds, DOMAIN.md). */
import type { Citation } from "./types.js";

export const seeds = {
  utanBehovsprovning: "000_28a899abfcb218b2.txt",
  socialnamnden2023: "001_2938b2b8e1a09cab.txt",
  farsta: "002_7efccebe36c77ef1.txt",
  tillampningsanvisningar: "003_4c615ea3040924b7.txt",
  bromma: "004_f3aae7c825b0d0d0.txt",
} as const;

/** The act in force until 30 June 2025. */
export const sol2001 = { lawVersion: "socialtjänstlagen (2001:453)", to: "2025-06-30" } as const;
/**
 * The new act from 1 July 2025 (prop. 2024/25:89). Its SFS number is not in the sources, so it
 * is named by the bill; paragraph numbers are the bill's as seed 000 gives them.
 */
export const solNew = {
  lawVersion: "socialtjänstlagen enligt prop. 2024/25:89",
  from: "2025-07-01",
} as const;

export const lss = {
  lawVersion: "lagen (1993:387) om stöd och service till vissa funktionshindrade",
} as const;

export function cite(
  source: keyof typeof seeds,
  section: string,
  extra: Omit<Citation, "source" | "section"> = {},
): Citation {
  return { source: seeds[source], section, ...extra };
}

/** 4 kap. 1 § SoL (2001:453), and its counterpart 11 kap. 1 § in the new act (seed 000). */
export function chapter4Section1(source: keyof typeof seeds, section: string): Citation[] {
  return [
    cite(source, section, { law: "4 kap. 1 §", ...sol2001 }),
    cite("utanBehovsprovning", "Insatser efter individuell behovsprövning", {
      law: "11 kap. 1 §",
      ...solNew,
    }),
  ];
}

/** 4 kap. 2 § SoL (2001:453); its counterpart in the new act is not stated in the sources. */
export function chapter4Section2(source: keyof typeof seeds, section: string): Citation[] {
  return [
    cite(source, section, { law: "4 kap. 2 §", ...sol2001 }),
    cite(source, section, {
      law: "motsvarigheten till 4 kap. 2 § SoL (2001:453)",
      ...solNew,
      note: "Källorna anger inte paragrafen i den nya lagen; kontrollera numreringen innan beslut.",
    }),
  ];
}

/** 11 kap. 5 § in the new act: insatser without individual needs assessment (seed 000). */
export const withoutAssessment = cite("utanBehovsprovning", "Insatser utan individuell behovsprövning", {
  law: "11 kap. 5 §",
  ...solNew,
});
