// The charts of the Reports screen, drawn by Chart.js (through react-chartjs-2). Only the pieces used
// are registered. Chart.js sizes its canvas through the CSSOM (element.style), never a <style> tag or
// eval, so it runs under the window's CSP (style-src 'self', script-src 'self').
import { ArcElement, BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, Tooltip, type ChartOptions } from 'chart.js';
import { Bar, Doughnut } from 'react-chartjs-2';
import type { ChannelKind, Report } from '../../../../preload/contract';
import { duration } from '../../lib/format';
import { kindLabels, kindsOf, outcomeLabels } from './tables';

ChartJS.register(CategoryScale, LinearScale, BarElement, ArcElement, Tooltip, Legend);

// The product's palette (styles/base.css), repeated here because a canvas cannot read CSS variables.
const ink = '#475569';
const grid = '#e2e8f0';
export const kindColours: Record<ChannelKind, string> = {
  mention: '#0f766e',
  dm: '#6d28d9',
  post: '#1877f2',
  comment: '#0369a1',
  messenger: '#c026d3',
};
const series = ['#0f766e', '#b45309', '#6d28d9', '#0369a1', '#be123c', '#15803d', '#64748b', '#c026d3'];

ChartJS.defaults.color = ink;
ChartJS.defaults.borderColor = grid;
ChartJS.defaults.font.family = "'Inter', 'Segoe UI', system-ui, -apple-system, 'Helvetica Neue', Arial, sans-serif";

/** What every chart shares: no animation (reports are read, not watched), sized by its container. */
function base<T extends 'bar' | 'doughnut'>(extra: ChartOptions<T>): ChartOptions<T> {
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    plugins: { legend: { position: 'bottom', labels: { boxWidth: 12, boxHeight: 12 } } },
    ...extra,
  } as ChartOptions<T>;
}

const shortDate = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, d));
};

interface ChartProps {
  report: Report;
  /** What the chart shows, for a screen reader; the table beside it has the figures. */
  label: string;
}

export function VolumeChart({ report, label }: ChartProps) {
  const kinds = kindsOf(report.network);
  return (
    <div className="report-chart">
      <Bar
        role="img"
        aria-label={label}
        data={{
          labels: report.volume.map((d) => shortDate(d.date)),
          datasets: kinds.map((k) => ({ label: kindLabels[k], data: report.volume.map((d) => d.messages[k]), backgroundColor: kindColours[k], stack: 'messages' })),
        }}
        options={base<'bar'>({ scales: { x: { stacked: true, grid: { display: false } }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } })}
      />
    </div>
  );
}

export function AutomationChart({ report, label }: ChartProps) {
  const answeredFirst = report.automation.reduce((s, a) => s + a.thenToAgents, 0);
  const labels = [...report.automation.map((a) => outcomeLabels[a.outcome]), 'Straight to agents'];
  return (
    <div className="report-chart">
      <Bar
        role="img"
        aria-label={label}
        data={{
          labels,
          datasets: [
            { label: 'Closed automatically', data: [...report.automation.map((a) => a.automatic), 0], backgroundColor: '#0f766e' },
            { label: 'Then sent to agents', data: [...report.automation.map((a) => a.thenToAgents), report.totals.reachedAgents - answeredFirst], backgroundColor: '#94a3b8' },
          ],
        }}
        options={base<'bar'>({ indexAxis: 'y', scales: { x: { stacked: true, beginAtZero: true, ticks: { precision: 0 } }, y: { stacked: true, grid: { display: false } } } })}
      />
    </div>
  );
}

export function TimesChart({ report, label }: ChartProps) {
  const t = report.times;
  const measures = [t.queueWait, t.firstResponse, t.handling];
  const minutes = (ms: number | null) => (ms == null ? null : Math.round(ms / 600) / 100);
  return (
    <div className="report-chart">
      <Bar
        role="img"
        aria-label={label}
        data={{
          labels: ['Queue wait', 'First response', 'Handling'],
          datasets: [
            { label: 'Median', data: measures.map((m) => minutes(m.medianMs)), backgroundColor: '#0f766e' },
            { label: '90th percentile', data: measures.map((m) => minutes(m.p90Ms)), backgroundColor: '#b45309' },
          ],
        }}
        options={base<'bar'>({
          scales: { x: { grid: { display: false } }, y: { beginAtZero: true, title: { display: true, text: 'minutes' } } },
          plugins: {
            legend: { position: 'bottom', labels: { boxWidth: 12, boxHeight: 12 } },
            tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${duration(Number(c.raw) * 60_000)}` } },
          },
        })}
      />
    </div>
  );
}

export function DispositionsChart({ report, label }: ChartProps) {
  return (
    <div className="report-chart report-chart--round">
      <Doughnut
        role="img"
        aria-label={label}
        data={{
          labels: report.dispositions.map((d) => d.label),
          datasets: [{ data: report.dispositions.map((d) => d.count), backgroundColor: report.dispositions.map((_, i) => series[i % series.length]!), borderColor: '#ffffff' }],
        }}
        options={base<'doughnut'>({ plugins: { legend: { position: 'right', labels: { boxWidth: 12, boxHeight: 12 } } } })}
      />
    </div>
  );
}

export function AgentsChart({ report, label }: ChartProps) {
  const codes = report.dispositions;
  const agents = report.agents;
  return (
    <div className="report-chart">
      <Bar
        role="img"
        aria-label={label}
        data={{
          labels: agents.map((a) => a.name),
          datasets: [
            ...codes.map((c, i) => ({
              label: c.label,
              data: agents.map((a) => a.dispositions.find((d) => d.dispositionId === c.dispositionId)?.count ?? 0),
              backgroundColor: series[i % series.length]!,
              stack: 'handled',
            })),
            { label: 'Still open', data: agents.map((a) => a.open), backgroundColor: '#cbd5e1', stack: 'handled' },
          ],
        }}
        options={base<'bar'>({ scales: { x: { stacked: true, grid: { display: false } }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } })}
      />
    </div>
  );
}
