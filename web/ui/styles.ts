/** The one stylesheet, served at /static/app.css: plain, readable, phone-first. */
export const APP_CSS = `
*,*::before,*::after{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:16px;line-height:1.5;color:#1f2328;background:#f6f7f9}
a{color:#0b5cad}
a:focus,button:focus,input:focus,select:focus,textarea:focus{outline:3px solid #f2a900;outline-offset:1px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem}
.skip:focus{left:.5rem;z-index:10}
header.top{background:#a3161a;color:#fff;padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;justify-content:space-between}
header.top a{color:#fff}
.brand{font-weight:700;font-size:1.15rem;text-decoration:none}
.brand small{display:block;font-weight:400;font-size:.8rem;opacity:.9}
.top-tools{display:flex;flex-wrap:wrap;gap:.4rem .9rem;align-items:center;font-size:.9rem}
.top-tools form{margin:0}
.top-tools button{background:transparent;color:#fff;border:1px solid #fff;padding:.2rem .6rem;width:auto}
.langs a[aria-current]{font-weight:700;text-decoration:none}
main{max-width:60rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;margin:.5rem 0 1rem}
h2{font-size:1.2rem;margin:1.5rem 0 .6rem}
h3{font-size:1.05rem;margin:1rem 0 .4rem}
section.card{background:#fff;border:1px solid #d8dde3;border-radius:6px;padding:1rem;margin:0 0 1rem}
section.card>h2:first-child{margin-top:0}
.narrow{max-width:26rem;margin:1rem auto}
.pre{white-space:pre-wrap}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{text-align:left;padding:.45rem .5rem;border-bottom:1px solid #e3e6ea;vertical-align:top}
th{background:#eef1f4;font-weight:600}
tr.overdue td{background:#fdecea}
.badge{display:inline-block;padding:0 .45rem;border-radius:999px;font-size:.82rem;background:#e8eef6;color:#1f3b5c;white-space:nowrap}
.badge.warn{background:#b3261e;color:#fff}
.badge.status-RECOGNIZED{background:#dff3e4;color:#135c2a}
.badge.status-REJECTED,.badge.status-STOPPED{background:#f3e0e0;color:#7a1c1c}
.badge.status-RETURNED,.badge.status-REPORTING{background:#fff1cc;color:#664d00}
label{display:block;font-weight:600;margin:.8rem 0 .25rem}
input,select,textarea{width:100%;font:inherit;padding:.5rem;border:1px solid #9aa5b1;border-radius:4px;background:#fff}
textarea{min-height:5.5rem;resize:vertical}
input[aria-invalid=true],select[aria-invalid=true],textarea[aria-invalid=true]{border:2px solid #b3261e}
.field-error{color:#b3261e;font-size:.9rem;margin:.2rem 0 0}
.hint{color:#57606a;font-size:.9rem}
button{font:inherit;padding:.55rem 1.1rem;border-radius:4px;border:1px solid #0b5cad;background:#0b5cad;color:#fff;cursor:pointer;margin-top:.9rem}
button.secondary{background:#fff;color:#0b5cad}
button.danger{background:#b3261e;border-color:#b3261e}
.notice{padding:.7rem 1rem;border-radius:4px;margin:0 0 1rem}
.notice.ok{background:#dff3e4;border:1px solid #8cc79b}
.notice.error{background:#fdecea;border:1px solid #e3a19b}
.row{display:grid;grid-template-columns:1fr;gap:0 1rem}
@media (min-width:40rem){.row{grid-template-columns:repeat(3,1fr)}}
.actions{display:grid;grid-template-columns:1fr;gap:1rem}
@media (min-width:48rem){.actions{grid-template-columns:repeat(3,1fr)}}
.actions form{border:1px solid #d8dde3;border-radius:6px;padding:.8rem}
.actions h3{margin-top:0}
td .actions{display:flex;flex-wrap:wrap;gap:.4rem}td .actions form{border:0;padding:0}
dl.fields dt{font-weight:600;margin-top:.7rem}
dl.fields dd{margin:0;white-space:pre-wrap}
dl.summary{display:grid;grid-template-columns:minmax(0,max-content) max-content;gap:.3rem 1.5rem;margin:0 0 1rem}
dl.summary dt{font-weight:600}
dl.summary dd{margin:0;text-align:right;font-variant-numeric:tabular-nums}
ol.lifecycle{list-style:none;display:flex;flex-direction:column;gap:.3rem;padding:0;margin:0 0 .8rem}
@media (min-width:40rem){ol.lifecycle{flex-direction:row;flex-wrap:wrap}ol.lifecycle li{flex:1 1 6.5rem}}
ol.lifecycle li{border:1px solid #b8c2cc;border-radius:4px;padding:.4rem .5rem;background:#fff;font-size:.88rem;position:relative}
ol.lifecycle li.current{background:#a3161a;border-color:#a3161a;color:#fff;font-weight:700}
ol.lifecycle li.done{background:#e8f3ec;border-color:#2e7d4f;color:#1b4d30}
ol.lifecycle li.done .tick{color:#2e7d4f;font-weight:700}
ol.lifecycle li .status{display:block;font-weight:400;font-size:.8rem}
@media (max-width:40rem){
table.stack thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
table.stack,table.stack tbody,table.stack tr,table.stack td,table.stack tbody th{display:block;width:100%}
table.stack tr{border-bottom:2px solid #d8dde3;padding:.3rem 0}
table.stack td,table.stack tbody th{border:0;padding:.15rem .3rem;display:grid;grid-template-columns:7rem 1fr;gap:.5rem}
table.stack td::before,table.stack tbody th::before{content:attr(data-label);font-weight:600;color:#57606a}
}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
fieldset{border:1px solid #d8dde3;border-radius:6px;padding:.4rem .9rem .8rem;margin:1rem 0 0}
legend{font-weight:600;padding:0 .3rem}
label.choice{display:flex;gap:.5rem;align-items:center;font-weight:400;margin:.45rem 0}
input[type=checkbox],input[type=radio]{width:1.2rem;height:1.2rem;margin:0}
input[type=file]{padding:.4rem}
.buttons{display:flex;flex-wrap:wrap;gap:.3rem 1rem;align-items:center}
@media (min-width:48rem){.row.four{grid-template-columns:repeat(4,1fr)}.actions.two{grid-template-columns:repeat(2,1fr)}}
form.inline{display:inline;margin:0}
button.small{padding:.2rem .7rem;margin-top:0}
.subnav{display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;margin:0 0 1rem;padding:.5rem .8rem;background:#fff;border:1px solid #d8dde3;border-radius:6px}
.subnav a[aria-current]{font-weight:700;text-decoration:none;color:#1f2328}
.tree ul{list-style:none;margin:.2rem 0;padding-left:1.1rem;border-left:1px dashed #b8c2cc}
.tree>ul{padding-left:0;border-left:0}
.tree li{margin:.35rem 0}
table.scores input[type=number]{max-width:7rem}
table.sheet select{min-width:11rem}
table.sheet input[type=number]{max-width:5.5rem}
table.sheet caption{text-align:left;font-weight:600;padding:.4rem 0}
progress{width:100%;height:1rem}
.notice p{margin:.2rem 0}
.pager{display:flex;flex-wrap:wrap;gap:.3rem .8rem;align-items:center;margin-top:1rem}
.pager a,.pager strong{padding:.2rem .5rem;min-width:2rem;text-align:center}
.top-search{display:flex;gap:.3rem;align-items:center;margin:0}
.top-search input{width:12rem;padding:.2rem .4rem}
.top-search button{margin-top:0}
`;

/** The certificate page only: A4 landscape when printed, without the site's header. */
export const CERTIFICATE_CSS = `
.certificate{background:#fff;border:6px double #a3161a;padding:1.5rem 2rem;margin:1rem auto;text-align:center;font-family:"Times New Roman",Times,serif;color:#111}
.cert-head{display:flex;flex-wrap:wrap;justify-content:space-between;gap:1rem;font-size:.95rem}
.cert-head p{margin:0;flex:1 1 14rem}
.cert-nation .motto{display:inline-block;border-bottom:1px solid #111}
.certificate h1{font-size:2.2rem;color:#a3161a;letter-spacing:.08em;margin:1.5rem 0 .3rem}
.cert-sub{font-style:italic;margin:0 0 1rem}
.cert-name{font-size:1.6rem;font-weight:700;color:#0b3d91;margin:.3rem 0 1rem}
dl.cert-fields{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem;text-align:left;max-width:36rem;margin:0 auto 1rem}
dl.cert-fields dt{font-weight:600}
dl.cert-fields dd{margin:0}
.cert-issuer .star{display:block}
.cert-sign{margin:2rem 0 0 auto;max-width:24rem;text-align:center}
.cert-sign p{margin:.2rem 0}
.cert-sign .seal{height:4.5rem}
@page{size:A4 landscape;margin:10mm}
@media print{
header.top,.skip,.no-print{display:none!important}
body{background:#fff}
main{max-width:none;padding:0}
.certificate{margin:0;min-height:180mm;break-inside:avoid}
}
`;
