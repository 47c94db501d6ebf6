// The memo bench:ocr scans: a multi-page agency memorandum as FOIA offices release them — a header
// block, numbered sections, lists, a table of figures, footnotes, redaction codes and a page footer
// — with different words on every page, so OCR cannot do well on one page and be scored on forty.

import { seededRandom } from '@shared/seeded-random'

const OFFICES = ['Baltimore', 'Denver', 'Houston', 'Los Angeles', 'Miami', 'New Orleans', 'Newark', 'Phoenix', 'San Antonio', 'Seattle', 'Chicago', 'Atlanta']
const TOPICS = [
  'Prosecutorial discretion in pending removal cases',
  'Review of detained dockets',
  'Coordination with the Executive Office for Immigration Review',
  'Background checks before an offer to close a case',
  'Cases of veterans and their families',
  'Long-time residents with close family ties',
  'Records kept for each reviewed case',
  'Reporting to headquarters'
]
const SENTENCES: readonly ((pick: Pick) => string)[] = [
  (p) => `By ${p.date()}, the ${p.office()} field office had reviewed ${p.count()} of its ${p.count()} pending cases and offered to close ${p.small()} of them.`,
  (p) => `Attorneys examined each file for criminal history, prior removals and immigration fraud before any offer was made; ${p.small()} offers were withdrawn after the checks.`,
  () => 'A person who declines an offer keeps the right to a hearing before an immigration judge, and the declination is recorded in the file.',
  (p) => `The ${p.office()} office asked for ${p.small()} additional attorneys to complete its review before the end of fiscal year ${p.year()}.`,
  () => 'Cases involving people brought to the country as children, members of the armed forces and their spouses receive particular care.',
  (p) => `Of the cases reviewed in ${p.office()}, about ${p.percent()} percent were found amenable to an exercise of discretion, subject to background checks.`,
  () => 'Field offices must not treat this memorandum as creating any right or benefit enforceable at law by any party.',
  (p) => `Supervisors will report weekly totals to the Office of the Principal Legal Advisor, which compiled ${p.count()} reports through ${p.date()}.`,
  () => 'Where a file is incomplete, the attorney requests the missing documents and marks the case for a second review within thirty days.',
  (p) => `Names and identifying numbers in this section are withheld under exemption (b)(${p.pick(['6', '7)(C'])}); the remaining text is released in full.`,
  (p) => `The pilot programs in ${p.office()} and ${p.office()} reviewed ${p.count()} and ${p.count()} cases between ${p.date()} and ${p.date()}.`,
  () => 'Nothing in this guidance limits the authority of an officer to arrest, detain or remove any person where the law requires it.'
]

interface Pick {
  office(): string
  count(): string
  small(): string
  percent(): string
  year(): string
  date(): string
  pick(values: readonly string[]): string
}

function picker(random: () => number): Pick {
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
  const pick = (values: readonly string[]) => values[Math.floor(random() * values.length)]!
  return {
    office: () => pick(OFFICES),
    count: () => Math.floor(1_000 + random() * 90_000).toLocaleString('en-US'),
    small: () => String(Math.floor(2 + random() * 400)),
    percent: () => String(Math.floor(3 + random() * 30)),
    year: () => String(2011 + Math.floor(random() * 4)),
    date: () => `${pick(months)} ${1 + Math.floor(random() * 28)}, ${2011 + Math.floor(random() * 3)}`,
    pick
  }
}

function paragraph(p: Pick, random: () => number, sentences: number): string {
  return Array.from({ length: sentences }, () => SENTENCES[Math.floor(random() * SENTENCES.length)]!(p)).join(' ')
}

/** One Letter page of the memo, full but never overflowing (checked by the bench: it counts the printed pages). */
function memoPage(number: number, pages: number, random: () => number): string {
  const p = picker(random)
  const parts: string[] = []
  if (number === 1) {
    parts.push(
      '<p class="agency">U.S. Department of Homeland Security<br>U.S. Immigration and Customs Enforcement</p>',
      '<h1>MEMORANDUM</h1>',
      `<table class="head"><tr><td>FOR:</td><td>All Field Office Directors; All Chief Counsel</td></tr><tr><td>FROM:</td><td>(b)(6), Director</td></tr><tr><td>SUBJECT:</td><td>${TOPICS[0]}</td></tr><tr><td>DATE:</td><td>${p.date()}</td></tr></table>`
    )
  }
  parts.push(`<h2>${number}. ${TOPICS[(number - 1) % TOPICS.length]}</h2>`)
  parts.push(`<p>${paragraph(p, random, number === 1 ? 3 : 4)}</p>`)
  const kind = number % 3
  if (kind === 0) {
    parts.push(`<ol>${Array.from({ length: 4 }, () => `<li>${paragraph(p, random, 1)}</li>`).join('')}</ol>`)
  } else if (kind === 1 && number > 1) {
    const rows = Array.from({ length: 5 }, () => `<tr><td>${p.office()}</td><td>${p.count()}</td><td>${p.small()}</td><td>${p.percent()}%</td></tr>`).join('')
    parts.push(`<table class="figures"><tr><th>Field office</th><th>Cases reviewed</th><th>Closed</th><th>Share</th></tr>${rows}</table>`)
  } else {
    parts.push(`<p>${paragraph(p, random, 3)}</p>`)
  }
  parts.push(`<p>${paragraph(p, random, number === 1 ? 2 : 3)}<sup>${number}</sup></p>`)
  if (number > 1) parts.push(`<p>${paragraph(p, random, 3)}</p>`)
  parts.push(`<p class="note"><sup>${number}</sup> ${paragraph(p, random, 1)}</p>`)
  parts.push(`<p class="footer">Page ${number} of ${pages}</p>`)
  return `<section${number > 1 ? ' class="next"' : ''}>${parts.join('')}</section>`
}

/** The whole memo as one HTML document, `pages` Letter pages long; the same for the same seed. */
export function scannedMemoHtml(pages: number, seed: number): string {
  const random = seededRandom(seed)
  const style = [
    '@page { size: Letter; margin: 1in }',
    'body { margin: 0; font: 12pt/1.4 "DejaVu Serif", serif; color: #111 }',
    'section { height: 8.8in; position: relative }',
    'section.next { break-before: page }',
    'h1 { font-size: 18pt; letter-spacing: 0.2em; margin: 0.2in 0 }',
    'h2 { font-size: 13pt; margin: 0 0 0.1in }',
    '.agency { font: bold 11pt sans-serif }',
    'table { border-collapse: collapse; margin: 0.1in 0 }',
    'table.head td { padding: 2pt 12pt 2pt 0; vertical-align: top }',
    'table.figures td, table.figures th { border: 1px solid #333; padding: 2pt 8pt; text-align: right }',
    'table.figures td:first-child, table.figures th:first-child { text-align: left }',
    '.note { font-size: 9.5pt; border-top: 1px solid #333; padding-top: 3pt }',
    '.footer { position: absolute; bottom: 0; width: 100%; text-align: center; font-size: 9pt }'
  ].join(' ')
  return `<!DOCTYPE html><html><head><title>memo</title><style>${style}</style></head><body>${Array.from({ length: pages }, (_, i) => memoPage(i + 1, pages, random)).join('')}</body></html>`
}
