/**
 * What the fuzz tests share: the excerpt loaded into ajv (the contract test's loader) and walked into
 * arbitraries, spec-valid batches, and a parse that turns a throw into a test failure.
 */
import assert from 'node:assert/strict';
import { parseBatch, type ParseOutcome } from '../../src/core/api/parseBatch';
import type { SectionName } from '../../src/core/api/schemas';
import { specValidator } from '../unit/contract/openapi';
import { loadSpecSchemas, SpecWalker, type JsonSchema } from './specArbitraries';

export const spec = specValidator();
export const walker = new SpecWalker(loadSpecSchemas());
export const sectionSchemas = walker.schemas.BatchedAnalyticsResponse!.properties! as Record<SectionName, JsonSchema>;

/** Spec-valid batches, as JSON.parse would hand them over (plain objects). */
export const validBatch = walker
  .component('BatchedAnalyticsResponse')
  .map((doc) => structuredClone(doc) as Record<string, unknown>);

/** ajv's verdict on one section against its own schema: undefined when valid, else why not. */
export function sectionVerdict(name: SectionName, value: unknown): string | undefined {
  return value === undefined ? 'missing' : spec.check(`BatchedAnalyticsResponse/properties/${name}`, value);
}

export function parseOrFail(doc: unknown): ParseOutcome {
  try {
    return parseBatch(doc);
  } catch (error) {
    assert.fail(`parseBatch threw: ${String(error)}`);
  }
}

export const clip = (text: string, max = 300) => (text.length > max ? `${text.slice(0, max)}…` : text);
