import type { Migration } from './migration'

// A chart spec names the rate it shows (`share`, see ChartSpec); charts saved before show none.
export const migration0009: Migration = {
  version: 9,
  name: 'chart share',
  up(db) {
    db.exec(`UPDATE charts SET spec = json_set(spec, '$.share', json('null')) WHERE json_type(spec, '$.share') IS NULL`)
  }
}
