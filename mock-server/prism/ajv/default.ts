/**
 * What Prism's validator gets when it requires `ajv` (see `use-bounded-patterns.ts`): Ajv
 * with every pattern compiled by the bounded engine.
 */
import Ajv, { type Options } from 'ajv';
import { withBoundedPatterns } from '../bounded-ajv.ts';

/** `ajv`'s class, its patterns bounded in time. */
export default class BoundedAjv extends Ajv {
  constructor(options: Options = {}) {
    super(withBoundedPatterns(options));
  }
}
