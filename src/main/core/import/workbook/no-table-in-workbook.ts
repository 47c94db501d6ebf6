import { ImportInputError } from '../row-sink'

/**
 * A workbook none of whose sheets read holds a table. Its own class, so that an import that left
 * out the sheets an earlier import holds can tell "the rest hold no table" (the workbook is a copy)
 * from a workbook that holds none at all. Kept apart from the workbook readers, which load lazily.
 */
export class NoTableInWorkbook extends ImportInputError {}
