/**
 * This device's settings row. The device id is made on first open and never changes; it is
 * stamped on every record and audit event written here.
 */
import { deviceSettingsSchema, type DeviceSettings } from '../domain/device';
import { newId } from '../domain/ids';
import { getDatabase } from './context';
import type { DeviceRow } from './database';
import { outsideReadContext } from './record-store';
import { guardedWrite } from './write-guard';

const KEY = 'this-device' as const;

function toSettings(row: DeviceRow): DeviceSettings {
  const { key: _key, ...settings } = row;
  return deviceSettingsSchema.parse(settings);
}

/** Reads this device's settings, creating the row (with a new device id) on the first open. */
export async function getDeviceSettings(): Promise<DeviceSettings> {
  const db = getDatabase();
  const existing = await db.device.get(KEY);
  if (existing) return toSettings(existing);
  // The first read creates the device's identity; it may come from a live query, which cannot write.
  return outsideReadContext(createDeviceSettings);
}

function createDeviceSettings(): Promise<DeviceSettings> {
  const db = getDatabase();
  return guardedWrite(() =>
    db.transaction('rw', db.device, async () => {
      const again = await db.device.get(KEY);
      if (again) return toSettings(again);
      const row: DeviceRow = {
        key: KEY,
        deviceId: newId(),
        label: 'This device',
        practiceId: null,
        currentStaffId: null,
        setupCompletedAt: null,
        persistentStorage: null,
      };
      await db.device.put(row);
      return toSettings(row);
    }),
  );
}

export async function updateDeviceSettings(change: Partial<Omit<DeviceSettings, 'deviceId'>>): Promise<DeviceSettings> {
  const db = getDatabase();
  return guardedWrite(() =>
    db.transaction('rw', db.device, async () => {
      const current = await db.device.get(KEY);
      if (!current) throw new Error('Device settings are missing');
      const next: DeviceRow = { ...current, ...change, key: KEY };
      const settings = toSettings(next); // throws before writing if the change is invalid
      await db.device.put(next);
      return settings;
    }),
  );
}

/** Records what the browser answered when asked for persistent storage. */
export async function recordPersistentStorageAnswer(granted: boolean, askedAt: string): Promise<DeviceSettings> {
  return updateDeviceSettings({ persistentStorage: { granted, askedAt } });
}
