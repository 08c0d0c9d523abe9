// The kit's room around a chart's plot: enough above for the top tick's label and a marker on the top line, enough to
// the right for a marker on the last quarter, so nothing is clipped by the <svg>'s edge.
export const CHART_MARGIN = { top: 16, right: 20, bottom: 8, left: 8 } as const;
/** A £ axis's width: "-£1.25m" in the axis font with its tick mark. */
export const MONEY_AXIS_WIDTH = 64;
/** Room at each end of a line chart's category axis, so the first and last markers sit inside the plot. */
export const LINE_AXIS_PADDING = { left: 16, right: 16 } as const;
/** Room above and below a line chart's value range: a marker on the lowest tick does not sit on the category axis,
 * and the lowest value label stands clear of the quarter labels. */
export const LINE_VALUE_PADDING = { top: 6, bottom: 10 } as const;
