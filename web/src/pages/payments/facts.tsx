import type { ReactNode } from 'react';
import './payments.css';

export type Fact = { label: string; value: ReactNode; testId?: string };

/** Label/value pairs in the app's record grid. */
export function Facts({ items }: { items: Fact[] }) {
  return (
    <dl className="record pay-facts">
      {items.map((item) => (
        <div key={item.label}>
          <dt>{item.label}</dt>
          <dd data-testid={item.testId}>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
