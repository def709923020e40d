/**
 * The preview of an appointment list before it is imported: the good rows in a table, and every
 * bad row with its line in the file and why, so reception imports the good rows or nothing.
 */
import type { BadRow, ImportPreview } from '../../domain/appointment-csv';
import { formatIsoDateUk, patientListName } from '../../domain/patient';
import { formatNhsNumber } from '../../domain/nhs-number';
import { formatUkTime } from '../../domain/time';
import { ResponsiveCell, ResponsiveRow, ResponsiveTable } from '../../components/responsive-table';
import { WarningCallout } from '../../components/warning-callout';

export function GoodRowsTable({ preview }: { preview: ImportPreview }) {
  if (preview.good.length === 0) return null;
  return (
    <ResponsiveTable
      data-testid="import-good-rows"
      caption={`Appointments to import (${preview.good.length})`}
      headings={['Line', 'Time', 'Clinician', 'Patient', 'Date of birth', 'NHS number']}
    >
      {preview.good.map((a) => (
        <ResponsiveRow key={`${a.rowNumber}`}>
          <ResponsiveCell heading="Line">{a.rowNumber}</ResponsiveCell>
          <ResponsiveCell heading="Time">{formatUkTime(new Date(a.appointmentAt), false)}</ResponsiveCell>
          <ResponsiveCell heading="Clinician">{a.bookedWith || 'Not named'}</ResponsiveCell>
          <ResponsiveCell heading="Patient">{patientListName(a.patient)}</ResponsiveCell>
          <ResponsiveCell heading="Date of birth">{formatIsoDateUk(a.patient.dateOfBirth)}</ResponsiveCell>
          <ResponsiveCell heading="NHS number">{a.patient.nhsNumber ? formatNhsNumber(a.patient.nhsNumber) : 'Not given'}</ResponsiveCell>
        </ResponsiveRow>
      ))}
    </ResponsiveTable>
  );
}

/** What identifies a bad row to the reader: its first few non-empty cells. */
function rowText(row: BadRow): string {
  const text = row.raw
    .map((c) => c.replace(/\s+/g, ' ').trim())
    .filter((c) => c !== '')
    .slice(0, 6)
    .join(', ');
  return text.length > 160 ? `${text.slice(0, 159)}…` : text;
}

export function BadRowsList({ bad }: { bad: readonly BadRow[] }) {
  if (bad.length === 0) return null;
  return (
    <WarningCallout label={bad.length === 1 ? '1 row will not be imported' : `${bad.length} rows will not be imported`} testId="import-bad-rows">
      <p>Correct these in the clinical system’s list and import it again, or add these patients by hand.</p>
      <ul className="nhsuk-list">
        {bad.map((row) => (
          <li key={row.rowNumber}>
            <strong>Line {row.rowNumber}</strong>: {rowText(row)}
            <ul className="nhsuk-list nhsuk-list--bullet nhsuk-u-margin-bottom-2">
              {row.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </WarningCallout>
  );
}
