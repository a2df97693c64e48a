import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The secret keying the hashes of subscription keys, in the data folder. */
export const secretFileName = 'secret.key';
/** The admin token, when none is given by the environment. */
export const adminTokenFileName = 'admin-token';

/**
 * Reads a secret file of the data folder, creating it with fresh random bytes (mode 0600) the
 * first time. Creation is exclusive (`wx`), so when the gateway and the CLI start together on
 * an empty folder, one writes and the other reads what it wrote.
 */
export function readOrCreateSecretFile(
  dataDir: string,
  name: string,
  create: () => string,
): string {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, name);
  try {
    writeFileSync(path, create(), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  for (let attempt = 0; ; attempt += 1) {
    const value = readFileSync(path, 'utf8').trim();
    // A reader may arrive between the other process's create and write: read again.
    if (value !== '' || attempt >= 50) return value;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
  }
}

/** The server secret (32 random bytes), created on first use. */
export function readServerSecret(dataDir: string): Buffer {
  const text = readOrCreateSecretFile(dataDir, secretFileName, () =>
    randomBytes(32).toString('base64url'),
  );
  const secret = Buffer.from(text, 'base64url');
  if (secret.length < 32) {
    throw new Error(
      `${join(dataDir, secretFileName)} is damaged (fewer than 32 bytes): restore it, or delete the data folder to start over`,
    );
  }
  return secret;
}

/** The admin token: the one given, else the one in the data folder, created on first use. */
export function readAdminToken(dataDir: string, given?: string): string {
  if (given !== undefined && given !== '') return given;
  return readOrCreateSecretFile(dataDir, adminTokenFileName, () =>
    randomBytes(32).toString('base64url'),
  );
}
