// The Vizier API test server and its fixtures, importable from unit tests, benches and the extension-host tests.

export { startVizierTestServer } from './server';
export type { VizierTestServer, VizierTestServerOptions } from './server';
export { answerFlamelensScripts, tablesFor } from './behaviours';
export type { Behaviour, RecordedCall, RecordedFunc, Responder } from './behaviours';
export type { TestTable } from './tableMessages';
export { stackTraceFixture, filterStackRows, contextOfRow, generatedStackRows, generatedUniqueRows, generatedTotalSamples } from './stackFixtures';
export type { StackTraceRow } from './stackFixtures';
export { latencyFixture } from './latencyFixtures';
export { makeTestCertificates } from './testCertificates';
export type { TestCertificates } from './testCertificates';
export { signBearerToken, checkBearerToken } from './bearerToken';
