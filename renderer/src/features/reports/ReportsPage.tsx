// Reports: what happened in a period of business days, for one network or both. Each part shows a chart
// and the table behind it, and downloads that table as CSV.
import { useMemo, useState } from 'react';
import { PERCENTILE_DEFINITION, type Report, type ReportNetwork, type ReportRequest } from '../../../../preload/contract';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { PageHeader } from '../../components/PageHeader';
import { duration } from '../../lib/format';
import { useQuery } from '../../lib/hooks';
import { AgentsChart, AutomationChart, DispositionsChart, TimesChart, VolumeChart } from './charts';
import { PeriodPicker, type PeriodChoice } from './PeriodPicker';
import { ReportSection } from './ReportSection';
import { agentsTable, automationTable, dispositionsTable, timesTable, volumeTable } from './tables';
import './reports.css';

const networkNames: Record<ReportNetwork, string> = { all: 'X and Facebook', x: 'X', facebook: 'Facebook' };
const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const day = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return dayFormat.format(Date.UTC(y, m - 1, d));
};
const asOf = (r: Report) => new Intl.DateTimeFormat(undefined, { timeStyle: 'short', timeZone: r.period.timeZone }).format(r.generatedAt);
const percent = (n: number, of: number) => (of ? `${Math.round((n / of) * 100)} %` : '—');

export function ReportsPage() {
  const [choice, setChoice] = useState<PeriodChoice>({ preset: 'last7' });
  const [network, setNetwork] = useState<ReportNetwork>('all');
  const input: ReportRequest = { ...choice, network };
  const query = useQuery('reports.run', input, [JSON.stringify(input)]);
  const report = query.data;
  const fieldErrors = query.error?.code === 'invalid_input' ? query.error.fields : undefined;

  return (
    <section className="page reports-page" aria-labelledby="page-title">
      <PageHeader title="Reports" subtitle="Volume, automatic handling, waiting and response times, outcomes and agents, by business day." />
      <PeriodPicker choice={choice} network={network} shown={report?.period} fieldErrors={fieldErrors} onChoose={setChoice} onNetwork={setNetwork} />
      <div className="report-status">
        <p role="status" aria-live="polite">
          {query.loading ? (
            <>
              <span className="spinner" aria-hidden="true" /> Building the report…
            </>
          ) : report ? (
            <>
              {report.period.from === report.period.to ? day(report.period.from) : `${day(report.period.from)} – ${day(report.period.to)}`} · {networkNames[report.network]} · days in{' '}
              {report.period.timeZone} · as of {asOf(report)}
            </>
          ) : null}
        </p>
        {report && !query.loading ? (
          <button type="button" className="btn btn--small btn--ghost" onClick={query.reload}>
            Refresh
          </button>
        ) : null}
      </div>
      {query.error && !fieldErrors ? <ErrorNotice error={query.error} onRetry={query.reload} /> : null}
      {report ? <ReportBody report={report} /> : null}
    </section>
  );
}

function ReportBody({ report }: { report: Report }) {
  const tables = useMemo(
    () => ({ volume: volumeTable(report), automation: automationTable(report), times: timesTable(report), dispositions: dispositionsTable(report), agents: agentsTable(report) }),
    [report],
  );
  const t = report.totals;
  if (t.conversations === 0 && t.messages === 0) {
    return (
      <EmptyState icon="reports" title="Nothing happened in this period">
        No customer wrote on {networkNames[report.network]} between {day(report.period.from)} and {day(report.period.to)}. Choose a longer period or
        another network.
      </EmptyState>
    );
  }
  const fileParts = [report.period.from, report.period.to, report.network];
  const first = report.times.firstResponse;
  return (
    <>
      <dl className="report-summary" aria-label="Summary">
        <Stat label="Conversations" value={t.conversations.toLocaleString()} />
        <Stat label="Customer messages" value={t.messages.toLocaleString()} />
        <Stat label="Handled automatically" value={t.automatic.toLocaleString()} note={percent(t.automatic, t.conversations)} />
        <Stat label="Reached agents" value={t.reachedAgents.toLocaleString()} note={percent(t.reachedAgents, t.conversations)} />
        <Stat label="Completed" value={t.completed.toLocaleString()} />
        <Stat label="Median first response" value={first.medianMs == null ? '—' : duration(first.medianMs)} />
      </dl>

      <ReportSection
        table={tables.volume}
        fileParts={fileParts}
        wide
        description="Customer messages by the day they were written, and the conversations they began."
        chart={<VolumeChart report={report} label="Stacked bar chart of customer messages per day by channel kind. The table beside it has the figures." />}
        empty={t.messages === 0 && t.conversations === 0 ? 'No customer messages in this period.' : null}
      />
      <ReportSection
        table={tables.automation}
        fileParts={fileParts}
        description="Conversations Parley closed on its own, and those it answered first and then sent to agents."
        chart={<AutomationChart report={report} label="Horizontal bar chart of conversations by automatic outcome, closed automatically or sent to agents. The table beside it has the figures." />}
        empty={t.conversations === 0 ? 'No conversation began in this period.' : null}
      />
      <ReportSection
        table={tables.times}
        fileParts={fileParts}
        description={PERCENTILE_DEFINITION}
        chart={<TimesChart report={report} label="Bar chart of median and 90th percentile queue waiting, first response and handling times in minutes. The table beside it has the figures." />}
        empty={report.times.queueWait.count + report.times.firstResponse.count + report.times.handling.count === 0 ? 'No conversation in this period has reached an agent yet, so nothing was timed.' : null}
      />
      <ReportSection
        table={tables.dispositions}
        fileParts={fileParts}
        description="How the conversations that began in this period were closed."
        chart={<DispositionsChart report={report} label="Doughnut chart of disposition codes. The table beside it has the counts and shares." />}
        empty={report.dispositions.length === 0 ? 'No conversation from this period has been completed with a disposition code yet.' : null}
      />
      <ReportSection
        table={tables.agents}
        fileParts={fileParts}
        wide
        description="By the agent who held each conversation last."
        chart={<AgentsChart report={report} label="Stacked bar chart of conversations per agent by disposition code, with those still open. The table beside it has the figures." />}
        empty={report.agents.length === 0 ? 'No agent has held a conversation from this period.' : null}
      />
    </>
  );
}

function Stat({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div className="card report-summary__item">
      <dt className="stat__label">{label}</dt>
      <dd className="stat__value">
        {value}
        {note ? <span className="report-summary__note"> {note}</span> : null}
      </dd>
    </div>
  );
}
