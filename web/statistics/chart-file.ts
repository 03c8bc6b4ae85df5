/**
 * Chart.js's browser (UMD) build, served at /static/chart.js. The deployed web function
 * has it next to its bundle (infra/constructs/web-app.ts copies it there at synth, from
 * the project's node_modules); local runs read it from the chart.js package.
 */
export const CHART_JS_FILE = 'chart.umd.min.js';
/** Where the copy comes from, relative to the repository. */
export const CHART_JS_SOURCE = `node_modules/chart.js/dist/${CHART_JS_FILE}`;
