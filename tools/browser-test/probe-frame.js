// Shared by the browser probes (probe.html, load-probe.html): loads a page in a 1280x900
// frame, forces layout, hands the frame's window and document to `measure`, and writes the
// key=value lines it says into #result for `chromium --dump-dom` to print. Runs in the frame's
// load handler, so it is done before the probe's own load event, when --dump-dom takes the DOM.
function probeFrame(url, measure) {
  var out = [];
  function say(k, v) { out.push(k + '=' + v); }
  var frame = document.createElement('iframe');
  frame.style.width = '1280px'; frame.style.height = '900px';
  frame.onload = function () {
    try {
      var w = frame.contentWindow, d = frame.contentDocument;
      d.body.getBoundingClientRect();  // "loaded" means laid out too
      say('load_ms', Math.round(w.performance.now()));
      say('page_overflow_px', Math.max(0, d.documentElement.scrollWidth - d.documentElement.clientWidth));
      measure(w, d, say);
    } catch (e) { say('probe_error', e); }
    document.getElementById('result').textContent = out.join('\n');
  };
  frame.src = url;
  document.body.appendChild(frame);
}
