import {
  describeVersion,
  type CatalogVersion,
  type VersionReference,
} from '../../../catalog/index.ts';
import { planPages, type ReferencePlan } from './plan-pages.ts';

/** A version's reference and the layout of its pages. */
export interface VersionPages {
  reference: VersionReference;
  plan: ReferencePlan;
}

const described = new WeakMap<CatalogVersion, VersionPages>();

/**
 * The reference of a version, described once per build: the API page, the tag pages and the
 * schema pages of a version all read the same, and the catalog object lives as long as the
 * build, so the cache does too.
 */
export function getVersionPages(version: CatalogVersion): VersionPages {
  let pages = described.get(version);
  if (!pages) {
    const reference = describeVersion(version);
    pages = { reference, plan: planPages(version, reference) };
    described.set(version, pages);
  }
  return pages;
}
