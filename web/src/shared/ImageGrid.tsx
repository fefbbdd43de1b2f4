// Thumbnails of a project's images a page at a time, picked one by one by their checkboxes or many at
// once by dragging across them: the job page's tabs and a batch's images both show images this way.
import { useCallback, useEffect, useRef, useState, type MouseEvent as ReactMouseEvent } from 'react';
import { answer, client, thumbnailUrl, type ImageFilters, type ImageRow } from '../api';

export const imagesPageSize = 100;

/**
 * The images `GET …/images?<filters>` finds, a page at a time. A new `filters` starts again from the
 * first page; a new `version` (counts that changed) reloads as many as are shown, so a page the person
 * opened with "Show more" stays open.
 */
export function usePagedImages(workspace: string, project: string, filters: ImageFilters, version: unknown) {
  // The filters by value, so a new object with the same filters is no new list.
  const filterKey = JSON.stringify(filters);
  const [images, setImages] = useState<ImageRow[] | null>(null);
  /** The cursor of the page after those shown, while there is one. */
  const [more, setMore] = useState<string | null>(null);
  const [error, setError] = useState('');
  const shown = useRef({ filterKey, count: 0 });
  /** Each load takes a number; only the latest may set the list (a reload and "Show more" can overlap). */
  const loads = useRef(0);
  const page = useCallback((after: string | null) => answer(client.GET('/{workspace}/{project}/images', {
    params: { path: { workspace, project }, query: { ...(JSON.parse(filterKey) as ImageFilters), limit: imagesPageSize, ...(after ? { after } : {}) } },
  })), [workspace, project, filterKey]);
  useEffect(() => {
    if (shown.current.filterKey !== filterKey) {
      shown.current = { filterKey, count: 0 };
      setImages(null);
    }
    let stale = false;
    const load = ++loads.current;
    void (async () => {
      const found: ImageRow[] = [];
      let next: string | null = null;
      do {
        const r = await page(next);
        found.push(...r.images);
        next = r.next;
      } while (next && found.length < shown.current.count);
      if (stale || load !== loads.current) return;
      shown.current.count = found.length;
      setImages(found);
      setMore(next);
    })().catch((e: Error) => !stale && setError(e.message));
    return () => {
      stale = true;
    };
  }, [page, filterKey, version]);
  const showMore = async () => {
    try {
      const load = ++loads.current;
      const r = await page(more);
      if (load !== loads.current) return;
      shown.current.count += r.images.length;
      setImages((before) => [...(before ?? []), ...r.images]);
      setMore(r.next);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return { images, more, showMore, error };
}

/** Which of the shown images are picked. */
export function useSelection() {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) => setSelected((s) => {
    const next = new Set(s);
    if (!next.delete(id)) next.add(id);
    return next;
  });
  const add = (ids: string[]) => setSelected((s) => new Set([...s, ...ids]));
  return { selected, setSelected, toggle, add, clear: () => setSelected(new Set()) };
}

export function SelectAll({ images, selection }: { images: ImageRow[]; selection: ReturnType<typeof useSelection> }) {
  return (
    <label className="check">
      <input type="checkbox" checked={images.length > 0 && selection.selected.size === images.length}
        onChange={(e) => selection.setSelected(e.target.checked ? new Set(images.map((i) => i.id)) : new Set())} /> Select all
    </label>
  );
}

export function ImageGrid({ workspace, project, images, selection }: {
  workspace: string; project: string; images: ImageRow[]; selection: ReturnType<typeof useSelection>;
}) {
  const gridRef = useRef<HTMLUListElement | null>(null);
  // Drag across thumbnails to pick them all (the checkboxes are the keyboard's way).
  const startDrag = (down: ReactMouseEvent) => {
    if (down.button !== 0 || (down.target as HTMLElement).tagName === 'INPUT') return;
    down.preventDefault();
    const from = { x: down.clientX, y: down.clientY };
    const onUp = (up: MouseEvent) => {
      window.removeEventListener('mouseup', onUp);
      const box = { left: Math.min(from.x, up.clientX), right: Math.max(from.x, up.clientX), top: Math.min(from.y, up.clientY), bottom: Math.max(from.y, up.clientY) };
      if (box.right - box.left < 5 && box.bottom - box.top < 5) return;
      const hit = [...(gridRef.current?.querySelectorAll<HTMLLIElement>('li[data-image]') ?? [])].filter((li) => {
        const r = li.getBoundingClientRect();
        return r.left < box.right && r.right > box.left && r.top < box.bottom && r.bottom > box.top;
      }).map((li) => li.dataset.image!);
      selection.add(hit);
    };
    window.addEventListener('mouseup', onUp);
  };
  return (
    <ul className="thumbs" aria-label="Images" ref={gridRef} onMouseDown={startDrag}>
      {images.map((im) => (
        <li key={im.id} data-image={im.id}>
          <label>
            <input type="checkbox" checked={selection.selected.has(im.id)} onChange={() => selection.toggle(im.id)} aria-label={`Select ${im.name}`} />
            <img src={thumbnailUrl(workspace, project, im.id)} alt={im.name} width={120} height={Math.round(120 * im.height / Math.max(1, im.width))} loading="lazy" />
            <span className="name">{im.name}</span>
          </label>
        </li>
      ))}
    </ul>
  );
}
