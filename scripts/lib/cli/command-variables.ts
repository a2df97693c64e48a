import { z } from 'zod';

/** `APIS_DIR`: the folder of APIs the commands read (a flag may override it). */
export const apisDirVariable = z.string().trim().min(1).default('apis');

/** `GUICHET_SANDBOX_DIR`: the sandbox's data folder (store, secret, logs), as the gateway reads it. */
export const sandboxDirVariable = z.string().trim().min(1).default('.guichet/sandbox');
