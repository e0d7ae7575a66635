// graphile-worker on the same Postgres, for `bench throughput --compare` (not run by CI).
// Install graphile-worker outside the repository and point NODE_PATH at it:
//   npm install --prefix /tmp/graphile-bench graphile-worker@0.18  (addJobs needs 0.17 or later)
//   NODE_PATH=/tmp/graphile-bench/node_modules node compare.cjs postgres://postgres@127.0.0.1:5432/test 2000 2 4
// Adds <jobs> no-op jobs in one batch (addJobs), all due at one instant a few seconds ahead (the gate),
// run by <processes> worker processes of concurrency <concurrency>; prints one line of JSON:
// {"jobs", "seconds", "jobs_per_s", "add_seconds", "version", "worker_cpu_ms_per_job", "pg_cpu_ms_per_job"} with
// seconds from the due instant to the last job done, and CPU from the end of addJobs to the last job done;
// and what Postgres wrote for the jobs: "wal_lsn_from" (before addJobs) and "wal_lsn_to" (after the workers stopped),
// and "rows": {inserted, updated, hot_updated, deleted} in the run's schema (pg_stat_user_tables, read after every
// connection that wrote them has closed, so their counters have reached it).
'use strict';
const { fork } = require('node:child_process');
const { run, runMigrations, makeWorkerUtils } = require('graphile-worker');

const [connectionString, jobsArg, processesArg, concurrencyArg, schemaArg] = process.argv.slice(2);

async function worker() {
  let done = 0;
  let last = 0;
  const runner = await run({
    connectionString, schema: schemaArg, concurrency: Number(concurrencyArg), noHandleSignals: true,
    pollInterval: 100, // the gate opens by time, not by NOTIFY: look often so the wait is not measured
    taskList: { noop: async () => { done++; last = Date.now(); } },
  });
  process.send({ ready: true });
  const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
  const report = setInterval(() => process.connected && process.send({ done, last, cpu: cpuMs() }), 50);
  process.on('message', async (m) => {
    if (m.stop) {
      clearInterval(report);
      await runner.stop();
      process.exit(0);
    }
  });
}

async function main() {
  const jobs = Number(jobsArg);
  const processes = Number(processesArg);
  const schema = 'gw_bench_' + Math.random().toString(36).slice(2, 10);
  await runMigrations({ connectionString, schema });
  const children = [];
  for (let i = 0; i < processes; i++) {
    const child = fork(__filename, [connectionString, jobsArg, processesArg, concurrencyArg, schema]);
    child.state = { done: 0, last: 0, cpu: 0 };
    await new Promise((resolve) => child.once('message', resolve));
    child.on('message', (m) => { if (m.done !== undefined) child.state = m; });
    children.push(child);
  }
  const utils = await makeWorkerUtils({ connectionString, schema });
  const due = new Date(Date.now() + 3000 + jobs);
  const walFrom = await utils.withPgClient(async (c) => (await c.query('SELECT pg_current_wal_flush_lsn()::text AS l')).rows[0].l);
  const addStart = process.hrtime.bigint();
  await utils.addJobs(Array.from({ length: jobs }, () => ({ identifier: 'noop', payload: {}, runAt: due })));
  const addSeconds = Number(process.hrtime.bigint() - addStart) / 1e9;
  // CPU from here (the jobs wait for their due instant) to the last job done: the workers', and every postgres
  // process's on this machine, as the Java bench reads it for Taskstream.
  const workerCpu0 = children.reduce((n, c) => n + c.state.cpu, 0);
  const pgCpu0 = postgresCpuMs();
  const deadline = Date.now() + 600000;
  while (children.reduce((n, c) => n + c.state.done, 0) < jobs) {
    if (Date.now() > deadline) throw new Error('jobs did not finish within 10 minutes');
    await new Promise((r) => setTimeout(r, 50));
  }
  const pgCpu = postgresCpuMs() - pgCpu0;
  await new Promise((r) => setTimeout(r, 120)); // one more report from each worker, with its CPU at the end
  const workerCpu = children.reduce((n, c) => n + c.state.cpu, 0) - workerCpu0;
  const last = Math.max(...children.map((c) => c.state.last));
  const seconds = (last - due.getTime()) / 1000;
  await Promise.all(children.map((c) => new Promise((resolve) => { c.once('exit', resolve); c.send({ stop: true }); })));
  await utils.release();
  const { Client } = require('pg');
  const client = new Client({ connectionString });
  await client.connect();
  const walTo = (await client.query('SELECT pg_current_wal_flush_lsn()::text AS l')).rows[0].l;
  let rows = { inserted: 0, updated: 0, hot_updated: 0, deleted: 0 };
  // closed backends' counters arrive at once; wait (bounded) until the deletes of all jobs are there
  for (let tries = 0; tries < 30 && rows.deleted < jobs; tries++) {
    if (tries > 0) await new Promise((r) => setTimeout(r, 500));
    await client.query('SELECT pg_stat_clear_snapshot()');
    const r = (await client.query(`SELECT coalesce(sum(n_tup_ins), 0)::int AS i, coalesce(sum(n_tup_upd), 0)::int AS u,
      coalesce(sum(n_tup_hot_upd), 0)::int AS h, coalesce(sum(n_tup_del), 0)::int AS d FROM pg_stat_user_tables
      WHERE schemaname = $1`, [schema])).rows[0];
    rows = { inserted: r.i, updated: r.u, hot_updated: r.h, deleted: r.d };
  }
  await client.query(`DROP SCHEMA ${schema} CASCADE`);
  await client.end();
  console.log(JSON.stringify({ jobs, seconds, jobs_per_s: jobs / seconds, add_seconds: addSeconds,
    version: graphileVersion(), worker_cpu_ms_per_job: workerCpu / jobs,
    pg_cpu_ms_per_job: pgCpu0 < 0 ? -1 : pgCpu / jobs, wal_lsn_from: walFrom, wal_lsn_to: walTo, rows }));
}

// utime + stime of every process named postgres, in ms (10 ms ticks), or -1 without /proc.
function postgresCpuMs() {
  const fs = require('node:fs');
  if (!fs.existsSync('/proc/self/stat')) return -1;
  let total = 0;
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const s = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (s.slice(s.indexOf('(') + 1, s.lastIndexOf(')')) !== 'postgres') continue;
      const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
      total += (Number(f[11]) + Number(f[12])) * 10;
    } catch (e) { /* the process ended */ }
  }
  return total;
}

function graphileVersion() {
  const fs = require('node:fs');
  const path = require('node:path');
  let dir = path.dirname(require.resolve('graphile-worker'));
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
}

if (schemaArg) {
  worker().catch((e) => { console.error(e); process.exit(1); });
} else {
  main().catch((e) => { console.error(e); process.exit(1); });
}
