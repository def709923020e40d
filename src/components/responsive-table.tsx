/**
 * The NHS design system's responsive table: a table on a desktop, and below the desktop breakpoint
 * each row a block whose cells carry their column heading, so a phone never scrolls sideways
 * (WCAG 2.2 reflow at 320 CSS pixels). The explicit ARIA roles keep it a table for screen readers
 * once CSS has made its rows blocks; the headings repeated in the cells are hidden from them.
 */
import type { ReactNode, TableHTMLAttributes } from 'react';

type TableAttributes = Omit<TableHTMLAttributes<HTMLTableElement>, 'children' | 'className' | 'role'> & { 'data-testid'?: string };

export function ResponsiveTable({ caption, headings, children, ...attributes }: { caption?: ReactNode; headings: readonly ReactNode[]; children: ReactNode } & TableAttributes) {
  return (
    <table className="nhsuk-table nhsuk-table--responsive" role="table" {...attributes}>
      {caption ? <caption className="nhsuk-table__caption">{caption}</caption> : null}
      <thead className="nhsuk-table__head" role="rowgroup">
        <tr className="nhsuk-table__row" role="row">
          {headings.map((heading, index) => (
            <th key={index} className="nhsuk-table__header" role="columnheader" scope="col">
              {heading}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="nhsuk-table__body" role="rowgroup">
        {children}
      </tbody>
    </table>
  );
}

export function ResponsiveRow({ children }: { children: ReactNode }) {
  return (
    <tr className="nhsuk-table__row" role="row">
      {children}
    </tr>
  );
}

/** A cell; `heading` is its column's heading, shown beside the value on a phone (none for an actions column). */
export function ResponsiveCell({ heading, className, children }: { heading?: string; className?: string; children: ReactNode }) {
  return (
    <td className={className ? `nhsuk-table__cell ${className}` : 'nhsuk-table__cell'} role="cell">
      {heading ? (
        <span className="nhsuk-table__heading" aria-hidden="true">
          {heading}{' '}
        </span>
      ) : null}
      <span>{children}</span>
    </td>
  );
}
