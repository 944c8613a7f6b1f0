import { DomainError, fail, ok, type Result } from "../errors.js";
import { looksLikeIdentityNumber } from "../guard/personal-data.js";

/** How case references look where this instance runs (`CASE_REF_PATTERN`, `CASE_REF_EXAMPLE`). */
export interface CaseRefFormat {
  pattern: RegExp;
  example: string;
}

export function caseRefFormat(config: { CASE_REF_PATTERN: string; CASE_REF_EXAMPLE: string }): CaseRefFormat {
  return { pattern: new RegExp(config.CASE_REF_PATTERN, "u"), example: config.CASE_REF_EXAMPLE };
}

/**
 * The case reference, trimmed, or why it is refused. Anything that is or contains a personnummer
 * or samordningsnummer (any notation, any check digit: src/guard/personal-data.ts) is refused
 * first, whatever the configured format allows (DOMAIN.md,
 * "Personnummer"): cases are known by their reference, never by the client's identity.
 */
export function checkCaseRef(raw: string, format: CaseRefFormat): Result<string, DomainError> {
  const ref = raw.trim().replace(/\s+/g, " ");
  if (looksLikeIdentityNumber(ref))
    return fail(new DomainError("CASE.REF_PERSONNUMMER", { field: "caseRef" }));
  if (!format.pattern.test(ref)) {
    return fail(new DomainError("CASE.REF_FORMAT", { field: "caseRef", example: format.example }));
  }
  return ok(ref);
}
