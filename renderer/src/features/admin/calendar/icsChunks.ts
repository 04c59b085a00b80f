// Splits a large .ics file into smaller calendars of N events each, every one carrying the file's own
// calendar properties and time zones, so a 5,000-event file is checked and imported in steps the window
// can show (a progress bar) instead of in one long call.
export interface IcsChunks {
  chunks: string[];
  /** How many events each chunk holds. */
  sizes: number[];
  events: number;
}

export function splitIcs(text: string, eventsPerChunk = 250): IcsChunks {
  const lines = text.split(/\r?\n/);
  const shared: string[] = [];
  const events: string[][] = [];
  let depth = 0;
  let current: string[] | null = null;
  let sawCalendar = false;
  for (const line of lines) {
    const upper = line.toUpperCase();
    // Folded continuation lines (leading space or tab) belong to whatever block is open.
    const folded = line.startsWith(' ') || line.startsWith('\t');
    if (!folded && upper.startsWith('BEGIN:')) {
      depth++;
      if (depth === 1) {
        sawCalendar = upper.trim() === 'BEGIN:VCALENDAR';
        continue;
      }
      if (depth === 2 && upper.trim() === 'BEGIN:VEVENT') {
        current = [line];
        continue;
      }
    } else if (!folded && upper.startsWith('END:')) {
      depth--;
      if (depth === 0) continue;
      if (depth === 1 && current) {
        current.push(line);
        events.push(current);
        current = null;
        continue;
      }
    }
    if (depth === 0) continue;
    if (current) current.push(line);
    else shared.push(line);
  }
  // Not a calendar we can split: hand the text over whole and let the engine say what is wrong.
  if (!sawCalendar || events.length <= eventsPerChunk) return { chunks: [text], sizes: [events.length], events: events.length };
  const chunks: string[] = [];
  const sizes: number[] = [];
  for (let i = 0; i < events.length; i += eventsPerChunk) {
    const part = events.slice(i, i + eventsPerChunk);
    chunks.push(['BEGIN:VCALENDAR', ...shared, ...part.flat(), 'END:VCALENDAR', ''].join('\r\n'));
    sizes.push(part.length);
  }
  return { chunks, sizes, events: events.length };
}
