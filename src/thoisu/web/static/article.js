// Article page: clicking (or Enter on) a marked piece shows its entities, times and events in the side panel.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("annotations").textContent);
  const t = JSON.parse(document.getElementById("labels").textContent);
  const panel = document.getElementById("panel");
  const content = panel.querySelector(".content");

  function el(tag, text, cls) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }
  function row(list, key, value) {
    if (value === undefined || value === null || value === "" || (Array.isArray(value) && !value.length)) return;
    list.append(el("dt", key), el("dd", Array.isArray(value) ? value.join(", ") : String(value)));
  }
  function entityLink(id, text) {
    const link = el("a", text || id);
    link.href = "/ui/entities/" + encodeURIComponent(id) + "?lang=" + t.lang;
    return link;
  }
  function actors(list) {
    return list.map(function (a) { return a.text + (a.entity_id ? " [" + a.entity_id + "]" : ""); });
  }
  function indexes(mark, name) {
    const value = mark.dataset[name];
    return value ? value.split(",").map(Number) : [];
  }
  function show(mark) {
    content.replaceChildren();
    indexes(mark, "entities").forEach(function (i) {
      const e = data.entities[i];
      const box = el("section", null, "entity");
      box.append(el("h3", t.entity + ": " + e.text));
      const list = el("dl");
      row(list, "label", e.label);
      if (e.entity_id) {
        const link = el("dd");
        link.append(entityLink(e.entity_id));
        list.append(el("dt", "id"), link);
      }
      row(list, "role", e.role);
      row(list, "country", e.country);
      row(list, "CAMEO", e.cameo);
      box.append(list);
      content.append(box);
    });
    indexes(mark, "times").forEach(function (i) {
      const x = data.times[i];
      const box = el("section", null, "time");
      box.append(el("h3", t.time + ": " + x.text));
      const list = el("dl");
      row(list, "type", x.type);
      row(list, "value", x.value);
      row(list, "mod", x.mod);
      row(list, "anchor", x.anchor);
      box.append(list);
      content.append(box);
    });
    indexes(mark, "events").forEach(function (i) {
      const ev = data.events[i];
      const box = el("section", null, "event");
      box.append(el("h3", t.event + ": " + ev.type + (ev.cameo ? " (" + ev.cameo + ")" : "")));
      const list = el("dl");
      row(list, "mode", ev.mode);
      row(list, t.sources, actors(ev.sources));
      row(list, t.targets, actors(ev.targets));
      row(list, t.date, ev.date && ev.date.value);
      row(list, t.modality, ev.modality);
      row(list, t.goldstein, ev.goldstein);
      row(list, "quad class", ev.quad_class);
      row(list, "confidence", ev.confidence);
      box.append(list);
      content.append(box);
    });
    panel.hidden = false;
  }
  document.getElementById("text").addEventListener("click", function (event) {
    const mark = event.target.closest("mark");
    if (mark) show(mark);
  });
  document.getElementById("text").addEventListener("keydown", function (event) {
    const mark = event.target.closest("mark");
    if (mark && event.key === "Enter") show(mark);
  });
  panel.querySelector(".close").addEventListener("click", function () { panel.hidden = true; });
})();
