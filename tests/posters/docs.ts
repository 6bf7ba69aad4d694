/** Poster documents the tests render: fictional names and figures. */
import type { PosterDoc } from '../../src/posters/index.ts';

const surnames = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
const given = ['建国', '秀英', '志强', '丽华', '海燕', '国庆', '桂兰', '文博', '晓东', '淑珍', '红梅', '德明', '雨桐', '子涵', '振华', '玉兰', '春生', '凤英', '明轩', '佳怡'];
const branches = ['第一党支部', '第二党支部', '第三党支部', '离退休党支部', '非公企业联合党支部'];

/** A ranking of `count` party members, deterministic. */
export function rankingRows(count: number): string[][] {
  const rows: string[][] = [];
  for (let i = 0; i < count; i++) {
    const name = surnames[(i * 7) % surnames.length]! + given[(i * 3) % given.length]!;
    const score = (98.5 - i * 0.25).toFixed(1);
    const level = i < 30 ? '优秀' : i < 250 ? '合格' : '基本合格';
    rows.push([String(i + 1), name, branches[i % branches.length]!, score, level]);
  }
  return rows;
}

export const footer = {
  organiser: '中共示例街道工作委员会',
  phoneLabel: '监督电话',
  phone: '0000-1234567',
  dataVersion: 'v2023.01-a1b2c3d',
  date: '2023-01-05',
  url: 'https://example.org/board/ranking/party-2022',
};

/** The one-page A3 notice: the picture the reference PNG holds. */
export const onePage: PosterDoc = {
  id: 'notice-party-2022',
  size: 'A3',
  bleed: 0,
  locale: 'zh-CN',
  kicker: '中共示例街道工作委员会',
  title: '2022 年度党员积分公示',
  subtitle: '公示期：2023年1月5日至1月11日',
  paragraphs: [
    '根据《党员积分管理办法》，经支部自评、党员互评、群众测评和街道党工委审定，现将 2022 年度党员积分结果予以公示。',
    '公示期间，如对公示内容有异议，请以书面或电话形式向街道党工委反映。反映情况要实事求是，并提供具体事实。',
  ],
  summary: [
    { label: '参评党员', value: '13 人' },
    { label: '优秀', value: '6 人' },
    { label: '合格', value: '5 人' },
    { label: '基本合格', value: '1 人' },
    { label: '不合格', value: '1 人' },
  ],
  table: {
    columns: [
      { label: '排名', align: 'center', width: 0.7 },
      { label: '姓名', width: 1.2 },
      { label: '所在支部', width: 2 },
      { label: '总积分', align: 'right', width: 1 },
      { label: '等次', align: 'center', width: 1 },
    ],
    rows: [
      ...rankingRows(12),
      ['13', '欧阳·阿卜杜热合曼·买买提明', '非公企业联合党支部（示例科技有限公司）', '12345678.25', '不合格'],
    ],
    highlight: [...Array.from({ length: 3 }, () => 'gold' as const), ...Array.from({ length: 9 }, () => null), 'black' as const],
  },
  notes: ['等次划分：90 分及以上为优秀，75 分至 90 分为合格，60 分至 75 分为基本合格，60 分以下或一票否决为不合格。', '本表由积分台账自动计算生成，每一分均可追溯到具体事项、日期和审核人。'],
  footer,
};

/** 300 ranked members on A3 with 3 mm bleed: several pages. */
export const longRanking: PosterDoc = {
  id: 'ranking-party-2022',
  size: 'A3',
  bleed: 3,
  locale: 'zh-CN',
  kicker: '中共示例街道工作委员会',
  title: '2022 年度党员积分排名',
  subtitle: '公示期：2023年1月5日至1月11日',
  table: {
    columns: [
      { label: '排名', align: 'center', width: 0.7 },
      { label: '姓名', width: 1.2 },
      { label: '所在支部', width: 2 },
      { label: '总积分', align: 'right', width: 1 },
      { label: '等次', align: 'center', width: 1 },
    ],
    rows: rankingRows(300),
  },
  notes: ['如有异议，请在公示期内拨打监督电话反映。'],
  footer,
};
