/**
 * The site's only assets, kept as strings so that `tsc` builds them into dist/ with the code. The pages
 * work without the script: it only enhances (search as you type, live updates).
 */
export const SITE_CSS = `
:root{--fg:#1a1a1a;--muted:#555;--bg:#fff;--line:#d0d0d0;--accent:#0b5394;--hl:#fff4c2;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif}
*{box-sizing:border-box}
body{margin:0;color:var(--fg);background:var(--bg);line-height:1.45}
a{color:var(--accent)}
a:focus,button:focus,input:focus,select:focus,[tabindex]:focus{outline:3px solid #f0a500;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#000;color:#fff;padding:.5rem}
.skip:focus{left:.5rem}
.top{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;gap:.5rem;padding:.6rem 1rem;background:#0b3d6b;color:#fff}
.top a{color:#fff}
.brand{font-weight:700;text-decoration:none}
.langs ul,.crumbs ol,.pager ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.75rem}
.langs a[aria-current]{font-weight:700;text-decoration:none;border-bottom:2px solid #fff}
.crumbs{padding:.4rem 1rem;font-size:.9rem}
.crumbs li+li::before{content:"›";margin-right:.75rem;color:var(--muted)}
main{padding:0 1rem 2rem;max-width:72rem}
h1{font-size:1.5rem;margin:.8rem 0}
h2{font-size:1.2rem;margin:1.4rem 0 .5rem}
.muted{color:var(--muted)}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
caption{text-align:left;font-weight:600;padding:.3rem 0}
th,td{padding:.35rem .5rem;border-bottom:1px solid var(--line);text-align:left;vertical-align:top;white-space:nowrap}
td.name{white-space:normal;min-width:9rem}
th{background:#f2f4f7}
td.num,th.num{text-align:right}
tr.updated td{background:var(--hl);transition:background 2s}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}
dl.facts dt{font-weight:600}
dl.facts dd{margin:0}
form.filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:flex-end;margin:.5rem 0 1rem}
form.filters label{display:flex;flex-direction:column;font-size:.9rem}
input,select,button{font:inherit;padding:.35rem .5rem;border:1px solid #767676;border-radius:3px;background:#fff;color:var(--fg)}
button{background:var(--accent);color:#fff;border-color:var(--accent);cursor:pointer}
.pager{margin:1rem 0}
.pager a,.pager span{display:inline-block;padding:.35rem .6rem}
.live{margin:.5rem 0;display:flex;gap:.5rem;align-items:center}
.status-finished{color:#1d6b2f}
.status-DNF,.status-DSQ,.status-DNS{color:#8a1c1c}
.cert{display:inline-block;margin:1rem 0;padding:.5rem .8rem;border:2px solid var(--accent);border-radius:4px;font-weight:600}
@media (max-width:40rem){main{padding:0 .5rem 2rem}th,td{padding:.3rem .35rem}.hide-phone{display:none}}
@media print{.top,.crumbs,form,.pager,.live{display:none}}
`;

export const SITE_JS = `(function(){'use strict';
var el=document.getElementById('site-data');var data={};
try{data=el?JSON.parse(el.textContent||'{}'):{};}catch(e){data={};}
function fill(s,v){return String(s).replace(/\\{(\\w+)\\}/g,function(w,k){return k in v?String(v[k]):w;});}
var say=function(){};
var form=document.querySelector('form.filters');
function region(){return document.getElementById('results-region');}
if(form&&region()&&window.fetch&&window.DOMParser&&window.URLSearchParams){
  var timer;var q=form.querySelector('input[name=q]');
  var refresh=function(){
    var params=new URLSearchParams();
    new FormData(form).forEach(function(v,k){if(v!=='')params.set(k,String(v));});
    var url=location.pathname+(params.toString()?'?'+params:'');
    fetch(url,{credentials:'same-origin'}).then(function(r){return r.text();}).then(function(text){
      var next=new DOMParser().parseFromString(text,'text/html').getElementById('results-region');
      var current=region();
      if(next&&current){current.innerHTML=next.innerHTML;history.replaceState(null,'',url);}
    }).catch(function(){});
  };
  if(q)q.addEventListener('input',function(){clearTimeout(timer);timer=setTimeout(refresh,300);});
}
var live=data.live;
if(live&&window.EventSource){
  var box=document.getElementById('live-controls');var toggle=document.getElementById('live-toggle');var out=document.getElementById('live-status');
  if(box)box.hidden=false;
  say=function(text){if(out)out.textContent=text;};
  var num=new Intl.NumberFormat(live.locale);
  var source=null;var outside={};
  var NAMES=['read','correction','status','disqualification','review','update','race','row','result'];
  var setCell=function(tr,col,text,cls){var td=tr.querySelector('[data-col="'+col+'"]');if(!td)return;
    if(td.textContent!==text)td.textContent=text;if(cls!==undefined)td.className=cls;};
  var onMessage=function(ev){
    var payload;try{payload=JSON.parse(ev.data);}catch(e){return;}
    if(!payload||typeof payload!=='object')return;
    var row=payload.row&&typeof payload.row==='object'?payload.row:payload;
    var bib=row.bib;
    if(ev.type==='race'||(bib===undefined&&payload.raceId!==undefined)){say(live.m.race);return;}
    if(typeof bib!=='string'&&typeof bib!=='number')return;
    bib=String(bib);
    var tr=null;var rows=document.querySelectorAll('tr[data-bib]');
    for(var i=0;i<rows.length;i++){if(rows[i].getAttribute('data-bib')===bib){tr=rows[i];break;}}
    if(!tr){outside[bib]=1;say(fill(live.m.more,{count:Object.keys(outside).length}));return;}
    var dash='\\u2013';
    if('place' in row)setCell(tr,'place',row.place==null?dash:num.format(row.place));
    if('gunTime' in row)setCell(tr,'gunTime',row.gunTime||dash);
    if('netTime' in row)setCell(tr,'netTime',row.netTime||dash);
    if('pace' in row)setCell(tr,'pace',row.pace?row.pace+' '+live.perKm:dash);
    if(typeof row.status==='string')setCell(tr,'status',live.status[row.status]||row.status,'status-'+row.status.replace(/[^A-Za-z]/g,''));
    if('categoryPlace' in row&&row.category)setCell(tr,'category',row.category+(row.categoryPlace==null?'':' ('+num.format(row.categoryPlace)+')'));
    tr.classList.remove('updated');void tr.offsetWidth;tr.classList.add('updated');
    say(fill(live.m.updated,{bib:bib}));
  };
  var start=function(){if(source)return;source=new EventSource(live.feed);
    NAMES.forEach(function(n){source.addEventListener(n,onMessage);});source.onmessage=onMessage;};
  var stop=function(){if(source){source.close();source=null;}};
  var apply=function(){if(!toggle||toggle.checked){start();say(live.m.on);}else{stop();say(live.m.off);}};
  if(toggle){try{var saved=sessionStorage.getItem('live');if(saved!==null)toggle.checked=saved==='1';}catch(e){}
    toggle.addEventListener('change',function(){try{sessionStorage.setItem('live',toggle.checked?'1':'0');}catch(e){}apply();});}
  apply();
}
})();
`;
