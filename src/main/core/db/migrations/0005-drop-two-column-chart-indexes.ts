import { sqlValues } from '../sql-rows'
import type { Migration } from './migration'

// Charts used to group by x and the series column as two index columns (ds_N_chart_c1_month_c2_c1).
// They now group by one key of both (ds_N_chart_key_…, see chart-cell-key.ts), so no query reads
// the old indexes again; they only take space and slow every change to their dataset's rows. The
// next chart of each grouping builds its new index.
export const migration0005: Migration = {
  version: 5,
  name: 'drop two-column chart indexes',
  up(db) {
    const stale = sqlValues('text').all(
      db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND name GLOB 'ds_[0-9]*_chart_*' AND name NOT GLOB 'ds_[0-9]*_chart_key_*'").pluck()
    )
    for (const name of stale) db.exec(`DROP INDEX "${name.replaceAll('"', '""')}"`)
  }
}
