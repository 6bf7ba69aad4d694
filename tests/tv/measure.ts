/**
 * Measures every slide of the page, shown one by one, inside the browser
 * (`page.evaluate(measureSlides)`): the problems found, none when the slides keep the brief:
 * no overflow, all text in the title-safe area, nothing cut or overlapping, body text at least
 * 40 px at 1080p. A text's box is
 * its line, narrowed to one em around the line's middle: the glyphs, not the font's ascent and
 * descent (CJK fonts reach far above and below their glyphs).
 */
export function measureSlides(): string[] {
  const W = window.innerWidth;
  const H = window.innerHeight;
  const k = Math.min(W, H) / 1080;
  // The 90 % title-safe area, less the 8 px (at 1080p) the anti-burn-in shift may move the picture.
  const safe = { left: W * 0.05 + 8 * k, right: W * 0.95 - 8 * k, top: H * 0.05 + 8 * k, bottom: H * 0.95 - 8 * k };
  const problems: string[] = [];
  for (const el of [document.documentElement, document.body]) {
    if (getComputedStyle(el).overflow !== 'hidden') problems.push(`${el.tagName} may show scrollbars`);
  }
  const stage = document.getElementById('stage')!;
  const slides = Array.from(document.querySelectorAll<HTMLElement>('.slide'));
  for (const slide of slides) {
    for (const s of slides) s.classList.toggle('is-active', s === slide);
    const body = slide.querySelector<HTMLElement>('.body')!;
    if (body.scrollHeight > body.clientHeight + 1 || body.scrollWidth > body.clientWidth + 1) {
      problems.push(`${slide.id}: content overflows (${body.scrollWidth}×${body.scrollHeight} in ${body.clientWidth}×${body.clientHeight})`);
    }
    const boxes: { what: string; left: number; right: number; top: number; bottom: number }[] = [];
    const walker = document.createTreeWalker(stage, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent!.trim();
      const el = n.parentElement!;
      if (!text || getComputedStyle(el).visibility !== 'visible') continue;
      const what = `${slide.id}: “${text.slice(0, 24)}”`;
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < 40 * k - 0.01) problems.push(`${what} is ${size}px`);
      const clip = el.closest('[data-clip]');
      const range = document.createRange();
      range.selectNodeContents(n);
      const rects = clip ? [clip.getBoundingClientRect()] : Array.from(range.getClientRects());
      for (const rect of rects) {
        const middle = (rect.top + rect.bottom) / 2;
        const box = clip ? { what, left: rect.left, right: rect.right, top: rect.top, bottom: rect.bottom } : { what, left: rect.left, right: rect.right, top: middle - size / 2, bottom: middle + size / 2 };
        if (box.left < safe.left - 0.5 || box.right > safe.right + 0.5 || box.top < safe.top - 0.5 || box.bottom > safe.bottom + 0.5) {
          problems.push(`${what} leaves the safe area (${Math.round(box.left)},${Math.round(box.top)})–(${Math.round(box.right)},${Math.round(box.bottom)})`);
        }
        boxes.push(box);
      }
      if (!clip) {
        for (let a: HTMLElement | null = el; a && a !== stage; a = a.parentElement) {
          if (a.scrollWidth > a.clientWidth + 1 && getComputedStyle(a).overflowX !== 'visible') {
            problems.push(`${what} is cut`);
            break;
          }
        }
      }
    }
    // No two texts run into each other (the note and the footer, a title and the clock, rows).
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        if (a.what === b.what) continue;
        if (Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1) problems.push(`${a.what} overlaps ${b.what}`);
      }
    }
  }
  return problems;
}
