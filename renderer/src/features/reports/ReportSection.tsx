// One part of the report: a card with its chart and, beside it, the table that is its accessible
// version, and a button that downloads that table as CSV.
import { useId, type ReactNode } from 'react';
import { Icon } from '../../components/Icon';
import { duration } from '../../lib/format';
import type { CsvValue } from './csv';
import { csvFileName, toCsv } from './csv';
import { csvOf, type Column, type ReportTable } from './tables';

const counts = new Intl.NumberFormat();
const percents = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });
const dates = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });

export function formatCell(value: CsvValue, column: Column): string {
  if (value == null) return '—';
  if (typeof value === 'string') {
    if (column.kind === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
      const [y, m, d] = value.split('-').map(Number) as [number, number, number];
      return dates.format(Date.UTC(y, m - 1, d));
    }
    return value;
  }
  if (column.kind === 'duration') return duration(value);
  if (column.kind === 'percent') return percents.format(value);
  return counts.format(value);
}

/** Saves text as a file through the browser's download (the desktop app asks where to save it). */
function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function TableView({ table, id }: { table: ReportTable; id: string }) {
  const numeric = (c: Column) => c.kind !== 'text' && c.kind !== 'date';
  return (
    // Focusable, so a keyboard can scroll a long table.
    <div className="table-wrap report-table" tabIndex={0} role="region" aria-label={`${table.title}: figures`}>
      <table className="table" id={id}>
        <caption className="visually-hidden">{table.title}</caption>
        <thead>
          <tr>
            {table.columns.map((c) => (
              <th key={c.label} scope="col" className={numeric(c) ? 'num' : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, r) => (
            <tr key={r}>
              {row.map((v, i) => {
                const c = table.columns[i]!;
                return i === 0 ? (
                  <th key={i} scope="row" className={c.kind === 'date' ? 'report-table__date' : undefined}>
                    {formatCell(v, c)}
                  </th>
                ) : (
                  <td key={i} className={numeric(c) ? 'num' : undefined}>
                    {formatCell(v, c)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
        {table.footer ? (
          <tfoot>
            <tr>
              {table.footer.map((v, i) =>
                i === 0 ? (
                  <th key={i} scope="row">
                    {formatCell(v, table.columns[i]!)}
                  </th>
                ) : (
                  <td key={i} className={numeric(table.columns[i]!) ? 'num' : undefined}>
                    {formatCell(v, table.columns[i]!)}
                  </td>
                ),
              )}
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}

export function ReportSection({
  table,
  fileParts,
  description,
  chart,
  empty,
  wide = false,
}: {
  table: ReportTable;
  /** A table with many columns gets more of the width than its chart. */
  wide?: boolean;
  /** Period and network, for the file name. */
  fileParts: string[];
  description?: ReactNode;
  /** The chart, or null when there is nothing to draw. */
  chart: ReactNode;
  /** Shown instead of chart and table when the section has no figures. */
  empty?: string | null;
}) {
  const headingId = useId();
  const tableId = useId();
  const save = () => {
    const { header, rows } = csvOf(table);
    download(csvFileName(['parley', table.id, ...fileParts]), toCsv(header, rows));
  };
  return (
    <section className="card report-section" aria-labelledby={headingId} data-testid={`report-${table.id}`}>
      <header className="card__header">
        <div>
          <h2 className="card__title" id={headingId}>
            {table.title}
          </h2>
          {description ? <p className="report-section__description">{description}</p> : null}
        </div>
        <button type="button" className="btn btn--small" onClick={save} aria-label={`Download ${table.title} as CSV`}>
          <Icon name="download" /> CSV
        </button>
      </header>
      {empty ? (
        <p className="report-section__empty">{empty}</p>
      ) : (
        <div className={wide ? 'report-section__body report-section__body--wide' : 'report-section__body'}>
          {chart}
          <TableView table={table} id={tableId} />
        </div>
      )}
    </section>
  );
}
