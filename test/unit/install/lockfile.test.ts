import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';

interface LockedPackage {
  version?: string;
  optional?: boolean;
  optionalDependencies?: Record<string, string>;
}

const lockfile = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
  lockfileVersion: number;
  packages: Record<string, LockedPackage>;
};

/**
 * Where npm would find `name` when required from the package at `from`: its own node_modules,
 * then each parent's, up to the root (the lockfile's keys mirror that layout).
 */
function resolveFrom(from: string, name: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = base === '' ? `node_modules/${name}` : `${base}/node_modules/${name}`;
    if (candidate in lockfile.packages) return candidate;
    if (base === '') return undefined;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut === -1 ? '' : base.slice(0, cut);
  }
}

describe('package-lock.json', () => {
  test('is complete: every optional platform package of every locked package is locked too', () => {
    // A lockfile missing another platform's optional packages makes `npm install` on a fresh
    // machine add them, so CI's drift check fails and an owner's `git add -A` commits the drift.
    const missing: string[] = [];
    for (const [path, locked] of Object.entries(lockfile.packages)) {
      for (const name of Object.keys(locked.optionalDependencies ?? {})) {
        if (resolveFrom(path, name) === undefined) missing.push(`${path || '(root)'} → ${name}`);
      }
    }
    assert.equal(lockfile.lockfileVersion, 3);
    assert.deepEqual(missing, []);
  });
});
