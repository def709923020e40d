/**
 * Catches a screen that fails to render or load (a bug, or a file missing after an update) so
 * the rest of the app stays usable and the user is told what happened and what to do.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  children: ReactNode;
  /** Changing this (e.g. the address) clears the error, so moving to another screen works again. */
  resetKey: string;
}

interface State {
  error: Error | null;
  resetKey: string;
}

export class ScreenErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey !== state.resetKey ? { error: null, resetKey: props.resetKey } : null;
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Screen failed', error, info.componentStack);
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="nhsuk-error-summary" role="alert" tabIndex={-1}>
        <h1 className="nhsuk-error-summary__title">This screen could not be opened</h1>
        <div className="nhsuk-error-summary__body">
          <p>Records already saved on this device are safe. Anything typed on this screen since it was last saved may need typing again.</p>
          <p>Reload the page to try again. If it keeps happening, carry on with another screen or on paper and tell the practice manager.</p>
          <button type="button" className="nhsuk-button nhsuk-u-margin-bottom-2" onClick={() => window.location.reload()}>
            Reload
          </button>
          <p className="nhsuk-body-s lifeboat-mono">Technical detail: {`${error.name}: ${error.message}`}</p>
        </div>
      </div>
    );
  }
}
