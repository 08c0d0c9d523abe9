// Form fields laid out on a grid (issue 22, item 5): each field's label above its box, its hint and error under it,
// so the boxes of a row line up however long a hint is. The look is .form-grid in styles.css; the form's buttons go
// in a FormActions row under the grid.
import type { ReactNode } from 'react';

export function FormGrid({ children, className }: { children: ReactNode; className?: string }) {
  return <div className={className ? `form-grid ${className}` : 'form-grid'}>{children}</div>;
}

export function FormActions({ children }: { children: ReactNode }) {
  return <div className="form-actions">{children}</div>;
}
