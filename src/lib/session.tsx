/**
 * Who is using this device, for which practice. Read live from storage, so a change made on any
 * screen or in another tab (switch user, add staff) shows everywhere at once. Every write takes
 * its actor (staff id + device id) from here.
 */
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { getDeviceSettings, getPractice, listStaff } from '../db';
import type { DeviceSettings } from '../domain/device';
import type { Practice } from '../domain/practice';
import type { Actor } from '../domain/record';
import type { StaffMember } from '../domain/staff';
import { useLiveQuery } from './use-live-query';

export interface Session {
  device: DeviceSettings;
  practice: Practice | null;
  staff: StaffMember[];
  currentUser: StaffMember | null;
  /** Null until setup is done and someone is using the device. */
  actor: Actor | null;
}

const SessionContext = createContext<Session | null>(null);

async function readSession() {
  const [device, practice, staff] = await Promise.all([getDeviceSettings(), getPractice(), listStaff()]);
  return { device, practice, staff };
}

export function SessionProvider({ children, loading, failed }: { children: ReactNode; loading: ReactNode; failed: (error: string) => ReactNode }) {
  const result = useLiveQuery(readSession, []);

  const session = useMemo<Session | null>(() => {
    if (result.status !== 'ready') return null;
    const { device, practice, staff } = result.value;
    const currentUser = staff.find((s) => s.id === device.currentStaffId) ?? null;
    return {
      device,
      practice,
      staff,
      currentUser,
      actor: currentUser ? { staffId: currentUser.id, deviceId: device.deviceId } : null,
    };
  }, [result]);

  if (result.status === 'loading') return <>{loading}</>;
  if (result.status === 'failed') return <>{failed(result.error)}</>;
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession must be used inside SessionProvider');
  return session;
}

/** The actor for writes; screens that write are only reachable once someone is using the device. */
export function useActor(): Actor {
  const { actor } = useSession();
  if (!actor) throw new Error('Nobody is using this device yet');
  return actor;
}
