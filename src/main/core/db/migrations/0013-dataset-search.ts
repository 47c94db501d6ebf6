import type { Migration } from './migration'

// A dataset is found by its own words too, not only by its rows': its name ("dhs-yearbook-2013 ›
// Table 39") and its provenance (a workbook's title rows and footnotes, "D Data withheld to limit
// disclosure."), which the window shows beside the table. One small FTS5 table holds them, one entry
// per dataset (rowid = the dataset's id), with the articles' tokenizer: footnotes carry the same
// superscript marks. It keeps its own copy of the text (a few lines per dataset), so triggers can
// keep it in step with the datasets and their sources whatever changes them: an import, a rename,
// a dataset deleted (its sources go with it).
const TOKENIZER = `tokenize = "unicode61 remove_diacritics 2 separators '⁰¹²³⁴⁵⁶⁷⁸⁹'"`

/**
 * A dataset's provenance as one text: each source's publisher, title and notes, in order. Written
 * without concat_ws or an ORDER BY inside group_concat (SQLite 3.44): a trigger is part of the
 * schema, and an older sqlite3 shell that cannot parse it cannot open the archive at all.
 */
const provenanceOf = (datasetId: string) =>
  `coalesce((SELECT group_concat(line, char(10)) FROM (SELECT coalesce(publisher || char(10), '') || title || coalesce(char(10) || notes, '') AS line FROM dataset_sources WHERE dataset_id = ${datasetId} ORDER BY id)), '')`

export const migration0013: Migration = {
  version: 13,
  name: 'search over datasets',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE datasets_fts USING fts5 (name, provenance, ${TOKENIZER});
      INSERT INTO datasets_fts (rowid, name, provenance) SELECT id, name, ${provenanceOf('datasets.id')} FROM datasets;
      CREATE TRIGGER datasets_fts_insert AFTER INSERT ON datasets BEGIN
        INSERT INTO datasets_fts (rowid, name, provenance) VALUES (new.id, new.name, ${provenanceOf('new.id')});
      END;
      CREATE TRIGGER datasets_fts_rename AFTER UPDATE OF name ON datasets BEGIN
        UPDATE datasets_fts SET name = new.name WHERE rowid = new.id;
      END;
      CREATE TRIGGER datasets_fts_delete AFTER DELETE ON datasets BEGIN
        DELETE FROM datasets_fts WHERE rowid = old.id;
      END;
      CREATE TRIGGER dataset_sources_fts_insert AFTER INSERT ON dataset_sources BEGIN
        UPDATE datasets_fts SET provenance = ${provenanceOf('new.dataset_id')} WHERE rowid = new.dataset_id;
      END;
      CREATE TRIGGER dataset_sources_fts_update AFTER UPDATE ON dataset_sources BEGIN
        UPDATE datasets_fts SET provenance = ${provenanceOf('old.dataset_id')} WHERE rowid = old.dataset_id;
        UPDATE datasets_fts SET provenance = ${provenanceOf('new.dataset_id')} WHERE rowid = new.dataset_id;
      END;
      CREATE TRIGGER dataset_sources_fts_delete AFTER DELETE ON dataset_sources BEGIN
        UPDATE datasets_fts SET provenance = ${provenanceOf('old.dataset_id')} WHERE rowid = old.dataset_id;
      END;
    `)
  }
}
