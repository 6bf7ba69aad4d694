/**
 * One thread for libuv's file work during `npm run build`, imported first so that it is set
 * before anything has queued any (libuv reads it once, when its pool starts). Astro writes each
 * page with asynchronous calls (a folder, then the page and its copy for the incremental cache:
 * some 100,000 calls for a street), which libuv runs on a pool of four threads by default. On a
 * 2-core runner those four took turns with the build's own thread, which renders the pages.
 * A street's pages-only build, 4 runs each, alternated: one thread 0.97× the wall time of four,
 * and 0.97× that of two. A value set outside is kept.
 */
process.env.UV_THREADPOOL_SIZE ??= '1';
