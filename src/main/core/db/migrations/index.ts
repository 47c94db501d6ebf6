import { migration0001 } from './0001-initial'
import { migration0002 } from './0002-dataset-row-search'
import { migration0003 } from './0003-saved-searches'
import { migration0004 } from './0004-note-tags'
import { migration0005 } from './0005-drop-two-column-chart-indexes'
import { migration0006 } from './0006-saved-search-filters'
import { migration0007 } from './0007-article-pages'
import { migration0008 } from './0008-column-digits'
import { migration0009 } from './0009-chart-share'
import { migration0010 } from './0010-chart-cache'
import { migration0011 } from './0011-note-marks-in-search'
import { migration0012 } from './0012-article-headings'
import { migration0013 } from './0013-dataset-search'
import { migration0014 } from './0014-dataset-sheet'
import type { Migration } from './migration'

/** Every migration this version of Casefile knows, in order. Append only; never edit a shipped one. */
export const MIGRATIONS: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006, migration0007, migration0008, migration0009, migration0010, migration0011, migration0012, migration0013, migration0014]

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length
