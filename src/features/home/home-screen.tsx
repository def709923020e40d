/** The start screen once set up: who is using the device and where to go. */
import { Link } from '../../lib/router';
import { useSession } from '../../lib/session';
import { practiceAddressIsComplete } from '../../domain/practice';

export function HomeScreen() {
  const session = useSession();
  const practice = session.practice;
  return (
    <>
      <h1>{practice?.data.name ?? 'Lifeboat'}</h1>
      <p className="nhsuk-lede-text">Records made here stay on this device until they are exported for re-entry into the clinical system.</p>
      {practice && !practiceAddressIsComplete(practice.data) ? (
        <div className="nhsuk-inset-text">
          <p>
            Prescriptions need the practice address. <Link to="/practice">Add the practice address and phone</Link>.
          </p>
        </div>
      ) : null}
      <ul className="nhsuk-grid-row nhsuk-card-group">
        {[
          { to: '/patients', title: 'Patients', text: 'Find a patient or add one, then start a consultation.' },
          { to: '/consultations', title: 'Consultations', text: 'Today’s consultations, unsigned drafts, and search.' },
          { to: '/staff', title: 'Staff', text: 'Add the people who will use this device.' },
          { to: '/practice', title: 'Practice details', text: 'Address, phone and ODS code.' },
          { to: '/device', title: 'This device', text: 'Whether the browser will keep Lifeboat’s data, and space used.' },
          { to: '/history', title: 'Audit trail', text: 'Every change on this device: who, what, when.' },
        ].map((card) => (
          <li className="nhsuk-grid-column-one-half nhsuk-card-group__item" key={card.to}>
            <div className="nhsuk-card nhsuk-card--clickable">
              <div className="nhsuk-card__content">
                <h2 className="nhsuk-card__heading nhsuk-heading-m">
                  <Link className="nhsuk-card__link" to={card.to}>
                    {card.title}
                  </Link>
                </h2>
                <p className="nhsuk-card__description">{card.text}</p>
              </div>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
