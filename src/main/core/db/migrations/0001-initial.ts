import type { Migration } from './migration'

// The first schema. Dataset rows live in per-dataset STRICT tables (ds_<id>) created by the importer,
// so they are not declared here. FTS tables are external-content tables kept in step by triggers,
// which keeps the text stored once.
const TOKENIZER = "tokenize = 'unicode61 remove_diacritics 2'"

export const migration0001: Migration = {
  version: 1,
  name: 'initial schema',
  up(db) {
    db.exec(`
      CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE imports (
        id           INTEGER PRIMARY KEY,
        file_name    TEXT NOT NULL,
        file_path    TEXT,
        size_bytes   INTEGER NOT NULL,
        sha256       TEXT NOT NULL,
        kind         TEXT CHECK (kind IN ('article', 'dataset')),
        options      TEXT NOT NULL DEFAULT '{}',
        started_at   TEXT NOT NULL,
        finished_at  TEXT,
        status       TEXT NOT NULL CHECK (status IN ('running', 'imported', 'duplicate', 'failed', 'cancelled')),
        rows_written INTEGER NOT NULL DEFAULT 0,
        warnings     TEXT NOT NULL DEFAULT '[]',
        error        TEXT
      ) STRICT;
      CREATE INDEX imports_by_sha256 ON imports (sha256);

      CREATE TABLE articles (
        id           INTEGER PRIMARY KEY,
        title        TEXT NOT NULL,
        byline       TEXT,
        publisher    TEXT,
        published_at TEXT,
        url          TEXT,
        language     TEXT,
        body         TEXT NOT NULL,
        source_file  TEXT,
        source_size  INTEGER,
        sha256       TEXT,
        import_id    INTEGER REFERENCES imports (id) ON DELETE SET NULL,
        imported_at  TEXT NOT NULL
      ) STRICT;
      CREATE INDEX articles_by_sha256 ON articles (sha256);

      CREATE TABLE datasets (
        id          INTEGER PRIMARY KEY,
        name        TEXT NOT NULL,
        description TEXT,
        table_name  TEXT NOT NULL UNIQUE,
        row_count   INTEGER NOT NULL,
        source_file TEXT,
        source_size INTEGER,
        sha256      TEXT,
        import_id   INTEGER REFERENCES imports (id) ON DELETE SET NULL,
        imported_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX datasets_by_sha256 ON datasets (sha256);

      CREATE TABLE dataset_columns (
        dataset_id INTEGER NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
        position   INTEGER NOT NULL,
        name       TEXT NOT NULL,
        label      TEXT NOT NULL,
        type       TEXT NOT NULL CHECK (type IN ('integer', 'real', 'date', 'datetime', 'text')),
        PRIMARY KEY (dataset_id, position),
        UNIQUE (dataset_id, name)
      ) STRICT;

      CREATE TABLE dataset_sources (
        id         INTEGER PRIMARY KEY,
        dataset_id INTEGER NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
        source_key TEXT,
        publisher  TEXT,
        title      TEXT NOT NULL,
        date       TEXT,
        url        TEXT,
        notes      TEXT
      ) STRICT;
      CREATE INDEX dataset_sources_by_dataset ON dataset_sources (dataset_id);

      CREATE TABLE notes (
        id         INTEGER PRIMARY KEY,
        title      TEXT NOT NULL,
        body       TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE charts (
        id         INTEGER PRIMARY KEY,
        name       TEXT NOT NULL,
        dataset_id INTEGER NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
        spec       TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE citations (
        id           INTEGER PRIMARY KEY,
        note_id      INTEGER NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
        kind         TEXT NOT NULL CHECK (kind IN ('article', 'dataset', 'chart')),
        article_id   INTEGER REFERENCES articles (id) ON DELETE RESTRICT,
        dataset_id   INTEGER REFERENCES datasets (id) ON DELETE RESTRICT,
        chart_id     INTEGER REFERENCES charts (id) ON DELETE RESTRICT,
        quote        TEXT,
        start_offset INTEGER,
        end_offset   INTEGER,
        detail       TEXT NOT NULL DEFAULT '{}',
        created_at   TEXT NOT NULL,
        CHECK (
          (kind = 'article' AND article_id IS NOT NULL AND dataset_id IS NULL AND chart_id IS NULL) OR
          (kind = 'dataset' AND dataset_id IS NOT NULL AND article_id IS NULL AND chart_id IS NULL) OR
          (kind = 'chart'   AND chart_id   IS NOT NULL AND article_id IS NULL AND dataset_id IS NULL)
        ),
        CHECK (start_offset IS NULL OR (end_offset IS NOT NULL AND start_offset >= 0 AND end_offset >= start_offset))
      ) STRICT;
      CREATE INDEX citations_by_note ON citations (note_id);
      CREATE INDEX citations_by_article ON citations (article_id) WHERE article_id IS NOT NULL;
      CREATE INDEX citations_by_dataset ON citations (dataset_id) WHERE dataset_id IS NOT NULL;
      CREATE INDEX citations_by_chart ON citations (chart_id) WHERE chart_id IS NOT NULL;

      CREATE VIRTUAL TABLE articles_fts USING fts5 (
        title, byline, publisher, body,
        content = 'articles', content_rowid = 'id', ${TOKENIZER}
      );
      CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts (rowid, title, byline, publisher, body)
        VALUES (new.id, new.title, new.byline, new.publisher, new.body);
      END;
      CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, byline, publisher, body)
        VALUES ('delete', old.id, old.title, old.byline, old.publisher, old.body);
      END;
      CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, byline, publisher, body ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, byline, publisher, body)
        VALUES ('delete', old.id, old.title, old.byline, old.publisher, old.body);
        INSERT INTO articles_fts (rowid, title, byline, publisher, body)
        VALUES (new.id, new.title, new.byline, new.publisher, new.body);
      END;

      CREATE VIRTUAL TABLE notes_fts USING fts5 (
        title, body,
        content = 'notes', content_rowid = 'id', ${TOKENIZER}
      );
      CREATE TRIGGER notes_fts_insert AFTER INSERT ON notes BEGIN
        INSERT INTO notes_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
      END;
      CREATE TRIGGER notes_fts_delete AFTER DELETE ON notes BEGIN
        INSERT INTO notes_fts (notes_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
      END;
      CREATE TRIGGER notes_fts_update AFTER UPDATE OF title, body ON notes BEGIN
        INSERT INTO notes_fts (notes_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
        INSERT INTO notes_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
      END;
    `)
  }
}
