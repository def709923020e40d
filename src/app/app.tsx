/**
 * The app shell: header with the practice and who is using the device, banners, and the screen
 * for the current address. Screens other than home and setup load on demand; the service worker
 * has every one of them cached, so they open offline too.
 */
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { countDrafts, countUnprintedPrescriptions, getDeviceSettings, lock } from '../db';
import type { DeviceSettings } from '../domain/device';
import { staffDisplayName } from '../domain/staff';
import { Link, matchPath, usePath } from '../lib/router';
import { SessionProvider, useSession } from '../lib/session';
import { useAutoLock } from '../lib/use-auto-lock';
import { useKeyring } from '../lib/use-keyring';
import { useLiveQuery } from '../lib/use-live-query';
import { HomeScreen } from '../features/home/home-screen';
import { LockScreen } from '../features/lock/lock-screen';
import { ProtectDeviceScreen } from '../features/lock/protect-device-screen';
import { SetupScreen } from '../features/setup/setup-screen';
import { ScreenErrorBoundary } from '../components/error-boundary';
import { isPausedForUpdate, OutOfDateTab, StorageBanner, UpdateBanner } from './banners';
import { useStorageStatus } from '../lib/use-storage-status';

const StaffScreen = lazy(() => import('../features/staff/staff-screen').then((m) => ({ default: m.StaffScreen })));
const SwitchUserScreen = lazy(() => import('../features/lock/switch-user-screen').then((m) => ({ default: m.SwitchUserScreen })));
const PracticeScreen = lazy(() => import('../features/practice/practice-screen').then((m) => ({ default: m.PracticeScreen })));
const DeviceScreen = lazy(() => import('../features/device/device-screen').then((m) => ({ default: m.DeviceScreen })));
const ReceptionScreen = lazy(() => import('../features/reception/reception-screen').then((m) => ({ default: m.ReceptionScreen })));
const LogWalkInScreen = lazy(() => import('../features/reception/log-walk-in-screen').then((m) => ({ default: m.LogWalkInScreen })));
const WaitingRoomScreen = lazy(() => import('../features/reception/waiting-room-screen').then((m) => ({ default: m.WaitingRoomScreen })));
const ImportAppointmentsScreen = lazy(() => import('../features/reception/import-appointments-screen').then((m) => ({ default: m.ImportAppointmentsScreen })));
const HandoverScreen = lazy(() => import('../features/reception/handover-screen').then((m) => ({ default: m.HandoverScreen })));
const ReceiveHandoverScreen = lazy(() => import('../features/reception/receive-handover-screen').then((m) => ({ default: m.ReceiveHandoverScreen })));
const PatientsScreen = lazy(() => import('../features/patients/patients-screen').then((m) => ({ default: m.PatientsScreen })));
const AddPatientScreen = lazy(() => import('../features/patients/add-patient-screen').then((m) => ({ default: m.AddPatientScreen })));
const EditPatientScreen = lazy(() => import('../features/patients/edit-patient-screen').then((m) => ({ default: m.EditPatientScreen })));
const PatientScreen = lazy(() => import('../features/patients/patient-screen').then((m) => ({ default: m.PatientScreen })));
const ConsultationsScreen = lazy(() => import('../features/consultations/consultations-screen').then((m) => ({ default: m.ConsultationsScreen })));
const ConsultationScreen = lazy(() => import('../features/consultations/consultation-screen').then((m) => ({ default: m.ConsultationScreen })));
const PrescriptionsScreen = lazy(() => import('../features/prescriptions/prescriptions-screen').then((m) => ({ default: m.PrescriptionsScreen })));
const NewPrescriptionScreen = lazy(() => import('../features/prescriptions/new-prescription-screen').then((m) => ({ default: m.NewPrescriptionScreen })));
const RegisterScreen = lazy(() => import('../features/prescriptions/register-screen').then((m) => ({ default: m.RegisterScreen })));
const PrescriptionScreen = lazy(() => import('../features/prescriptions/prescription-screen').then((m) => ({ default: m.PrescriptionScreen })));
const HandwrittenPrescriptionScreen = lazy(() => import('../features/prescriptions/handwritten-prescription-screen').then((m) => ({ default: m.HandwrittenPrescriptionScreen })));
const CalibrationScreen = lazy(() => import('../features/prescriptions/calibration-screen').then((m) => ({ default: m.CalibrationScreen })));
const HistoryScreen = lazy(() => import('../features/history/history-screen').then((m) => ({ default: m.HistoryScreen })));

interface Route {
  pattern: string;
  title: string;
  render: (params: Record<string, string>) => ReactNode;
}

// Order matters: /patients/new before /patients/:id.
const ROUTES: Route[] = [
  { pattern: '/', title: 'Home', render: () => <HomeScreen /> },
  { pattern: '/reception', title: 'Reception queue', render: () => <ReceptionScreen /> },
  { pattern: '/reception/new', title: 'Log a walk-in', render: () => <LogWalkInScreen /> },
  { pattern: '/reception/display', title: 'Waiting room', render: () => <WaitingRoomScreen /> },
  { pattern: '/reception/import', title: 'Import the appointment list', render: () => <ImportAppointmentsScreen /> },
  { pattern: '/reception/handover/:id', title: 'Hand over to another device', render: (p) => <HandoverScreen entryId={p.id ?? ''} /> },
  { pattern: '/reception/receive', title: 'Receive from another device', render: () => <ReceiveHandoverScreen /> },
  { pattern: '/patients', title: 'Patients', render: () => <PatientsScreen /> },
  { pattern: '/patients/new', title: 'Add a patient', render: () => <AddPatientScreen /> },
  { pattern: '/patients/:id/edit', title: 'Change the patient’s details', render: (p) => <EditPatientScreen patientId={p.id ?? ''} /> },
  { pattern: '/patients/:id', title: 'Patient', render: (p) => <PatientScreen patientId={p.id ?? ''} /> },
  { pattern: '/consultations', title: 'Consultations', render: () => <ConsultationsScreen /> },
  { pattern: '/consultations/:id', title: 'Consultation', render: (p) => <ConsultationScreen consultationId={p.id ?? ''} /> },
  { pattern: '/prescriptions', title: 'Prescriptions', render: () => <PrescriptionsScreen query={window.location.search} /> },
  { pattern: '/prescriptions/new', title: 'New prescription', render: () => <NewPrescriptionScreen query={window.location.search} /> },
  { pattern: '/prescriptions/register', title: 'FP10 register', render: () => <RegisterScreen /> },
  { pattern: '/prescriptions/handwritten', title: 'Log a handwritten prescription', render: () => <HandwrittenPrescriptionScreen query={window.location.search} /> },
  { pattern: '/prescriptions/:id', title: 'Prescription', render: (p) => <PrescriptionScreen prescriptionId={p.id ?? ''} /> },
  { pattern: '/device/printer', title: 'Printer alignment', render: () => <CalibrationScreen /> },
  { pattern: '/staff', title: 'Staff', render: () => <StaffScreen /> },
  { pattern: '/switch-user', title: 'Switch user', render: () => <SwitchUserScreen /> },
  { pattern: '/practice', title: 'Practice details', render: () => <PracticeScreen /> },
  { pattern: '/device', title: 'This device', render: () => <DeviceScreen /> },
  { pattern: '/history', title: 'Audit trail', render: () => <HistoryScreen /> },
];

const NAVIGATION = [
  { to: '/', label: 'Home' },
  { to: '/reception', label: 'Reception' },
  { to: '/patients', label: 'Patients' },
  { to: '/consultations', label: 'Consultations' },
  { to: '/prescriptions', label: 'Prescriptions' },
  { to: '/staff', label: 'Staff' },
  { to: '/device', label: 'This device' },
  { to: '/history', label: 'Audit trail' },
];

/**
 * Which state the device is in decides what can be shown: not set up (setup), locked (the lock
 * screen, which reads nothing encrypted), set up before encryption (protect it first), unlocked.
 */
export function App() {
  const keyring = useKeyring();
  const device = useLiveQuery(getDeviceSettings, []);
  if (device.status === 'loading') return <Loading />;
  if (device.status === 'failed') return <StorageUnavailable error={device.error} />;
  if (device.value.setupCompletedAt === null) {
    return (
      <Frame title="Set up Lifeboat">
        <SetupScreen />
      </Frame>
    );
  }
  if (keyring.kind === 'locked') {
    return (
      <Frame title="Locked">
        <LockScreen lastStaffId={device.value.currentStaffId} />
      </Frame>
    );
  }
  return (
    <SessionProvider loading={<Loading />} failed={(error) => <StorageUnavailable error={error} />}>
      {keyring.kind === 'no-keys' ? <Protect /> : <Shell device={device.value} />}
    </SessionProvider>
  );
}

function Protect() {
  const session = useSession();
  return (
    <Frame title="Protect the records on this device">
      <ProtectDeviceScreen practiceName={session.practice?.data.name ?? 'the practice'} userName={session.currentUser?.data.name ?? 'You'} />
    </Frame>
  );
}

/**
 * The page around every screen: skip link, banners, header, main. Before anyone is using the app
 * (setup, locked) the header is the service name alone; once unlocked it carries the practice,
 * the menu and who is using the device.
 */
function Frame({ title, header, children }: { title: string; header?: ReactNode; children: ReactNode }) {
  useEffect(() => {
    document.title = `${title} – Lifeboat`;
  }, [title]);
  const paused = isPausedForUpdate(useStorageStatus());
  return (
    <>
      <div inert={paused}>
        <a className="nhsuk-skip-link" href="#maincontent">
          Skip to main content
        </a>
        <UpdateBanner />
        {header ?? (
          <header className="nhsuk-header" role="banner">
            <div className="nhsuk-header__container nhsuk-width-container">
              <div className="nhsuk-header__service">
                <span className="nhsuk-header__service-name">Lifeboat</span>
              </div>
            </div>
          </header>
        )}
        <StorageBanner />
        <div className="nhsuk-width-container">
          <main className="nhsuk-main-wrapper" id="maincontent" tabIndex={-1}>
            {children}
          </main>
        </div>
      </div>
      <OutOfDateTab />
    </>
  );
}

function Shell({ device }: { device: DeviceSettings }) {
  const path = usePath();
  const match = ROUTES.map((r) => ({ route: r, params: matchPath(r.pattern, path) })).find((m) => m.params !== null);
  const route = match?.route;
  useAutoLock(device.autoLockMinutes, true);
  return (
    <Frame title={route?.title ?? 'Page not found'} header={<UnlockedHeader path={path} />}>
      {route ? (
        <ScreenErrorBoundary resetKey={path}>
          <Suspense fallback={<Loading />}>{route.render(match?.params ?? {})}</Suspense>
        </ScreenErrorBoundary>
      ) : (
        <NotFound />
      )}
    </Frame>
  );
}

function UnlockedHeader({ path }: { path: string }) {
  const session = useSession();
  return (
    <>
      <header className="nhsuk-header" role="banner">
        <div className="nhsuk-header__container nhsuk-width-container">
          <div className="nhsuk-header__service">
            <Link className="nhsuk-header__service-name" to="/">
              Lifeboat
              {session.practice ? <span className="lifeboat-header-practice">{session.practice.data.name}</span> : null}
            </Link>
          </div>
        </div>
        <nav className="nhsuk-header__navigation" aria-label="Menu">
          <div className="nhsuk-header__navigation-container nhsuk-width-container">
            <ul className="nhsuk-header__navigation-list">
              {NAVIGATION.map((item) => {
                const current = item.to === '/' ? path === '/' : path === item.to || path.startsWith(`${item.to}/`) || path.startsWith(`${item.to}?`);
                return (
                  <li key={item.to} className={`nhsuk-header__navigation-item${current ? ' nhsuk-header__navigation-item--current' : ''}`}>
                    <Link className="nhsuk-header__navigation-link" to={item.to} aria-current={current ? 'page' : undefined}>
                      {item.label}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </div>
        </nav>
      </header>
      <UserBar />
    </>
  );
}

function UserBar() {
  const session = useSession();
  return (
    <div className="lifeboat-user-bar">
      <div className="nhsuk-width-container">
        <p data-testid="current-user">
          {session.currentUser ? (
            <>
              Using this device: <strong>{staffDisplayName(session.currentUser.data)}</strong>{' '}
            </>
          ) : (
            <>Nobody is using this device. </>
          )}
          <Link to="/switch-user">{session.currentUser ? 'Switch user' : 'Choose who you are'}</Link> · <DraftsLink />{' '}
          <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-0 lifeboat-inline-button" onClick={() => void lock()}>
            Lock
          </button>
        </p>
      </div>
    </div>
  );
}

/** Unsigned drafts, always one tap away; prescriptions not printed yet, as soon as there are any. */
function DraftsLink() {
  const drafts = useLiveQuery(countDrafts, []);
  const unprinted = useLiveQuery(countUnprintedPrescriptions, []);
  const count = drafts.status === 'ready' ? drafts.value : 0;
  const prescriptions = unprinted.status === 'ready' ? unprinted.value : 0;
  return (
    <>
      <Link to="/consultations?view=drafts">{`Unsigned drafts (${count})`}</Link>
      {prescriptions > 0 ? (
        <>
          {' · '}
          <Link to="/prescriptions?view=unprinted">{`Prescriptions not printed (${prescriptions})`}</Link>
        </>
      ) : null}
    </>
  );
}

function Loading() {
  return (
    <p className="lifeboat-loading" role="status">
      Opening Lifeboat…
    </p>
  );
}

function NotFound() {
  return (
    <>
      <h1>Page not found</h1>
      <p>
        There is no page at this address. <Link to="/">Go to the home page</Link>.
      </p>
    </>
  );
}

/** Storage could not be opened at all: say so plainly, and what to do. */
function StorageUnavailable({ error }: { error: string }) {
  return (
    <div className="nhsuk-width-container">
      <main className="nhsuk-main-wrapper" id="maincontent">
        <div className="nhsuk-error-summary" role="alert" tabIndex={-1}>
          <h1 className="nhsuk-error-summary__title">Lifeboat cannot open its storage on this device</h1>
          <div className="nhsuk-error-summary__body">
            <p>Nothing has been changed or deleted. Records already saved on this device are still there.</p>
            <p>
              Close other Lifeboat tabs and reload this page. If this keeps happening, the browser may be in private mode or out of
              space: use another device and tell the practice manager.
            </p>
            <p className="nhsuk-body-s lifeboat-mono">Technical detail: {error}</p>
          </div>
        </div>
      </main>
    </div>
  );
}
