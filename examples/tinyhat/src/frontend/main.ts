// Frontend: the public pages; /admin and uploads are forwarded to their services.

import express, { Request, Response } from 'express';
import { peerUrl } from '../shared/config';
import { callPeer } from '../shared/peer';
import { serve } from '../shared/serve';
import { ApprovedHat, galleryPage, uploadPage, uploadScript } from './pages';

const app = express();

app.get('/', async (_req, res) => {
  const hats = (await (await callPeer(`${peerUrl('upload-service')}/hats?status=approved`)).json()) as ApprovedHat[];
  res.type('html').send(galleryPage(hats.slice(-24)));
});

app.get('/upload', (_req, res) => {
  res.type('html').send(uploadPage());
});
app.get('/upload.js', (_req, res) => {
  res.type('text/javascript').send(uploadScript);
});

app.post('/upload', express.raw({ type: 'image/png', limit: '2mb' }), (req, res) => forward(req, res, 'upload-service'));
app.get('/hats/:id/image', (req, res) => forward(req, res, 'upload-service'));
app.use('/admin', (req, res) => forward(req, res, 'admin-service'));

/** Passes the request on unchanged and the answer back, redirects included. */
async function forward(req: Request, res: Response, service: string): Promise<void> {
  const body = Buffer.isBuffer(req.body) ? req.body : undefined;
  let answer: globalThis.Response;
  try {
    answer = await fetch(`${peerUrl(service)}${req.originalUrl}`, {
      method: req.method,
      headers: body ? { 'content-type': req.get('content-type') ?? 'application/octet-stream' } : {},
      body: body ? new Uint8Array(body) : undefined,
      redirect: 'manual',
    });
  } catch (err) {
    res.status(502).type('text').send(`frontend: ${service} is unreachable: ${(err as Error).cause ?? (err as Error).message}`);
    return;
  }
  res.status(answer.status);
  for (const header of ['content-type', 'location']) {
    const value = answer.headers.get(header);
    if (value) res.set(header, value);
  }
  res.send(Buffer.from(await answer.arrayBuffer()));
}

app.use((err: Error, _req: Request, res: Response, _next: express.NextFunction) => {
  res.status(502).type('text').send(`frontend: ${err.message}`);
});

serve(app, 'frontend');
