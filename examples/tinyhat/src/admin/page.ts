// The admin page's HTML: pending hats with their previews and an approve button each.

import type { PendingHat } from './hats';

export interface HatWithPreview {
  hat: PendingHat;
  preview: Buffer;
}

export function renderAdminPage(items: HatWithPreview[]): string {
  const cards = items
    .map(
      ({ hat, preview }) => `<li>
  <img alt="preview of ${escapeHtml(hat.name)}" width="180" height="180" src="data:image/png;base64,${preview.toString('base64')}">
  <p>${escapeHtml(hat.name)} <small>uploaded ${escapeHtml(hat.createdAt)}</small></p>
  <form method="post" action="/admin/approve/${hat.id}"><button>Approve</button></form>
</li>`,
    )
    .join('\n');
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>Tinyhat admin</title></head>
<body><h1>Pending hats (${items.length})</h1><ul>${cards}</ul><p><a href="/">Back to the hats</a></p></body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
