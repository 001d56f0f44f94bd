/* Search-as-you-type for the search box: the WAI-ARIA combobox pattern (listbox popup).
   Without JavaScript the box is a plain form field. */
(function () {
  "use strict";
  var input = document.getElementById("search-q");
  var list = document.getElementById("search-suggestions");
  var status = document.getElementById("search-suggestions-status");
  if (!input || !list || !window.fetch) return;

  var items = [];
  var active = -1;
  var timer = null;
  var lastQuery = "";
  var controller = null;

  function close() {
    list.hidden = true;
    list.innerHTML = "";
    items = [];
    active = -1;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }

  function highlight(index) {
    items.forEach(function (item, i) {
      item.setAttribute("aria-selected", i === index ? "true" : "false");
    });
    active = index;
    if (index >= 0) {
      input.setAttribute("aria-activedescendant", items[index].id);
      items[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function render(suggestions) {
    list.innerHTML = "";
    items = suggestions.map(function (suggestion, i) {
      var option = document.createElement("li");
      option.id = "search-suggestion-" + i;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.dataset.url = suggestion.url;
      option.textContent = suggestion.text; // text, never HTML
      option.addEventListener("mousedown", function (event) {
        event.preventDefault(); // keep focus in the box
        window.location.href = suggestion.url;
      });
      list.appendChild(option);
      return option;
    });
    active = -1;
    var open = items.length > 0;
    list.hidden = !open;
    input.setAttribute("aria-expanded", open ? "true" : "false");
    status.textContent = open ? items.length + (items.length === 1 ? " suggestion" : " suggestions") + ", use the up and down arrow keys" : "";
  }

  function fetchSuggestions() {
    var query = input.value.trim();
    if (query === lastQuery) return;
    lastQuery = query;
    if (query.length < 2) {
      close();
      return;
    }
    if (controller) controller.abort();
    controller = window.AbortController ? new AbortController() : null;
    fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(query), { signal: controller ? controller.signal : undefined, headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
      .then(function (data) { if (input.value.trim() === query) render(data.suggestions || []); })
      .catch(function () { /* aborted or offline: the plain form still works */ });
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(fetchSuggestions, 150);
  });

  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown") {
      if (list.hidden) { lastQuery = ""; fetchSuggestions(); return; }
      event.preventDefault();
      highlight(active + 1 >= items.length ? 0 : active + 1);
    } else if (event.key === "ArrowUp") {
      if (list.hidden) return;
      event.preventDefault();
      highlight(active <= 0 ? items.length - 1 : active - 1);
    } else if (event.key === "Enter") {
      if (!list.hidden && active >= 0) {
        event.preventDefault();
        window.location.href = items[active].dataset.url;
      }
    } else if (event.key === "Escape") {
      if (!list.hidden) {
        event.preventDefault();
        close();
      }
    }
  });

  input.addEventListener("blur", function () { window.setTimeout(close, 100); });
})();
