/**
 * `npm run templates [-- --out DIR]`: blank data files for editors, one per file of the
 * contract, with Chinese headers and one example row. CSV files are UTF-8 with BOM and CRLF,
 * so Excel and WPS open them with the Chinese intact. Default folder: public/templates/, so
 * the site offers them for download at /templates/. The example rows fit together: copied
 * into data/, they pass `npm run check`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tables } from '../schema/tables.ts';
import { TEMPLATE_FILES } from '../view/routes.ts';

const EXAMPLES: Record<keyof typeof tables, string[][]> = {
  units: [['JD01', '示例街道', '街道', ''], ['SQ01', '示例社区', '社区', 'JD01']],
  people: [['P001', '张示例', 'SQ01', '党员', 'H001', '2022-01-01', '']],
  households: [['H001', '示例小区1-1-101', 'SQ01', 'P001']],
  merchants: [['M001', '示例便利店', 'SQ01']],
  rules: [['C01', 'credit', '文明行为', '参加志愿活动', '20', '', '', '次', '', '', '', '否', '']],
  ledger: [['2022-01-06', 'H001', 'C01', '', '1', '清理楼道', '', '李审核', '已核实']],
  assessments: [['2022', 'party', 'P001', '评议小组']],
  items: [['G01', '洗洁精', '20', '实物', '瓶', '2022-01-01', '']],
  stock: [['2022-01-01', 'G01', '10', '首批入库', '王经办']],
  redemptions: [['2022-01-10', 'H001', 'G01', '1', '20', 'credit', '王经办']],
  honors: [['2022-01', 'M001', '流动红旗', '']],
};

/** Where each table's template goes, relative to the data folder (and under /templates/ on the site). */
const PATHS: Record<keyof typeof tables, string> = TEMPLATE_FILES;

const SITE = `# 网站设置 (site settings)
name: 示例街道积分公示栏
organiser: 示例街道党工委
baseUrl: https://example.org/
phone: 0000-0000000
maskNames: true
locale: zh-CN
`;

const SCHEMES = `# 积分方案 (scoring schemes)
- id: party
  name: 党员积分
  subject: person
  roles: [党员, 预备党员]
  period: year
  categories:
    - { id: 基础分, start: 65, min: 0, max: 65 }
    - { id: 加分项, max: 15 }
    - { id: 民主评议, max: 20, assessed: true }
  levels:
    - { name: 优秀, min: 90 }
    - { name: 合格, min: 60 }
    - { name: 不合格, min: 0 }
  vetoLevel: 不合格
- id: credit
  name: 家庭信义积分
  subject: household
  period: month
  redeemable: true
  categories:
    - { id: 文明行为, min: 0 }
`;

/** A CSV cell, quoted when it holds a comma, quote or line break. */
const cell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export function writeTemplates(out: string): string[] {
  const written: string[] = [];
  const put = (rel: string, text: string, bom: boolean) => {
    const file = join(out, rel);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, (bom ? '\uFEFF' : '') + text);
    written.push(rel);
  };
  for (const key of Object.keys(tables) as (keyof typeof tables)[]) {
    const headers = Object.values(tables[key].columns).map((c) => c.zh);
    if (key === 'assessments') headers.splice(3, 0, '民主评议');
    const rows = EXAMPLES[key].map((r) => (key === 'assessments' ? [...r.slice(0, 3), '18', r[3]!] : r));
    put(PATHS[key], [headers, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n', true);
  }
  put('site.yaml', SITE, false);
  put('schemes.yaml', SCHEMES, false);
  return written;
}

if (import.meta.main) {
  const i = process.argv.indexOf('--out');
  const out = resolve(i === -1 ? 'public/templates' : process.argv[i + 1]!);
  const files = writeTemplates(out);
  process.stdout.write(`已生成 ${files.length} 个模板文件 (templates written) → ${out}\n${files.map((f) => `  ${f}`).join('\n')}\n`);
}
