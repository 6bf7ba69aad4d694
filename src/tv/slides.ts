/**
 * The TV's screens: the default one at /tv/ and each of site.yaml's `tv.screens`, with their
 * slides in playing order, computed once per build from the view model. The pages print
 * them (`src/components/tv/`), the PNG renderer draws them (`png.ts`).
 */
import type { Board } from '../view/board.ts';
import type { Site } from '../schema/settings.ts';
import { DEFAULT_PLAYLIST, DEFAULT_RANKING_TOP, formatters, pages, type TvChrome, type TvKind, type TvQr, type TvScreen, type TvSlide } from './model.ts';
import { absoluteUrl, rankingPath, shortAddress, tvPath } from '../view/routes.ts';
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
    path: tvPath(id),
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

/** The rank a ranking is cut at on a screen: none for `all`, the top ten when not set. */
const cutAt = (top: Site['tv']['rankingTop']): number | undefined => (top === 'all' ? undefined : (top ?? DEFAULT_RANKING_TOP));

/** Honour slides a period may take on a screen that cuts its rankings (the rest: one line and the QR). */
const HONOR_SLIDES = 2;

/** A QR code to a page of the site, with its caption. */
function qrTo(board: Board, path: string, caption: string): TvQr {
  const url = absoluteUrl(board.site.baseUrl, path);
  return { url, caption, address: shortAddress(url) };
}

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
  const kinds: Record<Exclude<TvKind, 'ranking' | 'honors'>, TvSlide[]> = {
    stars: latest.filter((r) => r.scheme.isStarRating).flatMap((r) => starSlides(r, f)),
    notices: board.notices.map((n) => noticeSlide(n, f)),
    shop: shopSlides(board, f),
    prices: priceSlides(board, f),
    news: newsSlides(board, f),
  };
  const byTop = new Map<string, TvSlide[]>();
  const once = (key: string, make: () => TvSlide[]) => {
    let slides = byTop.get(key);
    if (!slides) byTop.set(key, (slides = make()));
    return slides;
  };
  return (kind, top) => {
    if (kind === 'ranking') {
      return once(`ranking-${top}`, () =>
        latest.filter((r) => !r.scheme.isStarRating).flatMap((r) => rankingSlides(r, f, top, qrTo(board, rankingPath(r.scheme.id, r.period), f.t('tv.qr.ranking')))),
      );
    }
    if (kind === 'honors') {
      // A screen that plays every ranking row plays every honour too. No QR code here: the
      // table needs the width for the names (a household's door number is how it knows itself).
      const brief = top === undefined ? undefined : { slides: HONOR_SLIDES };
      return once(`honors-${brief !== undefined}`, () => honorSlides(board.honors, f, brief));
    }
    return kinds[kind];
  };
}

/** A day with nothing to play: the board's name, the clock (the page's own) and a QR code to the site. */
function idleSlide(board: Board): TvSlide {
  const { t } = formatters(board.site.locale);
  // The board's name is the line above the title already.
  return { id: 'idle', kind: 'idle', title: board.site.organiser, qr: qrTo(board, '/', t('tv.qr.site')) };
}

/**
 * How long one loop of a screen plays on a given day, in seconds: every slide on that day
 * once, and a notice in its period again after every `NOTICE_EVERY` other slides, as the
 * player plays it (public/tv/tv.js).
 */
export function loopSeconds(screen: TvScreen, day: string): number {
  const notices = screen.slides.filter((s) => s.window && s.window.start <= day && day <= s.window.end).length;
  const others = screen.slides.filter((s) => !s.window).length;
  const repeats = notices > 0 ? Math.max(0, Math.ceil(others / NOTICE_EVERY) - 1) : 0;
  return (Math.max(1, notices + others + repeats)) * screen.seconds;
}

/**
 * A screen's loop on a day without a notice, and on its busiest notice day (the most notices
 * in their period at once: some window's first day), in seconds.
 */
export function loopLengths(screen: TvScreen): { plain: number; longest: number } {
  const plain = loopSeconds(screen, '0000-01-01');
  const starts = screen.slides.flatMap((s) => (s.window ? [s.window.start] : []));
  return { plain, longest: Math.max(plain, ...starts.map((day) => loopSeconds(screen, day))) };
}

/** 5 min 15 s */
export function minutesSeconds(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds % 60);
  return m > 0 ? `${m} min${s > 0 ? ` ${s} s` : ''}` : `${s} s`;
}

/** A notice in its period comes back after this many other slides (the player's NOTICE_EVERY). */
export const NOTICE_EVERY = 5;

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
