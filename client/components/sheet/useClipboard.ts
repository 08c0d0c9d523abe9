// Ctrl+C and Ctrl+V on the grid, through the browser's copy and paste events (no clipboard permission needed): the
// selection goes out as tab-separated text, as Excel and LibreOffice put on the clipboard; pasted text comes in as a
// block from the selection's top-left cell. While a cell is being edited, the editor has the clipboard.
import { useCallback, type ClipboardEvent } from 'react';
import type { Rect } from './selection';

interface Clipboard {
  isEditing: () => boolean;
  currentRect: () => Rect | null;
  /** The selection as text. */
  copy: (selection: Rect) => string;
  paste: (selection: Rect, text: string) => void;
}

export function useClipboard({ isEditing, currentRect, copy, paste }: Clipboard) {
  const onCopy = useCallback(
    (event: ClipboardEvent<HTMLDivElement>) => {
      const rect = currentRect();
      if (!rect || isEditing()) return;
      event.clipboardData.setData('text/plain', copy(rect));
      event.preventDefault();
    },
    [currentRect, isEditing, copy],
  );

  const onPaste = useCallback(
    (event: ClipboardEvent<HTMLDivElement>) => {
      const rect = currentRect();
      if (!rect || isEditing()) return;
      event.preventDefault();
      paste(rect, event.clipboardData.getData('text/plain'));
    },
    [currentRect, isEditing, paste],
  );

  return { onCopy, onPaste };
}
