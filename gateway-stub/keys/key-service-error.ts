/** Why the key service refused: the admin API maps it to a problem type, the CLI to a message. */
export type KeyServiceErrorCode =
  'invalid-input' | 'unknown-api' | 'unknown-subscription' | 'conflicting-state';

/** A refusal of the key service, worded for the administrator who asked. */
export class KeyServiceError extends Error {
  readonly code: KeyServiceErrorCode;
  /** How to get what was meant. */
  readonly hint: string;

  constructor(code: KeyServiceErrorCode, message: string, hint: string) {
    super(message);
    this.name = 'KeyServiceError';
    this.code = code;
    this.hint = hint;
  }
}
