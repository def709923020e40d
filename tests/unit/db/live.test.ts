import { beforeEach, describe, expect, it } from 'vitest';
import { getDeviceSettings, getStorageStatus, listStaff, watchQuery } from '../../../src/db';
import { firstLiveValue, freshDatabase } from './fresh-database';


describe('live queries', () => {
  beforeEach(() => {
    freshDatabase();
  });

  it('creates the device identity on the first read, even from inside a live query', async () => {
    const settings = await firstLiveValue(() => getDeviceSettings());
    expect(settings.deviceId).toMatch(/^[0-9a-f-]{36}$/);
    expect(getStorageStatus().problem).toBeNull();
    expect((await getDeviceSettings()).deviceId).toBe(settings.deviceId);
  });

  it('delivers a new value when the data changes', async () => {
    const values: number[] = [];
    await new Promise<void>((resolve, reject) => {
      const stop = watchQuery(
        async () => (await listStaff()).length,
        (count) => {
          values.push(count);
          stop();
          resolve();
        },
        reject,
      );
    });
    expect(values).toEqual([0]);
  });
});
