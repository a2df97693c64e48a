/**
 * What Prism's validator gets when it requires `ajv/dist/2020` (see `use-bounded-patterns.ts`): Ajv
 * with every pattern compiled by the bounded engine.
 */
import Ajv2020, { type Options } from 'ajv/dist/2020.js';
import { withBoundedPatterns } from '../bounded-ajv.ts';

/** `ajv/dist/2020`'s class, its patterns bounded in time. */
export default class BoundedAjv2020 extends Ajv2020 {
  constructor(options: Options = {}) {
    super(withBoundedPatterns(options));
  }
}
