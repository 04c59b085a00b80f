// A search snippet: the engine puts [ and ] around each hit; those parts are marked, all of it as text.
export function Snippet({ text }: { text: string }) {
  const parts = text.split(/(\[[^\]]*\])/g);
  return (
    <bdi>
      {parts.map((p, i) =>
        p.startsWith('[') && p.endsWith(']') && p.length > 2 ? <mark key={i}>{p.slice(1, -1)}</mark> : <span key={i}>{p}</span>,
      )}
    </bdi>
  );
}
