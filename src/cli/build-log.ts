/**
 * What the build's last line says it made, read off Astro's log as it goes by: pages and the
 * time they took, posters and their pages, TV pictures.
 */
export interface BuildFigures {
  pages: number;
  seconds: number;
  posters: number;
  posterPages: number;
  pictures: number;
}

export const noFigures = (): BuildFigures => ({ pages: 0, seconds: 0, posters: 0, posterPages: 0, pictures: 0 });

/** Takes what `line` (one line of the log, colour codes removed) says into `figures`. */
export function readFigures(figures: BuildFigures, line: string): void {
  let m: RegExpExecArray | null;
  // "built in 49.09s", or past a minute "built in 1m 4s".
  if ((m = /\[build\] (\d+) page\(s\) built in (?:(\d+)m )?([\d.]+)s/.exec(line))) {
    figures.pages = Number(m[1]);
    figures.seconds = Math.round((Number(m[2] ?? 0) * 60 + Number(m[3])) * 10) / 10;
  }
  if ((m = /(\d+) posters, (\d+) pages/.exec(line))) [figures.posters, figures.posterPages] = [Number(m[1]), Number(m[2])];
  if ((m = /TV pictures: .*; (\d+) files/.exec(line))) figures.pictures = Number(m[1]);
}
