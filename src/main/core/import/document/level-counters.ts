/**
 * The counters of a numbering with levels, as Word counts a multilevel list and LibreOffice its
 * outline (chapter) numbering: each paragraph counted at a level takes the number after that
 * level's last, or the level's start when it has none yet, and resets the levels below it, so
 * "2.2" is followed by "3" and then "3.1".
 */
export class LevelCounters {
  private readonly values: (number | undefined)[] = []

  /**
   * Counts a paragraph at `level` (0 is the top): its number is `set` when the document gives one
   * (a restart), else the next; each deeper level is reset unless `keeps` says it goes on (Word's
   * w:lvlRestart). Returns the number.
   */
  count(level: number, start: number, set: number | null, keeps: (deeper: number) => boolean = () => false): number {
    const last = this.values[level]
    const value = set ?? (last === undefined ? start : last + 1)
    this.values[level] = value
    for (let deeper = level + 1; deeper < this.values.length; deeper++) if (!keeps(deeper)) this.values[deeper] = undefined
    return value
  }

  /**
   * A level's number as the paragraphs below it show it: its last, or one before its start when no
   * paragraph has been counted at it (a "Heading 2" before any "Heading 1" is shown "0.1").
   */
  value(level: number, start: number): number {
    return this.values[level] ?? start - 1
  }
}
