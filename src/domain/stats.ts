/**
 * Participation figures of a scheme period, as news stories quote them: "8 activities,
 * 974 participations (人次), 4,560 points credited, coverage 90 %".
 */
import type { Dataset } from '../schema/dataset.ts';
import type { Scheme } from '../schema/settings.ts';
import { addPoints } from './numbers.ts';
import type { SubjectResult } from './score.ts';
import type { SubjectIndex } from './subjects.ts';

export interface SchemeStats {
  /** Distinct non-empty 活动 among the participations. */
  activities: number;
  /** Counted rows whose points are positive before caps (人次). */
  participations: number;
  /** Distinct subjects with at least one participation. */
  participants: number;
  /** Subjects taking part in the scheme in the period. */
  eligible: number;
  /** participants / eligible, 0..1; 0 when no one is eligible. */
  coverage: number;
  /** Positive points awarded, after caps. */
  pointsIssued: number;
  /** Negative points awarded after caps, as a positive number. */
  pointsDeducted: number;
}

/**
 * Figures from the scored results of one period. A linked household reward (S7) counts
 * towards points issued but not as the member's participation: the household took part, and
 * is counted in its own scheme. `dataset` is unused today; it keeps the signature of the
 * other scheme-period functions.
 * @example statsFor(dataset, index, credit, '2022-10', results).coverage // 0.9
 */
export function statsFor(
  dataset: Dataset,
  index: SubjectIndex,
  scheme: Scheme,
  period: string,
  results: readonly SubjectResult[],
): SchemeStats {
  const activities = new Set<string>();
  const participants = new Set<string>();
  let participations = 0;
  let pointsIssued = 0;
  let pointsDeducted = 0;
  for (const result of results) {
    let tookPart = false;
    result.breakdown.visit((counted, points, linked, activity) => {
      if (counted > 0) pointsIssued = addPoints(pointsIssued, counted);
      if (counted < 0) pointsDeducted = addPoints(pointsDeducted, -counted);
      if (points <= 0 || linked) return;
      participations += 1;
      tookPart = true;
      if (activity) activities.add(activity);
    });
    if (tookPart) participants.add(result.id);
  }
  const eligible = index.eligibleSubjects(scheme, period).length;
  return {
    activities: activities.size,
    participations,
    participants: participants.size,
    eligible,
    coverage: eligible === 0 ? 0 : participants.size / eligible,
    pointsIssued,
    pointsDeducted,
  };
}
