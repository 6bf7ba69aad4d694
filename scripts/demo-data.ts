/**
 * Deterministic sample data for the points notice board.
 *
 *   node scripts/demo-data.ts --scale sample|street|district --seed N --out DIR
 *
 * `sample` is the data committed under data/; `street` (3,000 party members, 7,500
 * households, 30 branches, 1,000,000 ledger rows, 50,000 redemptions) and `district` (ten
 * times that) are for load tests. Everything is fictional: names are drawn from syllable
 * lists, places are invented. The same seed gives byte-identical files: one seeded PRNG
 * (mulberry32), no clock, no Math.random.
 *
 * The generator keeps its own books while it writes: rule caps and category maxima per
 * period, balances of the redeemable schemes and stock of the shop. A redemption is only
 * written when the subject's balance on that day (computed conservatively: caps and
 * category maxima applied to gains, deductions counted in full) covers it with a margin,
 * and when stock covers it.
 *
 * Like files saved from Excel or WPS, a few files are written with a BOM and CRLF line
 * endings, and one ledger month (July) in GBK with a 序号 column and 2022/7/5 dates.
 */
import { closeSync, mkdirSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { tables } from '../src/schema/tables.ts';
import { schemesSchema, siteSchema } from '../src/schema/settings.ts';
import { parseArgs as parseArgv } from 'node:util';

// ---------------------------------------------------------------------------------------
// Arguments

interface Scale {
  streets: number;
  communitiesPerStreet: number;
  estatesPerCommunity: number;
  townsPerStreet: number;
  villagesPerTown: number;
  partyMembers: number;
  residents: number;
  households: number;
  merchants: number;
  ledgerRows: number;
  redemptions: number;
}

const SCALES: Record<string, Scale> = {
  sample: {
    streets: 1, communitiesPerStreet: 3, estatesPerCommunity: 2, townsPerStreet: 1, villagesPerTown: 10,
    partyMembers: 150, residents: 90, households: 360, merchants: 12, ledgerRows: 10_000, redemptions: 240,
  },
  street: {
    streets: 1, communitiesPerStreet: 10, estatesPerCommunity: 3, townsPerStreet: 3, villagesPerTown: 10,
    partyMembers: 3_000, residents: 1_500, households: 7_500, merchants: 100, ledgerRows: 1_000_000, redemptions: 50_000,
  },
  district: {
    streets: 10, communitiesPerStreet: 10, estatesPerCommunity: 3, townsPerStreet: 3, villagesPerTown: 10,
    partyMembers: 30_000, residents: 15_000, households: 75_000, merchants: 1_000, ledgerRows: 10_000_000, redemptions: 500_000,
  },
};

function parseArgs(argv: string[]): { scale: string; seed: number; out: string } {
  const { values } = parseArgv({
    args: argv,
    options: { scale: { type: 'string', default: 'sample' }, seed: { type: 'string', default: '1' }, out: { type: 'string', default: 'data' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    console.log('node scripts/demo-data.ts --scale sample|street|district --seed N --out DIR');
    process.exit(0);
  }
  const args = { scale: values.scale, seed: Number(values.seed), out: values.out };
  if (!SCALES[args.scale]) throw new Error(`--scale must be one of ${Object.keys(SCALES).join(', ')}`);
  if (!Number.isInteger(args.seed)) throw new Error('--seed must be an integer');
  return args;
}

// ---------------------------------------------------------------------------------------
// Randomness

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let rnd: () => number = mulberry32(1);
const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
const chance = (p: number): boolean => rnd() < p;
const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
function gauss(): number {
  const u = 1 - rnd();
  const v = rnd();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
function shuffle<T>(list: T[]): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}
function weighted<T>(entries: readonly (readonly [T, number])[]): T {
  let total = 0;
  for (const [, w] of entries) total += w;
  let r = rnd() * total;
  for (const [v, w] of entries) {
    r -= w;
    if (r < 0) return v;
  }
  return entries[entries.length - 1]![0];
}
/** Index into a cumulative weight array. */
function pickCum(cum: Float64Array): number {
  const r = rnd() * cum[cum.length - 1]!;
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid]! > r) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
const half = (x: number): number => Math.round(x * 2) / 2;

// ---------------------------------------------------------------------------------------
// Output: CSV writers in UTF-8 (with or without BOM) or GBK, LF or CRLF, written in chunks

let gbkTable: Map<number, number> | undefined;
/** Reverse table built once by decoding every two-byte GBK code. */
function gbk(): Map<number, number> {
  if (gbkTable) return gbkTable;
  const table = new Map<number, number>();
  const dec = new TextDecoder('gbk');
  const pair = new Uint8Array(2);
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      pair[0] = lead;
      pair[1] = trail;
      const ch = dec.decode(pair);
      if (ch.length !== 1 || ch === '\uFFFD') continue;
      const code = ch.charCodeAt(0);
      if (!table.has(code)) table.set(code, (lead << 8) | trail);
    }
  }
  gbkTable = table;
  return table;
}
function encodeGbk(s: string): Uint8Array {
  const table = gbk();
  const out = new Uint8Array(s.length * 2);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      out[n++] = c;
      continue;
    }
    const b = table.get(c);
    if (b === undefined) throw new Error(`“${s[i]}” cannot be written in GBK`);
    out[n++] = b >> 8;
    out[n++] = b & 0xff;
  }
  return out.subarray(0, n);
}

type Encoding = 'utf8' | 'utf8-bom' | 'gbk';
interface WriterOptions {
  encoding?: Encoding;
  crlf?: boolean;
  /** Add a 序号 column as Excel users do. */
  rowNumbers?: boolean;
}
type Cell = string | number | undefined;

function csvCell(v: Cell): string {
  if (v === undefined) return '';
  const s = typeof v === 'number' ? fmt(v) : v;
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
function fmt(n: number): string {
  return String(Math.round(n * 100) / 100);
}

const written: { path: string; rows: number; encoding: Encoding; crlf: boolean }[] = [];

class CsvWriter {
  path: string;
  fd: number;
  encoding: Encoding;
  eol: string;
  rowNumbers: boolean;
  buffer: string[] = [];
  size = 0;
  rows = 0;

  constructor(path: string, header: string[], options: WriterOptions = {}) {
    this.path = path;
    this.encoding = options.encoding ?? 'utf8';
    this.eol = options.crlf ? '\r\n' : '\n';
    this.rowNumbers = options.rowNumbers ?? false;
    mkdirSync(join(path, '..'), { recursive: true });
    this.fd = openSync(path, 'w');
    if (this.encoding === 'utf8-bom') writeSync(this.fd, '\uFEFF');
    this.push((this.rowNumbers ? ['序号', ...header] : header).map(csvCell).join(','));
  }

  row(cells: Cell[]): void {
    this.rows++;
    this.push((this.rowNumbers ? [String(this.rows), ...cells] : cells).map(csvCell).join(','));
  }

  private push(line: string): void {
    this.buffer.push(line, this.eol);
    this.size += line.length + 2;
    if (this.size > 1 << 16) this.flush();
  }

  flush(): void {
    if (!this.buffer.length) return;
    const text = this.buffer.join('');
    if (this.encoding === 'gbk') writeSync(this.fd, encodeGbk(text));
    else writeSync(this.fd, text);
    this.buffer = [];
    this.size = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
    written.push({ path: this.path, rows: this.rows, encoding: this.encoding, crlf: this.eol === '\r\n' });
  }
}

const headers = (t: { columns: Record<string, { zh: string }> }): string[] => Object.values(t.columns).map((c) => c.zh);

// ---------------------------------------------------------------------------------------
// The calendar of 2022

interface Day {
  iso: string;
  /** As Excel shows it in a Chinese locale: 2022/7/5. */
  slash: string;
  m: number;
  d: number;
  /** 0 = Sunday. */
  dow: number;
  last: boolean;
}
const DAYS: Day[] = [];
for (let t = Date.UTC(2022, 0, 1); t < Date.UTC(2023, 0, 1); t += 86_400_000) {
  const date = new Date(t);
  const m = date.getUTCMonth() + 1;
  const d = date.getUTCDate();
  const next = new Date(t + 86_400_000);
  DAYS.push({
    iso: `2022-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
    slash: `2022/${m}/${d}`,
    m,
    d,
    dow: date.getUTCDay(),
    last: next.getUTCDate() === 1,
  });
}
const mm = (m: number): string => String(m).padStart(2, '0');

// ---------------------------------------------------------------------------------------
// Names

const SURNAMES = (
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝'
).split('');
const DOUBLE_SURNAMES = ['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '慕容', '令狐'];
const MALE = '建国明志强伟军平海涛鹏飞文东振宇德福庆金宝成俊浩立永亮刚磊斌勇超辉华春传兴忠荣新学长林峰杰广胜利家恩泽民安保跃红卫山江波瑞祥锋晨阳正光全良力树'.split('');
const FEMALE = '丽芳秀英红霞玉兰桂凤燕静敏晓淑云雪梅艳翠琴娟佳欣洁婷慧丹萍莉娜颖倩月秋菊荷蓉彩美琳璐雯怡爱春素珍香芬凤巧银喜冬爽悦宁玲妍'.split('');
/** Names of well-known people a random draw could hit; redrawn if it does. */
const FAMOUS = new Set(
  '刘德华 张学友 周杰伦 王菲 张国荣 李连杰 成龙 李娜 刘翔 姚明 李宁 王楠 邓亚萍 孙杨 张艺谋 杨丽萍 宋丹丹 郭晶晶 李宇春 张靓颖 刘欢 韩红 那英 王力宏 林俊杰 陈奕迅 黄晓明 李冰冰 范冰冰 赵薇 周迅 孙俪 杨幂 刘亦菲 王志文 陈道明 李雪健 张丰毅 王军霞 杨利伟 袁隆平 钟南山 屠呦呦 马云 马化腾 李彦宏 雷军 张一鸣 王健林 董明珠 许海峰 朱婷 郎平 孙杨 苏炳添 谷爱凌 武大靖 王濛 张继科 马龙 丁宁 刘国梁 孔令辉 王皓 张怡宁 邓亚萍 李小鹏 杨威 邹凯 林丹 谌龙 李宗伟 王治郅 易建联 郭艾伦 周琦 王晓明 李明 王强 张伟 王伟 李强 张强'.split(' '),
);
const usedNames = new Set<string>();

function personName(forceFour = false, forceTwo = false): string {
  for (;;) {
    const female = chance(0.5);
    const chars = female ? FEMALE : MALE;
    let surname: string;
    if (forceFour || chance(0.004)) surname = pick(DOUBLE_SURNAMES);
    else {
      // Common surnames much more often than rare ones.
      const i = Math.floor(Math.pow(rnd(), 2.2) * SURNAMES.length);
      surname = SURNAMES[i]!;
    }
    const oneChar = forceTwo || (!forceFour && chance(0.14));
    let given = pick(chars);
    if (!oneChar) {
      let second = pick(chars);
      while (second === given && !chance(0.15)) second = pick(chars);
      given += second;
    }
    const name = surname + given;
    if (FAMOUS.has(name) || usedNames.has(name)) continue;
    usedNames.add(name);
    return name;
  }
}

// Place names. The sample's are fixed so that stories under content/ can name them.
const SAMPLE = {
  street: '澄川街道',
  communities: [
    { name: '锦华社区', estates: ['锦园', '华苑'] },
    { name: '汇泉社区', estates: ['泉韵家园', '汇景苑'] },
    { name: '湖滨社区', estates: ['湖畔名居', '滨河花园'] },
  ],
  town: '青禾镇',
  villages: ['东湾村', '西岭村', '南桥村', '北坡村', '杏林村', '枣园村', '麦香村', '石泉村', '槐荫村', '河口村'],
};
const STREET_FIRST = '澄望临云锦青沐安松长明瑞清和泰'.split('');
const STREET_SECOND = '川岳溪泽湖枫阳澜涛宁川源'.split('');
const NICE = '锦华汇泉湖滨和平安康泰福瑞祥春秋翠柳松桂兰雅馨悦晨阳星月江海嘉裕盛博德润'.split('');
const ESTATE_SUFFIX = ['园', '苑', '家园', '花园', '名居', '小区', '新村', '雅居', '公寓', '嘉园'];
const VILLAGE_FIRST = '东西南北前后上下大小新老高李王张刘陈杨赵黄周吴马孙朱胡郭何林罗'.split('');
const VILLAGE_SECOND = '庄集屯楼营寨洼桥湾店坊园岭坡河口堂铺'.split('');
const TOWN_FIRST = '青白黄绿金银石柳杏桃梨枣麦稻禾芦'.split('');
const TOWN_SECOND = '禾溪河湖山坡林塘泉洲滩湾'.split('');
const usedPlaces = new Set<string>([...SAMPLE.communities.map((c) => c.name), SAMPLE.town, ...SAMPLE.villages, SAMPLE.street]);
function place(first: string[], second: string[], suffix: string): string {
  for (let i = 0; ; i++) {
    const base = pick(first) + pick(second);
    const name = (i > 200 ? base + pick(first) : base) + suffix;
    if (first[0] === second[0] && base[0] === base[1]) continue;
    if (!usedPlaces.has(name)) {
      usedPlaces.add(name);
      return name;
    }
  }
}

// ---------------------------------------------------------------------------------------
// Subjects

interface Unit {
  id: string;
  name: string;
  type: string;
  parent?: string;
}
interface Person {
  idx: number;
  id: string;
  name: string;
  unit: string;
  role: '党员' | '预备党员' | '群众';
  household?: string;
  since: string;
  until: string;
  area: Area;
  /** How active: a log-normal weight. */
  weight: number;
  /** Keeps a building (楼长) and is scored for it monthly. */
  louzhang: boolean;
}
interface Household {
  idx: number;
  id: string;
  name: string;
  unit: string;
  contact?: Person;
  area: Area;
  weight: number;
}
interface Merchant {
  id: string;
  name: string;
  unit: string;
}
interface Area {
  /** The community or village unit. */
  unit: Unit;
  kind: 'community' | 'village';
  /** Estates of a community, or the village itself. */
  places: Unit[];
  /** Village branch (支部). */
  branch?: Unit;
  people: Person[];
  party: Person[];
  households: Household[];
  peopleCum: Float64Array;
  partyCum: Float64Array;
  householdCum: Float64Array;
  reviewers: string[];
  secretary: string;
  /** Day of the month for 主题党日. */
  partyDay: number;
  weight: number;
}

function idMaker(prefix: string, count: number): (n: number) => string {
  const width = Math.max(prefix === 'P' || prefix === 'H' ? 4 : 2, String(count).length);
  return (n) => prefix + String(n).padStart(width, '0');
}

// ---------------------------------------------------------------------------------------
// Schemes and rules

interface RuleDef {
  code: string;
  scheme: string;
  category: string;
  title: string;
  points?: number;
  min?: number;
  max?: number;
  per?: '分钟';
  block?: number;
  minimum?: number;
  cap?: number;
  veto?: boolean;
  linked?: string;
}

const STAR_DIMENSIONS: [string, number][] = [
  ['政治建设', 15],
  ['班子建设', 10],
  ['工作业绩', 15],
  ['党员队伍建设', 10],
  ['制度建设', 8],
  ['场所建设', 7],
  ['组织生活', 10],
  ['党内民主', 8],
  ['服务群众', 10],
  ['廉洁勤政', 7],
];

const SCHEMES_YAML = `# 积分方案：每个方案一段，id 用在 rules.csv、评分表、网址和输出文件名中。
# 类别得分 = 起始分(start) + 已核实记录的分数，再限制在 min 至 max 之间。

# 党员百分制积分：日常行为积分（基础分 + 加分项）+ 民主评议。
- id: party
  name: 党员百分制积分
  subject: person
  roles: [党员, 预备党员]
  period: year
  redeemable: false
  categories:
    - { id: 基础分, start: 65, min: 0, max: 65 }   # 只扣不加，扣完为止
    - { id: 加分项, max: 15 }                      # 加分上限 15 分
    - { id: 民主评议, max: 20, assessed: true }    # 年底由支部党员大会评议
  total: { min: 0, max: 100 }
  levels:
    - { name: 优秀, min: 90 }
    - { name: 合格, min: 75 }
    - { name: 基本合格, min: 60 }
    - { name: 不合格, min: 0 }
  vetoLevel: 不合格                                # 一票否决：不论得分，评为不合格
  ranking: { within: [支部, 社区] }

# 党员“四分”积分：基础分、履责分、奖励分、负面分，一人一本、一事一记，积分可兑换。
- id: member
  name: 党员四分积分
  subject: person
  roles: [党员, 预备党员]
  period: year
  redeemable: true
  categories:
    - { id: 基础分, max: 40 }
    - { id: 履责分, max: 30 }
    - { id: 奖励分, max: 30 }
    - { id: 负面分, min: -30, max: 0 }             # 反向扣分
  levels:
    - { name: 先锋党员, min: 80 }
    - { name: 优秀, min: 60 }
    - { name: 合格, min: 30 }
    - { name: 待提升, min: -30 }
  ranking: { within: [支部, 社区] }

# 村党支部评星定级：十个方面由镇党委评定小组打分，合计 100 分。
- id: stars
  name: 村党支部评星定级
  subject: unit
  unitTypes: [支部]
  period: year
  redeemable: false
  categories:
${STAR_DIMENSIONS.map(([id, max]) => `    - { id: ${id}, max: ${max}, assessed: true }`).join('\n')}
  total: { min: 0, max: 100 }
  levels:
    - name: 五星级
      min: 90
      stars: 5
      guidance: 保持优势再上台阶，总结提炼本支部的特色做法，形成叫得响的党建品牌，在全镇交流推广。
    - name: 四星级
      min: 80
      stars: 4
      guidance: 对照五星标准逐项查找差距，补齐短板弱项，主动向先进支部看齐。
    - name: 三星级
      min: 70
      stars: 3
      guidance: 逐项分析失分原因，制定提升计划，学先进、找差距，争取来年进位升星。
    - name: 二星级
      min: 60
      stars: 2
      guidance: 列入集中整顿范围，由一名镇领导班子成员包联指导，限期整改到位。
    - name: 一星级
      min: 0
      stars: 1
      guidance: 列入集中整顿范围，镇领导班子成员驻村包联，整改期满后重新评定。

# 志愿服务诚信积分：每次服务不少于 30 分钟，每 30 分钟计分；按季度结算兑换，全年公示。
- id: volunteer
  name: 志愿服务诚信积分
  subject: person
  period: quarter
  redeemable: true
  categories:
    - { id: 志愿服务, max: 80 }                    # 每季度最多计 80 分
    - { id: 诚信记录, min: -20, max: 0 }
  levels:
    - { name: 金牌志愿者, min: 60 }
    - { name: 银牌志愿者, min: 30 }
    - { name: 铜牌志愿者, min: 10 }
    - { name: 志愿者, min: -20 }
  ranking: { within: [社区, 村] }

# 家庭信义积分：以家庭为单位，每月 26 日公示，可在积分超市兑换。
- id: credit
  name: 家庭信义积分
  subject: household
  period: month
  publishDay: 26
  redeemable: true
  pointValue: 1          # 信用卡：1 分抵 1 元，存折上显示余额折合多少元
  categories:
    - { id: 孝老爱亲, max: 15 }
    - { id: 邻里互助, max: 15 }
    - { id: 环境卫生, max: 20 }
    - { id: 志愿公益, max: 30 }
    - { id: 遵规守约, max: 15 }
    - { id: 失信扣分, min: -30, max: 0 }
  levels:
    - { name: 信义示范户, min: 30 }
    - { name: 信义户, min: 10 }
    - { name: 参与户, min: 0 }
    - { name: 待提升, min: -30 }
  ranking: { within: [社区, 村] }
`;

const RULES: RuleDef[] = [
  // S1 党员百分制：基础分倒扣，加分项上限 15 分。
  { code: 'DK01', scheme: 'party', category: '基础分', title: '无故缺席“三会一课”', points: -2, cap: 10 },
  { code: 'DK02', scheme: 'party', category: '基础分', title: '无故缺席主题党日活动', points: -2 },
  { code: 'DK03', scheme: 'party', category: '基础分', title: '未按规定按时交纳党费', points: -3 },
  { code: 'DK04', scheme: 'party', category: '基础分', title: '不服从组织安排、推诿分派的任务', min: -5, max: -2 },
  { code: 'DK05', scheme: 'party', category: '基础分', title: '党员意见箱反映问题经核实', min: -5, max: -1 },
  { code: 'DK06', scheme: 'party', category: '基础分', title: '不履行党员义务，经支部党员大会认定', points: -10, veto: true },
  { code: 'DK07', scheme: 'party', category: '基础分', title: '受到党纪处分', points: -20, veto: true },
  { code: 'JF01', scheme: 'party', category: '加分项', title: '带头参加公益志愿活动', points: 1, cap: 6 },
  { code: 'JF02', scheme: 'party', category: '加分项', title: '受到街道级以上表彰奖励', min: 2, max: 5 },
  { code: 'JF03', scheme: 'party', category: '加分项', title: '工作经验做法被上级推广', points: 3, cap: 6 },
  { code: 'JF04', scheme: 'party', category: '加分项', title: '为群众办实事效果明显', min: 1, max: 3, cap: 6 },
  { code: 'JF05', scheme: 'party', category: '加分项', title: '党员意见箱收到群众表扬经核实', points: 1, cap: 3 },
  { code: 'JF06', scheme: 'party', category: '加分项', title: '在“三会一课”上讲党课', points: 2, cap: 4 },
  { code: 'LD01', scheme: 'party', category: '加分项', title: '联系户参与家庭信义积分（自动联动）', points: 1, cap: 5, linked: 'credit' },
  // S2 党员四分积分。
  { code: 'JC01', scheme: 'member', category: '基础分', title: '参加集中学习或专题党课', points: 2, cap: 12 },
  { code: 'JC02', scheme: 'member', category: '基础分', title: '参加主题党日活动', points: 2, cap: 24 },
  { code: 'JC03', scheme: 'member', category: '基础分', title: '按时交纳党费', points: 1, cap: 4 },
  { code: 'LZ01', scheme: 'member', category: '履责分', title: '履行党员楼长职责（按月记）', points: 3, cap: 36 },
  { code: 'LZ02', scheme: 'member', category: '履责分', title: '认领并完成群众微心愿', min: 2, max: 5 },
  { code: 'LZ03', scheme: 'member', category: '履责分', title: '参加网格巡查', points: 2, per: '分钟', block: 60 },
  { code: 'JL01', scheme: 'member', category: '奖励分', title: '获得街道级以上表彰', min: 3, max: 10 },
  { code: 'JL02', scheme: 'member', category: '奖励分', title: '急难险重任务中表现突出', min: 5, max: 10 },
  { code: 'JL03', scheme: 'member', category: '奖励分', title: '结对帮扶困难群众', points: 2, cap: 12 },
  { code: 'FM01', scheme: 'member', category: '负面分', title: '无故不参加组织生活', points: -3 },
  { code: 'FM02', scheme: 'member', category: '负面分', title: '言行不当造成不良影响经核实', min: -10, max: -2 },
  // S8 志愿服务诚信积分：按分钟计，每 30 分钟一段，不足 30 分钟不计。
  { code: 'ZY01', scheme: 'volunteer', category: '志愿服务', title: '参加社区（村）志愿服务', points: 2, per: '分钟', block: 30, minimum: 30 },
  { code: 'ZY02', scheme: 'volunteer', category: '志愿服务', title: '为老助残上门服务', points: 3, per: '分钟', block: 30, minimum: 30 },
  { code: 'ZY03', scheme: 'volunteer', category: '志愿服务', title: '文明交通劝导', points: 2, per: '分钟', block: 30, minimum: 30, cap: 24 },
  { code: 'ZY04', scheme: 'volunteer', category: '志愿服务', title: '防汛等应急值守', points: 3, per: '分钟', block: 30, minimum: 60 },
  { code: 'CX01', scheme: 'volunteer', category: '诚信记录', title: '报名后无故不到场', points: -2 },
  { code: 'CX02', scheme: 'volunteer', category: '诚信记录', title: '服务时长登记不实', points: -5 },
  // S9 家庭信义积分：39 项，善行加分、失信扣分。
  { code: 'XA01', scheme: 'credit', category: '孝老爱亲', title: '长期照料失能老人', points: 3, cap: 6 },
  { code: 'XA02', scheme: 'credit', category: '孝老爱亲', title: '评为好媳妇、好婆婆、好儿女', min: 5, max: 10 },
  { code: 'XA03', scheme: 'credit', category: '孝老爱亲', title: '家庭成员参加敬老孝亲活动', points: 2, cap: 4 },
  { code: 'XA04', scheme: 'credit', category: '孝老爱亲', title: '家风家训上墙并参与分享', points: 2, cap: 2 },
  { code: 'LL01', scheme: 'credit', category: '邻里互助', title: '主动化解邻里矛盾', points: 3, cap: 9 },
  { code: 'LL02', scheme: 'credit', category: '邻里互助', title: '帮助困难邻居', points: 2, cap: 6 },
  { code: 'LL03', scheme: 'credit', category: '邻里互助', title: '拾金不昧', min: 2, max: 10 },
  { code: 'LL04', scheme: 'credit', category: '邻里互助', title: '参加楼栋议事会', points: 1, cap: 3 },
  { code: 'HJ01', scheme: 'credit', category: '环境卫生', title: '垃圾分类投放准确（抽查）', points: 1, cap: 4 },
  { code: 'HJ02', scheme: 'credit', category: '环境卫生', title: '参加楼道、街巷环境清理', points: 2, cap: 6 },
  { code: 'HJ03', scheme: 'credit', category: '环境卫生', title: '门前三包达标', points: 2, cap: 2 },
  { code: 'HJ04', scheme: 'credit', category: '环境卫生', title: '评为美丽庭院', points: 5, cap: 5 },
  { code: 'HJ05', scheme: 'credit', category: '环境卫生', title: '参加植树护绿', points: 2, cap: 4 },
  { code: 'HJ06', scheme: 'credit', category: '环境卫生', title: '清理楼道小广告', points: 1, cap: 3 },
  { code: 'ZG01', scheme: 'credit', category: '志愿公益', title: '家庭成员参加志愿服务', points: 1, per: '分钟', block: 30, minimum: 30, cap: 20 },
  { code: 'ZG02', scheme: 'credit', category: '志愿公益', title: '参加垃圾分类宣传', points: 2, cap: 6 },
  { code: 'ZG03', scheme: 'credit', category: '志愿公益', title: '参加文明创建活动', points: 2, cap: 6 },
  { code: 'ZG04', scheme: 'credit', category: '志愿公益', title: '无偿献血', points: 5, cap: 5 },
  { code: 'ZG05', scheme: 'credit', category: '志愿公益', title: '参加慈善捐赠', min: 1, max: 5, cap: 10 },
  { code: 'ZG06', scheme: 'credit', category: '志愿公益', title: '参加社区（村）文体活动', points: 1, cap: 3 },
  { code: 'ZS01', scheme: 'credit', category: '遵规守约', title: '按时缴纳物业费', points: 3, cap: 3 },
  { code: 'ZS02', scheme: 'credit', category: '遵规守约', title: '文明养犬、牵绳出行', points: 1, cap: 1 },
  { code: 'ZS03', scheme: 'credit', category: '遵规守约', title: '参加消防安全演练', points: 2, cap: 2 },
  { code: 'ZS04', scheme: 'credit', category: '遵规守约', title: '红白事简办、移风易俗', points: 5, cap: 5 },
  { code: 'ZS05', scheme: 'credit', category: '遵规守约', title: '电动车规范停放充电', points: 1, cap: 2 },
  { code: 'ZS06', scheme: 'credit', category: '遵规守约', title: '参加居民议事协商', points: 2, cap: 4 },
  { code: 'SX01', scheme: 'credit', category: '失信扣分', title: '高空抛物', points: -5 },
  { code: 'SX02', scheme: 'credit', category: '失信扣分', title: '乱倒垃圾', points: -2 },
  { code: 'SX03', scheme: 'credit', category: '失信扣分', title: '私搭乱建', points: -5 },
  { code: 'SX04', scheme: 'credit', category: '失信扣分', title: '占用消防通道', points: -3 },
  { code: 'SX05', scheme: 'credit', category: '失信扣分', title: '楼道堆放杂物拒不清理', points: -2 },
  { code: 'SX06', scheme: 'credit', category: '失信扣分', title: '不文明养犬造成影响', points: -2 },
  { code: 'SX07', scheme: 'credit', category: '失信扣分', title: '恶意滋事激化邻里矛盾', min: -10, max: -3 },
  { code: 'SX08', scheme: 'credit', category: '失信扣分', title: '拖欠物业费经催缴仍不缴', points: -3 },
  { code: 'SX09', scheme: 'credit', category: '失信扣分', title: '损坏公共设施', min: -10, max: -2 },
  { code: 'SX10', scheme: 'credit', category: '失信扣分', title: '私拉电线飞线充电', points: -3 },
  { code: 'SX11', scheme: 'credit', category: '失信扣分', title: '在禁放区燃放烟花爆竹', points: -2 },
  { code: 'SX12', scheme: 'credit', category: '失信扣分', title: '散布不实信息扰乱秩序', points: -5 },
  { code: 'SX13', scheme: 'credit', category: '失信扣分', title: '红白事大操大办', points: -3 },
];
const RULE = new Map(RULES.map((r) => [r.code, r]));

interface SchemeBook {
  id: string;
  kind: 'person' | 'household';
  period: 'year' | 'quarter' | 'month';
  redeemable: boolean;
  categories: string[];
  /** Category maxima for gains. */
  catMax: (number | undefined)[];
  ruleIndex: Map<string, number>;
  /** Points used per subject and rule in the current period (magnitude). */
  capUsed: Map<number, number>;
  /** Gains per subject and category in the current period. */
  catSum: Map<number, number>;
  /** Points counted per subject in the current period, conservatively. */
  periodTotal: Float64Array;
  earned: Float64Array;
  redeemed: Float64Array;
  periodIndex: number;
  /** Subjects where a rule cap or a category maximum cut points. */
  capCut: Set<number>;
  catCut: Set<number>;
  counted: number;
}

// ---------------------------------------------------------------------------------------
// Main

function main(): void {
  const started = performance.now();
  const args = parseArgs(process.argv.slice(2));
  const scale = SCALES[args.scale]!;
  const isSample = args.scale === 'sample';
  rnd = mulberry32(args.seed * 2654435761 + 12345);
  const out = args.out;

  // The generator owns these paths; clear them so no stale month or quarter stays behind.
  for (const p of ['ledger', 'assessments', 'shop']) rmSync(join(out, p), { recursive: true, force: true });
  mkdirSync(out, { recursive: true });

  // ----- settings ---------------------------------------------------------------------
  const streetNames: string[] = [];
  for (let s = 0; s < scale.streets; s++) {
    streetNames.push(s === 0 ? SAMPLE.street : place(STREET_FIRST, STREET_SECOND, '街道'));
  }
  const siteName = scale.streets === 1 ? `${SAMPLE.street}积分公示栏` : '区级积分公示栏（压力测试数据）';
  const siteYaml = `# 网站设置
name: ${siteName}
organiser: 中共${SAMPLE.street}工作委员会
baseUrl: https://example.org/
phone: 0635-8261730        # 监督电话（办公座机，不写个人手机）
maskNames: true            # 公开页面、海报和数据接口中隐去姓名中间的字
locale: zh-CN
tv: { slideSeconds: 15 }
posters: { size: A3, bleed: 0 }
`;
  siteSchema.parse(parseYaml(siteYaml));
  schemesSchema.parse(parseYaml(SCHEMES_YAML));
  writeFileSync(join(out, 'site.yaml'), siteYaml);
  writeFileSync(join(out, 'schemes.yaml'), SCHEMES_YAML);

  // ----- rules ------------------------------------------------------------------------
  {
    const w = new CsvWriter(join(out, 'rules.csv'), headers(tables.rules));
    for (const r of RULES) {
      w.row([
        r.code, r.scheme, r.category, r.title, r.points, r.min, r.max, r.per, r.block, r.minimum, r.cap,
        r.veto ? '是' : undefined, r.linked,
      ]);
    }
    w.close();
  }

  // ----- units ------------------------------------------------------------------------
  const units: Unit[] = [];
  const areas: Area[] = [];
  const nCommunities = scale.streets * scale.communitiesPerStreet;
  const nTowns = scale.streets * scale.townsPerStreet;
  const nVillages = nTowns * scale.villagesPerTown;
  const idJD = idMaker('JD', scale.streets);
  const idSQ = idMaker('SQ', nCommunities);
  const idXQ = idMaker('XQ', nCommunities * scale.estatesPerCommunity);
  const idZ = idMaker('ZH', nTowns);
  const idC = idMaker('C', nVillages);
  const idZB = idMaker('ZB', nVillages);
  let nSQ = 0;
  let nXQ = 0;
  let nZ = 0;
  let nC = 0;
  const newArea = (unit: Unit, kind: Area['kind'], places: Unit[], branch?: Unit): Area => ({
    unit, kind, places, branch, people: [], party: [], households: [],
    peopleCum: new Float64Array(0), partyCum: new Float64Array(0), householdCum: new Float64Array(0),
    reviewers: [], secretary: '', partyDay: 0, weight: 0.6 + rnd(),
  });
  for (let s = 0; s < scale.streets; s++) {
    const street: Unit = { id: idJD(s + 1), name: streetNames[s]!, type: '街道' };
    units.push(street);
    for (let c = 0; c < scale.communitiesPerStreet; c++) {
      const fixed = s === 0 ? SAMPLE.communities[c] : undefined;
      const name = fixed?.name ?? place(NICE, NICE, '社区');
      const community: Unit = { id: idSQ(++nSQ), name, type: '社区', parent: street.id };
      units.push(community);
      const estates: Unit[] = [];
      for (let e = 0; e < scale.estatesPerCommunity; e++) {
        const estateName = fixed?.estates[e] ?? place([name[0]!, name[1]!, ...NICE], NICE, pick(ESTATE_SUFFIX));
        const estate: Unit = { id: idXQ(++nXQ), name: estateName, type: '小区', parent: community.id };
        units.push(estate);
        estates.push(estate);
      }
      areas.push(newArea(community, 'community', estates));
    }
    for (let t = 0; t < scale.townsPerStreet; t++) {
      const town: Unit = {
        id: idZ(++nZ),
        name: s === 0 && t === 0 ? SAMPLE.town : place(TOWN_FIRST, TOWN_SECOND, '镇'),
        type: '镇',
        parent: street.id,
      };
      units.push(town);
      for (let v = 0; v < scale.villagesPerTown; v++) {
        const n = ++nC;
        const name = s === 0 && t === 0 ? SAMPLE.villages[v] ?? place(VILLAGE_FIRST, VILLAGE_SECOND, '村') : place(VILLAGE_FIRST, VILLAGE_SECOND, '村');
        const village: Unit = { id: idC(n), name, type: '村', parent: town.id };
        const branch: Unit = { id: idZB(n), name: `${name}党支部`, type: '支部', parent: village.id };
        units.push(village, branch);
        areas.push(newArea(village, 'village', [village], branch));
      }
    }
  }
  {
    const w = new CsvWriter(join(out, 'units.csv'), headers(tables.units));
    for (const u of units) w.row([u.id, u.name, u.type, u.parent]);
    w.close();
  }
  for (const a of areas) {
    a.secretary = personName();
    a.reviewers = [personName(), personName()];
    a.partyDay = int(3, 12);
  }

  // ----- people -----------------------------------------------------------------------
  const people: Person[] = [];
  const nPeople = scale.partyMembers + scale.residents;
  const idP = idMaker('P', nPeople);
  const areaCum = new Float64Array(areas.length);
  {
    let acc = 0;
    areas.forEach((a, i) => {
      acc += a.weight * (a.kind === 'community' ? 1.6 : 1);
      areaCum[i] = acc;
    });
  }
  // Every area gets a few members first, the rest by weight.
  const assignAreas = (n: number, minEach: number): Area[] => {
    const list: Area[] = [];
    for (const a of areas) for (let i = 0; i < minEach && list.length < n; i++) list.push(a);
    while (list.length < n) list.push(areas[pickCum(areaCum)]!);
    return list;
  };
  const partyAreas = assignAreas(scale.partyMembers, 5).sort((a, b) => areas.indexOf(a) - areas.indexOf(b));
  const residentAreas = assignAreas(scale.residents, 3).sort((a, b) => areas.indexOf(a) - areas.indexOf(b));
  const randomSince = (): string => {
    const y = int(1975, 2021);
    return `${y}-${mm(int(1, 12))}-${mm(int(1, 28))}`;
  };
  const addPerson = (area: Area, role: Person['role']): Person => {
    const n = people.length;
    const four = isSample && (n === 6 || n === 117);
    const two = isSample && (n === 3 || n === 160);
    const p: Person = {
      idx: n,
      id: idP(n + 1),
      name: personName(four, two),
      unit: area.kind === 'village' ? (role === '群众' ? area.unit.id : area.branch!.id) : pick(area.places).id,
      role,
      since: '',
      until: '',
      area,
      weight: Math.exp(0.8 * gauss()),
      louzhang: false,
    };
    const r = rnd();
    if (role === '预备党员') {
      p.since = r < 0.6 ? DAYS[int(31, 300)]!.iso : `2021-${mm(int(7, 12))}-${mm(int(1, 28))}`;
    } else if (r < 0.035) {
      p.since = DAYS[int(40, 300)]!.iso; // moved in or registered during 2022
    } else if (r < 0.065) {
      p.until = DAYS[int(60, 320)]!.iso; // moved away during 2022
    } else if (role !== '群众' && r < 0.35) {
      p.since = randomSince();
    }
    if (role !== '群众' && area.kind === 'community' && chance(0.22)) p.louzhang = true;
    people.push(p);
    area.people.push(p);
    if (role !== '群众') area.party.push(p);
    return p;
  };
  for (const a of partyAreas) addPerson(a, chance(0.08) ? '预备党员' : '党员');
  for (const a of residentAreas) addPerson(a, '群众');
  const activeOn = (p: Person, iso: string): boolean => (!p.since || p.since <= iso) && (!p.until || iso <= p.until);
  const fullYear = (p: Person): boolean => (!p.since || p.since <= '2022-01-01') && !p.until;

  // ----- households -------------------------------------------------------------------
  const households: Household[] = [];
  const idH = idMaker('H', scale.households);
  const usedAddresses = new Set<string>();
  {
    const list = assignAreas(scale.households, 12).sort((a, b) => areas.indexOf(a) - areas.indexOf(b));
    for (const area of list) {
      let name: string;
      let unit: Unit;
      do {
        unit = pick(area.places);
        name =
          area.kind === 'community'
            ? `${unit.name}${int(1, 24)}-${int(1, 4)}-${int(1, 18)}0${int(1, 4)}`
            : `${unit.name}${int(1, 8)}组${int(1, 60)}号`;
      } while (usedAddresses.has(name));
      usedAddresses.add(name);
      const h: Household = {
        idx: households.length, id: idH(households.length + 1), name, unit: unit.id, area, weight: Math.exp(0.9 * gauss()),
      };
      households.push(h);
      area.households.push(h);
    }
    // Contact party members (党员联系户): members on the register all year, in the same area.
    for (const area of areas) {
      const contacts = area.party.filter(fullYear);
      if (!contacts.length) continue;
      for (const h of area.households) if (chance(0.93)) h.contact = pick(contacts);
      // Some people live in a household of their area.
      for (const p of area.people) if (area.households.length && chance(0.45)) p.household = pick(area.households).id;
    }
  }
  for (const a of areas) {
    const cum = (list: { weight: number }[]): Float64Array => {
      const c = new Float64Array(list.length);
      let acc = 0;
      list.forEach((x, i) => {
        acc += x.weight;
        c[i] = acc;
      });
      return c;
    };
    a.peopleCum = cum(a.people);
    a.partyCum = cum(a.party);
    a.householdCum = cum(a.households);
  }
  {
    const w = new CsvWriter(join(out, 'people.csv'), headers(tables.people));
    for (const p of people) w.row([p.id, p.name, p.unit, p.role, p.household, p.since, p.until]);
    w.close();
  }
  {
    // As Excel saves "CSV UTF-8": with a BOM and CRLF.
    const w = new CsvWriter(join(out, 'households.csv'), headers(tables.households), { encoding: 'utf8-bom', crlf: true });
    for (const h of households) w.row([h.id, h.name, h.unit, h.contact?.id]);
    w.close();
  }

  // ----- merchants --------------------------------------------------------------------
  const MERCHANT_PREFIX = '惠民 好邻居 鲜丰 福记 老街 便民 春晖 一品 洁净 阳光 家和 乐购 兴旺 金穗 百味 顺心 惠家 康宁 优品 万家 喜乐 丰收 实在 老字号'.split(' ');
  const MERCHANT_KIND = '超市 理发店 水果店 粮油店 早餐店 家电维修部 药店 便利店 面馆 干洗店 文具店 五金店 蔬菜店 烧饼铺 花店 茶叶店 裁缝铺 母婴店 修鞋铺 快递驿站'.split(' ');
  const merchants: Merchant[] = [];
  {
    const idM = idMaker('M', scale.merchants);
    const used = new Set<string>();
    const prefixes = shuffle([...MERCHANT_PREFIX]);
    for (let i = 0; i < scale.merchants; i++) {
      const area = i < areas.length ? areas[(i * 7) % areas.length]! : areas[pickCum(areaCum)]!;
      let name = prefixes[i % prefixes.length]! + pick(MERCHANT_KIND);
      if (used.has(name)) name = area.unit.name.replace(/社区|村$/, '') + name;
      while (used.has(name)) name = pick(MERCHANT_PREFIX) + name;
      used.add(name);
      merchants.push({ id: idM(i + 1), name, unit: pick(area.places).id });
    }
    const w = new CsvWriter(join(out, 'merchants.csv'), headers(tables.merchants));
    for (const m of merchants) w.row([m.id, m.name, m.unit]);
    w.close();
  }

  // ----- books ------------------------------------------------------------------------
  const schemeDefs = parseYaml(SCHEMES_YAML) as { id: string; subject: string; period: string; redeemable?: boolean; categories: { id: string; max?: number }[] }[];
  const books = new Map<string, SchemeBook>();
  for (const s of schemeDefs) {
    if (s.subject !== 'person' && s.subject !== 'household') continue;
    const rules = RULES.filter((r) => r.scheme === s.id);
    const n = s.subject === 'person' ? people.length : households.length;
    books.set(s.id, {
      id: s.id,
      kind: s.subject,
      period: s.period as SchemeBook['period'],
      redeemable: !!s.redeemable,
      categories: s.categories.map((c) => c.id),
      catMax: s.categories.map((c) => c.max),
      ruleIndex: new Map(rules.map((r, i) => [r.code, i])),
      capUsed: new Map(),
      catSum: new Map(),
      periodTotal: new Float64Array(n),
      earned: new Float64Array(n),
      redeemed: new Float64Array(n),
      periodIndex: -1,
      capCut: new Set(),
      catCut: new Set(),
      counted: 0,
    });
  }
  const periodIndex = (period: SchemeBook['period'], m: number): number =>
    period === 'year' ? 0 : period === 'quarter' ? Math.floor((m - 1) / 3) : m - 1;

  /** Counts a verified row into the books: caps, category maxima, balances. */
  function account(schemeId: string, subject: number, rule: RuleDef, raw: number): void {
    const book = books.get(schemeId)!;
    book.counted++;
    const ri = book.ruleIndex.get(rule.code)!;
    const ci = book.categories.indexOf(rule.category);
    let p = raw;
    if (rule.cap !== undefined) {
      const key = subject * 64 + ri;
      const used = book.capUsed.get(key) ?? 0;
      const allowed = Math.max(0, Math.min(Math.abs(p), rule.cap - used));
      if (allowed < Math.abs(p)) book.capCut.add(subject);
      book.capUsed.set(key, used + allowed);
      p = Math.sign(p) * allowed;
    }
    if (raw > 0) {
      const max = book.catMax[ci];
      if (max !== undefined) {
        const key = subject * 16 + ci;
        const sum = book.catSum.get(key) ?? 0;
        const allowed = Math.max(0, Math.min(p, max - sum));
        if (allowed < p) book.catCut.add(subject);
        book.catSum.set(key, sum + allowed);
        p = allowed;
      }
      book.earned[subject]! += p;
      book.periodTotal[subject]! += p;
    } else {
      // Deductions count in full here (the category minimum can only make the real balance higher).
      book.earned[subject]! += raw;
      book.periodTotal[subject]! += raw;
    }
  }
  // S7: linked rule, computed for the report only (the build derives these rows itself).
  const linkedRule = RULES.find((r) => r.linked === 'credit')!;
  const linkedUsed = new Float64Array(people.length);
  let linkedAwards = 0;

  // ----- ledger -----------------------------------------------------------------------
  const ledgerHeader = headers(tables.ledger);
  let writer: CsvWriter | undefined;
  let writerMonth = 0;
  let ledgerRows = 0;
  const statusCount = { 已核实: 0, 待审核: 0, 驳回: 0 };
  const schemeRows = new Map<string, number>();
  let vetoRows = 0;
  let day: Day = DAYS[0]!;

  const openMonth = (m: number): void => {
    writer?.close();
    const file = join(out, 'ledger', `2022-${mm(m)}.csv`);
    // March as Excel's "CSV UTF-8" (BOM, CRLF); July as plain Excel CSV on a Chinese
    // Windows (GBK, CRLF, a 序号 column, dates as 2022/7/5); the rest UTF-8 with LF.
    const options: WriterOptions =
      m === 3 ? { encoding: 'utf8-bom', crlf: true } : m === 7 ? { encoding: 'gbk', crlf: true, rowNumbers: true } : {};
    writer = new CsvWriter(file, ledgerHeader, options);
    writerMonth = m;
  };

  const REJECT_NOTES = ['与签到表核对不符', '同一事项重复登记', '不属于本事项范围', '缺少证明材料'];
  const REJECT_MINUTES = ['时长无人证明', '签到签退时间不全', '与签到表核对不符'];
  interface Emit {
    subject: Person | Household;
    rule: string;
    points?: number;
    quantity?: number;
    activity?: string;
    note?: string;
    reviewer: string;
    /** Force a status (veto rows are always verified). */
    status?: '已核实';
  }

  function emit(e: Emit): void {
    const rule = RULE.get(e.rule)!;
    const isPerson = 'role' in e.subject;
    // Validity, enforced here so a bad generator change fails loudly.
    if (isPerson && !activeOn(e.subject as Person, day.iso)) throw new Error(`${e.subject.id} not active on ${day.iso}`);
    if (isPerson && (rule.scheme === 'party' || rule.scheme === 'member') && (e.subject as Person).role === '群众') {
      throw new Error(`${e.subject.id} is not a party member (${rule.code})`);
    }
    if ((rule.scheme === 'credit') === isPerson) throw new Error(`${e.subject.id} kind mismatch for ${rule.code}`);
    if (rule.per === '分钟' && (e.quantity ?? 0) < (rule.minimum ?? rule.block ?? 30)) throw new Error('below minimum');
    if (rule.points === undefined) {
      if (e.points === undefined || e.points < rule.min! || e.points > rule.max!) throw new Error(`bad points for ${rule.code}`);
    }

    let status: '已核实' | '待审核' | '驳回' = '已核实';
    if (!e.status) {
      const r = rnd();
      const lateDecember = day.m === 12 && day.d >= 22;
      if (lateDecember ? r < 0.35 : r < 0.006) status = '待审核';
      else if (r > 0.991) status = '驳回';
    }
    let note = e.note;
    if (status === '驳回') note = pick(rule.per === '分钟' ? REJECT_MINUTES : e.activity ? [...REJECT_NOTES, '当日活动已取消'] : REJECT_NOTES);
    const reviewer = status === '待审核' ? undefined : e.reviewer;
    let points: number | undefined;
    if (rule.points === undefined) points = e.points;
    else if (rule.per !== '分钟' && (e.quantity ?? 1) === 1 && chance(0.45)) points = rule.points; // editors often copy the value in
    const quantity = rule.per === '分钟' ? e.quantity : e.quantity && e.quantity > 1 ? e.quantity : undefined;

    if (day.m !== writerMonth) openMonth(day.m);
    writer!.row([day.m === 7 ? day.slash : day.iso, e.subject.id, rule.code, points, quantity, e.activity, note, reviewer, status]);
    ledgerRows++;
    statusCount[status]++;
    schemeRows.set(rule.scheme, (schemeRows.get(rule.scheme) ?? 0) + 1);
    if (status !== '已核实') return;
    if (rule.veto) vetoRows++;
    const raw =
      rule.points === undefined
        ? e.points!
        : rule.per === '分钟'
          ? Math.floor(e.quantity! / (rule.block ?? 30)) * rule.points
          : rule.points * (e.quantity ?? 1);
    account(rule.scheme, e.subject.idx, rule, raw);
    if (rule.scheme === 'credit' && raw > 0) {
      const contact = (e.subject as Household).contact;
      if (contact) {
        linkedAwards++;
        account('party', contact.idx, linkedRule, linkedRule.points!);
        linkedUsed[contact.idx] = Math.min(linkedRule.cap!, linkedUsed[contact.idx]! + linkedRule.points!);
      }
    }
  }

  const pickPerson = (area: Area, party: boolean, tries = 12): Person | undefined => {
    const list = party ? area.party : area.people;
    const cum = party ? area.partyCum : area.peopleCum;
    if (!list.length) return undefined;
    for (let i = 0; i < tries; i++) {
      const p = list[pickCum(cum)]!;
      if (activeOn(p, day.iso)) return p;
    }
    return undefined;
  };
  const pickHousehold = (area: Area): Household | undefined =>
    area.households.length ? area.households[pickCum(area.householdCum)] : undefined;
  /** Up to n distinct subjects, weighted by activity. */
  function pickMany<T extends { idx: number }>(n: number, one: () => T | undefined): T[] {
    const seen = new Set<number>();
    const list: T[] = [];
    for (let i = 0; i < n * 6 && list.length < n; i++) {
      const x = one();
      if (x && !seen.has(x.idx)) {
        seen.add(x.idx);
        list.push(x);
      }
    }
    return list;
  }
  const pickArea = (kind?: Area['kind']): Area => {
    for (;;) {
      const a = areas[pickCum(areaCum)]!;
      if (!kind || a.kind === kind) return a;
    }
  };
  /** Activity names of the day, so two events never share one name. */
  const labels = new Set<string>();
  const label = (area: Area, name: string): string => {
    const base = `${day.m}月${day.d}日${area.unit.name}${name}`;
    let s = base;
    for (let k = 2; labels.has(s); k++) s = `${base}（第${k}场）`;
    labels.add(s);
    return s;
  };

  // Group activities: households earn credit points, volunteers earn minutes.
  interface ActivityDef {
    name: string;
    hh?: string;
    vol?: string;
    where?: Area['kind'];
    months?: number[];
    days?: [number, number];
    mins: number[];
    weight: number;
  }
  const ACTIVITIES: ActivityDef[] = [
    { name: '清理楼道', hh: 'HJ02', vol: 'ZY01', where: 'community', mins: [60, 90, 120], weight: 6 },
    { name: '街巷环境整治', hh: 'HJ02', vol: 'ZY01', where: 'village', mins: [60, 90, 120, 150], weight: 5 },
    { name: '垃圾分类宣传', hh: 'ZG02', vol: 'ZY01', mins: [60, 90, 120], weight: 6 },
    { name: '文明创建入户宣传', hh: 'ZG03', vol: 'ZY01', mins: [60, 90, 120], weight: 4 },
    { name: '清理小广告', hh: 'HJ06', vol: 'ZY01', where: 'community', mins: [30, 45, 60, 90], weight: 3 },
    { name: '重阳敬老', hh: 'XA03', vol: 'ZY01', months: [10], days: [1, 8], mins: [90, 120, 180], weight: 40 },
    { name: '植树护绿', hh: 'HJ05', vol: 'ZY01', months: [3], days: [5, 20], mins: [90, 120, 150], weight: 30 },
    { name: '消防安全演练', hh: 'ZS03', months: [11], days: [1, 15], mins: [60], weight: 25 },
    { name: '迎新春写春联', hh: 'ZG06', vol: 'ZY01', months: [1], days: [10, 28], mins: [90, 120], weight: 20 },
    { name: '元宵节猜灯谜', hh: 'ZG06', months: [2], days: [12, 17], mins: [60], weight: 20 },
    { name: '邻里运动会', hh: 'ZG06', vol: 'ZY01', months: [5, 9], mins: [120, 180], weight: 3 },
    { name: '广场舞展演', hh: 'ZG06', months: [6, 7, 8], mins: [60], weight: 2 },
    { name: '楼栋议事会', hh: 'LL04', where: 'community', mins: [60], weight: 3 },
    { name: '村民议事协商会', hh: 'ZS06', where: 'village', mins: [60], weight: 2 },
    { name: '义务巡河', hh: 'ZG01', vol: 'ZY01', where: 'village', months: [4, 5, 6, 7, 8, 9], mins: [60, 90, 120], weight: 3 },
    { name: '文明交通劝导', vol: 'ZY03', mins: [60, 90, 120, 180], weight: 3 },
    { name: '防汛值守', vol: 'ZY04', months: [7, 8], mins: [60, 120, 180, 240], weight: 8 },
    { name: '爱心义剪', vol: 'ZY01', mins: [90, 120, 150], weight: 1.5 },
    { name: '学雷锋志愿服务', hh: 'ZG01', vol: 'ZY01', months: [3], days: [1, 10], mins: [60, 90, 120], weight: 25 },
  ];

  function groupActivity(limit: number): number {
    const avail = ACTIVITIES.filter(
      (a) => (!a.months || a.months.includes(day.m)) && (!a.days || (day.d >= a.days[0] && day.d <= a.days[1])),
    );
    const def = weighted(avail.map((a) => [a, a.weight] as const));
    const area = pickArea(def.where);
    const act = label(area, def.name);
    const reviewer = pick(area.reviewers);
    let n = 0;
    const big = isSample ? 1 : 2;
    if (def.hh && n < limit) {
      const k = Math.min(limit - n, int(4, 14) * big, Math.ceil(area.households.length * 0.6));
      for (const h of pickMany(k, () => pickHousehold(area))) {
        const r = RULE.get(def.hh)!;
        emit({ subject: h, rule: def.hh, activity: act, reviewer, quantity: r.per === '分钟' ? pick(def.mins) : undefined });
        n++;
      }
    }
    if (def.vol && n < limit) {
      const k = Math.min(limit - n, int(3, 10) * big, Math.ceil(area.people.length * 0.5));
      for (const p of pickMany(k, () => pickPerson(area, false))) {
        if (n >= limit) break;
        emit({ subject: p, rule: def.vol, activity: act, reviewer, quantity: pick(def.mins) });
        n++;
        // The branch also credits its members for leading the way.
        if (p.role !== '群众' && n < limit && chance(0.4)) {
          emit({ subject: p, rule: 'JF01', activity: act, reviewer: area.secretary });
          n++;
        }
      }
    }
    // Someone who signed up and did not come.
    if (def.vol && n < limit && chance(0.05)) {
      const p = pickPerson(area, false);
      if (p) {
        emit({ subject: p, rule: 'CX01', reviewer, note: `报名参加${def.name}未到场` });
        n++;
      }
    }
    return n;
  }

  const HOUSEHOLD_NOTES: Record<string, string[]> = {
    LL03: ['拾到钱包一个，已交还失主', '捡到手机一部，联系失主归还', '拾到电动车钥匙，交物业招领', '在菜市场捡到现金，交还失主'],
    XA02: ['评为本村“好媳妇”', '评为社区“好婆婆”', '评为“孝老爱亲好儿女”'],
    ZG05: ['向困难家庭捐赠衣物', '参加“慈善一日捐”', '为患病邻居捐款'],
    SX07: ['因停车问题与邻居争吵并损坏物品', '多次在楼道内与邻居发生冲突'],
    SX09: ['损坏小区健身器材', '踢坏单元门禁'],
    LL01: ['劝和两户因漏水引发的纠纷', '协调解决楼上楼下噪音矛盾'],
  };
  function householdEvent(): number {
    const area = pickArea();
    const h = pickHousehold(area);
    if (!h) return 0;
    const reviewer = pick(area.reviewers);
    const goodRules: [string, number][] = [
      ['HJ01', 30], ['LL01', 4], ['LL02', 5], ['LL03', 1.5], ['XA01', 2], ['XA02', 0.5], ['XA04', 1.5], ['ZG04', 1],
      ['ZG05', 2], ['ZS02', 2], ['ZS04', 0.6], ['ZS05', 3],
      ...(area.kind === 'community' ? ([['ZS01', day.m === 1 || day.m === 7 ? 40 : 1]] as [string, number][]) : []),
      ...(area.kind === 'village' ? ([['HJ03', 6], ['HJ04', day.m % 3 === 0 ? 4 : 0.3]] as [string, number][]) : []),
    ];
    const badRules: [string, number][] = [
      ['SX01', 0.5], ['SX02', 3], ['SX03', 0.5], ['SX04', 1.5], ['SX05', 2], ['SX06', 1.5], ['SX07', 0.4], ['SX08', 1],
      ['SX09', 0.5], ['SX10', 1.5], ['SX11', day.m <= 2 ? 6 : 0.1], ['SX12', 0.3], ['SX13', 0.4],
    ];
    const bad = chance(0.09);
    const code = weighted(bad ? badRules : goodRules);
    const rule = RULE.get(code)!;
    let points: number | undefined;
    if (rule.points === undefined) points = int(rule.min!, rule.max!);
    const notes = HOUSEHOLD_NOTES[code];
    emit({
      subject: h, rule: code, points, reviewer,
      note: notes ? pick(notes) : undefined,
      quantity: rule.per === '分钟' ? pick([30, 60, 90]) : undefined,
    });
    return 1;
  }

  function volunteerVisit(): number {
    const area = pickArea();
    const p = pickPerson(area, false);
    if (!p) return 0;
    emit({
      subject: p, rule: 'ZY02', quantity: pick([30, 45, 60, 60, 90, 120]), reviewer: pick(area.reviewers),
      note: pick(['上门看望独居老人', '陪同残疾居民就医', '为高龄老人代购生活用品', '帮助老人打扫卫生', '陪空巢老人聊天读报']),
    });
    return 1;
  }

  function partyEvent(): number {
    const area = pickArea();
    const p = pickPerson(area, true);
    if (!p) return 0;
    const code = weighted<string>([
      ['LZ03', 10], ['JL03', 6], ['LZ02', 4], ['JF04', 3], ['JF05', 2.5], ['JF03', 0.5], ['DK05', 0.6], ['DK04', 0.4],
      ['FM02', 0.3], ['JL02', day.m === 7 || day.m === 8 ? 3 : 0.2],
    ]);
    const rule = RULE.get(code)!;
    const points = rule.points === undefined ? (rule.max! - rule.min! > 3 && chance(0.3) ? half(rule.min! + rnd() * (rule.max! - rule.min!)) : int(rule.min!, rule.max!)) : undefined;
    const notes: Record<string, string[]> = {
      LZ02: ['帮助困难学生购买学习用品', '为孤寡老人维修门窗', '为行动不便居民代办证件'],
      JF04: ['协调修复小区路灯', '推动解决老旧小区雨天积水', '帮助村民联系农产品销路'],
      JF05: ['群众来信表扬其热心帮扶', '意见箱收到居民感谢信'],
      JF03: ['楼栋议事做法被街道推广', '“红色代办”经验被镇里推广'],
      DK05: ['群众反映其车辆长期占用公共车位', '群众反映其服务态度生硬'],
      DK04: ['无正当理由拒绝承担网格值守任务', '推诿分派的入户走访任务'],
      FM02: ['在微信群发表不当言论', '与居民发生争执造成不良影响'],
      JL02: ['防汛值守中连续坚守', '协助转移受困群众'],
      JL03: ['结对帮扶困难户'],
    };
    emit({
      subject: p, rule: code, points, reviewer: area.secretary,
      quantity: rule.per === '分钟' ? pick([60, 90, 120, 180]) : undefined,
      note: notes[code] ? pick(notes[code]!) : undefined,
    });
    return 1;
  }

  // Scheduled rows of a day: party meetings, dues, building keepers, honours of 七一.
  function scheduled(): number {
    let n = 0;
    for (const area of areas) {
      const unitName = area.branch?.name ?? `${area.unit.name}党委`;
      const activeParty = area.party.filter((p) => activeOn(p, day.iso));
      if (!activeParty.length) continue;
      // 主题党日 once a month.
      if (day.d === area.partyDay) {
        const act = `${day.m}月${unitName}主题党日`;
        for (const p of activeParty) {
          const r = rnd();
          if (r < 0.9) emit({ subject: p, rule: 'JC02', activity: act, reviewer: area.secretary });
          else if (r < 0.975) continue; // on leave
          else {
            emit({ subject: p, rule: 'DK02', reviewer: area.secretary, note: '无故缺席' });
            emit({ subject: p, rule: 'FM01', reviewer: area.secretary, note: '无故缺席主题党日' });
            n++;
          }
          n++;
        }
      }
      // 党课 once a quarter.
      if (day.m % 3 === 0 && day.d === area.partyDay + 12) {
        const act = `${day.m}月${unitName}专题党课`;
        const lecturer = pick(activeParty);
        emit({ subject: lecturer, rule: 'JF06', activity: act, reviewer: area.secretary, note: '讲授专题党课' });
        n++;
        for (const p of activeParty) {
          const r = rnd();
          if (r < 0.92) emit({ subject: p, rule: 'JC01', activity: act, reviewer: area.secretary });
          else if (r < 0.98) continue;
          else emit({ subject: p, rule: 'DK01', reviewer: area.secretary, note: '无故缺席专题党课' });
          n++;
        }
      }
      // Dues in the first month of each quarter.
      if (day.m % 3 === 1 && day.d === 15) {
        const q = (day.m + 2) / 3;
        for (const p of activeParty) {
          if (chance(0.015)) emit({ subject: p, rule: 'DK03', reviewer: area.secretary, note: `第${q}季度党费逾期未交` });
          else emit({ subject: p, rule: 'JC03', reviewer: area.secretary });
          n++;
        }
      }
      // Building keepers, monthly.
      if (day.d === 25) {
        for (const p of activeParty) {
          if (!p.louzhang) continue;
          emit({ subject: p, rule: 'LZ01', reviewer: area.secretary, note: `${day.m}月楼长工作记录` });
          n++;
        }
      }
      // 七一 honours.
      if (day.m === 6 && day.d === 30) {
        for (const p of activeParty) {
          if (!chance(0.07)) continue;
          const title = pick(['优秀共产党员', '优秀党务工作者', '党员示范岗']);
          const j = int(2, 5);
          emit({ subject: p, rule: 'JF02', points: j, reviewer: area.secretary, note: `获评街道“${title}”`, status: '已核实' });
          emit({ subject: p, rule: 'JL01', points: j * 2, reviewer: area.secretary, note: `获评街道“${title}”`, status: '已核实' });
          n += 2;
        }
      }
    }
    // One-vote vetoes.
    for (const v of vetoes) {
      if (v.date !== day.iso) continue;
      emit({ subject: v.person, rule: v.rule, reviewer: v.person.area.secretary, note: v.note, status: '已核实' });
      n++;
    }
    return n;
  }

  // Vetoes: a couple in the sample, a handful at scale.
  const vetoes: { person: Person; rule: string; date: string; note: string }[] = [];
  {
    const n = Math.max(2, Math.round(scale.partyMembers * 0.0008));
    const candidates = people.filter((p) => p.role === '党员' && fullYear(p) && !p.louzhang);
    for (let i = 0; i < n; i++) {
      const person = candidates.splice(int(0, candidates.length - 1), 1)[0]!;
      const first = i % 2 === 0;
      vetoes.push({
        person,
        rule: first ? 'DK06' : 'DK07',
        date: DAYS[first ? int(200, 240) : int(290, 330)]!.iso,
        note: first ? '连续六个月不参加组织生活、不交纳党费，经支部党员大会认定' : '受到党内警告处分',
      });
    }
  }

  // ----- shop -------------------------------------------------------------------------
  interface ItemDef {
    id: string;
    name: string;
    kind: '实物' | '券' | '服务';
    unit: string;
    prices: [string, number][];
    scheme?: string;
    popularity: number;
  }
  const ITEMS: ItemDef[] = [
    { id: 'SP01', name: '洗洁精', kind: '实物', unit: '瓶', prices: [['', 20]], popularity: 6 },
    { id: 'SP02', name: '卷纸（10卷装）', kind: '实物', unit: '提', prices: [['', 50]], popularity: 5 },
    { id: 'SP03', name: '食用油（5升）', kind: '实物', unit: '桶', prices: [['2022-01-01', 100], ['2022-07-01', 120]], popularity: 4 },
    { id: 'SP04', name: '食盐', kind: '实物', unit: '袋', prices: [['', 20]], popularity: 3 },
    { id: 'SP05', name: '香醋', kind: '实物', unit: '瓶', prices: [['', 20]], popularity: 3 },
    { id: 'SP06', name: '酱油', kind: '实物', unit: '瓶', prices: [['', 20]], popularity: 3 },
    { id: 'SP07', name: '洗衣液', kind: '实物', unit: '瓶', prices: [['', 50]], popularity: 4 },
    { id: 'SP08', name: '牙膏牙刷套装', kind: '实物', unit: '套', prices: [['', 50]], popularity: 2 },
    { id: 'SP09', name: '大米（5千克）', kind: '实物', unit: '袋', prices: [['', 100]], popularity: 3 },
    { id: 'SP10', name: '毛巾', kind: '实物', unit: '条', prices: [['', 20]], popularity: 2 },
    { id: 'QJ01', name: '水果兑换券', kind: '券', unit: '张', prices: [['2022-01-01', 50], ['2022-09-01', 40]], popularity: 3 },
    { id: 'QJ02', name: '物业费抵扣券', kind: '券', unit: '张', prices: [['', 100]], scheme: 'credit', popularity: 2 },
    { id: 'FW01', name: '理发服务券', kind: '服务', unit: '次', prices: [['', 20]], popularity: 3 },
    { id: 'FW02', name: '家电维修服务券', kind: '服务', unit: '次', prices: [['', 100]], popularity: 1 },
    { id: 'FW03', name: '家政保洁服务（2小时）', kind: '服务', unit: '次', prices: [['', 100]], popularity: 1 },
  ];
  const priceOn = (item: ItemDef, iso: string): number => {
    let price = 0;
    for (const [from, p] of item.prices) if (!from || from <= iso) price = p;
    return price;
  };
  {
    const w = new CsvWriter(join(out, 'shop', 'items.csv'), headers(tables.items));
    for (const item of ITEMS) {
      for (const [from, price] of item.prices) w.row([item.id, item.name, price, item.kind, item.unit, from || undefined, item.scheme]);
    }
    w.close();
  }
  const stock = new Map<string, number>(ITEMS.map((i) => [i.id, 0]));
  const usedThisMonth = new Map<string, number>(ITEMS.map((i) => [i.id, 0]));
  const stockWriter = new CsvWriter(join(out, 'shop', 'stock.csv'), headers(tables.stock));
  const redemptionWriter = new CsvWriter(join(out, 'shop', 'redemptions', '2022.csv'), headers(tables.redemptions));
  const operators = [personName(), personName(), personName()];
  const keeper = operators[0]!;
  const popularity = ITEMS.reduce((s, i) => s + i.popularity, 0);
  const monthlyPerItem = (item: ItemDef): number => Math.ceil((scale.redemptions / 12) * (item.popularity / popularity) * 1.3);
  let redemptions = 0;
  let pointsRedeemed = 0;
  const redeemedByScheme = new Map<string, number>();
  const SHOP_DAYS = new Set([27, 28]);
  const shopDaysTotal = DAYS.filter((d) => SHOP_DAYS.has(d.d)).length;
  let shopDaysSeen = 0;
  const MARGIN = 5;

  function restock(): void {
    for (const item of ITEMS) {
      const have = stock.get(item.id)!;
      const want = Math.max(monthlyPerItem(item), Math.ceil(usedThisMonth.get(item.id)! * 1.6), 20);
      if (have >= want) continue;
      const qty = Math.ceil((want - have) / 10) * 10;
      stockWriter.row([day.iso, item.id, qty, day.m === 1 ? '期初入库' : `${day.m}月补货入库`, keeper]);
      stock.set(item.id, have + qty);
    }
    for (const item of ITEMS) usedThisMonth.set(item.id, 0);
  }
  function stockLoss(note: string, kinds: ItemDef['kind'][], qty: number): void {
    const item = ITEMS.filter((i) => kinds.includes(i.kind) && stock.get(i.id)! >= qty + 5)[0];
    if (!item) return;
    stockWriter.row([day.iso, item.id, -qty, note, keeper]);
    stock.set(item.id, stock.get(item.id)! - qty);
  }

  const householdCum = new Float64Array(households.length);
  households.forEach((h, i) => (householdCum[i] = (i ? householdCum[i - 1]! : 0) + h.weight));
  const peopleCum = new Float64Array(people.length);
  people.forEach((p, i) => (peopleCum[i] = (i ? peopleCum[i - 1]! : 0) + p.weight));
  const partyPeople = people.filter((p) => p.role !== '群众');
  const partyCumAll = new Float64Array(partyPeople.length);
  partyPeople.forEach((p, i) => (partyCumAll[i] = (i ? partyCumAll[i - 1]! : 0) + p.weight));

  const wishes = new Map<string, ItemDef>();
  const offeredFor = new Map(['credit', 'volunteer', 'member'].map((id) => [id, ITEMS.filter((i) => !i.scheme || i.scheme === id)]));
  // The shop draws from its own stream, so changing how people shop leaves the ledger alone.
  const shopRnd = mulberry32(args.seed * 7919 + 104729);
  function shopDay(): void {
    const ledgerRnd = rnd;
    rnd = shopRnd;
    try {
      shopDayInner();
    } finally {
      rnd = ledgerRnd;
    }
  }
  function shopDayInner(): void {
    shopDaysSeen++;
    const target = Math.round((scale.redemptions * shopDaysSeen) / shopDaysTotal);
    let need = target - redemptions;
    let attempts = need * 60;
    while (need > 0 && attempts-- > 0) {
      const schemeId = weighted<string>([['credit', 0.55], ['volunteer', 0.3], ['member', 0.15]]);
      const book = books.get(schemeId)!;
      let subject: Person | Household;
      if (schemeId === 'credit') subject = households[pickCum(householdCum)]!;
      else if (schemeId === 'volunteer') subject = people[pickCum(peopleCum)]!;
      else subject = partyPeople[pickCum(partyCumAll)]!;
      if ('role' in subject && !activeOn(subject, day.iso)) continue;
      const balance = book.earned[subject.idx]! - book.redeemed[subject.idx]!;
      if (balance < 20 + MARGIN) continue;
      // Each card holder has something in mind and saves up until the balance covers it.
      const wishKey = `${schemeId}:${subject.idx}`;
      let item = wishes.get(wishKey);
      if (!item) {
        // What people aim for depends on what they have saved.
        const offered = offeredFor.get(schemeId)!.filter((i) => priceOn(i, day.iso) <= balance * 2 + 40);
        item = weighted(offered.map((i) => [i, i.popularity] as const));
        wishes.set(wishKey, item);
      }
      if (priceOn(item, day.iso) > balance - MARGIN || stock.get(item.id)! < 1) {
        // Not enough yet: most wait, some settle for something cheaper today.
        if (!chance(0.35)) continue;
        const cheaper = offeredFor
          .get(schemeId)!
          .filter((i) => priceOn(i, day.iso) <= balance - MARGIN && stock.get(i.id)! >= 1);
        if (!cheaper.length) continue;
        item = weighted(cheaper.map((i) => [i, i.popularity] as const));
      } else wishes.delete(wishKey);
      const price = priceOn(item, day.iso);
      const qty = item.kind === '实物' && price * 2 <= balance - MARGIN && stock.get(item.id)! >= 2 && chance(0.18) ? 2 : 1;
      const cost = price * qty;
      redemptionWriter.row([day.iso, subject.id, item.id, qty > 1 || chance(0.5) ? qty : undefined, cost, schemeId, pick(operators)]);
      book.redeemed[subject.idx]! += cost;
      stock.set(item.id, stock.get(item.id)! - qty);
      usedThisMonth.set(item.id, usedThisMonth.get(item.id)! + qty);
      redemptions++;
      pointsRedeemed += cost;
      redeemedByScheme.set(schemeId, (redeemedByScheme.get(schemeId) ?? 0) + 1);
      need--;
    }
  }

  // ----- honours bookkeeping ----------------------------------------------------------
  interface HonorRow {
    period: string;
    subject: string;
    honor: string;
    note?: string;
  }
  const honors: HonorRow[] = [];
  function monthEnd(): void {
    const credit = books.get('credit')!;
    for (const area of areas) {
      let best: Household | undefined;
      for (const h of area.households) {
        if (credit.periodTotal[h.idx]! >= 12 && (!best || credit.periodTotal[h.idx]! > credit.periodTotal[best.idx]!)) best = h;
      }
      if (best) {
        honors.push({
          period: `2022-${mm(day.m)}`, subject: best.id, honor: '星级文明户',
          note: `月度家庭信义积分居本${area.kind === 'community' ? '社区' : '村'}前列`,
        });
      }
    }
    if (day.m % 3 === 0) {
      const vol = books.get('volunteer')!;
      for (const area of areas) {
        let best: Person | undefined;
        for (const p of area.people) {
          if (vol.periodTotal[p.idx]! >= 15 && (!best || vol.periodTotal[p.idx]! > vol.periodTotal[best.idx]!)) best = p;
        }
        if (best) honors.push({ period: `2022-Q${day.m / 3}`, subject: best.id, honor: '优秀志愿者', note: '季度志愿服务积分居前' });
      }
    }
  }

  // ----- the year, day by day -----------------------------------------------------------
  const stockEvents = new Map<string, () => void>([
    ['2022-06-15', () => stockLoss('搬运破损报损', ['实物'], 2)],
    ['2022-09-30', () => stockLoss('季度盘点短少，按实盘调整', ['实物'], 1)],
    ['2022-12-30', () => stockLoss('年终盘点：服务券过期作废', ['服务'], 3)],
  ]);
  for (let i = 0; i < DAYS.length; i++) {
    day = DAYS[i]!;
    for (const book of books.values()) {
      const p = periodIndex(book.period, day.m);
      if (p !== book.periodIndex) {
        book.periodIndex = p;
        book.capUsed.clear();
        book.catSum.clear();
        book.periodTotal.fill(0);
      }
    }
    labels.clear();
    if (day.d === 1) openMonth(day.m);
    if (day.d === 3) restock();
    scheduled();
    const target = Math.round((scale.ledgerRows * (i + 1)) / DAYS.length);
    while (ledgerRows < target) {
      const limit = target - ledgerRows;
      const kind = weighted<string>([['group', 0.3], ['household', 0.36], ['visit', 0.1], ['party', 0.24]]);
      if (kind === 'group') groupActivity(limit);
      else if (kind === 'household') householdEvent();
      else if (kind === 'visit') volunteerVisit();
      else partyEvent();
    }
    stockEvents.get(day.iso)?.();
    if (SHOP_DAYS.has(day.d)) shopDay();
    if (day.last) monthEnd();
  }
  writer?.close();
  stockWriter.close();
  redemptionWriter.close();

  // ----- honours ----------------------------------------------------------------------
  {
    const redCount = new Map<string, number>();
    const black = new Set<string>();
    const nRed = Math.max(2, Math.round(merchants.length * 0.15));
    const nBlack = Math.max(1, Math.round(merchants.length * 0.03));
    const RED_NOTES = ['门前整洁，商品明码标价', '诚信经营，顾客评价好', '主动落实门前三包', '积极参与积分超市让利'];
    const BLACK_NOTES = ['占道经营，劝导后仍未整改', '门前卫生脏乱差', '商品未明码标价，群众投诉'];
    for (let m = 1; m <= 12; m++) {
      const order = shuffle([...merchants]);
      const period = `2022-${mm(m)}`;
      for (const x of order.slice(0, nRed)) {
        honors.push({ period, subject: x.id, honor: '流动红旗', note: pick(RED_NOTES) });
        redCount.set(x.id, (redCount.get(x.id) ?? 0) + 1);
      }
      if (m % 2 === 0 || chance(0.3)) {
        for (const x of order.slice(nRed, nRed + nBlack)) {
          honors.push({ period, subject: x.id, honor: '流动黑旗', note: pick(BLACK_NOTES) });
          black.add(x.id);
        }
      }
    }
    const trusted = merchants
      .filter((x) => !black.has(x.id))
      .sort((a, b) => (redCount.get(b.id) ?? 0) - (redCount.get(a.id) ?? 0) || (a.id < b.id ? -1 : 1))
      .slice(0, Math.max(3, Math.round(merchants.length * 0.3)));
    for (const x of trusted) honors.push({ period: '2022', subject: x.id, honor: '信义商户', note: `全年获流动红旗${redCount.get(x.id) ?? 0}次` });
    // Months first, then quarters, then the year; inside a period by subject.
    const rank = (p: string): string => (p.length === 4 ? `3${p}` : p.includes('Q') ? `2${p}` : `1${p}`);
    honors.sort((a, b) => (rank(a.period) < rank(b.period) ? -1 : rank(a.period) > rank(b.period) ? 1 : a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0));
    const w = new CsvWriter(join(out, 'honors.csv'), headers(tables.honors));
    for (const h of honors) w.row([h.period, h.subject, h.honor, h.note]);
    w.close();
  }

  // ----- assessments ------------------------------------------------------------------
  const branches = units.filter((u) => u.type === '支部');
  /** Ten dimension scores, each within its maximum, whose sum lies in [lo, hi). */
  function starScores(lo: number, hi: number): number[] {
    const target = half(lo + 0.5 + rnd() * (hi - lo - 1.5));
    const values = STAR_DIMENSIONS.map(([, max]) => Math.min(max, Math.max(0, half(max * (target / 100) + (rnd() - 0.5) * 1.5))));
    let sum = values.reduce((s, v) => s + v, 0);
    while (sum < lo) {
      const i = int(0, values.length - 1);
      if (values[i]! + 0.5 <= STAR_DIMENSIONS[i]![1]) {
        values[i] = values[i]! + 0.5;
        sum += 0.5;
      }
    }
    while (sum >= hi) {
      const i = int(0, values.length - 1);
      if (values[i]! >= 0.5) {
        values[i] = values[i]! - 0.5;
        sum -= 0.5;
      }
    }
    return values;
  }
  const BAND: Record<number, [number, number]> = { 5: [90, 100.01], 4: [80, 90], 3: [70, 80], 2: [60, 70], 1: [45, 60] };
  const starHeader = ['周期', '方案', '对象', ...STAR_DIMENSIONS.map(([id]) => id), '评定人'];
  const stars2021 = isSample
    ? shuffle([5, 5, 4, 4, 4, 4, 4, 3, 3, 3])
    : branches.map(() => weighted<number>([[5, 0.15], [4, 0.45], [3, 0.3], [2, 0.08], [1, 0.02]]));
  // 2022: a few branches move up after rectification, one slips.
  const stars2022 = [...stars2021];
  {
    const order = shuffle(branches.map((_, i) => i));
    const ups = Math.max(2, Math.round(branches.length * 0.2));
    let done = 0;
    for (const i of order) {
      if (done < ups && stars2022[i]! < 5) {
        stars2022[i] = stars2022[i]! + 1;
        done++;
      }
    }
    const down = order.find((i) => stars2022[i] === stars2021[i] && stars2021[i]! > 3);
    if (down !== undefined) stars2022[down] = stars2022[down]! - 1;
  }
  const starCount = (list: number[]): Record<number, number> => list.reduce<Record<number, number>>((c, s) => ((c[s] = (c[s] ?? 0) + 1), c), {});
  for (const [year, list] of [['2021', stars2021], ['2022', stars2022]] as const) {
    const w = new CsvWriter(join(out, 'assessments', `${year}-stars.csv`), starHeader);
    branches.forEach((b, i) => {
      const [lo, hi] = BAND[list[i]!]!;
      const town = units.find((u) => u.id === units.find((v) => v.id === b.parent)!.parent)!;
      w.row([year, 'stars', b.id, ...starScores(lo, hi), `${town.name}党委评定小组`]);
    });
    w.close();
  }
  {
    const w = new CsvWriter(join(out, 'assessments', '2022-party.csv'), ['周期', '方案', '对象', '民主评议', '评定人']);
    const vetoed = new Set(vetoes.map((v) => v.person.id));
    for (const p of people) {
      if (p.role === '群众') continue;
      const value = vetoed.has(p.id) ? half(7 + rnd() * 4) : Math.min(20, Math.max(10, half(17 + gauss() * 1.6)));
      w.row(['2022', 'party', p.id, value, `${p.area.branch?.name ?? p.area.unit.name + '党委'}党员大会`]);
    }
    w.close();
  }

  // ----- report -----------------------------------------------------------------------
  const seconds = (performance.now() - started) / 1000;
  const report = {
    scale: args.scale,
    seed: args.seed,
    out,
    seconds: Math.round(seconds * 10) / 10,
    units: units.length,
    unitTypes: units.reduce<Record<string, number>>((c, u) => ((c[u.type] = (c[u.type] ?? 0) + 1), c), {}),
    people: people.length,
    roles: people.reduce<Record<string, number>>((c, p) => ((c[p.role] = (c[p.role] ?? 0) + 1), c), {}),
    peopleWithSince2022: people.filter((p) => p.since >= '2022').length,
    peopleWithUntil: people.filter((p) => p.until).length,
    households: households.length,
    householdsWithContact: households.filter((h) => h.contact).length,
    merchants: merchants.length,
    ledgerRows,
    status: statusCount,
    rowsByScheme: Object.fromEntries(schemeRows),
    vetoRows,
    linkedAwards,
    linkedMembersAtCap: Array.from(linkedUsed).filter((v) => v >= linkedRule.cap!).length,
    capCut: Object.fromEntries([...books.values()].map((b) => [b.id, b.capCut.size])),
    categoryMaxCut: Object.fromEntries([...books.values()].map((b) => [b.id, b.catCut.size])),
    earned: Object.fromEntries([...books.values()].filter((b) => b.redeemable).map((b) => [b.id, Math.round(b.earned.reduce((x, y) => x + y, 0))])),
    redemptions,
    redemptionsByScheme: Object.fromEntries(redeemedByScheme),
    pointsRedeemed,
    stars2021: starCount(stars2021),
    stars2022: starCount(stars2022),
    honors: honors.length,
    files: written.map((f) => `${f.path} ${f.rows} rows${f.encoding !== 'utf8' ? ' ' + f.encoding : ''}${f.crlf ? ' CRLF' : ''}`),
  };
  console.log(JSON.stringify(report, null, 2));
}

main();
