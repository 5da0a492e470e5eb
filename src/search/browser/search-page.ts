// The search page's script: connects Pagefind's Component UI (loaded before it from the bundle)
// to the address, the sort order and the site's result layout. Runs as an external file, so the
// page needs no inline code under a strict Content-Security-Policy.
import { type ExcerptPart, type PagefindResultData, type ResultView, resultView } from "../result-view.ts";
import {
  knownFilters,
  pagefindSort,
  type SearchState,
  searchStateFromQueryString,
  searchStateToQueryString,
  sortOrders,
} from "../search-state.ts";

/** The slice of a Component UI instance this script uses (pagefind-component-ui.js, 1.6). */
interface PagefindInstance {
  searchTerm: string;
  /** Read by every search; the `<pagefind-config sort>` attribute sets it too. */
  searchSort?: Record<string, "asc" | "desc">;
  on(event: "search", callback: (term: string, filters: Record<string, string[]>) => void): void;
  on(event: "results", callback: (result: { results: unknown[] }) => void): void;
  triggerSearchWithFilters(term: string, filters: Record<string, string[]>): void;
  setTranslations(strings: Record<string, string>): void;
}

interface PagefindComponents {
  getInstanceManager(): { getInstance(name?: string): PagefindInstance };
}

/** `<pagefind-results>`: a `resultTemplate` function replaces its built-in template. */
interface PagefindResultsElement extends HTMLElement {
  resultTemplate: ((data: PagefindResultData) => Element) | null;
}

declare global {
  interface Window {
    PagefindComponents?: PagefindComponents;
  }
}

function start(): void {
  const root = document.querySelector<HTMLElement>("[data-search]");
  const components = window.PagefindComponents;
  if (!root || !components) return;
  const instance = components.getInstanceManager().getInstance("default");
  const results = root.querySelector<PagefindResultsElement>("pagefind-results");
  const sort = root.querySelector<HTMLSelectElement>("[data-search-sort]");
  const empty = root.querySelector<HTMLElement>("[data-search-empty]");
  const filters = root.querySelector<HTMLDetailsElement>("[data-search-filters]");
  if (!results || !sort || !empty || !filters) return;

  // The filters sit closed under the results on narrow screens and open beside them on wide ones
  // (the stylesheet's 64rem breakpoint); a reader's own toggle holds until the width crosses it.
  const wide = matchMedia("(min-width: 64rem)");
  filters.open = wide.matches;
  wide.addEventListener("change", () => {
    filters.open = wide.matches;
  });

  instance.setTranslations({
    search_label: "Search the issues",
    placeholder: "Search the issues",
    zero_results: "No issues match [SEARCH_TERM].",
    one_result: "1 issue matches [SEARCH_TERM].",
    many_results: "[COUNT] issues match [SEARCH_TERM].",
  });
  results.resultTemplate = (data) => renderResult(resultView(data));

  let state = searchStateFromQueryString(location.search);
  sort.value = state.sort;
  instance.searchSort = pagefindSort(state.sort);

  // Every search, typed or filtered, is kept in the address, replacing the entry as one types.
  // Filters only narrow a query, so the page shows them once there is one (`data-idle`).
  instance.on("search", (term, filters) => {
    state = { ...state, query: term, filters: knownFilters(filters) };
    history.replaceState(history.state, "", `${location.pathname}${searchStateToQueryString(state)}${location.hash}`);
    root.toggleAttribute("data-idle", term.trim() === "");
  });
  instance.on("results", (result) => {
    const none = instance.searchTerm.trim() !== "" && result.results.length === 0;
    empty.hidden = !none;
    // With no results the filter pane lists only the filters chosen, to be cleared: with none
    // chosen it would be an empty "Filters" disclosure.
    filters.hidden = none && Object.keys(state.filters).length === 0;
  });
  sort.addEventListener("change", () => {
    const order = sortOrders.find((value) => value === sort.value) ?? "relevance";
    state = { ...state, sort: order };
    instance.searchSort = pagefindSort(order);
    search(instance, state);
  });

  root.toggleAttribute("data-idle", state.query.trim() === "");
  root.hidden = false;
  if (state.query.trim() !== "") search(instance, state);
}

function search(instance: PagefindInstance, state: SearchState): void {
  instance.triggerSearchWithFilters(state.query, { ...state.filters } as Record<string, string[]>);
}

function renderResult(view: ResultView): HTMLLIElement {
  // `pf-result` lets the Component UI move between results with the arrow keys.
  const item = element("li", "pf-result search-result");
  if (view.image) {
    // Beside the title, of a fixed size so results arriving shift nothing; the title says what it shows.
    const image = item.appendChild(element("img", "search-result__image"));
    Object.assign(image, { src: view.image, alt: "", width: 96, height: 64, loading: "lazy", decoding: "async" });
  }
  const title = item.appendChild(element("h2", "search-result__title"));
  const link = title.appendChild(element("a", "search-result__link"));
  link.href = view.url;
  link.textContent = view.title;

  if (view.series || view.dateLabel) {
    const meta = item.appendChild(element("p", "search-result__meta"));
    if (view.series) meta.append(view.number ? `${view.series} ${view.number}` : view.series);
    if (view.series && view.dateLabel) meta.append(" · ");
    if (view.dateLabel) {
      const time = meta.appendChild(element("time"));
      if (view.date) time.dateTime = view.date;
      time.textContent = view.dateLabel;
    }
  }
  if (view.excerpt.length) item.appendChild(excerpt(view.excerpt, "search-result__excerpt"));

  if (view.sections.length) {
    const sections = item.appendChild(element("ul", "search-result__sections"));
    sections.setAttribute("aria-label", `Matching sections of ${view.title}`);
    for (const section of view.sections) {
      const entry = sections.appendChild(element("li"));
      const sectionLink = entry.appendChild(element("a", "search-result__section-link"));
      sectionLink.href = section.url;
      sectionLink.textContent = section.title;
      if (section.excerpt.length) entry.appendChild(excerpt(section.excerpt, "search-result__section-excerpt"));
    }
  }
  return item;
}

function excerpt(parts: readonly ExcerptPart[], className: string): HTMLParagraphElement {
  const paragraph = element("p", className);
  for (const part of parts) {
    if (part.marked) paragraph.appendChild(element("mark")).textContent = part.text;
    else paragraph.append(part.text);
  }
  return paragraph;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  return node;
}

start();
