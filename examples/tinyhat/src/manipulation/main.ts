// Manipulation service: POST /manipulate fetches a hat picture and renders its preview.

import express from 'express';
import { callPeer } from '../shared/peer';
import { serve } from '../shared/serve';
import { PreviewInputError, renderPreview } from './preview';

const app = express();

app.post('/manipulate', express.json(), async (req, res) => {
  const { imageUrl, rotate } = (req.body ?? {}) as { imageUrl?: unknown; rotate?: unknown };
  if (typeof imageUrl !== 'string' || !/^http:\/\/127\.0\.0\.1:\d+\//.test(imageUrl)) {
    res.status(400).json({ error: 'imageUrl must be an http://127.0.0.1:PORT/... address of a hat picture' });
    return;
  }
  try {
    const picture = Buffer.from(await (await callPeer(imageUrl)).arrayBuffer());
    const preview = await renderPreview(picture, { rotate: typeof rotate === 'number' ? rotate : -12 });
    res.type('image/png').send(preview);
  } catch (err) {
    res.status(err instanceof PreviewInputError ? 422 : 502).json({ error: (err as Error).message });
  }
});

serve(app, 'manipulation-service');
