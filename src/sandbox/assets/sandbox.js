// The sandbox page: draws what the chosen demo person sees (rendered by the server from the
// bot's real Block Kit) and sends what they do back as Slack actions.
"use strict";
const S = { user: new URLSearchParams(location.search).get("as") || "USATO", tab: "dm", seen: {}, state: null };
const $ = (id) => document.getElementById(id);

async function api(path, body) {
  const res = await fetch(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  let out = {};
  try { out = await res.json(); } catch (_) { out = { error: `HTTP ${res.status}` }; }
  if (!res.ok && !out.error) out.error = `HTTP ${res.status}`;
  if (out.error) toast(out.error);
  return out;
}

function toast(text) {
  const t = $("toast");
  t.textContent = text;
  t.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { t.hidden = true; }, 6000);
}

function put(id, html) {
  if (S.seen[id] === html) return false;
  S.seen[id] = html;
  $(id).innerHTML = html;
  return true;
}

async function refresh() {
  const res = await fetch(`/api/state?user=${encodeURIComponent(S.user)}`);
  if (!res.ok) return;
  const st = await res.json();
  S.state = st;
  put("people", st.people.map((p) =>
    `<button type="button" data-person="${p.id}" data-testid="person-${p.id}" class="${p.id === st.me ? "active" : ""}">${esc(p.name)}<span class="role">${esc(p.role)} · ${esc(p.tz)}</span></button>`).join(""));
  $("clock").textContent = st.clock + (st.ahead_minutes > 0 ? ` (+${fmtAhead(st.ahead_minutes)})` : "");
  const grew = put("dm", st.dm || `<p class="bk-context">No messages yet. Type <code>/mentor help</code> below.</p>`);
  if (put("ephemerals", st.ephemerals) || grew) $("dm-pane").scrollTop = $("dm-pane").scrollHeight;
  put("files", st.files.map((f) =>
    `<a class="file" data-testid="file-${f.index}" href="/api/file?user=${encodeURIComponent(st.me)}&index=${f.index}" download>📎 ${esc(f.name)}</a>`).join(""));
  put("home", st.home || `<p class="bk-context">Open the Home tab to load it.</p>`);
  put("refusals", st.refusals.map((r) => `<li>${esc(r)}</li>`).join(""));
  drawModal(st.modal);
}

function drawModal(m) {
  const layer = $("modal-layer");
  if (!m) { layer.hidden = true; S.seen.modal = null; return; }
  const key = JSON.stringify([m.id, m.hash, m.html, m.errors]);
  layer.hidden = false;
  if (S.seen.modal === key) return;
  S.seen.modal = key;
  $("modal").dataset.viewId = m.id;
  $("modal-title").innerHTML = m.title;
  $("modal-body").innerHTML = m.html;
  $("modal-close").innerHTML = m.close;
  $("modal-submit").hidden = !m.submit;
  $("modal-submit").innerHTML = m.submit || "";
}

function fmtAhead(min) {
  const d = Math.floor(min / 1440), h = Math.floor((min % 1440) / 60), m = min % 60;
  return (d ? `${d}d ` : "") + (h ? `${h}h ` : "") + (m || (!d && !h) ? `${m}m` : "");
}

function esc(s) {
  return String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
}

// ---- state of inputs, as Slack puts it in view.state.values
function optionOf(select) {
  const o = select.selectedOptions[0];
  if (!o || !o.value) return null;
  return { text: { type: "plain_text", text: o.textContent, emoji: true }, value: o.value };
}

function stateOf(el) {
  const kind = el.dataset.kind;
  switch (kind) {
    case "static_select": case "external_select": return { type: kind, selected_option: optionOf(el) };
    case "multi_static_select": case "multi_external_select":
      return { type: kind, selected_options: [...el.selectedOptions].filter((o) => o.value).map((o) => ({ text: { type: "plain_text", text: o.textContent }, value: o.value })) };
    case "users_select": return { type: kind, selected_user: el.value || null };
    case "multi_users_select": return { type: kind, selected_users: [...el.selectedOptions].map((o) => o.value).filter(Boolean) };
    case "radio_buttons": {
      const r = el.querySelector("input:checked");
      return { type: kind, selected_option: r ? { text: { type: "plain_text", text: r.parentElement.textContent.trim() }, value: r.value } : null };
    }
    case "checkboxes":
      return { type: kind, selected_options: [...el.querySelectorAll("input:checked")].map((c) => ({ text: { type: "plain_text", text: c.parentElement.textContent.trim() }, value: c.value })) };
    case "datepicker": return { type: kind, selected_date: el.value || null };
    case "timepicker": return { type: kind, selected_time: el.value || null };
    case "datetimepicker": return { type: kind, selected_date_time: el.value ? Math.floor(new Date(el.value).getTime() / 1000) : null };
    case "file_input": return { type: kind, files: JSON.parse(el.dataset.files || "[]") };
    case "plain_text_input": case "email_text_input": case "url_text_input": case "number_input":
      return { type: kind, value: el.value === "" ? null : el.value };
    default: return null;
  }
}

function valuesOf(container) {
  const values = {};
  if (!container) return values;
  for (const el of container.querySelectorAll("[data-kind][data-action]")) {
    if (el.dataset.kind === "button" || el.dataset.kind === "overflow") continue;
    const st = stateOf(el);
    if (!st) continue;
    (values[el.dataset.blockId] ||= {})[el.dataset.action] = st;
  }
  return values;
}

// ---- actions
function actionOf(el) {
  const base = { action_id: el.dataset.action, block_id: el.dataset.blockId, type: el.dataset.kind };
  if (el.dataset.kind === "button") return { ...base, value: el.dataset.value, text: { type: "plain_text", text: el.textContent } };
  if (el.dataset.kind === "overflow") return { ...base, selected_option: optionOf(el) };
  return { ...base, ...stateOf(el) };
}

function where(el) {
  if (el.closest("#modal")) return { view_id: $("modal").dataset.viewId, values: valuesOf($("modal-body")) };
  if (el.closest("#home")) return { view_id: S.state && S.state.home_id, values: valuesOf($("home")) };
  const msg = el.closest(".msg");
  return { message_ts: msg && msg.dataset.ts ? msg.dataset.ts : null, values: {} };
}

async function fire(el) {
  const send = async () => {
    await api("/api/action", { user: S.user, ...where(el), action: actionOf(el) });
    await settle();
  };
  if (el.dataset.confirmTitle) {
    $("confirm-title").innerHTML = el.dataset.confirmTitle;
    $("confirm-text").innerHTML = el.dataset.confirmText;
    $("confirm-yes").innerHTML = el.dataset.confirmYes || "OK";
    $("confirm-no").innerHTML = el.dataset.confirmNo || "Cancel";
    $("confirm-layer").hidden = false;
    $("confirm-yes").onclick = () => { $("confirm-layer").hidden = true; send(); };
    $("confirm-no").onclick = () => { $("confirm-layer").hidden = true; if (el.tagName === "SELECT") el.value = ""; };
    return;
  }
  await send();
}

// What the bot does after answering (DMs from the worker) lands a moment later.
async function settle() {
  await refresh();
  setTimeout(refresh, 350);
}

document.addEventListener("click", async (e) => {
  const t = e.target.closest("button");
  if (!t) return;
  if (t.dataset.person) { S.user = t.dataset.person; S.seen = {}; history.replaceState(null, "", `?as=${S.user}`); if (S.tab === "home") await openHome(); return refresh(); }
  if (t.dataset.tab) { S.tab = t.dataset.tab; for (const b of document.querySelectorAll("#tabs button")) b.classList.toggle("active", b === t); $("dm-pane").hidden = S.tab !== "dm"; $("home-pane").hidden = S.tab !== "home"; if (S.tab === "home") await openHome(); return; }
  if (t.dataset.travel) { await api("/api/travel", { by: t.dataset.travel, user: S.user }); return settle(); }
  if (t.id === "reset") { await api("/api/reset", {}); S.seen = {}; return settle(); }
  if (t.id === "modal-submit") { await api("/api/submit", { user: S.user, view_id: $("modal").dataset.viewId, values: valuesOf($("modal-body")) }); return settle(); }
  if (t.id === "modal-close") { await api("/api/close", { user: S.user, view_id: $("modal").dataset.viewId }); return settle(); }
  if (t.dataset.kind === "button" && t.dataset.action) return fire(t);
});

async function openHome() {
  await api("/api/home", { user: S.user });
  await settle();
}

document.addEventListener("change", async (e) => {
  const el = e.target.closest("[data-kind]");
  if (!el) return;
  if (el.dataset.kind === "file_input") return upload(el);
  if (el.dataset.fire && el.dataset.kind !== "button") return fire(el);
});

async function upload(el) {
  const files = [];
  for (const f of el.files) {
    const res = await fetch(`/api/upload?user=${encodeURIComponent(S.user)}&name=${encodeURIComponent(f.name)}`, { method: "POST", body: await f.arrayBuffer() });
    files.push(await res.json());
  }
  el.dataset.files = JSON.stringify(files);
}

document.addEventListener("input", async (e) => {
  const filter = e.target.closest(".bk-filter");
  if (!filter) return;
  const select = filter.parentElement.querySelector("select");
  const out = await fetch("/api/suggest", { method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ user: S.user, view_id: $("modal").dataset.viewId || "", action_id: select.dataset.action, block_id: select.dataset.blockId, value: filter.value }) }).then((r) => r.json());
  select.innerHTML = `<option value="">…</option>` + out.options.map((o) => `<option value="${esc(o.value)}">${esc(o.text)}</option>`).join("");
});

$("composer-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const text = $("composer").value;
  if (!text.trim()) return;
  $("composer").value = "";
  await api("/api/command", { user: S.user, text });
  await settle();
});

refresh();
setInterval(refresh, 1000);
