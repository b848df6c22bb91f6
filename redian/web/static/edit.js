// Editors' corrections on an event page (shown only when the server has an edit token):
// split the ticked headlines into a new event, or merge other events into this one, through
// POST /api/events/ID/split and /merge.  The token is typed by the editor and kept for the
// browser session only; the page itself never holds it.
(function () {
  "use strict";
  const box = document.getElementById("edit");
  if (!box) return;
  const event = box.dataset.event;
  const token = document.getElementById("edit-token");
  const status = document.getElementById("edit-status");
  const KEPT = "redian-edit-token";
  token.value = sessionStorage.getItem(KEPT) || "";

  async function send(action, body) {
    status.textContent = "提交中…";
    let response;
    try {
      response = await fetch(`/api/events/${encodeURIComponent(event)}/${action}`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: "Bearer " + token.value.trim() },
        body: JSON.stringify(body),
      });
    } catch (err) {
      status.textContent = "未更正：连不上服务器（" + err + "）";
      return null;
    }
    const data = await response.json().catch(() => ({}));
    if (!response.ok) {
      const known = { 401: "编辑口令不对", 403: "服务器没有开启编辑（启动时设置 REDIAN_EDIT_TOKEN）" };
      const detail = typeof data.detail === "string" ? data.detail : JSON.stringify(data.detail || response.statusText);
      status.textContent = "未更正：" + (known[response.status] || detail);
      return null;
    }
    sessionStorage.setItem(KEPT, token.value.trim());
    return data;
  }

  document.getElementById("split-button").addEventListener("click", async () => {
    const picked = Array.from(document.querySelectorAll("#headlines input.pick:checked"), (i) => i.value);
    if (!picked.length) {
      status.textContent = "先勾选要拆出的标题";
      return;
    }
    const data = await send("split", { headlines: picked });
    if (data) location.href = "/events/" + encodeURIComponent(data.new_event);
  });

  document.getElementById("merge-button").addEventListener("click", async () => {
    // ids, or links to event pages (…/events/ID, …/events/ID.json)
    const ids = document
      .getElementById("merge-ids")
      .value.split(/[\s,，、]+/)
      .map((s) => s.replace(/^.*\/events\//, "").replace(/[?#.].*$/, ""))
      .filter(Boolean);
    if (!ids.length) {
      status.textContent = "填入要并入的事件 id 或链接";
      return;
    }
    const data = await send("merge", { events: ids });
    if (data) location.href = "/events/" + encodeURIComponent(data.event);
  });
})();
