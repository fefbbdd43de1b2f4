// The shapes of the image being edited, with undo and redo. Held in a ref and read from it, not from the
// last render: a drawn region is handed over in the pointerup that ends it, and an Enter pressed at once
// must submit it, before React has rendered again.
import { useMemo, useReducer, useRef } from 'react';
import type { Shape } from '../api';

export interface EditHistory {
  /** The shapes now (also between a change and the render it causes). */
  readonly shapes: Shape[];
  /** Starts over on another image's shapes, with nothing to undo. */
  reset(shapes: Shape[]): void;
  change(edit: (shapes: Shape[]) => Shape[]): void;
  /** Undo (back) or redo (forward); nothing when there is nothing that way. */
  travel(back: boolean): void;
}

/** `onChange` hears every change, undo and redo, with the shapes before it. */
export function useEditHistory(onChange: (shapes: Shape[], before: Shape[]) => void): EditHistory {
  const state = useRef({ shapes: [] as Shape[], past: [] as Shape[][], future: [] as Shape[][] });
  const [, rendered] = useReducer((n: number) => n + 1, 0);
  const heard = useRef(onChange);
  heard.current = onChange;
  return useMemo(() => {
    const become = (next: typeof state.current) => {
      const before = state.current.shapes;
      state.current = next;
      rendered();
      heard.current(next.shapes, before);
    };
    return {
      get shapes() { return state.current.shapes; },
      reset(shapes) {
        state.current = { shapes, past: [], future: [] };
        rendered();
      },
      change(edit) {
        const { shapes, past } = state.current;
        become({ shapes: edit(shapes), past: [...past, shapes], future: [] });
      },
      travel(back) {
        const { shapes, past, future } = state.current;
        const from = back ? past : future;
        const target = from.at(-1);
        if (!target) return;
        if (back) become({ shapes: target, past: past.slice(0, -1), future: [...future, shapes] });
        else become({ shapes: target, past: [...past, shapes], future: future.slice(0, -1) });
      },
    };
  }, []);
}
