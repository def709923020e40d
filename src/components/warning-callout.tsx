import type { ReactNode } from 'react';

/**
 * The NHS design system's warning callout: a labelled box for what must not be missed (a cancelled
 * prescription, a likely duplicate patient, a key that must be kept apart). Screen readers hear
 * "Important:" before the label, as the design system asks.
 */
export function WarningCallout({
  label,
  level = 2,
  id,
  testId,
  children,
}: {
  label: ReactNode;
  /** The heading level of the label within the page. */
  level?: 2 | 3;
  id?: string;
  testId?: string;
  children: ReactNode;
}) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <div className="nhsuk-warning-callout" id={id} data-testid={testId}>
      <Heading className="nhsuk-warning-callout__label">
        <span role="text">
          <span className="nhsuk-u-visually-hidden">Important: </span>
          {label}
        </span>
      </Heading>
      {children}
    </div>
  );
}
