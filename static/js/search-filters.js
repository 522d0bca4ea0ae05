// The search page's filters are a long list. On a screen too narrow for the
// filters and the results side by side, fold them behind "Filter jobs" (an
// NHS.UK details) so the results come first. The page is drawn with them
// open, so without JavaScript nothing is hidden.
const filters = document.querySelector("details[data-fold-on-small-screens]");
const stacked = window.matchMedia("(max-width: 48.0525em)"); // below NHS.UK's desktop breakpoint

if (filters && stacked.matches) {
  filters.open = false;
}
