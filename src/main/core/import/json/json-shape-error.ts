/**
 * Well-formed JSON that is not a table Casefile can import. Thrown by the row collector from inside
 * a parser event. `at: 'value'` asks the parser to locate it where the value being reported starts
 * (the reason then reads after "file, line L, column C: "); `at: 'file'` is about the document as a
 * whole, has no position, and its reason reads after the file name ("data.json holds no rows.").
 */
export class JsonShapeError extends Error {
  constructor(
    readonly reason: string,
    readonly at: 'value' | 'file'
  ) {
    super(reason)
    this.name = 'JsonShapeError'
  }
}
