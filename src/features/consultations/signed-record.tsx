/**
 * A signed consultation: read-only, every section, then its addenda (who, when, why) under the
 * original. Corrections are addenda; nothing signed changes. Opening it is part of its history.
 */
import { useEffect, useRef, useState } from 'react';
import { addAddendumTo, ConsultationRefused, recordConsultationAccess } from '../../db';
import { CONSULTATION_TEXT_HEADINGS, CONSULTATION_TYPE_LABELS, SECTIONS_AFTER_MEDICINES, SECTIONS_BEFORE_OBSERVATIONS, type Consultation } from '../../domain/consultation';
import { calculateNews2, NEWS2_BAND_LABELS } from '../../domain/news2';
import { CONSCIOUSNESS_LABELS, OBSERVATION_LIMITS, observationsSchema, type NumericObservation, type Observations } from '../../domain/observations';
import { staffDisplayName } from '../../domain/staff';
import { formatUkDateTime } from '../../domain/time';
import { TextArea, TextInput } from '../../components/form-fields';
import { Link } from '../../lib/router';
import { useActor, useSession } from '../../lib/session';
import { SummaryRow } from '../../components/summary-row';
import { WarningCallout } from '../../components/warning-callout';

/** Every written section in the order of the form, allergies and medicines in their place. */
const SECTIONS = [
  ...SECTIONS_BEFORE_OBSERVATIONS.map((field) => [field, CONSULTATION_TEXT_HEADINGS[field]] as const),
  ['allergies', 'Allergies'] as const,
  ['currentMedicines', 'Current medicines'] as const,
  ...SECTIONS_AFTER_MEDICINES.map((field) => [field, CONSULTATION_TEXT_HEADINGS[field]] as const),
];

export function SignedRecord({ consultation, actions }: { consultation: Consultation; actions?: React.ReactNode }) {
  const actor = useActor();
  const session = useSession();
  const viewed = useRef(false);
  const d = consultation.data;
  const who = (id: string) => {
    const member = session.staff.find((s) => s.id === id);
    return member ? staffDisplayName(member.data) : 'A former user';
  };

  useEffect(() => {
    if (viewed.current || consultation.status !== 'signed') return;
    viewed.current = true;
    void recordConsultationAccess(consultation.id, 'view', actor);
  }, [consultation.id, consultation.status, actor]);

  const observations = observationsSchema.safeParse(d.observations);
  const news2 = observations.success ? calculateNews2(observations.data) : null;
  const text = (field: (typeof SECTIONS)[number][0]) => {
    if (field === 'allergies' && d.allergiesNotKnown) return 'Not known';
    if (field === 'currentMedicines' && d.currentMedicinesNotKnown) return 'Not known';
    return d[field].trim() || 'Not recorded';
  };

  return (
    <article data-testid="signed-record">
      <h1>Consultation</h1>
      {consultation.status === 'discarded' && d.discard ? (
        <WarningCallout label="Discarded draft">
          <p>
            Discarded by {who(d.discard.staffId)} on {formatUkDateTime(new Date(d.discard.at))}: {d.discard.reason}
          </p>
        </WarningCallout>
      ) : null}
      {d.signature ? (
        <p className="nhsuk-inset-text">
          Signed by {who(d.signature.staffId)} on {formatUkDateTime(new Date(d.signature.at))}. This record cannot be changed: add an addendum to correct it.
        </p>
      ) : null}
      {actions}
      {consultation.status === 'signed' ? (
        <p className="lifeboat-no-print">
          <Link className="nhsuk-button" to={`/prescriptions/new?consultation=${consultation.id}`}>
            Prescribe
          </Link>
        </p>
      ) : null}
      <dl className="nhsuk-summary-list">
        <SummaryRow label="Care happened">{formatUkDateTime(new Date(d.happenedAt))}</SummaryRow>
        <SummaryRow label="Written">{formatUkDateTime(new Date(d.recordedAt))}</SummaryRow>
        <SummaryRow label="Type">{CONSULTATION_TYPE_LABELS[d.type]}</SummaryRow>
        <SummaryRow label="Clinician">{who(consultation.authorId)}</SummaryRow>
        {SECTIONS.map(([field, label]) => (
          <SummaryRow key={field} label={label}>
            <span className="lifeboat-record-text">{text(field)}</span>
          </SummaryRow>
        ))}
        <SummaryRow label="Observations">
          {observations.success ? <ObservationList obs={observations.data} /> : 'Not recorded'}
          {news2 ? (
            <p>
              <strong>
                NEWS2 {news2.total}: {NEWS2_BAND_LABELS[news2.band]}
              </strong>
            </p>
          ) : null}
        </SummaryRow>
        <SummaryRow label="Record id">
          <span className="lifeboat-mono">{consultation.id}</span>
        </SummaryRow>
      </dl>
      {d.addenda.length > 0 ? <h2>Addenda</h2> : null}
      {d.addenda.map((a) => (
        <section key={a.id} className="lifeboat-addendum" aria-label={`Addendum of ${formatUkDateTime(new Date(a.at))}`}>
          <p className="nhsuk-body-s">
            <strong>{who(a.authorId)}</strong>, {formatUkDateTime(new Date(a.at))}. Reason: {a.reason}
          </p>
          <p className="lifeboat-record-text">{a.text}</p>
        </section>
      ))}
      {consultation.status === 'signed' ? <AddendumForm consultationId={consultation.id} /> : null}
    </article>
  );
}

function ObservationList({ obs }: { obs: Observations }) {
  const items: string[] = [];
  for (const [field, limit] of Object.entries(OBSERVATION_LIMITS) as [NumericObservation, (typeof OBSERVATION_LIMITS)[NumericObservation]][]) {
    const value = obs[field];
    if (value !== undefined) items.push(`${limit.label} ${value} ${limit.unit}`);
  }
  if (obs.onOxygen) items.push('On supplemental oxygen');
  if (obs.consciousness) items.push(`Consciousness: ${CONSCIOUSNESS_LABELS[obs.consciousness]}`);
  if (items.length === 0) return <>Not recorded</>;
  return (
    <ul className="nhsuk-list">
      {items.map((i) => (
        <li key={i}>{i}</li>
      ))}
    </ul>
  );
}

function AddendumForm({ consultationId }: { consultationId: string }) {
  const actor = useActor();
  const [reason, setReason] = useState('');
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);

  async function add() {
    setSaved(false);
    try {
      await addAddendumTo(consultationId, { reason, text }, actor);
      setReason('');
      setText('');
      setErrors({});
      setSaved(true);
    } catch (error) {
      if (error instanceof ConsultationRefused) setErrors(Object.fromEntries(error.errors.map((e) => [e.field, e.message])));
      else throw error;
    }
  }

  return (
    <section aria-labelledby="addendum-heading">
      <h2 id="addendum-heading">Add an addendum</h2>
      {saved ? (
        <p className="nhsuk-inset-text" role="status">
          Addendum added under the signed record.
        </p>
      ) : null}
      <TextInput id="addendum-reason" label="Why are you adding to the record?" hint="For example, dose corrected" error={errors.reason} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
      <TextArea id="addendum-text" label="Addendum" rows={4} error={errors.text} value={text} onChange={(e) => setText(e.currentTarget.value)} />
      <button type="button" className="nhsuk-button" onClick={() => void add()}>
        Add addendum
      </button>
    </section>
  );
}
