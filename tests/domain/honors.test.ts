import { describe, expect, test } from 'vitest';
import { honorTone } from '../../src/domain/honors.ts';

describe('honorTone', () => {
  test('黑榜 is black, 红榜 red, an award gold', () => {
    expect(['诚信黑榜', '文明户红榜', '五好家庭'].map(honorTone)).toEqual(['black', 'red', 'gold']);
  });
});
