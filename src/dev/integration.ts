/**
 * `npm run dev` for editors: the preview follows the data as it is edited, and a data error
 * replaces every page with the check's report (file, line, column, message) instead of a
 * stack trace. Fixing the file brings the board back by itself.
 */
import type { AstroIntegration } from 'astro';
import type { ViteDevServer } from 'vite';
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { IncomingMessage } from 'node:http';
import type { Report } from '../check/report.ts';
import { buildSettings, processSlot } from '../build/context.ts';


export default function devPreview(): AstroIntegration {
  return {
    name: 'points-board-dev',
    hooks: {
      'astro:server:setup': ({ server, logger }) => {
        const root = buildSettings().root;
        const watched = [join(root, 'data'), join(root, 'content')];
        server.watcher.add(watched);
        let report: Report | null | undefined;
        let stamp = dataStamp(watched);
        // Forget the board and every module that read it; the next request computes it again.
        const forget = () => {
          processSlot('board').forget();
          processSlot('changes').forget();
          report = undefined;
          invalidate(server);
        };
        let reload: ReturnType<typeof setTimeout> | undefined;
        let dirty = false;
        server.watcher.on('all', (_event, path) => {
          if (!watched.some((dir) => resolve(path) === dir || resolve(path).startsWith(dir + sep))) return;
          dirty = true;
          logger.info(`${relative(root, path)} 已修改，重新检查数据 (data changed, checking again)`);
          // An editor's save can arrive as several events (truncate, then write): the open
          // pages reload once it has settled.
          clearTimeout(reload);
          reload = setTimeout(() => server.ws.send({ type: 'full-reload', path: '*' }), 150);
        });
        server.middlewares.use(async (req, res, next) => {
          if (isViteOwn(req)) return next();
          // Any request the board answers (pages, /api/, /version.json, TV pictures) first
          // looks at the files themselves as well as the watcher's events: a save seen
          // half-written, or an event the watcher folded into another, never leaves a stale
          // board behind.
          const now = dataStamp(watched);
          if (dirty || now !== stamp) {
            dirty = false;
            stamp = now;
            forget();
          }
          if (!wantsPage(req)) return next();
          if (report === undefined) {
            const { checkProject } = await import('../check/check.ts');
            const sorted = checkProject(root).problems.sorted();
            report = sorted.errors.length > 0 ? sorted : null;
          }
          if (report === null) return next();
          const { errorPage } = await import('./error-page.ts');
          res.statusCode = 500;
          res.setHeader('Content-Type', 'text/html; charset=utf-8');
          res.end(errorPage(report));
        });
      },
    },
  };
}

/** Every file under the watched folders with its size, times and inode. */
function dataStamp(dirs: string[]): string {
  const parts: string[] = [];
  const walk = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else {
        try {
          const st = statSync(path);
          parts.push(`${path}\u0000${st.size}\u0000${st.mtimeMs}\u0000${st.ctimeMs}\u0000${st.ino}`);
        } catch {
          // removed while walking: the next request sees it gone
        }
      }
    }
  };
  for (const dir of dirs) walk(dir);
  return parts.sort().join('\n');
}

function invalidate(server: ViteDevServer): void {
  for (const env of Object.values(server.environments)) env.moduleGraph.invalidateAll();
}

/** Vite's own requests: its client, modules, scripts and styles. */
function isViteOwn(req: IncomingMessage): boolean {
  return /^\/(@|_astro\/|node_modules\/|src\/)/.test(req.url ?? '/');
}

/** A page the reader asked for, not a script, style or Vite's own request. */
function wantsPage(req: IncomingMessage): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (isViteOwn(req)) return false;
  return (req.headers.accept ?? '').includes('text/html');
}
