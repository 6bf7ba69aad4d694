/** The latest stories on the TV. */
import type { Board } from '../../view/board.ts';
import { pageNote, pages, type Fmt, type TvSlide } from '../model.ts';

const STORIES_PER_SLIDE = 2;
const NEWS_SLIDES = 3;

/** The latest stories: headline, date and unit, summary. */
export function newsSlides(board: Board, f: Fmt): TvSlide[] {
  const { t } = f;
  const chunks = pages(board.news.slice(0, STORIES_PER_SLIDE * NEWS_SLIDES), STORIES_PER_SLIDE);
  return chunks.map((list, i) => ({
    id: `news-${i + 1}`,
    kind: 'news',
    title: t('home.news'),
    note: pageNote(f, i + 1, chunks.length),
    stories: list.map((n) => {
      const unit = n.unit ? board.units.get(n.unit)?.name : undefined;
      return { title: n.title, meta: [f.date(n.date), unit].filter(Boolean).join(' · '), summary: n.summary };
    }),
  }));
}
