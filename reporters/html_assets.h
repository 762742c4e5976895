#pragma once
// The HTML report's inline style and script. Inline only: the report must open from a file,
// offline, and its Content-Security-Policy forbids loading anything.

#include <string_view>

namespace gpc::reporters {

inline constexpr std::string_view kHtmlStyle = R"css(
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:1200px;padding:1em 2em;color:#1d2329;background:#fff}
h1{font-size:1.6em;margin:.2em 0}h2{font-size:1.25em;border-bottom:1px solid #ccd;padding-bottom:.2em;margin-top:1.6em}
table{border-collapse:collapse;margin:.4em 0}th,td{border:1px solid #d4d8dd;padding:.25em .55em;text-align:left;vertical-align:top}
th{background:#f1f3f5}td.n{text-align:right;font-variant-numeric:tabular-nums}
code,pre{font:12.5px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
pre{background:#f6f8fa;border:1px solid #e1e4e8;padding:.6em;overflow:auto;max-height:40em;white-space:pre-wrap;word-break:break-all}
.v{display:inline-block;min-width:4.6em;text-align:center;font-weight:600;border-radius:3px;padding:0 .3em;color:#fff}
.v-passed{background:#1a7f37}.v-failed{background:#cf222e}.v-errored{background:#8250df}.v-skipped{background:#9a6700}.v-flaky{background:#0969da}.v-waived{background:#0a6e7a}
#requirements summary h2{display:inline;border:0}#requirements>details>summary{cursor:pointer}
details.case{border:1px solid #d4d8dd;border-radius:4px;margin:.35em 0;padding:.2em .6em}
details.case>summary{cursor:pointer}details.case[open]{background:#fcfcfd}
details.exchange{margin:.5em 0 .5em 1em}details.exchange>summary{cursor:pointer;font-family:ui-monospace,monospace}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.1em 1em;margin:.5em 0}dl.meta dt{font-weight:600}dl.meta dd{margin:0}
tr.fail td{background:#fff1f0}tr.warn td{background:#fff8c5}.v-warn{background:#9a6700}.faults{background:#fff8c5;border:1px solid #d4a72c;padding:.5em;border-radius:4px}
.note{color:#57606a;font-style:italic}.digest code{word-break:break-all}#filters label{margin-right:1.2em}
#filters{position:sticky;top:0;background:#fff;z-index:1;border-bottom:1px solid #ccd;padding-bottom:.2em}
#filters p{margin:.35em 0}#shown{color:#57606a}
table.checks{width:100%;table-layout:fixed}table.checks col.c-result{width:5em}table.checks col.c-kind{width:10.5em}
table.checks col.c-step{width:5.5em}table.checks td,table.checks th{overflow-wrap:anywhere}
td code{white-space:pre-wrap;overflow-wrap:anywhere}table.headers td code{word-break:break-all}
small.req,p.req{color:#57606a}details.case>summary small.req{margin-left:5.2em}
.banner{font-size:1.35em;margin:.2em 0 .6em;padding:.45em .8em;border-radius:4px;color:#fff}
.banner.pass{background:#1a7f37}.banner.fail{background:#cf222e}
body{overflow-wrap:anywhere}table{max-width:100%}code{overflow-wrap:anywhere}.run td code{word-break:break-all}
p.m{margin:.25em 0;color:#57606a}ul.ck{margin:.25em 0;padding-left:1.4em;font-size:12.5px;color:#3d444d}
pre.xsum{max-height:none}mark{background:#ffe58f;color:inherit}
details.case{content-visibility:auto;contain-intrinsic-size:auto 2.8em}
@media print{#filters{display:none}details.case{content-visibility:visible}pre{max-height:none;overflow:visible}
.banner,.v{-webkit-print-color-adjust:exact;print-color-adjust:exact}
details.case[data-verdict=passed]>:not(summary),details.case[data-verdict=skipped]>:not(summary){display:none}
details.case[data-verdict=passed],details.case[data-verdict=skipped]{border:0;margin:0;padding:0}}
)css";

// Filters: a checkbox per verdict and a Find box (every word must occur somewhere in the case:
// id, title, reason, requirement, check messages, evidence text); both kept in the URL hash
// (#verdict=failed,errored&q=words) so a filtered view can be bookmarked or sent. Buttons open
// the shown cases or close all. Printing opens failed and errored cases with their exchanges.
inline constexpr std::string_view kHtmlScript = R"js(
(function(){
  var boxes=Array.prototype.slice.call(document.querySelectorAll('#filters input[data-verdict]'));
  var find=document.getElementById('find');
  var cases=Array.prototype.slice.call(document.querySelectorAll('details.case'));
  var texts=null;
  function textOf(i){
    if(!texts)texts=cases.map(function(c){return c.textContent.toLowerCase();});
    return texts[i];
  }
  function readHash(){
    var h=location.hash.slice(1);
    if(!h||h.indexOf('case-')===0)return;
    var p=new URLSearchParams(h),v=p.get('verdict'),q=p.get('q');
    if(v!==null){var set=v.split(',');boxes.forEach(function(b){b.checked=set.indexOf(b.getAttribute('data-verdict'))>=0;});}
    if(q!==null)find.value=q;
  }
  function writeHash(){
    var v=boxes.filter(function(b){return b.checked;}).map(function(b){return b.getAttribute('data-verdict');});
    var p=new URLSearchParams();
    if(v.length!==boxes.length)p.set('verdict',v.join(','));
    if(find.value)p.set('q',find.value);
    var h=p.toString();
    history.replaceState(null,'',h?'#'+h:location.pathname+location.search);
  }
  function apply(){
    var shown={},words=find.value.toLowerCase().split(/\s+/).filter(Boolean),n=0;
    boxes.forEach(function(b){shown[b.getAttribute('data-verdict')]=b.checked;});
    cases.forEach(function(c,i){
      var hide=!shown[c.getAttribute('data-verdict')]||!words.every(function(w){return textOf(i).indexOf(w)>=0;});
      c.hidden=hide;
      if(!hide)n++;
    });
    document.getElementById('shown').textContent=n+' of '+cases.length+' cases shown';
  }
  function changed(){apply();writeHash();}
  boxes.forEach(function(b){b.addEventListener('change',changed);});
  find.addEventListener('input',changed);
  window.addEventListener('hashchange',function(){readHash();apply();});
  document.getElementById('expand').addEventListener('click',function(){
    cases.forEach(function(c){if(!c.hidden)c.open=true;});
  });
  document.getElementById('collapse').addEventListener('click',function(){
    document.querySelectorAll('details').forEach(function(d){d.open=false;});
  });
  var reopened=[];
  window.addEventListener('beforeprint',function(){
    document.querySelectorAll('details.case[data-verdict=failed],details.case[data-verdict=errored],details.case[data-verdict=flaky]').forEach(function(c){
      [c].concat(Array.prototype.slice.call(c.querySelectorAll('details'))).forEach(function(d){
        if(!d.open){d.open=true;reopened.push(d);}
      });
    });
  });
  window.addEventListener('afterprint',function(){reopened.forEach(function(d){d.open=false;});reopened=[];});
  document.getElementById('filters').hidden=false;
  readHash();
  apply();
})();
)js";

}  // namespace gpc::reporters
