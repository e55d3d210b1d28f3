'use client';

import { type ReactNode, useEffect, useRef, useState } from 'react';
import styles from './data-table.module.css';

/**
 * A box that scrolls its content sideways rather than the page. While it does scroll, it is a
 * named region that takes keyboard focus, so a keyboard alone can scroll it (axe rule
 * `scrollable-region-focusable`); while its content fits, it is a plain box and no extra tab stop.
 */
export function ScrollBox({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [isScrollable, setIsScrollable] = useState(false);
  useEffect(() => {
    const box = ref.current;
    if (!box) return;
    const check = () => setIsScrollable(box.scrollWidth > box.clientWidth + 1);
    check();
    const observer = new ResizeObserver(check);
    observer.observe(box);
    if (box.firstElementChild) observer.observe(box.firstElementChild);
    return () => observer.disconnect();
  }, []);
  const region = isScrollable ? { role: 'region', 'aria-label': label, tabIndex: 0 } : {};
  return (
    <div ref={ref} className={styles.scroll} data-scrollable={isScrollable || undefined} {...region}>
      {children}
    </div>
  );
}
