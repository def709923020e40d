/**
 * Import today's appointment list, saved from the clinical system as CSV before the outage:
 * choose the file and the day, check which column is which (remembered on this device, as header
 * names only), preview the good and the bad rows, then import the good ones in one go or nothing.
 */
import { useState, type ChangeEvent } from 'react';
import { z } from 'zod';
import { importAppointments, ValidationFailure, type AppointmentImportResult } from '../../db';
import {
  APPOINTMENT_FIELD_LABELS,
  APPOINTMENT_FIELDS,
  mappingIssues,
  mergeMapping,
  previewImport,
  readAppointmentFile,
  type AppointmentField,
  type AppointmentTable,
  type ColumnMapping,
  type ImportPreview,
} from '../../domain/appointment-csv';
import { ENCODING_LABELS } from '../../domain/csv';
import { systemClock } from '../../domain/clock';
import { formatIsoDateUk, londonDate } from '../../domain/patient';
import { ErrorSummary, Field, Select } from '../../components/form-fields';
import { Link } from '../../lib/router';
import { useActor } from '../../lib/session';
import { BadRowsList, GoodRowsTable } from './import-appointments-preview';

/** Files bigger than this are not a day's appointment list. */
const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** The column mapping last used on this device: header names only, never a patient's details. */
const MAPPING_KEY = 'lifeboat:appointment-list-columns';
const rememberedSchema = z.partialRecord(z.enum(APPOINTMENT_FIELDS), z.string().max(200));

function rememberedMapping(): ColumnMapping {
  try {
    const parsed = rememberedSchema.safeParse(JSON.parse(localStorage.getItem(MAPPING_KEY) ?? '{}'));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

function rememberMapping(mapping: ColumnMapping): void {
  try {
    localStorage.setItem(MAPPING_KEY, JSON.stringify(mapping));
  } catch {
    // A full or disabled storage only means choosing the columns again next time.
  }
}

function readBytes(file: File): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read'));
    reader.readAsArrayBuffer(file);
  });
}

const fieldId = (field: AppointmentField) => `import-column-${field}`;
const OPTIONAL: readonly AppointmentField[] = ['nhsNumber', 'phone', 'sex'];

type Step = { kind: 'choose' } | { kind: 'preview'; preview: ImportPreview } | { kind: 'done'; result: AppointmentImportResult };

export function ImportAppointmentsScreen() {
  const actor = useActor();
  const [listDate, setListDate] = useState(() => londonDate(systemClock.now()));
  const [fileName, setFileName] = useState('');
  const [table, setTable] = useState<AppointmentTable | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [errors, setErrors] = useState<{ field: string; message: string }[]>([]);
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [importing, setImporting] = useState(false);

  async function chooseFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    setTable(null);
    setErrors([]);
    if (!file) return;
    setFileName(file.name);
    if (file.size > MAX_FILE_BYTES) {
      setErrors([{ field: 'import-file', message: 'This file is too big to be a day’s appointment list: choose the CSV file of the list' }]);
      return;
    }
    const read = readAppointmentFile(await readBytes(file));
    if (read.headers.length === 0 || read.rows.length === 0) {
      setErrors([{ field: 'import-file', message: 'This file has no appointments in it: choose the CSV file of the list' }]);
      return;
    }
    setTable(read);
    setMapping(mergeMapping(read.headers, rememberedMapping()));
  }

  function showPreview() {
    if (!table) {
      setErrors([{ field: 'import-file', message: 'Choose the CSV file of the appointment list' }]);
      return;
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(listDate)) {
      setErrors([{ field: 'import-date', message: 'Enter the date of the list' }]);
      return;
    }
    const issues = mappingIssues(table.headers, mapping);
    if (issues.length > 0) {
      setErrors(issues.map((issue) => ({ field: fieldId(issue.field), message: issue.message })));
      return;
    }
    setErrors([]);
    rememberMapping(mapping);
    setStep({ kind: 'preview', preview: previewImport(table, mapping, listDate) });
  }

  async function runImport(preview: ImportPreview) {
    setImporting(true);
    try {
      setStep({ kind: 'done', result: await importAppointments(preview.good, actor) });
    } catch (error) {
      if (!(error instanceof ValidationFailure)) throw error;
      setErrors([{ field: 'import-confirm', message: error.message }]);
    } finally {
      setImporting(false);
    }
  }

  function startAgain() {
    setStep({ kind: 'choose' });
    setTable(null);
    setFileName('');
    setErrors([]);
  }

  if (step.kind === 'done') return <ImportDone result={step.result} onAnother={startAgain} />;

  if (step.kind === 'preview') {
    const { good, bad } = step.preview;
    return (
      <>
        <h1>Check the appointments for {formatIsoDateUk(listDate)}</h1>
        <ErrorSummary errors={errors} />
        <p data-testid="import-counts">
          {fileName}: {good.length} {good.length === 1 ? 'appointment' : 'appointments'} ready to import
          {bad.length > 0 ? `, ${bad.length} ${bad.length === 1 ? 'row' : 'rows'} with problems` : ''}.
        </p>
        <BadRowsList bad={bad} />
        <GoodRowsTable preview={step.preview} />
        <div className="nhsuk-form-group" id="import-confirm" tabIndex={-1}>
          {good.length > 0 ? (
            <button type="button" className="nhsuk-button" disabled={importing} onClick={() => void runImport(step.preview)}>
              {`Import ${good.length} ${good.length === 1 ? 'appointment' : 'appointments'}`}
            </button>
          ) : (
            <p>There is nothing to import from this file.</p>
          )}{' '}
          <button type="button" className="nhsuk-button nhsuk-button--secondary" disabled={importing} onClick={() => setStep({ kind: 'choose' })}>
            Cancel: import nothing
          </button>
        </div>
      </>
    );
  }

  const options = [{ value: '', label: 'Not in this file' }, ...(table?.headers ?? []).map((h) => ({ value: h, label: h }))];
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>Import today’s appointment list</h1>
        <p>Use the list saved from the clinical system as a CSV file. You will see every appointment before anything is added.</p>
        <ErrorSummary errors={errors} />
        <Field id="import-file" label="Appointment list (CSV file)" hint="Saved from EMIS, SystmOne or a spreadsheet" error={errors.find((e) => e.field === 'import-file')?.message}>
          {(describedBy) => (
            <input id="import-file" type="file" accept=".csv,.txt,text/csv,text/plain" className="nhsuk-file-upload" aria-describedby={describedBy} onChange={(e) => void chooseFile(e)} />
          )}
        </Field>
        <Field id="import-date" label="Date of the list" error={errors.find((e) => e.field === 'import-date')?.message}>
          {(describedBy) => <input id="import-date" type="date" className="nhsuk-input nhsuk-input--width-10" value={listDate} aria-describedby={describedBy} onChange={(e) => setListDate(e.target.value)} />}
        </Field>
        {table ? (
          <fieldset className="nhsuk-fieldset">
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">Which column is which</legend>
            <p className="nhsuk-body-s" data-testid="import-file-summary">
              {table.rows.length} rows, read as {ENCODING_LABELS[table.encoding]}. Give either the name column, or the surname and first name columns.
            </p>
            {APPOINTMENT_FIELDS.map((field) => (
              <Select
                key={field}
                id={fieldId(field)}
                label={`${APPOINTMENT_FIELD_LABELS[field]}${OPTIONAL.includes(field) ? ' (optional)' : ''}`}
                options={options}
                value={mapping[field] ?? ''}
                error={errors.find((e) => e.field === fieldId(field))?.message}
                onChange={(e) => setMapping(withColumn(mapping, field, e.target.value))}
              />
            ))}
          </fieldset>
        ) : null}
        <button type="button" className="nhsuk-button" onClick={showPreview}>
          Preview the appointments
        </button>
      </div>
    </div>
  );
}

function withColumn(mapping: ColumnMapping, field: AppointmentField, header: string): ColumnMapping {
  const others = Object.entries(mapping).filter(([key]) => key !== field);
  return Object.fromEntries(header === '' ? others : [...others, [field, header]]);
}

function ImportDone({ result, onAnother }: { result: AppointmentImportResult; onAnother: () => void }) {
  const n = result.imported.length;
  return (
    <>
      <div className="nhsuk-inset-text" role="status">
        <h1>{n === 1 ? '1 appointment imported' : `${n} appointments imported`}</h1>
        <ul className="nhsuk-list nhsuk-list--bullet" data-testid="import-summary">
          <li>{result.patientsCreated === 1 ? '1 new patient added' : `${result.patientsCreated} new patients added`}</li>
          <li>{result.patientsMatched === 1 ? '1 patient was already on this device' : `${result.patientsMatched} patients were already on this device`}</li>
          {result.skipped > 0 ? <li>{result.skipped === 1 ? '1 appointment was already in the queue and was left as it was' : `${result.skipped} appointments were already in the queue and were left as they were`}</li> : null}
        </ul>
      </div>
      <p>
        <Link to="/reception">Go to the queue</Link>
      </p>
      <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={onAnother}>
        Import another list
      </button>
    </>
  );
}
