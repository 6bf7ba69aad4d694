/**
 * The TV's screens: the default one at /tv/ and each of site.yaml's `tv.screens`, with their
 * slides in playing order, computed once per build from the view model. The pages print
 * them (`src/components/tv/`), the PNG renderer draws them (`png.ts`).
 */
import type { Board } from '../board.ts';
import type { Site } from '../data/settings.ts';
import { DEFAULT_PLAYLIST, formatters, pages, type TvChrome, type TvKind, type TvScreen, type TvSlide } from './model.ts';
import { rankingSlides, starSlides } from './kinds/rankings.ts';
import { noticeSlide } from './kinds/notices.ts';
import { shopSlides, priceSlides } from './kinds/shop.ts';
import { honorSlides } from './kinds/honors.ts';
import { newsSlides } from './kinds/news.ts';

export * from './model.ts';
export { leadParagraph } from './kinds/notices.ts';

/** The fixed words of the slideshow for a board. */
export function tvChrome(board: Board): TvChrome {
  const { t } = formatters(board.site.locale);
  return {
    locale: board.site.locale,
    siteName: board.site.name,
    phone: board.site.phone ? `${t('footer.phone')} ${board.site.phone}` : '',
    version: `${t('footer.version')} ${board.version.id}`,
    dateFormat: t('tv.clock.date'),
    weekdays: t('tv.clock.weekdays').split(','),
    months: t('tv.clock.months').split(','),
  };
}

/**
 * Every screen of the site: the default one at /tv/ with the whole playlist, then each screen
 * of `site.yaml`'s `tv.screens`.
 *
 * @example tvScreens(board).map((s) => s.path) // ['/tv/', '/tv/hall/']
 */
export function tvScreens(board: Board): TvScreen[] {
  const tv: Site['tv'] = board.site.tv;
  const all = slidesByKind(board);
  const idle = idleSlide(board);
  const screen = (id: string | undefined, playlist: readonly TvKind[], seconds: number, orientation: TvScreen['orientation'], top: number | undefined): TvScreen => ({
    id,
    path: id ? `/tv/${id}/` : '/tv/',
    seconds,
    orientation,
    playlist: [...playlist],
    slides: playlist.flatMap((kind) => all(kind, top)),
    idle,
  });
  return [
    screen(undefined, DEFAULT_PLAYLIST, tv.slideSeconds, 'landscape', cutAt(tv.rankingTop)),
    ...(tv.screens ?? []).map((s) => screen(s.id, s.playlist ?? DEFAULT_PLAYLIST, s.slideSeconds ?? tv.slideSeconds, s.orientation, cutAt(s.rankingTop ?? tv.rankingTop))),
  ];
}

/** The rank a ranking is cut at on a screen: none for `all` or no setting. */
const cutAt = (top: Site['tv']['rankingTop']): number | undefined => (top === 'all' ? undefined : top);

const screenCache = new WeakMap<Board, TvScreen[]>();
/** `tvScreens`, computed once per board: the pages and the pictures of a build share it. */
export function screensOf(board: Board): TvScreen[] {
  let screens = screenCache.get(board);
  if (!screens) screenCache.set(board, (screens = tvScreens(board)));
  return screens;
}

/**
 * The slides of a screen as pictures for a TV without a browser: a picture cannot count the
 * days, so a notice is kept while it has not ended by the data's date, and says its period
 * instead of the days left. Never empty: the idle slide stands in for none.
 */
export function pictureSlides(screen: TvScreen, board: Board): TvSlide[] {
  const slides = screen.slides
    .filter((s) => !s.window || s.window.end >= board.version.date)
    .map((s) => (s.notice ? { ...s, notice: { ...s.notice, daysLeft: '' } } : s));
  return slides.length > 0 ? slides : [screen.idle];
}

/**
 * Every kind's slides, built once and shared by the screens; the rankings once for each
 * `rankingTop` a screen asks for.
 */
function slidesByKind(board: Board): (kind: TvKind, top: number | undefined) => TvSlide[] {
  const f = formatters(board.site.locale);
  const latest = board.schemes.filter((s) => s.latest).map((s) => board.result(s.id, s.latest!)!);
  const kinds: Record<Exclude<TvKind, 'ranking'>, TvSlide[]> = {
    stars: latest.filter((r) => r.scheme.isStarRating).flatMap((r) => starSlides(r, f)),
    notices: board.notices.map((n) => noticeSlide(n, f)),
    shop: shopSlides(board, f),
    prices: priceSlides(board, f),
    honors: honorSlides(board.honors, f),
    news: newsSlides(board, f),
  };
  const rankings = new Map<number | undefined, TvSlide[]>();
  return (kind, top) => {
    if (kind !== 'ranking') return kinds[kind];
    let slides = rankings.get(top);
    if (!slides) rankings.set(top, (slides = latest.filter((r) => !r.scheme.isStarRating).flatMap((r) => rankingSlides(r, f, top))));
    return slides;
  };
}


function idleSlide(board: Board): TvSlide {
  const { t } = formatters(board.site.locale);
  return { id: 'idle', kind: 'idle', title: board.site.name, note: board.site.organiser, message: t('tv.idle') };
}

/**
 * Slides the page of a screen carries itself: the first ones, so the TV shows a slide as
 * soon as the page, its stylesheet and its script are in. The rest come in parts of
 * `PART_SLIDES`, fetched by the player after the first slide is up (a street-scale screen
 * has a thousand slides: several megabytes in one page).
 */
export const PAGE_SLIDES = 2;
export const PART_SLIDES = 10;

/** One part of a screen's slides, fetched by the player: its address and its slides. */
export interface TvPart {
  /** The part's number (1-based) within its screen. */
  n: number;
  /** /tv/parts/1/ or /tv/<screen>/parts/1/ */
  path: string;
  slides: TvSlide[];
}

/** The slides a screen's page carries, and the parts the player fetches after it. */
export function splitScreen(screen: TvScreen): { first: TvSlide[]; parts: TvPart[] } {
  const rest = pages(screen.slides.slice(PAGE_SLIDES), PART_SLIDES);
  return {
    first: screen.slides.slice(0, PAGE_SLIDES),
    parts: rest.map((slides, i) => ({ n: i + 1, path: `${screen.path}parts/${i + 1}/`, slides })),
  };
}

/**
 * What the player must know of the parts before it has them, to count the slides of a loop:
 * the address (with the data version, so a kept copy is never taken for a newer build's), the
 * number of slides, and the days of the slides shown only on some days.
 *
 * @example partIndex(parts, 'e38605b0dd70') // [{ href: '/tv/parts/1/?v=e38605b0dd70', n: 10, w: [] }]
 */
export function partIndex(parts: TvPart[], version: string): { href: string; n: number; w: [string, string][] }[] {
  return parts.map((p) => ({
    href: `${p.path}?v=${version}`,
    n: p.slides.length,
    w: p.slides.flatMap((s): [string, string][] => (s.window ? [[s.window.start, s.window.end]] : [])),
  }));
}
