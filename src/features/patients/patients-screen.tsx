/** Find a patient already on this device (name, date of birth or NHS number), or add one. */
import { useState } from 'react';
import { listPatients } from '../../db';
import { formatNhsNumber } from '../../domain/nhs-number';
import { formatIsoDateUk, patientListName, searchPatients } from '../../domain/patient';
import { Link } from '../../lib/router';
import { useLiveQuery } from '../../lib/use-live-query';
import { ResponsiveCell, ResponsiveRow, ResponsiveTable } from '../../components/responsive-table';

export function PatientsScreen() {
  const [query, setQuery] = useState('');
  const patients = useLiveQuery(listPatients, []);
  const all = patients.status === 'ready' ? patients.value : [];
  const found = query.trim() === '' ? all : searchPatients(all, query);
  const shown = [...found].sort((a, b) => patientListName(a.data).localeCompare(patientListName(b.data), 'en-GB'));

  return (
    <>
      <h1>Patients</h1>
      <div className="nhsuk-form-group">
        <label className="nhsuk-label" htmlFor="patient-search">
          Find a patient
        </label>
        <div className="nhsuk-hint" id="patient-search-hint">
          Name, date of birth (19/07/1984) or NHS number, in any order
        </div>
        <input
          className="nhsuk-input"
          id="patient-search"
          type="search"
          autoComplete="off"
          spellCheck={false}
          aria-describedby="patient-search-hint"
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
        />
      </div>
      <p>
        <Link className="nhsuk-button" to="/patients/new">
          Add a patient
        </Link>
      </p>
      {patients.status === 'failed' ? <p className="nhsuk-error-message">Patients could not be read: {patients.error}</p> : null}
      <p role="status" className="nhsuk-body-s">
        {patients.status === 'loading' ? 'Loading…' : `${shown.length} patient${shown.length === 1 ? '' : 's'}${query.trim() ? ' found' : ' on this device'}`}
      </p>
      {shown.length > 0 ? (
        <ResponsiveTable data-testid="patient-list" headings={['Name', 'Date of birth', 'NHS number']}>
          {shown.slice(0, 200).map((p) => (
            <ResponsiveRow key={p.id}>
              <ResponsiveCell heading="Name">
                <Link to={`/patients/${p.id}`}>{patientListName(p.data)}</Link>
              </ResponsiveCell>
              <ResponsiveCell heading="Date of birth">{formatIsoDateUk(p.data.dateOfBirth)}</ResponsiveCell>
              <ResponsiveCell heading="NHS number">{p.data.nhsNumber ? formatNhsNumber(p.data.nhsNumber) : 'Not recorded'}</ResponsiveCell>
            </ResponsiveRow>
          ))}
        </ResponsiveTable>
      ) : null}
    </>
  );
}
