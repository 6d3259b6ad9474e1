// What a profiler's frame name says about the code it ran: language, module, type, function, and position when given.

export type FrameLanguage = 'go' | 'cpp' | 'java' | 'rust' | 'python' | 'js' | 'unknown';

/** Why a frame can never be found in a workspace. */
export type UnresolvableReason = 'kernel' | 'unsymbolized' | 'runtime' | 'generated' | 'anonymous';

export interface ParsedFrame {
  /** The frame name exactly as the profile gave it. */
  raw: string;
  language: FrameLanguage;
  /**
   * True when the name's syntax fits more than one language and `language` is the likeliest
   * (`a::b::c` is Rust or C++; `pkg.Func` is Go or something dotted). A resolver should then
   * accept definitions from the sibling languages too, ranked lower.
   */
  languageGuessed?: boolean;
  /** False for frames with nothing to find in a workspace (kernel, unsymbolized, VM internals). */
  resolvable: boolean;
  unresolvableReason?: UnresolvableReason;
  /**
   * Package / module / namespace in the language's own notation: Go import path
   * (`github.com/o/r/pkg`, `main`), Java package (`a.b`), Rust path (`crate::mod`),
   * C++ namespaces (`ns1::ns2`), Python module (`app.views`).
   */
  module?: string;
  /** Receiver / class / impl type, generics dropped; nested types joined with `.` (`Outer.Inner`). */
  type?: string;
  /** Rust `<T as Trait>::m`: the trait. */
  trait?: string;
  /**
   * The named function to look for. For closures and lambdas this is the enclosing named
   * function (see `closure`); for constructors it is the class name (as definitions are named).
   * Empty for anonymous functions (then only `file`/`line` can locate it).
   */
  function: string;
  /** Closure / lambda part the frame was in, inside `function` (`func1.2`, `{lambda(int)#1}`, `{{closure}}`, `lambda$run$0`). */
  closure?: string;
  /**
   * Every qualifier the name gives, outermost first, normalised for matching against
   * definitions: module segments then type segments (`['github.com','o','r','pkg','Server']`).
   */
  scope: string[];
  /** Source position carried by the name (JS, Python, pprof). Container path, not a workspace path. */
  file?: string;
  /** 1-based. */
  line?: number;
  /** 1-based (as V8 and Node stack traces print it). */
  column?: number;
}
