import assert from 'node:assert/strict';
import { analyze } from './support';

async function names(file: string, text: string, moduleScope: string[] = []): Promise<string[]> {
  const { definitions } = await analyze(file, text, moduleScope);
  return definitions.map((d) => `${d.kind} ${d.qualifiedName} @${d.line}`);
}

describe('definitions by language', () => {
  it('Go: functions, pointer and value receivers (generic too), types, scoped by import path', async () => {
    const defs = await names(
      'store/store.go',
      ['package store', 'type Store struct{}', 'func Open() *Store { return nil }', 'func (s *Store) Save() error { return nil }', 'func (l List[T]) Len() int { return 0 }', 'func (l *List[T]) Push(v T) {}'].join('\n'),
      ['github.com', 'hatshop', 'hats', 'store'],
    );
    assert.deepEqual(defs.sort(), ['function store.Open @3', 'method store.(*List).Push @6', 'method store.(*Store).Save @4', 'method store.List.Len @5', 'type store.Store @2'].sort());
    const { definitions } = await analyze('main.go', 'package main\nfunc createSampleImage() {}', ['github.com', 'hatshop', 'hats']);
    assert.deepEqual(definitions[0].scope, ['main'], 'main packages are named `main` in frames whatever their path');
  });

  it('TypeScript: declarations, classes, methods, arrow functions in consts, objects and exports', async () => {
    const defs = await names(
      'src/admin.ts',
      [
        'export async function adminPage() {}',
        'export const renderPreview = async (hat: string) => hat;',
        'class HatStore {',
        '  constructor() {}',
        '  async list() { return []; }',
        '  onSave = () => {};',
        '}',
        'export const handlers = { upload: async () => {}, remove() {} };',
        'module.exports.legacy = function () {};',
        'HatStore.prototype.extra = function () {};',
      ].join('\n'),
    );
    assert.deepEqual(defs, [
      'function adminPage @1',
      'function renderPreview @2',
      'class HatStore @3',
      'constructor HatStore.HatStore @4',
      'method HatStore.list @5',
      'method HatStore.onSave @6',
      'method handlers.upload @8',
      'method handlers.remove @8',
      'function legacy @9',
      'method HatStore.extra @10',
    ]);
  });

  it('JavaScript and TSX use their own grammars', async () => {
    assert.deepEqual(await names('dist/a.js', 'class A { x = () => 1; m() {} }\nfunction f() {}'), ['class A @1', 'method A.x @1', 'method A.m @1', 'function f @2']);
    assert.deepEqual(await names('src/View.tsx', 'export function HatList() { return <ul>{[1].map((h) => <li>{h}</li>)}</ul>; }'), ['function HatList @1']);
  });

  it('Python: functions, classes, methods with module scope', async () => {
    const defs = await names('hats/views.py', 'class HatView:\n    def get(self):\n        def inner():\n            pass\n\ndef upload():\n    pass\n', ['hats', 'views']);
    assert.deepEqual(defs.sort(), ['class hats.views.HatView @1', 'function hats.views.HatView.inner @3', 'function hats.views.upload @6', 'method hats.views.HatView.get @2'].sort());
  });

  it('Java: package, nested classes, constructors, enums and records', async () => {
    const defs = await names(
      'HatService.java',
      'package com.example.hats;\npublic class HatService {\n  public HatService() {}\n  long render() { return 1; }\n  static class Cache { String get(int k) { return null; } }\n  enum Kind { A; void m() {} }\n}\n',
    );
    assert.ok(defs.includes('constructor com.example.hats.HatService.HatService @3'));
    assert.ok(defs.includes('method com.example.hats.HatService.render @4'));
    assert.ok(defs.includes('method com.example.hats.HatService.Cache.get @5'));
    assert.ok(defs.includes('method com.example.hats.HatService.Kind.m @6'));
    assert.ok(defs.includes('class com.example.hats.HatService.Cache @5'));
  });

  it('C++: namespaces, in-class and out-of-line methods, operators, constructors, anonymous namespaces; no declarations', async () => {
    const defs = await names(
      'kernel.cc',
      [
        'namespace imaging {',
        'namespace { float clamp01(float v) { return v; } }',
        'class Kernel { public: Kernel(int r) {} void apply() const; float operator ()(int x) const { return 0; } };',
        'void Kernel::apply() const {}',
        'template <typename T> void resize(T f) {}',
        'int* lookup(int k) { return nullptr; }',
        '}',
        'namespace a::b { void f() {} }',
        'std::ostream& operator<<(std::ostream& o, const imaging::Kernel& k) { return o; }',
        'struct Forward;',
      ].join('\n'),
    );
    assert.deepEqual(defs.sort(), [
      'class imaging::Kernel @3',
      'constructor imaging::Kernel::Kernel @3',
      'function a::b::f @8',
      'function imaging::clamp01 @2',
      'function imaging::lookup @6',
      'function imaging::resize @5',
      'function operator<< @9',
      'method imaging::Kernel::apply @4',
      'method imaging::Kernel::operator() @3',
    ].sort());
  });

  it('Rust: fns in mods, impls (inherent and trait) and traits, with crate scope', async () => {
    const defs = await names(
      'src/render/mod.rs',
      'pub struct Renderer;\nimpl Renderer { pub fn draw(&self) {} }\nimpl<T> fmt::Display for Wrapper<T> { fn fmt(&self) {} }\nmod inner { pub fn helper() {} }\ntrait Draw { fn outline(&self) {} fn sig(&self); }\n',
      ['hat_render', 'render'],
    );
    assert.deepEqual(defs.sort(), [
      'method hat_render::render::Draw::outline @5',
      'method hat_render::render::Renderer::draw @2',
      'method hat_render::render::Wrapper::fmt @3',
      'function hat_render::render::inner::helper @4',
      'type hat_render::render::Draw @5',
      'type hat_render::render::Renderer @1',
    ].sort());
  });

  it('gives nothing, not an error, for a file that does not parse cleanly', async () => {
    const { definitions } = await analyze('broken.go', 'package main\nfunc ok() {}\nfunc broken( {\n');
    assert.ok(definitions.some((d) => d.name === 'ok'));
  });
});
