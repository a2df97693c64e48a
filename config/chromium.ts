/**
 * Debian's Chromium, which the browser tests and benchmarks drive (browsers cannot be
 * downloaded here), and the flags it needs running as root in a container with the network
 * closed: without the background-networking ones it keeps trying to reach outside hosts.
 */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const chromiumFlags: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
