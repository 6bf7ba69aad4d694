/**
 * Rankings: competition ranking by total (1, 2, 2, 4), overall and within units.
 */
import type { Scheme } from '../schema/settings.ts';
import { enclosingUnits, type SubjectIndex } from './subjects.ts';

/** What ranking needs of a result. */
export interface Rankable {
  id: string;
  total: number;
  vetoed: boolean;
}

export type Ranked<T> = T & { rank: number | null };

const byTotalThenId = (a: Rankable, b: Rankable) => b.total - a.total || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Ranks by total, highest first. Ties share a rank and the next rank is skipped (1, 2, 2, 4);
 * within a tie the order is by id so output is stable. A vetoed subject is listed after all
 * others with no rank: a veto removes the place, whatever the score.
 */
export function rankSubjects<T extends Rankable>(results: readonly T[]): Ranked<T>[] {
  const { ranked, ranks } = competitionRanks(results);
  const vetoed = results.filter((r) => r.vetoed).sort(byTotalThenId);
  return [...ranked.map((r, i) => ({ ...r, rank: ranks[i]! })), ...vetoed.map((r) => ({ ...r, rank: null }))];
}

/** The results not vetoed, highest total first (ties by id), and each one's rank (1, 2, 2, 4). */
function competitionRanks<T extends Rankable>(results: readonly T[]): { ranked: T[]; ranks: number[] } {
  const ranked = results.filter((r) => !r.vetoed).sort(byTotalThenId);
  const ranks: number[] = [];
  for (let i = 0; i < ranked.length; i++) ranks.push(i > 0 && ranked[i - 1]!.total === ranked[i]!.total ? ranks[i - 1]! : i + 1);
  return { ranked, ranks };
}

/**
 * Ranks each subject inside every unit of the types in `ranking.within` that encloses it: a
 * member inside their branch, a branch inside its town. Result: subject id → unit id → rank
 * (null where vetoed).
 * @example rankWithin(results, index, party).get('DY-001') // { 'ZB-01': 2 }
 */
export function rankWithin<T extends Rankable>(
  results: readonly T[],
  index: SubjectIndex,
  scheme: Scheme,
): Map<string, Record<string, number | null>> {
  const types = scheme.ranking.within;
  const groups = new Map<string, T[]>();
  const out = new Map<string, Record<string, number | null>>();
  for (const r of results) {
    out.set(r.id, {});
    for (const unit of enclosingUnits(index, r.id)) {
      const type = index.unit(unit)?.type;
      if (type === undefined || !types.includes(type)) continue;
      let group = groups.get(unit);
      if (!group) groups.set(unit, (group = []));
      group.push(r);
    }
  }
  // As `rankSubjects` ranks them, without a ranked copy of each result (a street's board ranked 100,000 of them in their units).
  for (const [unit, group] of groups) {
    const { ranked, ranks } = competitionRanks(group);
    ranked.forEach((r, i) => (out.get(r.id)![unit] = ranks[i]!));
    for (const r of group) if (r.vetoed) out.get(r.id)![unit] = null;
  }
  return out;
}

/** The ranks two or more subjects share (a tie), for "并列". */
export function sharedRanks(ranked: readonly { rank: number | null }[]): Set<number> {
  const seen = new Set<number>();
  const shared = new Set<number>();
  for (const { rank } of ranked) {
    if (rank === null) continue;
    if (seen.has(rank)) shared.add(rank);
    seen.add(rank);
  }
  return shared;
}

/** A subject's place against the previous period: up or down by some places, the same, or new. */
export interface RankChange {
  kind: 'up' | 'down' | 'same' | 'new';
  by: number;
}

/**
 * ↑ ↓ against the previous period's ranks (`before`: id → rank, undefined when there is no
 * previous period); `new` for a subject that had no rank then. None for a subject without a
 * rank now (vetoed).
 *
 * @example rankChange(new Map([['P1', 4]]), 'P1', 2) // { kind: 'up', by: 2 }
 */
export function rankChange(before: ReadonlyMap<string, number | null> | undefined, id: string, rank: number | null): RankChange | null {
  if (rank === null || before === undefined) return null;
  const was = before.get(id);
  if (was === undefined || was === null) return { kind: 'new', by: 0 };
  if (was === rank) return { kind: 'same', by: 0 };
  return was > rank ? { kind: 'up', by: was - rank } : { kind: 'down', by: rank - was };
}
