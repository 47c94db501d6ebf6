import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A page as the importer gives it to OCR: one grey byte a pixel, row by row. */
export interface PagePixels {
  grey: Uint8Array
  width: number
  height: number
  dpi: number
}

/** Each page of a PDF rasterised by pdftoppm in greyscale at `dpi`, as raw pixels (read from its PGM). */
export function pagePixels(pdf: Buffer, dpi: number): PagePixels[] {
  const work = mkdtempSync(join(tmpdir(), 'casefile-pixels-'))
  try {
    writeFileSync(join(work, 'in.pdf'), pdf)
    execFileSync('pdftoppm', ['-r', String(dpi), '-gray', join(work, 'in.pdf'), join(work, 'page')])
    return readdirSync(work)
      .filter((name) => name.endsWith('.pgm'))
      .sort()
      .map((name) => {
        const pgm = readFileSync(join(work, name))
        // "P5\nW H\n255\n": pdftoppm writes no comments.
        const [magic, width, height] = pgm.subarray(0, 64).toString('latin1').split(/\s+/)
        if (magic !== 'P5') throw new Error('pdftoppm -gray did not write a binary PGM')
        const [w, h] = [Number(width), Number(height)]
        return { grey: new Uint8Array(pgm.subarray(pgm.length - w * h)), width: w, height: h, dpi }
      })
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}
