// The sheet grid's options that never change, made once: a new theme, column default or function on each render makes
// ag-grid restyle the page, rebuild its columns or redraw its rows.
import type { GetRowIdParams } from 'ag-grid-community';
import { themeQuartz } from 'ag-grid-community';
import type { GridRow } from './column-defs';

export const SHEET_THEME = themeQuartz.withParams({ fontFamily: 'inherit', headerFontWeight: 600 });
export const DEFAULT_COL_DEF = { sortable: true, filter: true, resizable: true };
export const rowIdOf = <Row>(p: GetRowIdParams<GridRow<Row>>) => p.data.id;
