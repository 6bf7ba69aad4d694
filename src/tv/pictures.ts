/**
 * The PNG slides of a screen as static routes: `/tv/slides/001.png` … for the default screen,
 * `/tv/<screen>/slides/001.png` … for the others, numbered in playing order so a media
 * player that sorts by name shows them in order. The dev preview serves them as routes; the
 * build draws them all alongside the pages (`build.ts`). Loaded by Node itself as well as in
 * the page bundle, so nothing here imports `?raw` sources.
 */
import type { Board } from '../view/board.ts';
import { translator, formatDate } from '../i18n/index.ts';
import { pictureSlides, type TvScreen, type TvSlide } from './slides.ts';
import type { PictureChrome, PictureOptions } from './picture-layout.ts';
import { building, buildSettings } from '../build/context.ts';

export interface PictureRoute {
  params: { n: string; screen?: string };
  props: { slide: TvSlide; chrome: PictureChrome; options: PictureOptions };
}

/** File name of the n-th picture (1-based): 001, 002 … (more digits past 999). */
export function pictureName(n: number, count: number): string {
  return String(n).padStart(Math.max(3, String(count).length), '0');
}

export function pictureChrome(board: Board): PictureChrome {
  const t = translator(board.site.locale);
  return {
    siteName: board.site.name,
    phone: board.site.phone ? `${t('footer.phone')} ${board.site.phone}` : '',
    version: `${t('footer.version')} ${board.version.id}`,
    // A commit's date is the day the data was published; without git, the newest date in the data.
    dateLabel: t(board.version.source === 'git' ? 'tv.published' : 'tv.dataAsOf'),
    date: formatDate(board.site.locale, board.version.date),
  };
}

/**
 * Whether the site has pictures: site.yaml's `tv.pictures: no` leaves them out; so does
 * BOARD_TV_PICTURES=off (measuring the site build alone).
 */
export const picturesWanted = (board: Board): boolean => board.site.tv.pictures && buildSettings().tvPictures;

/**
 * The routes the dev preview serves for a screen's pictures; none in a build, which draws
 * them alongside the pages (src/tv/build.ts).
 */
export function servedPictureRoutes(screen: TvScreen, board: Board): PictureRoute[] {
  return building() ? [] : pictureRoutes(screen, board);
}

/** The routes of a screen's pictures, for `getStaticPaths`. */
export function pictureRoutes(screen: TvScreen, board: Board): PictureRoute[] {
  if (!picturesWanted(board)) return [];
  const slides = pictureSlides(screen, board);
  const chrome = pictureChrome(board);
  return slides.map((slide, i) => ({
    params: { n: pictureName(i + 1, slides.length), ...(screen.id ? { screen: screen.id } : {}) },
    props: { slide, chrome, options: { orientation: screen.orientation } },
  }));
}
