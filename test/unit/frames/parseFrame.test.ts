import assert from 'node:assert/strict';
import { parseFrameName } from '../../../src/core/frames/parseFrame';
import type { ParsedFrame } from '../../../src/core/frames/parsedFrame';

type Expect = Partial<Omit<ParsedFrame, 'raw'>>;

/** Each row: a frame name as a real profiler prints it, and what the user should be taken to. */
const CASES: Array<[string, Expect]> = [
  // Go (Pixie, pprof)
  ['main.createSampleImage', { language: 'go', module: 'main', function: 'createSampleImage', type: undefined, scope: ['main'] }],
  ['main.main', { language: 'go', module: 'main', function: 'main' }],
  ['github.com/o/r/pkg.(*Server).Handle', { language: 'go', module: 'github.com/o/r/pkg', type: 'Server', function: 'Handle', scope: ['github.com', 'o', 'r', 'pkg', 'Server'] }],
  ['github.com/o/r/pkg.Server.Handle', { language: 'go', module: 'github.com/o/r/pkg', type: 'Server', function: 'Handle' }],
  ['github.com/o/r/pkg.Func.func1', { language: 'go', function: 'Func', closure: 'func1', type: undefined }],
  ['pkg.Func.func1', { language: 'go', module: 'pkg', function: 'Func', closure: 'func1' }],
  ['main.(*Server).Handle.func1.2', { language: 'go', type: 'Server', function: 'Handle', closure: 'func1.2' }],
  ['main.main.func1.2', { language: 'go', function: 'main', closure: 'func1.2' }],
  ['runtime.memmove.abi0', { language: 'go', module: 'runtime', function: 'memmove', closure: undefined }],
  ['runtime.morestack.abi0', { language: 'go', function: 'morestack' }],
  ['main.Map[...]', { language: 'go', module: 'main', function: 'Map' }],
  ['github.com/o/r/list.(*List[...]).Push', { language: 'go', type: 'List', function: 'Push', module: 'github.com/o/r/list' }],
  ['main.Sum[go.shape.int]', { language: 'go', function: 'Sum' }],
  ['net/http.(*conn).serve', { language: 'go', module: 'net/http', type: 'conn', function: 'serve' }],
  ['net/http.HandlerFunc.ServeHTTP', { language: 'go', module: 'net/http', type: 'HandlerFunc', function: 'ServeHTTP' }],
  ['gopkg.in/yaml%2ev3.(*parser).parse', { language: 'go', module: 'gopkg.in/yaml.v3', type: 'parser', function: 'parse' }],
  ['github.com/gofiber/fiber/v2.(*App).next', { language: 'go', module: 'github.com/gofiber/fiber/v2', type: 'App', function: 'next' }],
  ['main.(*Store).Save-fm', { language: 'go', type: 'Store', function: 'Save' }],
  ['main.handler.gowrap1', { language: 'go', function: 'handler', closure: 'gowrap1' }],
  ['main.process-range1', { language: 'go', function: 'process', closure: 'range1' }],
  ['main.init.0', { language: 'go', function: 'init', closure: '0' }],
  ['main.glob..func1', { language: 'go', resolvable: false, unresolvableReason: 'anonymous' }],
  ['type:.eq.main.Hat', { language: 'go', resolvable: false, unresolvableReason: 'generated' }],
  ['main.(*Server).Handle /app/server.go:42', { language: 'go', type: 'Server', function: 'Handle', file: '/app/server.go', line: 42 }],

  // C++ (demangled by perf / Pixie)
  ['ns1::ns2::Encoder::encode(std::vector<unsigned char, std::allocator<unsigned char> > const&) const', { language: 'cpp', module: 'ns1::ns2', type: 'Encoder', function: 'encode', scope: ['ns1', 'ns2', 'Encoder'] }],
  ['void imaging::resize<float>(imaging::Image<float>&, int, int)', { language: 'cpp', module: 'imaging', function: 'resize', type: undefined }],
  ['(anonymous namespace)::blend_row(unsigned char*, int)', { language: 'cpp', function: 'blend_row', scope: [], module: undefined }],
  ['imaging::(anonymous namespace)::Kernel::apply(float const*)', { language: 'cpp', module: 'imaging', type: 'Kernel', function: 'apply', scope: ['imaging', 'Kernel'] }],
  ['imaging::Matrix::operator()(int, int) const', { language: 'cpp', type: 'Matrix', function: 'operator()' }],
  ['imaging::Matrix::operator<<(int)', { language: 'cpp', type: 'Matrix', function: 'operator<<' }],
  ['std::ostream& imaging::operator<<(std::ostream&, imaging::Matrix const&)', { language: 'cpp', module: 'imaging', function: 'operator<<' }],
  ['imaging::Image::Image(int, int)', { language: 'cpp', type: 'Image', function: 'Image' }],
  ['imaging::Image::~Image()', { language: 'cpp', type: 'Image', function: '~Image' }],
  ['std::vector<int, std::allocator<int> >::push_back(int const&)', { language: 'cpp', module: 'std::vector', function: 'push_back', scope: ['std', 'vector'] }],
  ['imaging::Pipeline::run() [clone .isra.0]', { language: 'cpp', type: 'Pipeline', function: 'run' }],
  ['imaging::process(int)::{lambda(int)#1}::operator()(int) const', { language: 'cpp', module: 'imaging', function: 'process', closure: '{lambda(int)#1}::operator()' }],
  ['compress_block(unsigned char*, int)', { language: 'cpp', function: 'compress_block', scope: [] }],
  ['fmt::v9::detail::format_value[abi:cxx11](int)', { language: 'cpp', function: 'format_value', module: 'fmt::v9::detail' }],

  // Java (Pixie `[j]`, async-profiler, perf-map-agent)
  ['[j] long com.example.hats.HatService::render()', { language: 'java', module: 'com.example.hats', type: 'HatService', function: 'render' }],
  ['[j] void java.lang.Thread::run()', { language: 'java', module: 'java.lang', type: 'Thread', function: 'run' }],
  ['com.example.hats.HatService.render', { language: 'java', module: 'com.example.hats', type: 'HatService', function: 'render', scope: ['com', 'example', 'hats', 'HatService'] }],
  ['com.example.hats.HatService$Cache.get', { language: 'java', type: 'HatService.Cache', function: 'get', scope: ['com', 'example', 'hats', 'HatService', 'Cache'] }],
  ['com/example/hats/HatService.render_[j]', { language: 'java', module: 'com.example.hats', type: 'HatService', function: 'render' }],
  ['com/example/hats/HatService.render', { language: 'java', module: 'com.example.hats', function: 'render' }],
  ['Lcom/example/hats/HatService;::render', { language: 'java', module: 'com.example.hats', type: 'HatService', function: 'render' }],
  ['com.example.hats.HatService.lambda$render$0', { language: 'java', function: 'render', closure: 'lambda$render$0' }],
  ['com.example.hats.HatService.<init>', { language: 'java', type: 'HatService', function: 'HatService' }],
  ['com.example.hats.HatService$$Lambda$14/0x0000000800c03000.apply', { language: 'java', resolvable: false }],

  // Rust
  ['hatshop::render::Renderer::draw', { language: 'rust', module: 'hatshop::render', type: 'Renderer', function: 'draw', scope: ['hatshop', 'render', 'Renderer'] }],
  ['hatshop::render::draw_all::h0123456789abcdef', { language: 'rust', module: 'hatshop::render', function: 'draw_all', type: undefined }],
  ['hatshop::render::draw_all::h0123abcd', { language: 'rust', function: 'draw_all' }],
  ['<hatshop::render::Renderer as core::fmt::Display>::fmt', { language: 'rust', module: 'hatshop::render', type: 'Renderer', trait: 'Display', function: 'fmt' }],
  ['<T as hatshop::Draw>::draw', { language: 'rust', type: 'T', trait: 'Draw', function: 'draw' }],
  ['hatshop::main::{{closure}}', { language: 'rust', module: 'hatshop', function: 'main', closure: '{{closure}}' }],
  ['hatshop::worker::{closure#0}', { language: 'rust', function: 'worker', closure: '{closure#0}' }],
  ['alloc::vec::Vec<T,A>::push', { language: 'rust', module: 'alloc::vec', type: 'Vec', function: 'push' }],
  ['core::ptr::drop_in_place<hatshop::Hat>', { language: 'rust', module: 'core::ptr', function: 'drop_in_place' }],

  // Python
  ['handler (app.py:12)', { language: 'python', function: 'handler', file: 'app.py', line: 12 }],
  ['upload_hat (/app/hats/views.py:41)', { language: 'python', function: 'upload_hat', file: '/app/hats/views.py', line: 41 }],
  ['HatView.get (/app/hats/views.py:77)', { language: 'python', type: 'HatView', function: 'get', line: 77 }],
  ['<module> (app.py:1)', { language: 'python', function: '', resolvable: true, line: 1 }],
  ['app.py:12 - handler', { language: 'python', function: 'handler', file: 'app.py', line: 12 }],
  ['handler /app/app.py:12', { language: 'python', function: 'handler', file: '/app/app.py', line: 12 }],

  // JavaScript (perf maps, inspector, pprof)
  ['JS:*handler /app/dist/server.js:12:5', { language: 'js', function: 'handler', file: '/app/dist/server.js', line: 12, column: 5 }],
  ['JS:~renderPreviews /app/dist/routes/admin.js:30:22', { language: 'js', function: 'renderPreviews', line: 30, column: 22 }],
  ['LazyCompile:*handler /app/dist/server.js:12', { language: 'js', function: 'handler', file: '/app/dist/server.js', line: 12, column: undefined }],
  ['handler /app/dist/server.js:12:5', { language: 'js', function: 'handler', file: '/app/dist/server.js', line: 12, column: 5 }],
  ['handler file:///app/dist/server.js:12:5', { language: 'js', function: 'handler', file: '/app/dist/server.js', line: 12, column: 5 }],
  ['handler (file:///app/dist/server.js:12:5)', { language: 'js', function: 'handler', file: '/app/dist/server.js', line: 12 }],
  ['(anonymous) /app/dist/server.js:40:18', { language: 'js', function: '', resolvable: true, line: 40 }],
  ['JS:* /app/dist/server.js:40:18', { language: 'js', function: '', resolvable: true, line: 40, column: 18 }],
  ['(anonymous)', { language: 'js', resolvable: false, unresolvableReason: 'anonymous' }],
  ['HatStore.list /app/dist/store.js:8:3', { language: 'js', type: 'HatStore', function: 'list' }],
  ['JS:*async handler /app/dist/server.js:12:5', { language: 'js', function: 'handler' }],
  ['processTicksAndRejections node:internal/process/task_queues:95:5', { language: 'js', resolvable: false, unresolvableReason: 'runtime' }],
  ['Builtin:ArrayPrototypePush', { language: 'js', resolvable: false, unresolvableReason: 'runtime' }],
  ['(garbage collector)', { language: 'js', resolvable: false }],
  ['Script:~ /app/dist/server.js', { language: 'js', function: '', file: '/app/dist/server.js', line: undefined }],

  // Kernel and unsymbolized
  ['[k] do_syscall_64', { resolvable: false, unresolvableReason: 'kernel', function: 'do_syscall_64' }],
  ['finish_task_switch_[k]', { resolvable: false, unresolvableReason: 'kernel' }],
  ['0x00007f3a2b1c4d5e', { resolvable: false, unresolvableReason: 'unsymbolized' }],
  ['[unknown]', { resolvable: false, unresolvableReason: 'unsymbolized' }],
  ['<not symbolized>', { resolvable: false, unresolvableReason: 'unsymbolized' }],
  ['libc.so.6+0x9a1b3', { resolvable: false, unresolvableReason: 'unsymbolized' }],
  ['', { resolvable: false }],
];

describe('parseFrameName', () => {
  for (const [raw, expected] of CASES) {
    it(`parses ${JSON.stringify(raw)}`, () => {
      const parsed = parseFrameName(raw);
      const picked = Object.fromEntries(Object.keys(expected).map((k) => [k, parsed[k as keyof ParsedFrame]]));
      assert.deepEqual(picked, expected, JSON.stringify(parsed));
      assert.equal(parsed.raw, raw);
      if (parsed.resolvable !== false && expected.resolvable === undefined) assert.equal(parsed.resolvable, true);
    });
  }

  it('marks names whose syntax fits several languages as guessed', () => {
    assert.equal(parseFrameName('hatshop::render::draw').languageGuessed, true);
    assert.equal(parseFrameName('main.createSampleImage').languageGuessed, true);
    assert.equal(parseFrameName('ns::f(int)').languageGuessed, undefined);
    assert.equal(parseFrameName('github.com/o/r/pkg.(*Server).Handle').languageGuessed, undefined);
  });

  it('uses the language a caller knows instead of guessing', () => {
    const py = parseFrameName('views.upload_hat', { language: 'python' });
    assert.equal(py.language, 'python');
    assert.equal(py.function, 'upload_hat');
    const cpp = parseFrameName('imaging::blend', { language: 'cpp' });
    assert.equal(cpp.language, 'cpp');
    assert.deepEqual(cpp.scope, ['imaging']);
  });

  it('gives an unknown name back whole instead of failing', () => {
    const odd = parseFrameName('Server.handle');
    assert.equal(odd.language, 'unknown');
    assert.equal(odd.type, 'Server');
    assert.equal(odd.function, 'handle');
    assert.equal(parseFrameName('handler').function, 'handler');
  });
});
