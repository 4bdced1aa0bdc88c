// The dashboard page: follows /events (one JSON snapshot per interval, see SnapshotBuilder for its
// fields) and shows each figure, with a sparkline of the last minute for some (the right edge is now). Everything it
// inserts goes through textContent or a style width, never innerHTML, so nothing a source says
// (an error message, a URL) can become markup.
"use strict";

const HISTORY = 60;
const COLORS = { bids: "#3b5bdb", HOT: "#e8590c", COLD: "#1c7ed6", UNMATCHED: "#868e96", keys: "#7048e8", sink: "#0ca678" };
const history = { bids: [], HOT: [], COLD: [], UNMATCHED: [], keys: [], sink: [] };
let lastMessageAt = 0;
let intervalMs = 1000;

function $(id) {
  return document.getElementById(id);
}

function setText(id, text) {
  const el = $(id);
  if (el && el.textContent !== text) {
    el.textContent = text;
  }
}

const DASH = "–";

function known(v) {
  return v !== null && v !== undefined && Number.isFinite(v);
}

/** A rate: one decimal below 10, whole numbers above. */
function rate(v) {
  if (!known(v)) return DASH;
  return v < 10 ? v.toFixed(1) : Math.round(v).toLocaleString("en-US");
}

function count(v) {
  return known(v) ? Math.round(v).toLocaleString("en-US") : DASH;
}

function percent(v) {
  return known(v) ? (v * 100).toFixed(1) + " %" : DASH;
}

function ms(v) {
  if (!known(v)) return DASH;
  return v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : Math.round(v).toLocaleString("en-US");
}

/** A duration in seconds, as a person reads it: 0.4 s, 12 s, 3 min 5 s, 2 h 4 min. */
function seconds(v) {
  if (!known(v)) return DASH;
  if (v < 10) return v.toFixed(1) + " s";
  if (v < 120) return Math.round(v) + " s";
  if (v < 7200) return Math.floor(v / 60) + " min " + Math.round(v % 60) + " s";
  return Math.floor(v / 3600) + " h " + Math.round((v % 3600) / 60) + " min";
}

function bytes(v) {
  if (!known(v)) return DASH;
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return (i === 0 ? v : v.toFixed(1)) + " " + units[i];
}

function remember(name, value) {
  const values = history[name];
  values.push(known(value) ? value : null);
  if (values.length > HISTORY) values.shift();
}

/** Draws the series (each a list of numbers or nulls, null leaving a gap) on one canvas, sharing a scale from 0. */
function spark(canvasId, names) {
  const canvas = $(canvasId);
  if (!canvas) return;
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth;
  const height = canvas.clientHeight;
  if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
  }
  const ctx = canvas.getContext("2d");
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  let max = 0;
  for (const name of names) {
    for (const v of history[name]) {
      if (v !== null && v > max) max = v;
    }
  }
  ctx.strokeStyle = "#e3e6eb";
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(0, height - 0.5);
  ctx.lineTo(width, height - 0.5);
  ctx.stroke();
  if (max <= 0) max = 1;
  const step = width / (HISTORY - 1);
  for (const name of names) {
    const values = history[name];
    const offset = HISTORY - values.length;
    ctx.strokeStyle = COLORS[name];
    ctx.lineWidth = 1.6;
    ctx.beginPath();
    let drawing = false;
    values.forEach((v, i) => {
      if (v === null) {
        drawing = false;
        return;
      }
      const x = (offset + i) * step;
      const y = height - 2 - (v / max) * (height - 6);
      if (drawing) ctx.lineTo(x, y);
      else ctx.moveTo(x, y);
      drawing = true;
    });
    ctx.stroke();
  }
}

function showSource(name, source) {
  const el = $("source-" + name);
  if (!el || !source) return;
  el.className = "source " + (source.up ? "up" : "down");
  el.title = source.up ? source.url : source.url + ": " + (source.error || "down");
}

function showRatio(id, value) {
  setText("ratio-" + id, percent(value));
  $("bar-" + id).style.width = known(value) ? Math.max(0, Math.min(100, value * 100)) + "%" : "0";
}

function render(s) {
  intervalMs = s.intervalMs || intervalMs;
  for (const name of ["bidder", "tracker", "coldStore", "engine"]) showSource(name, s.sources[name]);

  setText("bids-rate", rate(s.bids.perSecond));
  setText("bids-total", count(s.bids.total));
  setText("nobids-rate", rate(s.bids.noBidsPerSecond));
  remember("bids", s.bids.perSecond);

  for (const tier of ["HOT", "COLD", "UNMATCHED"]) {
    const id = tier.toLowerCase();
    setText("events-" + id + "-rate", rate(s.events.perSecond[tier]));
    setText("events-" + id + "-total", count(s.events.total[tier]));
    remember(tier, s.events.perSecond[tier]);
  }

  showRatio("bidder-l1", s.hitRatio.bidderL1);
  showRatio("tracker-l1", s.hitRatio.trackerL1);
  showRatio("tracker-bids", s.hitRatio.trackerBidCache);

  setText("engine-keys", count(s.engine.keys));
  setText("engine-memory", bytes(s.engine.usedMemoryBytes));
  setText("engine-ops", rate(s.engine.opsPerSecond));
  setText("engine-clients", count(s.engine.clients));
  remember("keys", s.engine.keys);

  setText("sink-lag", seconds(s.sink.lagSeconds));
  setText("sink-partition", s.sink.newestPartition || DASH);
  setText("sink-newest", known(s.sink.newestBidAgeSeconds) ? seconds(s.sink.newestBidAgeSeconds) + " old" : DASH);
  setText("sink-commit", known(s.sink.lastCommitAgeSeconds) ? seconds(s.sink.lastCommitAgeSeconds) + " ago" : DASH);
  setText("sink-kafka-lag", count(s.sink.consumerLagRecords));
  setText("sink-rows", count(s.sink.rowsCommitted));
  setText("sink-rows-rate", rate(s.sink.rowsPerSecond));
  remember("sink", s.sink.lagSeconds);

  setText("cold-p50", ms(s.coldLookup.p50Ms));
  setText("cold-p99", ms(s.coldLookup.p99Ms));
  setText("cold-mean", ms(s.coldLookup.meanMs));
  setText("cold-count", count(s.coldLookup.lookups));

  setText("updated", new Date(s.at).toLocaleTimeString("en-GB"));
  setText("interval", seconds(intervalMs / 1000));
  drawAll();
}

function drawAll() {
  spark("spark-bids", ["bids"]);
  spark("spark-events", ["HOT", "COLD", "UNMATCHED"]);
  spark("spark-keys", ["keys"]);
  spark("spark-sink", ["sink"]);
}

function setStatus(kind, text) {
  const el = $("status");
  el.className = "status " + kind;
  el.textContent = text;
}

function connect() {
  const events = new EventSource("/events");
  events.onopen = () => setStatus("live", "live");
  events.onmessage = (message) => {
    lastMessageAt = Date.now();
    setStatus("live", "live");
    try {
      render(JSON.parse(message.data));
    } catch (e) {
      console.error("cannot show snapshot", e);
    }
  };
  // The browser reconnects by itself (after the retry the server sets).
  events.onerror = () => setStatus("reconnecting", "reconnecting…");
}

// A stream that stays open but brings nothing (the dashboard is stuck) is worth saying so.
setInterval(() => {
  if (lastMessageAt > 0 && Date.now() - lastMessageAt > 3 * intervalMs + 2000) {
    setStatus("stale", "no update for " + seconds((Date.now() - lastMessageAt) / 1000));
  }
}, 1000);
window.addEventListener("resize", drawAll);
connect();
