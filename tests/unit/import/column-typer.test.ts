import { describe, expect, it } from 'vitest'
import { ColumnTyper } from '../../../src/main/core/import/typing/column-typer'

function typed(values: (string | null)[]) {
  const typer = new ColumnTyper()
  typer.addColumns(1)
  const stored = values.map((value) => typer.convert(0, value))
  return { stored, type: typer.columnTypes()[0], fixups: typer.fixups() }
}

describe('ColumnTyper', () => {
  it('stores canonical numbers as numbers and asks for no fix-up', () => {
    expect(typed(['2005', '-3', null, ''])).toEqual({ stored: [2005n, -3n, null, null], type: 'integer', fixups: [] })
    expect(typed(['1.5', '2', '0.25'])).toEqual({ stored: [1.5, 2n, 0.25], type: 'real', fixups: [] })
  })

  it('keeps spellings a number would change as text, and asks to convert them when the column stays numeric', () => {
    expect(typed(['8.0', '1.50', '+3'])).toEqual({ stored: ['8.0', '1.50', '+3'], type: 'real', fixups: [{ position: 0, to: 'real' }] })
    expect(typed(['0.30000000000000004'])).toMatchObject({ stored: ['0.30000000000000004'], fixups: [{ position: 0, to: 'real' }] })
  })

  it('asks to turn early numbers back into text when a column becomes text', () => {
    expect(typed(['12', '7.25', 'N/A', 'x'])).toEqual({ stored: [12n, 7.25, 'N/A', 'x'], type: 'text', fixups: [{ position: 0, to: 'text' }] })
    expect(typed(['08123', '12'])).toEqual({ stored: ['08123', '12'], type: 'text', fixups: [] })
  })

  it('keeps dates as text and treats a column of nothing as text', () => {
    expect(typed(['2012-05-29', '2012-06-07'])).toEqual({ stored: ['2012-05-29', '2012-06-07'], type: 'date', fixups: [] })
    expect(typed([null, ''])).toEqual({ stored: [null, null], type: 'text', fixups: [] })
  })
})
