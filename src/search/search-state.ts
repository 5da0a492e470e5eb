import { dateSortKey, searchFilterNames, type SearchFilterName } from "./search-fields.ts";

/** How results are ordered: Pagefind's relevance, or by date. */
export const sortOrders = ["relevance", "newest", "oldest"] as const;
export type SortOrder = (typeof sortOrders)[number];

/** What a search page shows, as kept in its address so a search can be shared and bookmarked. */
export interface SearchState {
  query: string;
  sort: SortOrder;
  /** Selected values per filter; a filter with no value selected is absent. */
  filters: Partial<Record<SearchFilterName, string[]>>;
}

/** The address parameter of the query: the header's search form submits it too. */
export const queryParameter = "q";
const sortParameter = "sort";

/**
 * Reads a search from an address's query string (`?q=bert&sort=newest&tags=nlp&tags=vision`).
 * Unknown parameters and sort orders are ignored, so an old or mistyped link still searches.
 */
export function searchStateFromQueryString(queryString: string): SearchState {
  const parameters = new URLSearchParams(queryString);
  const sort = parameters.get(sortParameter);
  const filters: SearchState["filters"] = {};
  for (const name of searchFilterNames) {
    const values = [...new Set(parameters.getAll(name).filter((value) => value !== ""))];
    if (values.length) filters[name] = values;
  }
  return {
    query: parameters.get(queryParameter) ?? "",
    sort: sortOrders.find((order) => order === sort) ?? "relevance",
    filters,
  };
}

/**
 * The query string of a search, `?q=...` first, without defaults (relevance, empty filters), or
 * "" for the empty search. The inverse of `searchStateFromQueryString`.
 */
export function searchStateToQueryString(state: SearchState): string {
  const parameters = new URLSearchParams();
  if (state.query.trim() !== "") parameters.append(queryParameter, state.query);
  if (state.sort !== "relevance") parameters.append(sortParameter, state.sort);
  for (const name of searchFilterNames) {
    for (const value of state.filters[name] ?? []) parameters.append(name, value);
  }
  const text = parameters.toString();
  return text === "" ? "" : `?${text}`;
}

/** Pagefind's `sort` search option for an order; undefined for relevance. */
export function pagefindSort(order: SortOrder): Record<string, "asc" | "desc"> | undefined {
  if (order === "relevance") return undefined;
  return { [dateSortKey]: order === "newest" ? "desc" : "asc" };
}

/** Keeps only the filters the search page knows, with at least one value each. */
export function knownFilters(filters: Readonly<Record<string, readonly string[] | undefined>>): SearchState["filters"] {
  const known: SearchState["filters"] = {};
  for (const name of searchFilterNames) {
    const values = filters[name];
    if (values?.length) known[name] = [...values];
  }
  return known;
}
