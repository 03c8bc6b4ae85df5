import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHART_JS_FILE } from './chart-file.ts';

/** The deployed bundle's copy (next to index.mjs), else the chart.js package's file. */
function chartJsPath(): string {
  const bundled = fileURLToPath(new URL(`./${CHART_JS_FILE}`, import.meta.url));
  if (existsSync(bundled)) return bundled;
  return join(dirname(createRequire(import.meta.url).resolve('chart.js')), CHART_JS_FILE);
}

/**
 * Chart.js's UMD build, read once when the app starts and served at /static/chart.js (no CDN).
 * Missing (e.g. a bundle without the copy): the dashboard still shows its tables.
 */
export const CHART_JS: string | undefined = (() => {
  try {
    return readFileSync(chartJsPath(), 'utf8').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
  } catch (error) {
    console.warn('[stats] chart.js not found; the dashboard shows tables only', (error as Error).message);
    return undefined;
  }
})();

/** Draws the dashboard's charts from the JSON block #stats-data; each figure stays hidden without it. */
export const STATS_CHARTS_JS = `(function () {
  'use strict';
  var block = document.getElementById('stats-data');
  if (!block || typeof window.Chart === 'undefined') return;
  var data = JSON.parse(block.textContent || '{}');
  var Chart = window.Chart;
  var palette = ['#a3161a', '#0b5cad', '#2e7d32', '#b26a00', '#6a1b9a', '#00838f', '#5d4037', '#c2185b', '#455a64'];
  var still = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = '#1f2328';
  Chart.defaults.locale = data.locale || 'vi-VN';
  if (still) Chart.defaults.animation = false;
  var count = { beginAtZero: true, ticks: { precision: 0 } };

  function draw(id, config) {
    var canvas = document.getElementById(id);
    if (!canvas) return;
    var figure = canvas.closest('figure');
    if (figure) figure.hidden = false;
    config.options = Object.assign({ responsive: true, maintainAspectRatio: false }, config.options || {});
    new Chart(canvas, config);
  }
  function bars(set, options) {
    return { type: 'bar', data: { labels: set.labels, datasets: [{ label: set.title, data: set.values, backgroundColor: palette }] }, options: options };
  }

  if (data.funnel) draw('chart-funnel', bars(data.funnel, { indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: count } }));
  if (data.statusByYear) {
    draw('chart-status', {
      type: 'bar',
      data: {
        labels: data.statusByYear.years,
        datasets: data.statusByYear.series.map(function (s, i) { return { label: s.label, data: s.values, backgroundColor: s.color || palette[i % palette.length] }; })
      },
      options: { plugins: { legend: { position: 'bottom' } }, scales: { x: { stacked: true }, y: Object.assign({ stacked: true }, count) } }
    });
  }
  if (data.byArea) draw('chart-area', bars(data.byArea, { plugins: { legend: { display: false } }, scales: { y: count } }));
  if (data.byKind) {
    draw('chart-kind', {
      type: 'doughnut',
      data: { labels: data.byKind.labels, datasets: [{ label: data.byKind.title, data: data.byKind.values, backgroundColor: palette }] },
      options: { plugins: { legend: { position: 'bottom' } } }
    });
  }
})();
`;

/** The dashboard's own styles (next to /static/app.css): phone first, two columns when wide. */
export const STATS_CSS = `
.stats-filters .row{grid-template-columns:1fr}
@media (min-width:40rem){.stats-filters .row{grid-template-columns:repeat(2,1fr)}}
@media (min-width:56rem){.stats-filters .row{grid-template-columns:repeat(5,1fr)}}
.key-figures{display:grid;grid-template-columns:repeat(2,1fr);gap:.6rem;margin:0;padding:0;list-style:none}
@media (min-width:40rem){.key-figures{grid-template-columns:repeat(5,1fr)}}
.key-figures li{background:#fff;border:1px solid #d8dde3;border-left:4px solid #a3161a;border-radius:6px;padding:.5rem .7rem}
.key-figures .n{display:block;font-size:1.6rem;font-weight:700;line-height:1.2;font-variant-numeric:tabular-nums}
.key-figures small{display:block;color:#57606a}
.downloads{display:flex;flex-wrap:wrap;gap:.5rem}
.downloads a{display:inline-block;padding:.45rem .9rem;border:1px solid #0b5cad;border-radius:4px;text-decoration:none;background:#fff}
.downloads a:hover{background:#e8eef6}
.charts{display:grid;grid-template-columns:1fr;gap:1rem}
@media (min-width:48rem){.charts{grid-template-columns:repeat(2,1fr)}}
.charts figure{margin:0;border:1px solid #e3e6ea;border-radius:6px;padding:.6rem}
.charts figcaption{font-weight:600;margin-bottom:.4rem}
.chart-box{position:relative;height:16rem}
table.numbers{width:auto;min-width:100%}
table.numbers caption{text-align:left;font-weight:600;padding:.3rem 0}
table.numbers td.num,table.numbers th.num{text-align:right;font-variant-numeric:tabular-nums}
table.numbers td.num{white-space:nowrap}
table.numbers tbody th{font-weight:400;background:transparent}
table.numbers th[scope=row]{min-width:7.5rem}
table.numbers thead th.num{min-width:4.8rem}
table.numbers tfoot th,table.numbers tfoot td{font-weight:700;border-top:2px solid #9aa5b1;background:#f6f7f9}
.table-wrap:focus{outline:3px solid #f2a900}
`;
