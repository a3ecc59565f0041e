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
      const link = el("a", { text: "Everything the database knows about it (JSON)" });
      link.href = "/api/ingredient/" + encodeURIComponent(f.inci);
      body.append(el("p", { cls: "more" }, link));
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
    clear(flags);
    for (const flag of report.flags) {
      flags.append(el("li", { cls: "flag" }, el("strong", { text: "Flag: " }), flag.message));
    }
    flags.hidden = report.flags.length === 0;

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
    for (const f of report.findings) list.append(renderFinding(f, report.sources));

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
    } catch (e) {
      showError("Could not reach the server: " + e.message);
    } finally {
      button.disabled = false;
      button.textContent = "Analyse";
      result.removeAttribute("aria-busy");
    }
  }

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
})();
