// Loaded as a classic script at the very start of <body>, before anything is
// drawn, so NHS.UK components never flash in their no-JavaScript state.
// NHS.UK frontend v10 puts this line inline in its page template; our
// Content-Security-Policy forbids inline scripts, so it lives here instead.
// `nhsuk-frontend-supported` tells the CSS, and initAll(), that this browser
// runs ES modules; without it the components stay in their HTML-only form.
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " nhsuk-frontend-supported" : "");
