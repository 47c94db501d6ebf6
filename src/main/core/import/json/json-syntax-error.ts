/**
 * Input the JSON parser cannot accept, with where it happened. The reader turns it into an
 * ImportInputError worded for the file format (JSON names line and column, NDJSON the line).
 */
export class JsonSyntaxError extends Error {
  constructor(
    /** What was expected or what is wrong, e.g. "expected ',' or ']', found '}'". */
    readonly reason: string,
    /** 1-based. */
    readonly line: number,
    /** 1-based, in characters (code points) from the start of the line. */
    readonly column: number,
    readonly byteOffset: number
  ) {
    super(reason)
    this.name = 'JsonSyntaxError'
  }
}
