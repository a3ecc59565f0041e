// milia-risk page: send the pasted list to POST /api/analyze and show the report.
// Everything from the user or the server is shown with textContent / createElement,
// never parsed as HTML, so a list containing markup shows as text.
"use strict";

(function () {
  const form = document.getElementById("analyse-form");
  const textarea = document.getElementById("text");
  const button = document.getElementById("analyse");
  const errorBox = document.getElementById("error");
  const result = document.getElementById("result");

  const ROLE_TEXT = {
    risk: "risk",
    protective: "protective",
    neutral: "neutral",
    unknown: "not read",
    flag: "flag",
  };
  const BAND_TEXT = { low: "Low", moderate: "Moderate", high: "High", uncertain: "Can't tell" };

  // "Can't tell: Moderate to High" when what was not read could change the band.
  function bandText(report) {
    if (report.nothing_read) return "Can't tell: this list could not be read";
    if (report.band !== "uncertain") return BAND_TEXT[report.band] || report.band;
    const [low, high] = report.band_range;
    return "Can't tell: " + BAND_TEXT[low] + " to " + BAND_TEXT[high];
  }

  // el("li", {cls: "x"}, child, "text", ...): strings become text nodes.
  function el(tag, opts, ...children) {
    const node = document.createElement(tag);
    if (opts && opts.cls) node.className = opts.cls;
    if (opts && opts.text !== undefined) node.textContent = opts.text;
    for (const child of children) {
      if (child !== null && child !== undefined) node.append(child);
    }
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function points(x) {
    if (Math.abs(x) < 0.05) return "0";
    return (x > 0 ? "+" : "−") + Math.abs(x).toFixed(1);
  }

  function rating(range) {
    if (!range) return "unrated";
    return range[0] === range[1] ? range[0] + "/5" : range[0] + "–" + range[1] + "/5";
  }

  // The first sentence of an explanation: the one-line "why".
  function firstSentence(text) {
    const m = /^(.+?[.!?])(\s|$)/.exec(text);
    return m ? m[1] : text;
  }

  function showError(message) {
    errorBox.textContent = message;
    errorBox.hidden = false;
    result.hidden = true;  // an old result under a new error would mislead
  }

  // Band zones and ticks from the server's cut-offs, so the page follows the model.
  function setUpGauge() {
    const gauge = document.getElementById("gauge");
    const moderate = Number(gauge.dataset.moderate);
    const high = Number(gauge.dataset.high);
    if (!(moderate > 0 && high > moderate && high < 100)) return;
    document.getElementById("zone-low").style.width = moderate + "%";
    document.getElementById("zone-moderate").style.width = (high - moderate) + "%";
    document.getElementById("tick-moderate").style.left = moderate + "%";
    document.getElementById("tick-high").style.left = high + "%";
  }

  function renderGauge(report) {
    const [lo, hi] = report.score_range;
    const gauge = document.getElementById("gauge");
    const marker = document.getElementById("gauge-marker");
    const range = document.getElementById("gauge-range");
    // CSSOM writes are allowed by the Content-Security-Policy (no inline style markup).
    marker.style.left = report.score + "%";
    range.style.left = lo + "%";
    range.style.width = Math.max(hi - lo, 0.5) + "%";
    marker.hidden = Boolean(report.nothing_read);
    gauge.setAttribute("aria-label", "Score " + report.score.toFixed(1) + " out of 100, " +
      bandText(report) + ", range " + lo.toFixed(0) + " to " + hi.toFixed(0));
  }

  function renderFinding(f, sources) {
    const role = ROLE_TEXT[f.role] ? f.role : "unknown";
    const li = el("li", { cls: "finding role-" + role });
    const details = el("details");
    const summary = el("summary");
    const why = firstSentence(f.explanation);
    const head = el("div", { cls: "finding-head" },
      el("span", { cls: "pos", text: String(f.position) }),
      el("span", { cls: "name", text: f.label_name }),
      el("span", { cls: "tags" },
        el("span", { cls: "chip role-" + role, text: ROLE_TEXT[role] }), " ",
        el("span", { cls: "rating",
                     text: role === "unknown" ? "not counted" : rating(f.comedogenic) })),
      el("span", { cls: "points", text: points(f.contribution) }));
    summary.append(head, el("span", { cls: "why", text: why }));
    details.append(summary);

    const body = el("div", { cls: "finding-body" });
    const rest = f.explanation.slice(why.length).trim();
    if (rest) body.append(el("p", { text: rest }));
    const facts = el("dl", { cls: "facts" });
    const fact = (k, v) => facts.append(el("dt", { text: k }), el("dd", { text: v }));
    fact("On the label", f.raw);
    fact("Recognised as", f.inci
      ? f.inci + " (" + f.match_method + ", confidence " + f.match_confidence.toFixed(2) + ")"
      : (f.possibly && f.possibly.length
        ? "not read: possibly " + f.possibly.slice(0, 2).join(" or ") + "? (a guess, confidence " +
          f.match_confidence.toFixed(2) + ", too low to count)"
        : "not recognised"));
    fact("Comedogenic rating", rating(f.comedogenic));
    fact("Occlusivity", f.occlusivity || "—");
    fact("Estimated share", (f.percent !== null ? "stated " : "about ") +
      f.estimated_percent.toFixed(1) + "%" + (f.may_contain ? " (may contain)" : ""));
    fact("Points", points(f.contribution));
    body.append(facts);
    if (f.sources.length) {
      body.append(el("h4", { text: "Sources" }));
      const list = el("ul", { cls: "sources" });
      for (const id of f.sources) {
        list.append(el("li", null, el("code", { text: id }), " ", sources[id] || ""));
      }
      body.append(list);
    }
    if (f.inci) {
      const page = el("a", { cls: "ingredient-link", text: "About this ingredient" });
      page.href = "#" + new URLSearchParams({ m: "ingredient", q: f.inci }).toString();
      const link = el("a", { text: "(JSON)" });
      link.href = "/api/ingredient/" + encodeURIComponent(f.inci);
      body.append(el("p", { cls: "more" }, page, " ", link));
    }
    details.append(body);
    li.append(details);
    return li;
  }

  function render(report) {
    document.getElementById("score").textContent =
      report.nothing_read ? "?" : report.score.toFixed(1);
    const band = document.getElementById("band");
    band.textContent = bandText(report);
    band.className = "band band-" + report.band;
    result.className = "card result-" + report.band;
    renderGauge(report);
    const [lo, hi] = report.score_range;
    const unread = report.unread || report.unknown;
    document.getElementById("range").textContent = "Between " + lo.toFixed(0) + " and " +
      hi.toFixed(0) + " depending on which published ratings you trust" +
      (unread.length ? " and on what we could not read." : ".");
    document.getElementById("meta").textContent = "Confidence " + report.confidence_label +
      " · database knows " + Math.round(report.coverage * 100) + "% of the estimated formula" +
      (unread.length ? " · not read: about " + Math.round(report.unread_share * 100) + "%" : "") +
      " · " + report.product_type + ", " + report.area;
    const summary = report.summary.replace(" " + report.caveat, "");
    document.getElementById("summary").textContent = summary;
    const notes = document.getElementById("notes");
    clear(notes);
    for (const note of report.notes || []) notes.append(el("li", { text: note }));
    notes.hidden = notes.childElementCount === 0;

    const flags = document.getElementById("flags");
    renderFlags(flags, report);

    const unknownBox = document.getElementById("unknown");
    const unknownList = document.getElementById("unknown-list");
    clear(unknownList);
    const guesses = new Map(report.findings.filter((f) => !f.read && f.possibly.length)
      .map((f) => [f.label_name, f.possibly]));
    for (const name of unread) {
      const guess = guesses.get(name);
      unknownList.append(el("li", {
        text: guess ? name + " (possibly " + guess.slice(0, 2).join(" or ") + "?)" : name }));
    }
    unknownBox.hidden = unread.length === 0;

    const list = document.getElementById("findings");
    clear(list);
    const avoided = avoidedFindings(report);
    for (const f of report.findings) {
      const li = renderFinding(f, report.sources);
      if (avoided.has(f)) li.classList.add("avoided");
      list.append(li);
    }

    result.hidden = false;
    document.getElementById("result-heading").focus();
  }

  async function analyse() {
    errorBox.hidden = true;
    if (!textarea.value.trim()) {
      showError("Paste an ingredient list first.");
      textarea.focus();
      return;
    }
    button.disabled = true;
    button.textContent = "Analysing…";
    result.setAttribute("aria-busy", "true");
    try {
      const response = await fetch("/api/analyze", {
        method: "POST",
        headers: { "Content-Type": "application/json", "Accept": "application/json" },
        body: JSON.stringify({
          text: textarea.value,
          product_type: document.getElementById("product_type").value,
          area: document.getElementById("area").value,
        }),
      });
      let data = null;
      try {
        data = await response.json();
      } catch (e) {
        data = null;
      }
      if (!response.ok) {
        showError((data && data.error) || ("The server answered " + response.status + "."));
        return;
      }
      render(data);
      setShare("share-url", {
        m: "check", t: textarea.value,
        pt: document.getElementById("product_type").value,
        a: document.getElementById("area").value,
      });
    } catch (e) {
      showError("Could not reach the server: " + e.message);
    } finally {
      button.disabled = false;
      button.textContent = "Analyse";
      result.removeAttribute("aria-busy");
    }
  }

  // ------------------------------------------------------------------ shared helpers

  const AREAS = ["face", "eye", "lips", "body"];
  const AREA_TEXT = { face: "Face", eye: "Around the eyes", lips: "Lips", body: "Body" };
  const TYPE_TEXT = { "leave-on": "Leave-on", "rinse-off": "Rinse-off" };

  function select(options, value, label) {
    const node = el("select");
    for (const [v, text] of Object.entries(options)) {
      const o = el("option", { text: text });
      o.value = v;
      if (v === value) o.selected = true;
      node.append(o);
    }
    if (label) node.setAttribute("aria-label", label);
    return node;
  }

  async function postJSON(url, body) {
    const response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify(body),
    });
    let data = null;
    try { data = await response.json(); } catch (e) { data = null; }
    if (!response.ok) {
      throw new Error((data && data.error) || ("The server answered " + response.status + "."));
    }
    return data;
  }

  function fail(id, message) {
    const box = document.getElementById(id);
    box.textContent = message;
    box.hidden = !message;
  }

  // ------------------------------------------------------------------ avoid-list (localStorage)

  const AVOID_KEY = "milia.avoid";

  function loadAvoid() {
    try {
      const items = JSON.parse(localStorage.getItem(AVOID_KEY) || "[]");
      return Array.isArray(items) ? items.filter((x) => x && typeof x.name === "string") : [];
    } catch (e) {
      return [];
    }
  }

  function saveAvoid(items) {
    try { localStorage.setItem(AVOID_KEY, JSON.stringify(items)); } catch (e) { /* private mode */ }
    renderAvoid();
  }

  function avoidKey(name) {
    return String(name || "").toLowerCase().replace(/\s+/g, " ").trim();
  }

  // The findings of a report that are on the avoid-list: same canonical name, or the
  // same label spelling for a name the matcher could not read.
  function avoidedFindings(report) {
    const items = loadAvoid();
    const incis = new Set(items.filter((x) => x.inci).map((x) => x.inci));
    const names = new Set(items.map((x) => avoidKey(x.name)));
    return new Set(report.findings.filter((f) =>
      (f.inci && incis.has(f.inci)) || names.has(avoidKey(f.label_name))));
  }

  function renderFlags(list, report) {
    clear(list);
    for (const f of avoidedFindings(report)) {
      list.append(el("li", { cls: "flag flag-avoid" }, el("strong", { text: "Avoid: " }),
        f.label_name + " is on your avoid-list."));
    }
    for (const flag of report.flags) {
      list.append(el("li", { cls: "flag flag-" + flag.kind },
        el("strong", { text: "Flag: " }), flag.message));
    }
    list.hidden = list.childElementCount === 0;
  }

  function renderAvoid() {
    const items = loadAvoid();
    const list = document.getElementById("avoid-list");
    clear(list);
    items.forEach((item, k) => {
      const remove = el("button", { text: "Remove" });
      remove.type = "button";
      remove.setAttribute("aria-label", "Remove " + item.name);
      remove.addEventListener("click", () => {
        const now = loadAvoid();
        now.splice(k, 1);
        saveAvoid(now);
      });
      list.append(el("li", null, el("span", { cls: "avoid-name", text: item.name }),
        item.inci ? "" : el("span", { cls: "hint", text: " (not recognised: flagged only when spelt the same)" }),
        " ", remove));
    });
    document.getElementById("avoid-count").textContent = items.length ? "(" + items.length + ")" : "";
  }

  document.getElementById("avoid-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const input = document.getElementById("avoid-name");
    const name = input.value.trim();
    fail("avoid-error", "");
    if (!name) return;
    let inci = null;
    let shown = name;
    try {
      const response = await fetch("/api/ingredient/" + encodeURIComponent(name));
      const data = await response.json();
      if (response.ok && data.match && data.match.read && data.inci) {
        inci = data.inci;
        shown = data.inci;
      }
    } catch (e) { /* offline: keep the name as typed */ }
    const items = loadAvoid();
    if (!items.some((x) => (inci && x.inci === inci) || avoidKey(x.name) === avoidKey(shown))) {
      items.push({ name: shown, inci: inci });
      saveAvoid(items);
    }
    input.value = "";
    input.focus();
  });

  // ------------------------------------------------------------------ modes and links

  const MODES = ["check", "compare", "routine", "ingredient"];

  function setMode(mode) {
    if (!MODES.includes(mode)) mode = "check";
    for (const m of MODES) document.getElementById("mode-" + m).hidden = m !== mode;
    for (const b of document.querySelectorAll("nav.modes .mode")) {
      b.setAttribute("aria-pressed", String(b.dataset.mode === mode));
    }
  }

  for (const b of document.querySelectorAll("nav.modes .mode")) {
    b.addEventListener("click", () => {
      setMode(b.dataset.mode);
      history.replaceState(null, "", "#" + new URLSearchParams({ m: b.dataset.mode }).toString());
    });
  }

  function shareLink(params) {
    return location.origin + location.pathname + "#" + new URLSearchParams(params).toString();
  }

  function setShare(inputId, params) {
    const input = document.getElementById(inputId);
    input.value = shareLink(params);
  }

  async function copyFrom(inputId, statusId) {
    const input = document.getElementById(inputId);
    const status = document.getElementById(statusId);
    try {
      await navigator.clipboard.writeText(input.value);
      status.textContent = "Link copied.";
    } catch (e) {
      input.focus();
      input.select();
      status.textContent = "Select the link above and copy it (Ctrl+C).";
    }
  }

  document.getElementById("copy-link").addEventListener("click", () => copyFrom("share-url", "link-status"));
  document.getElementById("compare-copy").addEventListener("click", () => copyFrom("compare-url", "compare-status"));

  // ------------------------------------------------------------------ compare

  const boxes = document.getElementById("compare-boxes");

  function addBox(item) {
    if (boxes.childElementCount >= 10) return;
    const k = boxes.childElementCount;
    const letter = String.fromCharCode(65 + k);
    const box = el("fieldset", { cls: "compare-box" });
    const legend = el("legend", { text: "Product " + letter });
    const name = el("input");
    name.type = "text"; name.className = "c-name"; name.maxLength = 100;
    name.placeholder = "Name (optional)";
    name.setAttribute("aria-label", "Name of product " + letter);
    name.value = (item && item.id) || "";
    const text = el("textarea");
    text.className = "c-text"; text.rows = 6; text.spellcheck = false;
    text.setAttribute("aria-label", "Ingredient list of product " + letter);
    text.value = (item && item.text) || "";
    const type = select(TYPE_TEXT, (item && item.product_type) || "leave-on", "Product type of " + letter);
    type.className = "c-type";
    const area = select(AREA_TEXT, (item && item.area) || "face", "Area of " + letter);
    area.className = "c-area";
    const remove = el("button", { text: "Remove" });
    remove.type = "button";
    remove.setAttribute("aria-label", "Remove product " + letter);
    remove.addEventListener("click", () => {
      if (boxes.childElementCount > 2) box.remove();
    });
    box.append(legend, name, text, el("div", { cls: "options" }, type, area, remove));
    boxes.append(box);
  }

  function compareItems() {
    return [...boxes.querySelectorAll(".compare-box")].map((box) => {
      const item = {
        text: box.querySelector(".c-text").value,
        product_type: box.querySelector(".c-type").value,
        area: box.querySelector(".c-area").value,
      };
      const id = box.querySelector(".c-name").value.trim();
      if (id) item.id = id;
      return item;
    });
  }

  function column(slot) {
    const col = el("article", { cls: "compare-col" });
    col.append(el("h3", { text: slot.label }));
    if (!slot.report) {
      col.classList.add("failed");
      col.append(el("p", { cls: "error", text: slot.error }));
      return col;
    }
    const r = slot.report;
    col.classList.add("result-" + r.band);
    col.append(el("p", { cls: "score-line" },
      el("span", { cls: "score small", text: r.nothing_read ? "?" : r.score.toFixed(0) }),
      el("span", { cls: "out-of", text: "/ 100" }), " ",
      el("span", { cls: "band band-" + r.band, text: bandText(r) })));
    col.append(el("p", { cls: "meta", text: "Between " + r.score_range[0].toFixed(0) + " and " +
      r.score_range[1].toFixed(0) + " · " + r.product_type + ", " + r.area }));
    const unread = r.unread || r.unknown;
    if (unread.length) {
      const ul = el("ul");
      for (const n of unread) ul.append(el("li", { text: n }));
      col.append(el("div", { cls: "unknown" }, el("h4", { text: "Not read" }), ul));
    }
    const top = r.findings.filter((f) => f.contribution > 0.05)
      .sort((a, b) => b.contribution - a.contribution).slice(0, 4);
    if (top.length) {
      const ul = el("ul", { cls: "top" });
      for (const f of top) {
        const a = el("a", { text: f.inci ? f.label_name : f.label_name });
        a.href = "#" + new URLSearchParams({ m: "ingredient", q: f.inci || f.label_name }).toString();
        ul.append(el("li", null, a, " " + points(f.contribution)));
      }
      col.append(el("h4", { text: "Adds most" }), ul);
    }
    const flags = el("ul", { cls: "flags" });
    renderFlags(flags, r);
    col.append(flags);
    return col;
  }

  function renderComparison(data) {
    const verdicts = document.getElementById("compare-verdicts");
    clear(verdicts);
    for (const d of data.differences) verdicts.append(el("p", { cls: "verdict", text: d.verdict }));
    if (!data.differences.length) verdicts.append(el("p", { text: "Fewer than two lists could be read." }));
    const cols = document.getElementById("compare-columns");
    clear(cols);
    for (const slot of data.items) cols.append(column(slot));
    const lists = document.getElementById("compare-lists");
    clear(lists);
    if (data.shared.length) lists.append(el("li", null, el("strong", { text: "In all: " }), data.shared.join(", ")));
    data.only.forEach((names, k) => {
      if (names.length) {
        lists.append(el("li", null, el("strong", { text: "Only in " + data.items[k].label + ": " }),
          names.join(", ")));
      }
    });
    document.getElementById("compare-result").hidden = false;
    document.getElementById("compare-heading").focus();
  }

  async function runCompare() {
    fail("compare-error", "");
    const items = compareItems();
    const button = document.getElementById("compare-go");
    button.disabled = true;
    try {
      const data = await postJSON("/api/compare", { items: items });
      renderComparison(data);
      setShare("compare-url", { m: "compare", items: JSON.stringify(items) });
    } catch (e) {
      document.getElementById("compare-result").hidden = true;
      fail("compare-error", e.message);
    } finally {
      button.disabled = false;
    }
  }

  document.getElementById("compare-add").addEventListener("click", () => {
    addBox(null);
    boxes.lastElementChild.querySelector(".c-text").focus();
  });
  document.getElementById("compare-form").addEventListener("submit", (event) => {
    event.preventDefault();
    runCompare();
  });

  // ------------------------------------------------------------------ routine (localStorage)

  const ROUTINE_KEY = "milia.routine";
  const FREQ_TEXT = { "twice daily": "Twice a day", "daily": "Every day",
    "every other day": "Every other day", "3 times a week": "3 times a week",
    "twice a week": "Twice a week", "weekly": "Once a week" };
  const routineList = document.getElementById("routine-list");

  function loadRoutine() {
    try {
      const items = JSON.parse(localStorage.getItem(ROUTINE_KEY) || "[]");
      return Array.isArray(items) ? items.filter((x) => x && typeof x === "object") : [];
    } catch (e) {
      return [];
    }
  }

  function routineProducts() {
    return [...routineList.querySelectorAll(".routine-item")].map((li) => ({
      name: li.querySelector(".r-name").value,
      ingredients: li.querySelector(".r-text").value,
      product_type: li.querySelector(".r-type").value,
      areas: AREAS.filter((a) => li.querySelector(".r-area-" + a).checked),
      frequency: li.querySelector(".r-freq").value,
    }));
  }

  function saveRoutine() {
    try { localStorage.setItem(ROUTINE_KEY, JSON.stringify(routineProducts())); } catch (e) { /* */ }
  }

  function addRoutineItem(p) {
    const k = routineList.childElementCount + 1;
    const li = el("li", { cls: "routine-item" });
    const name = el("input");
    name.type = "text"; name.className = "r-name"; name.maxLength = 100;
    name.value = (p && typeof p.name === "string") ? p.name : "Product " + k;
    name.setAttribute("aria-label", "Product name");
    const text = el("textarea");
    text.className = "r-text"; text.rows = 3; text.spellcheck = false;
    text.value = (p && typeof p.ingredients === "string") ? p.ingredients : "";
    text.setAttribute("aria-label", "Ingredient list");
    const type = select(TYPE_TEXT, (p && p.product_type) || "leave-on", "Product type");
    type.className = "r-type";
    const freq = select(FREQ_TEXT, (p && FREQ_TEXT[p.frequency]) ? p.frequency : "daily", "How often");
    freq.className = "r-freq";
    const areas = el("fieldset", { cls: "r-areas" }, el("legend", { text: "Where" }));
    const chosen = (p && Array.isArray(p.areas)) ? p.areas : ["face"];
    for (const a of AREAS) {
      const box = el("input");
      box.type = "checkbox"; box.className = "r-area-" + a; box.checked = chosen.includes(a);
      areas.append(el("label", null, box, " " + AREA_TEXT[a]));
    }
    const remove = el("button", { text: "Remove" });
    remove.type = "button";
    remove.addEventListener("click", () => { li.remove(); saveRoutine(); });
    li.append(name, text, el("div", { cls: "options" }, type, freq, remove), areas);
    li.addEventListener("input", saveRoutine);
    li.addEventListener("change", saveRoutine);
    routineList.append(li);
  }

  function renderRoutine(data) {
    const box = document.getElementById("routine-areas");
    clear(box);
    for (const a of data.areas) {
      const sec = el("section", { cls: "routine-area result-" + a.band });
      const band = a.band === "uncertain"
        ? "Can't tell: " + BAND_TEXT[a.band_range[0]] + " to " + BAND_TEXT[a.band_range[1]]
        : BAND_TEXT[a.band];
      sec.append(el("h3", null, AREA_TEXT[a.area] + " · load " + a.load.toFixed(0) + "/100 ",
        el("span", { cls: "band band-" + a.band, text: band })));
      sec.append(el("p", { cls: "summary", text: a.summary }));
      const prods = el("ol", { cls: "routine-products" });
      for (const p of a.products) {
        const li = el("li", null, el("strong", { text: p.product }),
          " — " + p.points.toFixed(1) + " points (score " + p.report.score.toFixed(0) + ", " +
          bandText(p.report) + ")");
        const flags = el("ul", { cls: "flags" });
        renderFlags(flags, p.report);
        li.append(flags);
        prods.append(li);
      }
      sec.append(prods);
      if (a.ingredients.length) {
        const ul = el("ul", { cls: "top" });
        for (const i of a.ingredients.slice(0, 5)) {
          ul.append(el("li", { text: i.ingredient + " " + points(i.points) + " (" + i.products.join(", ") + ")" }));
        }
        sec.append(el("h4", { text: "Ingredients that load it most" }), ul);
      }
      box.append(sec);
    }
    document.getElementById("routine-note").textContent = data.note;
    document.getElementById("routine-result").hidden = false;
    document.getElementById("routine-heading").focus();
  }

  document.getElementById("routine-add").addEventListener("click", () => {
    addRoutineItem(null);
    saveRoutine();
    routineList.lastElementChild.querySelector(".r-text").focus();
  });
  document.getElementById("routine-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    fail("routine-error", "");
    saveRoutine();
    const button = document.getElementById("routine-go");
    button.disabled = true;
    try {
      renderRoutine(await postJSON("/api/routine", { products: routineProducts() }));
    } catch (e) {
      document.getElementById("routine-result").hidden = true;
      fail("routine-error", e.message);
    } finally {
      button.disabled = false;
    }
  });

  // ------------------------------------------------------------------ ingredient pages

  async function lookUp(name) {
    fail("ingredient-error", "");
    document.getElementById("ingredient-q").value = name;
    const out = document.getElementById("ingredient-result");
    try {
      const response = await fetch("/api/ingredient/" + encodeURIComponent(name));
      const data = await response.json();
      if (!response.ok) throw new Error(data.error || "The server answered " + response.status);
      renderIngredient(data, data.flags || []);
    } catch (e) {
      out.hidden = true;
      fail("ingredient-error", e.message);
    }
  }

  function renderIngredient(data, flags) {
    const m = data.match;
    document.getElementById("ingredient-heading").textContent = data.inci || data.query;
    document.getElementById("ingredient-match").textContent = m.read
      ? "Recognised from \u201c" + data.query + "\u201d (" + m.method + ", confidence " +
        m.confidence.toFixed(2) + (m.reason ? "; " + m.reason : "") + ")"
      : "Not read: " + (m.reason || "not recognised") +
        (data.possibly && data.possibly.length ? " (possibly " + data.possibly.join(" or ") + "?)" : "");
    const entry = data.entry || null;
    document.getElementById("ingredient-explanation").textContent = entry ? entry.explanation
      : (data.unread_bound ? data.unread_bound.reason : "The database has no rating for it.");
    const flagList = document.getElementById("ingredient-flags");
    renderFlags(flagList, { findings: [], flags: flags || [] });
    const facts = document.getElementById("ingredient-facts");
    clear(facts);
    const fact = (k, v) => { if (v) facts.append(el("dt", { text: k }), el("dd", { text: v })); };
    fact("Functions (CosIng)", (data.functions || []).join(", ").toLowerCase());
    fact("Other names", (data.synonyms || []).join(", "));
    if (entry) {
      fact("Comedogenic rating", rating(entry.comedogenic_range));
      fact("Occlusivity", entry.occlusivity);
      fact("Role in the score", entry.role);
      fact("Evidence", entry.evidence);
      fact("Lineage", entry.lineage);
      if (entry.flag) fact("Flag", entry.flag);
    }
    fact("CAS", (data.cas || []).join(", "));
    const rows = document.getElementById("ingredient-ratings");
    clear(rows);
    for (const r of (entry && entry.comedogenicity) || []) {
      rows.append(el("tr", null, el("td", null, el("code", { text: r.source })),
        el("td", { text: (r.low === r.high ? r.low : r.low + "–" + r.high) + "/5" +
          (r.at_percent !== null ? " at " + r.at_percent + "%" : "") +
          (r.reading === "ours" ? " (our reading)" : "") }),
        el("td", { text: r.as_listed || "—" }),
        el("td", { text: r.locator || "—" })));
    }
    document.getElementById("ingredient-table").hidden = rows.childElementCount === 0;
    document.getElementById("ingredient-no-ratings").hidden = rows.childElementCount > 0;
    const sources = document.getElementById("ingredient-sources");
    clear(sources);
    for (const [id, ref] of Object.entries(data.sources || {})) {
      const li = el("li", null, el("code", { text: id }), " ", ref);
      const url = (data.source_urls || {})[id];
      if (typeof url === "string" && /^https?:\/\//.test(url)) {
        const a = el("a", { text: "open" });
        a.href = url;
        a.rel = "noopener noreferrer";
        li.append(" ", a);
      }
      sources.append(li);
    }
    document.getElementById("ingredient-result").hidden = false;
    document.getElementById("ingredient-heading").focus();
  }

  document.getElementById("ingredient-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const q = document.getElementById("ingredient-q").value.trim();
    if (!q) { fail("ingredient-error", "Type an ingredient name first."); return; }
    history.replaceState(null, "", "#" + new URLSearchParams({ m: "ingredient", q: q }).toString());
    lookUp(q);
  });

  // ------------------------------------------------------------------ the fragment

  // #m=check&t=...&pt=...&a=... reproduces an analysis; #m=compare&items=[...] a
  // comparison; #m=ingredient&q=... an ingredient page. Nothing is stored on a server.
  function fromFragment() {
    const params = new URLSearchParams(location.hash.slice(1));
    const mode = params.get("m") || (params.get("t") ? "check" : "check");
    setMode(mode);
    if (mode === "check" && params.get("t")) {
      textarea.value = params.get("t");
      const pt = params.get("pt"), a = params.get("a");
      if (TYPE_TEXT[pt]) document.getElementById("product_type").value = pt;
      if (AREA_TEXT[a]) document.getElementById("area").value = a;
      form.requestSubmit();
    } else if (mode === "compare" && params.get("items")) {
      let items = [];
      try { items = JSON.parse(params.get("items")); } catch (e) { items = []; }
      if (Array.isArray(items) && items.length) {
        clear(boxes);
        for (const item of items.slice(0, 10)) addBox(item && typeof item === "object" ? item : null);
        while (boxes.childElementCount < 2) addBox(null);
        runCompare();
      }
    } else if (mode === "ingredient" && params.get("q")) {
      lookUp(params.get("q"));
    }
  }

  addBox(null);
  addBox(null);
  const saved = loadRoutine();
  if (saved.length) { for (const p of saved) addRoutineItem(p); } else { addRoutineItem(null); }
  renderAvoid();
  window.addEventListener("hashchange", fromFragment);

  setUpGauge();
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    analyse();
  });
  textarea.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  fromFragment();
})();
