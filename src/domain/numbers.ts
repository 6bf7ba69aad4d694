/**
 * Point arithmetic. Scores are published to two decimals and residents add them up by hand,
 * so every sum is rounded to hundredths after each step: 0.1 + 0.2 is 0.3, not
 * 0.30000000000000004.
 */

/**
 * Rounds to hundredths, half away from zero, and never returns -0.
 * @example roundPoints(0.1 + 0.2) // 0.3
 */
export function roundPoints(n: number): number {
  const rounded = (Math.sign(n) * Math.round(Math.abs(n) * 100)) / 100;
  return rounded === 0 ? 0 : rounded;
}

/** @example addPoints(0.1, 0.2) // 0.3 */
export function addPoints(a: number, b: number): number {
  return roundPoints(a + b);
}

/** @example sumPoints([0.1, 0.2, -0.05]) // 0.25 */
export function sumPoints(list: readonly number[]): number {
  return list.reduce(addPoints, 0);
}

/** `n` times a per-occurrence value, rounded like every other sum: 3 × 0.1 is 0.3. */
export function multiplyPoints(points: number, n: number): number {
  return roundPoints(points * n);
}

/** Which bound of a clamp was hit, if any. */
export type Clamped = 'min' | 'max' | null;

/**
 * Keeps a value inside optional bounds and says which one bound it, so a breakdown can show
 * "65 - 70 stops at 0" rather than a silent 0.
 * @example clampPoints(-5, 0, 65) // { value: 0, clamped: 'min' }
 */
export function clampPoints(value: number, min?: number, max?: number): { value: number; clamped: Clamped } {
  if (min !== undefined && value < min) return { value: min, clamped: 'min' };
  if (max !== undefined && value > max) return { value: max, clamped: 'max' };
  return { value, clamped: null };
}
