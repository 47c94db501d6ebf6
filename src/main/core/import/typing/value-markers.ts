// Texts that stand where a number was withheld or is missing: FOIA exemption codes, "N/A", small-cell
// suppression. They are kept as written (a researcher counts redactions, and "withheld" is not
// "blank"), but they say nothing about a column's type, so a column of counts that holds them is
// still a column of numbers. Anything else that is not a number makes the column text, as before.

// One FOIA exemption as logs write it: b6, B6, (b)(6), b(6), (b)6, b7C, b7(C), (b)(7)(C), (b)(7)(c).
const EXEMPTION = String.raw`\(?b\)?\s*\(?[1-9]\)?(?:\s*\(?[a-f]\)?)?`
// Several of them, as one cell lists them: "(b)(6), (b)(7)(C)", "b6; b7c", "b6/b7C", "(b)(6)(b)(7)(C)".
const EXEMPTIONS = new RegExp(String.raw`^(?:ex(?:emptions?|\.)?\s*)?${EXEMPTION}(?:\s*(?:[,;/&+]|and)?\s*${EXEMPTION})*$`, 'i')
// Small cells suppressed for privacy: "<5", "< 10", "<=10", "≤10", ">1000".
const SUPPRESSED = /^[<>≤≥]=?\s*\d+(?:\.\d+)?$/

// Compared lower-cased.
const WORDS = new Set([
  'n/a', 'na', 'n.a.', 'n.a', '#n/a', '(na)', 'null', 'none', 'nil', 'nan', 'unknown', 'unk', 'n/r', 'nr', 'not reported', 'not available',
  'redacted', '[redacted]', '(redacted)', 'withheld', '[withheld]', 'suppressed', 'confidential', 'classified',
  '-', '--', '---', '—', '–', '.', '..', '...', '…', '*', '**', '***', '?', '†', '‡', '§',
  // Census, BLS, EIA and USDA letters in parentheses: withheld (W, D), base too small (B), less than
  // half the unit (L, Z), not available or not comparable (N, NA), suppressed (S, X); revised (r),
  // preliminary (p), estimated (e). Statistics Canada writes x for suppressed, F for too unreliable.
  '(x)', '(d)', '(s)', '(z)', '(w)', '(b)', '(l)', '(n)', '(r)', '(p)', '(e)', 'x'
])

// The capital letters of the DHS Yearbook and Census tables, compared as written: D (withheld to limit
// disclosure), X (not applicable), Z (rounds to zero), S (does not meet publication standards).
// EIA's W (withheld) and Census's N (not available) are written bare too.
const LETTERS = new Set(['D', 'X', 'Z', 'S', 'W', 'N', 'F'])

// A number flagged as its table's notes say: revised, preliminary or estimated ("r12", "12p", "12 e",
// "1,234(r)"), or marked for a footnote ("12*", "12†", "12¹"). The figure is kept as written, flag
// and all, and the column stays a column of numbers; a plain number never comes here.
const NUMBER = String.raw`-?\d[\d,]*(?:\.\d+)?`
const FLAGGED_NUMBER = new RegExp(String.raw`^(?:\(?[rpe]\)?\s*${NUMBER}|${NUMBER}\s*(?:\(?[rpe]\)?|[*†‡§]{1,3}|[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,2}))$`)

/** Whether `value` (not empty) marks a missing or withheld figure rather than being a value. */
export function isValueMarker(value: string): boolean {
  if (value.length > 40) return false
  const trimmed = value.trim()
  return WORDS.has(trimmed.toLowerCase()) || LETTERS.has(trimmed) || EXEMPTIONS.test(trimmed) || SUPPRESSED.test(trimmed) || FLAGGED_NUMBER.test(trimmed)
}
