// Applies the saved (or the system's) colour scheme before the app loads, so dark mode does not flash.
// Mirrors src/app/theme.ts; a classic script, so a strict script-src 'self' policy still allows it.
(function () {
  try {
    var saved = JSON.parse(localStorage.getItem("hk-theme") || "null");
    var preference = (saved && saved.state && saved.state.preference) || "system";
    var dark =
      preference === "dark" ||
      (preference === "system" && window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches);
    document.documentElement.classList.toggle("dark", dark);
  } catch {
    /* storage unavailable: the app applies the theme once it starts */
  }
})();
