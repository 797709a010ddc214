import restify, { type Request, type Response } from 'restify';

/**
 * The benchmark's baseline and sink: a bare restify JSON echo (POST /echo), and a Bot Framework channel
 * stand-in that accepts the bot's replies (POST /v3/conversations/…) so /api/messages turns complete.
 */
const server = restify.createServer({ name: 'echo' });
server.use(restify.plugins.bodyParser({ mapParams: false }));
server.post('/echo', async (req: Request, res: Response) => {
  res.send(200, req.body);
});
server.post('/v3/conversations/:id/activities/:activityId', async (_req: Request, res: Response) => {
  res.send(200, { id: 'ok' });
});
server.post('/v3/conversations/:id/activities', async (_req: Request, res: Response) => {
  res.send(200, { id: 'ok' });
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${address.port}\n`);
});
