import type { DatasetSummary } from '@shared/model'

/**
 * A dataset's two lines in the sidebar: the workbook's part of its name, and its sheet's (and
 * stacked table's) after "›"; the whole name and nothing for a dataset not from a sheet. The parts
 * are the ones kept at import, since a sheet's own name may hold "›" ("Removals › FY2013"); a
 * dataset imported before they were kept is read at its name's first "›", as before.
 */
export function datasetSidebarLines(dataset: Pick<DatasetSummary, 'name' | 'sheet'>): { title: string; sheet: string } {
  if (dataset.sheet !== null) {
    const { workbook, sheet, table } = dataset.sheet
    return { title: workbook, sheet: table === null ? sheet : `${sheet} › ${table}` }
  }
  const at = dataset.name.indexOf(' › ')
  return at <= 0 ? { title: dataset.name, sheet: '' } : { title: dataset.name.slice(0, at), sheet: dataset.name.slice(at + ' › '.length) }
}
