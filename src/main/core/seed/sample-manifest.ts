import { AGGREGATES, CHART_TYPES, DATE_BUCKETS, FILTER_OPS } from '@shared/chart-spec'
import { int, list, nullable, oneOf, record, text, type Infer, type Validator } from '@shared/validate'

const source = record({
  key: nullable(text(200)),
  publisher: nullable(text(500)),
  title: text(1000),
  date: nullable(text(40)),
  url: nullable(text(2000)),
  notes: nullable(text(5000))
})

/** A field that may be left out of the manifest (read as null). */
function optional<T>(inner: Validator<T>): Validator<T | null | undefined> {
  return { check: (value, path) => (value === undefined || value === null ? null : inner.check(value, path)) }
}

/** A chart of the sample dashboard: like a chart spec, but naming its dataset by file and columns by label. */
const sampleChart = record({
  name: text(300),
  dataset: text(300),
  type: oneOf(...CHART_TYPES),
  title: text(300),
  x: record({ column: text(300), bucket: nullable(oneOf(...DATE_BUCKETS)) }),
  y: record({ aggregate: oneOf(...AGGREGATES), column: nullable(text(300)) }),
  groupBy: nullable(record({ column: text(300), top: int(1, 50) })),
  share: nullable(record({ part: text(1000), whole: text(1000) })),
  filters: list(
    record({ column: text(300), op: oneOf(...FILTER_OPS), value: optional(text(1000)), min: optional(text(100)), max: optional(text(100)) }),
    20
  )
})

/** resources/sample/manifest.json: what a new archive is seeded with, and the facts about each file. */
export const sampleManifest = record({
  articles: list(
    record({
      file: text(300),
      title: text(1000),
      byline: nullable(text(500)),
      publisher: nullable(text(500)),
      publishedAt: nullable(text(40)),
      url: nullable(text(2000)),
      language: nullable(text(20))
    }),
    1000
  ),
  datasets: list(
    record({
      file: text(300),
      name: text(500),
      description: nullable(text(5000)),
      sources: list(source, 1000)
    }),
    1000
  ),
  charts: list(sampleChart, 100)
})

export type SampleManifest = Infer<typeof sampleManifest>
