// HTML of the frontend's own pages: the hat gallery and the upload form.

export interface ApprovedHat {
  id: number;
  name: string;
}

export function galleryPage(hats: ApprovedHat[]): string {
  const items = hats
    .map((h) => `<li><img alt="" width="160" height="120" src="/hats/${h.id}/image"><p>${escapeHtml(h.name)}</p></li>`)
    .join('\n');
  return page('Tinyhat', `<h1>Tinyhat</h1><p><a href="/upload">Upload a hat</a> · <a href="/admin">Admin</a></p><ul>${items || '<li>No approved hats yet.</li>'}</ul>`);
}

export function uploadPage(): string {
  // The picture goes up as a raw PNG body, the same request the load generator makes.
  return page(
    'Upload a hat',
    `<h1>Upload a hat</h1>
<form id="f"><input name="name" placeholder="Name" required> <input name="file" type="file" accept="image/png" required> <button>Upload</button></form>
<p id="out"></p>
<script type="module" src="/upload.js"></script>`,
  );
}

export const uploadScript = `const form = document.getElementById('f');
form.addEventListener('submit', async (e) => {
  e.preventDefault();
  const file = form.file.files[0];
  const res = await fetch('/upload?name=' + encodeURIComponent(form.name.value), { method: 'POST', headers: { 'content-type': 'image/png' }, body: file });
  document.getElementById('out').textContent = res.ok ? 'Uploaded: waiting for an admin.' : 'Upload failed: ' + (await res.text());
});
`;

function page(title: string, body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>${body}</body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
