// Start every NHS.UK frontend component on the page (header menu, character
// counts, error summary focus, radios and checkboxes, notification banners).
//
// The module's URL comes from base.html's data attribute rather than a fixed
// import path: {% static %} gives it a content hash in production, and using
// that same URL here means the browser loads the module once, not twice.
const script = document.querySelector("script[data-nhsuk-frontend]");

import(script.dataset.nhsukFrontend).then(({ initAll }) => initAll());
