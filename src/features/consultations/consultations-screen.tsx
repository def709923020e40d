/**
 * Consultations on this device: today's, unsigned drafts (always one tap away from the header),
 * by clinician, or all; searchable by patient and by anything written in the record.
 */
import { useState } from 'react';
import { listConsultations, listPatients } from '../../db';
import { CONSULTATION_TYPE_LABELS, type Consultation } from '../../domain/consultation';
import { patientListName, searchKey, searchPatients, type Patient } from '../../domain/patient';
import { staffDisplayName } from '../../domain/staff';
import { formatUkDate, formatUkDateTime } from '../../domain/time';
import { Select } from '../../components/form-fields';
import { Link, usePath } from '../../lib/router';
import { useSession } from '../../lib/session';
import { useLiveQuery } from '../../lib/use-live-query';
import { ResponsiveCell, ResponsiveRow, ResponsiveTable } from '../../components/responsive-table';

type View = 'today' | 'drafts' | 'all';
const VIEWS: { value: View; label: string }[] = [
  { value: 'today', label: 'Today' },
  { value: 'drafts', label: 'Unsigned drafts' },
  { value: 'all', label: 'All' },
];
const STATUS_LABELS = { draft: 'Draft: not signed', signed: 'Signed', discarded: 'Discarded' } as const;

async function readAll(): Promise<{ consultations: Consultation[]; patients: Patient[] }> {
  const [consultations, patients] = await Promise.all([listConsultations(), listPatients()]);
  return { consultations, patients };
}

/** Words found anywhere in the record's text. */
function recordMatches(c: Consultation, words: string[]): boolean {
  const d = c.data;
  const all = searchKey([d.presentingComplaint, d.history, d.examination, d.assessment, d.plan, d.safetyNetting, d.followUp, d.referrals, d.freeText, d.allergies, d.currentMedicines, ...d.addenda.map((a) => a.text)].join(' '));
  return words.every((w) => all.includes(w));
}

export function ConsultationsScreen() {
  const path = usePath();
  const session = useSession();
  const initialView: View = path.includes('view=drafts') ? 'drafts' : 'today';
  const [view, setView] = useState<View>(initialView);
  const [clinician, setClinician] = useState('');
  const [query, setQuery] = useState('');
  const data = useLiveQuery(readAll, []);

  const today = formatUkDate(new Date());
  const patientsById = new Map((data.status === 'ready' ? data.value.patients : []).map((p) => [p.id, p]));
  let list = (data.status === 'ready' ? data.value.consultations : []).filter((c) => c.status !== 'discarded');
  if (view === 'today') list = list.filter((c) => formatUkDate(new Date(c.data.happenedAt)) === today);
  if (view === 'drafts') list = list.filter((c) => c.status === 'draft');
  if (clinician) list = list.filter((c) => c.authorId === clinician);
  if (query.trim()) {
    const matchingPatients = new Set(searchPatients([...patientsById.values()], query).map((p) => p.id));
    const words = searchKey(query).split(' ').filter(Boolean);
    list = list.filter((c) => matchingPatients.has(c.data.patientId) || recordMatches(c, words));
  }
  list.sort((a, b) => b.data.happenedAt.localeCompare(a.data.happenedAt));
  const who = (id: string) => {
    const member = session.staff.find((s) => s.id === id);
    return member ? staffDisplayName(member.data) : 'A former user';
  };

  return (
    <>
      <h1>Consultations</h1>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-one-third">
          <Select id="consultations-view" label="Show" value={view} options={VIEWS} onChange={(e) => setView(e.currentTarget.value as View)} />
        </div>
        <div className="nhsuk-grid-column-one-third">
          <Select
            id="consultations-clinician"
            label="Clinician"
            value={clinician}
            options={[{ value: '', label: 'Everyone' }, ...session.staff.map((s) => ({ value: s.id, label: staffDisplayName(s.data) }))]}
            onChange={(e) => setClinician(e.currentTarget.value)}
          />
        </div>
        <div className="nhsuk-grid-column-one-third">
          <div className="nhsuk-form-group">
            <label className="nhsuk-label" htmlFor="consultations-search">
              Search
            </label>
            <input className="nhsuk-input" id="consultations-search" type="search" autoComplete="off" value={query} onChange={(e) => setQuery(e.currentTarget.value)} />
          </div>
        </div>
      </div>
      {data.status === 'failed' ? <p className="nhsuk-error-message">Consultations could not be read: {data.error}</p> : null}
      <p role="status" className="nhsuk-body-s">
        {data.status === 'loading' ? 'Loading…' : `${list.length} consultation${list.length === 1 ? '' : 's'}`}
      </p>
      {list.length > 0 ? (
        <ResponsiveTable data-testid="consultation-list" headings={['When', 'Patient', 'Clinician', 'Status']}>
          {list.slice(0, 300).map((c) => {
            const patient = patientsById.get(c.data.patientId);
            return (
              <ResponsiveRow key={c.id}>
                <ResponsiveCell heading="When">
                  <Link to={`/consultations/${c.id}`}>{formatUkDateTime(new Date(c.data.happenedAt))}</Link> · {CONSULTATION_TYPE_LABELS[c.data.type]}
                </ResponsiveCell>
                <ResponsiveCell heading="Patient">{patient ? patientListName(patient.data) : 'Unknown patient'}</ResponsiveCell>
                <ResponsiveCell heading="Clinician">{who(c.authorId)}</ResponsiveCell>
                <ResponsiveCell heading="Status">{STATUS_LABELS[c.status]}</ResponsiveCell>
              </ResponsiveRow>
            );
          })}
        </ResponsiveTable>
      ) : null}
    </>
  );
}
