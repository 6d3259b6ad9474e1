// Admin service: the moderation page (GET /admin) and approvals.

import express, { NextFunction, Request, Response } from 'express';
import { serve } from '../shared/serve';
import { adminRoutes } from './routes';

const app = express();
app.use(adminRoutes);
app.use((err: Error, _req: Request, res: Response, _next: NextFunction) => {
  res.status(502).type('text').send(`admin-service: ${err.message}`);
});

serve(app, 'admin-service');
