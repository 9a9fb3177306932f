/**
 * Makes horizontally scrolling content reachable by keyboard and distinguishable by screen readers:
 * a wide table becomes a focusable, labelled region; a scrolling code block (which Expressive Code
 * turns into an unlabelled region) gets a unique label. Runs in the browser on guide pages.
 */

/** Labels and focus for every scrolling table and code block inside `root`. */
export function labelScrollRegions(root: ParentNode): void {
  let table = 0;
  for (const el of root.querySelectorAll<HTMLTableElement>('table')) {
    table += 1;
    const scrolls = el.scrollWidth > el.clientWidth + 1;
    if (scrolls && !el.hasAttribute('tabindex')) {
      el.tabIndex = 0;
      el.setAttribute('role', 'region');
      const caption = el.caption?.textContent?.trim();
      const head = [...el.querySelectorAll('thead th')].map((th) => th.textContent?.trim()).filter(Boolean).slice(0, 3);
      el.setAttribute('aria-label', caption || `Table ${table}: ${head.join(', ')} (scrolls sideways)`);
    }
  }
  let code = 0;
  for (const pre of root.querySelectorAll<HTMLPreElement>('.expressive-code pre')) {
    code += 1;
    if (pre.getAttribute('role') !== 'region' || pre.hasAttribute('aria-label')) continue;
    const title = pre.closest('figure')?.querySelector('figcaption .title')?.textContent?.trim();
    pre.setAttribute('aria-label', title ? `Code ${code}: ${title}` : `Code example ${code}`);
  }
}

/** Runs {@link labelScrollRegions} now, after layout changes, and when scripts mark new regions. */
export function watchScrollRegions(root: HTMLElement): void {
  const run = () => labelScrollRegions(root);
  run();
  window.addEventListener('resize', run);
  new MutationObserver(run).observe(root, { subtree: true, attributes: true, attributeFilter: ['role'] });
}
