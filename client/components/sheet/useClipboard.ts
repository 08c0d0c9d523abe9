// Ctrl+C and Ctrl+V on the grid, through the browser's copy and paste events (no clipboard permission needed): the
// selection goes out as tab-separated text, as Excel and LibreOffice put on the clipboard; pasted text comes in as a
// block from the selection's top-left cell. On the totals row a paste goes below the last row (adding rows, as pasting
// past the end does) and a copy takes the total. While a cell is being edited, the editor has the clipboard.
import { useCallback, type ClipboardEvent } from 'react';
import type { Rect } from './selection';

interface Clipboard {
  isEditing: () => boolean;
  currentRect: () => Rect | null;
  /** With the focus on the totals row: the cell below the last row, in the focused column; otherwise null. */
  totalsRect: () => Rect | null;
  /** The selection as text. */
  copy: (selection: Rect) => string;
  /** With the focus on the totals row: the focused total as text; otherwise null. */
  copyTotal: () => string | null;
  paste: (selection: Rect, text: string) => void;
  /** Tell the person why a paste did nothing. */
  say: (message: string) => void;
}

export function useClipboard({ isEditing, currentRect, totalsRect, copy, copyTotal, paste, say }: Clipboard) {
  const onCopy = useCallback(
    (event: ClipboardEvent<HTMLDivElement>) => {
      if (isEditing()) return;
      const rect = currentRect();
      const text = rect ? copy(rect) : copyTotal();
      if (text === null) return;
      event.clipboardData.setData('text/plain', text);
      event.preventDefault();
    },
    [currentRect, isEditing, copy, copyTotal],
  );

  const onPaste = useCallback(
    (event: ClipboardEvent<HTMLDivElement>) => {
      if (isEditing()) return;
      const rect = currentRect() ?? totalsRect();
      if (!rect) return;
      event.preventDefault();
      const text = event.clipboardData.getData('text/plain');
      if (text === '') {
        say('Nothing to paste: the clipboard holds no text. Copy cells in Excel or in a grid first');
        return;
      }
      paste(rect, text);
    },
    [currentRect, totalsRect, isEditing, paste, say],
  );

  return { onCopy, onPaste };
}
