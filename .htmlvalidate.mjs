// html-validate's configuration for the built site (`npm run check`, src/check/html-validity.ts).
// A module rather than .htmlvalidate.json so that every departure from the preset says why.
export default {
  root: true,
  extends: ["html-validate:recommended"],
  rules: {
    // Heading ids are slugs of the heading text, so "## 1. Transformer memory" gets the id
    // "1-transformer-memory", and markdown-it-footnote names a second reference to a note
    // "fnref1:1". HTML allows any id without whitespace; relaxed mode still rejects empty ids and
    // ids with whitespace. Renaming the slugs would break links readers already have to sections.
    "valid-id": ["error", { relaxed: true }],
    // Tag lists are `<ul aria-label="Tags">`: WAI-ARIA lets authors name the list role, and the
    // rule reports it only as "not recommended". Wrapping each list in a landmark instead would
    // give the home page one "Tags" landmark per issue card.
    "aria-label-misuse": ["error", { allowAnyNamable: true }],
    // A page's <title> is the issue's own title and the site name. A long headline is the author's
    // content, not an HTML error; cutting it would truncate the title readers see in tabs and bookmarks.
    "long-title": "off",
  },
};
