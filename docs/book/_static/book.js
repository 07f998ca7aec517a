// Search results quote the pages' text, formulas included as TeX (\( ... \)): typeset them with the
// site's own MathJax, loaded on the search page only when a result needs it.
(() => {
  const TEX = /\\\(|\\\[/;
  const mathjaxUrl = () => {
    const root = document.documentElement.dataset.content_root || "";
    return root + "_static/mathjax/tex-chtml.js";
  };
  let loading = null;
  const loadMathJax = () => {
    if (window.MathJax && window.MathJax.typesetPromise) return Promise.resolve();
    if (!loading) {
      loading = new Promise((resolve) => {
        window.MathJax = { startup: { typeset: false, ready: () => {
          window.MathJax.startup.defaultReady();
          window.MathJax.startup.promise.then(resolve);
        } } };
        const script = document.createElement("script");
        script.src = mathjaxUrl();
        script.async = true;
        document.head.appendChild(script);
      });
    }
    return loading;
  };
  // One typeset at a time (MathJax 3 does not allow overlapping ones); results keep arriving meanwhile.
  let queue = Promise.resolve();
  const typeset = (results) => {
    if (!TEX.test(results.textContent)) return;
    queue = queue
      .then(loadMathJax)
      .then(() => window.MathJax.typesetPromise([results]))
      .catch((error) => console.warn("MathJax could not typeset the search results:", error));
  };
  document.addEventListener("DOMContentLoaded", () => {
    const results = document.getElementById("search-results");
    if (!results) return;
    let pending = null;
    new MutationObserver(() => {
      clearTimeout(pending);
      pending = setTimeout(() => typeset(results), 100);
    }).observe(results, { childList: true, subtree: true });
  });
})();
