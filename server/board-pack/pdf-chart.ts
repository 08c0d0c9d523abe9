// The board pack's charts in the PDF (./pdf.ts): grouped bars with an axis in £ (or £ per £1), a legend naming each
// colour, and the evidence's low-high range as a whisker.
import { formatPenceCompact } from '../../shared/money';
import type { PackChart } from '../../shared/board-pack/model';
import { formatPerPound } from '../../shared/roi';
import { FONT, MUTED, PAGE_MARGIN, pdfText, RULE, TEXT_COLOUR } from './pdf-style';

/** The height a chart takes on the page, under its title. */
export const CHART_HEIGHT = 190;

/**
 * A grouped bar chart at the document's current line, `width` points wide from the left margin. Bar heights are
 * geometry (points on the page), the one place the pack divides figures; every figure a reader sees is in the table,
 * formatted from the exact pence.
 */
export function drawChart(doc: PDFKit.PDFDocument, chart: PackChart, width: number): void {
  const height = CHART_HEIGHT;
  doc.font(FONT.bold).fontSize(10).fillColor(TEXT_COLOUR).text(pdfText(chart.title), PAGE_MARGIN.left, doc.y, { width });
  // Room above the plot for the axis's unit, under the title.
  const top = doc.y + 20;
  const axisWidth = 60;
  const plotLeft = PAGE_MARGIN.left + axisWidth;
  const plotWidth = Math.min(width - axisWidth, 110 * chart.categories.length * Math.max(1, chart.series.length));
  const plotHeight = height - 60;
  const values = [
    ...chart.series.flatMap((s) => s.values.filter((v): v is number => v !== null)),
    ...(chart.bands ?? []).flatMap((b) => (b ? [b.low, b.high] : [])),
  ];
  const max = niceMax(Math.max(0, ...values));
  const min = Math.min(0, ...values) < 0 ? -niceMax(-Math.min(0, ...values)) : 0;
  const span = max - min || 1;
  const yOf = (value: number) => top + plotHeight - ((value - min) / span) * plotHeight;
  const label = (value: number) => (chart.scale === 'pence' ? formatPenceCompact(Math.round(value)) : formatPerPound(Math.round(value)));

  doc.font(FONT.regular).fontSize(7.5).fillColor(MUTED);
  for (let i = 0; i <= 4; i++) {
    const value = min + ((max - min) * i) / 4;
    const y = yOf(value);
    doc
      .moveTo(plotLeft, y)
      .lineTo(plotLeft + plotWidth, y)
      .lineWidth(0.3)
      .strokeColor(RULE)
      .stroke();
    doc.text(label(value), PAGE_MARGIN.left, y - 4, { width: axisWidth - 6, align: 'right', lineBreak: false });
  }
  doc.text(chart.scale === 'pence' ? 'Pounds (£)' : '£ per £1', PAGE_MARGIN.left, top - 16, {
    width: axisWidth - 6,
    align: 'right',
    lineBreak: false,
  });
  const group = plotWidth / Math.max(1, chart.categories.length);
  const barWidth = (group * 0.7) / Math.max(1, chart.series.length);
  chart.categories.forEach((category, c) => {
    const groupLeft = plotLeft + group * c + group * 0.15;
    chart.series.forEach((series, s) => {
      const value = series.values[c] ?? null;
      // No bar for an actual not yet reported: absent, not a zero bar (the chart's note says which).
      if (value === null) return;
      const y0 = yOf(0);
      const y1 = yOf(value);
      doc
        .rect(groupLeft + barWidth * s, Math.min(y0, y1), barWidth - 1, Math.max(0.5, Math.abs(y0 - y1)))
        .fillColor(series.colour)
        .fill();
    });
    const band = chart.bands?.[c];
    if (band) {
      const x = groupLeft + (barWidth * chart.series.length) / 2;
      doc
        .moveTo(x, yOf(band.low))
        .lineTo(x, yOf(band.high))
        .moveTo(x - 5, yOf(band.low))
        .lineTo(x + 5, yOf(band.low))
        .moveTo(x - 5, yOf(band.high))
        .lineTo(x + 5, yOf(band.high))
        .lineWidth(1)
        .strokeColor(TEXT_COLOUR)
        .stroke();
    }
    doc.font(FONT.regular).fontSize(7.5).fillColor(TEXT_COLOUR);
    doc.text(pdfText(category), plotLeft + group * c, top + plotHeight + 4, {
      width: group,
      align: 'center',
      height: 20,
      ellipsis: true,
    });
  });
  doc
    .moveTo(plotLeft, yOf(0))
    .lineTo(plotLeft + plotWidth, yOf(0))
    .lineWidth(0.75)
    .strokeColor(TEXT_COLOUR)
    .stroke();
  // The legend names each colour, so colour is never the only way to tell the series apart.
  let x = plotLeft;
  const legendY = top + plotHeight + 30;
  for (const series of chart.series) {
    doc.rect(x, legendY, 9, 9).fillColor(series.colour).fill();
    doc
      .fillColor(TEXT_COLOUR)
      .fontSize(8)
      .text(pdfText(series.name), x + 13, legendY + 1, { lineBreak: false });
    x += 13 + doc.widthOfString(pdfText(series.name)) + 18;
  }
  if (chart.bands?.some((b) => b !== null)) {
    doc
      .moveTo(x + 4, legendY)
      .lineTo(x + 4, legendY + 9)
      .lineWidth(1)
      .strokeColor(TEXT_COLOUR)
      .stroke();
    doc.fillColor(TEXT_COLOUR).text('Range of the evidence (low to high)', x + 13, legendY + 1, { lineBreak: false });
  }
  let after = legendY + 20;
  if (chart.note) {
    doc.font(FONT.italic).fontSize(8).fillColor(TEXT_COLOUR);
    doc.text(pdfText(chart.note, true), plotLeft, legendY + 16, { width: width - axisWidth });
    after = doc.y + 6;
  }
  doc.x = PAGE_MARGIN.left;
  doc.y = after;
}

/** A round number at or above `value` for the top of a chart's axis: 1, 2 or 5 times a power of ten. */
function niceMax(value: number): number {
  if (value <= 0) return 1;
  let power = 1;
  while (power * 10 <= value) power *= 10;
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}
