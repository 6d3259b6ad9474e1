// The admin service's routes: the moderation page and approving a hat.

import { Router } from 'express';
import { approveHat, fetchPendingHats } from './hats';
import { renderAdminPage, HatWithPreview } from './page';
import { createSampleImage } from './preview';

export const adminRoutes = Router();

// The admin page shows a preview of every pending hat, generated on every request.
adminRoutes.get('/admin', async function showPendingHats(_req, res) {
  const hats = await fetchPendingHats();
  const items: HatWithPreview[] = [];
  for (const hat of hats) {
    const preview = await createSampleImage(hat);
    items.push({ hat, preview });
  }
  res.type('html').send(renderAdminPage(items));
});

adminRoutes.post('/admin/approve/:id', async function approvePendingHat(req, res) {
  const id = Number(req.params.id);
  if (!Number.isInteger(id) || id <= 0) {
    res.status(400).send('hat id must be a positive integer');
    return;
  }
  await approveHat(id);
  res.redirect(303, '/admin');
});
