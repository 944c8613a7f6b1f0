import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { caseRefFormat, checkCaseRef } from "../src/domain/case-ref.js";
import {
  checkFreeText,
  checkParticipant,
  maskPersonalData,
  personalNumberReason,
} from "../src/guard/personal-data.js";
import { containsIdentityNumber, findIdentityNumbers } from "../src/identity/personnummer.js";
import { identityNotations, wrongCheckDigit } from "./support/identity-notations.js";

/**
 * Text that must pass: references, dates, phone numbers with separators. (A phone number typed as
 * ten bare digits, 0701234567, reads as 2007-01-23 and is refused: the price of ignoring the check digit.)
 */
const harmless = [
  "FA-2026-0142",
  "SoF 2023/434",
  "2026-03-02",
  "2026-03-02 10:30",
  "070-123 45 67",
  "08-508 000 00",
  "Möte kl 09:00 i rum 1234",
  "",
];

describe("the personal-data guard", () => {
  it.each([...identityNotations, ...wrongCheckDigit])("refuses %j, alone and inside text", (number) => {
    for (const text of [number, `ärende ${number} igen`, `ref:${number}.`]) {
      expect(checkFreeText(text)).toEqual({ ok: false, reason: personalNumberReason });
    }
    expect(personalNumberReason).toMatch(/personnummer.*socialtjänstsekretess/);
  });

  it.each(harmless)("lets %j through", (text) => {
    expect(checkFreeText(text)).toEqual({ ok: true });
  });

  it("masks what it refuses, for text kept before it existed", () => {
    expect(maskPersonalData("ärende 850312 2396 och 1985-03-12-2395")).toBe(
      "ärende [personnummer borttaget] och [personnummer borttaget]",
    );
  });

  it("stays fast on long runs of digits and spaces", () => {
    // A regular expression with two unbounded \s* would take seconds here.
    const text = `850312${" ".repeat(30_000)}x${"1".repeat(30_000)}`;
    expect(checkFreeText(text)).toEqual({ ok: true });
  });
});

describe("personnummer recognition in every notation (src/identity/personnummer.ts)", () => {
  it.each(identityNotations)("finds %j with a valid check digit", (number) => {
    expect(containsIdentityNumber(number)).toBe(true);
    const [found] = findIdentityNumbers(`x ${number} y`);
    expect(found?.index).toBe(2);
    expect(found?.length).toBe(number.length);
    expect(found?.kind).toBe(number.includes("72") ? "samordningsnummer" : "personnummer");
  });

  it.each(wrongCheckDigit)("finds %j only when asked to ignore the check digit", (number) => {
    expect(containsIdentityNumber(number)).toBe(false);
    expect(containsIdentityNumber(number, { anyCheckDigit: true })).toBe(true);
  });
});

describe("case references", () => {
  const format = caseRefFormat(loadConfig({}));

  it.each([...identityNotations, ...wrongCheckDigit])("refuses %j as a personnummer", (number) => {
    for (const ref of [number, `FA ${number}`]) {
      const result = checkCaseRef(ref, format);
      expect(result.ok ? "ok" : result.error.code).toBe("CASE.REF_PERSONNUMMER");
    }
  });

  it.each(["Zlatan Klientsson", "Anna Andersson", "ärende", "FA-12"])(
    "the default pattern refuses %j: a reference has at least three digits",
    (ref) => {
      const result = checkCaseRef(ref, format);
      expect(result.ok ? "ok" : result.error.code).toBe("CASE.REF_FORMAT");
    },
  );

  it.each(["FA-2026-0142", "SoF 2023/434", "LSS 123", "2026:17"])("accepts %j", (ref) => {
    expect(checkCaseRef(ref, format)).toEqual({ ok: true, value: ref });
  });

  it("keeps the pattern configurable", () => {
    const lenient = caseRefFormat(loadConfig({ CASE_REF_PATTERN: "^[\\p{L} ]+$" }));
    expect(checkCaseRef("Zlatan Klientsson", lenient).ok).toBe(true);
    expect(checkCaseRef("850312 2395", lenient).ok).toBe(false);
  });
});

describe("meeting participants", () => {
  const policy = {
    allowedDomains: loadConfig({}).MEETING_ALLOWED_DOMAINS,
    isDirectoryAddress: (address: string) => address === "sara@example.org",
  };
  const refusal = (raw: string) => {
    const result = checkParticipant(raw, policy);
    return result.ok ? result.address : result.refusal;
  };

  it("defaults MEETING_ALLOWED_DOMAINS to stockholm.se and refuses a bad list at startup", () => {
    expect(policy.allowedDomains).toEqual(["stockholm.se"]);
    expect(
      loadConfig({ MEETING_ALLOWED_DOMAINS: " Stockholm.se, edu.example.org" }).MEETING_ALLOWED_DOMAINS,
    ).toEqual(["stockholm.se", "edu.example.org"]);
    expect(() => loadConfig({ MEETING_ALLOWED_DOMAINS: "inte en domän" })).toThrow(/MEETING_ALLOWED_DOMAINS/);
  });

  it.each([...identityNotations, ...wrongCheckDigit])("refuses %j before anything else", (number) => {
    expect(refusal(number)).toBe("personnummer");
    expect(refusal(`${number.replace(/\s/g, "")}@stockholm.se`)).toBe("personnummer");
  });

  it.each([
    ["Extern@Stockholm.se", "extern@stockholm.se"],
    ["a.b@edu.stockholm.se", "a.b@edu.stockholm.se"],
    ["sara@example.org", "sara@example.org"],
    ["19640823-3234@x.se", "personnummer"],
    ["extern@gmail.com", "domain"],
    ["extern@stockholm.se.evil.com", "domain"],
    ["extern@notstockholm.se", "domain"],
    ["Zlatan Klientsson", "not-an-address"],
    ["inte-en-adress", "not-an-address"],
  ])("%j → %s", (raw, expected) => {
    expect(refusal(raw)).toBe(expected);
  });
});
