/**
 * The service hall's test data: the base fixture with 300 more party members (so the party
 * ranking runs over 31 slides on the hall screen, which plays every row) and four extra
 * screens in site.yaml (the last plays notices only: idle outside their periods). Masked names stay
 * unique (王*明): 20 surnames × 15 last characters.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, fixture } from '../helpers/fixture.ts';

export const EXTRA_MEMBERS = 300;

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗'];
const LAST = [...'明华强军平芳燕玲杰涛斌超勇静丽'];

/** Name of the i-th extra member (0-based): 王小明, 王小华 … */
export function memberName(i: number): string {
  return `${SURNAMES[Math.floor(i / LAST.length)]}小${LAST[i % LAST.length]}`;
}

export const HALL_SITE = `name: 测试街道积分公示栏
organiser: 测试街道党工委
baseUrl: https://example.org/
phone: 0635-1234567
maskNames: true
tv:
  slideSeconds: 15
  screens:
    - { id: hall, playlist: [ranking], slideSeconds: 10, rankingTop: 全部 }
    - { id: upright, orientation: portrait, playlist: [notices, stars, shop, prices, honors, news] }
    - { id: short, playlist: [news, shop, honors] }
    - { id: notices, playlist: [notices] }
`;

export function hallFixture(): string {
  const base = (path: string) => readFileSync(join(FIXTURES, '_base', path), 'utf8').trimEnd();
  const people = [base('data/people.csv')];
  const assessments = [base('data/assessments/2022-party.csv')];
  for (let i = 0; i < EXTRA_MEMBERS; i++) {
    const id = `P${1001 + i}`;
    people.push(`${id},${memberName(i)},${i % 2 === 0 ? 'ZB1' : 'ZB2'},党员,,,`);
    // 民主评议 from 0 to 20 in half points: many ties, every level.
    assessments.push(`2022,party,${id},${((i * 7) % 41) / 2},评议组`);
  }
  return fixture(undefined, {
    'data/site.yaml': HALL_SITE,
    'data/people.csv': people.join('\n') + '\n',
    'data/assessments/2022-party.csv': assessments.join('\n') + '\n',
  });
}
