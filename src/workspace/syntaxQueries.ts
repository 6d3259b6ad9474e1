// One tree-sitter query per language naming the node kinds the extractors read, run once per file.
//
// Patterns are node types only: field constraints make query compilation slow (C++:
// ~170 ms for one pattern with a field, against ~17 ms for all three below), and that
// compilation is synchronous. Extractors read fields in code instead.

import type { SourceLanguage } from './sourceLanguage';

const TYPESCRIPT = `
(function_declaration) @function (generator_function_declaration) @function
(class_declaration) @class (abstract_class_declaration) @class (class) @class
(method_definition) @method (public_field_definition) @field
(variable_declarator) @variable (pair) @pair (assignment_expression) @assignment
(call_expression) @call (import_statement) @import
`;

export const SYNTAX_QUERIES: Record<SourceLanguage, string> = {
  go: '(package_clause) @package (function_declaration) @function (method_declaration) @method (type_spec) @type (import_spec) @import (call_expression) @call',
  typescript: TYPESCRIPT,
  tsx: TYPESCRIPT,
  javascript: `
(function_declaration) @function (generator_function_declaration) @function
(class_declaration) @class (class) @class
(method_definition) @method (field_definition) @field
(variable_declarator) @variable (pair) @pair (assignment_expression) @assignment
(call_expression) @call (import_statement) @import
`,
  python: '(function_definition) @function (class_definition) @class (call) @call (import_from_statement) @import (import_statement) @import',
  java: `
(package_declaration) @package
(method_declaration) @method (constructor_declaration) @constructor (compact_constructor_declaration) @constructor
(class_declaration) @class (interface_declaration) @class (enum_declaration) @class (record_declaration) @class
`,
  cpp: '(function_definition) @function (class_specifier) @class (struct_specifier) @class (namespace_definition) @namespace',
  rust: '(function_item) @function (struct_item) @type (enum_item) @type (trait_item) @trait (mod_item) @mod (impl_item) @impl',
};
