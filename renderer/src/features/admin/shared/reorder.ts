// Reordering a list by dragging (HTML drag and drop) or by keyboard (move up / move down buttons); both
// end in the same call with the new order of ids.
import { useState, type DragEvent } from 'react';

export function moved<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(Math.max(0, Math.min(to, next.length)), 0, item!);
  return next;
}

export interface DragProps {
  draggable: true;
  onDragStart: (e: DragEvent) => void;
  onDragOver: (e: DragEvent) => void;
  onDragLeave: () => void;
  onDrop: (e: DragEvent) => void;
  onDragEnd: () => void;
}

/** Drag-and-drop over a list of ids; `onReorder` gets the ids in their new order. */
export function useDragReorder(ids: readonly number[], onReorder: (next: number[]) => void) {
  const [dragging, setDragging] = useState<number | null>(null);
  const [over, setOver] = useState<number | null>(null);
  const props = (id: number): DragProps => ({
    draggable: true,
    onDragStart: (e) => {
      setDragging(id);
      e.dataTransfer.effectAllowed = 'move';
      e.dataTransfer.setData('text/plain', String(id));
    },
    onDragOver: (e) => {
      e.preventDefault();
      e.dataTransfer.dropEffect = 'move';
      if (over !== id) setOver(id);
    },
    onDragLeave: () => setOver((o) => (o === id ? null : o)),
    onDrop: (e) => {
      e.preventDefault();
      const from = ids.indexOf(dragging ?? Number(e.dataTransfer.getData('text/plain')));
      const to = ids.indexOf(id);
      setDragging(null);
      setOver(null);
      if (from >= 0 && to >= 0 && from !== to) onReorder(moved(ids, from, to));
    },
    onDragEnd: () => {
      setDragging(null);
      setOver(null);
    },
  });
  return { props, dragging, over };
}
