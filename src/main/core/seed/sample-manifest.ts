import { list, nullable, record, text, type Infer } from '@shared/validate'

const source = record({
  key: nullable(text(200)),
  publisher: nullable(text(500)),
  title: text(1000),
  date: nullable(text(40)),
  url: nullable(text(2000)),
  notes: nullable(text(5000))
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
  )
})

export type SampleManifest = Infer<typeof sampleManifest>
