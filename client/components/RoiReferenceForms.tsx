// "Add a unit cost" and "Add an evidence item", for commissioners and administrators on the Outcomes page: what every
// appraisal prices activity with and cites. Amounts are typed in pounds (parsed to pence) and savings per £1 as pounds
// per £1 (£1.20 is 12000 basis points of £1); the server checks everything again with the same shared schemas.
import { useState, type FormEvent } from 'react';
import { parsePounds } from '../../shared/money';
import { useRoiReferenceMutations } from '../hooks/useRoiReference';
import { apiError } from '../trpc';

/** Pounds as typed ("4,088" or "£1.20") to pence, or the reason it cannot be read. */
function pence(label: string, text: string): { ok: true; value: number } | { ok: false; message: string } {
  const parsed = parsePounds(text);
  if (!parsed.ok) return { ok: false, message: `${label} ${parsed.reason}, got '${text}'` };
  if (parsed.pence < 0) return { ok: false, message: `${label} cannot be negative, got '${text}'` };
  return { ok: true, value: parsed.pence };
}

interface FormProps {
  onSaved: (message: string) => Promise<void>;
  onError: (message: string) => void;
}

export function UnitCostForm({ onSaved, onError }: FormProps) {
  const { createUnitCost: create } = useRoiReferenceMutations();
  const [item, setItem] = useState('');
  const [cost, setCost] = useState('');
  const [priceYear, setPriceYear] = useState('');
  const [source, setSource] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const amount = pence('Unit cost (£)', cost);
    if (!amount.ok) return onError(amount.message);
    try {
      const saved = await create.mutateAsync({ item, pence: amount.value, priceYear, source });
      setItem('');
      setCost('');
      setPriceYear('');
      setSource('');
      await onSaved(`Added the unit cost ‘${saved.item}’.`);
    } catch (error) {
      onError(apiError(error).message);
    }
  };

  return (
    <form className="form roi-form" aria-labelledby="add-unit-cost" onSubmit={(e) => void submit(e)}>
      <h3 id="add-unit-cost">Add a unit cost</h3>
      <label>
        Item
        <input required value={item} onChange={(e) => setItem(e.target.value)} placeholder="Emergency bed-day, acute" />
      </label>
      <label>
        Cost (£)
        <input required inputMode="decimal" value={cost} onChange={(e) => setCost(e.target.value)} placeholder="450.00" />
      </label>
      <label>
        Price year
        <input required value={priceYear} onChange={(e) => setPriceYear(e.target.value)} placeholder="2024/25" />
      </label>
      <label>
        Source
        <input
          required
          value={source}
          onChange={(e) => setSource(e.target.value)}
          placeholder="PSSRU Unit Costs of Health and Social Care 2024"
        />
      </label>
      <button type="submit" disabled={create.isPending}>
        Add unit cost
      </button>
    </form>
  );
}

export function EvidenceForm({ onSaved, onError }: FormProps) {
  const { createEvidence: create } = useRoiReferenceMutations();
  const [claim, setClaim] = useState('');
  const [kind, setKind] = useState<'per_pound' | 'pence'>('per_pound');
  const [value, setValue] = useState('');
  const [low, setLow] = useState('');
  const [high, setHigh] = useState('');
  const [publication, setPublication] = useState('');
  const [url, setUrl] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // £1.20 per £1 is 120 pence per pound, stored as 12000 basis points of £1: pence x 100.
    const scale = kind === 'per_pound' ? 100 : 1;
    const read = (label: string, text: string) => {
      const p = pence(label, text);
      return p.ok ? { ok: true as const, value: p.value * scale } : p;
    };
    const central = read('Value', value);
    if (!central.ok) return onError(central.message);
    const range = low.trim() === '' && high.trim() === '' ? null : [read('Low value', low), read('High value', high)];
    const bad = range?.find((r) => !r.ok);
    if (bad && !bad.ok) return onError(bad.message);
    const [lowValue, highValue] = (range ?? []).map((r) => (r.ok ? r.value : null));
    try {
      const saved = await create.mutateAsync({
        claim,
        valueKind: kind,
        value: central.value,
        low: lowValue ?? null,
        high: highValue ?? null,
        publication,
        url: url.trim() === '' ? null : url.trim(),
      });
      for (const set of [setClaim, setValue, setLow, setHigh, setPublication, setUrl]) set('');
      await onSaved(`Added the evidence ‘${saved.claim}’.`);
    } catch (error) {
      onError(apiError(error).message);
    }
  };

  return (
    <form className="form roi-form" aria-labelledby="add-evidence" onSubmit={(e) => void submit(e)}>
      <h3 id="add-evidence">Add an evidence item</h3>
      <label>
        Claim
        <input required value={claim} onChange={(e) => setClaim(e.target.value)} placeholder="£1.20 saved on bed-days per £1 spent" />
      </label>
      <label>
        The value is
        <select value={kind} onChange={(e) => setKind(e.target.value === 'pence' ? 'pence' : 'per_pound')}>
          <option value="per_pound">savings per £1 spent (£)</option>
          <option value="pence">an amount (£)</option>
        </select>
      </label>
      <label>
        Value (£)
        <input required inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} placeholder="1.20" />
      </label>
      <label>
        Low (£, optional)
        <input inputMode="decimal" value={low} onChange={(e) => setLow(e.target.value)} placeholder="0.80" />
      </label>
      <label>
        High (£, optional)
        <input inputMode="decimal" value={high} onChange={(e) => setHigh(e.target.value)} placeholder="1.60" />
      </label>
      <label>
        Publication
        <input required value={publication} onChange={(e) => setPublication(e.target.value)} />
      </label>
      <label>
        Web address (optional)
        <input type="url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://" />
      </label>
      <button type="submit" disabled={create.isPending}>
        Add evidence
      </button>
    </form>
  );
}
