// exceljs loaded on the first workbook made or read, not when the server starts: it costs the idle server about 25 MB
// and most requests never touch a workbook. Every exporter and importer opens its workbook here.
import type ExcelJS from 'exceljs';

export async function newWorkbook(): Promise<ExcelJS.Workbook> {
  const { default: exceljs } = await import('exceljs');
  return new exceljs.Workbook();
}
