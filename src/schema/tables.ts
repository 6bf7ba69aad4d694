/**
 * The CSV files of the contract: for each, its columns with Chinese header, English key,
 * cell parser and whether a value is required. This is the one place that says what a file
 * holds; row types are derived from it (`RowOf<typeof tables.people>`).
 */
import {
  booleanCell,
  choiceCell,
  dateCell,
  idCell,
  integerCell,
  numberCell,
  periodCell,
  positiveIntegerCell,
  slugCell,
  textCell,
  type CellParser,
} from './cells.ts';

export interface Column<T = unknown> {
  /** The Chinese header editors use. */
  zh: string;
  /** The English key, accepted in any case. */
  en: string;
  parse: CellParser<T>;
  /** A blank cell is an error. */
  required?: boolean;
  /** The value of a blank cell in an optional column. */
  fallback?: T;
}

export interface Table<C extends Record<string, Column> = Record<string, Column>> {
  /** Path under data/, or a glob such as `ledger/*.csv`. */
  path: string;
  /** What the file is called in Chinese. */
  title: string;
  columns: C;
}

type ValueOf<C> = C extends Column<infer T> ? T : never;
/** A validated row: each column's value, with its file and physical line. */
export type RowOf<T extends Table> = {
  [K in keyof T['columns']]: T['columns'][K] extends { required: true } | { fallback: unknown }
    ? ValueOf<T['columns'][K]>
    : ValueOf<T['columns'][K]> | undefined;
} & { file: string; line: number };

/** A column; `extra` keeps its literal type so `RowOf` knows which columns always have a value. */
function col<T, E extends Partial<Column<T>> = {}>(zh: string, en: string, parse: CellParser<T>, extra?: E): Column<T> & E {
  return { zh, en, parse, ...(extra as E) };
}
const required = { required: true } as const;

export const UNIT_TYPES = ['街道', '镇', '社区', '村', '小区', '网格', '支部', '其他'] as const;
export const ROLES = ['党员', '预备党员', '群众'] as const;
export const PARTY_ROLES: readonly string[] = ['党员', '预备党员'];

/** Minutes a time rule counts as one block when rules.csv leaves 每 empty; 起算 defaults to the block. */
export const DEFAULT_BLOCK_MINUTES = 30;
export const STATUSES = ['已核实', '待审核', '驳回'] as const;
export const ITEM_KINDS = ['实物', '券', '服务'] as const;
export const PER = ['次', '分钟'] as const;

function table<C extends Record<string, Column>>(path: string, title: string, columns: C): Table<C> {
  return { path, title, columns };
}

export const tables = {
  units: table('units.csv', '组织', {
    id: col('编号', 'id', idCell, required),
    name: col('名称', 'name', textCell, required),
    type: col('类型', 'type', choiceCell(UNIT_TYPES, { street: '街道', town: '镇', community: '社区', village: '村', estate: '小区', grid: '网格', branch: '支部', other: '其他' }), required),
    parent: col('上级', 'parent', idCell),
  }),
  people: table('people.csv', '人员', {
    id: col('编号', 'id', idCell, required),
    name: col('姓名', 'name', textCell, required),
    unit: col('组织', 'unit', idCell, required),
    role: col('身份', 'role', choiceCell(ROLES, { member: '党员', 'party member': '党员', probationary: '预备党员', resident: '群众' }), required),
    household: col('户号', 'household', idCell),
    since: col('入册日期', 'since', dateCell),
    until: col('离册日期', 'until', dateCell),
  }),
  households: table('households.csv', '家庭户', {
    id: col('户号', 'id', idCell, required),
    name: col('户名', 'name', textCell, required),
    unit: col('组织', 'unit', idCell, required),
    contact: col('联系党员', 'contact', idCell),
  }),
  merchants: table('merchants.csv', '商户', {
    id: col('编号', 'id', idCell, required),
    name: col('名称', 'name', textCell, required),
    unit: col('组织', 'unit', idCell, required),
  }),
  rules: table('rules.csv', '积分事项', {
    code: col('编码', 'code', idCell, required),
    scheme: col('方案', 'scheme', slugCell, required),
    category: col('类别', 'category', textCell, required),
    title: col('事项', 'title', textCell, required),
    points: col('分值', 'points', numberCell),
    min: col('最低分', 'min', numberCell),
    max: col('最高分', 'max', numberCell),
    per: col('计量', 'per', choiceCell(PER, { time: '次', times: '次', minute: '分钟', minutes: '分钟' }), { fallback: '次' as const }),
    block: col('每', 'block', positiveIntegerCell),
    minimum: col('起算', 'minimum', positiveIntegerCell),
    cap: col('周期上限', 'cap', numberCell),
    veto: col('否决', 'veto', booleanCell, { fallback: false }),
    linked: col('联动方案', 'linked', slugCell),
  }),
  ledger: table('ledger/*.csv', '积分台账', {
    date: col('日期', 'date', dateCell, required),
    subject: col('对象', 'subject', idCell, required),
    rule: col('事项', 'rule', idCell, required),
    points: col('分值', 'points', numberCell),
    quantity: col('数量', 'quantity', positiveIntegerCell, { fallback: 1 }),
    activity: col('活动', 'activity', textCell),
    note: col('说明', 'note', textCell),
    reviewer: col('审核人', 'reviewer', textCell),
    status: col('状态', 'status', choiceCell(STATUSES, { verified: '已核实', pending: '待审核', rejected: '驳回' }), { fallback: '已核实' as const }),
  }),
  items: table('shop/items.csv', '积分超市商品', {
    id: col('编号', 'id', idCell, required),
    name: col('名称', 'name', textCell, required),
    price: col('积分', 'price', positiveIntegerCell, required),
    kind: col('类型', 'kind', choiceCell(ITEM_KINDS, { goods: '实物', voucher: '券', service: '服务' }), { fallback: '实物' as const }),
    unit: col('单位', 'unit', textCell),
    from: col('生效日期', 'from', dateCell),
    scheme: col('方案', 'scheme', slugCell),
  }),
  stock: table('shop/stock.csv', '入库与盘点', {
    date: col('日期', 'date', dateCell, required),
    item: col('商品', 'item', idCell, required),
    quantity: col('数量', 'quantity', integerCell, required),
    note: col('说明', 'note', textCell),
    operator: col('经办人', 'operator', textCell),
  }),
  redemptions: table('shop/redemptions/*.csv', '兑换记录', {
    date: col('日期', 'date', dateCell, required),
    subject: col('对象', 'subject', idCell, required),
    item: col('商品', 'item', idCell, required),
    quantity: col('数量', 'quantity', positiveIntegerCell, { fallback: 1 }),
    points: col('积分', 'points', integerCell),
    scheme: col('方案', 'scheme', slugCell),
    operator: col('经办人', 'operator', textCell),
  }),
  honors: table('honors.csv', '荣誉', {
    period: col('周期', 'period', periodCell, required),
    subject: col('对象', 'subject', idCell, required),
    honor: col('荣誉', 'honor', textCell, required),
    note: col('说明', 'note', textCell),
  }),
  /** Fixed columns of an assessment sheet; every other column is an assessed category. */
  assessments: table('assessments/*.csv', '评分表', {
    period: col('周期', 'period', periodCell, required),
    scheme: col('方案', 'scheme', slugCell, required),
    subject: col('对象', 'subject', idCell, required),
    reviewer: col('评定人', 'reviewer', textCell),
  }),
};

export type Unit = RowOf<typeof tables.units>;
export type Person = RowOf<typeof tables.people>;
export type Household = RowOf<typeof tables.households>;
export type Merchant = RowOf<typeof tables.merchants>;
export type Rule = RowOf<typeof tables.rules>;
export type LedgerRow = RowOf<typeof tables.ledger>;
export type Item = RowOf<typeof tables.items>;
export type StockRow = RowOf<typeof tables.stock>;
export type Redemption = RowOf<typeof tables.redemptions>;
export type Honor = RowOf<typeof tables.honors>;
export type Assessment = RowOf<typeof tables.assessments> & {
  /** Score per assessed category id (blank cells absent). */
  values: Record<string, number>;
  /** The score columns of the sheet the row came from: header → 1-based column. */
  sheet: Record<string, number>;
};

/** Columns allowed in every file and ignored: the row number editors add in Excel. */
export const IGNORED_HEADERS = ['序号', 'no', 'no.', '#'];
