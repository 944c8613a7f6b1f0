import { describe, expect, it } from "vitest";
import {
  containsIdentityNumber,
  findIdentityNumbers,
  luhnCheckDigit,
  maskIdentityNumbers,
} from "../src/identity/personnummer.js";

describe("Luhn check digit over the ten-digit form", () => {
  it.each([
    ["811218987", 6],
    ["640823323", 4],
    ["121212121", 2],
    ["701063239", 1],
  ])("%s → %i", (nine, digit) => {
    expect(luhnCheckDigit(nine)).toBe(digit);
  });
});

describe("recognising personnummer and samordningsnummer", () => {
  it.each([
    // the forms
    ["811218-9876", "personnummer"],
    ["8112189876", "personnummer"],
    ["19811218-9876", "personnummer"],
    ["198112189876", "personnummer"],
    ["121212+1212", "personnummer"],
    ["640823-3234", "personnummer"],
    // samordningsnummer: day + 60
    ["701063-2391", "samordningsnummer"],
    ["197010632391", "samordningsnummer"],
    // inside other text
    ["Ärende för 811218-9876, ring tillbaka", "personnummer"],
    ["ref:19811218-9876.", "personnummer"],
    ["pnr811218-9876x", "personnummer"],
  ] as const)("%j → %s", (text, kind) => {
    const found = findIdentityNumbers(text);
    expect(found).toHaveLength(1);
    expect(found[0]?.kind).toBe(kind);
    expect(containsIdentityNumber(text)).toBe(true);
  });

  it.each([
    ["811218-9877", "wrong check digit"],
    ["811318-9876", "month 13"],
    ["811232-9876", "day 32"],
    ["810230-1234", "30 February"],
    ["810229-1234", "29 February in a non-leap year"],
    ["811292-9876", "samordningsnummer day 92 (32 + 60)"],
    ["17811218-9876", "century 17"],
    ["19811218+9876", "plus sign with a four-digit year"],
    ["1811218-98761", "digits run on"],
    ["FA-2026-0142", "a case reference"],
    ["SoF 2023/434", "a diarienummer"],
    ["0701234567", "a phone number"],
    ["", "nothing"],
  ])("%j is not one (%s)", (text) => {
    expect(containsIdentityNumber(text)).toBe(false);
  });

  it("accepts 29 February when the year is a leap year", () => {
    const serial = "000";
    const check = luhnCheckDigit(`000229${serial}`);
    expect(containsIdentityNumber(`20000229-${serial}${check}`)).toBe(true);
    expect(containsIdentityNumber(`000229-${serial}${check}`)).toBe(true);
    expect(containsIdentityNumber(`19000229-${serial}${check}`)).toBe(false);
  });

  it("finds several in one text and masks them without returning the numbers", () => {
    const text = "Två: 811218-9876 och 701063-2391.";
    expect(findIdentityNumbers(text).map((m) => m.kind)).toEqual(["personnummer", "samordningsnummer"]);
    expect(maskIdentityNumbers(text)).toBe(
      "Två: [personnummer borttaget] och [samordningsnummer borttaget].",
    );
  });
});
