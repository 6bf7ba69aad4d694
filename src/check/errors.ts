/**
 * The error catalogue. Every problem the check can report has a stable English code (never
 * renamed: CI annotations and editors' notes refer to it), a Chinese message built from its
 * arguments, and a hint of what to do.
 */
import type { CellErrorCode } from '../schema/cells.ts';
import type { ShopViolationCode } from '../domain/shop.ts';

type Args = Record<string, string | number>;
interface Entry {
  /** What happened, in Chinese, with the cell's own value where it helps. */
  message: (a: Args) => string;
  /** What the editor does about it. */
  hint: string;
}

const entries = {
  // Files and encodings
  'workbook-unreadable': { message: (a) => `这个 Excel 工作簿读不了：${a.reason}`, hint: '在 Excel 或 WPS 中打开它，另存为“Excel 工作簿(*.xlsx)”或“CSV UTF-8（逗号分隔）(*.csv)”。' },
  'workbook-other-sheets': { message: (a) => `只读了工作表“${a.sheet}”；工作表 ${a.others} 里也有内容，没有读。`, hint: '一个月的记录放在一张工作表里（以月份命名，如“1月”，或放在第一张）；别的工作表的行请移过来，或把这些工作表删掉。' },
  'file-not-read': { message: (a) => `这个文件不会被读取：${a.why}`, hint: '（只有 docs/editors.md“文件一览”中的文件会被读取。）' },
  'file-duplicate-name': { message: (a) => `${a.file} 和 ${a.other} 是同一张表的两个文件（${a.why}）。`, hint: '只保留一个文件，删除另一个；两个都留着，同一批记录会算两遍。' },
  'file-unreadable': { message: (a) => `无法读取文件：${a.reason}`, hint: '检查文件是否存在、是否被其他程序占用。' },
  'nul-byte': { message: () => '文件中含有空字符（NUL），不是正常的文本 CSV。', hint: '请在 Excel 或 WPS 中打开后“另存为 CSV”。' },
  'file-empty': { message: () => '文件是空的，连表头都没有。', hint: '请保留第 1 行表头；没有数据时可以删除此文件。' },
  'csv-quotes': { message: () => '引号没有配对：从这一行开始的单元格缺少结束的英文双引号 "。', hint: '检查这一行里的双引号，单元格内的引号要写成两个 ""。' },
  'csv-too-many-cells': { message: (a) => `这一行有 ${a.count} 个单元格，多于表头的 ${a.header} 列。`, hint: '删除多余的单元格，或检查是否有未加引号的英文逗号。' },
  'csv-separator': { message: (a) => `这个文件的列是用${a.separator}分隔的，不是逗号，所以整行被当成了一列。`, hint: '在 Excel 或 WPS 中打开，“另存为”时保存类型选“CSV UTF-8（逗号分隔）(*.csv)”。' },
  'csv-no-header': { message: (a) => `第 1 行（${a.first}）不是表头：一个认识的列名也没有。如果表头上面有标题行（如“2022年12月积分台账”），请删除标题行，让表头在第 1 行。`, hint: '表头的列名见 docs/editors.md 的“文件一览”，也可以从网站的 /templates/ 下载模板。' },
  'yaml-invalid': { message: (a) => `YAML 格式错误：${a.reason}`, hint: '检查这一行和上一行的缩进（同一层的设置左边对齐，用空格，不用 Tab）和冒号后的空格。这个文件读不通时，其他文件先不检查：改正后再运行一次。' },
  'yaml-unknown-key': { message: (a) => `“${a.path}”里有不认识的设置项“${a.key}”：${a.hint}`, hint: '不认识的设置项不会被悄悄忽略（那样设置会退回默认值，分数会变）。设置项见 docs/editors.md。' },
  'yaml-field': { message: (a) => `设置项“${a.path}”不正确：${a.reason}`, hint: '对照 docs/editors.md 中的设置说明修改。' },
  // Headers
  'unknown-column': { message: (a) => `未知的列“${a.header}”。本表可用的列：${a.accepted}。`, hint: '修改表头为可用的列名，或删除这一列。不认识的列不会被悄悄忽略。' },
  'duplicate-column': { message: (a) => `列“${a.header}”出现了两次。`, hint: '删除或重命名重复的列。' },
  'missing-column': { message: (a) => `缺少必填的列“${a.header}”。`, hint: '在第 1 行表头中加上这一列。' },
  'personal-data-column': { message: (a) => `列“${a.header}”看起来是个人信息（身份证号、手机号、银行卡号等），公示栏不能收录。`, hint: '删除这一列；个人信息不应出现在公开的数据中。' },
  // Cells
  'missing-value': { message: (a) => `“${a.field}”不能为空。`, hint: '填写这个单元格。如果在 Excel 里合并了单元格，请取消合并，并在每一行都填上。' },
  'excel-error-value': { message: (a) => `单元格是 Excel 的错误值“${a.value}”，不是数据。`, hint: '回到 Excel 修正这个公式或查找（如 VLOOKUP），再“选择性粘贴—数值”后保存。' },
  'totals-row': { message: (a) => `这一行像是“${a.value}”汇总行，不是一条记录。`, hint: '删除合计、小计行；网站会自己计算合计。' },
  'invisible-character': { message: (a) => `单元格里有看不见的控制字符（${a.what}），会让文字显示错乱。`, hint: '删除这个单元格的内容后重新输入，不要从网页或聊天软件直接粘贴。' },
  'too-many-columns': { message: (a) => `表头有 ${a.count} 列，远多于这个表可用的列，文件可能已损坏。`, hint: '在 Excel 中打开检查，只保留需要的列后另存为 CSV。' },
  'bad-id': { message: (a) => `编号“${a.value}”不合规：只能包含英文字母、数字、- 和 _。`, hint: '改用字母数字编号，例如 DY-001。' },
  'bad-slug': { message: (a) => `方案编号“${a.value}”不合规：只能包含小写英文字母、数字和 -。`, hint: '例如 party、credit。' },
  'bad-date': { message: (a) => `“${a.value}”不是日期。`, hint: '写成 2022-10-09、2022/10/9、2022.10.9 或 2022年10月9日。' },
  'date-after-file-month': { message: (a) => `日期 ${a.date} 在文件名的月份（${a.month}）之后。`, hint: '检查年份和月份是否打错；以后月份的记录放进那个月的文件。' },
  'date-before-file-month': { message: (a) => `日期 ${a.date} 比文件名的月份（${a.month}）早了一个多月，会改动早已公示过的那一期。`, hint: '多半是年份或月份没改（例如新一年的文件里还写着去年的日期）。确实是补录的，请在“说明”里写明。' },
  'date-implausible-year': { message: (a) => `日期 ${a.date} 的年份 ${a.year} 离其他文件的年份（${a.years}）太远，多半是打错了。`, hint: '检查年份。确实是那一年的记录，就放进以那一年命名的文件。' },
  'impossible-date': { message: (a) => `日期“${a.value}”不存在。`, hint: '检查月份和日期，例如 2 月没有 30 日。' },
  'excel-serial-date': { message: (a) => `“${a.value}”是 Excel 内部的日期序号，不是日期。`, hint: '在 Excel 中把这一列设为“文本”或日期格式 yyyy-mm-dd 后重新保存。' },
  'bad-period': { message: (a) => `“${a.value}”不是周期。`, hint: '年写成 2022，季度写成 2022-Q3 或 2022年第3季度，月写成 2022-10 或 2022年10月。' },
  'bad-number': { message: (a) => `“${a.value}”不是数字。`, hint: '只填数字，可带正负号和最多两位小数，例如 -2 或 1.5。' },
  'scientific-number': { message: (a) => `“${a.value}”是 Excel 的科学计数法，原来的数字已经丢失。`, hint: '在 Excel 中把这一列设为“文本”格式，重新输入后保存。' },
  'bad-integer': { message: (a) => `“${a.value}”不是整数。`, hint: '只填整数，例如 1、30。' },
  'not-positive': { message: (a) => `“${a.value}”必须大于 0。`, hint: '填写正整数。' },
  'bad-choice': { message: (a) => `“${a.value}”不是可选的值。可选：${a.choices}。`, hint: '从可选值中选一个填写。' },
  'bad-boolean': { message: (a) => `“${a.value}”应为“是”或“否”。`, hint: '填写 是 或 否。' },
  'personal-mobile': { message: () => '这个单元格里像是手机号码，公示栏不能收录手机号。', hint: '删除手机号；监督电话请写在 site.yaml 的 phone 中。' },
  'personal-bank-card': { message: () => '这个单元格里像是银行卡号，公示栏不能收录银行卡号。', hint: '删除银行卡号；积分兑换不需要银行卡。' },
  'personal-id-number': { message: () => '这个单元格里像是身份证号码，公示栏不能收录身份证号。', hint: '删除身份证号，用编号代替。' },
  // References between files
  'duplicate-id': { message: (a) => `编号“${a.id}”重复：已在 ${a.first} 使用。`, hint: '组织、人员、家庭户、商户的编号必须全部唯一。' },
  'unknown-unit': { message: (a) => `找不到组织“${a.id}”。`, hint: '先在 units.csv 中添加这个组织，或改正编号。' },
  'unit-cycle': { message: (a) => `组织的上级关系形成了循环：${a.path}。`, hint: '检查“上级”一列，上级不能最终指回自己。' },
  'until-before-since': { message: (a) => `离册日期 ${a.until} 早于入册日期 ${a.since}。`, hint: '检查两个日期。' },
  'unknown-person': { message: (a) => `找不到人员“${a.id}”。`, hint: '先在 people.csv 中添加此人，或改正编号。' },
  'unknown-household': { message: (a) => `找不到家庭户“${a.id}”。`, hint: '先在 households.csv 中添加此户，或改正户号。' },
  'contact-not-party-member': { message: (a) => `联系党员“${a.id}”的身份是“${a.role}”，不是党员。`, hint: '联系党员只能是身份为“党员”或“预备党员”的人员。' },
  'duplicate-scheme': { message: (a) => `方案“${a.id}”重复。`, hint: '每个方案的 id 必须唯一。' },
  'unknown-scheme': { message: (a) => `找不到方案“${a.id}”。可用方案：${a.accepted}。`, hint: '方案在 data/schemes.yaml 中定义。' },
  'unknown-category': { message: (a) => `方案“${a.scheme}”没有类别“${a.id}”。可用类别：${a.accepted}。`, hint: '类别在 data/schemes.yaml 的 categories 中定义。' },
  'rule-on-assessed-category': { message: (a) => `类别“${a.id}”由评分表评定，不能有积分事项。`, hint: '把评定分填在 data/assessments/ 的评分表中。' },
  'duplicate-rule': { message: (a) => `事项编码“${a.id}”重复：已在 ${a.first} 使用。`, hint: '每个积分事项的编码必须唯一。' },
  'rule-range': { message: (a) => `最低分 ${a.min} 大于最高分 ${a.max}。`, hint: '交换两个数，或改正其中一个。' },
  'rule-range-required': { message: () => '分值留空（酌情给分）的事项必须填写最低分和最高分。', hint: '填写“最低分”和“最高分”，或者填写固定分值。' },
  'linked-needs-person-scheme': { message: (a) => `联动方案“${a.linked}”的对象是家庭户，本事项所在方案的对象必须是人员（联系党员）。`, hint: '把联动事项放在党员积分方案中。' },
  'linked-needs-household-scheme': { message: (a) => `联动方案“${a.linked}”的对象不是家庭户。`, hint: '联动方案必须是以家庭户为对象的方案。' },
  'duplicate-row': { message: (a) => `这一行和第 ${a.first} 行一模一样，会算两次分。`, hint: '多半是复制粘贴时重复了，删掉一行。确实是同一天的两件事，请在“说明”里写明区别。' },
  'unknown-rule': { message: (a) => `找不到积分事项“${a.id}”。${a.suggest ?? ''}`, hint: '事项在 data/rules.csv 中定义，检查编码是否写错。' },
  'unknown-subject': { message: (a) => `找不到对象“${a.id}”。${a.suggest ?? ''}`, hint: '对象必须是 units、people、households 或 merchants 中的编号。' },
  'subject-kind-mismatch': { message: (a) => `对象“${a.id}”是${a.kind}，方案“${a.scheme}”的对象是${a.expected}。`, hint: '检查对象编号或事项编码。' },
  'role-not-in-scheme': { message: (a) => `${a.id} 的身份是“${a.role}”，方案“${a.scheme}”只包括：${a.roles}。`, hint: '检查对象编号，或在 schemes.yaml 的 roles 中加上这个身份。' },
  'unit-type-not-in-scheme': { message: (a) => `组织“${a.id}”的类型是“${a.type}”，方案“${a.scheme}”只包括：${a.types}。`, hint: '检查对象编号，或在 schemes.yaml 的 unitTypes 中加上这个类型。' },
  'outside-membership': { message: (a) => `日期 ${a.date} 不在 ${a.id} 的在册期间（${a.since} 至 ${a.until}）内。`, hint: '检查日期，或人员的入册、离册日期。' },
  'below-minimum-minutes': { message: (a) => `时长 ${a.minutes} 分钟少于本事项的起算时长 ${a.minimum} 分钟，不能记分。`, hint: '每次服务至少要达到起算时长；不足的记录请删除或改为“驳回”。' },
  'points-required': { message: (a) => `事项“${a.rule}”是酌情给分，必须填写分值（${a.min} 至 ${a.max}）。`, hint: '在“分值”中填写分数。' },
  'points-out-of-range': { message: (a) => `分值 ${a.points} 超出事项“${a.rule}”的范围 ${a.min} 至 ${a.max}。`, hint: '填写范围内的分值。' },
  'points-mismatch': { message: (a) => `分值 ${a.points} 与事项“${a.rule}”的规定分值 ${a.expected} 不符。`, hint: '固定分值的事项可以不填分值；填写时必须与规定一致。' },
  'reviewer-required': { message: () => '已核实的记录必须填写审核人。', hint: '填写审核人姓名；尚未审核的记录把状态写成“待审核”。' },
  'duplicate-assessment': { message: (a) => `${a.id} 在 ${a.period} 的评分已在 ${a.first} 填写过。`, hint: '每个对象每个周期只填一行评分。' },
  'assessment-column-unknown': { message: (a) => `列“${a.header}”不是方案“${a.scheme}”的评定类别。可用：${a.accepted}。`, hint: '评分表的分数列必须是方案中标注 assessed: true 的类别。' },
  'assessment-column-missing': { message: (a) => `方案“${a.scheme}”的评定类别“${a.category}”在表头中没有对应的列。`, hint: '在表头加上这一列。' },
  'assessment-out-of-range': { message: (a) => `${a.category} 的分数 ${a.value} 超出范围 ${a.min} 至 ${a.max}。`, hint: '填写范围内的分数。' },
  'period-kind-mismatch': { message: (a) => `周期“${a.period}”与方案“${a.scheme}”的周期（${a.expected}）不符。`, hint: '年度方案写 2022，季度方案写 2022-Q3，月度方案写 2022-10。' },
  'duplicate-item-price': { message: (a) => `商品“${a.id}”在 ${a.from} 已有一个价格（${a.first}）。`, hint: '同一商品的多行价格必须有不同的生效日期。' },
  'item-name-changed': { message: (a) => `商品“${a.id}”在不同行的名称不一致（“${a.first}”与“${a.name}”）。`, hint: '同一编号的商品名称保持一致。' },
  'unknown-item': { message: (a) => `找不到商品“${a.id}”。${a.suggest ?? ''}`, hint: '商品在 data/shop/items.csv 中定义。' },
  'scheme-not-redeemable': { message: (a) => `方案“${a.id}”不可兑换（redeemable 不是 true）。`, hint: '只有可兑换方案的积分能在积分超市使用。' },
  'no-price-on-date': { message: (a) => `商品“${a.id}”在 ${a.date} 还没有生效的价格。`, hint: '检查日期，或 items.csv 中的生效日期。' },
  'redemption-no-scheme': { message: (a) => `对象 ${a.id} 不属于任何可兑换的方案，不能兑换。`, hint: '检查对象编号。' },
  'redemption-scheme-ambiguous': { message: (a) => `对象 ${a.id} 属于多个可兑换方案（${a.schemes}），请在“方案”一列注明用哪个方案的积分。`, hint: '填写方案编号。' },
  'redemption-item-scheme': { message: (a) => `商品“${a.item}”只收方案“${a.expected}”的积分，本行用的是“${a.scheme}”。`, hint: '检查方案或商品。' },
  'redemption-points-mismatch': { message: (a) => `积分 ${a.points} 与当日价格 ${a.price} × 数量 ${a.quantity} = ${a.expected} 不符。`, hint: '积分可以不填；填写时必须等于当日价格乘以数量。' },
  'redemption-over-balance': { message: (a) => `${a.id} 在 ${a.date} 的余额只有 ${a.balance} 分，兑换需要 ${a.points} 分，还差 ${a.shortfall} 分。`, hint: '检查兑换日期和数量，或是否有积分记录漏录。' },
  'redemption-over-stock': { message: (a) => `商品“${a.item}”在 ${a.date} 的库存只有 ${a.stock}，兑换数量 ${a.quantity}，还差 ${a.shortfall}。`, hint: '检查兑换数量，或在 stock.csv 中补录入库。' },
  'stock-below-zero': { message: (a) => `商品“${a.item}”在 ${a.date} 的库存会变成 ${a.stock}，不能小于 0。`, hint: '检查出库或盘点数量。' },
  'frontmatter-invalid': { message: (a) => `文章开头的设置（front matter）有误：${a.reason}`, hint: '对照 docs/editors.md 中的文章设置说明修改。' },
  'mdx-unsafe': { message: (a) => `文章中不允许使用 ${a.what}。`, hint: '只能使用普通 Markdown 和项目提供的数据组件（如 <Ranking scheme="party" period="2022" />）。' },
  'unknown-honor-subject': { message: (a) => `找不到荣誉对象“${a.id}”。`, hint: '对象必须是 units、people、households 或 merchants 中的编号。' },
  // Warnings
  'base-url-example': { message: (a) => `网站地址 baseUrl 还是示例地址“${a.url}”：海报、价签和电视上的每个二维码都会指向这个地址，扫出来打不开。`, hint: '在 data/site.yaml 中把 baseUrl 改成公示栏网站的真实地址，例如 https://jifen.xxjd.gov.cn/。' },
  'assessment-missing': { message: (a) => `${a.id} 在 ${a.period} 没有“${a.category}”的评分，按 0 分计算。`, hint: '补填评分表，或确认确实没有评分。' },
  'missing-glyph': { message: (a) => `“${a.value}”中的 ${a.chars} 在海报字体中没有，海报上会印成 〓。`, hint: '服务器上安装 fonts-hanazono（收录生僻字），或与当事人确认可用的常用字。' },
  'lost-character': { message: (a) => `“${a.value}”中有问号，可能是 Excel 保存为 GBK 时丢失了生僻字。`, hint: '用“CSV UTF-8”格式重新保存，或手工改正这个字。' },
} satisfies Record<string, Entry>;

export type ErrorCode = keyof typeof entries;

// The cells and the shop name their problems without importing the catalogue (schema and
// domain import nothing above them); these lines fail to compile if one names a code not here.
type Within<T extends ErrorCode> = T;
export type KnownCodes = Within<CellErrorCode> | Within<ShopViolationCode>;

/** One located problem, as `npm run check -- --format json` prints it. */
export interface DataIssue {
  /** Path relative to the project root, with forward slashes. */
  file: string;
  /** Physical line in the file; the header is line 1. 0 when the problem is the whole file. */
  line: number;
  /** 1-based column; 0 when the problem is the whole row or file. */
  column: number;
  /** The column's header as the editor wrote it, or a settings path. */
  field: string;
  /** In an Excel workbook: the sheet the line and column are in. */
  sheet?: string;
  code: ErrorCode;
  /** Chinese message with a hint, followed by the English code. */
  message: string;
}

export function describe(code: ErrorCode, args: Args = {}): string {
  const entry: Entry = entries[code];
  const message = entry.message(args);
  return `${message}${/[。！？]$/.test(message) ? '' : '。'}${entry.hint}`;
}

export function isKnownCode(code: string): code is ErrorCode {
  return code in entries;
}

/** Collects errors and warnings from every file, so one run reports everything. */
export class Problems {
  readonly errors: DataIssue[] = [];
  readonly warnings: DataIssue[] = [];
  /** Per file: a column's Chinese header → its 1-based position and the header as written. */
  private readonly columns = new Map<string, Map<string, { column: number; header: string }>>();

  /** Remembers where a file's columns are, so later checks can point at the right column. */
  registerColumns(file: string, columns: Map<string, { column: number; header: string }>): void {
    this.columns.set(file, columns);
  }

  /** Where a file's columns are, as registered (sent along when another thread read the file). */
  columnsOf(file: string): Map<string, { column: number; header: string }> | undefined {
    return this.columns.get(file);
  }

  /** Takes in what another thread found reading one file. */
  absorb(file: string, errors: DataIssue[], warnings: DataIssue[], columns: Map<string, { column: number; header: string }>): void {
    // One by one: a file with a hundred thousand errors would overflow a spread call.
    for (const e of errors) this.errors.push(e);
    for (const w of warnings) this.warnings.push(w);
    if (columns.size > 0) this.columns.set(file, columns);
  }

  error(at: Place, code: ErrorCode, args?: Args): void {
    this.errors.push(issue(this.locate(at), code, args));
  }

  warn(at: Place, code: ErrorCode, args?: Args): void {
    this.warnings.push(issue(this.locate(at), code, args));
  }

  private locate(at: Place): Place {
    if (at.column || !at.field) return at;
    const known = this.columns.get(at.file)?.get(at.field);
    return known ? { ...at, column: known.column, field: known.header } : at;
  }

  /** Errors and warnings sorted by file, line and column, for stable reports. */
  sorted(): { errors: DataIssue[]; warnings: DataIssue[] } {
    return { errors: sortIssues(this.errors), warnings: sortIssues(this.warnings) };
  }
}

/** Where a problem is: a file, a line, and optionally a column and its header. */
export interface Place {
  file: string;
  line: number;
  column?: number;
  field?: string;
}

function issue(at: Place, code: ErrorCode, args?: Args): DataIssue {
  return {
    file: at.file,
    line: at.line,
    column: at.column ?? 0,
    field: at.field ?? '',
    code,
    message: describe(code, args),
  };
}

export function sortIssues(list: DataIssue[]): DataIssue[] {
  return [...list].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.column - b.column ||
      (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
}
