/**
 * What Prism's validator gets when it requires `ajv/dist/2019` (see `use-bounded-patterns.ts`): Ajv
 * with every pattern compiled by the bounded engine.
 */
import Ajv2019, { type Options } from 'ajv/dist/2019.js';
import { withBoundedPatterns } from '../bounded-ajv.ts';

/** `ajv/dist/2019`'s class, its patterns bounded in time. */
export default class BoundedAjv2019 extends Ajv2019 {
  constructor(options: Options = {}) {
    super(withBoundedPatterns(options));
  }
}
