// SPDX-License-Identifier: AGPL-3.0-or-later
// queue.js: the counter queue's pages that change by themselves.
//  - The display board (#board) follows its office through Server-Sent
//    Events (GET /queue/{code}/events): every "board" event is the whole
//    board; "ping" events say the stream is alive. When the stream ends (a
//    server restart) the browser reconnects by itself, and this script
//    opens a new one when the browser gives up. When no event arrives for
//    a while (a proxy that holds the stream back) or EventSource does not
//    exist, it refreshes from the JSON API every few seconds instead. A
//    new call plays a chime.
//  - The citizen's phone page (#follow) asks the API for its ticket at
//    every event of its office's board, and every 30 s in any case.
//  - The kiosk's ticket ([data-autoprint]) prints itself and returns to
//    the kiosk a few seconds after printing.
// No inline script anywhere: the Content-Security-Policy forbids it.
(function () {
  'use strict';

  var POLL_MS = 5000;        // refresh period without events
  var SILENT_MS = 40000;     // no event for this long: the stream is stuck
  var RECONNECT_MS = 2000;   // a new EventSource after the browser gave up

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function hhmm(iso) {
    return iso ? iso.substring(11, 13) + '.' + iso.substring(14, 16) : '';
  }

  // A stream of one office's board: calls onBoard(data) for every board,
  // onState('live' | 'polling' | 'offline').
  function follow(eventsUrl, apiUrl, onBoard, onState) {
    var es = null;
    var lastEvent = Date.now();
    var pollTimer = null;

    function poll() {
      fetch(apiUrl, { headers: { Accept: 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (d) { if (d) onBoard(d); })
        .catch(function () {});
    }
    function startPolling() {
      if (pollTimer) return;
      onState('polling');
      poll();
      pollTimer = setInterval(poll, POLL_MS);
    }
    function stopPolling() {
      if (!pollTimer) return;
      clearInterval(pollTimer);
      pollTimer = null;
    }
    function alive() {
      lastEvent = Date.now();
      stopPolling();
      onState('live');
    }
    function open() {
      es = new EventSource(eventsUrl);
      es.addEventListener('open', alive);
      es.addEventListener('board', function (e) {
        alive();
        try { onBoard(JSON.parse(e.data)); } catch (err) { /* skip */ }
      });
      es.addEventListener('ping', alive);
      es.addEventListener('error', function () {
        onState('offline');
        if (es.readyState === 2) { // CLOSED: the browser gave up
          es.close();
          setTimeout(open, RECONNECT_MS);
        }
      });
    }
    if (!window.EventSource) {
      startPolling();
      return;
    }
    open();
    setInterval(function () {
      if (Date.now() - lastEvent > SILENT_MS) {
        startPolling();
        es.close();
        open();
        lastEvent = Date.now();
      }
    }, 5000);
  }

  // ---- The display board ----
  function chime(ctx) {
    if (!ctx || ctx.state !== 'running') return;
    var t = ctx.currentTime;
    [660, 880].forEach(function (f, i) {
      var o = ctx.createOscillator();
      var g = ctx.createGain();
      o.frequency.value = f;
      g.gain.setValueAtTime(0.0001, t + i * 0.35);
      g.gain.exponentialRampToValueAtTime(0.4, t + i * 0.35 + 0.02);
      g.gain.exponentialRampToValueAtTime(0.0001, t + i * 0.35 + 0.6);
      o.connect(g);
      g.connect(ctx.destination);
      o.start(t + i * 0.35);
      o.stop(t + i * 0.35 + 0.65);
    });
  }

  function board(root) {
    var serving = document.getElementById('board-serving');
    var calls = document.getElementById('board-calls');
    var waiting = document.getElementById('board-waiting');
    var state = document.getElementById('board-state');
    var soundBtn = document.getElementById('board-sound');
    var lastCall = null;
    var first = calls.querySelector('li');
    if (first) lastCall = first.getAttribute('data-id');
    var ctx = null;
    try { ctx = new (window.AudioContext || window.webkitAudioContext)(); }
    catch (e) { ctx = null; }
    if (ctx && ctx.state !== 'running' && soundBtn) {
      soundBtn.hidden = false;
      soundBtn.addEventListener('click', function () {
        ctx.resume();
        soundBtn.hidden = true;
      });
    }

    function render(d) {
      root.setAttribute('data-seq', String(d.seq));
      waiting.textContent = String(d.waiting);
      serving.textContent = '';
      d.serving.forEach(function (s) {
        var li = el('li', s.state + (s.priority ? ' prio' : ''));
        li.appendChild(el('span', 'number', s.ticket));
        li.appendChild(el('span', 'arrow', '→'));
        li.appendChild(el('span', 'counter', s.counter_name || s.counter));
        serving.appendChild(li);
      });
      calls.textContent = '';
      d.calls.forEach(function (c) {
        var li = el('li');
        li.setAttribute('data-id', String(c.id));
        li.appendChild(el('span', 'number', c.ticket));
        li.appendChild(document.createTextNode(' '));
        li.appendChild(el('span', 'counter', c.counter_name || c.counter));
        li.appendChild(document.createTextNode(' '));
        li.appendChild(el('span', 'time', hhmm(c.at)));
        calls.appendChild(li);
      });
      var newest = d.calls.length ? String(d.calls[0].id) : null;
      if (newest && newest !== lastCall) {
        if (lastCall !== null || first === null) chime(ctx);
        var li0 = calls.querySelector('li');
        if (li0) li0.className = 'fresh';
      }
      lastCall = newest;
      first = calls.querySelector('li');
    }
    function setState(s) {
      state.textContent = state.getAttribute('data-' + s) || '';
      state.className = 'board-state ' + s;
      root.setAttribute('data-state', s);
    }
    follow(root.getAttribute('data-events'), root.getAttribute('data-api'),
      render, setState);
  }

  // ---- The citizen's phone page ----
  function phone(root) {
    var api = root.getAttribute('data-api');
    var en = document.documentElement.lang === 'en';
    function refresh() {
      fetch(api, { headers: { Accept: 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (t) {
          if (!t) return;
          document.getElementById('follow-state').textContent =
            en ? t.state_text.en : t.state_text.id;
          document.getElementById('follow-ahead').textContent = String(t.ahead);
          document.getElementById('follow-estimate').textContent =
            t.estimate_minutes === null
              ? (en ? 'cannot be estimated yet' : 'belum dapat diperkirakan')
              : '± ' + t.estimate_minutes + (en ? ' minutes' : ' menit');
          var called = t.state === 'called' || t.state === 'serving';
          document.getElementById('follow-counter').textContent =
            called && t.counter ? t.counter_name || t.counter : '—';
          root.setAttribute('data-state', t.state);
          if (t.state === 'called' && navigator.vibrate) navigator.vibrate(400);
        })
        .catch(function () {});
    }
    follow(root.getAttribute('data-events'), api, refresh, function () {});
    setInterval(refresh, 30000);
  }

  // ---- The kiosk's ticket ----
  // window.print() returns when the ticket is printed (a kiosk browser
  // prints silently, Chromium's --kiosk-printing); then the ticket stays on
  // the screen for data-return-after seconds (0: until "Done" is tapped)
  // and the kiosk is ready for the next citizen.
  function autoprint(box) {
    var back = box.getAttribute('data-return');
    var after = Number(box.getAttribute('data-return-after') || '10');
    setTimeout(function () {
      window.print();
      if (back && after > 0) {
        setTimeout(function () { window.location.assign(back); }, after * 1000);
      }
    }, 300);
  }

  var b = document.getElementById('board');
  if (b) board(b);
  var f = document.getElementById('follow');
  if (f) phone(f);
  var p = document.querySelector('[data-autoprint]');
  if (p) autoprint(p);
})();
