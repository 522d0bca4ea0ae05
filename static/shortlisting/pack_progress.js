// A shortlisting pack's page while the pack is being made: ask for its status
// every few seconds and swap in the fragment the server renders, so the page
// follows the pack without being reloaded. The database row is the truth
// (views.pack_status); this only reads it. Without JavaScript, the page's
// "Check progress" button reloads it instead, so that button is hidden here.
const container = document.querySelector("[data-pack-status-url]");
const IN_PROGRESS = ["queued", "rendering"];
const EVERY_MS = 2000;

function hideRefreshButton() {
  container.querySelectorAll("[data-pack-refresh]").forEach((element) => {
    element.hidden = true;
  });
}

async function poll() {
  try {
    const response = await fetch(container.dataset.packStatusUrl, {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
      cache: "no-store",
    });
    if (response.ok) {
      const data = await response.json();
      const progress = String(data.progress);
      if (data.status !== container.dataset.packStatus || progress !== container.dataset.packProgress) {
        container.innerHTML = data.html;
        container.dataset.packStatus = data.status;
        container.dataset.packProgress = progress;
        hideRefreshButton();
      }
    }
  } catch {
    // A dropped connection: try again next time round.
  }
  if (IN_PROGRESS.includes(container.dataset.packStatus)) {
    window.setTimeout(poll, EVERY_MS);
  }
}

if (container && IN_PROGRESS.includes(container.dataset.packStatus)) {
  hideRefreshButton();
  window.setTimeout(poll, EVERY_MS);
}
