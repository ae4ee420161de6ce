/**
 * The hand-built dataset the aggregation tests share. Every figure the tests expect is worked out by
 * hand from these runs (see aggregate.sections.test.ts).
 */
import { handDataset, type RunSpec } from './fixtures';

export const NOW = '2026-11-26T12:00:00Z'; // a Thursday
export const handWorkflows = [
  { name: 'Alpha', steps: 10, parameters: 2 },
  { name: 'Beta', steps: 4, parameters: 0 },
  { name: 'Gamma', steps: 20, parameters: 1 }, // only live runs: no terminal run
  { name: 'Delta' }, // no runs at all
];
const hook = { slug: 'beta-hook', method: 'POST' };
export const handRuns: RunSpec[] = [
  {
    id: 'e01',
    wf: 'Alpha',
    at: '2026-11-24T09:00:00Z',
    duration: 2000,
    clicks: 5,
    keystrokes: 10,
    scrolls: 1,
    screenshots: 4,
    steps: 10,
    iterations: 2,
    tokens: 100,
  },
  {
    id: 'e02',
    wf: 'Alpha',
    at: '2026-11-24T15:00:00Z',
    status: 'failed',
    duration: 6000,
    trigger: 'scheduled',
    category: 'element_not_found',
    message: 'Element not found: Submit',
    clicks: 2,
    screenshots: 3,
    steps: 4,
    iterations: 1,
    tokens: 50,
  },
  {
    id: 'e03',
    wf: 'Alpha',
    at: '2026-11-25T10:00:00Z',
    status: 'failed',
    duration: 12000,
    category: 'element_not_found',
    message: 'Element not found: Submit',
    steps: 3,
    iterations: 1,
  },
  {
    id: 'e04',
    wf: 'Alpha',
    at: '2026-11-25T11:00:00Z',
    status: 'cancelled',
    duration: 500,
    category: 'user_cancelled',
  },
  {
    id: 'e05',
    wf: 'Beta',
    at: '2026-11-25T12:00:00Z',
    duration: 1000,
    endpoint: hook,
    clicks: 1,
    steps: 4,
    iterations: 3,
  },
  { id: 'e06', wf: 'Beta', at: '2026-11-25T13:00:00Z', duration: 3000, endpoint: hook, steps: 4, iterations: 3 },
  {
    id: 'e07',
    wf: 'Beta',
    at: '2026-11-26T08:00:00Z',
    status: 'failed',
    duration: 7000,
    endpoint: hook,
    category: 'timeout',
    message: null,
    steps: 2,
    iterations: 1,
  },
  {
    id: 'e08',
    wf: 'Beta',
    at: '2026-11-20T10:00:00Z',
    duration: 4000,
    endpoint: { slug: 'beta-hook', method: 'GET' },
    steps: 4,
    iterations: 3,
  },
  { id: 'e09', wf: 'Gamma', at: '2026-11-26T11:50:00Z', status: 'running' },
  { id: 'e10', wf: 'Gamma', at: '2026-11-26T11:59:00Z', status: 'pending' },
  { id: 'e11', wf: 'Alpha', at: '2026-10-01T10:00:00Z', duration: 999_999 }, // before the default 30 days
  {
    id: 'e12',
    wf: 'Alpha',
    at: '2026-11-25T11:30:00Z',
    status: 'failed',
    duration: 8000,
    category: 'connection_lost',
    message: 'Lost',
  },
];
export const hand = handDataset(handWorkflows, handRuns, NOW);
