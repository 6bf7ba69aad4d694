import { describe, expect, test } from 'vitest';
import { board, entry, household, rule, scheme, unit } from './build.ts';
import { scoreScheme } from '../../src/domain/score.ts';
import { rankSubjects } from '../../src/domain/ranking.ts';
import { balances } from '../../src/domain/balance.ts';
import { mulberry32 } from '../helpers/random.ts';

/**
 * Property tests: on random data, ranking, caps and balances agree with a deliberately simple
 * reference written straight from the contract, computed in integer tenths so no float can
 * drift. A seeded generator keeps every run the same (and a failure reproducible).
 */

interface Case {
  max: number;
  rules: { code: string; tenths: number; cap?: number }[];
  rows: { date: string; subject: string; rule: string }[];
  subjects: string[];
}

function randomCase(seed: number): Case {
  const rnd = mulberry32(seed);
  const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)]!;
  const subjects = Array.from({ length: 3 + Math.floor(rnd() * 6) }, (_, i) => `H${i + 1}`);
  const rules = Array.from({ length: 4 }, (_, i) => {
    // Points with one decimal, some negative; some rules capped.
    const tenths = Math.floor(rnd() * 61) - 15;
    return { code: `R${i}`, tenths: tenths === 0 ? 5 : tenths, cap: rnd() < 0.5 ? Math.floor(rnd() * 8) + 1 : undefined };
  });
  const rows = Array.from({ length: 30 + Math.floor(rnd() * 40) }, () => ({
    date: `2022-0${1 + Math.floor(rnd() * 3)}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`,
    subject: pick(subjects),
    rule: pick(rules).code,
  }));
  return { max: 10 + Math.floor(rnd() * 20), rules, rows, subjects };
}

/**
 * The reference walk for one subject and month: rows by date (ties in file order), each rule's
 * cap, then the category clamp 0..max; all in integer tenths. Returns the clamped value after
 * each row.
 */
function walk(c: Case, subject: string, month: string): number[] {
  const rows = c.rows.map((r, i) => ({ ...r, i })).filter((r) => r.subject === subject && r.date.startsWith(month));
  rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.i - b.i));
  const used = new Map<string, number>();
  let sum = 0;
  return rows.map((r) => {
    const rl = c.rules.find((x) => x.code === r.rule)!;
    let pts = rl.tenths;
    if (rl.cap !== undefined) {
      const room = Math.max(0, rl.cap * 10 - (used.get(rl.code) ?? 0));
      pts = Math.sign(pts) * Math.min(Math.abs(pts), room);
      used.set(rl.code, (used.get(rl.code) ?? 0) + Math.abs(pts));
    }
    sum += pts;
    return Math.min(Math.max(sum, 0), c.max * 10);
  });
}

/** Reference totals and competition ranks (1, 2, 2, 4) of one month. */
function reference(c: Case, month: string) {
  const totals = new Map(c.subjects.map((s) => [s, walk(c, s, month).at(-1) ?? 0]));
  const sorted = [...totals].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const ranks = new Map<string, number>();
  sorted.forEach(([id, t], i) => ranks.set(id, i > 0 && sorted[i - 1]![1] === t ? ranks.get(sorted[i - 1]![0])! : i + 1));
  return { totals, ranks };
}

/** Reference earned points: the clamped value a subject ends each month with, summed (start 0). */
function referenceEarned(c: Case): Map<string, number> {
  const earned = new Map<string, number>();
  for (const month of ['2022-01', '2022-02', '2022-03']) {
    for (const s of c.subjects) earned.set(s, (earned.get(s) ?? 0) + (walk(c, s, month).at(-1) ?? 0));
  }
  return earned;
}

function build(c: Case) {
  const credit = scheme({ id: 'credit', name: '信义积分', subject: 'household', period: 'month', redeemable: true, categories: [{ id: '文明', min: 0, max: c.max }] });
  return {
    credit,
    ...board({
      schemes: [credit],
      units: [unit('SQ', '社区')],
      households: c.subjects.map((s) => household(s, 'SQ')),
      rules: c.rules.map((r) => rule(r.code, 'credit', '文明', { points: r.tenths / 10, cap: r.cap })),
      ledger: c.rows.map((r) => entry(r.date, r.subject, r.rule)),
    }),
  };
}

describe('scores, ranks and balances agree with a simple reference on random data', () => {
  test.each(Array.from({ length: 60 }, (_, i) => [i + 1]))('seed %i', (seed) => {
    const c = randomCase(seed);
    const { credit, data, index } = build(c);
    for (const month of ['2022-01', '2022-02', '2022-03']) {
      const ref = reference(c, month);
      const ranked = rankSubjects(scoreScheme(data, index, credit, month).results);
      for (const r of ranked) {
        expect(Math.round(r.total * 10), `${month} ${r.id} total`).toBe(ref.totals.get(r.id));
        expect(r.total, `${month} ${r.id} has no float residue`).toBe(Number(r.total.toFixed(1)));
        expect(r.rank, `${month} ${r.id} rank`).toBe(ref.ranks.get(r.id));
      }
    }
    const earned = referenceEarned(c);
    for (const b of balances(data, index, credit, [])) {
      expect(Math.round(b.earned * 10), `${b.id} earned`).toBe(earned.get(b.id) ?? 0);
    }
  });
});
