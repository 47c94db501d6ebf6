/**
 * The digits a note's mark is written in ("discretion¹ to ensure"). The article and note search
 * indexes read them as spaces (migration 0011), so a phrase is found across the mark and the word
 * before it is the word itself. Keep this list the one that migration names.
 */
export const NOTE_MARK_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹'

/** A note's number ("12") as its mark ("¹²"); null for a citation that is not a number ("*", "iv"). */
export function noteMark(citation: string): string | null {
  if (!/^[0-9]+$/.test(citation)) return null
  return [...citation].map((digit) => NOTE_MARK_DIGITS[Number(digit)]!).join('')
}
