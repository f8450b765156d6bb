// The analytics dashboard in SQL on DuckDB (npm @duckdb/node-api), beside the native core.
//   build-native/analytics_bench --export-csv DIR      (writes the tables as CSV + ranges.json + native.json)
//   node tests/bench/analytics_duckdb.mjs DIR [reps]
// Offline: DuckDB's sqlite extension would have to be downloaded, so the tables travel as CSV
// (read with read_csv and explicit column types). Loading also precomputes what load_dataset
// precomputes (order day, each customer's first valid order, the cost of each refunded line),
// so both sides time only the per-range work: KPIs for the range and the comparison range,
// daily series, top 20 products with comparison and daily series, sources with ad spend, the
// source breakdown and the funnel. Prints warm median times beside the native figures.
// Install: npm install --prefix ~/.cache/shopkeeper/node @duckdb/node-api
import { createRequire } from 'node:module';
import { readFileSync, existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const nodeDir = process.env.SHOPKEEPER_NODE_DIR || join(homedir(), '.cache/shopkeeper/node');
const require = createRequire(join(nodeDir, 'package.json'));
const { DuckDBInstance } = require('@duckdb/node-api');

const dir = process.argv[2];
const reps = Number(process.argv[3] || 15);
if (!dir || !existsSync(join(dir, 'ranges.json'))) {
  console.error('usage: node analytics_duckdb.mjs CSV_DIR [reps]   (CSV_DIR from analytics_bench --export-csv)');
  process.exit(2);
}
const ranges = JSON.parse(readFileSync(join(dir, 'ranges.json'), 'utf8'));
const native = existsSync(join(dir, 'native.json')) ? JSON.parse(readFileSync(join(dir, 'native.json'), 'utf8')) : null;

const instance = await DuckDBInstance.create(':memory:');
const con = await instance.connect();
const threads = process.env.DUCKDB_THREADS;  // default: DuckDB's own (all cores)
if (threads) await con.run(`SET threads = ${Number(threads)}`);
const q = async (sql) => (await con.runAndReadAll(sql)).getRowObjectsJson();
const loadSteps = [];
const step = async (name, sql) => {
  const t = performance.now();
  await q(sql);
  loadSteps.push(`${name} ${(performance.now() - t).toFixed(0)} ms`);
};
const csv = (f, cols) =>
  `read_csv('${join(dir, f)}', header = true, allow_quoted_nulls = false, columns = ${cols})`;

const t0 = performance.now();
await step('products', `CREATE TABLE products AS SELECT * FROM ${csv('products.csv',
  "{'sku': 'VARCHAR', 'category': 'VARCHAR', 'unit_cost': 'BIGINT', 'stock': 'BIGINT'}")}`);
await step('orders', `CREATE TABLE orders AS SELECT *, CAST(floor(placed_at / 86400) AS INTEGER) AS day FROM ${csv('orders.csv',
  "{'id': 'VARCHAR', 'customer_id': 'VARCHAR', 'placed_at': 'BIGINT', 'status': 'INTEGER', 'channel': 'VARCHAR', " +
  "'traffic_source': 'VARCHAR', 'items_amount': 'BIGINT', 'discount_amount': 'BIGINT', 'shipping_amount': 'BIGINT', " +
  "'paid_amount': 'BIGINT'}")} ORDER BY placed_at, id`);
await step('order_lines', `CREATE TABLE order_lines AS SELECT l.*, COALESCE(l.unit_cost, p.unit_cost) AS cost FROM ${csv('order_lines.csv',
  "{'order_id': 'VARCHAR', 'line_no': 'INTEGER', 'sku': 'VARCHAR', 'qty': 'BIGINT', 'unit_price': 'BIGINT', " +
  "'discount_amount': 'BIGINT', 'unit_cost': 'BIGINT'}")} l LEFT JOIN products p ON p.sku = l.sku`);
await step('refunds', `CREATE TABLE refunds AS SELECT r.*, fl.cost AS line_cost, fl.sku AS line_sku FROM ${csv('refunds.csv',
  "{'order_id': 'VARCHAR', 'sku': 'VARCHAR', 'qty': 'BIGINT', 'amount': 'BIGINT', 'refunded_at': 'BIGINT'}")} r
  LEFT JOIN (SELECT order_id, sku, cost FROM (
      SELECT order_id, sku, cost, row_number() OVER (PARTITION BY order_id, sku ORDER BY line_no) AS rn
      FROM order_lines WHERE order_id IN (SELECT order_id FROM ${csv('refunds.csv',
  "{'order_id': 'VARCHAR', 'sku': 'VARCHAR', 'qty': 'BIGINT', 'amount': 'BIGINT', 'refunded_at': 'BIGINT'}")}))
    WHERE rn = 1) fl
    ON fl.order_id = r.order_id AND fl.sku = r.sku AND r.sku <> ''`);
await step('traffic_daily', `CREATE TABLE traffic_daily AS SELECT * FROM ${csv('traffic_daily.csv',
  "{'day': 'INTEGER', 'source': 'VARCHAR', 'visitors': 'BIGINT', 'page_views': 'BIGINT', 'sessions': 'BIGINT', " +
  "'product_views': 'BIGINT', 'add_to_carts': 'BIGINT', 'avg_seconds': 'DOUBLE'}")}`);
await step('ad_spend', `CREATE TABLE ad_spend AS SELECT * FROM ${csv('ad_spend.csv',
  "{'day': 'INTEGER', 'channel': 'VARCHAR', 'spend': 'BIGINT', 'impressions': 'BIGINT', 'clicks': 'BIGINT'}")}`);
await step('firsts', `CREATE TABLE firsts AS SELECT customer_id, day AS first_day, traffic_source AS first_source FROM (
  SELECT customer_id, day, traffic_source, row_number() OVER (PARTITION BY customer_id ORDER BY placed_at, id) AS rn
  FROM orders WHERE status IN (1, 2, 3, 5) AND customer_id IS NOT NULL) WHERE rn = 1`);
const loadMs = performance.now() - t0;


const V = 'status IN (1, 2, 3, 5)';
function kpiSql(a, b) {
  return `WITH o AS (SELECT * FROM orders WHERE day BETWEEN ${a} AND ${b}),
  v AS (SELECT * FROM o WHERE ${V}),
  lc AS (SELECT l.qty, l.cost FROM order_lines l JOIN v ON v.id = l.order_id),
  rf AS (SELECT r.qty, r.amount, r.line_cost FROM refunds r JOIN v ON v.id = r.order_id),
  t AS (SELECT visitors, page_views, CASE WHEN sessions > 0 THEN sessions ELSE visitors END AS visits, avg_seconds
        FROM traffic_daily WHERE day BETWEEN ${a} AND ${b}),
  cust AS (SELECT customer_id, count(*) AS n FROM v WHERE customer_id IS NOT NULL GROUP BY 1)
  SELECT (SELECT count(*) FROM o) AS orders,
    (SELECT coalesce(sum(items_amount - discount_amount + shipping_amount), 0) FROM o) AS gmv,
    (SELECT count(*) FROM v) AS valid_orders, (SELECT coalesce(sum(paid_amount), 0) FROM v) AS sales,
    (SELECT coalesce(sum(qty), 0) FROM lc) AS units, (SELECT coalesce(sum(qty * cost), 0) FROM lc) AS cost_sold,
    (SELECT count(*) FROM lc WHERE cost IS NULL) AS lines_without_cost,
    (SELECT coalesce(sum(amount), 0) FROM rf) AS refunds, (SELECT coalesce(sum(qty), 0) FROM rf) AS refunded_units,
    (SELECT coalesce(sum(qty * line_cost), 0) FROM rf) AS cost_refunded,
    (SELECT count(*) FROM cust) AS customers, (SELECT count(*) FROM cust WHERE n >= 2) AS repeaters,
    (SELECT count(*) FROM cust JOIN firsts USING (customer_id) WHERE first_day >= ${a}) AS new_customers,
    (SELECT coalesce(sum(visitors), 0) FROM t) AS visitors, (SELECT coalesce(sum(page_views), 0) FROM t) AS page_views,
    (SELECT coalesce(sum(visits), 0) FROM t) AS visits, (SELECT coalesce(sum(avg_seconds * visits), 0) FROM t) AS visit_seconds`;
}

async function dashboard(r) {
  const out = {};
  out.kpi = (await q(kpiSql(r.first, r.last)))[0];
  out.cmp = (await q(kpiSql(r.cmp_first, r.cmp_last)))[0];
  out.daily = await q(`SELECT day, count(*) AS orders, count(*) FILTER (WHERE ${V}) AS valid_orders,
      coalesce(sum(paid_amount) FILTER (WHERE ${V}), 0) AS sales,
      count(DISTINCT customer_id) FILTER (WHERE ${V}) AS customers
    FROM orders WHERE day BETWEEN ${r.first} AND ${r.last} GROUP BY day ORDER BY day`);
  const prod = (a, b) => `SELECT l.sku, sum(l.qty * l.unit_price - l.discount_amount) AS sales, sum(l.qty) AS units,
      count(DISTINCT l.order_id) AS orders
    FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.day BETWEEN ${a} AND ${b} AND o.${V} GROUP BY 1`;
  out.top = await q(`WITH cur AS (${prod(r.first, r.last)}), top AS (SELECT * FROM cur ORDER BY sales DESC, sku LIMIT 20),
      cmp AS (${prod(r.cmp_first, r.cmp_last)}),
      rf AS (SELECT rf.line_sku AS sku, sum(rf.amount) AS refunds FROM refunds rf JOIN orders o ON o.id = rf.order_id
             WHERE o.day BETWEEN ${r.first} AND ${r.last} AND o.${V} AND rf.line_sku IS NOT NULL GROUP BY 1)
    SELECT top.*, cmp.sales AS compare_sales, rf.refunds FROM top LEFT JOIN cmp USING (sku) LEFT JOIN rf USING (sku)
    ORDER BY top.sales DESC, top.sku`);
  const skus = out.top.map((x) => `'${String(x.sku).replaceAll("'", "''")}'`).join(',') || "''";
  out.topDaily = await q(`SELECT l.sku, o.day, sum(l.qty * l.unit_price - l.discount_amount) AS sales
    FROM order_lines l JOIN orders o ON o.id = l.order_id
    WHERE o.day BETWEEN ${r.first} AND ${r.last} AND o.${V} AND l.sku IN (${skus}) GROUP BY 1, 2`);
  const bySource = (a, b) => `SELECT traffic_source AS source, sum(paid_amount) AS sales, count(*) AS orders
    FROM orders WHERE day BETWEEN ${a} AND ${b} AND ${V} GROUP BY 1`;
  out.sources = await q(`WITH cur AS (${bySource(r.first, r.last)}), cmp AS (${bySource(r.cmp_first, r.cmp_last)}),
      tr AS (SELECT source, sum(visitors) AS visitors, sum(product_views) AS product_views, sum(add_to_carts) AS add_to_carts
             FROM traffic_daily WHERE day BETWEEN ${r.first} AND ${r.last} GROUP BY 1),
      ad AS (SELECT channel AS source, sum(spend) AS spend, sum(clicks) AS clicks, sum(impressions) AS impressions
             FROM ad_spend WHERE day BETWEEN ${r.first} AND ${r.last} GROUP BY 1),
      placed AS (SELECT traffic_source AS source, count(*) AS orders FROM orders WHERE day BETWEEN ${r.first} AND ${r.last} GROUP BY 1),
      nc AS (SELECT first_source AS source, count(*) AS new_customers FROM firsts WHERE first_day BETWEEN ${r.first} AND ${r.last} GROUP BY 1),
      rf AS (SELECT o.traffic_source AS source, sum(rf.amount) AS refunds FROM refunds rf JOIN orders o ON o.id = rf.order_id
             WHERE o.day BETWEEN ${r.first} AND ${r.last} AND o.${V} GROUP BY 1)
    SELECT source, cur.sales, cur.orders AS valid_orders, cmp.sales AS compare_sales, tr.visitors, tr.product_views,
      tr.add_to_carts, placed.orders AS placed_orders, ad.spend, ad.clicks, ad.impressions, nc.new_customers, rf.refunds,
      cur.sales / nullif(ad.spend, 0) AS roas, round(ad.spend / nullif(cur.orders, 0)) AS cost_per_order,
      round(ad.spend / nullif(nc.new_customers, 0)) AS cost_per_new_customer
    FROM cur FULL JOIN cmp USING (source) FULL JOIN tr USING (source) FULL JOIN ad USING (source)
      FULL JOIN placed USING (source) FULL JOIN nc USING (source) FULL JOIN rf USING (source)`);
  return out;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`DuckDB ${(await q('SELECT version() AS v'))[0].v}: CSV load + precompute ${loadMs.toFixed(0)} ms` +
  (native ? `; native dataset load ${native.load_ms.toFixed(0)} ms, ${native.bytes_per_line.toFixed(1)} bytes/line` : ''));
console.log(`  load steps: ${loadSteps.join(', ')}`);
console.log('range'.padEnd(30) + 'duckdb warm median'.padStart(20) + 'native median'.padStart(16) + '  sales (duckdb / native)');
for (const r of ranges) {
  let res = await dashboard(r);  // warm-up
  const times = [];
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    res = await dashboard(r);
    times.push(performance.now() - t);
  }
  const nat = native && native.cases.find((c) => c.name === r.name);
  console.log(r.name.padEnd(30) + `${median(times).toFixed(2)} ms`.padStart(20) +
    (nat ? `${nat.median_ms.toFixed(2)} ms`.padStart(16) : ''.padStart(16)) +
    `  ${res.kpi.sales} / ${nat ? nat.sales : '-'}`);
}
