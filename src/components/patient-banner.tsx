/**
 * The patient banner: who this record is about, shown at the top of every patient and
 * consultation screen, so the wrong patient is hard to miss (name, date of birth with age, sex,
 * NHS number in 3 3 4).
 */
import { formatNhsNumber } from '../domain/nhs-number';
import { ageInYears, formatIsoDateUk, patientListName, SEX_LABELS, type Patient } from '../domain/patient';

export function PatientBanner({ patient }: { patient: Patient }) {
  const d = patient.data;
  return (
    <section className="lifeboat-patient-banner" aria-label="Patient" data-testid="patient-banner">
      <p className="lifeboat-patient-banner__name">{patientListName(d)}</p>
      <dl className="lifeboat-patient-banner__details">
        <div>
          <dt>Born</dt>
          <dd>
            {formatIsoDateUk(d.dateOfBirth)} ({ageInYears(d.dateOfBirth, new Date())} years)
          </dd>
        </div>
        <div>
          <dt>Sex</dt>
          <dd>{SEX_LABELS[d.sex]}</dd>
        </div>
        <div>
          <dt>NHS number</dt>
          <dd>{d.nhsNumber ? formatNhsNumber(d.nhsNumber) : 'Not recorded'}</dd>
        </div>
        {d.postcode ? (
          <div>
            <dt>Postcode</dt>
            <dd>{d.postcode}</dd>
          </div>
        ) : null}
      </dl>
    </section>
  );
}
