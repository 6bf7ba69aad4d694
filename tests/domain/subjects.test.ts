import { describe, expect, test } from 'vitest';
import { enclosingUnits } from '../../src/domain/subjects.ts';
import { board, household, merchant, person, scheme, unit } from './build.ts';

const party = scheme({
  id: 'party', name: '党员积分', subject: 'person', roles: ['党员', '预备党员'], period: 'year',
  categories: [{ id: '基础分', start: 65, min: 0, max: 65 }],
});
const stars = scheme({
  id: 'stars', name: '评星定级', subject: 'unit', unitTypes: ['支部'], period: 'year', categories: [{ id: '评分' }],
});

const { index } = board({
  units: [unit('JD', '街道'), unit('SQ-1', '社区', 'JD'), unit('ZB-1', '支部', 'SQ-1')],
  people: [
    person('DY-1', '张建国', 'ZB-1'),
    person('DY-2', '孙红', 'ZB-1', { role: '群众' }),
    person('DY-3', '李明', 'ZB-1', { until: '2021-06-30' }),
    person('DY-4', '王芳', 'ZB-1', { since: '2022-03-01' }),
  ],
  households: [household('H-1', 'SQ-1', 'DY-1')],
  merchants: [merchant('M-1', 'SQ-1')],
});

describe('indexSubjects', () => {
  test('knows the kind of each id', () => {
    expect(['DY-1', 'H-1', 'M-1', 'ZB-1', 'nobody'].map((id) => index.kindOf(id))).toEqual([
      'person', 'household', 'merchant', 'unit', undefined,
    ]);
  });

  test('knows names', () => {
    expect(index.nameOf('DY-1')).toBe('张建国');
  });

  test("a person's unit is the unit column", () => {
    expect(index.unitOf('DY-1')).toBe('ZB-1');
  });

  test("a unit's unit is its parent", () => {
    expect(index.unitOf('ZB-1')).toBe('SQ-1');
  });

  test('ancestors of a unit start with itself', () => {
    expect(index.ancestorsOf('ZB-1')).toEqual(['ZB-1', 'SQ-1', 'JD']);
  });
});

describe('enclosingUnits', () => {
  test("a person is inside their unit and all its ancestors", () => {
    expect(enclosingUnits(index, 'DY-1')).toEqual(['ZB-1', 'SQ-1', 'JD']);
  });

  test('a unit is inside its ancestors but not itself', () => {
    expect(enclosingUnits(index, 'ZB-1')).toEqual(['SQ-1', 'JD']);
  });
});

describe('isEligible', () => {
  test('a party member takes part in the party scheme', () => {
    expect(index.isEligible(party, 'DY-1', '2022')).toBe(true);
  });

  test('a resident (群众) does not when the scheme lists party roles', () => {
    expect(index.isEligible(party, 'DY-2', '2022')).toBe(false);
  });

  test('a household does not take part in a person scheme', () => {
    expect(index.isEligible(party, 'H-1', '2022')).toBe(false);
  });

  test('a member who left in 2021 takes part in 2021', () => {
    expect(index.isEligible(party, 'DY-3', '2021')).toBe(true);
  });

  test('a member who left in 2021 does not take part in 2022', () => {
    expect(index.isEligible(party, 'DY-3', '2022')).toBe(false);
  });

  test('a member who joined in March 2022 does not take part in 2021', () => {
    expect(index.isEligible(party, 'DY-4', '2021')).toBe(false);
  });

  test("a unit scheme's unitTypes leave out other types", () => {
    expect([index.isEligible(stars, 'ZB-1', '2022'), index.isEligible(stars, 'SQ-1', '2022')]).toEqual([true, false]);
  });
});

describe('eligibleSubjects', () => {
  test('lists the eligible subjects of a period, sorted by id', () => {
    expect(index.eligibleSubjects(party, '2022')).toEqual(['DY-1', 'DY-4']);
  });
});

describe('isMemberOn', () => {
  test('not after the day a person left the register', () => {
    expect([index.isMemberOn('DY-3', '2021-06-30'), index.isMemberOn('DY-3', '2021-07-01')]).toEqual([true, false]);
  });
});
