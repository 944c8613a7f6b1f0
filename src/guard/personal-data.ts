import { findIdentityNumbers, maskIdentityNumbers } from "../identity/personnummer.js";
import { z } from "../validation.js";

/**
 * The one check for personal data in free text the bot keeps or forwards: case references,
 * meeting participants and subjects, channel messages, expert questions (DOMAIN.md,
 * "Personnummer / samordningsnummer"). Anything shaped like a personnummer or samordningsnummer
 * in any notation is refused whatever its check digit — a mistyped number is still someone's —
 * and the text is never echoed back or stored.
 */
export type GuardResult = { ok: true } | { ok: false; reason: string };

export const personalNumberReason =
  "Texten innehåller något som ser ut som ett personnummer eller samordningsnummer och togs inte emot. " +
  "Insatsguiden tar aldrig emot personnummer: chatten är ingen journal och uppgiften omfattas av socialtjänstsekretess.";

/** True when `text` contains anything shaped like a personnummer or samordningsnummer (any check digit). */
export function looksLikeIdentityNumber(text: string): boolean {
  return findIdentityNumbers(text, { anyCheckDigit: true }).length > 0;
}

/** Free text the bot may keep or forward, or the Swedish reason it may not. */
export function checkFreeText(text: string): GuardResult {
  return looksLikeIdentityNumber(text) ? { ok: false, reason: personalNumberReason } : { ok: true };
}

/** `text` with anything shaped like a personnummer masked: for text kept before this guard existed. */
export function maskPersonalData(text: string): string {
  return maskIdentityNumbers(text, { anyCheckDigit: true });
}

/** Which addresses may be invited to a meeting: these domains, or anyone in the directory. */
export interface ParticipantPolicy {
  /** Lower-case domains (`stockholm.se`); subdomains count (`edu.stockholm.se`). */
  allowedDomains: readonly string[];
  /** True when the address belongs to someone in the directory. */
  isDirectoryAddress(address: string): boolean;
}

export type ParticipantRefusal = "personnummer" | "not-an-address" | "domain";

const emailSchema = z.email();

/**
 * A meeting participant: an e-mail address only, in an allowed domain or the directory.
 * @returns the normalised (trimmed, lower-case) address, or why it is refused.
 */
export function checkParticipant(
  raw: string,
  policy: ParticipantPolicy,
): { ok: true; address: string } | { ok: false; refusal: ParticipantRefusal } {
  const address = raw.trim().toLowerCase();
  if (looksLikeIdentityNumber(address)) return { ok: false, refusal: "personnummer" };
  if (!emailSchema.safeParse(address).success) return { ok: false, refusal: "not-an-address" };
  const domain = address.slice(address.lastIndexOf("@") + 1);
  const allowed = policy.allowedDomains.some((d) => domain === d || domain.endsWith(`.${d}`));
  if (!allowed && !policy.isDirectoryAddress(address)) return { ok: false, refusal: "domain" };
  return { ok: true, address };
}
