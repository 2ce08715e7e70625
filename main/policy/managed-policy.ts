/**
 * The organisation's settings, merged from every policy source (highest first: Windows
 * machine policy, Windows user policy, macOS per-user and device profiles, policy.json). For
 * each key the highest source with a *valid* value wins; invalid values are skipped, reported
 * and never thrown. Read once at start-up: the SettingsStore asks `values()` synchronously.
 */
import { policySourceIds, type PolicyProblem, type PolicyReport } from '../../contract/channels-policy.js';
import type { Settings } from '../../contract/settings.js';
import type { ManagedSettings } from '../settings/settings-store.js';
import type { Logger } from '../app/logger.js';
import { coercePolicyValue } from './coerce-policy-value.js';
import { findPolicyKey } from './policy-keys.js';
import type { PolicyReading, PolicySource } from './policy-source.js';

export class ManagedPolicy implements ManagedSettings {
  private constructor(
    private readonly resolved: Partial<Settings>,
    private readonly summary: PolicyReport,
  ) {}

  static none(): ManagedPolicy {
    return new ManagedPolicy({}, { applied: [], problems: [] });
  }

  static async load(sources: readonly PolicySource[], log?: Logger): Promise<ManagedPolicy> {
    const ordered = [...sources].sort((a, b) => policySourceIds.indexOf(a.id) - policySourceIds.indexOf(b.id));
    const readings = await Promise.all(ordered.map((source) => source.read().catch((): PolicyReading => ({ status: 'unreadable' }))));

    const resolved: Record<string, unknown> = {};
    const applied: PolicyReport['applied'] = [];
    const problems: PolicyProblem[] = [];
    ordered.forEach((source, index) => {
      const reading = readings[index]!;
      if (reading.status === 'unreadable') problems.push({ key: null, source: source.id, problem: 'unreadable' });
      if (reading.status !== 'found') return;
      const seenHere = new Set<string>();
      for (const entry of reading.entries) {
        const key = findPolicyKey(entry.name);
        if (!key) {
          problems.push({ key: entry.name, source: source.id, problem: 'unknown-key' });
          continue;
        }
        if (seenHere.has(key)) continue;
        seenHere.add(key);
        const coerced = coercePolicyValue(key, entry.value);
        if (!coerced.ok) {
          problems.push({ key, source: source.id, problem: coerced.problem });
          continue;
        }
        if (key in resolved) continue;
        resolved[key] = coerced.value;
        applied.push({ key, source: source.id });
      }
    });

    for (const problem of problems) {
      // Names only, never values: a value could be anything an admin typed.
      log?.warn('policy: managed value ignored', { setting: problem.key, source: problem.source, problem: problem.problem });
    }
    if (applied.length > 0) log?.info('policy: managed settings applied', { settings: applied.map((a) => `${a.key}@${a.source}`) });
    return new ManagedPolicy(resolved as Partial<Settings>, { applied, problems });
  }

  values(): Partial<Settings> {
    return { ...this.resolved };
  }

  report(): PolicyReport {
    return { applied: this.summary.applied.map((a) => ({ ...a })), problems: this.summary.problems.map((p) => ({ ...p })) };
  }
}
