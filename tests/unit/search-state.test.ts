import { describe, expect, test } from "vitest";
import {
  knownFilters,
  pagefindSort,
  type SearchState,
  searchStateFromQueryString,
  searchStateToQueryString,
} from "../../src/search/search-state.ts";

const empty: SearchState = { query: "", sort: "relevance", filters: {} };

describe("searchStateFromQueryString", () => {
  test.each<[string, SearchState]>([
    ["", empty],
    ["?", empty],
    ["?q=transformers", { ...empty, query: "transformers" }],
    ["q=transformers", { ...empty, query: "transformers" }],
    ["?q=moore%E2%80%99s+law", { ...empty, query: "moore’s law" }],
    ["?q=a%26b%3Dc", { ...empty, query: "a&b=c" }],
    ["?q=", empty],
    ["?q=first&q=second", { ...empty, query: "first" }],
    ["?q=bert&sort=newest", { ...empty, query: "bert", sort: "newest" }],
    ["?q=bert&sort=oldest", { ...empty, query: "bert", sort: "oldest" }],
    ["?q=bert&sort=relevance", { ...empty, query: "bert" }],
    ["?q=bert&sort=random", { ...empty, query: "bert" }],
    ["?q=bert&sort=NEWEST", { ...empty, query: "bert" }],
    ["?q=x&series=Lab+Notes", { ...empty, query: "x", filters: { series: ["Lab Notes"] } }],
    ["?q=x&tags=nlp&tags=vision", { ...empty, query: "x", filters: { tags: ["nlp", "vision"] } }],
    ["?q=x&tags=nlp&tags=nlp&tags=", { ...empty, query: "x", filters: { tags: ["nlp"] } }],
    ["?year=2022&q=x", { ...empty, query: "x", filters: { year: ["2022"] } }],
    ["?q=x&author=ada&page=2", { ...empty, query: "x" }],
  ])("%j reads as %j", (queryString, state) => {
    expect(searchStateFromQueryString(queryString)).toEqual(state);
  });
});

describe("searchStateToQueryString", () => {
  test.each<[SearchState, string]>([
    [empty, ""],
    [{ ...empty, query: "   " }, ""],
    [{ ...empty, query: "transformers" }, "?q=transformers"],
    [{ ...empty, query: "moore’s law" }, "?q=moore%E2%80%99s+law"],
    [{ ...empty, query: "a&b=c" }, "?q=a%26b%3Dc"],
    [{ ...empty, query: "bert", sort: "newest" }, "?q=bert&sort=newest"],
    [{ ...empty, query: "bert", sort: "relevance" }, "?q=bert"],
    [{ query: "x", sort: "oldest", filters: { year: ["2022"], series: ["Lab Notes"], tags: ["nlp", "vision"] } }, "?q=x&sort=oldest&series=Lab+Notes&tags=nlp&tags=vision&year=2022"],
    [{ ...empty, filters: { tags: [] } }, ""],
  ])("%j is %j", (state, queryString) => {
    expect(searchStateToQueryString(state)).toBe(queryString);
  });

  test.each<SearchState>([
    { ...empty, query: "transformers" },
    { query: "a+b & c/d?e#f", sort: "newest", filters: { series: ["The Gradient Updates"] } },
    { query: "ünïcode ✓", sort: "oldest", filters: { tags: ["machine learning", "c++"], year: ["2020", "2021"] } },
  ])("reads back what it wrote: %j", (state) => {
    expect(searchStateFromQueryString(searchStateToQueryString(state))).toEqual(state);
  });
});

describe("pagefindSort", () => {
  test.each([
    ["relevance", undefined],
    ["newest", { date: "desc" }],
    ["oldest", { date: "asc" }],
  ] as const)("%s sorts by %j", (order, sort) => {
    expect(pagefindSort(order)).toEqual(sort);
  });
});

describe("knownFilters", () => {
  test.each([
    [{}, {}],
    [{ series: ["Lab Notes"], tags: [], year: undefined }, { series: ["Lab Notes"] }],
    [{ tags: ["nlp"], colour: ["red"] }, { tags: ["nlp"] }],
    [{ year: ["2020", "2022"] }, { year: ["2020", "2022"] }],
  ])("%j keeps %j", (filters, known) => {
    expect(knownFilters(filters)).toEqual(known);
  });

  test("copies the value lists", () => {
    const tags = ["nlp"];
    const known = knownFilters({ tags });
    tags.push("vision");
    expect(known).toEqual({ tags: ["nlp"] });
  });
});
