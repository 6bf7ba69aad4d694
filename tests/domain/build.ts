/**
 * Small datasets for domain tests. Each helper fills the columns a test does not care about
 * with the loader's defaults and numbers rows by file, as the loader would (header = line 1).
 */
import type { Dataset } from '../../src/schema/dataset.ts';
import { schemeSchema, siteSchema, type Scheme } from '../../src/schema/settings.ts';
import type {
  Assessment, Household, Item, LedgerRow, Merchant, Person, Redemption, Rule, StockRow, Unit,
} from '../../src/schema/tables.ts';
import { indexSubjects, type SubjectIndex } from '../../src/domain/subjects.ts';
import { Ledger } from '../../src/schema/ledger-columns.ts';

/** A dataset's parts as a test writes them: the ledger as a list of rows. */
export type Parts = Partial<Omit<Dataset, 'ledger'>> & { ledger?: LedgerRow[] | Ledger };

const lines = new Map<string, number>();
/** The next physical line of a file: the first row is line 2. */
function at(file: string): { file: string; line: number } {
  const line = (lines.get(file) ?? 1) + 1;
  lines.set(file, line);
  return { file, line };
}

export function scheme(input: Record<string, unknown>): Scheme {
  return schemeSchema.parse(input);
}

export function unit(id: string, type: Unit['type'], parent?: string): Unit {
  return { ...at('data/units.csv'), id, name: `${id}名`, type, parent };
}

export function person(id: string, name: string, unitId: string, extra: Partial<Person> = {}): Person {
  return { ...at('data/people.csv'), id, name, unit: unitId, role: '党员', household: undefined, since: undefined, until: undefined, ...extra };
}

export function household(id: string, unitId: string, contact?: string): Household {
  return { ...at('data/households.csv'), id, name: `锦园${id}`, unit: unitId, contact };
}

export function merchant(id: string, unitId: string): Merchant {
  return { ...at('data/merchants.csv'), id, name: `${id}商店`, unit: unitId };
}

export function rule(code: string, schemeId: string, category: string, extra: Partial<Rule> = {}): Rule {
  return {
    ...at('data/rules.csv'), code, scheme: schemeId, category, title: `${code}事项`, per: '次', veto: false,
    points: undefined, min: undefined, max: undefined, block: undefined, minimum: undefined, cap: undefined, linked: undefined,
    ...extra,
  };
}

export function entry(date: string, subject: string, ruleCode: string, extra: Partial<LedgerRow> = {}): LedgerRow {
  const file = extra.file ?? 'data/ledger/2022.csv';
  return {
    ...at(file), date, subject, rule: ruleCode, quantity: 1, status: '已核实', reviewer: '王审',
    points: undefined, activity: undefined, note: undefined, ...extra,
  };
}

export function assessment(period: string, schemeId: string, subject: string, values: Record<string, number>): Assessment {
  // Score columns follow 周期, 方案, 对象 on the sheet.
  const sheet = Object.fromEntries(Object.keys(values).map((category, i) => [category, i + 4]));
  return { ...at('data/assessments/2022.csv'), period, scheme: schemeId, subject, reviewer: '评议小组', values, sheet };
}

export function item(id: string, price: number, extra: Partial<Item> = {}): Item {
  return { ...at('data/shop/items.csv'), id, name: `${id}品`, price, kind: '实物', unit: '件', from: undefined, scheme: undefined, ...extra };
}

export function stock(date: string, itemId: string, quantity: number): StockRow {
  return { ...at('data/shop/stock.csv'), date, item: itemId, quantity, note: undefined, operator: '李管' };
}

export function redemption(date: string, subject: string, itemId: string, extra: Partial<Redemption> = {}): Redemption {
  return {
    ...at('data/shop/redemptions/2022.csv'), date, subject, item: itemId, quantity: 1,
    points: undefined, scheme: undefined, operator: '李管', ...extra,
  };
}

/** A dataset with nothing in it but what the test passes. */
export function dataset(parts: Parts): Dataset {
  return {
    site: siteSchema.parse({ name: '测试街道积分公示栏', organiser: '测试街道党工委' }),
    schemes: [],
    units: [],
    people: [],
    households: [],
    merchants: [],
    rules: [],
    assessments: [],
    items: [],
    stock: [],
    redemptions: [],
    honors: [],
    news: [],
    notices: [],
    ...parts,
    ledger: parts.ledger instanceof Ledger ? parts.ledger : Ledger.from(parts.ledger ?? []),
  };
}

/** A dataset and its subject index, the pair every scoring function takes. */
export function board(parts: Parts): { data: Dataset; index: SubjectIndex } {
  const data = dataset(parts);
  return { data, index: indexSubjects(data) };
}
