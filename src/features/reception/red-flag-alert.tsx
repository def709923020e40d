/** What reception must do now for the red flags ticked: unmissable, and the same wherever shown. */
import { mostUrgentAction, RED_FLAG_ACTION_LABELS, RED_FLAG_DETAILS, type RedFlag } from '../../domain/reception';

export function RedFlagAlert({ flags, live = false }: { flags: readonly RedFlag[]; live?: boolean }) {
  const action = mostUrgentAction(flags);
  if (!action) return null;
  return (
    <div className="lifeboat-red-flag" role={live ? 'alert' : undefined} data-testid="red-flag-alert">
      <p className="lifeboat-red-flag__action">{RED_FLAG_ACTION_LABELS[action]}</p>
      <ul>
        {flags.map((flag) => (
          <li key={flag}>
            <strong>{RED_FLAG_DETAILS[flag].question}:</strong> {RED_FLAG_DETAILS[flag].instruction}
          </li>
        ))}
      </ul>
    </div>
  );
}
