// Upload service: stores hat pictures in SQLite and serves them to the admin and frontend services.

import express from 'express';
import { dataDir } from '../shared/config';
import { serve } from '../shared/serve';
import { seedHats } from './seed';
import { HatStatus, HatStore } from './store';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const store = new HatStore(dataDir());
const app = express();

app.post('/upload', express.raw({ type: 'image/png', limit: '2mb' }), (req, res) => {
  const image = req.body as unknown;
  if (!Buffer.isBuffer(image) || image.length < PNG_SIGNATURE.length || !image.subarray(0, 8).equals(PNG_SIGNATURE)) {
    res.status(400).json({ error: 'send the hat as a PNG body with Content-Type: image/png' });
    return;
  }
  const name = String(req.query.name ?? '').trim().slice(0, 80) || 'unnamed hat';
  const hat = store.add(name, image);
  res.status(201).json(hat);
});

app.get('/hats', (req, res) => {
  const status = (req.query.status ?? 'pending') as HatStatus;
  if (status !== 'pending' && status !== 'approved') {
    res.status(400).json({ error: 'status must be pending or approved' });
    return;
  }
  res.json(store.list(status));
});

app.get('/hats/:id/image', (req, res) => {
  const image = store.image(Number(req.params.id));
  if (!image) {
    res.status(404).json({ error: `no hat ${req.params.id}` });
    return;
  }
  res.type('image/png').send(image);
});

app.post('/hats/:id/approve', (req, res) => {
  const hat = store.approve(Number(req.params.id));
  if (!hat) {
    res.status(404).json({ error: `no hat ${req.params.id}` });
    return;
  }
  res.json(hat);
});

seedHats(store).then(
  () => serve(app, 'upload-service'),
  (err: Error) => {
    process.stderr.write(`upload-service: cannot seed hats: ${err.message}\n`);
    process.exit(1);
  },
);
