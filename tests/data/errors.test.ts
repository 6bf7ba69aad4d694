import { describe, expect, test } from 'vitest';
import { checkProject } from '../../src/check/check.ts';
import { fixture } from '../helpers/fixture.ts';

/** The errors a fixture reports, as `file:line:column code`, sorted. */
function reported(name: string): string[] {
  const { problems } = checkProject(fixture(name));
  return problems.sorted().errors.map((e) => `${e.file}:${e.line}:${e.column} ${e.code}`);
}

describe('the base fixture', () => {
  test('is valid: no errors, no warnings', () => {
    const { problems } = checkProject(fixture());
    expect(problems.sorted()).toEqual({ errors: [], warnings: [] });
  });
});

describe('each kind of error names its file, line and column', () => {
  const cases: [string, string[]][] = [
    ['unknown-column', ['data/people.csv:1:5 unknown-column']],
    ['impossible-date', ['data/ledger/2022-01.csv:3:1 impossible-date']],
    ['unknown-subject', ['data/ledger/2022-01.csv:2:2 unknown-subject']],
    ['duplicate-id', ['data/merchants.csv:3:1 duplicate-id']],
    ['unit-cycle', ['data/units.csv:2:4 unit-cycle', 'data/units.csv:3:4 unit-cycle']],
    ['contact-not-party-member', ['data/households.csv:3:4 contact-not-party-member']],
    ['below-minimum-minutes', ['data/ledger/2022-01.csv:2:4 below-minimum-minutes']],
    ['points-out-of-range', ['data/ledger/2022-01.csv:2:4 points-out-of-range']],
    ['points-mismatch', ['data/ledger/2022-01.csv:2:4 points-mismatch']],
    ['reviewer-required', ['data/ledger/2022-01.csv:3:4 reviewer-required']],
    ['outside-membership', ['data/ledger/2022-01.csv:2:1 outside-membership']],
    ['role-not-in-scheme', ['data/ledger/2022-01.csv:2:2 role-not-in-scheme']],
    ['personal-data', ['data/merchants.csv:2:2 personal-mobile', 'data/merchants.csv:3:2 personal-id-number']],
    ['assessment-out-of-range', ['data/assessments/2022-stars.csv:3:4 assessment-out-of-range']],
    ['assessment-column-unknown', ['data/assessments/2022-stars.csv:1:5 assessment-column-unknown', 'data/assessments/2022-stars.csv:1:0 assessment-column-missing']],
    ['duplicate-assessment', ['data/assessments/2022-stars.csv:3:3 duplicate-assessment']],
    ['duplicate-item-price', ['data/shop/items.csv:4:6 duplicate-item-price']],
    ['unknown-item', ['data/shop/stock.csv:3:2 unknown-item']],
    ['unterminated-quote', ['data/merchants.csv:3:0 csv-quotes']],
    ['error-after-multiline-cell', ['data/ledger/2022-01.csv:5:3 unknown-rule']],
    ['frontmatter-invalid', ['content/news/first-story.mdx:3:0 frontmatter-invalid']],
    ['yaml-field', ['data/schemes.yaml:3:0 yaml-field']],
    ['unknown-category', ['data/rules.csv:3:3 unknown-category']],
  ];
  test.each(cases)('%s', (name, expected) => {
    expect(reported(name).sort()).toEqual([...expected].sort());
  });

  test('unsafe MDX: imports, scripts and expressions are refused on their lines', () => {
    expect(reported('mdx-unsafe')).toEqual([
      'content/news/first-story.mdx:6:0 mdx-unsafe',
      'content/news/first-story.mdx:8:0 mdx-unsafe',
      'content/news/first-story.mdx:10:1 mdx-unsafe',
    ]);
  });
});

describe('checks that need the computation', () => {
  test('a redemption before the points were earned, or over the balance, names the balance and the shortfall', () => {
    const { problems } = checkProject(fixture('redemption-over-balance'));
    const errors = problems.sorted().errors;
    expect(errors.map((e) => `${e.file}:${e.line}:${e.column} ${e.code}`)).toEqual([
      'data/shop/redemptions/2022.csv:3:5 redemption-over-balance',
      'data/shop/redemptions/2022.csv:4:5 redemption-over-balance',
    ]);
    expect(errors[0]!.message).toMatchInlineSnapshot(`"H2 在 2022-01-06 的余额只有 0 分，兑换需要 5 分，还差 5 分。检查兑换日期和数量，或是否有积分记录漏录。"`);
    expect(errors[1]!.message).toContain('余额只有 8 分，兑换需要 20 分，还差 12 分');
  });

  test('a redemption is not blamed when the ledger row behind its balance is itself reported', () => {
    expect(reported('redemption-after-bad-ledger-row')).toEqual(['data/ledger/2022-01-households.csv:2:8 reviewer-required']);
  });

  test('a reported ledger row dated after the redemption hides nothing: both are said', () => {
    // H2's row of 2022-01-20 lacks its reviewer; the redemption of 2022-01-11 is over the balance
    // whatever that row says.
    expect(reported('redemption-before-bad-ledger-row')).toEqual([
      'data/ledger/2022-01-households.csv:4:8 reviewer-required',
      'data/shop/redemptions/2022.csv:3:5 redemption-over-balance',
    ]);
  });
});

describe('warnings never block', () => {
  test('a ? in a name is a warning naming the cell', () => {
    const { problems } = checkProject(fixture('lost-character'));
    const { errors, warnings } = problems.sorted();
    expect(errors).toEqual([]);
    expect(warnings.map((w) => `${w.file}:${w.line}:${w.column} ${w.code}`)).toEqual(['data/people.csv:2:2 lost-character']);
  });
});

describe('rare characters', () => {
  test('a character no poster font has is a warning naming the cell, not an empty box on paper', () => {
    const { problems } = checkProject(fixture('rare-character'));
    const { errors, warnings } = problems.sorted();
    expect(errors).toEqual([]);
    expect(warnings.map((w) => `${w.file}:${w.line}:${w.column} ${w.code}`)).toEqual(['data/merchants.csv:2:2 missing-glyph']);
    expect(warnings[0]!.message).toContain('〓');
  });
});

describe('messages', () => {
  test('are Chinese, say what to do, and carry the value the editor typed', () => {
    const { problems } = checkProject(fixture('impossible-date'));
    expect(problems.sorted().errors[0]!.message).toMatchInlineSnapshot(`"日期“2022年2月30日”不存在。检查月份和日期，例如 2 月没有 30 日。"`);
  });
  test('an unknown column lists the accepted headers', () => {
    const { problems } = checkProject(fixture('unknown-column'));
    expect(problems.sorted().errors[0]!.message).toContain('姓名（name）');
  });
});
