import { render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ScreenErrorBoundary } from '../../src/components/error-boundary';

function Broken(): never {
  throw new Error('Failed to fetch dynamically imported module: /assets/staff-screen-abc.js');
}

describe('ScreenErrorBoundary', () => {
  // React logs caught render errors; keep the test output for real failures.
  beforeEach(() => vi.spyOn(console, 'error').mockImplementation(() => undefined));
  afterEach(() => vi.restoreAllMocks());

  it('replaces a failed screen with what happened and what to do, keeping the rest of the page', () => {
    render(
      <>
        <p>Header stays</p>
        <ScreenErrorBoundary resetKey="/staff">
          <Broken />
        </ScreenErrorBoundary>
      </>,
    );
    expect(screen.getByRole('alert')).toHaveTextContent('This screen could not be opened');
    expect(screen.getByRole('alert')).toHaveTextContent('Records already saved on this device are safe');
    expect(screen.getByRole('button', { name: 'Reload' })).toBeInTheDocument();
    expect(screen.getByText(/staff-screen-abc\.js/)).toBeInTheDocument();
    expect(screen.getByText('Header stays')).toBeInTheDocument();
  });

  it('clears the error when the user moves to another screen', () => {
    const { rerender } = render(
      <ScreenErrorBoundary resetKey="/staff">
        <Broken />
      </ScreenErrorBoundary>,
    );
    expect(screen.getByRole('alert')).toBeInTheDocument();
    rerender(
      <ScreenErrorBoundary resetKey="/device">
        <p>Device screen</p>
      </ScreenErrorBoundary>,
    );
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.getByText('Device screen')).toBeInTheDocument();
  });
});
