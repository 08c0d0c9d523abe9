// A page's one notice, and the two handlers its parts call after a write: say what happened, then refresh the data.
import { useState } from 'react';
import type { Notice } from '../components/NoticeBanner';

export interface WriteEvents {
  onDone: (text: string) => Promise<void>;
  onError: (text: string) => Promise<void>;
}

/** Whether the write worked or not, the data is refreshed: a refusal may mean someone else changed it first. */
export function useNotice(refresh: () => Promise<unknown>) {
  const [notice, setNotice] = useState<Notice | null>(null);
  const events: WriteEvents = {
    onDone: async (text) => {
      setNotice({ kind: 'info', text });
      await refresh();
    },
    onError: async (text) => {
      setNotice({ kind: 'error', text });
      await refresh();
    },
  };
  return { notice, setNotice, events };
}
