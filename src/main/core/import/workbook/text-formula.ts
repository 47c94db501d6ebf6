/** Functions whose result is text. */
const TEXT_FUNCTIONS = new Set([
  'CHAR', 'CLEAN', 'CONCAT', 'CONCATENATE', 'DOLLAR', 'FIXED', 'LEFT', 'LEFTB', 'LOWER', 'MID', 'MIDB', 'PROPER', 'REPLACE', 'REPT', 'RIGHT', 'RIGHTB',
  'SUBSTITUTE', 'T', 'TEXT', 'TEXTJOIN', 'TRIM', 'UNICHAR', 'UPPER'
])

/** For functions that pass one of their arguments through, which arguments (0-based) can be the result. */
const PASSING: Record<string, (index: number, count: number) => boolean> = {
  IF: (index) => index >= 1,
  IFERROR: () => true,
  IFNA: () => true,
  CHOOSE: (index) => index >= 1,
  IFS: (index) => index % 2 === 1,
  // SWITCH(value, case1, result1, …, default): results at even places, and a default when the count is even.
  SWITCH: (index, count) => index >= 2 && (index % 2 === 0 || (count % 2 === 0 && index === count - 1))
}

/**
 * Calls `visit` with each character of `text` from `from` on that stands outside quotes ("…" is a
 * string, a doubled "" inside it; '…' a sheet name), until it returns true.
 */
function outsideQuotes(text: string, from: number, visit: (char: string, index: number) => boolean): void {
  let quote: string | null = null
  for (let i = from; i < text.length; i++) {
    const char = text[i]!
    if (quote !== null) {
      if (char === quote) quote = null
    } else if (char === '"' || char === "'") quote = char
    else if (visit(char, i)) return
  }
}

/** Splits `text` at the characters `at` that stand outside quotes and parentheses. */
function splitTopLevel(text: string, at: string): string[] {
  const parts: string[] = []
  let depth = 0
  let start = 0
  outsideQuotes(text, 0, (char, i) => {
    if (char === '(') depth++
    else if (char === ')') depth--
    else if (depth === 0 && at.includes(char)) {
      parts.push(text.slice(start, i))
      start = i + 1
    }
    return false
  })
  parts.push(text.slice(start))
  return parts
}

/** Whether the parenthesis opening at `open` closes at the end of `text`. */
function closesAtEnd(text: string, open: number): boolean {
  let depth = 0
  let closes = false
  outsideQuotes(text, open, (char, i) => {
    if (char === '(') depth++
    else if (char === ')' && --depth === 0) {
      closes = i === text.length - 1
      return true
    }
    return false
  })
  return closes
}

/**
 * Whether a formula (as SheetJS gives it: no "=", commas between arguments) can have text as its
 * result: a string, a & joining, a text function, or a function such as IF whose result may be
 * one of its arguments that can. A string only compared or counted (COUNTIF(A:A,"x"), A1="x")
 * gives a number or TRUE/FALSE, not text. A reference to a text cell is not seen.
 */
export function formulaMayGiveText(formula: string): boolean {
  const expression = formula.trim()
  if (expression === '') return false
  if (splitTopLevel(expression, '&').length > 1) return true
  // A comparison at the top gives TRUE or FALSE, whatever it compares.
  if (splitTopLevel(expression, '=<>').length > 1) return false
  if (/^"([^"]|"")*"$/.test(expression)) return true
  if (expression.startsWith('(') && closesAtEnd(expression, 0)) return formulaMayGiveText(expression.slice(1, -1))
  const call = /^(?:_xlfn\.)?([A-Za-z][A-Za-z0-9.]*)\(/.exec(expression)
  if (call === null || !closesAtEnd(expression, call[0].length - 1)) return false
  const name = call[1]!.toUpperCase()
  if (TEXT_FUNCTIONS.has(name)) return true
  const passes = PASSING[name]
  if (passes === undefined) return false
  const args = splitTopLevel(expression.slice(call[0].length, -1), ',;')
  return args.some((arg, index) => passes(index, args.length) && formulaMayGiveText(arg))
}
