// The DuckDB side of bench/compare: one workload, from the CSV files to the output CSV, as a
// DuckDB user would write it in SQL. Usage: node duckdb_run.mjs WORKLOAD DATA_DIR OUT_DIR THREADS
import { DuckDBInstance } from '@duckdb/node-api';
import { createReadStream, createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';

const [workload, data, out, threads] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
const f = (name) => `'${join(data, name)}'`;
const copy = (select, name) => `COPY (${select}) TO '${join(out, name)}' (HEADER, DELIMITER ',')`;

const readings = `read_csv(${f('readings.csv')}, header = true,
  columns = {'k1k': 'BIGINT', 'k1m': 'BIGINT', 'v': 'DOUBLE'})`;
const groupBy = (key) => [
  copy(`SELECT ${key}, count(*) AS n, sum(v) AS total, avg(v) AS mean, min(v) AS low, max(v) AS high
        FROM ${readings} GROUP BY ${key} ORDER BY ${key}`, 'groups.csv'),
];
const mixed = (file) => `read_csv(${f(file)}, header = true, columns = {'id': 'BIGINT',
  'meter': 'VARCHAR', 'ts': 'TIMESTAMP', 'day': 'DATE', 'kwh': 'DOUBLE', 'kva': 'BIGINT',
  'region': 'VARCHAR', 'ok': 'BOOLEAN'})`;
// Ingest = materialise the whole table, then a summary that touches every column.
const ingest = (file) => [
  `CREATE TABLE mixed AS SELECT * FROM ${mixed(file)}`,
  copy(`SELECT count(*) AS rows, sum(id) AS sum_id, count(meter) AS meters, count(ts) AS ts_count,
        min(day) AS min_day, max(day) AS max_day, sum(kwh) AS sum_kwh, sum(kva) AS sum_kva,
        min(region) AS min_region, max(region) AS max_region,
        sum(CASE WHEN ok THEN 1 ELSE 0 END) AS ok_true FROM mixed`, 'summary.csv'),
];

const quality = `read_csv(${f('quality.csv')}, header = true, columns = {'meter_id': 'VARCHAR',
  'minute': 'BIGINT', 'kwh': 'DOUBLE', 'voltage': 'DOUBLE', 'current': 'DOUBLE', 'pf': 'DOUBLE',
  'temperature': 'DOUBLE', 'status': 'VARCHAR', 'region': 'VARCHAR', 'phone': 'VARCHAR',
  'capacity_kw': 'BIGINT'})`;
// Failing rows per rule, with xfactor's semantics: value rules skip NULLs; the primary key fails
// every repeat after the first and any NULL key; monotonic compares with the previous reading.
const qualitySql = [
  `CREATE TABLE q AS SELECT *, row_number() OVER () AS rn FROM ${quality}`,
  `CREATE TABLE register AS SELECT * FROM read_csv(${f('register.csv')}, header = true,
     columns = {'meter_id': 'VARCHAR', 'capacity_kw': 'BIGINT'})`,
  copy(`SELECT * FROM (
    SELECT 'r01_meter_required' AS rule, count(*) FILTER (WHERE meter_id IS NULL) AS failing FROM q
    UNION ALL SELECT 'r02_meter_pattern', count(*) FILTER (WHERE NOT regexp_full_match(meter_id, 'M\\d{6}')) FROM q
    UNION ALL SELECT 'r03_minute_required', count(*) FILTER (WHERE minute IS NULL) FROM q
    UNION ALL SELECT 'r04_kwh_required', count(*) FILTER (WHERE kwh IS NULL) FROM q
    UNION ALL SELECT 'r05_kwh_range', count(*) FILTER (WHERE NOT (kwh BETWEEN 0 AND 40) OR isnan(kwh)) FROM q
    UNION ALL SELECT 'r06_voltage_required', count(*) FILTER (WHERE voltage IS NULL) FROM q
    UNION ALL SELECT 'r07_voltage_range', count(*) FILTER (WHERE NOT (voltage BETWEEN 198 AND 242)) FROM q
    UNION ALL SELECT 'r08_current_range', count(*) FILTER (WHERE NOT (current BETWEEN 0 AND 20)) FROM q
    UNION ALL SELECT 'r09_pf_range', count(*) FILTER (WHERE NOT (pf BETWEEN 0 AND 1)) FROM q
    UNION ALL SELECT 'r10_temperature_range', count(*) FILTER (WHERE NOT (temperature BETWEEN -20 AND 50)) FROM q
    UNION ALL SELECT 'r11_status_codes', count(*) FILTER (WHERE status NOT IN ('ok', 'warn', 'fault')) FROM q
    UNION ALL SELECT 'r12_region_codes', count(*) FILTER (WHERE region NOT IN ('330102', '330105', '330106', '330108', '330109')) FROM q
    UNION ALL SELECT 'r13_phone_pattern', count(*) FILTER (WHERE NOT regexp_full_match(phone, '1[3-9]\\d{9}')) FROM q
    UNION ALL SELECT 'r14_capacity_codes', count(*) FILTER (WHERE capacity_kw NOT IN (10, 20, 50, 100, 200)) FROM q
    UNION ALL SELECT 'r15_primary_key', (SELECT count(*) FILTER (WHERE meter_id IS NULL OR minute IS NULL) FROM q)
      + (SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n FROM q WHERE meter_id IS NOT NULL AND minute IS NOT NULL GROUP BY meter_id, minute))
    UNION ALL SELECT 'r16_registered_meter', count(*) FROM q ANTI JOIN register r ON q.meter_id = r.meter_id WHERE q.meter_id IS NOT NULL
    UNION ALL SELECT 'r17_energy_within_capacity', count(*) FILTER (WHERE NOT (kwh <= capacity_kw * 0.25)) FROM q
    UNION ALL SELECT 'r18_power_within_capacity', count(*) FILTER (WHERE NOT (current * voltage * pf / 1000 <= capacity_kw * 1.2)) FROM q
    UNION ALL SELECT 'r19_time_increases', count(*) FILTER (WHERE minute <= prev) FROM
      (SELECT minute, lag(minute) OVER (PARTITION BY meter_id ORDER BY rn) AS prev FROM q)
    UNION ALL SELECT 'r20_row_count', CASE WHEN (SELECT count(*) FROM q) >= 1 THEN 0 ELSE 1 END
  ) ORDER BY rule`, 'rule_failures.csv'),
];

// DuckDB reads GB18030 only through its `encodings` extension, downloaded at run time; offline,
// a DuckDB user converts the file to UTF-8 first. The conversion is part of the measured time.
async function toUtf8(from, to) {
  const decoder = new TextDecoder('gb18030');
  const sink = createWriteStream(to);
  for await (const chunk of createReadStream(from, { highWaterMark: 1 << 22 })) {
    if (!sink.write(decoder.decode(chunk, { stream: true }))) await once(sink, 'drain');
  }
  sink.end(decoder.decode());
  await once(sink, 'finish');
}

const workloads = {
  groupby_1k: () => groupBy('k1k'),
  groupby_1m: () => groupBy('k1m'),
  join: () => [copy(`SELECT category, count(*) AS n, sum(v) AS total_v, sum(v * weight) AS weighted_v
      FROM ${readings} r JOIN read_csv(${f('dims.csv')}, header = true,
        columns = {'key': 'BIGINT', 'category': 'BIGINT', 'weight': 'DOUBLE'}) d ON r.k1m = d.key
      GROUP BY category ORDER BY category`, 'totals.csv')],
  rolling: () => [copy(`SELECT meter, count(mean96) AS windows, sum(mean96) AS mean_sum, sum(std96) AS std_sum
      FROM (SELECT meter,
              CASE WHEN count(kwh) OVER w = 96 THEN avg(kwh) OVER w END AS mean96,
              CASE WHEN count(kwh) OVER w = 96 THEN stddev_samp(kwh) OVER w END AS std96
            FROM read_csv(${f('meters.csv')}, header = true,
              columns = {'meter': 'BIGINT', 't': 'BIGINT', 'kwh': 'DOUBLE'})
            WINDOW w AS (PARTITION BY meter ORDER BY t ROWS BETWEEN 95 PRECEDING AND CURRENT ROW))
      GROUP BY meter ORDER BY meter`, 'per_meter.csv')],
  ingest: () => ingest('mixed.csv'),
  ingest_gb18030: async () => {
    const utf8 = join(out, 'mixed_utf8.csv');
    await toUtf8(join(data, 'mixed_gb18030.csv'), utf8);
    return [
      `CREATE TABLE mixed AS SELECT * FROM ${mixed('x').replace(f('x'), `'${utf8}'`)}`,
      ...ingest('x').slice(1),
    ];
  },
  quality: () => qualitySql,
  power_status: () => [
    `CREATE TABLE base_users AS SELECT * FROM read_csv(${f('users.csv')}, header = true)
       WHERE user_type <> 'resident' AND capacity_kva >= 15`,
    `CREATE TABLE daily_status AS SELECT d.*, b.region, CASE WHEN d.kwh >= 6 THEN 1 ELSE 0 END AS producing_int
       FROM read_csv(${f('daily_kwh.csv')}, header = true, types = {'kwh': 'DOUBLE', 'date': 'DATE'}) d
       JOIN base_users b USING (user_id)`,
    copy(`SELECT date, count(*) AS base_users, sum(producing_int) AS producing_users, sum(kwh) AS kwh
          FROM daily_status GROUP BY date ORDER BY date`, 'city_daily.csv'),
    copy(`SELECT region, date, count(*) AS base_users, sum(producing_int) AS producing_users
          FROM daily_status GROUP BY region, date ORDER BY region, date`, 'region_daily.csv'),
  ],
};

if (!workloads[workload]) {
  console.error(`duckdb_run: unknown workload ${workload}; known: ${Object.keys(workloads).join(', ')}`);
  process.exit(2);
}
const instance = await DuckDBInstance.create(':memory:', { threads: String(threads || 2) });
const conn = await instance.connect();
for (const sql of await workloads[workload]()) await conn.run(sql);
rmSync(join(out, 'mixed_utf8.csv'), { force: true });
