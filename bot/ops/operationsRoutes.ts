import type { Request, Response, Server } from 'restify';
import type { AgentAuth } from '../accounts/AgentAuth';
import { operationsCsv } from './operationsCsv';
import type { OperationsQuery, OperationsService } from './OperationsService';
import { rangeOf } from './operationsReport';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const CHANNEL = /^[A-Za-z0-9_-]{1,40}$/;
/** The longest range asked at once: a quarter by day, a month by hour. */
const MAX_DAYS = { day: 92, hour: 31 } as const;

class QueryError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

function oneValue(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** Reads ?from=&to=&by=&channel= (defaults: today, by hour for one day and by day for more, every channel). */
export function operationsQuery(query: Record<string, unknown>, today: string): OperationsQuery {
  const from = oneValue(query.from) ?? oneValue(query.to) ?? today;
  const to = oneValue(query.to) ?? from;
  for (const d of [from, to]) {
    if (!DAY.test(d) || Number.isNaN(Date.parse(`${d}T00:00:00Z`)) || new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) !== d) {
      throw new QueryError('OPS_BAD_DATE', '日期格式应为 年-月-日，例如 2026-12-07。');
    }
  }
  if (to < from) throw new QueryError('OPS_BAD_RANGE', '结束日期不能早于开始日期。');
  const byParam = oneValue(query.by);
  if (byParam !== undefined && byParam !== 'day' && byParam !== 'hour') throw new QueryError('OPS_BAD_GRANULARITY', '只能按天或按小时统计。');
  const by = byParam ?? (from === to ? 'hour' : 'day');
  const { start, end } = rangeOf(from, to);
  if ((end - start) / 86_400_000 > MAX_DAYS[by]) {
    throw new QueryError('OPS_RANGE_TOO_LONG', by === 'day' ? `按天统计最多一次查看 ${MAX_DAYS.day} 天。` : `按小时统计最多一次查看 ${MAX_DAYS.hour} 天。`);
  }
  const channel = oneValue(query.channel);
  if (channel !== undefined && !CHANNEL.test(channel)) throw new QueryError('OPS_BAD_CHANNEL', '渠道名称不正确。');
  return { from, to, by, ...(channel ? { channel } : {}) };
}

/**
 * The operations figures for admins: GET /api/admin/operations?from=&to=&by=day|hour&channel= (JSON) and
 * GET /api/admin/operations.csv (the same figures as a CSV download). Admin session as the admin console's.
 */
export function operationsRoutes(d: { auth: AgentAuth; operations: OperationsService }): (server: Server) => void {
  const handle = (csv: boolean) => async (req: Request, res: Response): Promise<void> => {
    const a = await d.auth.guard(req, res, { role: 'admin' });
    if (!a) return;
    let q: OperationsQuery;
    try {
      q = operationsQuery((req.query ?? {}) as Record<string, unknown>, d.operations.today());
    } catch (e) {
      if (!(e instanceof QueryError)) throw e;
      res.setHeader('cache-control', 'no-store');
      res.send(400, { error: e.message, code: e.code });
      return;
    }
    const report = await d.operations.report(q);
    if (!csv) {
      res.setHeader('cache-control', 'no-store');
      res.send(200, report);
      return;
    }
    const body = Buffer.from(operationsCsv(report, d.operations.labels), 'utf8');
    const name = `operations-${q.from}${q.to === q.from ? '' : `_${q.to}`}${q.channel ? `-${q.channel}` : ''}.csv`;
    res.writeHead(200, {
      'content-type': 'text/csv; charset=utf-8', 'content-length': body.length, 'cache-control': 'no-store',
      'content-disposition': `attachment; filename="${name}"`, 'x-content-type-options': 'nosniff',
    });
    res.end(body);
  };
  return (server) => {
    server.get('/api/admin/operations.csv', handle(true));
    server.get('/api/admin/operations', handle(false));
  };
}
