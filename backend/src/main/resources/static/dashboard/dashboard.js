// Synthos admin dashboard: keeps the server-rendered page live from /events (server-sent events).
// No library, nothing fetched from elsewhere. Without this script the page is still complete as of
// its last load.
(function () {
  'use strict';

  var MAX_ROWS = 50;
  var HISTORY_MS = 5 * 60 * 1000;
  var COLOURS = ['#5cc8ff', '#5fd38d', '#f5c451', '#ff6b6b', '#c49bff'];
  var history = {};

  function $(selector, root) { return (root || document).querySelector(selector); }

  function cores(millis) { return (millis / 1000).toFixed(1); }

  function setText(row, field, text) {
    var cell = $('[data-field="' + field + '"]', row);
    if (cell) { cell.textContent = text; }
    return cell;
  }

  function showConnected(connected) {
    $('#banner').classList.toggle('shown', !connected);
    $('#live-state').textContent = connected ? 'connected' : 'disconnected';
  }

  function cpu(pool, field) { return ((pool[field] || {}).cpu_millis) || 0; }

  function onResources(snapshot) {
    var now = Date.now();
    (snapshot.pools || []).forEach(function (pool) {
      var row = $('tr[data-pool="' + CSS.escape(pool.name) + '"]');
      var allocated = cpu(pool, 'allocated');
      var limit = cpu(pool, 'admission_limit');
      if (row) {
        setText(row, 'allocated', cores(allocated));
        setText(row, 'limit', cores(limit));
        setText(row, 'capacity', cores(cpu(pool, 'capacity')));
        setText(row, 'available', cores(cpu(pool, 'available')));
        setText(row, 'running', String(pool.running_jobs || 0));
        setText(row, 'memory', ((pool.allocated || {}).memory_mib || 0) + ' / ' + ((pool.capacity || {}).memory_mib || 0));
        var percent = limit ? Math.min(100, Math.round(100 * allocated / limit)) : 0;
        var bar = $('[data-field="bar"]', row);
        bar.style.width = percent + '%';
        bar.parentNode.classList.toggle('high', percent >= 90);
      }
      (history[pool.name] = history[pool.name] || []).push([now, allocated]);
    });
    drawChart();
  }

  function drawChart() {
    var svg = $('#cpu-chart');
    var now = Date.now();
    var max = 1;
    Object.keys(history).forEach(function (name) {
      history[name] = history[name].filter(function (p) { return p[0] >= now - HISTORY_MS; });
      history[name].forEach(function (p) { max = Math.max(max, p[1]); });
    });
    while (svg.firstChild) { svg.removeChild(svg.firstChild); }
    var legend = [];
    Object.keys(history).sort().forEach(function (name, i) {
      var colour = COLOURS[i % COLOURS.length];
      var points = history[name].map(function (p) {
        var x = 300 * (1 - (now - p[0]) / HISTORY_MS);
        var y = 98 - 94 * p[1] / max;
        return x.toFixed(1) + ',' + y.toFixed(1);
      }).join(' ');
      var line = document.createElementNS('http://www.w3.org/2000/svg', 'polyline');
      line.setAttribute('points', points);
      line.setAttribute('fill', 'none');
      line.setAttribute('stroke', colour);
      line.setAttribute('stroke-width', '1.5');
      line.setAttribute('vector-effect', 'non-scaling-stroke');
      svg.appendChild(line);
      legend.push(name);
    });
    $('#chart-legend').textContent = 'Allocated CPU per pool, last five minutes (peak ' + cores(max) +
      ' cores): ' + legend.map(function (name, i) { return name + ' ' + ['blue', 'green', 'yellow', 'red', 'violet'][i % 5]; }).join(', ');
  }

  function jobRow(event) {
    var row = $('tr[data-job-id="' + CSS.escape(event.job_id) + '"]');
    if (row) { return row; }
    row = document.createElement('tr');
    row.setAttribute('data-job-id', event.job_id);
    if (event.pipeline_id) { row.setAttribute('data-pipeline-id', event.pipeline_id); }
    var cells = [['id'], ['type'], ['state'], ['progress'], ['priority'], ['pool'], ['pipeline'], ['attempts'], ['updated']];
    cells.forEach(function (c) {
      var td = document.createElement('td');
      td.setAttribute('data-field', c[0]);
      row.appendChild(td);
    });
    var code = document.createElement('code');
    code.textContent = event.job_id.slice(0, 8);
    code.title = event.job_id;
    $('[data-field="id"]', row).appendChild(code);
    var state = document.createElement('span');
    state.className = 'state';
    $('[data-field="state"]', row).replaceWith(wrap(state));
    if (event.pipeline_id) {
      var link = document.createElement('a');
      link.href = $('#config').dataset.apiBase + '/api/v1/validations/' + event.pipeline_id + '/report.html';
      link.textContent = event.pipeline_id.slice(0, 8) + (event.stage ? ' · ' + event.stage : '');
      $('[data-field="pipeline"]', row).appendChild(link);
    }
    var body = $('#jobs');
    body.insertBefore(row, body.firstChild);
    while (body.rows.length > MAX_ROWS) { body.deleteRow(body.rows.length - 1); }
    var empty = $('#jobs-empty');
    if (empty) { empty.remove(); }
    return row;
  }

  function wrap(span) {
    var td = document.createElement('td');
    span.setAttribute('data-field', 'state');
    td.appendChild(span);
    return td;
  }

  // The table shows what the page's filter asked for; a new job outside it is not added.
  function matchesFilter(event) {
    var config = $('#config').dataset;
    return (!config.filterState || config.filterState === event.state) &&
      (!config.filterType || config.filterType === event.type);
  }

  function onJob(event) {
    var known = $('tr[data-job-id="' + CSS.escape(event.job_id) + '"]');
    if (!known && !matchesFilter(event)) { return; }
    var row = jobRow(event);
    var state = $('[data-field="state"]', row);
    state.textContent = event.state;
    state.className = 'state state-' + event.state;
    setText(row, 'type', event.type);
    setText(row, 'updated', event.at || '');
    if (event.priority) { setText(row, 'priority', event.priority); }
    if (event.pool) { setText(row, 'pool', event.pool); }
    if (event.attempts !== undefined) { setText(row, 'attempts', event.attempts + '/' + event.max_attempts); }
    if (event.state !== 'running') { setText(row, 'progress', event.state === 'succeeded' ? '100%' : ''); }
  }

  function onProgress(event) {
    var row = $('tr[data-job-id="' + CSS.escape(event.job_id) + '"]');
    if (row) { setText(row, 'progress', Math.round(100 * (event.fraction || 0)) + '% ' + (event.step || '')); }
  }

  function onPipeline(event) {
    var id = event.pipeline_id || event.id;
    if (!id) { return; }
    document.querySelectorAll('tr[data-pipeline-id="' + CSS.escape(id) + '"] [data-field="pipeline"] a')
      .forEach(function (link) { link.title = 'pipeline ' + (event.status || event.state || ''); });
  }

  function cell(text, className) {
    var td = document.createElement('td');
    if (className) { td.className = className; }
    if (text instanceof Node) { td.appendChild(text); } else { td.textContent = text; }
    return td;
  }

  function badge(text, state) {
    var span = document.createElement('span');
    span.className = 'state state-' + state;
    span.textContent = text;
    return span;
  }

  function shortId(id) {
    var code = document.createElement('code');
    code.textContent = id.slice(0, 8);
    code.title = id;
    return code;
  }

  function onNodes(view) {
    var body = $('#nodes');
    while (body.firstChild) { body.removeChild(body.firstChild); }
    (view.nodes || []).forEach(function (node) {
      var row = document.createElement('tr');
      row.setAttribute('data-node-id', node.node_id);
      var instances = node.instances || {};
      var roles = (node.roles || []).map(function (role) {
        return instances[role] > 1 ? role + ' \u00d7' + instances[role] : role;
      }).join(', ');
      var breakers = document.createElement('span');
      Object.keys(node.breakers || {}).sort().forEach(function (service) {
        var state = node.breakers[service].toLowerCase().replace('_', '-');
        breakers.appendChild(badge(service + ' ' + state, state));
      });
      var stateCell = cell(badge(node.state, node.state));
      stateCell.firstChild.setAttribute('data-field', 'state');
      [cell(shortId(node.node_id)), cell(roles), cell(node.process || '', 'muted'), cell(node.version || ''),
        stateCell, cell(node.since || '', 'muted'), cell(breakers, 'breakers')]
        .forEach(function (td) { row.appendChild(td); });
      body.appendChild(row);
    });
    var empty = $('#nodes-empty');
    if (empty && body.rows.length) { empty.remove(); }
  }

  function onQueue(stats) {
    var counts = stats.counts || {};
    document.querySelectorAll('#queue-counts tr[data-state]').forEach(function (row) {
      var byPriority = counts[row.getAttribute('data-state')] || {};
      var all = 0;
      ['express', 'standard', 'batch'].forEach(function (priority) {
        var n = byPriority[priority] || 0;
        all += n;
        $('[data-priority="' + priority + '"]', row).textContent = String(n);
      });
      $('[data-priority="all"]', row).textContent = String(all);
    });
    var finished = stats.finished_last_minute || {};
    if ($('#throughput')) {
      $('#throughput').textContent = (finished.per_second || 0).toFixed(2) + ' jobs/s';
      $('#finished').textContent = (finished.finished || 0) + ' finished in the last minute, ' + (finished.failed || 0) + ' failed';
      $('#oldest').textContent = stats.oldest_queued_seconds === undefined ? 'none waiting'
        : stats.oldest_queued_seconds + ' s (since ' + stats.oldest_queued_at + ')';
    }
    onFailures(stats.recent_failures || []);
  }

  function onFailures(failures) {
    var body = $('#failures');
    while (body.firstChild) { body.removeChild(body.firstChild); }
    failures.forEach(function (job) {
      var row = document.createElement('tr');
      row.setAttribute('data-failure-job-id', job.job_id);
      var id = shortId(job.job_id);
      if (job.pipeline_id) {
        var link = document.createElement('a');
        link.href = $('#config').dataset.apiBase + '/api/v1/validations/' + job.pipeline_id + '/report.html';
        link.appendChild(id);
        id = link;
      }
      [cell(id), cell(job.type), cell(badge(job.state, job.state)), cell(job.attempts + '/' + job.max_attempts, 'num'),
        cell(job.error || '', 'error'), cell(job.at || '', 'muted')]
        .forEach(function (td) { row.appendChild(td); });
      body.appendChild(row);
    });
    var empty = $('#errors-empty');
    if (empty) { empty.hidden = failures.length > 0; }
  }

  function listen(name, handler) {
    return function (message) {
      try { handler(JSON.parse(message.data)); } catch (e) { /* one bad event never stops the page */ }
    };
  }

  function connect() {
    var source = new EventSource('/events');
    source.onopen = function () { showConnected(true); };
    // EventSource reconnects by itself (sending Last-Event-ID); the server then asks for a resync.
    source.onerror = function () {
      showConnected(false);
      // Refused outright (the session expired, the node restarted): the browser will not retry, so
      // reload, which shows the page again or the login form.
      if (source.readyState === EventSource.CLOSED) {
        window.setTimeout(function () { window.location.reload(); }, 5000);
      }
    };
    source.addEventListener('job', listen('job', onJob));
    source.addEventListener('progress', listen('progress', onProgress));
    source.addEventListener('pipeline', listen('pipeline', onPipeline));
    source.addEventListener('resources', listen('resources', onResources));
    source.addEventListener('nodes', listen('nodes', onNodes));
    source.addEventListener('queue', listen('queue', onQueue));
    source.addEventListener('resync', function () { source.close(); window.location.reload(); });
  }

  function seedHistory() {
    try {
      history = JSON.parse($('#cpu-history').dataset.history || '{}');
    } catch (e) { history = {}; }
    drawChart();
  }

  function confirmRequeues() {
    document.querySelectorAll('form.requeue').forEach(function (form) {
      form.addEventListener('submit', function (e) {
        if (!window.confirm('Re-queue this dead job? It will run again from its first attempt.')) { e.preventDefault(); }
      });
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    seedHistory();
    confirmRequeues();
    connect();
  });
}());
