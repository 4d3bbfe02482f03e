/* Search with Pagefind's index (built into <site>/pagefind/ by the build) when JavaScript runs.
   Without JavaScript, or if the index cannot load, the page keeps its links to every list. */
const form = document.getElementById("search-form");
const input = document.getElementById("search-q");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const siteUrl = new URL(form.dataset.siteUrl, window.location.href);
const MAX_RESULTS = 20;

function resultItem(data) {
  const item = document.createElement("li");
  const heading = document.createElement("h2");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title;
  heading.append(link);
  const excerpt = document.createElement("p");
  excerpt.innerHTML = data.excerpt; /* Pagefind's excerpt: escaped page text with <mark> around the matches */
  item.append(heading, excerpt);
  return item;
}

async function run(pagefind, query) {
  const url = new URL(window.location.href);
  url.searchParams.set("q", query);
  window.history.replaceState(null, "", url);
  if (!query.trim()) {
    list.replaceChildren();
    status.textContent = "";
    return;
  }
  const search = await pagefind.search(query);
  const results = await Promise.all(search.results.slice(0, MAX_RESULTS).map((result) => result.data()));
  list.replaceChildren(...results.map(resultItem));
  const count = search.results.length;
  status.textContent = count === 0 ? `No results for “${query}”.`
    : `${count} result${count === 1 ? "" : "s"} for “${query}”${count > MAX_RESULTS ? `, showing the first ${MAX_RESULTS}` : ""}.`;
}

/* The index's other parts (pagefind/parts.json, beside the first part) that hold pages in this page's
   language, found as Pagefind finds an index for a language: "en-gb", else "en". */
async function otherParts(bundle) {
  const response = await fetch(new URL("parts.json", bundle), { cache: "no-cache" });
  if (!response.ok) {
    return []; /* an index from before the parts: one part */
  }
  const language = (document.documentElement.lang || "unknown").toLowerCase();
  const holds = (part) => part.languages.includes(language) || part.languages.includes(language.split("-")[0]);
  return (await response.json()).parts.filter((part) => part.path && holds(part));
}

try {
  const bundle = new URL("pagefind/", siteUrl);
  const [pagefind, parts] = await Promise.all([import(new URL("pagefind.js", bundle).href), otherParts(bundle)]);
  await pagefind.options({ baseUrl: siteUrl.pathname });
  await Promise.all(parts.map((part) => pagefind.mergeIndex(new URL(part.path, bundle).pathname,
                                                            { baseUrl: siteUrl.pathname })));
  document.getElementById("search-fallback").hidden = true;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run(pagefind, input.value);
  });
  const query = new URLSearchParams(window.location.search).get("q");
  if (query) {
    input.value = query;
    await run(pagefind, query);
  }
} catch (error) {
  status.textContent = "Search is not available right now. The lists below hold everything on this site.";
}
