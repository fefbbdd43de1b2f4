// The names of a list's images, held in memory so that a name prefix or a sort by name costs no scan
// (the store answers only lookups by _id from an index). Each API process keeps its own copy of a list
// (a project's upload order, a batch's or a job's pages) and brings it up to date on use by reading only
// the pages added since, and again the last one it read, which may have grown: a written position never
// changes, nor does an image's name, so nothing else goes stale. An entry is only a candidate: callers
// still fetch the images by _id and check them as every other filter does.
import type { Models } from '../db/models';

export interface NamedEntry { page: number; offset: number; id: string; name: string }

export interface NamedList {
  /** Where copies of it are kept apart from other lists. */
  key: string;
  pages: number;
  pageId(page: number): string;
  /** Pages by id; `names`, when a page keeps them, is a JSON array beside `imageIds`. */
  read(pageIds: string[]): Promise<{ _id: string; imageIds: string[]; names?: string | null }[]>;
}

interface Copy {
  /** Pages read so far: the last of them is read again, as it may have grown. */
  pages: number;
  /** Ids the last page read held then. */
  lastPageIds: number;
  /** In list order: by page, then offset. */
  entries: NamedEntry[];
  /** Numbered pages not written when read (a writer between its number and its page, or one that crashed there). */
  missing: Set<number>;
  /** Listed ids whose image had no name to read yet (listed before it is inserted). */
  unnamed: { page: number; offset: number; id: string }[];
  /** Entries by name, then id; made again only after the list grew. */
  sorted?: NamedEntry[];
  /** The last refresh, which the next one waits for. */
  refreshed: Promise<void>;
}

const pagesPerRead = 100;
const namesPerRead = 1_000;

/** A name sort's cursor: the entry's name, then its id for equal names. */
export const nameKey = (e: NamedEntry) => `${e.name}\u0000${e.id}`;
/** List order: by page, then offset. */
export const byPosition = (a: { page: number; offset: number }, b: { page: number; offset: number }) => a.page - b.page || a.offset - b.offset;
/** Strings by UTF-16 code units, as `<` compares them: the one order of names, keys and cursors here. */
export const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** The order of `nameKey`, without making the keys. */
const byName = (a: NamedEntry, b: NamedEntry) => compareText(a.name, b.name) || compareText(a.id, b.id);

export class ImageNames {
  /** In the order last used, least recently first (a Map iterates in insertion order). */
  private readonly copies = new Map<string, Copy>();

  /** `maxEntries` bounds the entries held over all lists; the least recently used lists go first. */
  constructor(private readonly models: Models, readonly maxEntries: number) {}

  /** The list's entries in list order, and a view sorted by name; undefined for a list longer than the bound. */
  async of(list: NamedList): Promise<{ entries: NamedEntry[]; byName: () => NamedEntry[] } | undefined> {
    const copy = this.copies.get(list.key) ?? { pages: 0, lastPageIds: 0, entries: [], missing: new Set<number>(), unnamed: [], refreshed: Promise.resolve() };
    this.copies.delete(list.key);
    this.copies.set(list.key, copy);
    // One refresh of a copy at a time: two at once would both add what the list gained.
    const refreshed = copy.refreshed.then(() => this.refresh(copy, list));
    copy.refreshed = refreshed.catch(() => undefined);
    await refreshed;
    if (copy.entries.length > this.maxEntries) {
      this.copies.delete(list.key);
      return undefined;
    }
    let held = 0;
    for (const c of this.copies.values()) held += c.entries.length;
    for (const [key, other] of this.copies) {
      if (held <= this.maxEntries || key === list.key) break;
      this.copies.delete(key);
      held -= other.entries.length;
    }
    return { entries: copy.entries, byName: () => (copy.sorted ??= [...copy.entries].sort(byName)) };
  }

  /** Brings the copy up to what the list holds; a read that fails leaves the copy as it was. */
  private async refresh(copy: Copy, list: NamedList): Promise<void> {
    const from = Math.max(0, copy.pages - 1);
    const wanted = [...new Set([...copy.missing, ...Array.from({ length: Math.max(0, list.pages - from) }, (_, k) => from + k)])];
    const missing = new Set(copy.missing);
    let lastPageIds = copy.lastPageIds;
    const added: NamedEntry[] = [];
    let unnamed = [...copy.unnamed];
    for (let at = 0; at < wanted.length; at += pagesPerRead) {
      const numbers = wanted.slice(at, at + pagesPerRead);
      const docs = new Map((await list.read(numbers.map((n) => list.pageId(n)))).map((d) => [d._id, d]));
      for (const n of numbers) {
        const doc = docs.get(list.pageId(n));
        if (!doc) {
          missing.add(n);
          if (n === list.pages - 1) lastPageIds = 0;
          continue;
        }
        missing.delete(n);
        // The page read again keeps the entries it had; only what it gained is added.
        const known = n === copy.pages - 1 ? copy.lastPageIds : 0;
        if (n === list.pages - 1) lastPageIds = doc.imageIds.length;
        const pageNames = doc.names ? (JSON.parse(doc.names) as string[]) : [];
        doc.imageIds.slice(known).forEach((id, k) => {
          const name = pageNames[known + k];
          if (name !== undefined) added.push({ page: n, offset: known + k, id, name });
          else unnamed.push({ page: n, offset: known + k, id });
        });
      }
    }
    if (unnamed.length > 0) {
      const stillUnnamed: typeof unnamed = [];
      for (let at = 0; at < unnamed.length; at += namesPerRead) {
        const chunk = unnamed.slice(at, at + namesPerRead);
        const names = new Map((await this.models.Image.find({ _id: { $in: chunk.map((u) => u.id) } }, { name: 1 }).lean()).map((i) => [i._id, i.name]));
        for (const u of chunk) {
          const name = names.get(u.id);
          if (name === undefined) stillUnnamed.push(u);
          else added.push({ ...u, name });
        }
      }
      unnamed = stillUnnamed;
    }
    Object.assign(copy, { pages: Math.max(copy.pages, list.pages), lastPageIds, missing, unnamed });
    if (added.length === 0) return;
    // Pages found late (missing before) and names read late land among the others: put back in order.
    const inOrder = (copy.entries.length === 0 || byPosition(copy.entries.at(-1)!, added[0]!) < 0) && added.every((e, i) => i === 0 || byPosition(added[i - 1]!, e) < 0);
    for (const e of added) copy.entries.push(e); // (a spread of 100,000 arguments can overflow the stack)
    if (!inOrder) copy.entries.sort(byPosition);
    copy.sorted = undefined;
  }
}
