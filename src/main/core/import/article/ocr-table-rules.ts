/**
 * OCR text with the ruling lines of tables that OCR read as characters taken out. A cell's vertical
 * rule reads as "|" or "[" glued to the cell's value ("Standard |FY2011|FY2012", "Medical care
 * [1,234 |D"); a quote of the figure would carry it. The rule, to keep every "|" and "[" that is
 * text:
 * - a "|" is a rule when it touches a character on either side (text writes no word against a bar),
 *   stands at a line's start or end, or stands, spaced, beside a number or a dash (a cell's value);
 *   on a line with such a rule (a table's row) every "|" is one; a "|" set between two words with
 *   spaces on a line with no rule ("Press | Contacts") is kept;
 * - a "[" is a rule when it opens a number or a dash ("[1,234", "[- ") after a space or at the
 *   line's start, and no "]" closes it later on the line; "[sic]", "[1]" and a bracketed note are kept.
 * A rule becomes a space, and the spaces it leaves are made one.
 */
export function withoutTableRules(text: string): string {
  return text
    .split('\n')
    .map((line) => (line.includes('|') || line.includes('[') ? lineWithoutRules(line) : line))
    .join('\n')
}

/** A cell's value beside a rule: a number (1,234, 45%, $12, (1.5)) or a dash standing for none. */
const VALUE = /^[-–—]$|^[$(]?[-+]?\d[\d,.]*%?\)?$/

function lineWithoutRules(line: string): string {
  let changed = false
  const isRule = (bars: string, at: number): boolean => {
    const spaced = line[at - 1] === ' ' && line[at + bars.length] === ' '
    return !spaced || VALUE.test(wordBefore(line, at)) || VALUE.test(wordAfter(line, at + bars.length))
  }
  // A line with one rule is a table's row: its other bars are rules too ("Grievances | n/a | (b)(6) |").
  const row = [...line.matchAll(/\|+/g)].some((bars) => isRule(bars[0], bars.index))
  let out = line.replace(/\|+/g, (bars: string) => {
    if (!row) return bars
    changed = true
    return ' '
  })
  out = out.replace(/(^|\s)\[(?=[-–—$]|\d)/g, (match: string, space: string, at: number) => {
    if (out.indexOf(']', at + match.length) >= 0) return match
    changed = true
    return `${space} `
  })
  return changed ? out.replace(/ {2,}/g, ' ').trim() : line
}

function wordBefore(line: string, at: number): string {
  return line.slice(0, at).trimEnd().split(' ').at(-1) ?? ''
}

function wordAfter(line: string, at: number): string {
  return line.slice(at).trimStart().split(' ')[0] ?? ''
}
