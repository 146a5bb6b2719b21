// iraed console: live board updates (server-sent events) and elapsed
// times. No framework, no external resource.
(function () {
  'use strict';

  function elapsed(ms) {
    var minutes = Math.floor(ms / 60000);
    if (minutes < 1) return 'just now';
    if (minutes < 60) return minutes + ' min';
    if (minutes < 1440) {
      var m = minutes % 60;
      return Math.floor(minutes / 60) + ' h ' + (m < 10 ? '0' : '') + m +
          ' min';
    }
    return Math.floor(minutes / 1440) + ' d ' +
        Math.floor(minutes / 60) % 24 + ' h';
  }

  function tick() {
    var times = document.querySelectorAll('time[data-since]');
    for (var i = 0; i < times.length; i++) {
      var since = Number(times[i].getAttribute('data-since'));
      var text = elapsed(Date.now() - since);
      times[i].textContent = text === 'just now' ? text : text + ' ago';
    }
  }
  setInterval(tick, 30000);

  // An action form is sent once per click: the button waits for the answer
  // (the server applies a form's nonce once in any case).
  var actionForms = document.querySelectorAll('form.action-form');
  for (var f = 0; f < actionForms.length; f++) {
    actionForms[f].addEventListener('submit', function (e) {
      var button = e.target.querySelector('button');
      setTimeout(function () {
        button.disabled = true;
        button.textContent = 'Sending…';
      }, 0);
    });
  }

  var table = document.querySelector('table[data-live]');
  var live = document.getElementById('live');
  if (!table || !live) return;

  function setLive(state, text) {
    live.setAttribute('data-state', state);
    live.textContent = text;
  }

  function updateCount() {
    var count = document.getElementById('board-count');
    if (count) {
      count.textContent =
          String(document.querySelectorAll('#board-rows tr[data-alert]').length);
    }
  }

  var events = null;
  var feedTrouble = false;
  var liveText = 'Live: new alerts appear without reloading.';
  // Live again once the stream is open, the feed reads and the rows came.
  function maybeLive() {
    if (events && events.readyState === 1 && !feedTrouble) {
      setLive('live', liveText);
    }
  }

  var refreshing = false;
  var again = false;
  function refresh() {
    if (refreshing) { again = true; return; }
    refreshing = true;
    fetch(table.getAttribute('data-live'),
          {credentials: 'same-origin', cache: 'no-store'})
        .then(function (r) {
          if (r.status === 401) {
            window.location.assign('/signin');
            throw new Error('signed out');
          }
          if (!r.ok) throw new Error('HTTP ' + r.status);
          return r.text();
        })
        .then(function (html) {
          document.getElementById('board-rows').innerHTML = html;
          updateCount();
          tick();
          maybeLive();
          document.body.setAttribute('data-refreshed', String(Date.now()));
        })
        .catch(function (e) {
          setLive('lost', 'Live updates failed (' + e.message +
              '): the board may be out of date.');
        })
        .then(function () {
          refreshing = false;
          if (again) { again = false; refresh(); }
        });
  }

  if (!window.EventSource) {
    setLive('lost', 'This browser cannot receive live updates: reload the ' +
        'page to see new alerts.');
    return;
  }
  events = new EventSource('/events');
  events.addEventListener('open', function () {
    setLive('live', liveText);
    refresh();  // whatever happened while disconnected
  });
  events.addEventListener('alert', function () { refresh(); });
  events.addEventListener('trouble', function () {
    feedTrouble = true;
    setLive('lost', 'iraed cannot read its alert feed: the board may be ' +
        'out of date. Operations have been told.');
  });
  events.addEventListener('recovered', function () {
    feedTrouble = false;
    refresh();
  });
  events.addEventListener('error', function () {
    setLive('lost', 'Live connection lost: reconnecting. The board may be ' +
        'out of date.');
    setTimeout(refresh, 2000);  // signed out? then to the sign-in page
  });
})();
