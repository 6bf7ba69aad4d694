/**
 * The posters' own fixed words, zh-CN first and en complete. Everything else on a poster is
 * the caller's text, already in the poster's language.
 */
export type PosterLocale = 'zh-CN' | 'en';

const zh = {
  'page.label': '第 {page} 页 / 共 {pages} 页',
  'table.continued': '（续表）',
  'qr.caption': '扫码查看详情',
  'footer.dataVersion': '数据版本',
  'footer.date': '发布日期',
  'index.title': '公示海报打印文件',
  'index.intro': '以下 PDF 文件可直接打印，无需修改。尺寸为裁切后的成品尺寸（TrimBox）；带出血的文件四边各有出血（BleedBox），出血外另有放裁切标记的空白（MediaBox）。不带出血的文件四边留白，办公打印机可直接打印。',
  'index.file': '文件',
  'index.size': '尺寸',
  'index.pages': '页数',
  'index.bleed': '出血',
  'index.noBleed': '无；四边留白 {margin} 毫米',
  'index.mm': '{width} × {height} 毫米',
  'index.bleedMm': '每边 {bleed} 毫米；其外 {slug} 毫米放裁切标记，纸张 {width} × {height} 毫米',
  'index.group': '{count} 个文件，每个 {size}，{mm}；出血：{bleed}',
  'index.groupPages': '{pages} 页',
} as const;

export type LabelKey = keyof typeof zh;

const en: Record<LabelKey, string> = {
  'page.label': 'Page {page} of {pages}',
  'table.continued': '(continued)',
  'qr.caption': 'Scan for details',
  'footer.dataVersion': 'Data version',
  'footer.date': 'Published',
  'index.title': 'Poster files for printing',
  'index.intro': 'These PDF files print as they are. Sizes are the trimmed size (TrimBox); files with bleed extend beyond it on every side (BleedBox), with a margin beyond that for the crop marks (MediaBox). Files without bleed keep a white margin all round for an office printer.',
  'index.file': 'File',
  'index.size': 'Size',
  'index.pages': 'Pages',
  'index.bleed': 'Bleed',
  'index.noBleed': 'none; {margin} mm white margin all round',
  'index.mm': '{width} × {height} mm',
  'index.bleedMm': '{bleed} mm each side; crop marks {slug} mm beyond it, on a {width} × {height} mm sheet',
  'index.group': '{count} files, each {size}, {mm}; bleed: {bleed}',
  'index.groupPages': '{pages} p.',
};

const catalogue: Record<PosterLocale, Record<LabelKey, string>> = { 'zh-CN': zh, en };

/**
 * A fixed label in a locale, with `{name}` placeholders filled in.
 *
 * @example label('zh-CN', 'page.label', { page: 2, pages: 5 }) // '第 2 页 / 共 5 页'
 */
export function label(locale: PosterLocale, key: LabelKey, args: Record<string, string | number> = {}): string {
  return catalogue[locale][key].replace(/\{(\w+)\}/g, (_, name: string) => String(args[name] ?? `{${name}}`));
}

/** Every label of a locale, for the font check (each character must have a glyph). */
export function allLabels(locale: PosterLocale): string[] {
  return Object.values(catalogue[locale]);
}
