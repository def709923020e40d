// Debian's Chromium, as every Chromium-driven test launches it (browser downloads do not work on
// these machines). LIFEBOAT_CHROMIUM points elsewhere if needed.
export const CHROMIUM_EXECUTABLE = process.env.LIFEBOAT_CHROMIUM ?? '/usr/bin/chromium';

// Keep a headless Chromium from phoning home or stalling on first-run UI; --no-sandbox because
// CI runs as root in a container.
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
