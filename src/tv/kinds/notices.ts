/** Notices in their notice period (公示), as the player shows them on the TV's own date. */
import type { Board } from '../../view/board.ts';
import type { Fmt, TvSlide } from '../model.ts';

/** Chinese characters and full-width punctuation. */
const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/u;

/**
 * The first paragraph of a notice's MDX body as plain text: imports, components and
 * headings are skipped, Markdown emphasis and links are reduced to their words.
 *
 * @example leadParagraph('# 标题\n\n现将**结果**公示如下。') // '现将结果公示如下。'
 */
export function leadParagraph(body: string): string {
  for (const block of body.split(/\n\s*\n/)) {
    const text = block.trim();
    if (text === '' || /^(import|export)\s/.test(text) || /^[<#|>{-]/.test(text)) continue;
    // A line break inside a Chinese sentence joins without a space, as the page shows it.
    return text
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/[*_`]+/g, '')
      .replace(/[ \t]*\n[ \t]*/g, (m: string, at: number, all: string) => (CJK.test(all.charAt(at - 1)) || CJK.test(all.charAt(at + m.length)) ? '' : ' '));
  }
  return '';
}

/** One notice: shown by the player only during its notice period. */
export function noticeSlide(n: Board['notices'][number], f: Fmt): TvSlide {
  const { t } = f;
  const result = n.result;
  return {
    id: `notice-${n.slug}`,
    kind: 'notices',
    title: t('tv.notices.title'),
    note: result ? t(`tv.count.${result.scheme.subject}`, { n: result.rows.length }) : undefined,
    // Counts per level; the level's name says its stars, so no star row: the notice stays short.
    figures: result && result.levels.length > 0 ? result.levels.map(({ level, count }) => ({ label: level.name, value: String(count) })) : undefined,
    notice: {
      title: n.title,
      period: t('notices.period', { start: f.date(n.start), end: f.date(n.end) }),
      daysLeft: t('notices.daysLeft', { n: '{n}' }),
      lead: leadParagraph(n.body),
      contact: n.contact ? t('notices.contact', { contact: n.contact }) : '',
    },
    window: { start: n.start, end: n.end },
  };
}
