import { describe, expect, test } from 'vitest'
import { layOutPdfText, type PdfTextRun } from '../../../../../../src/main/core/import/article/lay-out-pdf-text'

const run = (text: string, x: number, y: number, width: number, size: number): PdfTextRun => ({ text, x, y, width, size })

describe('layOutPdfText', () => {
  test('puts runs at the same height on one line, with a space only where the page has a gap', () => {
    expect(layOutPdfText([run('Imm', 0, 100, 18, 10), run('igration', 18, 100, 36, 10), run('court', 60, 100.4, 25, 10)])).toBe('Immigration court')
  })

  test('does not double a space the runs already carry', () => {
    expect(layOutPdfText([run('closed ', 0, 100, 35, 10), run('4,403', 40, 100, 25, 10)])).toBe('closed 4,403')
  })

  test('starts a paragraph at a gap clearly larger than the line spacing, or at a change of size', () => {
    const runs = [
      run('Heading', 0, 200, 60, 18),
      run('line one', 0, 170, 40, 10),
      run('line two', 0, 158, 40, 10),
      run('line three', 0, 146, 40, 10),
      run('new paragraph', 0, 124, 60, 10)
    ]
    expect(layOutPdfText(runs)).toBe('Heading\n\nline one\nline two\nline three\n\nnew paragraph')
  })

  test('joins the lines of a heading that wraps into one, and leaves the body’s lines as they are', () => {
    const runs = [
      run('Compliance Inspection of the', 0, 700, 300, 24),
      run('Krome Processing Center', 0, 672, 260, 24),
      run('Inspectors found twelve deficiencies', 0, 640, 200, 12),
      run('in the medical unit.', 0, 626, 100, 12),
      run('The unit was closed.', 0, 598, 100, 12)
    ]
    expect(layOutPdfText(runs)).toBe('Compliance Inspection of the Krome Processing Center\n\nInspectors found twelve deficiencies\nin the medical unit.\n\nThe unit was closed.')
  })

  test('keeps double-spaced lines in one paragraph', () => {
    expect(layOutPdfText([run('a', 0, 200, 5, 10), run('b', 0, 180, 5, 10), run('c', 0, 160, 5, 10)])).toBe('a\nb\nc')
  })

  test('collapses whitespace, drops empty runs and blank lines', () => {
    expect(layOutPdfText([run('', 0, 300, 0, 10), run('  x   y ', 0, 200, 30, 10), run(' ', 0, 188, 3, 10)])).toBe('x y')
    expect(layOutPdfText([])).toBe('')
  })
})
