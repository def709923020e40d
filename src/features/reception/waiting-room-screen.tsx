/**
 * The waiting-room screen: large print, ticket numbers and initials only, never a name, so it can
 * face the waiting room. Who has been called shows first.
 */
import { isTodayInLondon, listPatients, listQueue } from '../../db';
import { activeQueue, initials, QUEUE_STATUS_LABELS } from '../../domain/reception';
import { useLiveQuery } from '../../lib/use-live-query';

async function readBoard() {
  const [entries, patients] = await Promise.all([listQueue(), listPatients()]);
  const byId = new Map(patients.map((p) => [p.id, p]));
  return activeQueue(entries.filter((e) => isTodayInLondon(e.data.arrivedAt))).map((e) => {
    const p = byId.get(e.data.patientId);
    return { id: e.id, ticket: e.data.ticket, initials: p ? initials(p.data.firstName, p.data.lastName) : '', status: e.status };
  });
}

export function WaitingRoomScreen() {
  const board = useLiveQuery(readBoard, []);
  const rows = board.status === 'ready' ? [...board.value].sort((a, b) => Number(b.status === 'called') - Number(a.status === 'called')) : [];
  return (
    <div className="lifeboat-display" data-testid="waiting-room">
      <h1>Please wait to be called</h1>
      <table>
        <thead>
          <tr>
            <th scope="col">Ticket</th>
            <th scope="col">Initials</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>{r.ticket}</td>
              <td>{r.initials}</td>
              <td>{r.status === 'called' ? 'Please come to reception' : QUEUE_STATUS_LABELS[r.status]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
