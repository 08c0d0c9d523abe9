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

/** A labelled text input of a form (its label wraps it, so a click on the words focuses it). */
function TextField(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
  inputMode?: 'decimal';
  type?: 'url';
  placeholder?: string;
}) {
  const { label, onChange, ...input } = props;
  return (
    <label>
      {label}
      <input {...input} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
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
      <TextField label="Item" value={item} onChange={setItem} required placeholder="Emergency bed-day, acute" />
      <TextField label="Cost (£)" value={cost} onChange={setCost} required inputMode="decimal" placeholder="450.00" />
      <TextField label="Price year" value={priceYear} onChange={setPriceYear} required placeholder="2024/25" />
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
      <TextField label="Claim" value={claim} onChange={setClaim} required placeholder="£1.20 saved on bed-days per £1 spent" />
      <label>
        The value is
        <select value={kind} onChange={(e) => setKind(e.target.value === 'pence' ? 'pence' : 'per_pound')}>
          <option value="per_pound">savings per £1 spent (£)</option>
          <option value="pence">an amount (£)</option>
        </select>
      </label>
      <TextField label="Value (£)" value={value} onChange={setValue} required inputMode="decimal" placeholder="1.20" />
      <TextField label="Low (£, optional)" value={low} onChange={setLow} inputMode="decimal" placeholder="0.80" />
      <TextField label="High (£, optional)" value={high} onChange={setHigh} inputMode="decimal" placeholder="1.60" />
      <TextField label="Publication" value={publication} onChange={setPublication} required />
      <TextField label="Web address (optional)" value={url} onChange={setUrl} type="url" placeholder="https://" />
      <button type="submit" disabled={create.isPending}>
        Add evidence
      </button>
    </form>
  );
}
