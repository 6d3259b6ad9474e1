import assert from 'node:assert/strict';
import * as path from 'node:path';
import { createWorkspaceServices } from '../../../src/workspace';
import type { RouteRegistration } from '../../../src/workspace/routes/route';
import { analyze, PROJECTS, rel, WASM_DIR } from './support';

function show(routes: RouteRegistration[]): string[] {
  return routes.map((r) => `${r.method} ${r.path} ${r.framework} @${r.line} ${r.handlerName ?? (r.handlerLocation ? `<inline @${r.handlerLocation.line}>` : '-')}`);
}

async function routesOf(file: string, text: string): Promise<string[]> {
  return show((await analyze(file, text)).routes);
}

describe('route detection', () => {
  describe('in the fixture projects', () => {
    const ws = createWorkspaceServices({ roots: [PROJECTS], wasmDir: WASM_DIR });
    after(() => ws.dispose());

    it('finds every route with its handler definition across files', async () => {
      const routes = (await ws.index.routes()).map((r) => {
        const handler = r.handlerLocation ? `${rel(r.handlerLocation.file)}:${r.handlerLocation.line}` : '-';
        return `${r.method}\t${r.path}\t${rel(r.file)}:${r.line}\t${r.handlerName ?? ''}\t${handler}`;
      });
      assert.deepEqual(routes, [
        'GET\t/:id\texpress-ts/src/routes/hats.ts:19\t\texpress-ts/src/routes/hats.ts:19',
        'GET\t/admin\texpress-ts/src/server.ts:11\tadminPage\texpress-ts/src/handlers/admin.ts:6',
        'POST\t/upload\texpress-ts/src/server.ts:12\tuploadHat\texpress-ts/src/handlers/upload.ts:5',
        'GET\t/healthz\texpress-ts/src/server.ts:14\t\texpress-ts/src/server.ts:14',
        'POST\t/upload\tflask-hats/app.py:12\tupload\tflask-hats/app.py:13',
        'GET\t/admin\tflask-hats/app.py:21\tadmin\tflask-hats/app.py:22',
        'GET\t/healthz\tflask-hats/app.py:32\thealthz\tflask-hats/app.py:28',
        'GET\t/<hat_id>\tflask-hats/hats/views.py:9\that_detail\tflask-hats/hats/views.py:10',
        'DELETE\t/<hat_id>\tflask-hats/hats/views.py:9\that_detail\tflask-hats/hats/views.py:10',
        'GET\t/admin\tgo-hats/main.go:18\tUnmoderatedPic\tgo-hats/admin.go:17',
        'GET\t/hats/:id\tgo-hats/main.go:19\t\tgo-hats/main.go:19',
        'POST\t/upload\tgo-hats/main.go:30\thandleUpload\tgo-hats/upload.go:16',
        'ANY\t/healthz\tgo-hats/main.go:31\thealthz\tgo-hats/main.go:35',
      ]);
    });

    it('names the framework of each registration', async () => {
      const byFile = new Map<string, Set<string>>();
      for (const r of await ws.index.routes()) byFile.set(rel(r.file), (byFile.get(rel(r.file)) ?? new Set()).add(r.framework));
      assert.deepEqual([...byFile.get('go-hats/main.go')!].sort(), ['fiber', 'net/http']);
      assert.deepEqual([...byFile.get('express-ts/src/server.ts')!], ['express']);
      assert.deepEqual([...byFile.get('flask-hats/app.py')!], ['flask']);
    });

    it('lists the routes of one file for its CodeLens', async () => {
      const routes = await ws.index.routesIn(path.join(PROJECTS, 'go-hats/main.go'));
      assert.deepEqual(routes.map((r) => `${r.method} ${r.path}`), ['GET /admin', 'GET /hats/:id', 'POST /upload', 'ANY /healthz']);
    });
  });

  it('Express: router verbs, middleware chains, wrappers, app.route chains, app.all', async () => {
    const routes = await routesOf(
      'src/app.ts',
      [
        "import express from 'express';",
        'const router = express.Router();',
        "router.post('/hats', requireAuth, upload.single('image'), asyncHandler(createHat));",
        "app.route('/book').get(listBooks).put((req, res) => res.end());",
        "app.all('/any', anything);",
        "app.get(`/static`, handlers.staticPage);",
        "app.use('/api', router);",
      ].join('\n'),
    );
    assert.deepEqual(routes, ['POST /hats express @3 createHat', 'GET /book express @4 listBooks', 'PUT /book express @4 <inline @4>', 'ANY /any express @5 anything', 'GET /static express @6 staticPage']);
  });

  it('Fastify: shorthand with options, and fastify.route({ method, url, handler })', async () => {
    const routes = await routesOf(
      'src/server.js',
      [
        "const fastify = require('fastify')();",
        "fastify.get('/hats', { schema: {} }, listHats);",
        "fastify.route({ method: ['GET', 'HEAD'], url: '/admin', handler: adminPage });",
        "fastify.route({ method: 'POST', url: '/upload', async handler(req, reply) { return 1; } });",
      ].join('\n'),
    );
    assert.deepEqual(routes, ['GET /hats fastify @2 listHats', 'GET /admin fastify @3 adminPage', 'HEAD /admin fastify @3 adminPage', 'POST /upload fastify @4 handler']);
  });

  it('Koa router, including named routes', async () => {
    const routes = await routesOf('src/routes.js', "import Router from '@koa/router';\nconst router = new Router();\nrouter.get('hat', '/hats/:id', showHat);\nrouter.del;\nrouter.post('/hats', createHat);");
    assert.deepEqual(routes, ['GET /hats/:id koa @3 showHat', 'POST /hats koa @5 createHat']);
  });

  it('ignores HTTP clients and maps that share the verbs', async () => {
    const routes = await routesOf(
      'src/client.ts',
      ["await axios.get('/api/hats', { params });", "await request(app).get('/admin');", "cache.get('/admin');", "const r = await fetch('/admin');", "http.get('/x', (res) => {});"].join('\n'),
    );
    assert.deepEqual(routes, []);
  });

  it('Go net/http and gorilla: HandleFunc, Handle, Go 1.22 method patterns, .Methods()', async () => {
    const routes = await routesOf(
      'main.go',
      [
        'package main',
        'import ("net/http"; "github.com/gorilla/mux")',
        'func main() {',
        '\thttp.HandleFunc("/upload", upload)',
        '\tmux.HandleFunc("GET /admin", srv.admin)',
        '\tmux.Handle("POST example.com/hats/{id}", http.HandlerFunc(createHat))',
        '\tr.HandleFunc("/items", items).Methods("GET", "HEAD")',
        '\thttp.Handle("/metrics", promhttp.Handler())',
        '\thttp.Get("/not-a-route")',
        '}',
      ].join('\n'),
    );
    assert.deepEqual(routes, [
      'ANY /upload gorilla @4 upload',
      'GET /admin gorilla @5 admin',
      'POST /hats/{id} gorilla @6 createHat',
      'GET,HEAD /items gorilla @7 items',
      'ANY /metrics gorilla @8 Handler',
    ]);
  });

  it('Fiber with groups, and Chi with Route blocks', async () => {
    const fiber = await routesOf(
      'fiber.go',
      'package main\nimport "github.com/gofiber/fiber/v2"\nfunc setup(app *fiber.App) {\n\tapi := app.Group("/api")\n\tv1 := api.Group("/v1")\n\tv1.Get("/hats", listHats)\n\tapp.Post("/upload", h.Upload)\n\tapp.All("/any", any)\n}\n',
    );
    assert.deepEqual(fiber, ['GET /api/v1/hats fiber @6 listHats', 'POST /upload fiber @7 Upload', 'ANY /any fiber @8 any']);
    const chi = await routesOf(
      'chi.go',
      'package main\nimport "github.com/go-chi/chi/v5"\nfunc routes(r chi.Router) {\n\tr.Get("/", index)\n\tr.Route("/admin", func(r chi.Router) {\n\t\tr.Get("/", adminIndex)\n\t\tr.Post("/hats/{id}", moderate)\n\t})\n\tr.Method("DELETE", "/hats/{id}", deleteHat)\n}\n',
    );
    assert.deepEqual(chi, ['GET / chi @4 index', 'GET /admin chi @6 adminIndex', 'POST /admin/hats/{id} chi @7 moderate', 'DELETE /hats/{id} chi @9 deleteHat']);
  });

  it('Gin and Echo: upper-case verbs; Echo takes the handler before middleware', async () => {
    const gin = await routesOf('gin.go', 'package main\nimport "github.com/gin-gonic/gin"\nfunc main() {\n\tr := gin.Default()\n\tv1 := r.Group("/v1")\n\tv1.GET("/hats", auth(), listHats)\n\tr.Any("/ping", func(c *gin.Context) {})\n\tr.Handle("PATCH", "/hats/:id", patchHat)\n}\n');
    assert.deepEqual(gin, ['GET /v1/hats gin @6 listHats', 'ANY /ping gin @7 <inline @7>', 'PATCH /hats/:id gin @8 patchHat']);
    const echo = await routesOf('echo.go', 'package main\nimport "github.com/labstack/echo/v4"\nfunc main() {\n\te := echo.New()\n\te.GET("/hats", listHats, middleware.Logger())\n\te.POST("/upload", h.upload)\n}\n');
    assert.deepEqual(echo, ['GET /hats echo @5 listHats', 'POST /upload echo @6 upload']);
  });

  it('Flask and FastAPI decorators, blueprints, routers and add_url_rule', async () => {
    const flask = await routesOf(
      'app.py',
      "from flask import Flask\napp = Flask(__name__)\n\n@app.route('/upload', methods=['POST', 'PUT'])\ndef upload():\n    pass\n\n@bp.get('/hats')\ndef hats():\n    pass\n\n@app.route('/')\n@login_required\ndef index():\n    pass\n\napp.add_url_rule('/health', 'health', view_func=health)\nrequests.get('/not-a-route')\n",
    );
    assert.deepEqual(flask, ['POST /upload flask @4 upload', 'PUT /upload flask @4 upload', 'GET /hats flask @8 hats', 'GET / flask @12 index', 'GET /health flask @17 health']);
    const fastapi = await routesOf(
      'main.py',
      "from fastapi import FastAPI, APIRouter\napp = FastAPI()\nrouter = APIRouter()\n\n@app.get('/admin')\nasync def admin():\n    return {}\n\n@router.post('/upload', status_code=201)\nasync def upload():\n    return {}\n\n@app.api_route('/both', methods=['GET', 'POST'])\ndef both():\n    pass\n",
    );
    assert.deepEqual(fastapi, ['GET /admin fastapi @5 admin', 'POST /upload fastapi @9 upload', 'GET /both fastapi @13 both', 'POST /both fastapi @13 both']);
  });

  it('places a decorated handler at its def line, not the decorator', async () => {
    const { routes } = await analyze('app.py', "@app.get('/admin')\ndef admin():\n    return 'x'\n");
    assert.equal(routes[0].line, 1);
    assert.equal(routes[0].handlerLocation?.line, 2);
    assert.equal(routes[0].handlerLocation?.endLine, 3);
  });
});
