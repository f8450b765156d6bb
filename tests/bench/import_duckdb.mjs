// Loads the benchmark's Online-Retail-shaped CSV into DuckDB (npm @duckdb/node-api) and prints
// the time, for a side-by-side figure with tests/bench/import_bench.
//   build-native/import_bench --csv /tmp/sk-bench.csv
//   NODE_PATH=~/.cache/shopkeeper/node/node_modules node tests/bench/import_duckdb.mjs /tmp/sk-bench.csv
// Install once: npm install --prefix ~/.cache/shopkeeper/node @duckdb/node-api
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';

const csv = process.argv[2] ?? '/tmp/sk-bench.csv';
const require = createRequire(join(homedir(), '.cache/shopkeeper/node/node_modules/'));
let duckdb;
try {
  duckdb = require('@duckdb/node-api');
} catch (e) {
  console.log('DuckDB is not installed: npm install --prefix ~/.cache/shopkeeper/node @duckdb/node-api');
  process.exit(0);
}
const { DuckDBInstance } = duckdb;
const instance = await DuckDBInstance.create(':memory:');
const con = await instance.connect();
const t0 = performance.now();
await con.run(`CREATE TABLE lines AS SELECT * FROM read_csv('${csv.replaceAll("'", "''")}', header=true,
  columns={'InvoiceNo':'VARCHAR','StockCode':'VARCHAR','Description':'VARCHAR','Quantity':'BIGINT',
           'InvoiceDate':'VARCHAR','UnitPrice':'DECIMAL(18,2)','CustomerID':'VARCHAR','Country':'VARCHAR'})`);
const t1 = performance.now();
// The same grouping the importer does: invoices as orders with their totals.
await con.run(`CREATE TABLE orders AS SELECT InvoiceNo AS id, min(CustomerID) AS customer_id,
  min(strptime(InvoiceDate, '%m/%d/%Y %H:%M')) AS placed_at, sum(Quantity * UnitPrice) AS items_amount
  FROM lines GROUP BY InvoiceNo`);
const t2 = performance.now();
const count = (await con.runAndReadAll('SELECT count(*) FROM lines')).getRows()[0][0];
const orders = (await con.runAndReadAll('SELECT count(*) FROM orders')).getRows()[0][0];
console.log(`DuckDB ${duckdb.version ? duckdb.version() : ''}: read_csv ${count} lines in ${((t1 - t0) / 1000).toFixed(2)} s, ` +
            `grouped into ${orders} orders in ${((t2 - t1) / 1000).toFixed(2)} s (in memory, no durability)`);
