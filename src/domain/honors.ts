/**
 * Honours: 红榜 and 黑榜 (S8's red and black lists) and awards. Which one an honour is comes
 * from its name as the community writes it.
 */

export type HonorTone = 'red' | 'black' | 'gold';

/**
 * A black list when the name says 黑 (黑榜), a red list when it says 红 (红榜, 红旗), else an
 * award.
 *
 * @example honorTone('文明户红榜') // 'red'
 */
export function honorTone(honor: string): HonorTone {
  if (honor.includes('黑')) return 'black';
  if (honor.includes('红')) return 'red';
  return 'gold';
}
